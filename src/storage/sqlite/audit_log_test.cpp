#include "storage/sqlite/audit_log.h"

#include <gtest/gtest.h>

#include "storage/sqlite/json_codec.h"
#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;
using testing::QueryInt;

TEST(AuditTimeTest, ShanghaiIsoTime) {
  EXPECT_EQ(ShanghaiIsoTime(0), "1970-01-01T08:00:00+08:00");
  EXPECT_EQ(ShanghaiIsoTime(1714564800), "2024-05-01T20:00:00+08:00");  // 12:00 UTC
  EXPECT_EQ(ShanghaiIsoTime(1714579199), "2024-05-01T23:59:59+08:00");
  EXPECT_EQ(ShanghaiIsoTime(1714579200), "2024-05-02T00:00:00+08:00");
  EXPECT_EQ(ShanghaiIsoTime(-1), "1970-01-01T07:59:59+08:00");
}

TEST(AuditHashTest, CoversEveryColumnButHash) {
  AuditEntry base{.id = 1,
                  .at_unix = 100,
                  .at_text = "t",
                  .user_id = 2,
                  .user_name = "u",
                  .address = "a",
                  .request_id = "r",
                  .entity = "member",
                  .entity_id = 3,
                  .action = "update",
                  .before_json = "{}",
                  .after_json = std::nullopt,
                  .prev_hash = kAuditGenesisHash,
                  .hash = ""};
  const std::string hash = AuditEntryHash(base);
  EXPECT_EQ(hash.size(), 64u);
  AuditEntry same = base;
  same.hash = "ignored";
  EXPECT_EQ(AuditEntryHash(same), hash);

  std::vector<AuditEntry> changed(13, base);
  changed[0].id = 2;
  changed[1].at_unix = 101;
  changed[2].at_text = "T";
  changed[3].user_id = 0;
  changed[4].user_name = "";
  changed[5].address = "b";
  changed[6].request_id = "";
  changed[7].entity = "org_node";
  changed[8].entity_id = 4;
  changed[9].action = "delete";
  changed[10].before_json = std::nullopt;
  changed[11].after_json = "";  // empty text differs from null
  changed[12].prev_hash = std::string(64, '1');
  for (size_t i = 0; i < changed.size(); ++i) {
    EXPECT_NE(AuditEntryHash(changed[i]), hash) << "column " << i;
  }
  // Moving a byte between adjacent texts changes the hash too.
  AuditEntry shifted = base;
  shifted.user_name = "ua";
  shifted.address = "";
  EXPECT_NE(AuditEntryHash(shifted), hash);
}

class AuditChainTest : public testing::StoreTest {
 protected:
  // Five entries: four node creations and one member creation.
  void WriteEntries() {
    committee_ =
        orgs()
            .InsertNode(ctx_, testing::MakeNode(NodeKind::kCommittee, "工委", "C", std::nullopt))
            ->id;
    for (const char* code : {"B1", "B2", "B3"}) {
      ASSERT_TRUE(
          orgs()
              .InsertNode(ctx_, testing::MakeNode(NodeKind::kBranch, "支部", code, committee_))
              .ok());
    }
    ASSERT_TRUE(members()
                    .InsertMembers(ctx_, {{MakeMember("张三", 1, committee_ + 1), D("2020-01-01")}})
                    .ok());
    ASSERT_EQ(Count("audit_log"), 5);
  }

  Status Verify(int64_t* broken) { return VerifyAuditChain(*inspect_, broken); }
};

TEST_F(AuditChainTest, EmptyLogVerifies) {
  int64_t broken = -1;
  EXPECT_TRUE(Verify(&broken).ok());
  EXPECT_EQ(broken, 0);
  AuditHead head = ReadAuditHead(*inspect_).value();
  EXPECT_EQ(head.id, 0);
  EXPECT_EQ(head.hash, kAuditGenesisHash);
}

TEST_F(AuditChainTest, EntriesRecordWhoWhenAndWhat) {
  WriteEntries();
  Result<Statement> st = inspect_->Prepare(
      "SELECT at_unix, at_text, user_id, user_name, address, request_id, entity, entity_id, "
      "action, before_json, after_json, prev_hash, hash FROM audit_log WHERE id = 5");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnInt64(0), clock_.NowUnixSeconds());
  EXPECT_EQ(st->ColumnText(1), "2024-05-01T12:00:00+08:00");
  EXPECT_EQ(st->ColumnInt64(2), 7);
  EXPECT_EQ(st->ColumnText(3), "管理员");
  EXPECT_EQ(st->ColumnText(4), "10.0.0.8");
  EXPECT_EQ(st->ColumnText(5), "req-1");
  EXPECT_EQ(st->ColumnText(6), "member");
  Member stored = members().GetMember(st->ColumnInt64(7)).value();
  EXPECT_EQ(st->ColumnText(8), "create");
  EXPECT_TRUE(st->IsNull(9));
  EXPECT_EQ(st->ColumnText(10), MemberToJson(stored));
  EXPECT_EQ(st->ColumnText(12), ReadAuditHead(*inspect_)->hash);

  int64_t broken = -1;
  EXPECT_TRUE(Verify(&broken).ok());
  EXPECT_EQ(broken, 0);
}

