#include "storage/sqlite/migrations.h"

#include <string>

namespace dj {
namespace {

constexpr char kCreateSchemaVersion[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";
constexpr char kHasSchemaVersion[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'";
constexpr char kSelectSchemaVersion[] = "SELECT coalesce(max(version), 0) FROM schema_version";
constexpr char kInsertSchemaVersion[] = "INSERT INTO schema_version (version, name) VALUES (?, ?)";

int LatestVersion(std::span<const Migration> migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

Error TooNew(int found, int known) {
  return Error::Unavailable("storage.schema_too_new", "数据库结构版本 " + std::to_string(found) +
                                                          " 高于本程序支持的 " +
                                                          std::to_string(known) + "，请升级程序");
}

}  // namespace

Result<int> SchemaVersion(Database& db) {
  DJ_ASSIGN_OR_RETURN(Statement has_table, db.Prepare(kHasSchemaVersion));
  DJ_RETURN_IF_ERROR(has_table.Step());
  if (has_table.ColumnInt64(0) == 0) return 0;
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectSchemaVersion));
  DJ_RETURN_IF_ERROR(select.Step());
  return select.ColumnInt(0);
}

Status Migrate(Database& db, std::span<const Migration> migrations) {
  const int latest = LatestVersion(migrations);
  for (const Migration& migration : migrations) {
    // The version is read again inside each transaction, so two processes migrating the
    // same file at once apply each step once.
    DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginWrite(db));
    DJ_RETURN_IF_ERROR(db.Exec(kCreateSchemaVersion));
    DJ_ASSIGN_OR_RETURN(int current, SchemaVersion(db));
    if (current > latest) return TooNew(current, latest);
    if (current >= migration.version) continue;
    DJ_RETURN_IF_ERROR(db.Exec(migration.sql));
    DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertSchemaVersion));
    DJ_RETURN_IF_ERROR(insert.BindAll(migration.version, migration.name).Run());
    DJ_RETURN_IF_ERROR(txn.Commit());
  }
  // With nothing to apply the loop may not have looked at the database at all.
  return CheckSchemaCurrent(db, migrations);
}

Status Migrate(Database& db) { return Migrate(db, SqliteMigrations()); }

Status CheckSchemaCurrent(Database& db, std::span<const Migration> migrations) {
  const int latest = LatestVersion(migrations);
  DJ_ASSIGN_OR_RETURN(int current, SchemaVersion(db));
  if (current > latest) return TooNew(current, latest);
  if (current < latest) {
    return Error::Unavailable("storage.schema_outdated",
                              "数据库结构版本 " + std::to_string(current) + " 低于本程序所需的 " +
                                  std::to_string(latest) + "，请先运行 dangjian migrate");
  }
  return Ok();
}

}  // namespace dj
