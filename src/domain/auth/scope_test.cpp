#include "domain/auth/scope.h"

#include <gtest/gtest.h>

#include "domain/testing/auth_fixtures.h"

namespace dj {
namespace {

using namespace dj::testing;  // NOLINT: the tree's node ids

class ScopeTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(roster_.Load(AuthTestTree()).ok()); }

  Scope Of(std::vector<std::pair<Role, NodeId>> grants) {
    std::vector<RoleGrant> out;
    for (auto [role, node] : grants) {
      out.push_back({static_cast<GrantId>(out.size() + 1), 42, role, node});
    }
    return Scope(roster_, 42, std::move(out));
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  Roster roster_{clock_};
};

TEST_F(ScopeTest, RoleReachesTheSubtree) {
  Scope s = Of({{Role::kUnitAdmin, kUnit3}, {Role::kMember, kBranchC}});
  EXPECT_EQ(s.user_id(), 42);
  for (NodeId n : {kUnit3, kBranchA, kBranchB, kGroup6}) {
    EXPECT_TRUE(s.HasRole(Role::kUnitAdmin, n)) << n;
  }
  for (NodeId n : {kCommittee, kZone, kUnit7, kBranchC, NodeId{404}}) {
    EXPECT_FALSE(s.HasRole(Role::kUnitAdmin, n)) << n;
  }
  EXPECT_TRUE(s.HasRole(Role::kMember, kBranchC));
  EXPECT_FALSE(s.HasRole(Role::kMember, kBranchA));
  EXPECT_FALSE(s.HasRole(Role::kBranchSecretary, kBranchA));
  EXPECT_TRUE(s.HasAnyRole({Role::kAuditor, Role::kMember}, kBranchC));
  EXPECT_FALSE(s.HasAnyRole({Role::kAuditor, Role::kReviewer}, kBranchC));
  EXPECT_TRUE(s.HoldsAny(kAdminRoles));
  EXPECT_FALSE(s.HoldsAny({Role::kAuditor}));
  EXPECT_FALSE(s.HoldsAny({}));
}

TEST_F(ScopeTest, RootsLeaveOutNestedAndMissingNodes) {
  Scope s = Of({{Role::kBranchSecretary, kBranchA},
                {Role::kUnitAdmin, kUnit3},
                {Role::kBranchSecretary, kBranchC},
                {Role::kAuditor, NodeId{404}},
                {Role::kBranchSecretary, kGroup6},
                {Role::kReviewer, kCommittee}});
  EXPECT_EQ(s.Roots({Role::kBranchSecretary}), (std::vector<NodeId>{kBranchA, kBranchC}));
  EXPECT_EQ(s.Roots({Role::kBranchSecretary, Role::kUnitAdmin}),
            (std::vector<NodeId>{kUnit3, kBranchC}));
  EXPECT_EQ(s.Roots({Role::kAuditor}), std::vector<NodeId>{});
  EXPECT_EQ(s.Roots({Role::kReviewer, Role::kUnitAdmin}), std::vector<NodeId>{kCommittee});
  EXPECT_TRUE(s.ReachesEverything({Role::kReviewer}));
  EXPECT_FALSE(s.ReachesEverything({Role::kUnitAdmin, Role::kBranchSecretary}));
  EXPECT_TRUE(Of({}).Roots({Role::kMember}).empty());
}

TEST_F(ScopeTest, WhoMayGrantWhat) {
  Scope committee = Of({{Role::kCommitteeAdmin, kCommittee}});
  Scope zone = Of({{Role::kCommitteeAdmin, kZone}});
  Scope unit = Of({{Role::kUnitAdmin, kUnit3}});
  Scope secretary = Of({{Role::kBranchSecretary, kBranchA}});
  for (int r = 0; r < kRoleCount; ++r) {
    Role role = static_cast<Role>(r);
    EXPECT_TRUE(committee.CanGrant(role, kCommittee)) << RoleId(role);
    EXPECT_TRUE(committee.CanGrant(role, kBranchC)) << RoleId(role);
    EXPECT_FALSE(zone.CanGrant(role, kCommittee)) << RoleId(role);
    EXPECT_TRUE(zone.CanGrant(role, kUnit7)) << RoleId(role);
    EXPECT_FALSE(secretary.CanGrant(role, kBranchA)) << RoleId(role);
    EXPECT_FALSE(unit.CanGrant(role, kBranchC)) << RoleId(role);
  }
  EXPECT_TRUE(unit.CanGrant(Role::kUnitAdmin, kUnit3));
  EXPECT_TRUE(unit.CanGrant(Role::kBranchSecretary, kBranchB));
  EXPECT_TRUE(unit.CanGrant(Role::kMember, kGroup6));
  EXPECT_FALSE(unit.CanGrant(Role::kCommitteeAdmin, kUnit3));
  EXPECT_FALSE(unit.CanGrant(Role::kAuditor, kBranchA));
  EXPECT_FALSE(unit.CanGrant(Role::kReviewer, kBranchA));
}

TEST_F(ScopeTest, WhoMayManageWhom) {
  Scope committee = Of({{Role::kCommitteeAdmin, kCommittee}});
  Scope unit = Of({{Role::kUnitAdmin, kUnit3}});
  Scope secretary = Of({{Role::kBranchSecretary, kBranchA}});
  auto grants = [](std::vector<std::pair<Role, NodeId>> list) {
    std::vector<RoleGrant> out;
    for (auto [role, node] : list) out.push_back({0, 7, role, node});
    return out;
  };
  User plain;
  User member_in_a;
  member_in_a.member_id = kMemberInGroup6;
  User member_in_c;
  member_in_c.member_id = kMemberInC;

  EXPECT_TRUE(unit.CanManage(plain, grants({{Role::kBranchSecretary, kBranchA}})));
  EXPECT_TRUE(
      unit.CanManage(plain, grants({{Role::kMember, kBranchA}, {Role::kUnitAdmin, kUnit3}})));
  // One grant beyond the unit admin's power puts the account out of reach.
  EXPECT_FALSE(
      unit.CanManage(plain, grants({{Role::kMember, kBranchA}, {Role::kMember, kBranchC}})));
  EXPECT_FALSE(unit.CanManage(plain, grants({{Role::kAuditor, kUnit3}})));
  EXPECT_TRUE(committee.CanManage(plain, grants({{Role::kCommitteeAdmin, kCommittee}})));
  // Without grants: through the linked member's branch, else the whole-tree committee admin.
  EXPECT_TRUE(unit.CanManage(member_in_a, {}));
  EXPECT_FALSE(unit.CanManage(member_in_c, {}));
  EXPECT_FALSE(unit.CanManage(plain, {}));
  EXPECT_TRUE(committee.CanManage(plain, {}));
  EXPECT_TRUE(committee.CanManage(member_in_c, {}));
  EXPECT_FALSE(secretary.CanManage(member_in_a, {}));
  EXPECT_FALSE(secretary.CanManage(plain, grants({{Role::kMember, kBranchA}})));
}

}  // namespace
}  // namespace dj
