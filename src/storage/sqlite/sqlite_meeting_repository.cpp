#include "storage/sqlite/sqlite_meeting_repository.h"

#include <string>

#include "storage/sqlite/id_list.h"
#include "storage/sqlite/meeting_codec.h"
#include "storage/sqlite/rows.h"

namespace dj {
namespace {

#define DJ_MEETING_COLUMNS                                                            \
  "id, node_id, branch_id, type, date, start_minute, duration_minutes, place, host, " \
  "recorder, topics, attendees, minutes, decisions, votes, status, return_reason, "   \
  "reviewed_by, reviewer_name, reviewed_at, created_by, created_at, updated_at"

constexpr char kSelectFacts[] =
    "SELECT id, node_id, branch_id, type, date, status, attendees FROM meetings";
constexpr char kSelectMeeting[] = "SELECT " DJ_MEETING_COLUMNS " FROM meetings WHERE id = ?";
constexpr char kSelectAt[] = "SELECT " DJ_MEETING_COLUMNS
                             " FROM meetings WHERE node_id = ? AND date >= ? AND date <= ? "
                             "ORDER BY date, start_minute, id";
constexpr char kSelectNode[] = "SELECT node_id FROM meetings WHERE id = ?";
constexpr char kSelectAbsences[] =
    "SELECT member_id, reason, note FROM meeting_absences WHERE meeting_id = ? ORDER BY member_id";
constexpr char kSelectAttachments[] =
    "SELECT id, meeting_id, name, mime, size FROM meeting_attachments WHERE meeting_id = ? "
    "ORDER BY id";
constexpr char kSelectAttachment[] =
    "SELECT id, meeting_id, name, mime, size, data FROM meeting_attachments "
    "WHERE id = ? AND meeting_id = ?";
constexpr char kInsertMeeting[] = "INSERT INTO meetings (" DJ_MEETING_COLUMNS
                                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                  "?, ?, ?, ?, ?, ?)";
constexpr char kUpdateMeeting[] =
    "UPDATE meetings SET node_id = ?2, branch_id = ?3, type = ?4, date = ?5, start_minute = ?6, "
    "duration_minutes = ?7, place = ?8, host = ?9, recorder = ?10, topics = ?11, "
    "attendees = ?12, minutes = ?13, decisions = ?14, votes = ?15, status = ?16, "
    "return_reason = ?17, reviewed_by = ?18, reviewer_name = ?19, reviewed_at = ?20, "
    "created_by = ?21, created_at = ?22, updated_at = ?23 WHERE id = ?1";
constexpr char kDeleteMeeting[] = "DELETE FROM meetings WHERE id = ?";
constexpr char kInsertAbsence[] =
    "INSERT INTO meeting_absences (meeting_id, member_id, reason, note) VALUES (?, ?, ?, ?)";
constexpr char kDeleteAbsences[] = "DELETE FROM meeting_absences WHERE meeting_id = ?";
constexpr char kInsertAttachment[] =
    "INSERT INTO meeting_attachments (meeting_id, name, mime, size, data) VALUES (?, ?, ?, ?, ?)";
constexpr char kDeleteAttachment[] = "DELETE FROM meeting_attachments WHERE id = ?";
constexpr char kAnyMeeting[] = "SELECT EXISTS (SELECT 1 FROM meetings)";

constexpr char kEntity[] = "meeting";
constexpr char kAttachmentEntity[] = "meeting_attachment";

Error NotFound(MeetingId id) {
  return Error::NotFound("meeting.not_found", "会议记录 " + std::to_string(id) + " 不存在");
}

Error Corrupt(const std::string& what) {
  return Error{ErrorCode::kInternal, "storage.corrupt", what, {}};
}

void BindMeeting(Statement& st, const Meeting& m) {
  st.Bind(1, m.id)
      .Bind(2, m.node_id)
      .Bind(3, m.branch_id)
      .Bind(4, MeetingTypeId(m.type))
      .Bind(5, m.date)
      .Bind(6, m.start_minute)
      .Bind(7, m.duration_minutes)
      .Bind(8, m.place)
      .Bind(9, m.host)
      .Bind(10, m.recorder)
      .Bind(11, TopicsToJson(m.topics))
      .BindBlob(12, EncodeIdList(m.attendees))
      .Bind(13, m.minutes)
      .Bind(14, m.decisions)
      .Bind(15, VotesToJson(m.votes))
      .Bind(16, MeetingStatusId(m.status))
      .Bind(17, m.return_reason)
      .Bind(18, m.reviewed_by)
      .Bind(19, m.reviewer_name)
      .Bind(20, m.reviewed_at)
      .Bind(21, m.created_by)
      .Bind(22, m.created_at)
      .Bind(23, m.updated_at);
}

Result<Meeting> ReadMeeting(const Statement& st) {
  Meeting m;
  m.id = st.ColumnInt64(0);
  m.node_id = st.ColumnInt64(1);
  m.branch_id = st.ColumnInt64(2);
  std::optional<MeetingType> type = ParseMeetingType(st.ColumnText(3));
  if (!type) return Corrupt("会议 " + std::to_string(m.id) + " 的类型无效");
  m.type = *type;
  DJ_ASSIGN_OR_RETURN(m.date, st.ColumnDate(4));
  m.start_minute = st.ColumnInt(5);
  m.duration_minutes = st.ColumnInt(6);
  m.place = st.ColumnString(7);
  m.host = st.ColumnString(8);
  m.recorder = st.ColumnString(9);
  DJ_ASSIGN_OR_RETURN(m.topics, TopicsFromJson(st.ColumnText(10)));
  DJ_ASSIGN_OR_RETURN(m.attendees, DecodeIdList(st.ColumnBlob(11)));
  m.minutes = st.ColumnString(12);
  m.decisions = st.ColumnString(13);
  DJ_ASSIGN_OR_RETURN(m.votes, VotesFromJson(st.ColumnText(14)));
  std::optional<MeetingStatus> status = ParseMeetingStatus(st.ColumnText(15));
  if (!status) return Corrupt("会议 " + std::to_string(m.id) + " 的状态无效");
  m.status = *status;
  m.return_reason = st.ColumnString(16);
  m.reviewed_by = st.ColumnInt64(17);
  m.reviewer_name = st.ColumnString(18);
  m.reviewed_at = st.ColumnInt64(19);
  m.created_by = st.ColumnInt64(20);
  m.created_at = st.ColumnInt64(21);
  m.updated_at = st.ColumnInt64(22);
  return m;
}

Attachment ReadAttachment(const Statement& st) {
  Attachment a;
  a.id = st.ColumnInt64(0);
  a.meeting_id = st.ColumnInt64(1);
  a.name = st.ColumnString(2);
  a.mime = st.ColumnString(3);
  a.size = st.ColumnInt64(4);
  return a;
}

// The absences and attachments of `m`, read on `db`.
Status ReadDetails(Database& db, Meeting& m, bool attachments) {
  {
    DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectAbsences));
    select.Bind(1, m.id);
    for (;;) {
      DJ_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      std::optional<AbsenceReason> reason = ParseAbsenceReason(select.ColumnText(1));
      if (!reason) return Corrupt("会议 " + std::to_string(m.id) + " 的缺席原因无效");
      m.absences.push_back({select.ColumnInt64(0), *reason, select.ColumnString(2)});
    }
  }
  if (!attachments) return Ok();
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectAttachments));
  select.Bind(1, m.id);
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Ok();
    m.attachments.push_back(ReadAttachment(select));
  }
}

