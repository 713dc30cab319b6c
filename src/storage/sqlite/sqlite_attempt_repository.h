#pragma once

#include "common/date.h"
#include "domain/contest/attempt.h"
#include "storage/sqlite/group_commit.h"
#include "storage/sqlite/pool.h"

namespace dj {

// AttemptRepository on SQLite (table contest_attempts, migration 0008). Writes go through
// the GroupCommitter: each is a job of a batch, with its audit entry, and is answered once
// its batch is committed. Thread-safe. `pool`, `committer` and `clock` must outlive it.
class SqliteAttemptRepository final : public AttemptRepository {
 public:
  SqliteAttemptRepository(ConnectionPool& pool, GroupCommitter& committer, const Clock& clock)
      : pool_(pool), committer_(committer), clock_(clock) {}

  Result<std::vector<StoredAttempt>> LoadAttempts() override;
  void InsertAttempt(const WriteContext& ctx, const StoredAttempt& attempt, Done done) override;
  void SubmitAttempt(const WriteContext& ctx, const StoredAttempt& attempt, Done done) override;

 private:
  ConnectionPool& pool_;
  GroupCommitter& committer_;
  const Clock& clock_;
};

}  // namespace dj
