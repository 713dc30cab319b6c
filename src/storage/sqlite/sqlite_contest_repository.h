#pragma once

#include "common/date.h"
#include "domain/contest/contest_repository.h"
#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/pool.h"

namespace dj {

// ContestRepository on SQLite (table contests, migration 0007; the pools kept at publishing in
// contest_questions, migration 0008). Thread-safe. `pool` and
// `clock` must outlive the repository.
class SqliteContestRepository final : public ContestRepository {
 public:
  SqliteContestRepository(ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<std::vector<Contest>> LoadContests() override;
  Result<Contest> InsertContest(const WriteContext& ctx, const Contest& contest) override;
  Status UpdateContest(const WriteContext& ctx, const Contest& before, const Contest& after,
                       std::string_view action) override;
  Status PublishContest(const WriteContext& ctx, const Contest& before, const Contest& after,
                        const std::vector<Question>& pool) override;
  Result<std::vector<Question>> LoadPool(ContestId id) override;

 private:
  // In a write transaction: replaces `before` with `after` and audits it.
  Status Replace(Database& db, AuditWriter& audit, const Contest& before, const Contest& after,
                 std::string_view action);

  ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace dj
