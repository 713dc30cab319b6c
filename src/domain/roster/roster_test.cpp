#include "domain/roster/roster.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;
using testing::MakeNode;
using K = NodeKind;

// 1 committee ── 2 zone ─┬─ 3 unit ─┬─ 4 branch A ── 6 group
//                        │          └─ 5 branch B
//                        └─ 7 unit ── 8 branch C
class RosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RosterSnapshot s;
    s.nodes = {MakeNode(1, K::kCommittee, "c", std::nullopt),
               MakeNode(2, K::kZone, "z", 1),
               MakeNode(3, K::kUnit, "u3", 2, 1),
               MakeNode(4, K::kBranch, "a", 3, 1),
               MakeNode(5, K::kBranch, "b", 3, 2),
               MakeNode(6, K::kGroup, "g", 4),
               MakeNode(7, K::kUnit, "u7", 2, 2),
               MakeNode(8, K::kBranch, "cc", 7)};
    auto add = [&](Member m, std::vector<MembershipPeriod> periods) {
      m.id = static_cast<MemberId>(s.members.size() + 1);
      for (auto& p : periods) p.member_id = m.id;
      s.members.push_back(m);
      s.periods.insert(s.periods.end(), periods.begin(), periods.end());
    };
    // 1: 张伟, full, branch A since admission.
    Member zhang = MakeMember("张伟", 4, D("1985-06-15"), Gender::kMale, 1);
    add(zhang, {{0, 4, std::nullopt, zhang.probationary_date, std::nullopt}});
    // 2: 李娜, probationary since 2026-03-01, group 6 of branch A.
    Member li = MakeMember("李娜", 4, D("1995-03-01"), Gender::kFemale, 2);
    li.status = MemberStatus::kProbationary;
    li.probationary_date = D("2026-03-01");
    li.full_date.reset();
    li.group_id = 6;
    li.education = Education::kMaster;
    add(li, {{0, 4, 6, D("2026-03-01"), std::nullopt}});
    // 3: 王芳, retired, branch B.
    Member wang = MakeMember("王芳", 5, D("1960-01-01"), Gender::kFemale, 3);
    wang.category = MemberCategory::kRetired;
    add(wang, {{0, 5, std::nullopt, wang.probationary_date, std::nullopt}});
    // 4: 赵磊, in branch C until 2024-07-01, then branch A.
    Member zhao = MakeMember("赵磊", 4, D("1975-09-09"), Gender::kMale, 4);
    add(zhao, {{0, 8, std::nullopt, D("2000-01-01"), D("2024-07-01")},
               {0, 4, std::nullopt, D("2024-07-01"), std::nullopt}});
    // 5: 陈晨, died 2026-02-01 while in branch B.
    Member chen = MakeMember("陈晨", 5, D("1950-02-02"), Gender::kMale, 5);
    chen.status = MemberStatus::kDeceased;
    chen.left_date = D("2026-02-01");
    add(chen, {{0, 5, std::nullopt, chen.probationary_date, D("2026-02-01")}});
    ASSERT_TRUE(roster_.Load(s).ok());
  }

  std::vector<MemberId> Find(MemberQuery q) {
    auto page = roster_.Search(q);
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->ids : std::vector<MemberId>{};
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  Roster roster_{clock_};
};