Result<std::optional<Meeting>> Find(Database& db, MeetingId id, bool attachments) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectMeeting));
  select.Bind(1, id);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<Meeting>();
  DJ_ASSIGN_OR_RETURN(Meeting m, ReadMeeting(select));
  DJ_RETURN_IF_ERROR(ReadDetails(db, m, attachments));
  return std::optional<Meeting>(std::move(m));
}

Status WriteAbsences(Database& db, const Meeting& m) {
  DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteAbsences));
  DJ_RETURN_IF_ERROR(del.Bind(1, m.id).Run());
  DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertAbsence));
  for (const Absence& a : m.absences) {
    insert.Reset();
    DJ_RETURN_IF_ERROR(insert.BindAll(m.id, a.member_id, AbsenceReasonId(a.reason), a.note).Run());
  }
  return Ok();
}

// NotFound when the record is gone, "meeting.stale" when it changed since `expected` was read.
Status CheckStored(Database& db, const Meeting& expected) {
  DJ_ASSIGN_OR_RETURN(std::optional<Meeting> stored, Find(db, expected.id, false));
  if (!stored) return NotFound(expected.id);
  Meeting compare = expected;
  compare.attachments.clear();
  if (*stored != compare) {
    return Error::Conflict("meeting.stale", "会议记录已被他人修改，请刷新后重试");
  }
  return Ok();
}

}  // namespace

