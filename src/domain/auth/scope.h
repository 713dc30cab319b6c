// What one user may reach: their role grants read against the organisation tree.
//
// A grant of role R on node N gives R on N and on every node below N. Questions are answered
// by the roster's pre-order ranges (a range test per grant), so a check costs a few
// comparisons; users hold a handful of grants.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "domain/auth/user.h"
#include "domain/roster/roster.h"

namespace dj {

// A set of roles, e.g. RoleSet{Role::kCommitteeAdmin, Role::kAuditor}.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {  // NOLINT: implicit by design
    for (Role r : roles) bits_ |= Bit(r);
  }
  constexpr bool Contains(Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr uint32_t Bit(Role r) { return 1u << static_cast<int>(r); }
  uint32_t bits_ = 0;
};

// Every role.
inline constexpr RoleSet kAllRoles{Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary,
                                   Role::kMember,         Role::kReviewer,  Role::kAuditor};

// The roles that administer users and grants.
inline constexpr RoleSet kAdminRoles{Role::kCommitteeAdmin, Role::kUnitAdmin};

// Immutable after construction; thread-safe as the roster is. `roster` must outlive it.
class Scope {
 public:
  // The scope of user `user_id` holding `grants`.
  Scope(const Roster& roster, UserId user_id, std::vector<RoleGrant> grants)
      : roster_(roster), user_id_(user_id), grants_(std::move(grants)) {}

  UserId user_id() const { return user_id_; }
  const std::vector<RoleGrant>& grants() const { return grants_; }

  // True when the user holds `role` on `node` or on an ancestor of it. False for a node that
  // does not exist.
  bool HasRole(Role role, NodeId node) const { return HasAnyRole(RoleSet{role}, node); }
  bool HasAnyRole(RoleSet roles, NodeId node) const;
  // True when the user holds any of `roles` on any node.
  bool HoldsAny(RoleSet roles) const;

  // The roots of the subtrees the user reaches through any of `roles`: no root lies inside
  // another, and nodes that no longer exist are left out. Empty when the user reaches nothing.
  // A list filtered by scope keeps the rows whose node lies under one of these.
  std::vector<NodeId> Roots(RoleSet roles) const;
  // True when one of `roles` is held on the root of the tree (so Roots() is the whole tree).
  bool ReachesEverything(RoleSet roles) const;

  // Whether this user may grant `role` on `node`: a committee admin any role within their
  // subtree; a unit admin the unit_admin, branch_secretary and member roles within theirs;
  // nobody else anything.
  bool CanGrant(Role role, NodeId node) const;
  // Whether this user may administer `target` (edit, disable, reset the password, change
  // grants): they could have granted every grant the target holds; a target without grants
  // is reachable through the member it is linked to (a committee or unit admin over that
  // member's branch), and otherwise only by a committee admin of the whole tree.
  bool CanManage(const User& target, const std::vector<RoleGrant>& target_grants) const;

 private:
  const Roster& roster_;
  UserId user_id_;
  std::vector<RoleGrant> grants_;
};

}  // namespace dj