TEST_F(RosterTest, StatsCountTheRollsOnTheDate) {
  auto s = roster_.Stats(1, D("2026-11-22"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total, 4);
  EXPECT_EQ(s->probationary, 1);
  EXPECT_EQ(s->full, 3);
  EXPECT_EQ(s->by_gender[static_cast<int>(Gender::kMale)], 2);
  EXPECT_EQ(s->by_gender[static_cast<int>(Gender::kFemale)], 2);
  EXPECT_EQ(s->by_category[static_cast<int>(MemberCategory::kRetired)], 1);
  EXPECT_EQ(s->by_education[static_cast<int>(Education::kMaster)], 1);
  // Ages 41 (张伟), 31 (李娜), 66 (王芳), 51 (赵磊).
  EXPECT_EQ(s->by_age_band[1], 1);
  EXPECT_EQ(s->by_age_band[3], 1);
  EXPECT_EQ(s->by_age_band[5], 1);
  EXPECT_EQ(s->by_age_band[7], 1);
  // 党龄 from the full date: 张伟 2011 → 15, 王芳 1986 → 40, 赵磊 2001 → 25.
  EXPECT_EQ(s->by_party_age_band[2], 1);
  EXPECT_EQ(s->by_party_age_band[3], 1);
  EXPECT_EQ(s->by_party_age_band[4], 1);
  EXPECT_EQ(s->left_this_year[1], 1);  // 陈晨 died this year
  EXPECT_EQ(s->nodes_by_kind[static_cast<int>(K::kBranch)], 3);
  EXPECT_EQ(s->nodes_by_kind[static_cast<int>(K::kGroup)], 1);
}

TEST_F(RosterTest, StatsFollowMovesAndDatesInThePast) {
  auto unit_now = roster_.Stats(3, D("2026-11-22"));
  ASSERT_TRUE(unit_now.ok());
  EXPECT_EQ(unit_now->total, 4);
  auto unit_then = roster_.Stats(3, D("2024-06-30"));
  ASSERT_TRUE(unit_then.ok());
  EXPECT_EQ(unit_then->total, 3);  // 张伟, 王芳, 陈晨; 赵磊 still in C; 李娜 not yet admitted
  auto c_then = roster_.Stats(8, D("2024-06-30"));
  EXPECT_EQ(c_then->total, 1);
  auto c_move_day = roster_.Stats(8, D("2024-07-01"));
  EXPECT_EQ(c_move_day->total, 0);  // periods are [from, to)
  EXPECT_EQ(roster_.Stats(4, D("2024-07-01"))->total, 2);
  // The day before 李娜's admission she is not counted; on the day she is.
  EXPECT_EQ(roster_.Stats(6, D("2026-02-28"))->total, 0);
  EXPECT_EQ(roster_.Stats(6, D("2026-03-01"))->total, 1);
  // 陈晨 counted until the day before death.
  EXPECT_EQ(roster_.Stats(5, D("2026-01-31"))->total, 2);
  EXPECT_EQ(roster_.Stats(5, D("2026-02-01"))->total, 1);
  EXPECT_EQ(roster_.Stats(5, D("2025-12-31"))->left_this_year[1], 0);
}

TEST_F(RosterTest, NodesUnderListsEachSubtreeAndSkipsMissingRoots) {
  for (NodeId root : {NodeId{1}, NodeId{2}, NodeId{7}, NodeId{8}}) {
    std::vector<NodeId> expected;
    for (NodeId id = 1; id <= static_cast<NodeId>(roster_.NodeCount()); ++id) {
      if (roster_.IsInSubtree(id, root)) expected.push_back(id);
    }
    std::vector<NodeId> got = roster_.NodesUnder({root});
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << "root " << root;
  }
  EXPECT_EQ(roster_.NodesUnder({1}).size(), roster_.NodeCount());
  EXPECT_EQ(roster_.NodesUnder({8, 999}), roster_.NodesUnder({8}));
  EXPECT_TRUE(roster_.NodesUnder({}).empty());
}

TEST_F(RosterTest, StatsOfAMissingNodeIsNotFound) {
  auto s = roster_.Stats(99, D("2026-11-22"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().key, "org.not_found");
}

TEST_F(RosterTest, SearchSortsByPinyinAndCountsBeforePaging) {
  MemberQuery q;
  q.subtree = 1;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{5, 2, 3, 1, 4}));  // chen li wang zhang zhao
  q.descending = true;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{4, 1, 3, 2, 5}));
  q.descending = false;
  q.offset = 1;
  q.limit = 2;
  auto page = roster_.Search(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 5);
  EXPECT_EQ(page->ids, (std::vector<MemberId>{2, 3}));
  q.offset = 5;
  EXPECT_TRUE(Find(q).empty());
}

