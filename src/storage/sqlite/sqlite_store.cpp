#include "storage/sqlite/sqlite_store.h"

#include "storage/sqlite/migrations.h"

namespace dj {

SqliteStore::SqliteStore(std::unique_ptr<ConnectionPool> pool, const Clock* clock)
    : pool_(std::move(pool)),
      orgs_(*pool_, clock != nullptr ? *clock : system_clock_),
      members_(*pool_, clock != nullptr ? *clock : system_clock_),
      auth_(*pool_, clock != nullptr ? *clock : system_clock_),
      audit_(*pool_),
      meetings_(*pool_, clock != nullptr ? *clock : system_clock_),
      questions_(*pool_, clock != nullptr ? *clock : system_clock_),
      contests_(*pool_, clock != nullptr ? *clock : system_clock_) {}

Result<std::unique_ptr<SqliteStore>> OpenSqliteStore(const std::string& path,
                                                     const StoreOptions& options) {
  DJ_ASSIGN_OR_RETURN(std::unique_ptr<ConnectionPool> pool,
                      ConnectionPool::Open(path, options.readers, options.open));
  {
    ConnectionPool::Lease lease = pool->BorrowWriter();
    DJ_RETURN_IF_ERROR(options.migrate ? Migrate(lease.db())
                                       : CheckSchemaCurrent(lease.db(), SqliteMigrations()));
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(pool), options.clock));
}

}  // namespace dj
