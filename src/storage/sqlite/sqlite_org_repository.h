#pragma once

#include <vector>

#include "common/date.h"
#include "domain/org/org_repository.h"
#include "storage/sqlite/pool.h"

namespace dj {

// OrgRepository on SQLite. Thread-safe: reads use the pool's reader connections, writes its
// writer connection. `pool` and `clock` (the audit timestamps) must outlive the repository.
//
// Beyond the interface's errors: NotFound "org.not_found" from UpdateNode/DeleteNode when the
// node is gone; Conflict "org.stale" when the stored node no longer equals `before` (someone
// else changed it since it was read); Conflict "org.has_children" from DeleteNode; and the
// storage.* errors of database.h (e.g. a parent that does not exist).
class SqliteOrgRepository final : public OrgRepository {
 public:
  SqliteOrgRepository(ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<std::vector<OrgNode>> ListNodes() override;
  Result<OrgNode> GetNode(NodeId id) override;
  Result<OrgNode> InsertNode(const WriteContext& ctx, const OrgNode& node) override;
  Status UpdateNode(const WriteContext& ctx, const OrgNode& before, const OrgNode& after) override;
  Status DeleteNode(const WriteContext& ctx, const OrgNode& node) override;

 private:
  ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace dj
