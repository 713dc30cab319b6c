#include "storage/sqlite/sqlite_attempt_repository.h"

#include <string>

#include "storage/sqlite/audit_log.h"

namespace dj {
namespace {

constexpr char kEntity[] = "contest_attempt";

constexpr char kSelectAll[] =
    "SELECT id, contest_id, member_id, branch_id, number, started_at, deadline, paper, "
    "submitted_at, answers, points, max_points, correct FROM contest_attempts ORDER BY id";
constexpr char kInsert[] =
    "INSERT INTO contest_attempts (id, contest_id, member_id, branch_id, number, started_at, "
    "deadline, paper) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSubmit[] =
    "UPDATE contest_attempts SET submitted_at = ?2, answers = ?3, points = ?4, max_points = ?5, "
    "correct = ?6 WHERE id = ?1 AND submitted_at IS NULL";
constexpr char kExists[] = "SELECT 1 FROM contest_attempts WHERE id = ?";

Error Corrupt(AttemptId id) {
  return {ErrorCode::kInternal,
          "storage.corrupt",
          "数据库中答题 " + std::to_string(id) + " 的试卷或答案无效",
          {}};
}

// The audit log's form of a start and a submission. Written by hand, as these are the
// entries of a burst: ids and numbers, and the paper and answers texts (digits, ':' and ';'
// only, so they need no escaping).
std::string StartJson(const StoredAttempt& a, const std::string& paper) {
  return "{\"contest\":" + std::to_string(a.contest) + ",\"member\":" + std::to_string(a.member) +
         ",\"branch\":" + std::to_string(a.branch) + ",\"number\":" + std::to_string(a.number) +
         ",\"deadline\":" + std::to_string(a.deadline) + ",\"paper\":\"" + paper + "\"}";
}

std::string SubmitJson(const StoredAttempt& a, const std::string& answers) {
  return "{\"contest\":" + std::to_string(a.contest) + ",\"member\":" + std::to_string(a.member) +
         ",\"number\":" + std::to_string(a.number) + ",\"answers\":\"" + answers +
         "\",\"points\":" + std::to_string(a.points) +
         ",\"max_points\":" + std::to_string(a.max_points) + "}";
}

// Runs `write` and its audit entry inside the committer's transaction (a job's savepoint).
template <typename Write>
GroupCommitter::Job Audited(const Clock& clock, WriteContext ctx, Write write) {
  return [&clock, ctx = std::move(ctx), write = std::move(write)](Database& db) -> Status {
    DJ_ASSIGN_OR_RETURN(AuditWriter audit, AuditWriter::Start(db, ctx, clock.NowUnixSeconds()));
    return write(db, audit);
  };
}

}  // namespace

Result<std::vector<StoredAttempt>> SqliteAttemptRepository::LoadAttempts() {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectAll));
  std::vector<StoredAttempt> out;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    StoredAttempt a;
    a.id = select.ColumnInt64(0);
    a.contest = select.ColumnInt64(1);
    a.member = select.ColumnInt64(2);
    a.branch = select.ColumnInt64(3);
    a.number = select.ColumnInt(4);
    a.started_at = select.ColumnInt64(5);
    a.deadline = select.ColumnInt64(6);
    std::optional<Paper> paper = ParsePaperText(select.ColumnText(7));
    if (!paper) return Corrupt(a.id);
    a.paper = std::move(*paper);
    a.submitted_at = select.ColumnOptionalInt64(8);
    if (a.submitted_at) {
      std::optional<std::vector<Answer>> answers = ParseAnswersText(select.ColumnText(9));
      if (!answers) return Corrupt(a.id);
      a.answers = std::move(*answers);
      a.points = select.ColumnInt(10);
      a.max_points = select.ColumnInt(11);
      a.correct = select.ColumnInt(12);
    }
    out.push_back(std::move(a));
  }
  return out;
}

void SqliteAttemptRepository::InsertAttempt(const WriteContext& ctx, const StoredAttempt& attempt,
                                            Done done) {
  committer_.Submit(
      Audited(clock_, ctx,
              [a = attempt, paper = PaperText(attempt.paper)](Database& db,
                                                              AuditWriter& audit) -> Status {
                DJ_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsert));
                insert->BindAll(a.id, a.contest, a.member, a.branch, a.number, a.started_at,
                                a.deadline, paper);
                Status inserted = insert->Run();
                if (!inserted.ok() && inserted.error().key == "storage.unique_violation") {
                  return Error::Conflict("contest.attempt_exists", "该次答题已存在");
                }
                DJ_RETURN_IF_ERROR(inserted);
                return audit.Append(kEntity, a.id, "start", std::nullopt, StartJson(a, paper));
              }),
      std::move(done));
}

void SqliteAttemptRepository::SubmitAttempt(const WriteContext& ctx, const StoredAttempt& attempt,
                                            Done done) {
  committer_.Submit(
      Audited(clock_, ctx,
              [a = attempt, answers = AnswersText(attempt.answers)](Database& db,
                                                                    AuditWriter& audit) -> Status {
                DJ_ASSIGN_OR_RETURN(Statement * update, db.Cached(kSubmit));
                update->BindAll(a.id, a.submitted_at, answers, a.points, a.max_points, a.correct);
                DJ_RETURN_IF_ERROR(update->Run());
                if (db.Changes() == 0) {
                  DJ_ASSIGN_OR_RETURN(Statement * exists, db.Cached(kExists));
                  exists->Bind(1, a.id);
                  DJ_ASSIGN_OR_RETURN(bool found, exists->Step());
                  exists->Reset();
                  if (!found) return Error::NotFound("contest.attempt_not_found", "没有这次答题");
                  return Error::Conflict("contest.already_submitted", "本次答题已交卷");
                }
                return audit.Append(kEntity, a.id, "submit", std::nullopt, SubmitJson(a, answers));
              }),
      std::move(done));
}

}  // namespace dj
