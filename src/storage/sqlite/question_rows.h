// The columns of a question as the tables questions and contest_questions hold them:
// "id, kind, stem, options, answer, tags, difficulty, explanation", options and tags as
// JSON arrays of strings, the answer as its bit set.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "domain/contest/question.h"
#include "storage/sqlite/database.h"

namespace dj {

// A JSON array of strings.
std::string StringsJson(const std::vector<std::string>& items);

// Binds the eight columns to parameters first..first+7.
void BindQuestionColumns(Statement& st, int first, const Question& q);

// Reads the eight columns from column `first` on. Internal "storage.corrupt" for a kind, options
// or tags that cannot be read.
Result<Question> ReadQuestionRow(const Statement& st, int first);
// Every row `select` yields (the eight columns first), in order.
Result<std::vector<Question>> ReadQuestionRows(Statement& select);

}  // namespace dj
