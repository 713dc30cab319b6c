#pragma once

#include "common/date.h"
#include "domain/contest/question_repository.h"
#include "storage/sqlite/pool.h"

namespace dj {

// QuestionRepository on SQLite (table questions, migration 0006). Thread-safe: reads use the
// pool's reader connections, writes its writer connection. `pool` and `clock` must outlive
// the repository.
class SqliteQuestionRepository final : public QuestionRepository {
 public:
  SqliteQuestionRepository(ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<std::vector<Question>> LoadQuestions() override;
  Result<std::vector<Question>> InsertQuestions(const WriteContext& ctx,
                                                const std::vector<Question>& questions) override;
  Status UpdateQuestion(const WriteContext& ctx, const Question& before,
                        const Question& after) override;
  Status DeleteQuestion(const WriteContext& ctx, const Question& question) override;

 private:
  ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace dj
