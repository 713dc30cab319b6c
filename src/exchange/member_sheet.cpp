#include "exchange/member_sheet.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "common/id_number.h"
#include "common/text.h"
#include "exchange/sheet.h"
#include "office/xlsx_reader.h"
#include "office/xlsx_writer.h"

namespace dj {
namespace {

constexpr std::array<ImportColumn, 13> kImportColumns = {{
    {"name", "姓名", true, "不超过20个字", "张三"},
    {"gender", "性别", true, "男 或 女", "男"},
    {"ethnicity", "民族", true, "如 汉族、回族", "汉族"},
    {"birth_date", "出生日期", true, "日期，如 1990-01-01", "1990-03-07"},
    {"id_number", "身份证号", true, "18位，请将该列设为文本格式，以免 Excel 丢失末几位",
     "420102199003071234", 21},
    {"education", "学历", true,
     "博士研究生、硕士研究生、大学本科、大学专科、中专、高中、初中及以下之一", "大学本科"},
    {"phone", "联系电话", false, "手机号或带区号的固定电话", "13912345678"},
    {"probationary_date", "入党时间", true, "成为预备党员的日期，年满18岁以后", "2015-07-01"},
    {"full_date", "转正时间", false, "正式党员填写；预备党员留空", "2016-07-01"},
    {"category", "人员类别", true, "在职、离退休、学生、其他之一", "在职"},
    {"branch_code", "所在支部编码", true, "本系统中党支部的编码", "HB-CZT-01", 16},
    {"group_code", "党小组编码", false, "所在党小组的编码，可留空", ""},
    {"post", "职务", false, "单位职务，可留空", "科员"},
}};

enum Col {
  kName,
  kGender,
  kEthnicity,
  kBirthDate,
  kIdNumber,
  kEducation,
  kPhone,
  kProbationaryDate,
  kFullDate,
  kCategory,
  kBranchCode,
  kGroupCode,
  kPost,
  kColCount
};

constexpr std::array<ExportColumn, 18> kExportColumns = {{
    {"name", "姓名", 10},
    {"gender", "性别", 6},
    {"ethnicity", "民族", 8},
    {"birth_date", "出生日期", 12},
    {"age", "年龄", 6},
    {"id_number", "身份证号", 21},
    {"education", "学历", 12},
    {"phone", "联系电话", 14},
    {"probationary_date", "入党时间", 12},
    {"full_date", "转正时间", 12},
    {"party_age", "党龄", 6},
    {"status", "党员状态", 10},
    {"category", "人员类别", 10},
    {"branch_name", "所在支部", 28},
    {"branch_code", "所在支部编码", 14},
    {"group_name", "党小组", 16},
    {"post", "职务", 14},
    {"left_date", "离开时间", 12},
}};

// The export's columns, in the order of kExportColumns.
enum ExportCol {
  kXName,
  kXGender,
  kXEthnicity,
  kXBirthDate,
  kXAge,
  kXIdNumber,
  kXEducation,
  kXPhone,
  kXProbationaryDate,
  kXFullDate,
  kXPartyAge,
  kXStatus,
  kXCategory,
  kXBranchName,
  kXBranchCode,
  kXGroupName,
  kXPost,
  kXLeftDate,
  kExportColCount
};
static_assert(kExportColCount == kExportColumns.size());

int ParseInt(std::string_view digits) {
  int value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size() ? value : -1;
}

// "2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日", "20240301"; nullopt otherwise.
std::optional<Date> ParseTextDate(std::string_view text) {
  std::string t(text);
  for (std::string_view sep : {"年", "月"}) {
    size_t at;
    while ((at = t.find(sep)) != std::string::npos) t.replace(at, sep.size(), "-");
  }
  if (size_t at = t.find("日"); at != std::string::npos && at + 3 == t.size()) t.erase(at);
  if (t.size() == 8 &&
      std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Date::FromYmd(ParseInt(t.substr(0, 4)), ParseInt(t.substr(4, 2)),
                         ParseInt(t.substr(6, 2)));
  }
  std::array<int, 3> parts{};
  size_t part = 0, start = 0;
  char sep = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i < t.size() && t[i] >= '0' && t[i] <= '9') continue;
    if (part == 3 || i == start || i - start > 4) return std::nullopt;
    parts[part++] = ParseInt(std::string_view(t).substr(start, i - start));
    if (i < t.size()) {
      if (t[i] != '-' && t[i] != '/' && t[i] != '.') return std::nullopt;
      if (sep != 0 && t[i] != sep) return std::nullopt;
      sep = t[i];
    }
    start = i + 1;
  }
  if (part != 3 || parts[0] < 1000) return std::nullopt;
  return Date::FromYmd(parts[0], parts[1], parts[2]);
}

