#include "storage/sqlite/sqlite_member_repository.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "storage/sqlite/json_codec.h"
#include "storage/sqlite/rows.h"

namespace dj {
namespace {

constexpr char kCountRoster[] =
    "SELECT (SELECT count(*) FROM org_nodes), (SELECT count(*) FROM members), "
    "(SELECT count(*) FROM membership_periods)";
constexpr char kSelectNodes[] = "SELECT " DJ_NODE_COLUMNS " FROM org_nodes ORDER BY id";
constexpr char kSelectMembers[] = "SELECT " DJ_MEMBER_COLUMNS " FROM members ORDER BY id";
constexpr char kSelectAllPeriods[] =
    "SELECT " DJ_PERIOD_COLUMNS " FROM membership_periods ORDER BY member_id, from_date, id";
constexpr char kSelectMember[] = "SELECT " DJ_MEMBER_COLUMNS " FROM members WHERE id = ?";
constexpr char kSelectPeriods[] = "SELECT " DJ_PERIOD_COLUMNS
                                  " FROM membership_periods WHERE member_id = ? "
                                  "ORDER BY from_date, id";
constexpr char kSelectIdByIdNumber[] = "SELECT id FROM members WHERE id_number = ?";

constexpr char kInsertNode[] =
    "INSERT INTO org_nodes (" DJ_NODE_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertMember[] = "INSERT INTO members (" DJ_MEMBER_COLUMNS
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kInsertPeriod[] =
    "INSERT INTO membership_periods (" DJ_PERIOD_COLUMNS ") VALUES (?, ?, ?, ?, ?)";
constexpr char kUpdateMember[] =
    "UPDATE members SET name = ?2, gender = ?3, ethnicity = ?4, birth_date = ?5, "
    "id_number = ?6, education = ?7, phone = ?8, probationary_date = ?9, full_date = ?10, "
    "status = ?11, left_date = ?12, category = ?13, branch_id = ?14, group_id = ?15, "
    "post = ?16 WHERE id = ?1";
constexpr char kCloseOpenPeriod[] =
    "UPDATE membership_periods SET to_date = ?2 WHERE member_id = ?1 AND to_date IS NULL";
constexpr char kSetOpenPeriodGroup[] =
    "UPDATE membership_periods SET group_id = ?2 WHERE member_id = ?1 AND to_date IS NULL";
// The latest period of member ?1 that ended on ?2.
#define DJ_PERIOD_ENDED_ON                                                    \
  "(SELECT id FROM membership_periods WHERE member_id = ?1 AND to_date = ?2 " \
  "ORDER BY from_date DESC, id DESC LIMIT 1)"
constexpr char kReopenPeriod[] =
    "UPDATE membership_periods SET to_date = NULL, group_id = ?3 WHERE id = " DJ_PERIOD_ENDED_ON;
constexpr char kMovePeriodEnd[] =
    "UPDATE membership_periods SET to_date = ?3 WHERE id = " DJ_PERIOD_ENDED_ON;
#undef DJ_PERIOD_ENDED_ON
constexpr char kDeleteMember[] = "DELETE FROM members WHERE id = ?";
constexpr char kMemberHasAccount[] = "SELECT EXISTS (SELECT 1 FROM users WHERE member_id = ?)";
constexpr char kSelectNodesWithSecretary[] =
    "SELECT " DJ_NODE_COLUMNS " FROM org_nodes WHERE secretary_id = ? ORDER BY id";
constexpr char kClearSecretary[] =
    "UPDATE org_nodes SET secretary_id = NULL WHERE id = ?1 AND secretary_id = ?2";
constexpr char kRosterHasData[] =
    "SELECT EXISTS (SELECT 1 FROM org_nodes) OR EXISTS (SELECT 1 FROM members)";
// Seed writes rows in table order, so parents, secretaries and branches may come later in
// the same transaction; the keys are checked at commit instead.
constexpr char kDeferForeignKeys[] = "PRAGMA defer_foreign_keys = ON";

constexpr char kEntity[] = "member";
constexpr char kTransferEntity[] = "member_transfer";

#define DJ_TRANSFER_COLUMNS                                                                \
  "id, member_id, from_branch_id, to_branch_id, to_group_id, initiated_on, note, status, " \
  "decided_on, decision_note, created_by, decided_by, created_at, updated_at"
constexpr char kInsertTransfer[] = "INSERT INTO member_transfers (" DJ_TRANSFER_COLUMNS
                                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectTransfer[] =
    "SELECT " DJ_TRANSFER_COLUMNS " FROM member_transfers WHERE id = ?";
constexpr char kSelectTransfers[] =
    "SELECT " DJ_TRANSFER_COLUMNS " FROM member_transfers ORDER BY id DESC";
constexpr char kSelectTransfersIn[] =
    "SELECT " DJ_TRANSFER_COLUMNS " FROM member_transfers WHERE status = ? ORDER BY id DESC";
// Only a pending request is decided, once.
constexpr char kDecideTransfer[] =
    "UPDATE member_transfers SET status = ?2, decided_on = ?3, decision_note = ?4, "
    "decided_by = ?5, to_group_id = ?6, updated_at = ?7 WHERE id = ?1 AND status = 'pending'";
#undef DJ_TRANSFER_COLUMNS

void BindTransfer(Statement& st, const TransferRequest& t) {
  st.BindAll(t.id == 0 ? std::optional<int64_t>() : std::optional<int64_t>(t.id), t.member_id,
             t.from_branch_id, t.to_branch_id, t.to_group_id, t.initiated_on, t.note,
             TransferStatusId(t.status), t.decided_on, t.decision_note, t.created_by, t.decided_by,
             t.created_at, t.updated_at);
}

Result<TransferRequest> ReadTransfer(const Statement& st) {
  TransferRequest t;
  t.id = st.ColumnInt64(0);
  t.member_id = st.ColumnInt64(1);
  t.from_branch_id = st.ColumnInt64(2);
  t.to_branch_id = st.ColumnInt64(3);
  t.to_group_id = st.ColumnOptionalInt64(4);
  DJ_ASSIGN_OR_RETURN(t.initiated_on, st.ColumnDate(5));
  t.note = st.ColumnString(6);
  std::optional<TransferStatus> status = ParseTransferStatus(st.ColumnText(7));
  if (!status) {
    return Error::Internal("组织关系转接 " + std::to_string(t.id) + " 的状态无效");
  }
  t.status = *status;
  DJ_ASSIGN_OR_RETURN(t.decided_on, st.ColumnOptionalDate(8));
  t.decision_note = st.ColumnString(9);
  t.created_by = st.ColumnInt64(10);
  t.decided_by = st.ColumnInt64(11);
  t.created_at = st.ColumnInt64(12);
  t.updated_at = st.ColumnInt64(13);
  return t;
}

std::string TransferToJson(const TransferRequest& t) {
  nlohmann::json j = {
      {"member_id", t.member_id},
      {"from_branch_id", t.from_branch_id},
      {"to_branch_id", t.to_branch_id},
      {"to_group_id", t.to_group_id ? nlohmann::json(*t.to_group_id) : nlohmann::json(nullptr)},
      {"initiated_on", t.initiated_on.ToString()},
      {"note", t.note},
      {"status", TransferStatusId(t.status)},
      {"decided_on",
       t.decided_on ? nlohmann::json(t.decided_on->ToString()) : nlohmann::json(nullptr)},
      {"decision_note", t.decision_note}};
  return j.dump();
}

// Closes pending request `before` as `after`; Conflict "transfer.not_pending" when another
// decision came first.
Status WriteDecision(Database& db, AuditWriter& audit, const TransferRequest& before,
                     const TransferRequest& after) {
  DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kDecideTransfer));
  update.BindAll(after.id, TransferStatusId(after.status), after.decided_on, after.decision_note,
                 after.decided_by, after.to_group_id, after.updated_at);
  DJ_RETURN_IF_ERROR(update.Run());
  if (db.Changes() == 0) {
    return Error::Conflict("transfer.not_pending", "该组织关系转接已处理，请刷新后查看");
  }
  return audit.Append(kTransferEntity, after.id, TransferStatusId(after.status),
                      TransferToJson(before), TransferToJson(after));
}

