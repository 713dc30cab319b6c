// What the spreadsheet routes share: limits, the .xlsx download, the check that an upload is
// declared .xlsx, and the 400 answer listing an import's problems by row and column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "exchange/sheet.h"
#include "http/request.h"
#include "http/router.h"

namespace dj::http {

inline constexpr size_t kMaxImportBytes = size_t{64} << 20;
inline constexpr int64_t kMaxImportRows = 200'000;
// The import's error table lists at most this many problems (it counts them all).
inline constexpr size_t kMaxImportProblems = 1000;
inline constexpr char kXlsxContentType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// An .xlsx download named `file_name` (`ascii_name` for old clients).
Response XlsxFile(std::string bytes, std::string_view ascii_name, std::string_view file_name);

// InvalidArgument "request.unsupported_media_type" unless the body is declared .xlsx.
Status RequireXlsxBody(const Request& request);

// The 400 answer "import.invalid_rows": nothing was imported; `rows` data rows were read;
// the first kMaxImportProblems problems as {"row", "column", "header", "value", "error",
// "message"}, the message naming the first.
Response InvalidRows(const Request& request, int64_t rows,
                     const std::vector<SheetProblem>& problems);

}  // namespace dj::http
