#pragma once

#include "domain/audit/audit_repository.h"
#include "storage/sqlite/pool.h"

namespace dj {

// AuditRepository on SQLite, reading the audit_log table the other SQLite repositories
// append to. Thread-safe: every call borrows one of the pool's reader connections and counts
// and pages in one read transaction. `pool` must outlive the repository.
//
// The scope filter reads branch_id (member entries) and node_id (role_grant entries) from
// the entry's JSON with SQLite's JSON functions, so a transfer is in the scope of the branch
// the member moved to, not the one they left. Errors are the storage.* errors of database.h.
class SqliteAuditRepository final : public AuditRepository {
 public:
  explicit SqliteAuditRepository(ConnectionPool& pool) : pool_(pool) {}

  Result<AuditPage> List(const AuditQuery& query) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace dj
