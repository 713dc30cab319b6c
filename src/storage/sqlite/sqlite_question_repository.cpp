#include "storage/sqlite/sqlite_question_repository.h"

#include <nlohmann/json.hpp>
#include <string>

#include "storage/sqlite/question_rows.h"
#include "storage/sqlite/rows.h"

namespace dj {
namespace {

constexpr char kEntity[] = "question";

#define DJ_QUESTION_COLUMNS "id, kind, stem, options, answer, tags, difficulty, explanation"
constexpr char kSelectAll[] = "SELECT " DJ_QUESTION_COLUMNS " FROM questions ORDER BY id";
constexpr char kSelectOne[] = "SELECT " DJ_QUESTION_COLUMNS " FROM questions WHERE id = ?";
constexpr char kInsert[] =
    "INSERT INTO questions (" DJ_QUESTION_COLUMNS
    ", dedupe_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?10, ?10)";
constexpr char kUpdate[] =
    "UPDATE questions SET kind = ?2, stem = ?3, options = ?4, answer = ?5, tags = ?6, "
    "difficulty = ?7, explanation = ?8, dedupe_key = ?9, updated_at = ?10 WHERE id = ?1";
constexpr char kDelete[] = "DELETE FROM questions WHERE id = ?";
#undef DJ_QUESTION_COLUMNS

// Parameters 1..10: the columns, the dedupe key and the time.
void BindQuestion(Statement& st, const Question& q, int64_t now) {
  st.BindAll(q.id == 0 ? std::optional<int64_t>() : std::optional<int64_t>(q.id),
             QuestionKindId(q.kind), q.stem, StringsJson(q.options), static_cast<int64_t>(q.answer),
             StringsJson(q.tags), q.difficulty, q.explanation, DedupeKey(q), now);
}

std::string QuestionToJson(const Question& q) {
  return nlohmann::json{{"id", q.id},
                        {"kind", QuestionKindId(q.kind)},
                        {"stem", q.stem},
                        {"options", q.options},
                        {"answer", AnswerText(q)},
                        {"tags", q.tags},
                        {"difficulty", q.difficulty},
                        {"explanation", q.explanation}}
      .dump();
}

Status MapDuplicate(Status status) {
  if (!status.ok() && status.error().key == "storage.unique_violation") {
    return Error::Conflict("question.duplicate", "题库中已有相同的试题");
  }
  return status;
}

Error NotFound(QuestionId id) {
  return Error::NotFound("question.not_found", "试题 " + std::to_string(id) + " 不存在");
}

Status CheckStored(Database& db, const Question& expected) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectOne));
  select.Bind(1, expected.id);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return NotFound(expected.id);
  DJ_ASSIGN_OR_RETURN(Question stored, ReadQuestionRow(select, 0));
  if (stored != expected) {
    return Error::Conflict("question.stale", "试题已被他人修改，请刷新后重试");
  }
  return Ok();
}

}  // namespace

Result<std::vector<Question>> SqliteQuestionRepository::LoadQuestions() {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectAll));
  return ReadQuestionRows(select);
}

Result<std::vector<Question>> SqliteQuestionRepository::InsertQuestions(
    const WriteContext& ctx, const std::vector<Question>& questions) {
  std::vector<Question> stored = questions;
  const int64_t now = clock_.NowUnixSeconds();
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsert));
        for (Question& q : stored) {
          q.id = 0;
          insert.Reset();
          BindQuestion(insert, q, now);
          DJ_RETURN_IF_ERROR(MapDuplicate(insert.Run()));
          q.id = db.LastInsertRowId();
          DJ_RETURN_IF_ERROR(
              audit.Append(kEntity, q.id, "create", std::nullopt, QuestionToJson(q)));
        }
        return Ok();
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Status SqliteQuestionRepository::UpdateQuestion(const WriteContext& ctx, const Question& before,
                                                const Question& after) {
  if (before.id != after.id) {
    return Error::InvalidArgument("question.id_mismatch", "修改前后的试题编号不一致");
  }
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, before));
    DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kUpdate));
    BindQuestion(update, after, clock_.NowUnixSeconds());
    DJ_RETURN_IF_ERROR(MapDuplicate(update.Run()));
    return audit.Append(kEntity, after.id, "update", QuestionToJson(before), QuestionToJson(after));
  });
}

Status SqliteQuestionRepository::DeleteQuestion(const WriteContext& ctx, const Question& question) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, question));
    DJ_ASSIGN_OR_RETURN(Statement remove, db.Prepare(kDelete));
    remove.Bind(1, question.id);
    DJ_RETURN_IF_ERROR(remove.Run());
    return audit.Append(kEntity, question.id, "delete", QuestionToJson(question), std::nullopt);
  });
}

}  // namespace dj
