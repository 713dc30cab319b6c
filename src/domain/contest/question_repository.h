#pragma once

#include <vector>

#include "common/result.h"
#include "domain/contest/question.h"
#include "domain/write_context.h"

namespace dj {

// Storage of the question bank. Each write is one transaction that includes its audit
// entries (one per question). Implementations are thread-safe and refuse a second question
// with the same DedupeKey: Conflict "question.duplicate".
class QuestionRepository {
 public:
  virtual ~QuestionRepository() = default;

  // Every question, by id.
  virtual Result<std::vector<Question>> LoadQuestions() = 0;
  // Stores new questions (their ids ignored), all or none, and returns them with their ids,
  // in the order given.
  virtual Result<std::vector<Question>> InsertQuestions(const WriteContext& ctx,
                                                        const std::vector<Question>& questions) = 0;
  // Replaces `before` with `after` (same id). Conflict "question.stale" when the stored
  // question is no longer `before`; NotFound "question.not_found".
  virtual Status UpdateQuestion(const WriteContext& ctx, const Question& before,
                                const Question& after) = 0;
  virtual Status DeleteQuestion(const WriteContext& ctx, const Question& question) = 0;
};

}  // namespace dj
