#include "office/xlsx_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

#include "common/text.h"

namespace dj {
namespace {

constexpr uint32_t kMaxRows = LXW_ROW_MAX;  // including the header row
constexpr size_t kMaxColumns = LXW_COL_MAX;
// Excel shows 15 significant digits; a longer integer would be silently rounded.
constexpr int64_t kMaxInteger = 999'999'999'999'999;
// Excel serial numbers of the first and last dates Excel can show.
const Date kFirstDate = *Date::FromYmd(1900, 1, 1);
const Date kFirstDateAfterBug = *Date::FromYmd(1900, 3, 1);
const Date kLastDate = *Date::FromYmd(9999, 12, 31);
constexpr int32_t kSerialOfUnixEpoch = 25569;  // 1970-01-01 in the 1900 date system

Error WriteFailed(std::string detail) {
  return {
      ErrorCode::kInternal, "xlsx.write_failed", "无法生成 Excel 文件：" + std::move(detail), {}};
}

Error WriteFailed(lxw_error error) { return WriteFailed(lxw_strerror(error)); }

// "A" for 0, "AB" for 27: the column as Excel labels it, for messages.
std::string ColumnLabel(size_t column) {
  std::string label;
  for (size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    label.insert(label.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return label;
}

// Number of UTF-16 code units of valid UTF-8 `text`: how Excel counts a cell's length.
size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++units;  // a lead byte starts a code point
    if (c >= 0xF0) ++units;           // beyond the BMP: a surrogate pair
  }
  return units;
}

// The Excel serial number of `date` in the 1900 date system, which counts the nonexistent
// 1900-02-29 as serial 60.
double ExcelSerial(Date date) {
  int32_t serial = date.days() + kSerialOfUnixEpoch;
  if (date < kFirstDateAfterBug) --serial;
  return serial;
}

struct CellProblem {
  // Returns the reason `cell` cannot be written, or nullopt.
  std::optional<std::string> operator()(const std::monostate&) const { return std::nullopt; }
  std::optional<std::string> operator()(const std::string& text) const {
    if (!IsValidUtf8(text)) return "文字不是有效的 UTF-8";
    if (text.find('\0') != std::string::npos) return "文字含有空字符";
    if (Utf16Length(text) > kXlsxMaxCellChars) {
      return "文字超过 Excel 单元格上限 " + std::to_string(kXlsxMaxCellChars) + " 个字符";
    }
    return std::nullopt;
  }
  std::optional<std::string> operator()(int64_t value) const {
    if (value > kMaxInteger || value < -kMaxInteger) {
      return "整数超过 15 位，Excel 无法精确保存（证件号等请按文字写入）";
    }
    return std::nullopt;
  }
  std::optional<std::string> operator()(double value) const {
    if (!std::isfinite(value)) return "数值不是有限数";
    return std::nullopt;
  }
  std::optional<std::string> operator()(Date date) const {
    if (date < kFirstDate || date > kLastDate) {
      return "日期 " + date.ToString() + " 超出 Excel 可表示的范围（1900-01-01 至 9999-12-31）";
    }
    return std::nullopt;
  }
};

}  // namespace

struct XlsxWriter::Impl {
  std::string temp_dir;  // outlives `workbook`, which keeps a pointer to it
  std::string path;      // the workbook file; removed by the destructor
  int fd = -1;           // open on `path`, to read the finished file back
  lxw_workbook* workbook = nullptr;
  lxw_format* header_format = nullptr;
  lxw_format* date_format = nullptr;
  lxw_worksheet* sheet = nullptr;
  std::string sheet_name;
  uint32_t next_row = 0;
  std::optional<Error> broken;  // set once libxlsxwriter or the file system failed
  bool finished = false;

  ~Impl() {
    if (workbook != nullptr) lxw_workbook_free(workbook);
    if (fd >= 0) close(fd);
    if (!path.empty()) unlink(path.c_str());
  }

  Error Break(Error error) {
    broken = error;
    return error;
  }