TEST_F(AuditChainTest, UpdateEntryHoldsBeforeAndAfter) {
  WriteEntries();
  OrgNode before = orgs().GetNode(committee_).value();
  OrgNode after = before;
  after.name = "新工委";
  ASSERT_TRUE(orgs().UpdateNode(ctx_, before, after).ok());
  Result<Statement> st = inspect_->Prepare(
      "SELECT entity, entity_id, action, before_json, after_json FROM audit_log WHERE id = 6");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnText(0), "org_node");
  EXPECT_EQ(st->ColumnInt64(1), committee_);
  EXPECT_EQ(st->ColumnText(2), "update");
  EXPECT_EQ(st->ColumnText(3), OrgNodeToJson(before));
  EXPECT_EQ(st->ColumnText(4), OrgNodeToJson(after));
}

TEST_F(AuditChainTest, EditedEntryIsNamed) {
  WriteEntries();
  ASSERT_TRUE(
      inspect_->Exec("UPDATE audit_log SET after_json = '{\"name\":\"x\"}' WHERE id = 3").ok());
  int64_t broken = 0;
  Status status = Verify(&broken);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "audit.chain_broken");
  EXPECT_EQ(status.error().message,
            "审计日志第 3 条记录与哈希链不符：该记录或其前一条被修改、删除或插入");
  EXPECT_EQ(broken, 3);
}

TEST_F(AuditChainTest, RehashedEntryBreaksTheNextLink) {
  WriteEntries();
  // Whoever edits row 3 and recomputes its hash still breaks row 4's link.
  AuditEntry e;
  {
    Result<Statement> st = inspect_->Prepare(
        "SELECT at_unix, at_text, user_id, user_name, address, request_id, entity, entity_id, "
        "action, before_json, after_json, prev_hash FROM audit_log WHERE id = 3");
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(st->Step().value());
    e = {3,
         st->ColumnInt64(0),
         st->ColumnString(1),
         st->ColumnInt64(2),
         st->ColumnString(3),
         st->ColumnString(4),
         st->ColumnString(5),
         st->ColumnString(6),
         st->ColumnInt64(7),
         st->ColumnString(8),
         std::nullopt,
         "{}",
         st->ColumnString(11),
         ""};
  }
  Result<Statement> update =
      inspect_->Prepare("UPDATE audit_log SET after_json = ?, hash = ? WHERE id = 3");
  ASSERT_TRUE(update.ok());
  ASSERT_TRUE(update->BindAll(*e.after_json, AuditEntryHash(e)).Run().ok());
  int64_t broken = 0;
  EXPECT_FALSE(Verify(&broken).ok());
  EXPECT_EQ(broken, 4);
}

TEST_F(AuditChainTest, DeletedEntryIsDetected) {
  WriteEntries();
  ASSERT_TRUE(inspect_->Exec("DELETE FROM audit_log WHERE id = 2").ok());
  int64_t broken = 0;
  EXPECT_FALSE(Verify(&broken).ok());
  EXPECT_EQ(broken, 3);
}

TEST_F(AuditChainTest, DeletedFirstEntryIsDetected) {
  WriteEntries();
  ASSERT_TRUE(inspect_->Exec("DELETE FROM audit_log WHERE id = 1").ok());
  int64_t broken = 0;
  EXPECT_FALSE(Verify(&broken).ok());
  EXPECT_EQ(broken, 2);
}

TEST_F(AuditChainTest, ChainContinuesAcrossTransactions) {
  WriteEntries();
  // A failed write appends nothing.
  ASSERT_FALSE(
      orgs().InsertNode(ctx_, testing::MakeNode(NodeKind::kBranch, "支部", "B3", committee_)).ok());
  EXPECT_EQ(QueryInt(*inspect_, "SELECT max(id) FROM audit_log"), 5);
  ASSERT_TRUE(
      orgs().InsertNode(ctx_, testing::MakeNode(NodeKind::kBranch, "支部", "B4", committee_)).ok());
  int64_t broken = -1;
  EXPECT_TRUE(Verify(&broken).ok());
  EXPECT_EQ(broken, 0);
}

}  // namespace
}  // namespace dj
