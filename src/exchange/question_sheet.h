// The question bank as a spreadsheet: the import template, an uploaded sheet read into
// questions with every problem named by its row and column, and the bank written for export
// in the same columns, so an export can be edited and imported elsewhere.
//
// The checks of the questions themselves (CheckQuestion, duplicates) stay in QuestionBank,
// whose field errors AddQuestionFieldProblems places back on the sheet's cells.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/contest/question.h"
#include "exchange/sheet.h"

namespace dj {

std::span<const ImportColumn> QuestionImportColumns();

struct QuestionImport {
  int64_t rows = 0;                 // data rows read (blank rows are skipped)
  std::vector<Question> questions;  // the rows read without problems, in sheet order
  std::vector<int> sheet_rows;      // the sheet row of each of `questions`
  std::vector<SheetProblem> problems;
  // The sheet column (0 for A) of each of QuestionImportColumns(), -1 when the file lacks it.
  std::vector<int> sheet_columns;
};

// Reads the first sheet of `xlsx`: a header row, then one question per row. 题型 is 单选题,
// 多选题 or 判断题 (单选, 多选, 判断 too); the options are 选项A to 选项H, filled from A
// without gaps (none for true/false); 答案 as ParseAnswerText reads it; 标签 separated by 、
// ， , ； or ;; 难度 1 to 5 (empty: 3). Texts keep their punctuation; only the ends are
// trimmed. Cell problems are collected in the result, not returned as errors. Errors as
// ReadMemberImport's: "import.not_xlsx", "import.missing_column", "import.duplicate_column",
// "import.empty", "import.too_many_rows", "import.too_large".
Result<QuestionImport> ReadQuestionImport(std::string_view xlsx, int64_t max_rows);

// Places QuestionBank::CheckAll's field errors (for `import.questions` with
// `import.sheet_rows` as their rows) on their cells, then sorts all problems by row.
void AddQuestionFieldProblems(QuestionImport& import, const std::vector<FieldError>& errors);

// Sheet "试题" with the header row, and sheet "填写说明".
Result<std::string> QuestionImportTemplate();

// The questions in the import's columns, after a column 编号 (ignored by the import).
Result<std::string> WriteQuestionExport(const std::vector<Question>& questions);

}  // namespace dj