// The text of a number cell that holds an integer ("15712348111", "1.5712348111E10"), as
// digits; nullopt for fractions or numbers Excel cannot hold exactly (beyond 15 digits).
std::optional<std::string> IntegerText(std::string_view number) {
  double value = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
  if (!std::isfinite(value) || value < 0 || value >= 1e15 || std::floor(value) != value) {
    return std::nullopt;
  }
  return std::to_string(static_cast<int64_t>(value));
}

template <typename T, size_t N>
std::string Choices(const char* (*label)(T)) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (!out.empty()) out += "、";
    out += label(static_cast<T>(i));
  }
  return out;
}

// The reader's errors as the import's.
// Reads the cells of one data row into a member, adding the problems it finds.
class RowReader {
 public:
  RowReader(int row, const std::array<std::string, kColCount>& cells,
            const std::array<bool, kColCount>& numeric, const std::array<int, kColCount>& at,
            bool date1904, std::vector<SheetProblem>& problems)
      : row_(row),
        cells_(cells),
        numeric_(numeric),
        at_(at),
        date1904_(date1904),
        problems_(problems) {}

  void Problem(int col, std::string error, std::string message) {
    problems_.push_back(SheetProblem{row_, at_[col] >= 0 ? ColumnLetter(at_[col]) : "",
                                     kImportColumns[col].header, cells_[col], std::move(error),
                                     std::move(message)});
    ++count_;
  }

  // The cell's text; a problem when it is required and empty.
  const std::string& Text(int col) {
    if (cells_[col].empty() && kImportColumns[col].required) {
      Problem(col, "required", std::string(kImportColumns[col].header) + "不能为空");
    }
    return cells_[col];
  }

  std::optional<Date> DateCell(int col) {
    if (Text(col).empty()) return std::nullopt;
    std::optional<Date> d = ParseSheetDate(cells_[col], numeric_[col], date1904_);
    if (!d) {
      Problem(col, "invalid_date",
              std::string(kImportColumns[col].header) + "不是有效日期，请填写如 2024-03-01 的日期");
    }
    return d;
  }

  template <typename T>
  std::optional<T> Choice(int col, std::optional<T> (*parse)(std::string_view),
                          const std::string& choices) {
    if (Text(col).empty()) return std::nullopt;
    std::optional<T> v = parse(cells_[col]);
    if (!v) {
      Problem(col, "invalid_choice",
              std::string(kImportColumns[col].header) + "应为" + choices + "之一");
    }
    return v;
  }

  int count() const { return count_; }

 private:
  int row_;
  const std::array<std::string, kColCount>& cells_;
  const std::array<bool, kColCount>& numeric_;
  const std::array<int, kColCount>& at_;
  bool date1904_;
  std::vector<SheetProblem>& problems_;
  int count_ = 0;
};

}  // namespace

std::span<const ImportColumn> MemberImportColumns() { return kImportColumns; }
std::span<const ExportColumn> MemberExportColumns() { return kExportColumns; }

std::optional<size_t> FindExportColumn(std::string_view id) {
  for (size_t i = 0; i < kExportColumns.size(); ++i) {
    if (id == kExportColumns[i].id) return i;
  }
  return std::nullopt;
}

std::optional<Date> ParseSheetDate(std::string_view text, bool is_number, bool date1904) {
  if (is_number) {
    // Some people type dates as 20240301, which Excel keeps as a number.
    if (std::optional<std::string> digits = IntegerText(text); digits && digits->size() == 8) {
      return ParseTextDate(*digits);
    }
    return DateFromExcelSerialText(text, date1904);
  }
  return ParseTextDate(text);
}

