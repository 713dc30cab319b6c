// Attempts at a contest as they are stored: started with the paper issued, completed when
// submitted with the answers and the score. The storage answers asynchronously: a burst of
// 300,000 submissions is committed in batches (storage/sqlite/group_commit.h), and a caller
// learns that its write is durable when `done` is called.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/contest/contest.h"
#include "domain/write_context.h"

namespace dj {

struct StoredAttempt {
  AttemptId id = 0;
  ContestId contest = 0;
  MemberId member = 0;
  NodeId branch = 0;  // the member's branch when the attempt started: rankings count it there
  int number = 0;     // 1, 2, ... for this member in this contest
  int64_t started_at = 0;
  int64_t deadline = 0;
  Paper paper;
  // Set once submitted, with the answers and the score.
  std::optional<int64_t> submitted_at;
  std::vector<Answer> answers;
  int points = 0;
  int max_points = 0;
  int correct = 0;

  AttemptState State() const { return {id, started_at, deadline, submitted_at}; }
  bool operator==(const StoredAttempt&) const = default;
};

// The paper as stored: "12:2013;15:10" (question id, then the option shown at each position
// as a digit). Empty paper: "".
std::string PaperText(const Paper& paper);
// nullopt when `text` is not of that form.
std::optional<Paper> ParsePaperText(std::string_view text);
// The answers as stored: "12:5;15:1" (question id, then the bit set of positions chosen).
std::string AnswersText(const std::vector<Answer>& answers);
std::optional<std::vector<Answer>> ParseAnswersText(std::string_view text);

// Implementations are thread-safe. `done` is called exactly once, on any thread, when the
// write is durable or has failed; it must not block for long.
class AttemptRepository {
 public:
  using Done = std::function<void(Status)>;

  virtual ~AttemptRepository() = default;

  // Every attempt of every contest, by id.
  virtual Result<std::vector<StoredAttempt>> LoadAttempts() = 0;
  // Stores a started attempt (its id given). Conflict "contest.attempt_exists" when the
  // member already has an attempt of that number.
  virtual void InsertAttempt(const WriteContext& ctx, const StoredAttempt& attempt, Done done) = 0;
  // Records the submission of a stored attempt: submitted_at, answers and score. Conflict
  // "contest.already_submitted" when it is submitted already; NotFound
  // "contest.attempt_not_found".
  virtual void SubmitAttempt(const WriteContext& ctx, const StoredAttempt& attempt, Done done) = 0;
};

}  // namespace dj
