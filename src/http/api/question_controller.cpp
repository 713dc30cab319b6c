#include "http/api/question_controller.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/question_sheet.h"
#include "http/api/api_support.h"
#include "http/api/sheet_answer.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {
namespace {

using nlohmann::json;

std::vector<std::string> TrimAll(std::vector<std::string> items) {
  for (std::string& item : items) item = TrimQuestionText(item);
  return items;
}

json QuestionJson(const Question& q) {
  return {
      {"id", q.id},     {"kind", QuestionKindId(q.kind)}, {"kind_label", QuestionKindLabel(q.kind)},
      {"stem", q.stem}, {"options", q.options},           {"answer", AnswerText(q)},
      {"tags", q.tags}, {"difficulty", q.difficulty},     {"explanation", q.explanation}};
}

// A question from a request body: {"kind", "stem", "options" (not for true/false), "answer"
// ("A", "ACD", 正确 / 错误), "tags"?, "difficulty"?, "explanation"?}. Field errors for what
// cannot be read; the question's own rules are the bank's.
Result<Question> ReadQuestion(const Request& request) {
  DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
  JsonReader in(body);
  Question q;
  std::string kind = in.Required<std::string>("kind");
  q.stem = TrimQuestionText(in.Required<std::string>("stem"));
  std::optional<std::vector<std::string>> options =
      in.Optional<std::vector<std::string>>("options");
  std::string answer = in.Required<std::string>("answer");
  q.tags =
      TrimAll(in.Optional<std::vector<std::string>>("tags").value_or(std::vector<std::string>{}));
  q.difficulty = in.Optional<int>("difficulty").value_or(3);
  q.explanation = TrimQuestionText(in.Optional<std::string>("explanation").value_or(""));
  std::optional<QuestionKind> parsed = ParseQuestionKind(kind);
  if (!kind.empty() && !parsed) {
    in.AddError("kind", kind, "request.invalid_choice", "题型应为 single、multiple 或 true_false");
  }
  if (parsed) {
    q.kind = *parsed;
    if (q.kind == QuestionKind::kTrueFalse) {
      q.options = {kTrueLabel, kFalseLabel};
    } else {
      q.options = TrimAll(options.value_or(std::vector<std::string>{}));
    }
    if (!answer.empty()) {
      std::optional<OptionSet> set =
          ParseAnswerText(q.kind, answer, static_cast<int>(q.options.size()));
      if (set) {
        q.answer = *set;
      } else {
        in.AddError("answer", answer, "answer_invalid",
                    "答案应为选项字母（如 A、ACD）或“正确”“错误”");
      }
    }
  }
  DJ_RETURN_IF_ERROR(in.Finish());
  return q;
}

// The filters of a search (q, tag, kind, difficulty); paging is the caller's.
QuestionQuery ReadFilters(QueryReader& query) {
  QuestionQuery q;
  q.text = query.Text("q").value_or("");
  q.tag = query.Text("tag").value_or("");
  if (std::optional<std::string> kind =
          query.Choice("kind", {"single", "multiple", "true_false"})) {
    q.kind = ParseQuestionKind(*kind);
  }
  if (std::optional<int64_t> d = query.Int("difficulty", kMinDifficulty, kMaxDifficulty)) {
    q.difficulty = static_cast<int>(*d);
  }
  return q;
}

// A bank is a few thousand questions; an import of more is a mistake.
constexpr int64_t kMaxQuestionImportRows = 20'000;

}  // namespace

