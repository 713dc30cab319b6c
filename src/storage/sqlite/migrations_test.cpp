#include "storage/sqlite/migrations.h"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::QueryInt;
using testing::TempDir;

int Latest() { return SqliteMigrations().back().version; }

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Database> opened = Database::Open(dir_.File("dj.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::make_unique<Database>(std::move(opened).value());
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST(EmbeddedMigrationsTest, NumberedFromOneWithoutGaps) {
  std::span<const Migration> migrations = SqliteMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1) << migrations[i].name;
    EXPECT_FALSE(migrations[i].sql.empty());
  }
  EXPECT_EQ(migrations[0].name, "0001_org_and_members.sql");
}

TEST_F(MigrationsTest, NewDatabaseIsAtVersionZero) { EXPECT_EQ(SchemaVersion(*db_).value(), 0); }

TEST_F(MigrationsTest, AppliesOnceAndIsIdempotent) {
  ASSERT_TRUE(Migrate(*db_).ok());
  EXPECT_EQ(SchemaVersion(*db_).value(), Latest());
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM schema_version"), Latest());
  for (const char* table : {"org_nodes", "members", "membership_periods", "audit_log"}) {
    Result<Statement> st = db_->Prepare("SELECT count(*) FROM sqlite_schema WHERE name = ?");
    ASSERT_TRUE(st.ok());
    st->Bind(1, table);
    ASSERT_TRUE(st->Step().value());
    EXPECT_EQ(st->ColumnInt64(0), 1) << table;
  }
  ASSERT_TRUE(Migrate(*db_).ok());
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM schema_version"), Latest());
  EXPECT_TRUE(CheckSchemaCurrent(*db_, SqliteMigrations()).ok());
}

TEST_F(MigrationsTest, RefusesNewerDatabase) {
  ASSERT_TRUE(Migrate(*db_).ok());
  Result<Statement> insert =
      db_->Prepare("INSERT INTO schema_version (version, name) VALUES (?, 'future')");
  ASSERT_TRUE(insert.ok());
  ASSERT_TRUE(insert->Bind(1, Latest() + 1).Run().ok());

  std::string expected = "数据库结构版本 " + std::to_string(Latest() + 1) + " 高于本程序支持的 " +
                         std::to_string(Latest()) + "，请升级程序";
  Status status = Migrate(*db_);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(status.error().key, "storage.schema_too_new");
  EXPECT_EQ(status.error().message, expected);

  Result<std::unique_ptr<SqliteStore>> store = OpenSqliteStore(dir_.File("dj.db"));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().key, "storage.schema_too_new");
}

TEST_F(MigrationsTest, AppliesPendingStepsInOrderEachInItsOwnTransaction) {
  const Migration steps[] = {
      {1, "0001_a.sql", "CREATE TABLE a (v INTEGER);"},
      {2, "0002_b.sql", "INSERT INTO a VALUES (2);"},
      {3, "0003_bad.sql", "INSERT INTO a VALUES (3); INSERT INTO missing VALUES (1);"},
  };
  Status status = Migrate(*db_, steps);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "数据库错误：no such table: missing");
  // The failed step left nothing behind; the earlier ones stay applied.
  EXPECT_EQ(SchemaVersion(*db_).value(), 2);
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM a"), 1);

  ASSERT_TRUE(Migrate(*db_, std::span(steps, 2)).ok());
  EXPECT_EQ(QueryInt(*db_, "SELECT count(*) FROM a"), 1);
}

TEST_F(MigrationsTest, CheckReportsOutdatedDatabase) {
  Status status = CheckSchemaCurrent(*db_, SqliteMigrations());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "storage.schema_outdated");
  EXPECT_EQ(status.error().message, "数据库结构版本 0 低于本程序所需的 " +
                                        std::to_string(Latest()) + "，请先运行 dangjian migrate");

  Result<std::unique_ptr<SqliteStore>> store =
      OpenSqliteStore(dir_.File("dj.db"), {.migrate = false});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().key, "storage.schema_outdated");
}

}  // namespace
}  // namespace dj
