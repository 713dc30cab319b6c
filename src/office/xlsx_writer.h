// Writing .xlsx workbooks for export, row by row, in constant memory.
//
// The workbook is built in libxlsxwriter's constant_memory mode: each sheet is written in row
// order and a finished row is flushed to a temporary file, so memory stays flat however many
// rows are written. Finish() returns the whole file as bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "common/date.h"
#include "common/result.h"

namespace dj {

// One column of a sheet: its header text and its width in Excel character units
// (0 or less leaves Excel's default width).
struct XlsxColumn {
  std::string title;
  double width = 0;
};

// One cell of a data row:
//   std::monostate  an empty cell;
//   std::string     text (valid UTF-8, at most kXlsxMaxCellChars UTF-16 units);
//   int64_t         an integer, at most 15 digits (Excel keeps no more: write identifiers such
//                   as ID numbers as text);
//   double          a finite number;
//   Date            a date from 1900-01-01 to 9999-12-31, written as an Excel date number
//                   shown as yyyy-mm-dd.
using XlsxCell = std::variant<std::monostate, std::string, int64_t, double, Date>;

// Excel's limit on the length of a text cell, in UTF-16 code units.
inline constexpr size_t kXlsxMaxCellChars = 32767;

struct XlsxWriterOptions {
  // Directory for the private temporary files (the workbook being written and libxlsxwriter's
  // per-sheet row files); empty means the system temporary directory ($TMPDIR or /tmp).
  std::string temp_dir;
};

// Writes one workbook. Use: Create, then for each sheet AddSheet followed by its rows in
// order, then Finish once. Not thread-safe; one thread at a time.
//
// Errors:
//   "xlsx.write_failed" (kInternal): the temporary file or libxlsxwriter failed; the writer is
//       then unusable and every later call returns this error again.
//   "xlsx.sheet_name_invalid", "xlsx.cell_invalid" (kInvalidArgument): the caller passed a
//       bad sheet name, no columns, or a bad title or cell (the message names the sheet, row
//       and column); nothing of that sheet or row was written and the writer stays usable.
//   "xlsx.too_many_rows", "xlsx.too_many_columns" (kTooLarge): beyond Excel's 1,048,576 rows
//       or 16,384 columns per sheet; nothing of that row was written.
// The temporary files are removed by Finish and by the destructor on every path.
class XlsxWriter {
 public:
  // Creates the temporary file the workbook is written to.
  static Result<std::unique_ptr<XlsxWriter>> Create(XlsxWriterOptions options = {});

  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a new sheet named `name` (1 to 31 characters, none of []:*?/\, unique in the
  // workbook) and writes its header row from `columns` (1 to 16,384): bold titles, the pane
  // frozen below them, the given widths. Later rows go to this sheet.
  Status AddSheet(std::string_view name, std::span<const XlsxColumn> columns);

  // Appends one data row to the current sheet; `cells[i]` goes to column i. A row may have
  // more or fewer cells than the header. Requires a sheet.
  Status AddRow(std::span<const XlsxCell> cells);

  // Closes the workbook and returns the .xlsx file's bytes. Call once; the writer is spent
  // afterwards, whether or not it succeeded.
  Result<std::string> Finish();

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dj