Result<std::vector<MeetingFacts>> SqliteMeetingRepository::LoadFacts() {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(lease.db()));
  DJ_ASSIGN_OR_RETURN(Statement count, lease->Prepare("SELECT count(*) FROM meetings"));
  DJ_ASSIGN_OR_RETURN(bool counted, count.Step());
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectFacts));
  std::vector<MeetingFacts> out;
  if (counted) out.reserve(static_cast<size_t>(count.ColumnInt64(0)));
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    MeetingFacts f;
    f.id = select.ColumnInt64(0);
    f.node_id = select.ColumnInt64(1);
    f.branch_id = select.ColumnInt64(2);
    std::optional<MeetingType> type = ParseMeetingType(select.ColumnText(3));
    std::optional<MeetingStatus> status = ParseMeetingStatus(select.ColumnText(5));
    if (!type || !status) return Corrupt("会议 " + std::to_string(f.id) + " 的类型或状态无效");
    f.type = *type;
    f.status = *status;
    DJ_ASSIGN_OR_RETURN(f.date, select.ColumnDate(4));
    DJ_ASSIGN_OR_RETURN(f.attendees, DecodeIdList(select.ColumnBlob(6)));
    out.push_back(std::move(f));
  }
  return out;
}

Result<Meeting> SqliteMeetingRepository::Get(MeetingId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(lease.db()));
  DJ_ASSIGN_OR_RETURN(std::optional<Meeting> m, Find(lease.db(), id, true));
  if (!m) return NotFound(id);
  return std::move(*m);
}

Result<std::vector<Meeting>> SqliteMeetingRepository::GetMany(const std::vector<MeetingId>& ids) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(lease.db()));
  std::vector<Meeting> out;
  out.reserve(ids.size());
  for (MeetingId id : ids) {
    DJ_ASSIGN_OR_RETURN(std::optional<Meeting> m, Find(lease.db(), id, false));
    if (m) out.push_back(std::move(*m));
  }
  return out;
}

Result<std::optional<NodeId>> SqliteMeetingRepository::NodeOf(MeetingId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectNode));
  select.Bind(1, id);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<NodeId>();
  return std::optional<NodeId>(select.ColumnInt64(0));
}

Result<std::vector<Meeting>> SqliteMeetingRepository::ListAt(NodeId node, Date from, Date to) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(lease.db()));
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectAt));
  select.BindAll(node, from, to);
  std::vector<Meeting> out;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    DJ_ASSIGN_OR_RETURN(Meeting m, ReadMeeting(select));
    out.push_back(std::move(m));
  }
  for (Meeting& m : out) DJ_RETURN_IF_ERROR(ReadDetails(lease.db(), m, false));
  return out;
}

