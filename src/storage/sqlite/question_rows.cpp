#include "storage/sqlite/question_rows.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace dj {
namespace {

Error Corrupt(QuestionId id, const char* what) {
  return {ErrorCode::kInternal,
          "storage.corrupt",
          "数据库中试题 " + std::to_string(id) + " 的" + what + "无效",
          {}};
}

Result<std::vector<std::string>> StringsFromJson(std::string_view text, QuestionId id) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const nlohmann::json& item : j) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == j.size()) return out;
  }
  return Corrupt(id, "选项或标签");
}

}  // namespace

std::string StringsJson(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

void BindQuestionColumns(Statement& st, int first, const Question& q) {
  st.Bind(first, q.id)
      .Bind(first + 1, QuestionKindId(q.kind))
      .Bind(first + 2, q.stem)
      .Bind(first + 3, StringsJson(q.options))
      .Bind(first + 4, static_cast<int64_t>(q.answer))
      .Bind(first + 5, StringsJson(q.tags))
      .Bind(first + 6, q.difficulty)
      .Bind(first + 7, q.explanation);
}

Result<Question> ReadQuestionRow(const Statement& st, int first) {
  Question q;
  q.id = st.ColumnInt64(first);
  std::optional<QuestionKind> kind = ParseQuestionKind(st.ColumnText(first + 1));
  if (!kind) return Corrupt(q.id, "题型");
  q.kind = *kind;
  q.stem = st.ColumnString(first + 2);
  DJ_ASSIGN_OR_RETURN(q.options, StringsFromJson(st.ColumnText(first + 3), q.id));
  q.answer = static_cast<OptionSet>(st.ColumnInt64(first + 4));
  DJ_ASSIGN_OR_RETURN(q.tags, StringsFromJson(st.ColumnText(first + 5), q.id));
  q.difficulty = st.ColumnInt(first + 6);
  q.explanation = st.ColumnString(first + 7);
  return q;
}

Result<std::vector<Question>> ReadQuestionRows(Statement& select) {
  std::vector<Question> out;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    DJ_ASSIGN_OR_RETURN(Question q, ReadQuestionRow(select, 0));
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace dj
