#include "exchange/question_sheet.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <unordered_map>

#include "common/text.h"
#include "office/xlsx_reader.h"
#include "office/xlsx_writer.h"

namespace dj {
namespace {

enum Col {
  kKind,
  kStem,
  kOptionA,  // kOptionA + i is option i
  kAnswer = kOptionA + kMaxOptions,
  kTags,
  kDifficulty,
  kExplanation,
  kColCount
};

constexpr const char* kOptionHint = "单选题、多选题从选项A起依次填写，至少 2 个；判断题不填";
constexpr std::array<ImportColumn, kColCount> kColumns = {{
    {"kind", "题型", true, "单选题、多选题、判断题之一", "单选题", 10},
    {"stem", "题干", true, "不超过1000字", "党的最高领导机关是？", 40},
    {"option_a", "选项A", false, kOptionHint, "党的全国代表大会和它所产生的中央委员会", 18},
    {"option_b", "选项B", false, kOptionHint, "中央政治局", 18},
    {"option_c", "选项C", false, kOptionHint, "中央书记处", 18},
    {"option_d", "选项D", false, kOptionHint, "中央纪律检查委员会", 18},
    {"option_e", "选项E", false, kOptionHint, "", 18},
    {"option_f", "选项F", false, kOptionHint, "", 18},
    {"option_g", "选项G", false, kOptionHint, "", 18},
    {"option_h", "选项H", false, kOptionHint, "", 18},
    {"answer", "答案", true, "选项字母，如 A、ACD；判断题填 正确 或 错误", "A", 8},
    {"tags", "标签", false, "章节、专题等，用顿号或逗号分隔", "党章、组织制度", 18},
    {"difficulty", "难度", false, "1（易）到 5（难）的整数，不填为 3", "2", 8},
    {"explanation", "解析", false, "不超过2000字，交卷后按设置显示", "见党章第十条", 30},
}};

std::vector<std::string> SplitTags(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string tag = TrimQuestionText(current);
    if (!tag.empty() && std::find(out.begin(), out.end(), tag) == out.end()) {
      out.push_back(std::move(tag));
    }
    current.clear();
  };
  for (size_t i = 0; i < text.size();) {
    bool split = false;
    for (std::string_view sep : {"、", "，", "；", ",", ";"}) {
      if (text.substr(i, sep.size()) == sep) {
        i += sep.size();
        split = true;
        break;
      }
    }
    if (split) {
      flush();
    } else {
      current.push_back(text[i++]);
    }
  }
  flush();
  return out;
}

std::optional<QuestionKind> KindOf(std::string_view text) {
  std::string t = NormalizeInput(text);
  if (auto kind = ParseQuestionKindLabel(t)) return kind;
  if (t == "单选") return QuestionKind::kSingle;
  if (t == "多选") return QuestionKind::kMultiple;
  if (t == "判断") return QuestionKind::kTrueFalse;
  return ParseQuestionKind(t);
}

std::optional<int> DifficultyOf(std::string_view text) {
  std::string t = NormalizeInput(text);
  if (t.size() >= 2 && t.substr(t.size() - 2) == ".0") t.resize(t.size() - 2);  // Excel's 3.0
  int value = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  if (value < kMinDifficulty || value > kMaxDifficulty) return std::nullopt;
  return value;
}

}  // namespace

std::span<const ImportColumn> QuestionImportColumns() { return kColumns; }

