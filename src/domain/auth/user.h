// Accounts (用户) and the roles they hold on nodes of the organisation tree.
//
// A user logs in with a username or a mobile phone number. A user may be a party member
// (member_id) but need not be (an expert reviewer from outside, a system administrator).
// What a user may see and do comes only from their role grants: each grant names a role and
// an org node, and reaches that node's whole subtree (scope.h answers the questions).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/org/org_node.h"

namespace dj {

using UserId = int64_t;

enum class Role {
  kCommitteeAdmin,   // 工委管理员: sets up units, indicators, contests; sees everything below
  kUnitAdmin,        // 单位管理员: runs a unit's branches and reviews their records
  kBranchSecretary,  // 支部书记: records meetings, members, dues of a branch
  kMember,           // 党员: sees their own records and their branch's public information
  kReviewer,         // 评审专家: scores submitted cases, suggestions, projects
  kAuditor,          // 审计员: reads everything below the node, including the audit log
};
inline constexpr int kRoleCount = 6;

// "committee_admin", "unit_admin", "branch_secretary", "member", "reviewer", "auditor".
const char* RoleId(Role role);
std::optional<Role> ParseRole(std::string_view id);
// "工委管理员", "单位管理员", "支部书记", "党员", "评审专家", "审计员".
const char* RoleLabel(Role role);

struct User {
  UserId id = 0;
  std::string username;               // unique; lower-case ASCII (see ValidateUsername)
  std::optional<std::string> phone;   // unique mobile number, also accepted at login
  std::string display_name;           // the person's name as shown in the UI and the audit log
  std::optional<MemberId> member_id;  // unique: one account per member
  // libsodium's argon2id string ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"). Never leaves
  // the server: not in API responses, not in the audit log.
  std::string password_hash;
  // Set for accounts created or reset by an admin: the user must choose a new password
  // before doing anything else.
  bool must_change_password = false;
  bool disabled = false;            // a disabled user cannot log in and has no sessions
  int64_t created_at = 0;           // Unix seconds
  int64_t password_changed_at = 0;  // Unix seconds

  bool operator==(const User&) const = default;
};

// What an update of a user is, as its audit action says.
enum class UserChange {
  kProfile,         // "update": phone, display name, member, disabled
  kPasswordChange,  // "password_change": by the user
  kPasswordReset,   // "password_reset": by an admin, who sets a temporary password
  kPasswordRehash,  // "password_rehash": the same password hashed at the current cost
};
const char* UserChangeAction(UserChange change);

using GrantId = int64_t;

// One role on one node (and so its subtree). Unique per (user_id, role, node_id).
struct RoleGrant {
  GrantId id = 0;
  UserId user_id = 0;
  Role role = Role::kMember;
  NodeId node_id = 0;

  bool operator==(const RoleGrant&) const = default;
};

// Usernames: 2 to 32 characters from a-z, 0-9, ".", "_" and "-", not all digits (an
// all-digit name could be mistaken for a phone number at login). `username` must already be
// canonical (CanonicalLoginName). Returns an empty string when valid, else the Chinese reason.
std::string ValidateUsername(std::string_view username);

// What people type to log in, made comparable: full-width forms to ASCII, trimmed, ASCII
// letters lower-cased.
std::string CanonicalLoginName(std::string_view typed);

// True when `text` is an 11-digit mainland mobile number ("1" followed by 10 digits); such an
// identifier logs in by phone, anything else by username.
bool IsMobileNumber(std::string_view text);

}  // namespace dj
