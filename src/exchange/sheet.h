// What the spreadsheet imports share: a problem placed on a cell, column letters, header
// texts as people write them, and the import errors of an unreadable file.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace dj {

// A problem with one cell (or a whole row when `column` is empty).
struct SheetProblem {
  int row = 0;          // the sheet's row number; the header is row 1
  std::string column;   // "E"
  std::string header;   // "身份证号"
  std::string value;    // the cell as the file holds it
  std::string error;    // stable key: "required", "invalid_date", "id_number_invalid", ...
  std::string message;  // for people, in Chinese
};

// One column of an import sheet, found by its header text.
struct ImportColumn {
  const char* field;   // the field it fills ("name", ..., "branch_code")
  const char* header;  // "姓名"
  bool required;
  const char* hint;     // how to fill it in, for the template's instructions
  const char* example;  // a value for the template's example
  double width = 14;    // in the template, in Excel character units
};

// An import template: sheet `sheet` holding the header row (required columns marked *), and
// sheet 填写说明 listing each column with whether it is required, how to fill it in and an
// example, then `note`.
Result<std::string> ImportTemplate(std::string_view sheet, std::span<const ImportColumn> columns,
                                   std::string_view note);

// "A", ..., "Z", "AA", ... for the 0-based `column`.
std::string ColumnLetter(int column);

// A header as people write it: "身份证号*", "身份证号（必填）" and "* 身份证号" all name 身份证号.
std::string HeaderKey(std::string_view text);

// The sheet column of each of `columns` (-1 when absent) from the header row `row`, given as
// (0-based column, text) pairs. Errors: InvalidArgument "import.duplicate_column" (a header
// twice), "import.missing_column" (required headers absent; the message lists them).
Result<std::vector<int>> MatchHeader(int row, const std::vector<std::pair<int, std::string>>& cells,
                                     std::span<const ImportColumn> columns);

// The error of an import once the sheet is read, if any: TooLarge "import.too_many_rows"
// (more than `max_rows` data rows), the reader's error (ImportError), InvalidArgument
// "import.empty" (no header row, or no data row: "表头下面没有`what`").
Status ImportEnd(const Status& read, bool have_header, int64_t rows, int64_t max_rows,
                 std::string_view what);

// The import's error for a failure of XlsxReader: "import.not_xlsx" (unreadable),
// "import.too_large" (too big once decompressed); "xlsx.too_many_rows" passes through.
Error ImportError(const Error& e);

}  // namespace dj
