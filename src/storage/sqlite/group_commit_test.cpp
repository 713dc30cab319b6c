#include "storage/sqlite/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::QueryInt;
using testing::TempDir;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(dir_.File("dj.db"), 2);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    pool_ = std::move(pool).value();
    ConnectionPool::Lease writer = pool_->BorrowWriter();
    ASSERT_TRUE(writer->Exec("CREATE TABLE t (v INTEGER PRIMARY KEY)").ok());
  }

  static GroupCommitter::Job Insert(int64_t v) {
    return [v](Database& db) -> Status {
      DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare("INSERT INTO t (v) VALUES (?)"));
      insert.Bind(1, v);
      return insert.Run();
    };
  }

  int64_t Rows() {
    ConnectionPool::Lease reader = pool_->BorrowReader();
    return QueryInt(reader.db(), "SELECT count(*) FROM t");
  }

  TempDir dir_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(GroupCommitTest, JobsWaitingTogetherShareOneTransaction) {
  GroupCommitter committer(*pool_);
  // The first job holds its batch open until the others are queued behind it, so they
  // must all go into the second batch.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  std::promise<Status> first;
  committer.Submit(
      [&started, released](Database& db) {
        started.set_value();
        released.wait();
        return Insert(0)(db);
      },
      [&first](Status s) { first.set_value(std::move(s)); });
  started.get_future().wait();

  constexpr int kJobs = 200;
  std::atomic<int> ok{0};
  std::atomic<int> answered{0};
  std::promise<void> all_answered;
  for (int i = 1; i <= kJobs; ++i) {
    committer.Submit(Insert(i), [&, i](Status s) {
      if (s.ok()) ++ok;
      // Answered only once durable: the row is visible to another connection.
      EXPECT_GE(Rows(), i);
      if (++answered == kJobs) all_answered.set_value();
    });
  }
  release.set_value();
  EXPECT_TRUE(first.get_future().get().ok());
  all_answered.get_future().wait();
  EXPECT_EQ(ok.load(), kJobs);
  EXPECT_EQ(Rows(), kJobs + 1);
  GroupCommitter::Stats stats = committer.stats();
  EXPECT_EQ(stats.batches, 2u);
  EXPECT_EQ(stats.jobs, static_cast<uint64_t>(kJobs + 1));
  EXPECT_EQ(stats.largest_batch, static_cast<uint64_t>(kJobs));
}

TEST_F(GroupCommitTest, AFailingJobIsUndoneAloneAndTheOthersCommit) {
  GroupCommitter committer(*pool_);
  ASSERT_TRUE(committer.Run(Insert(7)).ok());
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  committer.Submit(
      [released](Database& db) {
        released.wait();
        return Insert(1)(db);
      },
      [](Status s) { EXPECT_TRUE(s.ok()); });

  std::vector<std::future<Status>> answers;
  std::vector<std::promise<Status>> promises(4);
  std::vector<GroupCommitter::Job> jobs = {Insert(2),
                                           // writes, then fails: its row must not stay
                                           [](Database& db) -> Status {
                                             DJ_RETURN_IF_ERROR(Insert(3)(db));
                                             return Error::InvalidArgument("test.refused", "拒绝");
                                           },
                                           Insert(7),  // a constraint violation
                                           Insert(4)};
  for (size_t i = 0; i < jobs.size(); ++i) {
    answers.push_back(promises[i].get_future());
    committer.Submit(jobs[i], [&promises, i](Status s) { promises[i].set_value(std::move(s)); });
  }
  release.set_value();
  EXPECT_TRUE(answers[0].get().ok());
  Status refused = answers[1].get();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "test.refused");
  EXPECT_FALSE(answers[2].get().ok());
  EXPECT_TRUE(answers[3].get().ok());
  ConnectionPool::Lease reader = pool_->BorrowReader();
  Result<Statement> list =
      reader->Prepare("SELECT group_concat(v, ',') FROM (SELECT v FROM t ORDER BY v)");
  ASSERT_TRUE(list.ok());
  ASSERT_TRUE(list->Step().value());
  EXPECT_EQ(list->ColumnString(0), "1,2,4,7");
}

TEST_F(GroupCommitTest, StoppingAnswersEveryJobSubmitted) {
  std::atomic<int> answered{0};
  {
    GroupCommitter committer(*pool_, {.max_batch = 16});
    for (int i = 0; i < 100; ++i) {
      committer.Submit(Insert(i), [&answered](Status s) {
        EXPECT_TRUE(s.ok());
        ++answered;
      });
    }
  }
  EXPECT_EQ(answered.load(), 100);
  EXPECT_EQ(Rows(), 100);
  // The writer connection is back to NORMAL for the other writers.
  ConnectionPool::Lease writer = pool_->BorrowWriter();
  EXPECT_EQ(QueryInt(writer.db(), "PRAGMA synchronous"), 1);
}

TEST_F(GroupCommitTest, ManyThreadsAtOnce) {
  GroupCommitter committer(*pool_);
  constexpr int kThreads = 8;
  constexpr int kEach = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!committer.Run(Insert(t * kEach + i)).ok()) ++failed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(Rows(), kThreads * kEach);
  EXPECT_EQ(committer.stats().jobs, static_cast<uint64_t>(kThreads * kEach));
}

}  // namespace
}  // namespace dj