  Status Usable() const {
    if (broken) return *broken;
    if (finished) return WriteFailed("工作簿已经完成，不能再写入");
    return Ok();
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriter::~XlsxWriter() = default;

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(XlsxWriterOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->temp_dir = std::move(options.temp_dir);
  if (impl->temp_dir.empty()) {
    std::error_code ec;
    impl->temp_dir = std::filesystem::temp_directory_path(ec).string();
    if (ec) return WriteFailed("找不到临时目录：" + ec.message());
  }
  std::string name = (std::filesystem::path(impl->temp_dir) / "dj-xlsx-XXXXXX").string();
  std::vector<char> templ(name.begin(), name.end());
  templ.push_back('\0');
  // mkstemp creates the file exclusively with mode 0600: no other user can read or swap it.
  int fd = mkstemp(templ.data());
  if (fd < 0) {
    return WriteFailed("无法在 " + impl->temp_dir + " 创建临时文件：" + std::strerror(errno));
  }
  impl->fd = fd;
  impl->path = templ.data();

  lxw_workbook_options lxw_options = {};
  lxw_options.constant_memory = LXW_TRUE;
  lxw_options.tmpdir = impl->temp_dir.data();
  impl->workbook = workbook_new_opt(impl->path.c_str(), &lxw_options);
  if (impl->workbook == nullptr) return WriteFailed("libxlsxwriter 无法创建工作簿");
  impl->header_format = workbook_add_format(impl->workbook);
  impl->date_format = workbook_add_format(impl->workbook);
  if (impl->header_format == nullptr || impl->date_format == nullptr) {
    return WriteFailed("libxlsxwriter 无法创建格式");
  }
  format_set_bold(impl->header_format);
  format_set_num_format(impl->date_format, "yyyy-mm-dd");
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
}

Status XlsxWriter::AddSheet(std::string_view name, std::span<const XlsxColumn> columns) {
  DJ_RETURN_IF_ERROR(impl_->Usable());
  std::string sheet_name(name);
  if (name.empty() || !IsValidUtf8(name) || sheet_name.find('\0') != std::string::npos ||
      workbook_validate_sheet_name(impl_->workbook, sheet_name.c_str()) != LXW_NO_ERROR) {
    return Error::InvalidArgument(
        "xlsx.sheet_name_invalid",
        "工作表名「" + sheet_name + "」无效：须为 1 至 31 个字符、不含 []:*?/\\ 且不重复");
  }
  if (columns.empty()) {
    return Error::InvalidArgument("xlsx.cell_invalid", "工作表「" + sheet_name + "」须至少有一列");
  }
  if (columns.size() > kMaxColumns) {
    return Error{
        ErrorCode::kTooLarge,
        "xlsx.too_many_columns",
        "工作表「" + sheet_name + "」超过 Excel 上限 " + std::to_string(kMaxColumns) + " 列",
        {}};
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (auto reason = CellProblem{}(columns[i].title)) {
      return Error::InvalidArgument(
          "xlsx.cell_invalid",
          "工作表「" + sheet_name + "」" + ColumnLabel(i) + " 列的标题" + *reason);
    }
  }

  lxw_worksheet* sheet = workbook_add_worksheet(impl_->workbook, sheet_name.c_str());
  if (sheet == nullptr) return impl_->Break(WriteFailed("libxlsxwriter 无法添加工作表"));
  impl_->sheet = sheet;
  impl_->sheet_name = std::move(sheet_name);
  impl_->next_row = 1;
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    if (columns[i].width > 0) {
      if (lxw_error e = worksheet_set_column(sheet, col, col, columns[i].width, nullptr)) {
        return impl_->Break(WriteFailed(e));
      }
    }
    if (lxw_error e =
            worksheet_write_string(sheet, 0, col, columns[i].title.c_str(), impl_->header_format)) {
      return impl_->Break(WriteFailed(e));
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  return Ok();
}

Status XlsxWriter::AddRow(std::span<const XlsxCell> cells) {
  DJ_RETURN_IF_ERROR(impl_->Usable());
  if (impl_->sheet == nullptr) {
    return Error::InvalidArgument("xlsx.cell_invalid", "写入数据行之前须先添加工作表");
  }
  const uint32_t row = impl_->next_row;
  if (row >= kMaxRows) {
    return Error{
        ErrorCode::kTooLarge,
        "xlsx.too_many_rows",
        "工作表「" + impl_->sheet_name + "」超过 Excel 上限 " + std::to_string(kMaxRows) + " 行",
        {}};
  }
  if (cells.size() > kMaxColumns) {
    return Error{ErrorCode::kTooLarge,
                 "xlsx.too_many_columns",
                 "工作表「" + impl_->sheet_name + "」第 " + std::to_string(row + 1) +
                     " 行超过 Excel 上限 " + std::to_string(kMaxColumns) + " 列",
                 {}};
  }
  // Check the whole row first, so a refused row leaves nothing behind.
  for (size_t i = 0; i < cells.size(); ++i) {
    if (auto reason = std::visit(CellProblem{}, cells[i])) {
      return Error::InvalidArgument("xlsx.cell_invalid", "工作表「" + impl_->sheet_name + "」第 " +
                                                             std::to_string(row + 1) + " 行 " +
                                                             ColumnLabel(i) + " 列的" + *reason);
    }
  }
  lxw_worksheet* sheet = impl_->sheet;
  for (size_t i = 0; i < cells.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    lxw_error e = LXW_NO_ERROR;
    const XlsxCell& cell = cells[i];
    if (const auto* text = std::get_if<std::string>(&cell)) {
      // An empty string would make an empty text cell; write nothing, as for monostate.
      if (!text->empty()) e = worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
    } else if (const auto* integer = std::get_if<int64_t>(&cell)) {
      e = worksheet_write_number(sheet, row, col, static_cast<double>(*integer), nullptr);
    } else if (const auto* number = std::get_if<double>(&cell)) {
      e = worksheet_write_number(sheet, row, col, *number, nullptr);
    } else if (const auto* date = std::get_if<Date>(&cell)) {
      e = worksheet_write_number(sheet, row, col, ExcelSerial(*date), impl_->date_format);
    }
    if (e != LXW_NO_ERROR) return impl_->Break(WriteFailed(e));
  }
  impl_->next_row = row + 1;
  return Ok();
}

Result<std::string> XlsxWriter::Finish() {
  DJ_RETURN_IF_ERROR(impl_->Usable());
  impl_->finished = true;
  lxw_error closed = workbook_close(impl_->workbook);  // frees the workbook in any case
  impl_->workbook = nullptr;
  impl_->sheet = nullptr;
  if (closed != LXW_NO_ERROR) return impl_->Break(WriteFailed(closed));

  // libxlsxwriter reopened the path and truncated it; our descriptor sees the same file.
  struct stat st;
  if (fstat(impl_->fd, &st) != 0) {
    return impl_->Break(WriteFailed(std::string("无法读取临时文件：") + std::strerror(errno)));
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n =
        pread(impl_->fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return impl_->Break(WriteFailed(std::string("无法读取临时文件：") +
                                      (n < 0 ? std::strerror(errno) : "文件被截断")));
    }
    done += static_cast<size_t>(n);
  }
  close(impl_->fd);
  impl_->fd = -1;
  unlink(impl_->path.c_str());
  impl_->path.clear();
  return bytes;
}

}  // namespace dj
