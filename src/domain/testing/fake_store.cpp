#include "domain/testing/fake_store.h"

#include <algorithm>

namespace dj::testing {

Status FakeStore::BeginWrite() {
  if (fail_next_write_) {
    fail_next_write_ = false;
    return Error::Internal("injected failure");
  }
  ++writes_;
  return Ok();
}

Result<std::vector<OrgNode>> FakeStore::ListNodes() {
  std::lock_guard lock(mu_);
  std::vector<OrgNode> out;
  for (const auto& [id, n] : nodes_) out.push_back(n);
  return out;
}

Result<OrgNode> FakeStore::GetNode(NodeId id) {
  std::lock_guard lock(mu_);
  auto it = nodes_.find(id);
  if (it == nodes_.end()) return Error::NotFound("org.not_found", "组织不存在");
  return it->second;
}

Result<OrgNode> FakeStore::InsertNode(const WriteContext&, const OrgNode& node) {
  std::lock_guard lock(mu_);
  DJ_RETURN_IF_ERROR(BeginWrite());
  for (const auto& [id, n] : nodes_) {
    if (n.code == node.code) return Error::Conflict("org.code_duplicate", "组织代码已被使用");
  }
  OrgNode stored = node;
  stored.id = next_node_++;
  nodes_[stored.id] = stored;
  return stored;
}

Status FakeStore::UpdateNode(const WriteContext&, const OrgNode&, const OrgNode& after) {
  std::lock_guard lock(mu_);
  DJ_RETURN_IF_ERROR(BeginWrite());
  nodes_[after.id] = after;
  return Ok();
}

Status FakeStore::DeleteNode(const WriteContext&, const OrgNode& node) {
  std::lock_guard lock(mu_);
  DJ_RETURN_IF_ERROR(BeginWrite());
  for (const auto& p : periods_) {
    if (p.branch_id == node.id || p.group_id == node.id) {
      return Error::Conflict("org.has_member_history", "有历史记录");
    }
  }
  nodes_.erase(node.id);
  return Ok();
}

Result<RosterSnapshot> FakeStore::LoadSnapshot() {
  std::lock_guard lock(mu_);
  RosterSnapshot s;
  for (const auto& [id, n] : nodes_) s.nodes.push_back(n);
  for (const auto& [id, m] : members_) s.members.push_back(m);
  s.periods = periods_;
  return s;
}

Result<Member> FakeStore::GetMember(MemberId id) {
  std::lock_guard lock(mu_);
  auto it = members_.find(id);
  if (it == members_.end()) return Error::NotFound("member.not_found", "党员不存在");
  return it->second;
}

Result<std::vector<Member>> FakeStore::GetMembers(std::span<const MemberId> ids) {
  std::lock_guard lock(mu_);
  std::vector<Member> out;
  for (MemberId id : ids) {
    auto it = members_.find(id);
    if (it != members_.end()) out.push_back(it->second);
  }
  return out;
}

Result<std::vector<MembershipPeriod>> FakeStore::GetPeriods(MemberId id) {
  std::lock_guard lock(mu_);
  std::vector<MembershipPeriod> out;
  for (const auto& p : periods_) {
    if (p.member_id == id) out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
  return out;
}

Result<std::optional<MemberId>> FakeStore::FindByIdNumber(const std::string& id_number) {
  std::lock_guard lock(mu_);
  for (const auto& [id, m] : members_) {
    if (m.id_number == id_number) return std::optional<MemberId>(id);
  }
  return std::optional<MemberId>();
}

Result<std::vector<Member>> FakeStore::InsertMembers(const WriteContext&,
                                                     const std::vector<NewMember>& members) {
  std::lock_guard lock(mu_);
  DJ_RETURN_IF_ERROR(BeginWrite());
  std::vector<Member> out;
  for (const auto& nm : members) {
    Member m = nm.member;
    m.id = next_member_++;
    members_[m.id] = m;
    periods_.push_back({m.id, m.branch_id, m.group_id, nm.branch_since, std::nullopt});
    out.push_back(m);
  }
  return out;
}

Status FakeStore::UpdateMember(const WriteContext&, const Member& before, const Member& after,
                               const std::vector<NodeId>& vacated) {
  std::lock_guard lock(mu_);
  DJ_RETURN_IF_ERROR(BeginWrite());
  for (NodeId id : vacated) nodes_[id].secretary_id.reset();
  members_[after.id] = after;
  for (auto& p : periods_) {
    if (p.member_id != after.id) continue;
    if (!p.to) {
      p.group_id = after.group_id;
      if (!IsActive(after.status)) p.to = after.left_date;
    } else if (!IsActive(before.status) && IsActive(after.status) && p.to == before.left_date) {
      p.to.reset();
    }
  }
  return Ok();
}

Status FakeStore::TransferMember(const WriteContext&, const Member&, const Member& after, Date date,
                                 const std::vector<NodeId>& vacated,
                                 const TransferRequest* accepted) {
  std::lock_guard lock(mu_);
  if (accepted != nullptr) {
    auto it = transfers_.find(accepted->id);
    if (it == transfers_.end() || it->second.status != TransferStatus::kPending) {
      return Error::Conflict("transfer.not_pending", "该转接已处理");
    }
  }
  DJ_RETURN_IF_ERROR(BeginWrite());
  if (accepted != nullptr) transfers_[accepted->id] = *accepted;
  for (NodeId id : vacated) nodes_[id].secretary_id.reset();
  for (auto& p : periods_) {
    if (p.member_id == after.id && !p.to) p.to = date;
  }
  periods_.push_back({after.id, after.branch_id, after.group_id, date, std::nullopt});
  members_[after.id] = after;
  return Ok();
}

Status FakeStore::DeleteMember(const WriteContext&, const Member& member) {
  std::lock_guard lock(mu_);
  DJ_RETURN_IF_ERROR(BeginWrite());
  members_.erase(member.id);
  std::erase_if(periods_, [&](const MembershipPeriod& p) { return p.member_id == member.id; });
  for (auto& [id, n] : nodes_) {
    if (n.secretary_id == member.id) n.secretary_id.reset();
  }
  return Ok();
}

Status FakeStore::Seed(const WriteContext&, const RosterSnapshot& snapshot) {
  std::lock_guard lock(mu_);
  if (!nodes_.empty() || !members_.empty()) {
    return Error::Conflict("storage.not_empty", "数据库不为空");
  }
  DJ_RETURN_IF_ERROR(BeginWrite());
  for (const auto& n : snapshot.nodes) {
    nodes_[n.id] = n;
    next_node_ = std::max(next_node_, n.id + 1);
  }
  for (const auto& m : snapshot.members) {
    members_[m.id] = m;
    next_member_ = std::max(next_member_, m.id + 1);
  }
  periods_ = snapshot.periods;
  return Ok();
}

Result<TransferRequest> FakeStore::InsertTransfer(const WriteContext&,
                                                  const TransferRequest& request) {
  std::lock_guard lock(mu_);
  for (const auto& [id, t] : transfers_) {
    if (t.member_id == request.member_id && t.status == TransferStatus::kPending) {
      return Error::Conflict("transfer.pending_exists", "该党员已有待接收的组织关系转接");
    }
  }
  DJ_RETURN_IF_ERROR(BeginWrite());
  TransferRequest stored = request;
  stored.id = next_transfer_++;
  transfers_[stored.id] = stored;
  return stored;
}

Result<TransferRequest> FakeStore::GetTransfer(TransferId id) {
  std::lock_guard lock(mu_);
  auto it = transfers_.find(id);
  if (it == transfers_.end()) return Error::NotFound("transfer.not_found", "组织关系转接不存在");
  return it->second;
}

Result<std::vector<TransferRequest>> FakeStore::ListTransfers(
    std::optional<TransferStatus> status) {
  std::lock_guard lock(mu_);
  std::vector<TransferRequest> out;
  for (auto it = transfers_.rbegin(); it != transfers_.rend(); ++it) {
    if (!status || it->second.status == *status) out.push_back(it->second);
  }
  return out;
}

Status FakeStore::DecideTransfer(const WriteContext&, const TransferRequest& before,
                                 const TransferRequest& after) {
  std::lock_guard lock(mu_);
  auto it = transfers_.find(before.id);
  if (it == transfers_.end() || it->second.status != TransferStatus::kPending) {
    return Error::Conflict("transfer.not_pending", "该转接已处理");
  }
  DJ_RETURN_IF_ERROR(BeginWrite());
  it->second = after;
  return Ok();
}

}  // namespace dj::testing
