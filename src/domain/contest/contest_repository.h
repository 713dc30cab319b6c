#pragma once

#include <vector>

#include "common/result.h"
#include "domain/contest/contest.h"
#include "domain/contest/question.h"
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
  // Publishes: replaces `before` with `after` as UpdateContest does (action "publish") and
  // keeps `pool`, the questions its papers are drawn from, as they are now.
  virtual Status PublishContest(const WriteContext& ctx, const Contest& before,
                                const Contest& after, const std::vector<Question>& pool) = 0;
  // The questions kept when contest `id` was published, by id; none for a draft.
  virtual Result<std::vector<Question>> LoadPool(ContestId id) = 0;
};

}  // namespace dj
