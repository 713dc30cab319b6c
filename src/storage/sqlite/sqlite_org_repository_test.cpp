#include "storage/sqlite/sqlite_org_repository.h"

#include <gtest/gtest.h>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;
using testing::MakeNode;

class SqliteOrgRepositoryTest : public testing::StoreTest {};

TEST_F(SqliteOrgRepositoryTest, InsertAndGetRoundTripEveryField) {
  AddTree();
  Result<std::vector<Member>> secretary =
      members().InsertMembers(ctx_, {{MakeMember("赵书记", 1, branch_a_), D("2020-01-01")}});
  ASSERT_TRUE(secretary.ok()) << secretary.error().message;

  OrgNode node{.kind = NodeKind::kOrganCommittee,
               .name = "机关党委",
               .code = "U1-OC",
               .parent_id = unit_,
               .sort_order = -3,
               .term_start = D("2021-06-30"),
               .term_end = D("2026-06-29"),
               .secretary_id = (*secretary)[0].id,
               .committee_size = 7};
  Result<OrgNode> stored = orgs().InsertNode(ctx_, node);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_GT(stored->id, group_a1_);
  node.id = stored->id;
  EXPECT_EQ(*stored, node);
  EXPECT_EQ(orgs().GetNode(node.id).value(), node);

  Result<std::vector<OrgNode>> all = orgs().ListNodes();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 6u);
  EXPECT_EQ(all->front().id, committee_);
  EXPECT_EQ(all->front().parent_id, std::nullopt);
  EXPECT_EQ(all->back(), node);
}

TEST_F(SqliteOrgRepositoryTest, GetMissingNode) {
  Result<OrgNode> node = orgs().GetNode(42);
  ASSERT_FALSE(node.ok());
  EXPECT_EQ(node.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(node.error().key, "org.not_found");
  EXPECT_EQ(node.error().message, "组织 42 不存在");
}

TEST_F(SqliteOrgRepositoryTest, DuplicateCodeOnInsertWritesNothing) {
  AddTree();
  const int64_t nodes = Count("org_nodes"), audit = Count("audit_log");
  Result<OrgNode> dup =
      orgs().InsertNode(ctx_, MakeNode(NodeKind::kBranch, "重复支部", "U1-B1", unit_));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().key, "org.code_duplicate");
  EXPECT_EQ(dup.error().message, "组织代码 U1-B1 已被使用");
  EXPECT_EQ(Count("org_nodes"), nodes);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteOrgRepositoryTest, MissingParentIsAConflict) {
  Result<OrgNode> orphan =
      orgs().InsertNode(ctx_, MakeNode(NodeKind::kBranch, "孤儿支部", "X", NodeId{404}));
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kConflict);
  EXPECT_EQ(orphan.error().key, "storage.foreign_key_violation");
  EXPECT_EQ(Count("org_nodes"), 0);
  EXPECT_EQ(Count("audit_log"), 0);
}

TEST_F(SqliteOrgRepositoryTest, UpdateReplacesEveryField) {
  AddTree();
  OrgNode before = orgs().GetNode(branch_b_).value();
  OrgNode after = before;
  after.name = "第二党支部（改）";
  after.code = "U1-B2X";
  after.sort_order = 9;
  after.term_start = D("2024-01-01");
  after.term_end = D("2026-12-31");
  after.committee_size = 3;
  ASSERT_TRUE(orgs().UpdateNode(ctx_, before, after).ok());
  EXPECT_EQ(orgs().GetNode(branch_b_).value(), after);

  // Back to no term: optionals clear.
  OrgNode cleared = after;
  cleared.term_start = cleared.term_end = std::nullopt;
  ASSERT_TRUE(orgs().UpdateNode(ctx_, after, cleared).ok());
  EXPECT_EQ(orgs().GetNode(branch_b_).value(), cleared);
}

TEST_F(SqliteOrgRepositoryTest, UpdateErrors) {
  AddTree();
  OrgNode before = orgs().GetNode(branch_b_).value();
  const int64_t audit = Count("audit_log");

  OrgNode taken = before;
  taken.code = "U1-B1";
  Status status = orgs().UpdateNode(ctx_, before, taken);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "org.code_duplicate");
  EXPECT_EQ(status.error().message, "组织代码 U1-B1 已被使用");

  OrgNode stale = before;
  stale.name = "别人读到的旧名称";
  status = orgs().UpdateNode(ctx_, stale, before);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "org.stale");
  EXPECT_EQ(status.error().message, "组织 第二党支部 已被他人修改，请刷新后重试");

  OrgNode missing = before;
  missing.id = 999;
  status = orgs().UpdateNode(ctx_, missing, missing);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "org.not_found");

  EXPECT_EQ(orgs().GetNode(branch_b_).value(), before);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteOrgRepositoryTest, DeleteRefusedWithMemberHistory) {
  AddTree();
  Result<std::vector<Member>> added =
      members().InsertMembers(ctx_, {{MakeMember("钱一", 1, branch_a_), D("2020-01-01")}});
  ASSERT_TRUE(added.ok());
  // Moved away: only a past period names branch A now.
  Member before = (*added)[0];
  Member after = before;
  after.branch_id = branch_b_;
  ASSERT_TRUE(members().TransferMember(ctx_, before, after, D("2023-01-01"), {}).ok());

  OrgNode branch = orgs().GetNode(branch_a_).value();
  OrgNode group = orgs().GetNode(group_a1_).value();
  ASSERT_TRUE(orgs().DeleteNode(ctx_, group).ok());
  const int64_t audit = Count("audit_log");
  Status status = orgs().DeleteNode(ctx_, branch);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().key, "org.has_member_history");
  EXPECT_EQ(status.error().message, "组织 第一党支部 有党员组织关系记录，不能删除");
  EXPECT_TRUE(orgs().GetNode(branch_a_).ok());
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteOrgRepositoryTest, DeleteRefusedWithChildren) {
  AddTree();
  Status status = orgs().DeleteNode(ctx_, orgs().GetNode(branch_a_).value());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "org.has_children");
  EXPECT_EQ(status.error().message, "组织 第一党支部 下还有下级组织，不能删除");
}

TEST_F(SqliteOrgRepositoryTest, DeleteLeaf) {
  AddTree();
  OrgNode group = orgs().GetNode(group_a1_).value();
  ASSERT_TRUE(orgs().DeleteNode(ctx_, group).ok());
  Result<OrgNode> gone = orgs().GetNode(group_a1_);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().key, "org.not_found");
  Status again = orgs().DeleteNode(ctx_, group);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "org.not_found");
}

}  // namespace
}  // namespace dj