Result<QuestionImport> ReadQuestionImport(std::string_view xlsx, int64_t max_rows) {
  XlsxReadOptions options;
  options.max_rows = max_rows + 1;  // and the header
  auto opened = XlsxReader::Open(xlsx, options);
  if (!opened.ok()) return ImportError(opened.error());
  XlsxReader& reader = **opened;

  QuestionImport out;
  std::vector<int> at(kColCount, -1);
  std::unordered_map<int, int> col_of;  // sheet column → import column
  bool have_header = false;
  std::optional<Error> header_error;
  std::array<std::string, kColCount> cells;

  Status read = reader.ReadRows([&](int row, std::span<const XlsxReadCell> row_cells) {
    if (!have_header) {
      std::vector<std::pair<int, std::string>> headers;
      for (const XlsxReadCell& cell : row_cells) headers.emplace_back(cell.column, cell.text);
      Result<std::vector<int>> matched = MatchHeader(row, headers, kColumns);
      if (!matched.ok()) {
        header_error = std::move(matched).error();
        return false;
      }
      at = std::move(matched).value();
      for (int c = 0; c < kColCount; ++c) {
        if (at[c] >= 0) col_of[at[c]] = c;
      }
      have_header = true;
      return true;
    }
    for (std::string& c : cells) c.clear();
    bool blank = true;
    for (const XlsxReadCell& cell : row_cells) {
      auto it = col_of.find(cell.column);
      if (it == col_of.end()) continue;
      cells[it->second] = TrimQuestionText(cell.text);
      if (!cells[it->second].empty()) blank = false;
    }
    if (blank) return true;
    if (++out.rows > max_rows) return false;

    size_t problems = out.problems.size();
    auto problem = [&](int col, const char* key, std::string message) {
      out.problems.push_back(SheetProblem{row, at[col] >= 0 ? ColumnLetter(at[col]) : "",
                                          kColumns[col].header, cells[col], key,
                                          std::move(message)});
    };
    Question q;
    std::optional<QuestionKind> kind = KindOf(cells[kKind]);
    if (cells[kKind].empty()) {
      problem(kKind, "required", "请填写题型");
    } else if (!kind) {
      problem(kKind, "invalid_choice", "题型应为单选题、多选题或判断题");
    } else {
      q.kind = *kind;
    }
    q.stem = cells[kStem];
    if (kind == QuestionKind::kTrueFalse) {
      q.options = {kTrueLabel, kFalseLabel};
    } else if (kind) {
      int last = -1;
      for (int i = 0; i < kMaxOptions; ++i) {
        if (!cells[kOptionA + i].empty()) last = i;
      }
      for (int i = 0; i <= last; ++i) {
        if (cells[kOptionA + i].empty()) {
          problem(kOptionA + i, "option_gap",
                  std::string("选项") + static_cast<char>('A' + i) + " 为空，但后面还有选项");
        }
        q.options.push_back(cells[kOptionA + i]);
      }
    }
    if (cells[kAnswer].empty()) {
      problem(kAnswer, "required", "请填写答案");
    } else if (kind) {
      std::optional<OptionSet> answer =
          ParseAnswerText(*kind, cells[kAnswer], static_cast<int>(q.options.size()));
      if (answer) {
        q.answer = *answer;
      } else {
        problem(kAnswer, "answer_invalid", "答案应为已填写选项的字母（如 A、ACD）或“正确”“错误”");
      }
    }
    q.tags = SplitTags(cells[kTags]);
    if (!cells[kDifficulty].empty()) {
      if (std::optional<int> d = DifficultyOf(cells[kDifficulty])) {
        q.difficulty = *d;
      } else {
        problem(kDifficulty, "difficulty_invalid", "难度应为 1 到 5 的整数");
      }
    }
    q.explanation = cells[kExplanation];
    if (out.problems.size() == problems) {
      out.questions.push_back(std::move(q));
      out.sheet_rows.push_back(row);
    }
    return true;
  });
  if (header_error) return *header_error;
  out.sheet_columns = at;
  DJ_RETURN_IF_ERROR(ImportEnd(read, have_header, out.rows, max_rows, "试题"));
  return out;
}

void AddQuestionFieldProblems(QuestionImport& import, const std::vector<FieldError>& errors) {
  static const std::map<std::string, int, std::less<>> kColumnOfField = {
      {"stem", kStem}, {"options", kOptionA},       {"answer", kAnswer},
      {"tags", kTags}, {"difficulty", kDifficulty}, {"explanation", kExplanation},
  };
  for (const FieldError& e : errors) {
    SheetProblem p{e.row, "", "", e.value, e.key, e.message};
    if (auto it = kColumnOfField.find(e.field); it != kColumnOfField.end()) {
      int col = it->second;
      // An option's problem names its letter.
      if (col == kOptionA && e.value.size() == 1 && e.value[0] >= 'A' &&
          e.value[0] < 'A' + kMaxOptions) {
        col = kOptionA + (e.value[0] - 'A');
      }
      p.header = kColumns[col].header;
      if (import.sheet_columns[col] >= 0) p.column = ColumnLetter(import.sheet_columns[col]);
    }
    import.problems.push_back(std::move(p));
  }
  std::stable_sort(import.problems.begin(), import.problems.end(),
                   [](const SheetProblem& a, const SheetProblem& b) { return a.row < b.row; });
}

Result<std::string> QuestionImportTemplate() {
  return ImportTemplate("试题", kColumns,
                        "在“试题”表第 2 行起每行填写一道试题，表头请勿修改。重复的试题（题干和"
                        "选项相同，不计空格和选项顺序）不会重复入库。任何一行有误时整个文件都不会"
                        "导入，系统会列出每处错误的行、列和原因。");
}

Result<std::string> WriteQuestionExport(const std::vector<Question>& questions) {
  DJ_ASSIGN_OR_RETURN(auto writer, XlsxWriter::Create());
  std::vector<XlsxColumn> headers = {{"编号", 8}};
  for (const ImportColumn& c : kColumns) headers.push_back({c.header, c.width});
  DJ_RETURN_IF_ERROR(writer->AddSheet("试题", headers));
  std::vector<XlsxCell> row(headers.size());
  for (const Question& q : questions) {
    std::fill(row.begin(), row.end(), XlsxCell{});
    row[0] = int64_t{q.id};
    row[1 + kKind] = std::string(QuestionKindLabel(q.kind));
    row[1 + kStem] = q.stem;
    if (q.kind != QuestionKind::kTrueFalse) {
      for (size_t i = 0; i < q.options.size() && i < size_t{kMaxOptions}; ++i) {
        row[1 + kOptionA + i] = q.options[i];
      }
    }
    row[1 + kAnswer] = AnswerText(q);
    std::string tags;
    for (const std::string& t : q.tags) tags += (tags.empty() ? "" : "、") + t;
    if (!tags.empty()) row[1 + kTags] = std::move(tags);
    row[1 + kDifficulty] = int64_t{q.difficulty};
    if (!q.explanation.empty()) row[1 + kExplanation] = q.explanation;
    DJ_RETURN_IF_ERROR(writer->AddRow(row));
  }
  return writer->Finish();
}

}  // namespace dj
