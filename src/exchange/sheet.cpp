#include "exchange/sheet.h"

#include <vector>

#include "common/text.h"
#include "office/xlsx_writer.h"

namespace dj {

Result<std::string> ImportTemplate(std::string_view sheet, std::span<const ImportColumn> columns,
                                   std::string_view note) {
  DJ_ASSIGN_OR_RETURN(auto writer, XlsxWriter::Create());
  std::vector<XlsxColumn> headers;
  for (const ImportColumn& c : columns) {
    headers.push_back({std::string(c.header) + (c.required ? "*" : ""), c.width});
  }
  DJ_RETURN_IF_ERROR(writer->AddSheet(sheet, headers));
  std::vector<XlsxColumn> help = {{"列", 16}, {"是否必填", 10}, {"填写要求", 60}, {"示例", 22}};
  DJ_RETURN_IF_ERROR(writer->AddSheet("填写说明", help));
  for (const ImportColumn& c : columns) {
    std::vector<XlsxCell> row = {std::string(c.header), std::string(c.required ? "必填" : "选填"),
                                 std::string(c.hint), std::string(c.example)};
    DJ_RETURN_IF_ERROR(writer->AddRow(row));
  }
  DJ_RETURN_IF_ERROR(writer->AddRow(std::vector<XlsxCell>{}));
  DJ_RETURN_IF_ERROR(writer->AddRow(
      std::vector<XlsxCell>{std::string("说明"), std::monostate{}, std::string(note)}));
  return writer->Finish();
}

std::string ColumnLetter(int column) {
  std::string out;
  for (int n = column + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

std::string HeaderKey(std::string_view text) {
  std::string key = NormalizeInput(text);
  for (std::string_view mark : {"（必填）", "(必填)", "*", "＊"}) {
    size_t at;
    while ((at = key.find(mark)) != std::string::npos) key.erase(at, mark.size());
  }
  return NormalizeInput(key);
}

Result<std::vector<int>> MatchHeader(int row, const std::vector<std::pair<int, std::string>>& cells,
                                     std::span<const ImportColumn> columns) {
  std::vector<int> at(columns.size(), -1);
  for (const auto& [column, text] : cells) {
    const std::string key = HeaderKey(text);
    for (size_t c = 0; c < columns.size(); ++c) {
      if (key != columns[c].header) continue;
      if (at[c] >= 0) {
        return Error::InvalidArgument("import.duplicate_column",
                                      std::string("表头“") + columns[c].header + "”出现了两次（" +
                                          ColumnLetter(at[c]) + " 列和 " + ColumnLetter(column) +
                                          " 列）");
      }
      at[c] = column;
    }
  }
  std::string missing;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].required && at[c] < 0) {
      missing += (missing.empty() ? "" : "、") + std::string(columns[c].header);
    }
  }
  if (!missing.empty()) {
    return Error::InvalidArgument(
        "import.missing_column",
        "第 " + std::to_string(row) + " 行表头缺少必填列：" + missing + "。请使用导入模板");
  }
  return at;
}

Status ImportEnd(const Status& read, bool have_header, int64_t rows, int64_t max_rows,
                 std::string_view what) {
  if (rows > max_rows || (!read.ok() && read.error().key == "xlsx.too_many_rows")) {
    return Error{ErrorCode::kTooLarge,
                 "import.too_many_rows",
                 "一次最多导入 " + std::to_string(max_rows) + " 行，请拆分后分批导入",
                 {}};
  }
  if (!read.ok()) return ImportError(read.error());
  if (!have_header) {
    return Error::InvalidArgument("import.empty", "工作表是空的：第一行应为表头，请使用导入模板");
  }
  if (rows == 0) {
    return Error::InvalidArgument("import.empty", "表头下面没有" + std::string(what));
  }
  return Ok();
}

Error ImportError(const Error& e) {
  if (e.key == "xlsx.too_many_rows") return e;
  if (e.key == "xlsx.too_large") {
    return Error{e.code, "import.too_large", "文件解压后过大，请拆分后分批导入", {}};
  }
  return Error::InvalidArgument(
      "import.not_xlsx", "文件不是有效的 .xlsx 工作簿，请用 Excel 或 WPS 另存为 .xlsx 后再导入");
}

}  // namespace dj