Result<MemberImport> ReadMemberImport(std::string_view xlsx, const NodeCodeLookup& lookup,
                                      int64_t max_rows) {
  XlsxReadOptions options;
  options.max_rows = max_rows + 1;  // and the header
  auto opened = XlsxReader::Open(xlsx, options);
  if (!opened.ok()) return ImportError(opened.error());
  XlsxReader& reader = **opened;
  const bool date1904 = reader.date1904();

  MemberImport out;
  std::array<int, kColCount> at;  // sheet column of each import column, -1 when absent
  at.fill(-1);
  std::unordered_map<int, int> col_of;  // sheet column → import column
  bool have_header = false;
  std::optional<Error> header_error;
  std::unordered_map<std::string, std::optional<NodeId>> codes;  // lookups, cached
  auto find_code = [&](const std::string& code) {
    auto it = codes.find(code);
    if (it == codes.end()) it = codes.emplace(code, lookup(code)).first;
    return it->second;
  };
  std::array<std::string, kColCount> cells;
  std::array<bool, kColCount> numeric{};

  Status read = reader.ReadRows([&](int row, std::span<const XlsxReadCell> row_cells) {
    if (!have_header) {
      std::vector<std::pair<int, std::string>> headers;
      for (const XlsxReadCell& cell : row_cells) headers.emplace_back(cell.column, cell.text);
      Result<std::vector<int>> matched = MatchHeader(row, headers, kImportColumns);
      if (!matched.ok()) {
        header_error = std::move(matched).error();
        return false;
      }
      for (int c = 0; c < kColCount; ++c) {
        at[c] = (*matched)[c];
        if (at[c] >= 0) col_of[at[c]] = c;
      }
      have_header = true;
      return true;
    }
    for (std::string& c : cells) c.clear();
    numeric.fill(false);
    bool blank = true;
    for (const XlsxReadCell& cell : row_cells) {
      auto it = col_of.find(cell.column);
      if (it == col_of.end()) continue;
      cells[it->second] = NormalizeInput(cell.text);
      numeric[it->second] = cell.kind == XlsxCellKind::kNumber;
      if (!cells[it->second].empty()) blank = false;
    }
    if (blank) return true;
    if (++out.rows > max_rows) return false;

    RowReader in(row, cells, numeric, at, date1904, out.problems);
    NewMember nm;
    Member& m = nm.member;
    m.name = in.Text(kName);
    if (auto g = in.Choice<Gender>(kGender, &ParseGenderLabel, "男、女")) m.gender = *g;
    m.ethnicity = in.Text(kEthnicity);
    if (auto d = in.DateCell(kBirthDate)) m.birth_date = *d;
    if (!in.Text(kIdNumber).empty()) {
      if (numeric[kIdNumber] && !IntegerText(cells[kIdNumber])) {
        in.Problem(kIdNumber, "id_number_as_number",
                   "身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新填写");
      }
      m.id_number = cells[kIdNumber];
      if (!m.id_number.empty() && m.id_number.back() == 'x') m.id_number.back() = 'X';
    }
    if (auto e = in.Choice<Education>(kEducation, &ParseEducationLabel,
                                      Choices<Education, kEducationCount>(&EducationLabel))) {
      m.education = *e;
    }
    m.phone = cells[kPhone];
    if (numeric[kPhone]) {
      if (auto digits = IntegerText(cells[kPhone])) m.phone = *digits;
    }
    if (auto d = in.DateCell(kProbationaryDate)) m.probationary_date = *d;
    if (!cells[kFullDate].empty()) m.full_date = in.DateCell(kFullDate);
    m.status = cells[kFullDate].empty() ? MemberStatus::kProbationary : MemberStatus::kFull;
    if (auto c = in.Choice<MemberCategory>(
            kCategory, &ParseMemberCategoryLabel,
            Choices<MemberCategory, kMemberCategoryCount>(&MemberCategoryLabel))) {
      m.category = *c;
    }
    if (!in.Text(kBranchCode).empty()) {
      if (std::optional<NodeId> branch = find_code(cells[kBranchCode])) {
        m.branch_id = *branch;
      } else {
        in.Problem(kBranchCode, "branch_not_found",
                   "没有编码为 " + cells[kBranchCode] + " 的党支部，或它不在您的管理范围内");
      }
    }
    if (!cells[kGroupCode].empty()) {
      if (std::optional<NodeId> group = find_code(cells[kGroupCode])) {
        m.group_id = *group;
      } else {
        in.Problem(kGroupCode, "group_not_found",
                   "没有编码为 " + cells[kGroupCode] + " 的党小组，或它不在您的管理范围内");
      }
    }
    m.post = cells[kPost];
    nm.branch_since = m.probationary_date;
    if (in.count() == 0) {
      out.members.push_back(std::move(nm));
      out.sheet_rows.push_back(row);
    }
    return true;
  });
  if (header_error) return *header_error;
  out.sheet_columns.assign(at.begin(), at.end());
  DJ_RETURN_IF_ERROR(ImportEnd(read, have_header, out.rows, max_rows, "党员数据"));
  return out;
}

