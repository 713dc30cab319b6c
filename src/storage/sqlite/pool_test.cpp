#include "storage/sqlite/pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::QueryInt;
using testing::TempDir;

class PoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(dir_.File("dj.db"), 2);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    pool_ = std::move(pool).value();
    ConnectionPool::Lease writer = pool_->BorrowWriter();
    ASSERT_TRUE(writer->Exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);").ok());
  }

  TempDir dir_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST(PoolOpenTest, OpenFailureIsReported) {
  TempDir dir;
  Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(dir.File("missing/dj.db"), 2);
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.error().key, "storage.open_failed");
}

TEST_F(PoolTest, ReadersSeeCommittedDataWhileWriterHoldsOpenTransaction) {
  ConnectionPool::Lease writer = pool_->BorrowWriter();
  Result<Transaction> txn = Transaction::BeginWrite(writer.db());
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE(writer->Exec("INSERT INTO t VALUES (2)").ok());
  // Another thread reads without waiting for the writer: it sees the last commit.
  std::thread reader([&] {
    ConnectionPool::Lease lease = pool_->BorrowReader();
    EXPECT_EQ(QueryInt(lease.db(), "SELECT count(*) FROM t"), 1);
  });
  reader.join();
  ASSERT_TRUE(txn->Commit().ok());
  ConnectionPool::Lease lease = pool_->BorrowReader();
  EXPECT_EQ(QueryInt(lease.db(), "SELECT count(*) FROM t"), 2);
}

TEST_F(PoolTest, WriterLeaseIsExclusive) {
  std::atomic<bool> second_has_writer{false};
  std::thread second;
  {
    ConnectionPool::Lease writer = pool_->BorrowWriter();
    second = std::thread([&] {
      ConnectionPool::Lease lease = pool_->BorrowWriter();
      second_has_writer = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(second_has_writer.load());
  }
  second.join();
  EXPECT_TRUE(second_has_writer.load());
}

TEST_F(PoolTest, ReaderWaitsForAReturnedConnection) {
  std::atomic<bool> third_has_reader{false};
  std::thread third;
  {
    ConnectionPool::Lease a = pool_->BorrowReader();
    ConnectionPool::Lease b = pool_->BorrowReader();
    EXPECT_NE(&a.db(), &b.db());
    third = std::thread([&] {
      ConnectionPool::Lease c = pool_->BorrowReader();
      third_has_reader = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(third_has_reader.load());
  }
  third.join();
  EXPECT_TRUE(third_has_reader.load());
}

}  // namespace
}  // namespace dj