TEST_F(RosterTest, SearchFilters) {
  MemberQuery q;
  q.subtree = 1;
  q.statuses = {MemberStatus::kProbationary, MemberStatus::kFull};
  EXPECT_EQ(Find(q).size(), 4u);
  q.name_contains = "伟";
  EXPECT_EQ(Find(q), (std::vector<MemberId>{1}));
  q.name_contains.clear();
  q.category = MemberCategory::kRetired;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{3}));
  q.category.reset();
  q.age_min = 41;
  q.age_max = 51;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{1, 4}));
  q = MemberQuery{};
  q.subtree = 8;
  EXPECT_TRUE(Find(q).empty());  // 赵磊 has moved on
  q.subtree = 6;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{2}));
  q.subtree = 1;
  q.sort = MemberSort::kFullDate;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{5, 3, 4, 1, 2}));  // no full date last
  q.sort = MemberSort::kBirthDate;
  q.descending = true;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{2, 1, 4, 3, 5}));
}

TEST_F(RosterTest, SearchFiltersByTheStatisticsSlices) {
  MemberQuery q;
  q.subtree = 1;
  q.statuses = {MemberStatus::kProbationary, MemberStatus::kFull};
  q.gender = Gender::kFemale;
  EXPECT_EQ(Find(q), (std::vector<MemberId>{2, 3}));
  q.educations = {Education::kMaster, Education::kDoctorate};
  EXPECT_EQ(Find(q), (std::vector<MemberId>{2}));
  q = MemberQuery{};
  q.subtree = 1;
  q.age_band = AgeBandOf(41);  // 张伟, 41 on 2026-11-22
  EXPECT_EQ(Find(q), (std::vector<MemberId>{1}));
  q.age_band.reset();
  q.party_age_band = 0;  // 李娜 is probationary: no party age, never in a band
  for (MemberId id : Find(q)) EXPECT_NE(id, 2);
  // The party-age bands of the members with a full-membership date cover them exactly once.
  size_t in_bands = 0;
  for (int band = 0; band < kPartyAgeBandCount; ++band) {
    q.party_age_band = band;
    in_bands += Find(q).size();
  }
  EXPECT_EQ(in_bands, 4u);
}

TEST_F(RosterTest, HeadcountsCountEachBranchWithItsGroupsToday) {
  auto counts = roster_.Headcounts(3);
  ASSERT_TRUE(counts.ok());
  std::vector<NodeId> order;
  for (const NodeHeadcount& n : *counts) order.push_back(n.node.id);
  EXPECT_EQ(order, (std::vector<NodeId>{3, 4, 6, 5}));
  EXPECT_EQ((*counts)[0].members, 0);  // units hold no members themselves
  EXPECT_EQ((*counts)[1].members, 3);  // 张伟, 李娜 (in group 6), 赵磊
  EXPECT_EQ((*counts)[1].full, 2);     // 李娜 is probationary
  EXPECT_EQ((*counts)[2].members, 1);
  EXPECT_EQ((*counts)[3].members, 1);  // 王芳; 陈晨 died
  EXPECT_FALSE(roster_.Headcounts(99).ok());
}

TEST_F(RosterTest, FindNodesMatchesNamesAndCodesWithinTheRoots) {
  size_t total = 0;
  auto ids = [](const std::vector<OrgNode>& nodes) {
    std::vector<NodeId> out;
    for (const OrgNode& n : nodes) out.push_back(n.id);
    return out;
  };
  // Codes "a", "b", "g", "cc", ...; names are the code + "名称".
  EXPECT_EQ(ids(roster_.FindNodes("C", {1}, 10, &total)), (std::vector<NodeId>{1, 8}));
  EXPECT_EQ(total, 2u);
  EXPECT_EQ(ids(roster_.FindNodes("名称", {3}, 2, &total)), (std::vector<NodeId>{3, 4}));
  EXPECT_EQ(total, 4u);  // 3, 4, 6, 5
  EXPECT_EQ(ids(roster_.FindNodes("名称", {3, 4}, 10, &total)), (std::vector<NodeId>{3, 4, 6, 5}));
  EXPECT_EQ(ids(roster_.FindNodes("cc", {3}, 10, &total)), (std::vector<NodeId>{}));
  EXPECT_EQ(total, 0u);
  // Only branches: the unit, the group and the committee that match are left out, and uncounted.
  EXPECT_EQ(ids(roster_.FindNodes("名称", {1}, 1, &total, K::kBranch)), (std::vector<NodeId>{4}));
  EXPECT_EQ(total, 3u);  // 4, 5, 8
}

