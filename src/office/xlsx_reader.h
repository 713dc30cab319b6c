// Reading the first worksheet of an uploaded .xlsx workbook, streaming, row by row.
//
// The file is read from memory with libzip and its XML parts are parsed with expat as they are
// decompressed, so a sheet is never held whole: memory is the shared strings plus one row.
// Untrusted input is expected: decompressed sizes, columns per row and rows are bounded.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace dj {

enum class XlsxCellKind {
  kEmpty,    // a cell element without a value (e.g. only formatted)
  kText,     // a shared, inline or formula-result string, or an ISO date cell (t="d")
  kNumber,   // the number's literal text as stored, e.g. "45658" or "3.5E-2"
  kBoolean,  // "1" or "0"
  kError,    // e.g. "#N/A", "#DIV/0!"
};

struct XlsxReadCell {
  int column = 0;  // 0-based: A is 0, AB is 27
  XlsxCellKind kind = XlsxCellKind::kEmpty;
  // Valid only during the row callback that received it.
  std::string_view text;
};

// Receives one row: its 1-based row number as Excel shows it and its cells, in the order of
// the file (ascending columns in any sane file), without the columns the file leaves out.
// Rows without any cell element are not delivered. Return false to stop reading.
using XlsxRowCallback = std::function<bool(int row_number, std::span<const XlsxReadCell> cells)>;

struct XlsxReadOptions {
  // Rows delivered beyond this many make ReadRows fail with "xlsx.too_many_rows".
  int64_t max_rows = 1'048'576;
  // Sum of the decompressed sizes of the parts read (workbook, relationships, shared strings,
  // sheet); beyond it reading fails with "xlsx.too_large". Guards against zip bombs.
  uint64_t max_uncompressed_bytes = uint64_t{512} << 20;
  // Entries of the shared string table; more fail with "xlsx.too_large".
  uint64_t max_shared_strings = uint64_t{16} << 20;
};

// Errors of Open and ReadRows:
//   "xlsx.not_xlsx" (kInvalidArgument): not a zip, or no xl/workbook.xml, or no worksheet;
//   "xlsx.malformed" (kInvalidArgument): a part is not well-formed XML, has a DTD, or holds an
//       impossible value (cell reference, shared string index); the message names the part;
//   "xlsx.too_large" (kTooLarge): options.max_uncompressed_bytes or max_shared_strings
//       exceeded, or a row with a column beyond XFD (16,384 columns);
//   "xlsx.too_many_rows" (kTooLarge): more rows than options.max_rows.
class XlsxReader {
 public:
  // Opens the workbook in `bytes`, which must stay alive and unchanged as long as the reader:
  // reads xl/workbook.xml and its relationships to find the first sheet (falling back to
  // xl/worksheets/sheet1.xml) and loads the shared strings.
  static Result<std::unique_ptr<XlsxReader>> Open(std::string_view bytes,
                                                  XlsxReadOptions options = {});

  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // True when the workbook uses the 1904 date system (workbookPr date1904): pass it to
  // DateFromExcelSerial.
  bool date1904() const;
  // The first sheet's name as xl/workbook.xml lists it ("" when it lists none).
  const std::string& sheet_name() const;
  // The zip entry read for the first sheet, e.g. "xl/worksheets/sheet1.xml".
  const std::string& sheet_part() const;

  // Streams the first sheet's rows to `on_row` in file order. Returns Ok when the sheet ended
  // or the callback returned false. Decompressed bytes count towards the reader's limit on
  // every call. Not thread-safe.
  Status ReadRows(const XlsxRowCallback& on_row);

 private:
  struct Impl;
  explicit XlsxReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The date of Excel serial number `serial` (whole days; a time-of-day fraction is dropped).
// In the 1900 system serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that never was
// (Excel's leap-year bug): it returns nullopt, and serials from 61 on are one day less than
// the count suggests (61 is 1900-03-01). In the 1904 system serial 0 is 1904-01-01.
// Returns nullopt for serials before the first date, after 9999-12-31, or not finite.
std::optional<Date> DateFromExcelSerial(double serial, bool date1904);

// The same for a number cell's text as XlsxReader gives it ("45658", "45658.25", "4.5658E4");
// nullopt when the text is not a plain decimal number.
std::optional<Date> DateFromExcelSerialText(std::string_view text, bool date1904);

}  // namespace dj