Error NotFound(MemberId id) {
  return Error::NotFound("member.not_found", "党员 " + std::to_string(id) + " 不存在");
}

Error IdNumberTaken(const Member& member, int row) {
  std::string message = "身份证号 " + member.id_number + " 已被使用";
  Error error = Error::Conflict("member.id_number_duplicate", message);
  error.fields.push_back({row, "id_number", member.id_number, "id_number_duplicate", message});
  return error;
}

// The unique constraint on members other than the assigned id is the ID number's; `row` is
// the 1-based input row for bulk inserts, 0 otherwise.
Error MapWriteError(Error error, const Member& member, int row) {
  if (error.key == "storage.unique_violation") return IdNumberTaken(member, row);
  return error;
}

Result<std::optional<Member>> FindMember(Statement& select, MemberId id) {
  select.Reset();
  select.Bind(1, id);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<Member>();
  DJ_ASSIGN_OR_RETURN(Member member, ReadMember(select));
  return std::optional<Member>(std::move(member));
}

// NotFound when the member is gone, "member.stale" when they changed since `expected` was read.
Status CheckStored(Database& db, const Member& expected) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectMember));
  DJ_ASSIGN_OR_RETURN(std::optional<Member> stored, FindMember(select, expected.id));
  if (!stored) return NotFound(expected.id);
  if (*stored != expected) {
    return Error::Conflict("member.stale",
                           "党员 " + stored->name + " 的信息已被他人修改，请刷新后重试");
  }
  return Ok();
}

