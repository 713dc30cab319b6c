#include "domain/auth/scope.h"

#include <algorithm>

namespace dj {

bool Scope::HasAnyRole(RoleSet roles, NodeId node) const {
  for (const RoleGrant& g : grants_) {
    if (roles.Contains(g.role) && roster_.IsInSubtree(node, g.node_id)) return true;
  }
  return false;
}

bool Scope::HoldsAny(RoleSet roles) const {
  return std::any_of(grants_.begin(), grants_.end(),
                     [&](const RoleGrant& g) { return roles.Contains(g.role); });
}

std::vector<NodeId> Scope::Roots(RoleSet roles) const {
  std::vector<NodeId> candidates;
  for (const RoleGrant& g : grants_) {
    if (roles.Contains(g.role) &&
        std::find(candidates.begin(), candidates.end(), g.node_id) == candidates.end() &&
        roster_.IsInSubtree(g.node_id, g.node_id)) {  // false when the node is gone
      candidates.push_back(g.node_id);
    }
  }
  std::vector<NodeId> roots;
  for (NodeId n : candidates) {
    bool covered = std::any_of(candidates.begin(), candidates.end(), [&](NodeId other) {
      return other != n && roster_.IsInSubtree(n, other);
    });
    if (!covered) roots.push_back(n);
  }
  return roots;
}

bool Scope::ReachesEverything(RoleSet roles) const {
  std::optional<OrgNode> root = roster_.Root();
  if (!root) return false;
  return std::any_of(grants_.begin(), grants_.end(), [&](const RoleGrant& g) {
    return roles.Contains(g.role) && g.node_id == root->id;
  });
}

bool Scope::CanGrant(Role role, NodeId node) const {
  if (HasRole(Role::kCommitteeAdmin, node)) return true;
  constexpr RoleSet kUnitAdminMayGrant{Role::kUnitAdmin, Role::kBranchSecretary, Role::kMember};
  return kUnitAdminMayGrant.Contains(role) && HasRole(Role::kUnitAdmin, node);
}

bool Scope::CanManage(const User& target, const std::vector<RoleGrant>& target_grants) const {
  if (!target_grants.empty()) {
    return std::all_of(target_grants.begin(), target_grants.end(),
                       [&](const RoleGrant& g) { return CanGrant(g.role, g.node_id); });
  }
  if (target.member_id) {
    if (std::optional<NodeId> place = roster_.PlaceOf(*target.member_id)) {
      return HasAnyRole(kAdminRoles, *place);
    }
  }
  return ReachesEverything(RoleSet{Role::kCommitteeAdmin});
}

}  // namespace dj
