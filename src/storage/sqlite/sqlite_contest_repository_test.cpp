#include "storage/sqlite/sqlite_contest_repository.h"

#include <gtest/gtest.h>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

class SqliteContestRepositoryTest : public testing::StoreTest {
 protected:
  ContestRepository& contests() { return store_->contests(); }
};

Contest Draft() {
  Contest c;
  c.settings.title = "党章知识竞答";
  c.settings.description = "全省机关党员参加";
  c.settings.starts_at = 1'790'000'000;
  c.settings.ends_at = 1'790'600'000;
  c.settings.scope = 3;
  c.settings.draw = {{"党章", QuestionKind::kSingle, 10}, {"", std::nullopt, 5}};
  c.settings.reveal_answers = Reveal::kNever;
  return c;
}

TEST_F(SqliteContestRepositoryTest, StoresUpdatesAndAuditsEachStep) {
  const int64_t audit = Count("audit_log");
  Result<Contest> stored = contests().InsertContest(ctx_, Draft());
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(contests().LoadContests().value(), std::vector<Contest>{*stored});

  Contest published = *stored;
  published.status = ContestStatus::kPublished;
  ASSERT_TRUE(contests().UpdateContest(ctx_, *stored, published, "publish").ok());
  EXPECT_EQ(contests().LoadContests().value(), std::vector<Contest>{published});
  EXPECT_EQ(Count("audit_log"), audit + 2);
  EXPECT_EQ(testing::QueryInt(*inspect_, "SELECT count(*) FROM audit_log WHERE action = 'publish'"),
            1);

  // From a stale copy: refused, nothing written.
  Contest closed = *stored;
  closed.status = ContestStatus::kClosed;
  EXPECT_EQ(contests().UpdateContest(ctx_, *stored, closed, "close").error().key, "contest.stale");
  Contest missing = published;
  missing.id = 999;
  EXPECT_EQ(contests().UpdateContest(ctx_, missing, missing, "close").error().key,
            "contest.not_found");
  EXPECT_EQ(contests().LoadContests().value(), std::vector<Contest>{published});
  EXPECT_EQ(Count("audit_log"), audit + 2);
}

}  // namespace
}  // namespace dj