template <typename T, typename Read>
Status ReadAll(Database& db, const char* sql, Read read, std::vector<T>* out) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(sql));
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return Ok();
    DJ_ASSIGN_OR_RETURN(T value, read(select));
    out->push_back(std::move(value));
  }
}

// Runs `sql` with `values` bound to ?1..?n and returns the number of rows it changed.
template <typename... T>
Result<int64_t> Change(Database& db, const char* sql, const T&... values) {
  DJ_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  DJ_RETURN_IF_ERROR(st.BindAll(values...).Run());
  return db.Changes();
}

Error LeftDateRequired(const Member& member) {
  return Error::InvalidArgument("member.left_date_required",
                                "党员 " + member.name + " 的状态表明已离开，须填写离开日期");
}

// Brings the member's periods in line with a change from `before` to `after` in place (same
// branch), as described at MemberRepository::UpdateMember.
Status UpdatePeriods(Database& db, const Member& before, const Member& after) {
  const bool was_active = IsActive(before.status);
  const bool is_active = IsActive(after.status);
  if (was_active && !is_active) {
    if (!after.left_date) return LeftDateRequired(after);
    DJ_RETURN_IF_ERROR(Change(db, kCloseOpenPeriod, after.id, *after.left_date));
    return Ok();
  }
  if (!was_active && is_active) {
    if (!before.left_date) return LeftDateRequired(before);
    DJ_ASSIGN_OR_RETURN(int64_t reopened,
                        Change(db, kReopenPeriod, after.id, *before.left_date, after.group_id));
    if (reopened == 0) {
      return Error::Conflict("member.no_period_to_reopen", "党员 " + after.name + " 没有在 " +
                                                               before.left_date->ToString() +
                                                               " 结束的组织关系记录，无法恢复");
    }
    return Ok();
  }
  if (!was_active) {
    if (!before.left_date || !after.left_date) return LeftDateRequired(after);
    if (*before.left_date != *after.left_date) {
      DJ_RETURN_IF_ERROR(Change(db, kMovePeriodEnd, after.id, *before.left_date, *after.left_date));
    }
    return Ok();
  }
  if (before.group_id != after.group_id) {
    DJ_RETURN_IF_ERROR(Change(db, kSetOpenPeriodGroup, after.id, after.group_id));
  }
  return Ok();
}

// The nodes naming `member` as their secretary, in id order.
Result<std::vector<OrgNode>> NodesLedBy(Database& db, MemberId member) {
  std::vector<OrgNode> led;
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectNodesWithSecretary));
  select.Bind(1, member);
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    DJ_ASSIGN_OR_RETURN(OrgNode node, ReadNode(select));
    led.push_back(std::move(node));
  }
  return led;
}

