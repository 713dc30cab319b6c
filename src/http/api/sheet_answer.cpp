#include "http/api/sheet_answer.h"

#include <nlohmann/json.hpp>

#include "http/envelope.h"

namespace dj::http {

using nlohmann::json;

Response XlsxFile(std::string bytes, std::string_view ascii_name, std::string_view file_name) {
  return FileResponse(std::move(bytes), kXlsxContentType, ascii_name, file_name);
}

Status RequireXlsxBody(const Request& request) {
  std::string_view type = request.Header("Content-Type");
  if (type.substr(0, type.find(';')) != kXlsxContentType) {
    return Error::InvalidArgument(
        "request.unsupported_media_type",
        "请上传 .xlsx 文件（Content-Type: " + std::string(kXlsxContentType) + "）");
  }
  return Ok();
}

Response InvalidRows(const Request& request, int64_t rows,
                     const std::vector<SheetProblem>& problems) {
  json errors = json::array();
  for (size_t i = 0; i < problems.size() && i < kMaxImportProblems; ++i) {
    const SheetProblem& p = problems[i];
    errors.push_back({{"row", p.row},
                      {"column", p.column},
                      {"header", p.header},
                      {"value", p.value},
                      {"error", p.error},
                      {"message", p.message}});
  }
  const SheetProblem& first = problems.front();
  std::string message = "导入文件有 " + std::to_string(problems.size()) +
                        " 处错误，未导入任何数据。首个：第 " + std::to_string(first.row) + " 行" +
                        (first.header.empty() ? "" : "“" + first.header + "”") + "，" +
                        first.message;
  return ErrorResponse(
      Error::InvalidArgument("import.invalid_rows", std::move(message)), request.request_id,
      {{"rows", rows}, {"error_count", problems.size()}, {"errors", std::move(errors)}});
}

}  // namespace dj::http
