#include "storage/sqlite/sqlite_meeting_repository.h"

#include <gtest/gtest.h>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;

class SqliteMeetingRepositoryTest : public testing::StoreTest {
 protected:
  MeetingRepository& meetings() { return store_->meetings(); }

  Meeting Sample() {
    Meeting m;
    m.node_id = branch_a_;
    m.branch_id = branch_a_;
    m.type = MeetingType::kBranchAssembly;
    m.date = D("2026-03-20");
    m.start_minute = 14 * 60 + 30;
    m.duration_minutes = 90;
    m.place = "三楼会议室";
    m.host = "张书记";
    m.recorder = "李委员";
    m.topics = {{"学习传达全国两会精神", true}, {"讨论接收预备党员", false}};
    m.attendees = {3, 4, 200, 201};
    m.absences = {{5, AbsenceReason::kSick, ""}, {9, AbsenceReason::kOther, "外出学习"}};
    m.minutes = "会议记录正文";
    m.decisions = "同意接收";
    m.votes = {{"接收王某为预备党员", 4, 0, 0, 6, true}};
    m.created_by = 7;
    m.created_at = 1'700'000'000;
    m.updated_at = 1'700'000'000;
    return m;
  }
};

TEST_F(SqliteMeetingRepositoryTest, InsertGetUpdateDeleteRoundTrip) {
  AddTree();
  Meeting m = Sample();
  Result<Meeting> stored = meetings().Insert(ctx_, m);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  m.id = stored->id;
  EXPECT_EQ(*stored, m);
  EXPECT_EQ(meetings().Get(m.id).value(), m);
  EXPECT_EQ(meetings().NodeOf(m.id).value(), branch_a_);
  EXPECT_EQ(meetings().NodeOf(999).value(), std::nullopt);

  Meeting after = m;
  after.status = MeetingStatus::kReturned;
  after.return_reason = "缺少照片";
  after.absences = {{5, AbsenceReason::kOfficial, "出差"}};
  ASSERT_TRUE(meetings().Update(ctx_, m, after).ok());
  EXPECT_EQ(meetings().Get(m.id).value(), after);
  EXPECT_EQ(Count("meeting_absences"), 1);

  // Updating from a stale copy is refused and changes nothing.
  Status stale = meetings().Update(ctx_, m, m);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().key, "meeting.stale");

  Result<std::vector<MeetingFacts>> facts = meetings().LoadFacts();
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts->size(), 1u);
  EXPECT_EQ(facts->front(), FactsOf(after));

  ASSERT_TRUE(meetings().Delete(ctx_, after).ok());
  EXPECT_EQ(Count("meetings"), 0);
  EXPECT_EQ(Count("meeting_absences"), 0);
  Result<Meeting> gone = meetings().Get(m.id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().key, "meeting.not_found");
  // create, return, delete: three audit entries.
  EXPECT_EQ(testing::QueryInt(*inspect_, "SELECT count(*) FROM audit_log WHERE entity = 'meeting'"),
            3);
}

TEST_F(SqliteMeetingRepositoryTest, AttachmentsAreStoredAsBytes) {
  AddTree();
  Result<Meeting> stored = meetings().Insert(ctx_, Sample());
  ASSERT_TRUE(stored.ok());
  std::string bytes("%PDF-1.4\0binary\xFF", 16);
  Attachment a{0, stored->id, "签到表.pdf", "application/pdf", 16};
  Result<Attachment> added = meetings().AddAttachment(ctx_, a, bytes);
  ASSERT_TRUE(added.ok()) << added.error().message;
  auto back = meetings().GetAttachment(stored->id, added->id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->second, bytes);
  EXPECT_EQ(back->first.name, "签到表.pdf");
  EXPECT_EQ(meetings().Get(stored->id)->attachments.size(), 1u);
  // Another meeting's id does not reach it.
  EXPECT_EQ(meetings().GetAttachment(stored->id + 1, added->id).error().key,
            "attachment.not_found");
  ASSERT_TRUE(meetings().DeleteAttachment(ctx_, *added).ok());
  EXPECT_EQ(meetings().DeleteAttachment(ctx_, *added).error().key, "attachment.not_found");
}

TEST_F(SqliteMeetingRepositoryTest, ListAtReturnsTheNodesRecordsInDateOrder) {
  AddTree();
  Meeting late = Sample();
  late.date = D("2026-05-01");
  Meeting early = Sample();
  early.date = D("2026-01-10");
  Meeting other = Sample();
  other.node_id = branch_b_;
  other.branch_id = branch_b_;
  for (const Meeting& m : {late, early, other}) ASSERT_TRUE(meetings().Insert(ctx_, m).ok());
  Result<std::vector<Meeting>> list =
      meetings().ListAt(branch_a_, D("2026-01-01"), D("2026-12-31"));
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).date, D("2026-01-10"));
  EXPECT_EQ(list->at(1).date, D("2026-05-01"));
  EXPECT_EQ(list->at(0).absences.size(), 2u);
}

TEST_F(SqliteMeetingRepositoryTest, SeedWritesAllOrNothing) {
  AddTree();
  Meeting a = Sample();
  a.id = 10;
  Meeting b = Sample();
  b.id = 11;
  ASSERT_TRUE(meetings().Seed(ctx_, {a, b}).ok());
  EXPECT_EQ(Count("meetings"), 2);
  EXPECT_EQ(Count("meeting_absences"), 4);
  Status again = meetings().Seed(ctx_, {a});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "storage.not_empty");
  EXPECT_EQ(Count("meetings"), 2);
}

}  // namespace
}  // namespace dj
