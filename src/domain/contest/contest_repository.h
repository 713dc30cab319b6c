#pragma once

#include <vector>

#include "common/result.h"
#include "domain/contest/contest.h"
#include "domain/write_context.h"

namespace dj {

// Storage of contests (their set-up and status). Each write is one transaction with its audit
// entry. Implementations are thread-safe.
class ContestRepository {
 public:
  virtual ~ContestRepository() = default;

  // Every contest, by id.
  virtual Result<std::vector<Contest>> LoadContests() = 0;
  // Stores a new contest (its id ignored) and returns it with its id.
  virtual Result<Contest> InsertContest(const WriteContext& ctx, const Contest& contest) = 0;
  // Replaces `before` with `after` (same id); `action` names it in the audit log ("update",
  // "publish", "close"). Conflict "contest.stale" when the stored contest is no longer
  // `before`; NotFound "contest.not_found".
  virtual Status UpdateContest(const WriteContext& ctx, const Contest& before, const Contest& after,
                               std::string_view action) = 0;
};

}  // namespace dj