// Records that `node` lost its secretary.
Status AuditVacated(AuditWriter& audit, const OrgNode& node) {
  OrgNode after = node;
  after.secretary_id = std::nullopt;
  return audit.Append("org_node", node.id, "update", OrgNodeToJson(node), OrgNodeToJson(after));
}

// Clears `member` as secretary of the nodes in `vacated`, with an audit entry each; Conflict
// "member.stale" when one of them no longer names the member.
Status Vacate(Database& db, AuditWriter& audit, MemberId member,
              const std::vector<NodeId>& vacated) {
  if (vacated.empty()) return Ok();
  DJ_ASSIGN_OR_RETURN(std::vector<OrgNode> led, NodesLedBy(db, member));
  for (NodeId id : vacated) {
    auto it = std::find_if(led.begin(), led.end(), [id](const OrgNode& n) { return n.id == id; });
    if (it == led.end()) {
      return Error::Conflict("member.stale",
                             "组织 " + std::to_string(id) + " 的书记已被他人修改，请刷新后重试");
    }
    DJ_RETURN_IF_ERROR(Change(db, kClearSecretary, id, member));
    DJ_RETURN_IF_ERROR(AuditVacated(audit, *it));
  }
  return Ok();
}

}  // namespace

Result<RosterSnapshot> SqliteMemberRepository::LoadSnapshot() {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  Database& db = lease.db();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(db));
  RosterSnapshot snapshot;
  {
    DJ_ASSIGN_OR_RETURN(Statement count, db.Prepare(kCountRoster));
    DJ_RETURN_IF_ERROR(count.Step());
    snapshot.nodes.reserve(count.ColumnInt64(0));
    snapshot.members.reserve(count.ColumnInt64(1));
    snapshot.periods.reserve(count.ColumnInt64(2));
  }
  DJ_RETURN_IF_ERROR(ReadAll(db, kSelectNodes, ReadNode, &snapshot.nodes));
  DJ_RETURN_IF_ERROR(ReadAll(db, kSelectMembers, ReadMember, &snapshot.members));
  DJ_RETURN_IF_ERROR(ReadAll(db, kSelectAllPeriods, ReadPeriod, &snapshot.periods));
  DJ_RETURN_IF_ERROR(txn.Commit());
  return snapshot;
}

Result<Member> SqliteMemberRepository::GetMember(MemberId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectMember));
  DJ_ASSIGN_OR_RETURN(std::optional<Member> member, FindMember(select, id));
  if (!member) return NotFound(id);
  return std::move(*member);
}

Result<std::vector<Member>> SqliteMemberRepository::GetMembers(std::span<const MemberId> ids) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  Database& db = lease.db();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(db));
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectMember));
  std::vector<Member> members;
  members.reserve(ids.size());
  for (MemberId id : ids) {
    DJ_ASSIGN_OR_RETURN(std::optional<Member> member, FindMember(select, id));
    if (member) members.push_back(std::move(*member));
  }
  DJ_RETURN_IF_ERROR(txn.Commit());
  return members;
}

Result<std::vector<MembershipPeriod>> SqliteMemberRepository::GetPeriods(MemberId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectPeriods));
  select.Bind(1, id);
  std::vector<MembershipPeriod> periods;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return periods;
    DJ_ASSIGN_OR_RETURN(MembershipPeriod period, ReadPeriod(select));
    periods.push_back(std::move(period));
  }
}

Result<std::optional<MemberId>> SqliteMemberRepository::FindByIdNumber(
    const std::string& id_number) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectIdByIdNumber));
  select.Bind(1, id_number);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<MemberId>();
  return std::optional<MemberId>(select.ColumnInt64(0));
}

