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
                                 const std::vector<NodeId>& vacated) {
  std::lock_guard lock(mu_);
  DJ_RETURN_IF_ERROR(BeginWrite());
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

}  // namespace dj::testing
