#include "storage/sqlite/database.h"

#include <gtest/gtest.h>

#include <fstream>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;
using testing::QueryInt;
using testing::TempDir;

TEST(DatabaseOpenTest, MissingDirectoryFails) {
  TempDir dir;
  std::string path = dir.File("no/such/dir/dj.db");
  Result<Database> db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(db.error().key, "storage.open_failed");
  EXPECT_EQ(db.error().message, "无法打开数据库 " + path + "：unable to open database file");
}

TEST(DatabaseOpenTest, GarbageFileFailsAtOpen) {
  TempDir dir;
  std::string path = dir.File("garbage.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 512; ++i) out << "this is not an SQLite file\n";
  }
  Result<Database> db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().key, "storage.open_failed");
  EXPECT_EQ(db.error().message, "无法打开数据库 " + path + "：file is not a database");
}

TEST(DatabaseOpenTest, MissingFileWithoutCreateFails) {
  TempDir dir;
  std::string path = dir.File("absent.db");
  Result<Database> db = Database::Open(path, {.create = false});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().key, "storage.open_failed");
}

TEST(DatabaseOpenTest, ConnectionSettings) {
  TempDir dir;
  Result<Database> db = Database::Open(dir.File("dj.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  Result<Statement> mode = db->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(mode->Step().value());
  EXPECT_EQ(mode->ColumnText(0), "wal");
  EXPECT_EQ(QueryInt(*db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(*db, "PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_EQ(QueryInt(*db, "PRAGMA busy_timeout"), 5000);
  EXPECT_EQ(QueryInt(*db, "PRAGMA cache_size"), -8192);

  Result<Database> writer = Database::Open(dir.File("dj.db"), {.bulk_writer = true});
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(QueryInt(*writer, "PRAGMA cache_size"), -65536);
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Database> opened = Database::Open(dir_.File("dj.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::make_unique<Database>(std::move(opened).value());
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, BindsAndReadsEveryType) {
  Result<Statement> st = db_->Prepare("SELECT ?, ?, ?, ?, ?, ?, ?, ?");
  ASSERT_TRUE(st.ok());
  st->BindAll(int64_t{1} << 40, 7, 2.5, "党支部", std::nullopt, std::optional<int64_t>(),
              std::optional<int64_t>(9), D("2024-02-29"));
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnInt64(0), int64_t{1} << 40);
  EXPECT_EQ(st->ColumnInt(1), 7);
  EXPECT_DOUBLE_EQ(st->ColumnDouble(2), 2.5);
  EXPECT_EQ(st->ColumnText(3), "党支部");
  EXPECT_TRUE(st->IsNull(4));
  EXPECT_EQ(st->ColumnOptionalInt64(5), std::nullopt);
  EXPECT_EQ(st->ColumnOptionalInt64(6), 9);
  EXPECT_EQ(st->ColumnText(7), "2024-02-29");
  EXPECT_EQ(st->ColumnDate(7).value(), D("2024-02-29"));
  EXPECT_EQ(st->ColumnOptionalDate(4).value(), std::nullopt);
  EXPECT_EQ(st->ColumnOptionalDate(7).value(), D("2024-02-29"));
  EXPECT_FALSE(st->Step().value());
}

TEST_F(DatabaseTest, TextBindingCopiesTemporaries) {
  Result<Statement> st = db_->Prepare("SELECT ?");
  ASSERT_TRUE(st.ok());
  st->Bind(1, std::string(100, 'x'));  // destroyed before Step
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnString(0), std::string(100, 'x'));
}

TEST_F(DatabaseTest, MalformedDateIsCorrupt) {
  Result<Statement> st = db_->Prepare("SELECT '2023-02-29'");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Step().value());
  Result<Date> date = st->ColumnDate(0);
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.error().key, "storage.corrupt");
  EXPECT_EQ(date.error().message, "第 1 列的日期无效：2023-02-29");
}

TEST_F(DatabaseTest, BindErrorSurfacesAtStep) {
  Result<Statement> st = db_->Prepare("SELECT ?");
  ASSERT_TRUE(st.ok());
  st->Bind(2, 1);
  Result<bool> row = st->Step();
  ASSERT_FALSE(row.ok());
  EXPECT_EQ(row.error().key, "storage.error");
  EXPECT_EQ(row.error().message, "数据库错误：column index out of range");
}

TEST_F(DatabaseTest, PrepareErrorIsReported) {
  Result<Statement> st = db_->Prepare("SELEC 1");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().key, "storage.error");
  EXPECT_EQ(st.error().message, "数据库错误：near \"SELEC\": syntax error");
}

TEST_F(DatabaseTest, ConstraintFailuresAreConflicts) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                        "CREATE TABLE child (id INTEGER PRIMARY KEY,"
                        "  code TEXT NOT NULL UNIQUE, size INTEGER CHECK (size >= 0),"
                        "  parent_id INTEGER REFERENCES parent (id));"
                        "INSERT INTO child (id, code, size) VALUES (1, 'a', 1);")
                  .ok());
  struct Case {
    const char* sql;
    const char* key;
    const char* message;
  } cases[] = {
      {"INSERT INTO child (code) VALUES ('a')", "storage.unique_violation",
       "违反唯一约束：UNIQUE constraint failed: child.code"},
      {"INSERT INTO child (id, code) VALUES (1, 'b')", "storage.unique_violation",
       "违反唯一约束：UNIQUE constraint failed: child.id"},
      {"INSERT INTO child (code, parent_id) VALUES ('c', 99)", "storage.foreign_key_violation",
       "违反外键约束：FOREIGN KEY constraint failed"},
      {"INSERT INTO child (code, size) VALUES ('d', -1)", "storage.check_violation",
       "违反检查约束：CHECK constraint failed: size >= 0"},
      {"INSERT INTO child (code) VALUES (NULL)", "storage.constraint_violation",
       "违反数据约束：NOT NULL constraint failed: child.code"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    Result<Statement> st = db_->Prepare(c.sql);
    ASSERT_TRUE(st.ok());
    Status status = st->Run();
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().key, c.key);
    EXPECT_EQ(status.error().message, c.message);
  }
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM child"), 1);
}

TEST_F(DatabaseTest, TransactionRollsBackUnlessCommitted) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE t (v INTEGER)").ok());
  {
    Result<Transaction> txn = Transaction::BeginWrite(*db_);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO t VALUES (1)").ok());
    EXPECT_TRUE(db_->InTransaction());
  }
  EXPECT_FALSE(db_->InTransaction());
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM t"), 0);
  {
    Result<Transaction> txn = Transaction::BeginWrite(*db_);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM t"), 1);
}

TEST_F(DatabaseTest, FailedCommitRollsBack) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                        "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));")
                  .ok());
  Result<Transaction> txn = Transaction::BeginWrite(*db_);
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE(db_->Exec("PRAGMA defer_foreign_keys = ON").ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO child VALUES (5)").ok());
  Status status = txn->Commit();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "storage.foreign_key_violation");
  EXPECT_FALSE(db_->InTransaction());
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM child"), 0);
}

TEST_F(DatabaseTest, SecondWriterIsBusyAfterTimeout) {
  Result<Database> other = Database::Open(dir_.File("dj.db"), {.busy_timeout_ms = 50});
  ASSERT_TRUE(other.ok());
  Result<Transaction> txn = Transaction::BeginWrite(*db_);
  ASSERT_TRUE(txn.ok());
  Result<Transaction> second = Transaction::BeginWrite(*other);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(second.error().key, "storage.busy");
}

}  // namespace
}  // namespace dj
