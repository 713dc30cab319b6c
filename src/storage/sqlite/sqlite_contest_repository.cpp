#include "storage/sqlite/sqlite_contest_repository.h"

#include <nlohmann/json.hpp>
#include <string>

#include "domain/contest/contest_json.h"
#include "storage/sqlite/question_rows.h"
#include "storage/sqlite/rows.h"

namespace dj {
namespace {

constexpr char kEntity[] = "contest";

constexpr char kSelectAll[] = "SELECT id, status, settings FROM contests ORDER BY id";
constexpr char kSelectOne[] = "SELECT id, status, settings FROM contests WHERE id = ?";
constexpr char kInsert[] =
    "INSERT INTO contests (status, title, scope_id, starts_at, ends_at, settings, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
constexpr char kUpdate[] =
    "UPDATE contests SET status = ?2, title = ?3, scope_id = ?4, starts_at = ?5, ends_at = ?6, "
    "settings = ?7, updated_at = ?8 WHERE id = ?1";

constexpr char kInsertPoolQuestion[] =
    "INSERT INTO contest_questions (contest_id, id, kind, stem, options, answer, tags, "
    "difficulty, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectPool[] =
    "SELECT id, kind, stem, options, answer, tags, difficulty, explanation "
    "FROM contest_questions WHERE contest_id = ? ORDER BY id";

Result<Contest> ReadContest(const Statement& st) {
  Contest c;
  c.id = st.ColumnInt64(0);
  std::optional<ContestStatus> status = ParseContestStatus(st.ColumnText(1));
  Result<ContestSettings> settings = ContestSettingsFromJson(st.ColumnText(2));
  if (!status || !settings.ok()) {
    return Error{ErrorCode::kInternal,
                 "storage.corrupt",
                 "数据库中竞答 " + std::to_string(c.id) + " 的状态或设置无效",
                 {}};
  }
  c.status = *status;
  c.settings = std::move(settings).value();
  return c;
}

// The audit log's form: the id, the status and the settings.
std::string ContestToJson(const Contest& c) {
  nlohmann::json j = {{"id", c.id},
                      {"status", ContestStatusId(c.status)},
                      {"settings", nlohmann::json::parse(ContestSettingsToJson(c.settings))}};
  return j.dump();
}

}  // namespace

Result<std::vector<Contest>> SqliteContestRepository::LoadContests() {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectAll));
  std::vector<Contest> out;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    DJ_ASSIGN_OR_RETURN(Contest c, ReadContest(select));
    out.push_back(std::move(c));
  }
  return out;
}

Result<Contest> SqliteContestRepository::InsertContest(const WriteContext& ctx,
                                                       const Contest& contest) {
  Contest stored = contest;
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsert));
        const ContestSettings& s = stored.settings;
        insert.BindAll(ContestStatusId(stored.status), s.title, s.scope, s.starts_at, s.ends_at,
                       ContestSettingsToJson(s), clock_.NowUnixSeconds());
        DJ_RETURN_IF_ERROR(insert.Run());
        stored.id = db.LastInsertRowId();
        return audit.Append(kEntity, stored.id, "create", std::nullopt, ContestToJson(stored));
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Status SqliteContestRepository::UpdateContest(const WriteContext& ctx, const Contest& before,
                                              const Contest& after, std::string_view action) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    return Replace(db, audit, before, after, action);
  });
}

Status SqliteContestRepository::PublishContest(const WriteContext& ctx, const Contest& before,
                                               const Contest& after,
                                               const std::vector<Question>& pool) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(Replace(db, audit, before, after, "publish"));
    DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertPoolQuestion));
    for (const Question& q : pool) {
      insert.Reset();
      insert.Bind(1, after.id);
      BindQuestionColumns(insert, 2, q);
      DJ_RETURN_IF_ERROR(insert.Run());
    }
    return Ok();
  });
}

Result<std::vector<Question>> SqliteContestRepository::LoadPool(ContestId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectPool));
  select.Bind(1, id);
  return ReadQuestionRows(select);
}

Status SqliteContestRepository::Replace(Database& db, AuditWriter& audit, const Contest& before,
                                        const Contest& after, std::string_view action) {
  if (before.id != after.id) {
    return Error::InvalidArgument("contest.id_mismatch", "修改前后的竞答编号不一致");
  }
  {
    DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectOne));
    select.Bind(1, before.id);
    DJ_ASSIGN_OR_RETURN(bool found, select.Step());
    if (!found) {
      return Error::NotFound("contest.not_found", "竞答 " + std::to_string(before.id) + " 不存在");
    }
    DJ_ASSIGN_OR_RETURN(Contest stored, ReadContest(select));
    if (stored != before) {
      return Error::Conflict("contest.stale", "竞答已被他人修改，请刷新后重试");
    }
    DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kUpdate));
    const ContestSettings& s = after.settings;
    update.BindAll(after.id, ContestStatusId(after.status), s.title, s.scope, s.starts_at,
                   s.ends_at, ContestSettingsToJson(s), clock_.NowUnixSeconds());
    DJ_RETURN_IF_ERROR(update.Run());
    return audit.Append(kEntity, after.id, action, ContestToJson(before), ContestToJson(after));
  }
}

}  // namespace dj
