#include "domain/roster/structure.h"

#include <gtest/gtest.h>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeNode;
using K = NodeKind;
using W = StructureWarningKind;

NodeHeadcount Branch(NodeId id, int64_t members, int64_t full, int committee = 0) {
  NodeHeadcount n{MakeNode(id, K::kBranch, "b" + std::to_string(id), 1), members, full};
  n.node.committee_size = committee;
  return n;
}

NodeHeadcount WithTerm(NodeHeadcount n, const char* end) {
  n.node.term_end = D(end);
  return n;
}

std::vector<std::pair<W, NodeId>> Warnings(const StructureOverview& o) {
  std::vector<std::pair<W, NodeId>> out;
  for (const StructureWarning& w : o.warnings) out.emplace_back(w.kind, w.at.node.id);
  return out;
}

const Date kToday = D("2026-11-22");

TEST(StructureTest, BranchSizeLimitIsFiftyMembersInclusive) {
  auto o = BuildStructureOverview({Branch(2, 50, 50, 5), Branch(3, 51, 51, 5)}, kToday);
  EXPECT_EQ(Warnings(o), (std::vector<std::pair<W, NodeId>>{{W::kBranchOver50, 3}}));
}

TEST(StructureTest, SevenFullMembersNeedACommitteeOfThree) {
  auto o = BuildStructureOverview(
      {Branch(2, 10, 6), Branch(3, 7, 7, 2), Branch(4, 7, 7, 3), Branch(5, 9, 7)}, kToday);
  // The larger branch first.
  EXPECT_EQ(Warnings(o), (std::vector<std::pair<W, NodeId>>{{W::kCommitteeMissing, 5},
                                                            {W::kCommitteeMissing, 3}}));
  EXPECT_EQ(o.warning_counts[static_cast<int>(W::kCommitteeMissing)], 2);
}

TEST(StructureTest, TermsEndedYesterdayOrEndingWithinSixMonths) {
  auto o = BuildStructureOverview({WithTerm(Branch(2, 3, 3), "2026-11-21"),   // ended
                                   WithTerm(Branch(3, 3, 3), "2026-11-22"),   // ends today
                                   WithTerm(Branch(4, 3, 3), "2027-05-22"),   // 6 months
                                   WithTerm(Branch(5, 3, 3), "2027-05-23"),   // beyond
                                   WithTerm(Branch(6, 3, 3), "2025-01-01")},  // long ago
                                  kToday);
  EXPECT_EQ(Warnings(o),
            (std::vector<std::pair<W, NodeId>>{
                {W::kTermEnded, 6}, {W::kTermEnded, 2}, {W::kTermEnding, 3}, {W::kTermEnding, 4}}));
}

TEST(StructureTest, TermsOfOtherKindsCountToo) {
  NodeHeadcount committee{MakeNode(7, K::kOrganCommittee, "oc", 1), 0, 0};
  committee.node.term_end = D("2026-01-01");
  auto o = BuildStructureOverview({committee}, kToday);
  EXPECT_EQ(Warnings(o), (std::vector<std::pair<W, NodeId>>{{W::kTermEnded, 7}}));
  EXPECT_EQ(o.branch_count, 0);
}

TEST(StructureTest, LargestBranchesFirstAtMostTop) {
  std::vector<NodeHeadcount> nodes{{MakeNode(1, K::kUnit, "u", std::nullopt), 0, 0}};
  for (NodeId id = 2; id < 20; ++id) nodes.push_back(Branch(id, id % 7, 0));
  auto o = BuildStructureOverview(nodes, kToday, 3);
  EXPECT_EQ(o.branch_count, 18);
  ASSERT_EQ(o.largest_branches.size(), 3u);
  EXPECT_EQ(o.largest_branches[0].node.id, 6);  // 6 members; ties by id
  EXPECT_EQ(o.largest_branches[1].node.id, 13);
  EXPECT_EQ(o.largest_branches[2].node.id, 5);
}

TEST(StructureTest, WarningIdsRoundTrip) {
  for (int i = 0; i < kStructureWarningKindCount; ++i) {
    auto kind = static_cast<W>(i);
    EXPECT_EQ(ParseStructureWarning(StructureWarningId(kind)), kind);
  }
  EXPECT_EQ(ParseStructureWarning("nope"), std::nullopt);
}

}  // namespace
}  // namespace dj
