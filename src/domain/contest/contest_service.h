// Contests (学习竞答) as organisers set them up: a draft is edited until it is published,
// checked against the question bank as it is at that moment; a published contest runs in its
// window and may be closed early. Held in memory; written through ContestRepository.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/contest/contest.h"
#include "domain/contest/contest_repository.h"
#include "domain/contest/question_bank.h"
#include "domain/roster/roster.h"
#include "domain/write_context.h"

namespace dj {

// Thread-safe; writes are serialised.
class ContestService {
 public:
  ContestService(ContestRepository& repository, const QuestionBank& bank, const Roster& roster,
                 const Clock& clock)
      : repository_(repository), bank_(bank), roster_(roster), clock_(clock) {}

  Status Load();

  // Every contest, newest first.
  std::vector<Contest> List() const;
  // NotFound "contest.not_found".
  Result<Contest> Get(ContestId id) const;

  // A new draft. Validation: CheckSettings against the bank, and "scope_not_found" when the
  // scope is not an org node.
  Result<Contest> Create(const WriteContext& ctx, ContestSettings settings);
  // Replaces a draft's settings. Conflict "contest.not_draft" once published.
  Result<Contest> Update(const WriteContext& ctx, ContestId id, ContestSettings settings);
  // Opens a draft to its scope: its settings checked again against the bank now, and its end
  // not passed (Validation "window_passed" on ends_at). Conflict "contest.not_draft".
  Result<Contest> Publish(const WriteContext& ctx, ContestId id);
  // Ends a published contest early. Conflict "contest.not_published".
  Result<Contest> Close(const WriteContext& ctx, ContestId id);

  // The questions a published (or closed) contest draws its papers from, as they were when
  // it was published; null for a draft or an unknown contest.
  std::shared_ptr<const std::vector<Question>> Pool(ContestId id) const;

 private:
  // Every problem of `s`: the bank's checks and the scope.
  std::vector<FieldError> Check(const ContestSettings& s) const;
  Result<Contest> Write(const WriteContext& ctx, const Contest& before, const Contest& after,
                        std::string_view action);

  ContestRepository& repository_;
  const QuestionBank& bank_;
  const Roster& roster_;
  const Clock& clock_;
  std::mutex write_mu_;
  mutable std::shared_mutex mu_;
  std::map<ContestId, Contest> contests_;
  std::map<ContestId, std::shared_ptr<const std::vector<Question>>> pools_;
};

}  // namespace dj
