// The schema, as numbered SQL files compiled into the binary (src/storage/migrations/sqlite).
#pragma once

#include <span>
#include <string_view>

#include "common/result.h"
#include "storage/sqlite/database.h"

namespace dj {

struct Migration {
  int version;            // from the file name's NNNN prefix
  std::string_view name;  // the file name, e.g. "0001_org_and_members.sql"
  std::string_view sql;
};

// The embedded migrations, ascending by version (1, 2, ... without gaps). Generated at build
// time from the files listed in src/storage/CMakeLists.txt.
std::span<const Migration> SqliteMigrations();

// The highest version recorded in `db`'s schema_version table; 0 for a new database.
Result<int> SchemaVersion(Database& db);

// Applies the migrations newer than the database's version, in order, each in its own write
// transaction together with its schema_version row, so an interrupted run leaves a valid
// earlier version. Running it again does nothing. Unavailable "storage.schema_too_new" when
// the database is newer than the last of `migrations` (a newer program wrote it).
Status Migrate(Database& db, std::span<const Migration> migrations);
// Migrate(db, SqliteMigrations()).
Status Migrate(Database& db);

// Unavailable "storage.schema_too_new" or "storage.schema_outdated" unless the database is
// exactly at the last of `migrations`.
Status CheckSchemaCurrent(Database& db, std::span<const Migration> migrations);

}  // namespace dj
