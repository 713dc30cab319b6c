#include "domain/org/org_service.h"

#include <gtest/gtest.h>

#include "domain/member/member_service.h"
#include "domain/testing/fake_store.h"
#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using K = NodeKind;

class OrgServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    committee_ = Create(K::kCommittee, "HB", std::nullopt);
    zone_ = Create(K::kZone, "Z1", committee_);
    unit_ = Create(K::kUnit, "U1", zone_);
    branch_ = Create(K::kBranch, "B1", unit_);
    other_branch_ = Create(K::kBranch, "B2", unit_);
  }

  NodeId Create(K kind, std::string code, std::optional<NodeId> parent) {
    OrgNode n;
    n.kind = kind;
    n.name = code + "党组织";
    n.code = std::move(code);
    n.parent_id = parent;
    auto r = orgs_.Create(ctx_, n);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->id : 0;
  }

  Result<OrgNode> Try(K kind, std::string code, std::optional<NodeId> parent) {
    OrgNode n;
    n.kind = kind;
    n.name = "新组织";
    n.code = std::move(code);
    n.parent_id = parent;
    return orgs_.Create(ctx_, n);
  }

  MemberId AddMember(NodeId branch, int seq) {
    Member m = testing::MakeMember("党员" + std::to_string(seq), branch, D("1980-01-01"),
                                   Gender::kMale, seq);
    auto r = members_.Create(ctx_, m);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->id : 0;
  }

  // The error's first field problem, or its key when it has none.
  static std::string FirstProblem(const Error& e) {
    return e.fields.empty() ? e.key : e.fields[0].field + "/" + e.fields[0].key;
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  testing::FakeStore store_;
  Roster roster_{clock_};
  OrgService orgs_{store_, roster_};
  MemberService members_{store_, roster_, clock_};
  WriteContext ctx_;
  NodeId committee_ = 0, zone_ = 0, unit_ = 0, branch_ = 0, other_branch_ = 0;
};

TEST_F(OrgServiceTest, BuildsTheTree) {
  EXPECT_EQ(roster_.NodeCount(), 5u);
  auto children = orgs_.Children(unit_);
  ASSERT_TRUE(children.ok());
  ASSERT_EQ(children->size(), 2u);
  EXPECT_EQ((*children)[0].code, "B1");
  auto path = orgs_.Path(branch_);
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path->size(), 4u);
  EXPECT_EQ(orgs_.Get(404).error().key, "org.not_found");
}

TEST_F(OrgServiceTest, RefusesBadNodes) {
  struct Case {
    K kind;
    std::string code;
    std::optional<NodeId> parent;
    std::string want;  // field/key or error key
    std::string message;
  };
  std::vector<Case> cases = {
      {K::kCommittee, "C2", std::nullopt, "org.root_exists",
       "已有机关工委作为组织树的根，不能再建一个"},
      {K::kZone, "Z9", std::nullopt, "parent_id/required", "协作区须指定上级组织"},
      {K::kBranch, "B9", 999, "parent_id/parent_not_found", "上级组织 999 不存在"},
      {K::kGroup, "G9", zone_, "parent_id/parent_not_allowed",
       "党小组不能设在协作区“Z1党组织”之下"},
      {K::kUnit, "U9", branch_, "parent_id/parent_not_allowed", "单位不能设在党支部“B1党组织”之下"},
      {K::kBranch, "bad code!", unit_, "code/code_invalid",
       "组织代码只能由字母、数字、“-”和“_”组成，最长40位"},
      {K::kBranch, "", unit_, "code/required", "组织代码不能为空"},
      {K::kBranch, "B1", unit_, "org.code_duplicate", "组织代码 B1 已被使用"},
  };
  for (const auto& c : cases) {
    size_t nodes = roster_.NodeCount();
    int writes = store_.writes();
    auto r = Try(c.kind, c.code, c.parent);
    ASSERT_FALSE(r.ok()) << c.code;
    EXPECT_EQ(FirstProblem(r.error()), c.want) << c.code;
    std::string message =
        r.error().fields.empty() ? r.error().message : r.error().fields[0].message;
    EXPECT_EQ(message, c.message) << c.code;
    EXPECT_EQ(roster_.NodeCount(), nodes);
    EXPECT_EQ(store_.writes(), writes);
  }
}

TEST_F(OrgServiceTest, MovesASubtreeButNotUnderItself) {
  NodeId zone2 = Create(K::kZone, "Z2", committee_);
  OrgNode unit = *orgs_.Get(unit_);
  unit.parent_id = zone2;
  ASSERT_TRUE(orgs_.Update(ctx_, unit_, unit).ok());
  EXPECT_TRUE(roster_.IsInSubtree(branch_, zone2));
  EXPECT_FALSE(roster_.IsInSubtree(branch_, zone_));

  OrgNode zone = *orgs_.Get(zone2);
  zone.parent_id = branch_;
  auto r = orgs_.Update(ctx_, zone2, zone);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "org.move_into_own_subtree");
  EXPECT_EQ(r.error().message, "不能把“Z2党组织”移到它自己或它的下级组织之下");
  unit.parent_id = unit_;
  r = orgs_.Update(ctx_, unit_, unit);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "org.move_into_own_subtree");
  EXPECT_TRUE(roster_.IsInSubtree(branch_, zone2));
}

