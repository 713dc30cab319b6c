#include "storage/sqlite/sqlite_store.h"

#include "storage/sqlite/migrations.h"

namespace dj {

SqliteStore::SqliteStore(std::unique_ptr<ConnectionPool> pool, const Clock* clock)
    : pool_(std::move(pool)),
      clock_(clock),
      orgs_(*pool_, clock != nullptr ? *clock : system_clock_),
      members_(*pool_, clock != nullptr ? *clock : system_clock_),
      auth_(*pool_, clock != nullptr ? *clock : system_clock_),
      audit_(*pool_),
      meetings_(*pool_, clock != nullptr ? *clock : system_clock_),
      questions_(*pool_, clock != nullptr ? *clock : system_clock_),
      contests_(*pool_, clock != nullptr ? *clock : system_clock_),
      committer_(*pool_),
      attempts_(*pool_, committer_, clock != nullptr ? *clock : system_clock_) {}

Result<std::string> SqliteStore::ServerKey(std::string_view name,
                                           const std::function<std::string()>& make) {
  const int64_t now = (clock_ != nullptr ? *clock_ : system_clock_).NowUnixSeconds();
  ConnectionPool::Lease lease = pool_->BorrowWriter();
  Database& db = lease.db();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginWrite(db));
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare("SELECT value FROM server_keys WHERE name = ?"));
  select.Bind(1, name);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (found) return std::string(select.ColumnBlob(0));
  std::string key = make();
  DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare("INSERT INTO server_keys (name, value, "
                                                   "created_at) VALUES (?, ?, ?)"));
  insert.Bind(1, name).BindBlob(2, key).Bind(3, now);
  DJ_RETURN_IF_ERROR(insert.Run());
  DJ_RETURN_IF_ERROR(txn.Commit());
  return key;
}

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