TEST_F(RosterTest, WritesKeepTheModelCurrent) {
  Member m = MakeMember("安静", 8, D("1990-01-01"), Gender::kFemale, 9);
  m.id = 42;
  roster_.PutMember(m, {{42, 8, std::nullopt, m.probationary_date, std::nullopt}});
  EXPECT_EQ(roster_.Stats(8, D("2026-11-22"))->total, 1);
  EXPECT_EQ(roster_.ActiveMembersAt(8), 1);
  // The counts follow a move into a group of another branch and a change of status.
  const int64_t at_branch = roster_.ActiveMembersAt(4), at_group = roster_.ActiveMembersAt(6);
  m.branch_id = 4;
  m.group_id = 6;
  roster_.PutMember(m, {{42, 4, 6, m.probationary_date, std::nullopt}});
  EXPECT_EQ(roster_.ActiveMembersAt(8), 0);
  EXPECT_EQ(roster_.ActiveMembersAt(4), at_branch + 1);
  EXPECT_EQ(roster_.ActiveMembersAt(6), at_group + 1);
  m.status = MemberStatus::kDeceased;
  m.left_date = D("2026-01-01");
  roster_.PutMember(m, {{42, 4, 6, m.probationary_date, D("2026-01-01")}});
  EXPECT_EQ(roster_.ActiveMembersAt(4), at_branch);
  EXPECT_EQ(roster_.ActiveMembersAt(6), at_group);
  EXPECT_EQ(roster_.ActiveMembersAt(99), 0);
  roster_.RemoveMember(42);
  EXPECT_EQ(roster_.Stats(8, D("2026-11-22"))->total, 0);
  EXPECT_FALSE(roster_.HasMember(42));
  EXPECT_TRUE(roster_.HasMember(5));  // swap-and-pop kept the others addressable
  EXPECT_EQ(roster_.StatusOf(5), MemberStatus::kDeceased);

  // Moving unit 7 under... the committee directly keeps branch C's members counted there.
  OrgNode unit7 = *roster_.GetNode(7);
  unit7.parent_id = 1;
  ASSERT_TRUE(roster_.PutNode(unit7).ok());
  EXPECT_FALSE(roster_.IsInSubtree(8, 2));
  EXPECT_TRUE(roster_.IsInSubtree(8, 1));
  EXPECT_EQ(roster_.Stats(7, D("2024-06-30"))->total, 1);

  // A change that would make a cycle is refused and changes nothing.
  OrgNode zone = *roster_.GetNode(2);
  zone.parent_id = 4;
  EXPECT_FALSE(roster_.PutNode(zone).ok());
  EXPECT_TRUE(roster_.IsInSubtree(4, 2));
  EXPECT_EQ(roster_.FindNodeByCode("cc"), 8);
}

TEST(AgeBandTest, Boundaries) {
  EXPECT_EQ(AgeBandOf(18), 0);
  EXPECT_EQ(AgeBandOf(30), 0);
  EXPECT_EQ(AgeBandOf(31), 1);
  EXPECT_EQ(AgeBandOf(35), 1);
  EXPECT_EQ(AgeBandOf(36), 2);
  EXPECT_EQ(AgeBandOf(60), 6);
  EXPECT_EQ(AgeBandOf(61), 7);
  EXPECT_STREQ(AgeBandLabel(7), "61岁及以上");
  EXPECT_EQ(PartyAgeBandOf(0), 0);
  EXPECT_EQ(PartyAgeBandOf(5), 0);
  EXPECT_EQ(PartyAgeBandOf(6), 1);
  EXPECT_EQ(PartyAgeBandOf(10), 1);
  EXPECT_EQ(PartyAgeBandOf(11), 2);
  EXPECT_EQ(PartyAgeBandOf(20), 2);
  EXPECT_EQ(PartyAgeBandOf(50), 5);
  EXPECT_EQ(PartyAgeBandOf(51), 6);
}

}  // namespace
}  // namespace dj