Result<std::vector<Member>> SqliteMemberRepository::InsertMembers(
    const WriteContext& ctx, const std::vector<NewMember>& members) {
  std::vector<Member> stored;
  stored.reserve(members.size());
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert_member, db.Prepare(kInsertMember));
        DJ_ASSIGN_OR_RETURN(Statement insert_period, db.Prepare(kInsertPeriod));
        for (size_t i = 0; i < members.size(); ++i) {
          const NewMember& input = members[i];
          insert_member.Reset();
          BindMember(insert_member, input.member);
          insert_member.Bind(1, std::nullopt);  // assigned by the database
          if (Status s = insert_member.Run(); !s.ok()) {
            return MapWriteError(std::move(s).error(), input.member, static_cast<int>(i) + 1);
          }
          Member& member = stored.emplace_back(input.member);
          member.id = db.LastInsertRowId();
          insert_period.Reset();
          BindPeriod(insert_period, {member.id, member.branch_id, member.group_id,
                                     input.branch_since, std::nullopt});
          DJ_RETURN_IF_ERROR(insert_period.Run());
          DJ_RETURN_IF_ERROR(
              audit.Append(kEntity, member.id, "create", std::nullopt, MemberToJson(member)));
        }
        return Ok();
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Status SqliteMemberRepository::UpdateMember(const WriteContext& ctx, const Member& before,
                                            const Member& after,
                                            const std::vector<NodeId>& vacated) {
  if (before.id != after.id) {
    return Error::InvalidArgument("member.id_mismatch", "修改前后的党员编号不一致");
  }
  if (before.branch_id != after.branch_id) {
    return Error::InvalidArgument("member.branch_change_requires_transfer",
                                  "变更所在支部请使用组织关系转接，以保留转接记录");
  }
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, before));
    if (before == after) return Ok();
    DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kUpdateMember));
    BindMember(update, after);
    if (Status s = update.Run(); !s.ok()) return MapWriteError(std::move(s).error(), after, 0);
    DJ_RETURN_IF_ERROR(UpdatePeriods(db, before, after));
    DJ_RETURN_IF_ERROR(
        audit.Append(kEntity, after.id, "update", MemberToJson(before), MemberToJson(after)));
    return Vacate(db, audit, after.id, vacated);
  });
}

Status SqliteMemberRepository::TransferMember(const WriteContext& ctx, const Member& before,
                                              const Member& after, Date date,
                                              const std::vector<NodeId>& vacated,
                                              const TransferRequest* accepted) {
  if (before.id != after.id) {
    return Error::InvalidArgument("member.id_mismatch", "修改前后的党员编号不一致");
  }
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, before));
    DJ_ASSIGN_OR_RETURN(int64_t closed, Change(db, kCloseOpenPeriod, after.id, date));
    if (closed == 0) {
      return Error::Conflict("member.no_open_period",
                             "党员 " + before.name + " 当前不在任何支部，无法转接");
    }
    DJ_ASSIGN_OR_RETURN(Statement insert_period, db.Prepare(kInsertPeriod));
    BindPeriod(insert_period, {after.id, after.branch_id, after.group_id, date, std::nullopt});
    DJ_RETURN_IF_ERROR(insert_period.Run());
    DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kUpdateMember));
    BindMember(update, after);
    if (Status s = update.Run(); !s.ok()) return MapWriteError(std::move(s).error(), after, 0);
    DJ_RETURN_IF_ERROR(
        audit.Append(kEntity, after.id, "transfer", MemberToJson(before), MemberToJson(after)));
    if (accepted != nullptr) {
      DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectTransfer));
      select.Bind(1, accepted->id);
      DJ_ASSIGN_OR_RETURN(bool found, select.Step());
      if (!found) return Error::NotFound("transfer.not_found", "组织关系转接不存在");
      DJ_ASSIGN_OR_RETURN(TransferRequest pending, ReadTransfer(select));
      DJ_RETURN_IF_ERROR(WriteDecision(db, audit, pending, *accepted));
    }
    return Vacate(db, audit, after.id, vacated);
  });
}

Result<TransferRequest> SqliteMemberRepository::InsertTransfer(const WriteContext& ctx,
                                                               const TransferRequest& request) {
  TransferRequest stored = request;
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertTransfer));
        stored.id = 0;
        BindTransfer(insert, stored);
        if (Status s = insert.Run(); !s.ok()) {
          if (s.error().key == "storage.unique_violation") {
            return Error::Conflict("transfer.pending_exists",
                                   "该党员已有待接收的组织关系转接，请先办结或撤回");
          }
          return s;
        }
        stored.id = db.LastInsertRowId();
        return audit.Append(kTransferEntity, stored.id, "create", std::nullopt,
                            TransferToJson(stored));
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Result<TransferRequest> SqliteMemberRepository::GetTransfer(TransferId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectTransfer));
  select.Bind(1, id);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) {
    return Error::NotFound("transfer.not_found", "组织关系转接 " + std::to_string(id) + " 不存在");
  }
  return ReadTransfer(select);
}

