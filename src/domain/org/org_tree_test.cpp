#include "domain/org/org_tree.h"

#include <gtest/gtest.h>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::MakeNode;
using K = NodeKind;

std::vector<NodeId> Ids(const std::vector<const OrgNode*>& nodes) {
  std::vector<NodeId> out;
  for (const auto* n : nodes) out.push_back(n->id);
  return out;
}

// 1 committee ─┬─ 2 zone ── 4 unit ─┬─ 6 branch (order 2)
//              │                    └─ 5 branch (order 1) ── 7 group
//              └─ 3 zone
std::vector<OrgNode> SampleNodes() {
  return {MakeNode(7, K::kGroup, "g7", 5),
          MakeNode(6, K::kBranch, "b6", 4, 2),
          MakeNode(5, K::kBranch, "b5", 4, 1),
          MakeNode(4, K::kUnit, "u4", 2),
          MakeNode(3, K::kZone, "z3", 1, 2),
          MakeNode(2, K::kZone, "z2", 1, 1),
          MakeNode(1, K::kCommittee, "c1", std::nullopt)};
}

TEST(OrgTreeTest, OrdersNodesInPreOrderWithSiblingsBySortOrder) {
  auto tree = OrgTree::Build(SampleNodes());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  std::vector<NodeId> order;
  for (const auto& n : tree->nodes()) order.push_back(n.id);
  EXPECT_EQ(order, (std::vector<NodeId>{1, 2, 4, 5, 7, 6, 3}));
  EXPECT_EQ(tree->root()->id, 1);
  EXPECT_EQ(tree->Depth(tree->PositionOf(7)), 4);
}

TEST(OrgTreeTest, SubtreesAreContiguousRanges) {
  auto tree = OrgTree::Build(SampleNodes());
  ASSERT_TRUE(tree.ok());
  auto unit = tree->SubtreeOf(4);
  ASSERT_TRUE(unit.has_value());
  EXPECT_EQ(unit->end - unit->begin, 4);
  EXPECT_TRUE(tree->IsInSubtree(7, 4));
  EXPECT_TRUE(tree->IsInSubtree(4, 4));
  EXPECT_FALSE(tree->IsInSubtree(3, 4));
  EXPECT_FALSE(tree->IsInSubtree(4, 7));
  EXPECT_FALSE(tree->IsInSubtree(99, 1));
  EXPECT_FALSE(tree->SubtreeOf(99).has_value());
  EXPECT_EQ(tree->SubtreeOf(1)->end, 7);
}

TEST(OrgTreeTest, ChildrenAndPath) {
  auto tree = OrgTree::Build(SampleNodes());
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(Ids(tree->Children(1)), (std::vector<NodeId>{2, 3}));
  EXPECT_EQ(Ids(tree->Children(4)), (std::vector<NodeId>{5, 6}));
  EXPECT_TRUE(tree->Children(7).empty());
  EXPECT_TRUE(tree->Children(42).empty());
  EXPECT_EQ(Ids(tree->PathTo(7)), (std::vector<NodeId>{1, 2, 4, 5, 7}));
  EXPECT_TRUE(tree->PathTo(42).empty());
}

TEST(OrgTreeTest, EmptyTreeIsValid) {
  auto tree = OrgTree::Build({});
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree->root(), nullptr);
  EXPECT_EQ(tree->PositionOf(1), -1);
}

TEST(OrgTreeTest, RefusesWhatIsNotOneTree) {
  struct Case {
    const char* name;
    std::vector<OrgNode> nodes;
    const char* message;
  };
  std::vector<Case> cases = {
      {"two roots",
       {MakeNode(1, K::kCommittee, "a", std::nullopt),
        MakeNode(2, K::kCommittee, "b", std::nullopt)},
       "组织树有多个根节点"},
      {"missing parent",
       {MakeNode(1, K::kCommittee, "a", std::nullopt), MakeNode(2, K::kZone, "b", 9)},
       "组织节点 2 的上级不存在"},
      {"cycle",
       {MakeNode(1, K::kCommittee, "a", std::nullopt), MakeNode(2, K::kZone, "b", 3),
        MakeNode(3, K::kUnit, "c", 2)},
       "组织树存在循环"},
      {"no root",
       {MakeNode(2, K::kZone, "b", 3), MakeNode(3, K::kUnit, "c", 2)},
       "组织树没有根节点"},
      {"duplicate id",
       {MakeNode(1, K::kCommittee, "a", std::nullopt), MakeNode(1, K::kZone, "b", 1)},
       "组织节点编号重复：1"},
      {"bad id", {MakeNode(0, K::kCommittee, "a", std::nullopt)}, "组织节点编号超出范围：0"},
  };
  for (auto& c : cases) {
    auto tree = OrgTree::Build(c.nodes);
    ASSERT_FALSE(tree.ok()) << c.name;
    EXPECT_EQ(tree.error().message, c.message) << c.name;
  }
}

}  // namespace
}  // namespace dj