TEST_F(OrgServiceTest, KindChangesMustFitParentAndChildren) {
  OrgNode unit = *orgs_.Get(unit_);
  unit.kind = K::kGroup;
  auto r = orgs_.Update(ctx_, unit_, unit);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FirstProblem(r.error()), "parent_id/parent_not_allowed");

  // A branch with members cannot become a general branch, one without can.
  AddMember(branch_, 1);
  OrgNode b = *orgs_.Get(branch_);
  b.kind = K::kGeneralBranch;
  r = orgs_.Update(ctx_, branch_, b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "org.kind_change_with_members");
  OrgNode b2 = *orgs_.Get(other_branch_);
  b2.kind = K::kGeneralBranch;
  ASSERT_TRUE(orgs_.Update(ctx_, other_branch_, b2).ok());
  // Now a branch under it, and the general branch cannot become a group's parent kind.
  Create(K::kBranch, "B3", other_branch_);
  b2.kind = K::kBranch;
  r = orgs_.Update(ctx_, other_branch_, b2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "org.kind_conflicts_with_children");
  EXPECT_EQ(r.error().message, "下级组织“B3党组织”是党支部，不能设在党支部之下");
}

TEST_F(OrgServiceTest, DeleteRefusesNodesWithChildrenMembersOrHistory) {
  auto r = orgs_.Delete(ctx_, unit_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "org.has_children");
  EXPECT_EQ(r.error().message, "“U1党组织”下还有 2 个下级组织，不能删除");

  MemberId m = AddMember(branch_, 1);
  r = orgs_.Delete(ctx_, branch_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "org.has_members");
  EXPECT_EQ(r.error().message, "“B1党组织”还有 1 名党员，不能删除");

  ASSERT_TRUE(members_.Transfer(ctx_, m, other_branch_, std::nullopt, D("2026-11-01")).ok());
  r = orgs_.Delete(ctx_, branch_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "org.has_member_history");

  NodeId empty = Create(K::kBranch, "B4", unit_);
  ASSERT_TRUE(orgs_.Delete(ctx_, empty).ok());
  EXPECT_FALSE(roster_.GetNode(empty).has_value());
  EXPECT_EQ(orgs_.Delete(ctx_, empty).error().key, "org.not_found");
}

TEST_F(OrgServiceTest, SecretaryMustBeAFullMemberWithinTheNode) {
  MemberId inside = AddMember(branch_, 1);
  MemberId outside = AddMember(other_branch_, 2);
  OrgNode b = *orgs_.Get(branch_);
  b.secretary_id = outside;
  auto r = orgs_.Update(ctx_, branch_, b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FirstProblem(r.error()), "secretary_id/secretary_outside");
  b.secretary_id = 12345;
  EXPECT_EQ(FirstProblem(orgs_.Update(ctx_, branch_, b).error()), "secretary_id/member_not_found");
  b.secretary_id = inside;
  ASSERT_TRUE(orgs_.Update(ctx_, branch_, b).ok());
  // The unit above may also name them.
  OrgNode u = *orgs_.Get(unit_);
  u.secretary_id = inside;
  ASSERT_TRUE(orgs_.Update(ctx_, unit_, u).ok());
  // Deleting the member clears the secretary.
  ASSERT_TRUE(members_.Delete(ctx_, inside).ok());
  EXPECT_FALSE(orgs_.Get(branch_)->secretary_id.has_value());
}

TEST_F(OrgServiceTest, AFailedWriteLeavesTheModelUnchanged) {
  store_.FailNextWrite();
  auto r = Try(K::kBranch, "B9", unit_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(roster_.FindNodeByCode("B9").has_value());
  OrgNode b = *orgs_.Get(branch_);
  b.name = "改名";
  store_.FailNextWrite();
  ASSERT_FALSE(orgs_.Update(ctx_, branch_, b).ok());
  EXPECT_EQ(orgs_.Get(branch_)->name, "B1党组织");
}

TEST_F(OrgServiceTest, TermEndMustFollowStart) {
  OrgNode b = *orgs_.Get(branch_);
  b.term_start = D("2024-01-01");
  b.term_end = D("2024-01-01");
  EXPECT_EQ(FirstProblem(orgs_.Update(ctx_, branch_, b).error()), "term_end/term_end_before_start");
  b.term_end = D("2027-01-01");
  ASSERT_TRUE(orgs_.Update(ctx_, branch_, b).ok());
  EXPECT_EQ(orgs_.Get(branch_)->term_end, D("2027-01-01"));
}

}  // namespace
}  // namespace dj