void AddFieldProblems(MemberImport& import, const std::vector<FieldError>& errors) {
  static const std::map<std::string, int, std::less<>> kColumnOfField = {
      {"name", kName},
      {"gender", kGender},
      {"ethnicity", kEthnicity},
      {"birth_date", kBirthDate},
      {"id_number", kIdNumber},
      {"education", kEducation},
      {"phone", kPhone},
      {"probationary_date", kProbationaryDate},
      {"branch_since", kProbationaryDate},
      {"full_date", kFullDate},
      {"status", kFullDate},
      {"category", kCategory},
      {"branch_id", kBranchCode},
      {"group_id", kGroupCode},
      {"post", kPost},
  };
  for (const FieldError& e : errors) {
    size_t index = e.row >= 1 ? static_cast<size_t>(e.row - 1) : 0;
    int row = index < import.sheet_rows.size() ? import.sheet_rows[index] : 0;
    SheetProblem p{row, "", "", e.value, e.key, e.message};
    if (auto it = kColumnOfField.find(e.field); it != kColumnOfField.end()) {
      p.header = kImportColumns[it->second].header;
      int at = import.sheet_columns[it->second];
      if (at >= 0) p.column = ColumnLetter(at);
    }
    import.problems.push_back(std::move(p));
  }
  std::stable_sort(import.problems.begin(), import.problems.end(),
                   [](const SheetProblem& a, const SheetProblem& b) { return a.row < b.row; });
}

Result<std::string> MemberImportTemplate() {
  return ImportTemplate("党员信息", kImportColumns,
                        "在“党员信息”表第 2 行起每行填写一名党员，表头请勿修改。"
                        "任何一行有误时整个文件都不会导入，系统会列出每处错误的行、列和原因。");
}

Result<std::string> WriteMemberExport(const std::vector<Member>& members,
                                      std::span<const size_t> columns, const Roster& roster,
                                      Date today, bool unmasked) {
  DJ_ASSIGN_OR_RETURN(auto writer, XlsxWriter::Create());
  std::vector<XlsxColumn> headers;
  for (size_t c : columns) headers.push_back({kExportColumns[c].header, kExportColumns[c].width});
  DJ_RETURN_IF_ERROR(writer->AddSheet("党员名册", headers));
  std::unordered_map<NodeId, std::optional<OrgNode>> nodes;
  auto node = [&](NodeId id) -> const std::optional<OrgNode>& {
    auto it = nodes.find(id);
    if (it == nodes.end()) it = nodes.emplace(id, roster.GetNode(id)).first;
    return it->second;
  };
  std::vector<XlsxCell> row(columns.size());
  for (const Member& m : members) {
    for (size_t i = 0; i < columns.size(); ++i) {
      XlsxCell& cell = row[i];
      cell = std::monostate{};
      switch (static_cast<ExportCol>(columns[i])) {
        case kXName:
          cell = m.name;
          break;
        case kXGender:
          cell = std::string(GenderLabel(m.gender));
          break;
        case kXEthnicity:
          cell = m.ethnicity;
          break;
        case kXBirthDate:
          cell = m.birth_date;
          break;
        case kXAge:
          cell = int64_t{FullYearsBetween(m.birth_date, today)};
          break;
        case kXIdNumber:
          cell = unmasked ? m.id_number : MaskIdNumber(m.id_number);
          break;
        case kXEducation:
          cell = std::string(EducationLabel(m.education));
          break;
        case kXPhone:
          if (!m.phone.empty()) cell = unmasked ? m.phone : MaskPhone(m.phone);
          break;
        case kXProbationaryDate:
          cell = m.probationary_date;
          break;
        case kXFullDate:
          if (m.full_date) cell = *m.full_date;
          break;
        case kXPartyAge:
          if (m.full_date && *m.full_date <= today)
            cell = int64_t{FullYearsBetween(*m.full_date, today)};
          break;
        case kXStatus:
          cell = std::string(MemberStatusLabel(m.status));
          break;
        case kXCategory:
          cell = std::string(MemberCategoryLabel(m.category));
          break;
        case kXBranchName:
          if (const auto& n = node(m.branch_id)) cell = n->name;
          break;
        case kXBranchCode:
          if (const auto& n = node(m.branch_id)) cell = n->code;
          break;
        case kXGroupName:
          if (m.group_id) {
            if (const auto& n = node(*m.group_id)) cell = n->name;
          }
          break;
        case kXPost:
          if (!m.post.empty()) cell = m.post;
          break;
        case kXLeftDate:
          if (m.left_date) cell = *m.left_date;
          break;
        case kExportColCount:
          break;
      }
    }
    DJ_RETURN_IF_ERROR(writer->AddRow(row));
  }
  return writer->Finish();
}

}  // namespace dj