Result<std::vector<TransferRequest>> SqliteMemberRepository::ListTransfers(
    std::optional<TransferStatus> status) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select,
                      lease->Prepare(status ? kSelectTransfersIn : kSelectTransfers));
  if (status) select.Bind(1, TransferStatusId(*status));
  std::vector<TransferRequest> out;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    DJ_ASSIGN_OR_RETURN(TransferRequest t, ReadTransfer(select));
    out.push_back(std::move(t));
  }
  return out;
}

Status SqliteMemberRepository::DecideTransfer(const WriteContext& ctx,
                                              const TransferRequest& before,
                                              const TransferRequest& after) {
  if (before.id != after.id) {
    return Error::InvalidArgument("transfer.id_mismatch", "修改前后的转接编号不一致");
  }
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    return WriteDecision(db, audit, before, after);
  });
}

Status SqliteMemberRepository::DeleteMember(const WriteContext& ctx, const Member& member) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, member));
    {
      DJ_ASSIGN_OR_RETURN(Statement has_account, db.Prepare(kMemberHasAccount));
      has_account.Bind(1, member.id);
      DJ_ASSIGN_OR_RETURN(bool found, has_account.Step());
      if (found && has_account.ColumnInt(0) != 0) {
        return Error::Conflict("member.has_account",
                               "党员 " + member.name + " 关联了登录账号，请先解除关联再删除");
      }
    }
    // The schema clears these nodes' secretary on delete; their entries record that change.
    DJ_ASSIGN_OR_RETURN(std::vector<OrgNode> led, NodesLedBy(db, member.id));
    DJ_RETURN_IF_ERROR(Change(db, kDeleteMember, member.id));
    DJ_RETURN_IF_ERROR(
        audit.Append(kEntity, member.id, "delete", MemberToJson(member), std::nullopt));
    for (const OrgNode& node : led) DJ_RETURN_IF_ERROR(AuditVacated(audit, node));
    return Ok();
  });
}

Status SqliteMemberRepository::Seed(const WriteContext& ctx, const RosterSnapshot& snapshot) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    {
      DJ_ASSIGN_OR_RETURN(Statement check, db.Prepare(kRosterHasData));
      DJ_RETURN_IF_ERROR(check.Step());
      if (check.ColumnInt64(0) != 0) {
        return Error::Conflict("storage.not_empty",
                               "数据库中已有组织或党员数据，不能再导入整套数据");
      }
    }
    DJ_RETURN_IF_ERROR(db.Exec(kDeferForeignKeys));
    DJ_ASSIGN_OR_RETURN(Statement insert_node, db.Prepare(kInsertNode));
    for (const OrgNode& node : snapshot.nodes) {
      insert_node.Reset();
      BindNode(insert_node, node);
      DJ_RETURN_IF_ERROR(insert_node.Run());
    }
    DJ_ASSIGN_OR_RETURN(Statement insert_member, db.Prepare(kInsertMember));
    for (const Member& member : snapshot.members) {
      insert_member.Reset();
      BindMember(insert_member, member);
      DJ_RETURN_IF_ERROR(insert_member.Run());
    }
    DJ_ASSIGN_OR_RETURN(Statement insert_period, db.Prepare(kInsertPeriod));
    for (const MembershipPeriod& period : snapshot.periods) {
      insert_period.Reset();
      BindPeriod(insert_period, period);
      DJ_RETURN_IF_ERROR(insert_period.Run());
    }
    std::string counts = "{\"nodes\":" + std::to_string(snapshot.nodes.size()) +
                         ",\"members\":" + std::to_string(snapshot.members.size()) +
                         ",\"periods\":" + std::to_string(snapshot.periods.size()) + "}";
    return audit.Append("roster", 0, "seed", std::nullopt, std::move(counts));
  });
}

}  // namespace dj
