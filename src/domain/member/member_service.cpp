#include "domain/member/member_service.h"

#include <unordered_map>

#include "domain/member/member_validation.h"

namespace dj {
namespace {

Error DuplicateIdNumber(const std::string& id_number) {
  return Error::Conflict("member.id_number_duplicate",
                         "身份证号 " + MaskIdNumber(id_number) + " 已有党员使用");
}

}  // namespace

Result<Member> MemberService::Get(MemberId id) { return repo_.GetMember(id); }

Result<std::vector<MembershipPeriod>> MemberService::History(MemberId id) {
  DJ_RETURN_IF_ERROR(repo_.GetMember(id));
  return repo_.GetPeriods(id);
}

std::vector<FieldError> MemberService::CheckPlacement(NodeId branch_id,
                                                      std::optional<NodeId> group_id,
                                                      int row) const {
  std::vector<FieldError> out;
  auto branch = roster_.GetNode(branch_id);
  if (!branch) {
    out.push_back({row, "branch_id", std::to_string(branch_id), "branch_not_found",
                   "所在支部 " + std::to_string(branch_id) + " 不存在"});
    return out;
  }
  if (branch->kind != NodeKind::kBranch) {
    out.push_back(
        {row, "branch_id", std::to_string(branch_id), "not_a_branch",
         "“" + branch->name + "”是" + NodeKindLabel(branch->kind) + "，党员只能编入党支部"});
    return out;
  }
  if (group_id) {
    auto group = roster_.GetNode(*group_id);
    if (!group || group->kind != NodeKind::kGroup || group->parent_id != branch_id) {
      out.push_back({row, "group_id", std::to_string(*group_id), "group_not_in_branch",
                     "党小组 " + std::to_string(*group_id) + " 不属于“" + branch->name + "”"});
    }
  }
  return out;
}

Result<Member> MemberService::Create(const WriteContext& ctx, Member member,
                                     std::optional<Date> branch_since) {
  Date since = branch_since.value_or(member.probationary_date);
  DJ_ASSIGN_OR_RETURN(auto created, CreateMany(ctx, {NewMember{std::move(member), since}}, 0));
  return std::move(created.front());
}

Result<std::vector<FieldError>> MemberService::CheckNewLocked(std::vector<NewMember>& members,
                                                              int first_row) const {
  const Date today = clock_.Today();
  std::vector<FieldError> problems;
  std::unordered_map<std::string, int> row_of_id_number;
  for (size_t i = 0; i < members.size(); ++i) {
    Member& m = members[i].member;
    const int row = first_row + static_cast<int>(i);
    NormalizeMember(m);
    auto add = [&](std::vector<FieldError> more) {
      problems.insert(problems.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
    };
    add(ValidateMemberFields(m, today, row));
    add(ValidateBranchSince(m, members[i].branch_since, today, row));
    add(CheckPlacement(m.branch_id, m.group_id, row));
    if (!IsActive(m.status)) {
      problems.push_back({row, "status", MemberStatusId(m.status), "not_active",
                          "新增党员的状态应为预备党员或正式党员"});
    }
    if (m.id_number.empty()) continue;
    auto [it, inserted] = row_of_id_number.emplace(m.id_number, row);
    if (!inserted) {
      problems.push_back({row, "id_number", m.id_number, "duplicate_in_batch",
                          "身份证号与第 " + std::to_string(it->second) + " 行重复"});
      continue;
    }
    DJ_ASSIGN_OR_RETURN(auto existing, repo_.FindByIdNumber(m.id_number));
    if (existing) {
      problems.push_back({row, "id_number", m.id_number, "id_number_duplicate",
                          "身份证号已有党员使用（党员编号 " + std::to_string(*existing) + "）"});
    }
  }
  return problems;
}

Result<std::vector<FieldError>> MemberService::CheckMany(std::vector<NewMember>& members,
                                                         int first_row) {
  auto lock = roster_.WriteLock();
  return CheckNewLocked(members, first_row);
}

Result<std::vector<Member>> MemberService::CreateMany(const WriteContext& ctx,
                                                      std::vector<NewMember> members,
                                                      int first_row) {
  auto lock = roster_.WriteLock();
  DJ_ASSIGN_OR_RETURN(std::vector<FieldError> problems, CheckNewLocked(members, first_row));
  if (!problems.empty()) {
    if (first_row == 0 && problems.size() == 1 && problems[0].key == "id_number_duplicate") {
      return DuplicateIdNumber(problems[0].value);
    }
    return Error::Validation(std::move(problems));
  }
  DJ_ASSIGN_OR_RETURN(auto created, repo_.InsertMembers(ctx, members));
  for (size_t i = 0; i < created.size(); ++i) {
    const Member& m = created[i];
    roster_.PutMember(m, {MembershipPeriod{m.id, m.branch_id, m.group_id, members[i].branch_since,
                                           std::nullopt}});
  }
  return created;
}

Status MemberService::ReloadIntoRoster(MemberId id) {
  DJ_ASSIGN_OR_RETURN(Member m, repo_.GetMember(id));
  DJ_ASSIGN_OR_RETURN(auto periods, repo_.GetPeriods(id));
  roster_.PutMember(m, periods);
  return Ok();
}

std::vector<NodeId> MemberService::PostsVacatedBy(const Member& after) const {
  std::vector<NodeId> vacated;
  for (NodeId node : roster_.NodesLedBy(after.id)) {
    // The secretary must be a full member inside the node's subtree (see OrgService).
    bool keeps = after.status == MemberStatus::kFull &&
                 roster_.IsInSubtree(after.group_id.value_or(after.branch_id), node);
    if (!keeps) vacated.push_back(node);
  }
  return vacated;
}

Result<Member> MemberService::Update(const WriteContext& ctx, MemberId id, Member after) {
  const Date today = clock_.Today();
  auto lock = roster_.WriteLock();
  DJ_ASSIGN_OR_RETURN(Member before, repo_.GetMember(id));
  after.id = id;
  NormalizeMember(after);
  if (after.branch_id != before.branch_id) {
    return Error::InvalidArgument("member.branch_change_requires_transfer",
                                  "变更所在支部请使用组织关系转接，以保留转接记录");
  }
  std::vector<FieldError> problems = ValidateMemberFields(after, today);
  auto placement = CheckPlacement(after.branch_id, after.group_id, 0);
  problems.insert(problems.end(), placement.begin(), placement.end());
  if (!IsActive(before.status) && !IsActive(after.status) && before.left_date != after.left_date) {
    problems.push_back({0, "left_date", after.left_date ? after.left_date->ToString() : "",
                        "left_date_change", "已离开的党员不能修改离开日期，请先恢复其状态"});
  }
  DJ_ASSIGN_OR_RETURN(auto periods, repo_.GetPeriods(id));
  if (!periods.empty()) {
    const Date first = periods.front().from;
    if (after.probationary_date > first && after.probationary_date <= today) {
      problems.push_back({0, "probationary_date", after.probationary_date.ToString(),
                          "after_membership_began",
                          "入党时间不能晚于其组织关系开始的日期 " + first.ToString()});
    }
    const Date current = periods.back().from;
    if (IsActive(before.status) && !IsActive(after.status) && after.left_date &&
        *after.left_date < current && *after.left_date >= after.probationary_date) {
      problems.push_back({0, "left_date", after.left_date->ToString(), "before_current_period",
                          "离开日期不能早于进入当前支部的日期 " + current.ToString()});
    }
  }
  if (!problems.empty()) return Error::Validation(std::move(problems));
  if (after.id_number != before.id_number) {
    DJ_ASSIGN_OR_RETURN(auto existing, repo_.FindByIdNumber(after.id_number));
    if (existing && *existing != id) return DuplicateIdNumber(after.id_number);
  }
  if (after == before) return after;
  std::vector<NodeId> vacated = PostsVacatedBy(after);
  DJ_RETURN_IF_ERROR(repo_.UpdateMember(ctx, before, after, vacated));
  roster_.ClearSecretary(vacated);
  DJ_RETURN_IF_ERROR(ReloadIntoRoster(id));
  return after;
}

Result<Member> MemberService::Transfer(const WriteContext& ctx, MemberId id, NodeId to_branch,
                                       std::optional<NodeId> to_group, Date date) {
  auto lock = roster_.WriteLock();
  return TransferLocked(ctx, id, to_branch, to_group, date, nullptr);
}

Result<Member> MemberService::TransferLocked(const WriteContext& ctx, MemberId id, NodeId to_branch,
                                             std::optional<NodeId> to_group, Date date,
                                             const TransferRequest* accepted) {
  const Date today = clock_.Today();
  DJ_ASSIGN_OR_RETURN(Member before, repo_.GetMember(id));
  if (!IsActive(before.status)) {
    return Error::Conflict(
        "member.not_active",
        std::string("该党员状态为“") + MemberStatusLabel(before.status) + "”，不能转接组织关系");
  }
  std::vector<FieldError> problems = CheckPlacement(to_branch, to_group, 0);
  for (auto& p : problems) p.field = p.field == "branch_id" ? "to_branch_id" : "to_group_id";
  if (to_branch == before.branch_id) {
    problems.push_back({0, "to_branch_id", std::to_string(to_branch), "same_branch",
                        "转入支部与当前支部相同；同一支部内调整党小组请修改党员信息"});
  }
  DJ_ASSIGN_OR_RETURN(auto periods, repo_.GetPeriods(id));
  if (date > today) {
    problems.push_back({0, "date", date.ToString(), "in_future", "转接日期不能晚于今天"});
  } else if (!periods.empty() && date <= periods.back().from) {
    problems.push_back({0, "date", date.ToString(), "before_current_period",
                        "转接日期须晚于进入当前支部的日期 " + periods.back().from.ToString()});
  }
  if (!problems.empty()) return Error::Validation(std::move(problems));
  Member after = before;
  after.branch_id = to_branch;
  after.group_id = to_group;
  std::vector<NodeId> vacated = PostsVacatedBy(after);
  DJ_RETURN_IF_ERROR(repo_.TransferMember(ctx, before, after, date, vacated, accepted));
  roster_.ClearSecretary(vacated);
  if (accepted != nullptr) roster_.RemovePendingTransfer(accepted->id);
  DJ_RETURN_IF_ERROR(ReloadIntoRoster(id));
  return after;
}

namespace {

constexpr size_t kMaxTransferNoteChars = 200;

size_t Chars(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Status MemberService::LoadTransfers() {
  DJ_ASSIGN_OR_RETURN(std::vector<TransferRequest> pending,
                      repo_.ListTransfers(TransferStatus::kPending));
  std::vector<PendingTransfer> out;
  out.reserve(pending.size());
  for (const TransferRequest& t : pending) out.push_back(PendingOf(t));
  roster_.SetPendingTransfers(std::move(out));
  return Ok();
}

Result<TransferRequest> MemberService::RequestTransfer(const WriteContext& ctx, MemberId id,
                                                       NodeId to_branch,
                                                       std::optional<NodeId> to_group,
                                                       std::string note) {
  auto lock = roster_.WriteLock();
  DJ_ASSIGN_OR_RETURN(Member member, repo_.GetMember(id));
  if (!IsActive(member.status)) {
    return Error::Conflict(
        "member.not_active",
        std::string("该党员状态为“") + MemberStatusLabel(member.status) + "”，不能转接组织关系");
  }
  std::vector<FieldError> problems = CheckPlacement(to_branch, to_group, 0);
  for (auto& p : problems) p.field = p.field == "branch_id" ? "to_branch_id" : "to_group_id";
  if (to_branch == member.branch_id) {
    problems.push_back(
        {0, "to_branch_id", std::to_string(to_branch), "same_branch", "转入支部与当前支部相同"});
  }
  if (Chars(note) > kMaxTransferNoteChars) {
    problems.push_back({0, "note", "", "note_too_long",
                        "转接说明不能超过 " + std::to_string(kMaxTransferNoteChars) + " 字"});
  }
  if (!problems.empty()) return Error::Validation(std::move(problems));
  TransferRequest t;
  t.member_id = id;
  t.from_branch_id = member.branch_id;
  t.to_branch_id = to_branch;
  t.to_group_id = to_group;
  t.initiated_on = clock_.Today();
  t.note = std::move(note);
  t.created_by = ctx.user_id;
  t.created_at = t.updated_at = clock_.NowUnixSeconds();
  DJ_ASSIGN_OR_RETURN(TransferRequest stored, repo_.InsertTransfer(ctx, t));
  roster_.AddPendingTransfer(PendingOf(stored));
  return stored;
}

Result<TransferRequest> MemberService::GetTransfer(TransferId id) { return repo_.GetTransfer(id); }

Result<std::vector<TransferRequest>> MemberService::ListTransfers(
    std::optional<TransferStatus> status) {
  return repo_.ListTransfers(status);
}

Result<Member> MemberService::AcceptTransfer(const WriteContext& ctx, TransferId id,
                                             std::optional<NodeId> to_group) {
  auto lock = roster_.WriteLock();
  DJ_ASSIGN_OR_RETURN(TransferRequest t, repo_.GetTransfer(id));
  if (t.status != TransferStatus::kPending) {
    return Error::Conflict("transfer.not_pending",
                           std::string("该转接") + TransferStatusLabel(t.status) + "，不能再接收");
  }
  if (roster_.BranchOf(t.member_id) != t.from_branch_id) {
    return Error::Conflict("transfer.member_moved", "该党员已不在转出支部，请转出方撤回后重新发起");
  }
  TransferRequest accepted = t;
  accepted.status = TransferStatus::kAccepted;
  accepted.decided_on = clock_.Today();
  accepted.decided_by = ctx.user_id;
  accepted.updated_at = clock_.NowUnixSeconds();
  if (to_group) accepted.to_group_id = to_group;
  return TransferLocked(ctx, t.member_id, t.to_branch_id, accepted.to_group_id, clock_.Today(),
                        &accepted);
}

Result<TransferRequest> MemberService::ReturnTransfer(const WriteContext& ctx, TransferId id,
                                                      std::string reason) {
  auto lock = roster_.WriteLock();
  size_t visible = 0;
  for (char c : reason) visible += c != ' ' && c != '\t' && c != '\n';
  if (visible == 0) {
    return Error::Validation(
        {{0, "reason", "", "reason_required", "退回须说明理由（不得无故拒绝接收）"}});
  }
  if (Chars(reason) > kMaxTransferNoteChars) {
    return Error::Validation(
        {{0, "reason", "", "note_too_long",
          "退回理由不能超过 " + std::to_string(kMaxTransferNoteChars) + " 字"}});
  }
  return DecideLocked(ctx, id, TransferStatus::kReturned, std::move(reason));
}

Result<TransferRequest> MemberService::CancelTransfer(const WriteContext& ctx, TransferId id) {
  auto lock = roster_.WriteLock();
  return DecideLocked(ctx, id, TransferStatus::kCancelled, "");
}

Result<TransferRequest> MemberService::DecideLocked(const WriteContext& ctx, TransferId id,
                                                    TransferStatus status, std::string note) {
  DJ_ASSIGN_OR_RETURN(TransferRequest before, repo_.GetTransfer(id));
  if (before.status != TransferStatus::kPending) {
    return Error::Conflict("transfer.not_pending",
                           std::string("该转接") + TransferStatusLabel(before.status));
  }
  TransferRequest after = before;
  after.status = status;
  after.decided_on = clock_.Today();
  after.decided_by = ctx.user_id;
  after.decision_note = std::move(note);
  after.updated_at = clock_.NowUnixSeconds();
  DJ_RETURN_IF_ERROR(repo_.DecideTransfer(ctx, before, after));
  roster_.RemovePendingTransfer(id);
  return after;
}

Status MemberService::Delete(const WriteContext& ctx, MemberId id) {
  auto lock = roster_.WriteLock();
  DJ_ASSIGN_OR_RETURN(Member before, repo_.GetMember(id));
  DJ_RETURN_IF_ERROR(repo_.DeleteMember(ctx, before));
  roster_.RemoveMember(id);  // also clears the member from any node's secretary, as the
                             // database's ON DELETE SET NULL did
  return Ok();
}

Result<MemberSearchResult> MemberService::Search(const MemberQuery& query) {
  DJ_ASSIGN_OR_RETURN(MemberPage page, roster_.Search(query));
  DJ_ASSIGN_OR_RETURN(auto members, repo_.GetMembers(page.ids));
  return MemberSearchResult{page.total, std::move(members)};
}

}  // namespace dj