Result<Meeting> SqliteMeetingRepository::Insert(const WriteContext& ctx, const Meeting& meeting) {
  Meeting stored = meeting;
  stored.attachments.clear();
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertMeeting));
        BindMeeting(insert, stored);
        insert.Bind(1, std::nullopt);  // assigned by the database
        DJ_RETURN_IF_ERROR(insert.Run());
        stored.id = db.LastInsertRowId();
        DJ_RETURN_IF_ERROR(WriteAbsences(db, stored));
        return audit.Append(kEntity, stored.id, "create", std::nullopt, MeetingToJson(stored));
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Status SqliteMeetingRepository::Update(const WriteContext& ctx, const Meeting& before,
                                       const Meeting& after) {
  if (before.id != after.id) {
    return Error::InvalidArgument("meeting.id_mismatch", "修改前后的会议编号不一致");
  }
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, before));
    DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kUpdateMeeting));
    BindMeeting(update, after);
    DJ_RETURN_IF_ERROR(update.Run());
    DJ_RETURN_IF_ERROR(WriteAbsences(db, after));
    std::string action = after.status != before.status && after.status != MeetingStatus::kSubmitted
                             ? (after.status == MeetingStatus::kAccepted ? "accept" : "return")
                             : "update";
    return audit.Append(kEntity, after.id, action, MeetingToJson(before), MeetingToJson(after));
  });
}

Status SqliteMeetingRepository::Delete(const WriteContext& ctx, const Meeting& meeting) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, meeting));
    DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteMeeting));
    DJ_RETURN_IF_ERROR(del.Bind(1, meeting.id).Run());
    return audit.Append(kEntity, meeting.id, "delete", MeetingToJson(meeting), std::nullopt);
  });
}

Result<Attachment> SqliteMeetingRepository::AddAttachment(const WriteContext& ctx,
                                                          const Attachment& attachment,
                                                          const std::string& data) {
  Attachment stored = attachment;
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertAttachment));
        insert.BindAll(stored.meeting_id, stored.name, stored.mime, stored.size);
        insert.BindBlob(5, data);
        DJ_RETURN_IF_ERROR(insert.Run());
        stored.id = db.LastInsertRowId();
        return audit.Append(kAttachmentEntity, stored.id, "create", std::nullopt,
                            AttachmentToJson(stored));
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Result<std::pair<Attachment, std::string>> SqliteMeetingRepository::GetAttachment(MeetingId meeting,
                                                                                  AttachmentId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectAttachment));
  select.BindAll(id, meeting);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) {
    return Error::NotFound("attachment.not_found", "附件 " + std::to_string(id) + " 不存在");
  }
  Attachment a = ReadAttachment(select);
  return std::pair<Attachment, std::string>(std::move(a), std::string(select.ColumnBlob(5)));
}

Status SqliteMeetingRepository::DeleteAttachment(const WriteContext& ctx,
                                                 const Attachment& attachment) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteAttachment));
    DJ_RETURN_IF_ERROR(del.Bind(1, attachment.id).Run());
    if (db.Changes() == 0) {
      return Error::NotFound("attachment.not_found",
                             "附件 " + std::to_string(attachment.id) + " 不存在");
    }
    return audit.Append(kAttachmentEntity, attachment.id, "delete", AttachmentToJson(attachment),
                        std::nullopt);
  });
}

Status SqliteMeetingRepository::Seed(const WriteContext& ctx,
                                     const std::vector<Meeting>& meetings) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    {
      DJ_ASSIGN_OR_RETURN(Statement check, db.Prepare(kAnyMeeting));
      DJ_RETURN_IF_ERROR(check.Step());
      if (check.ColumnInt64(0) != 0) {
        return Error::Conflict("storage.not_empty", "数据库中已有会议记录，不能再导入整套数据");
      }
    }
    DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertMeeting));
    DJ_ASSIGN_OR_RETURN(Statement absence, db.Prepare(kInsertAbsence));
    size_t absences = 0;
    for (const Meeting& m : meetings) {
      insert.Reset();
      BindMeeting(insert, m);
      DJ_RETURN_IF_ERROR(insert.Run());
      for (const Absence& a : m.absences) {
        absence.Reset();
        DJ_RETURN_IF_ERROR(
            absence.BindAll(m.id, a.member_id, AbsenceReasonId(a.reason), a.note).Run());
        ++absences;
      }
    }
    std::string counts = "{\"meetings\":" + std::to_string(meetings.size()) +
                         ",\"absences\":" + std::to_string(absences) + "}";
    return audit.Append("meetings", 0, "seed", std::nullopt, std::move(counts));
  });
}

}  // namespace dj
