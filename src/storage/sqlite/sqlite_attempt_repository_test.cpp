#include "storage/sqlite/sqlite_attempt_repository.h"

#include <gtest/gtest.h>

#include <future>

#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

class SqliteAttemptRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    Contest c;
    c.settings.title = "党章知识竞答";
    c.settings.starts_at = 1'790'000'000;
    c.settings.ends_at = 1'790'600'000;
    c.settings.scope = 1;
    c.settings.fixed = {1, 2};
    Result<Contest> stored = store_->contests().InsertContest(ctx_, c);
    ASSERT_TRUE(stored.ok());
    contest_ = stored->id;
  }

  AttemptRepository& attempts() { return store_->attempts(); }

  StoredAttempt Started(AttemptId id, MemberId member, int number) const {
    StoredAttempt a;
    a.id = id;
    a.contest = contest_;
    a.member = member;
    a.branch = 4;
    a.number = number;
    a.started_at = 1'790'000'100;
    a.deadline = 1'790'001'900;
    a.paper = {{1, {2, 0, 1, 3}}, {2, {0, 1}}};
    return a;
  }

  // Waits for the write's answer.
  Status Wait(const std::function<void(AttemptRepository::Done)>& write) {
    std::promise<Status> answer;
    write([&answer](Status s) { answer.set_value(std::move(s)); });
    return answer.get_future().get();
  }

  ContestId contest_ = 0;
};

TEST_F(SqliteAttemptRepositoryTest, AttemptsAreStoredSubmittedAndAudited) {
  const int64_t audit = Count("audit_log");
  const StoredAttempt a = Started(10, 7, 1);
  ASSERT_TRUE(Wait([&](auto done) { attempts().InsertAttempt(ctx_, a, done); }).ok());
  EXPECT_EQ(attempts().LoadAttempts().value(), std::vector<StoredAttempt>{a});

  StoredAttempt submitted = a;
  submitted.submitted_at = 1'790'000'200;
  submitted.answers = {{1, 0b0100}, {2, 0b01}};
  submitted.points = 3;
  submitted.max_points = 3;
  submitted.correct = 2;
  ASSERT_TRUE(Wait([&](auto done) { attempts().SubmitAttempt(ctx_, submitted, done); }).ok());
  EXPECT_EQ(attempts().LoadAttempts().value(), std::vector<StoredAttempt>{submitted});
  EXPECT_EQ(Count("audit_log"), audit + 2);
  EXPECT_EQ(testing::QueryInt(*inspect_,
                              "SELECT count(*) FROM audit_log WHERE entity = 'contest_attempt' "
                              "AND entity_id = 10 AND action IN ('start', 'submit')"),
            2);
  int64_t broken = 0;
  EXPECT_TRUE(VerifyAuditChain(*inspect_, &broken).ok());
  EXPECT_EQ(broken, 0);
}

TEST_F(SqliteAttemptRepositoryTest, RepeatsAreRefusedAndChangeNothing) {
  const StoredAttempt a = Started(10, 7, 1);
  ASSERT_TRUE(Wait([&](auto done) { attempts().InsertAttempt(ctx_, a, done); }).ok());
  const int64_t audit = Count("audit_log");
  // The same member's attempt 1 again, under another id.
  EXPECT_EQ(
      Wait([&](auto done) { attempts().InsertAttempt(ctx_, Started(11, 7, 1), done); }).error().key,
      "contest.attempt_exists");
  StoredAttempt submitted = a;
  submitted.submitted_at = 1'790'000'200;
  ASSERT_TRUE(Wait([&](auto done) { attempts().SubmitAttempt(ctx_, submitted, done); }).ok());
  submitted.points = 99;
  EXPECT_EQ(Wait([&](auto done) { attempts().SubmitAttempt(ctx_, submitted, done); }).error().key,
            "contest.already_submitted");
  StoredAttempt missing = submitted;
  missing.id = 12;
  EXPECT_EQ(Wait([&](auto done) { attempts().SubmitAttempt(ctx_, missing, done); }).error().key,
            "contest.attempt_not_found");
  ASSERT_EQ(attempts().LoadAttempts()->size(), 1u);
  EXPECT_EQ(attempts().LoadAttempts()->front().points, 0);
  EXPECT_EQ(Count("audit_log"), audit + 1);  // only the one submission
}

TEST_F(SqliteAttemptRepositoryTest, ABurstIsCommittedInBatches) {
  std::vector<std::promise<Status>> answers(500);
  for (int i = 0; i < 500; ++i) {
    attempts().InsertAttempt(ctx_, Started(100 + i, 1000 + i, 1), [&answers, i](Status s) {
      answers[static_cast<size_t>(i)].set_value(s);
    });
  }
  for (auto& a : answers) EXPECT_TRUE(a.get_future().get().ok());
  EXPECT_EQ(attempts().LoadAttempts()->size(), 500u);
  EXPECT_LT(store_->committer().stats().batches, 500u);
}

TEST_F(SqliteAttemptRepositoryTest, ThePoolKeptAtPublishingIsReadBack) {
  Contest before = store_->contests().LoadContests()->front();
  Contest after = before;
  after.status = ContestStatus::kPublished;
  Question q{7, QuestionKind::kMultiple, "多选题", {"甲", "乙", "丙"}, 0b101, {"党章"}, 4, "解析"};
  Question t{9, QuestionKind::kTrueFalse, "判断题", {"正确", "错误"}, 0b10, {}, 3, ""};
  ASSERT_TRUE(store_->contests().PublishContest(ctx_, before, after, {q, t}).ok());
  EXPECT_EQ(store_->contests().LoadPool(after.id).value(), (std::vector<Question>{q, t}));
  EXPECT_TRUE(store_->contests().LoadPool(after.id + 1)->empty());
  // Refused from a stale copy, with nothing kept.
  EXPECT_EQ(store_->contests().PublishContest(ctx_, before, after, {q}).error().key,
            "contest.stale");
  EXPECT_EQ(store_->contests().LoadPool(after.id)->size(), 2u);
}

TEST_F(SqliteAttemptRepositoryTest, TheServerKeyIsMadeOnceAndKept) {
  int made = 0;
  auto make = [&made] { return "key-" + std::to_string(++made); };
  EXPECT_EQ(store_->ServerKey("contest_pass", make).value(), "key-1");
  EXPECT_EQ(store_->ServerKey("contest_pass", make).value(), "key-1");
  EXPECT_EQ(store_->ServerKey("other", make).value(), "key-2");
}

}  // namespace
}  // namespace dj