void AddQuestionRoutes(Router& router, QuestionBank& bank) {
  // The bank is the whole committee's: no org node is involved.
  const RouteAccess access{"contest.bank"};

  router.Add(
      Method::kGet, "/api/contest/questions",
      [&bank](Request& request) -> Result<Response> {
        QueryReader query(request);
        QuestionQuery q = ReadFilters(query);
        QueryReader::Page page = query.Paging(20, 200);
        DJ_RETURN_IF_ERROR(query.Finish());
        q.offset = static_cast<size_t>(page.offset());
        q.limit = static_cast<size_t>(page.size);
        QuestionPage found = bank.Find(q);
        json items = json::array();
        for (const Question& item : found.items) items.push_back(QuestionJson(item));
        return JsonOk({{"total", found.total},
                       {"page", page.page},
                       {"page_size", page.size},
                       {"items", std::move(items)}});
      },
      access);

  router.Add(
      Method::kGet, "/api/contest/questions/tags",
      [&bank](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        json items = json::array();
        for (const TagCount& t : bank.Tags()) {
          json by_kind = json::object();
          for (int k = 0; k < kQuestionKindCount; ++k) {
            by_kind[QuestionKindId(static_cast<QuestionKind>(k))] = t.by_kind[k];
          }
          items.push_back({{"tag", t.tag}, {"total", t.total}, {"by_kind", std::move(by_kind)}});
        }
        return JsonOk({{"questions", bank.size()}, {"items", std::move(items)}});
      },
      access);

  router.Add(
      Method::kGet, "/api/contest/questions/import/template",
      [](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        DJ_ASSIGN_OR_RETURN(std::string bytes, QuestionImportTemplate());
        return XlsxFile(std::move(bytes), "question-import-template.xlsx", "试题导入模板.xlsx");
      },
      access);

  router.Add(
      Method::kPost, "/api/contest/questions/import",
      [&bank](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        DJ_RETURN_IF_ERROR(RequireXlsxBody(request));
        DJ_ASSIGN_OR_RETURN(QuestionImport import,
                            ReadQuestionImport(request.body(), kMaxQuestionImportRows));
        if (!import.problems.empty()) {
          // Check the rows that were read too, so one answer lists every problem.
          AddQuestionFieldProblems(import, bank.CheckAll(import.questions, import.sheet_rows));
          return InvalidRows(request, import.rows, import.problems);
        }
        const size_t count = import.questions.size();
        Result<std::vector<Question>> added =
            bank.AddAll(WriteContextOf(request), std::move(import.questions), import.sheet_rows);
        if (!added.ok()) {
          if (added.error().key != "validation_failed") return added.error();
          AddQuestionFieldProblems(import, added.error().fields);
          return InvalidRows(request, import.rows, import.problems);
        }
        return JsonOk({{"created", count}}, 201);
      },
      access, kMaxImportBytes);

  router.Add(
      Method::kGet, "/api/contest/questions/export",
      [&bank](Request& request) -> Result<Response> {
        QueryReader query(request);
        QuestionQuery q = ReadFilters(query);
        DJ_RETURN_IF_ERROR(query.Finish());
        q.limit = SIZE_MAX;
        QuestionPage found = bank.Find(q);
        std::reverse(found.items.begin(), found.items.end());  // oldest first, as entered
        DJ_ASSIGN_OR_RETURN(std::string bytes, WriteQuestionExport(found.items));
        return XlsxFile(std::move(bytes), "questions.xlsx", "题库.xlsx");
      },
      access);

  router.Add(
      Method::kGet, "/api/contest/questions/:id",
      [&bank](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request));
        DJ_ASSIGN_OR_RETURN(Question q, bank.Get(id));
        return JsonOk(QuestionJson(q));
      },
      access);

  router.Add(
      Method::kPost, "/api/contest/questions",
      [&bank](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(Question q, ReadQuestion(request));
        DJ_ASSIGN_OR_RETURN(Question added, bank.Add(WriteContextOf(request), std::move(q)));
        return JsonOk(QuestionJson(added), 201);
      },
      access);

  router.Add(
      Method::kPut, "/api/contest/questions/:id",
      [&bank](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request));
        DJ_ASSIGN_OR_RETURN(Question q, ReadQuestion(request));
        DJ_ASSIGN_OR_RETURN(Question updated,
                            bank.Update(WriteContextOf(request), id, std::move(q)));
        return JsonOk(QuestionJson(updated));
      },
      access);

  router.Add(
      Method::kDelete, "/api/contest/questions/:id",
      [&bank](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request));
        DJ_RETURN_IF_ERROR(bank.Remove(WriteContextOf(request), id));
        return JsonOk(json{{"id", id}});
      },
      access);
}

}  // namespace dj::http
