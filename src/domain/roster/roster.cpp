#include "domain/roster/roster.h"

#include <algorithm>
#include <climits>

#include "common/collation.h"

namespace dj {
namespace {

constexpr int32_t kOpen = INT32_MAX;

constexpr const char* kAgeBands[kAgeBandCount] = {
    "30岁及以下", "31至35岁", "36至40岁", "41至45岁",
    "46至50岁",   "51至55岁", "56至60岁", "61岁及以上",
};

constexpr const char* kPartyAgeBands[kPartyAgeBandCount] = {
    "5年及以下", "6至10年", "11至20年", "21至30年", "31至40年", "41至50年", "51年及以上",
};

Error NodeNotFound(NodeId id) {
  return Error::NotFound("org.not_found", "组织 " + std::to_string(id) + " 不存在");
}

int LeftIndex(MemberStatus s) {
  switch (s) {
    case MemberStatus::kTransferredOut:
      return 0;
    case MemberStatus::kDeceased:
      return 1;
    default:
      return 2;
  }
}

}  // namespace

const char* AgeBandLabel(int band) { return kAgeBands[band]; }

int AgeBandOf(int age) {
  if (age <= 30) return 0;
  if (age > 60) return 7;
  return (age - 31) / 5 + 1;
}

const char* PartyAgeBandLabel(int band) { return kPartyAgeBands[band]; }

int PartyAgeBandOf(int party_age) {
  if (party_age <= 5) return 0;
  if (party_age <= 10) return 1;
  if (party_age > 50) return 6;
  return (party_age - 1) / 10 + 1;
}

Roster::Facts Roster::MakeFacts(const Member& m, const std::vector<MembershipPeriod>& periods) {
  Facts f;
  f.id = m.id;
  f.branch_id = m.branch_id;
  f.where = m.group_id.value_or(m.branch_id);
  f.birth = DateNumber(m.birth_date);
  f.probationary = DateNumber(m.probationary_date);
  f.full = m.full_date ? DateNumber(*m.full_date) : 0;
  f.left_days = m.left_date && !IsActive(m.status) ? m.left_date->days() : kOpen;
  f.status = m.status;
  f.gender = m.gender;
  f.education = m.education;
  f.category = m.category;
  f.name = m.name;
  f.sort_key = PinyinSortKey(m.name);
  f.spans.reserve(periods.size());
  for (const auto& p : periods) {
    f.spans.push_back(
        {p.group_id.value_or(p.branch_id), p.from.days(), p.to ? p.to->days() : kOpen});
  }
  std::sort(f.spans.begin(), f.spans.end(),
            [](const Span& a, const Span& b) { return a.from < b.from; });
  return f;
}

Status Roster::Load(const RosterSnapshot& snapshot) {
  DJ_ASSIGN_OR_RETURN(OrgTree tree, OrgTree::Build(snapshot.nodes));
  std::unordered_map<MemberId, std::vector<MembershipPeriod>> periods;
  periods.reserve(snapshot.members.size());
  for (const auto& p : snapshot.periods) {
    if (tree.PositionOf(p.branch_id) < 0 || (p.group_id && tree.PositionOf(*p.group_id) < 0)) {
      return Error::Internal("党员 " + std::to_string(p.member_id) + " 的任职记录指向不存在的组织");
    }
    periods[p.member_id].push_back(p);
  }
  std::vector<Facts> facts;
  facts.reserve(snapshot.members.size());
  std::unordered_map<MemberId, size_t> index;
  index.reserve(snapshot.members.size());
  for (const auto& m : snapshot.members) {
    if (tree.PositionOf(m.branch_id) < 0) {
      return Error::Internal("党员 " + std::to_string(m.id) + " 所在支部不存在");
    }
    index[m.id] = facts.size();
    facts.push_back(MakeFacts(m, periods[m.id]));
  }
  std::unordered_map<std::string, NodeId> by_code;
  for (const auto& n : tree.nodes()) by_code[n.code] = n.id;
  std::unordered_map<NodeId, int64_t> active_at;
  for (const Facts& f : facts) CountActive(active_at, f, +1);

  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  tree_ = std::move(tree);
  by_code_ = std::move(by_code);
  members_ = std::move(facts);
  member_index_ = std::move(index);
  active_at_ = std::move(active_at);
  places_.clear();
  for (const Facts& f : members_) IndexPlacesLocked(f, true);
  return Ok();
}

std::optional<OrgNode> Roster::GetNode(NodeId id) const {
  std::shared_lock lock(mu_);
  const OrgNode* n = tree_.Find(id);
  return n ? std::optional(*n) : std::nullopt;
}

std::optional<NodeId> Roster::FindNodeByCode(const std::string& code) const {
  std::shared_lock lock(mu_);
  auto it = by_code_.find(code);
  return it == by_code_.end() ? std::nullopt : std::optional(it->second);
}

std::optional<OrgNode> Roster::Root() const {
  std::shared_lock lock(mu_);
  return tree_.root() ? std::optional(*tree_.root()) : std::nullopt;
}

std::vector<OrgNode> Roster::Children(NodeId id) const {
  std::shared_lock lock(mu_);
  std::vector<OrgNode> out;
  for (const OrgNode* n : tree_.Children(id)) out.push_back(*n);
  return out;
}

std::vector<NodeId> Roster::NodesUnder(const std::vector<NodeId>& roots) const {
  std::shared_lock lock(mu_);
  std::vector<NodeId> out;
  for (NodeId root : roots) {
    std::optional<OrgTree::Range> range = tree_.SubtreeOf(root);
    if (!range) continue;
    for (int32_t pos = range->begin; pos < range->end; ++pos) out.push_back(tree_.At(pos).id);
  }
  return out;
}

std::vector<OrgNode> Roster::PathTo(NodeId id) const {
  std::shared_lock lock(mu_);
  std::vector<OrgNode> out;
  for (const OrgNode* n : tree_.PathTo(id)) out.push_back(*n);
  return out;
}

bool Roster::IsInSubtree(NodeId id, NodeId ancestor) const {
  std::shared_lock lock(mu_);
  return tree_.IsInSubtree(id, ancestor);
}

size_t Roster::NodeCount() const {
  std::shared_lock lock(mu_);
  return tree_.size();
}

void Roster::CountActive(std::unordered_map<NodeId, int64_t>& counts, const Facts& f, int delta) {
  if (!IsActive(f.status)) return;
  counts[f.branch_id] += delta;
  if (f.where != f.branch_id) counts[f.where] += delta;
}

int64_t Roster::ActiveMembersAt(NodeId id) const {
  std::shared_lock lock(mu_);
  auto it = active_at_.find(id);
  return it == active_at_.end() ? 0 : it->second;
}

bool Roster::HasMemberHistory(NodeId id) const {
  std::shared_lock lock(mu_);
  for (const auto& f : members_) {
    if (f.branch_id == id || f.where == id) return true;
    for (const auto& s : f.spans) {
      if (s.where == id) return true;
    }
  }
  return false;
}

bool Roster::HasMember(MemberId id) const {
  std::shared_lock lock(mu_);
  return member_index_.count(id) > 0;
}

std::optional<MemberStatus> Roster::StatusOf(MemberId id) const {
  std::shared_lock lock(mu_);
  auto it = member_index_.find(id);
  return it == member_index_.end() ? std::nullopt : std::optional(members_[it->second].status);
}

std::optional<NodeId> Roster::BranchOf(MemberId id) const {
  std::shared_lock lock(mu_);
  auto it = member_index_.find(id);
  return it == member_index_.end() ? std::nullopt : std::optional(members_[it->second].branch_id);
}

std::optional<std::string> Roster::NameOf(MemberId id) const {
  std::shared_lock lock(mu_);
  auto it = member_index_.find(id);
  return it == member_index_.end() ? std::nullopt : std::optional(members_[it->second].name);
}

std::optional<NodeId> Roster::PlaceOf(MemberId id) const {
  std::shared_lock lock(mu_);
  auto it = member_index_.find(id);
  return it == member_index_.end() ? std::nullopt : std::optional(members_[it->second].where);
}

Status Roster::RebuildTree(std::vector<OrgNode> nodes) {
  DJ_ASSIGN_OR_RETURN(OrgTree tree, OrgTree::Build(std::move(nodes)));
  tree_ = std::move(tree);
  by_code_.clear();
  for (const auto& n : tree_.nodes()) by_code_[n.code] = n.id;
  return Ok();
}

Status Roster::PutNode(const OrgNode& node) {
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  std::vector<OrgNode> nodes = tree_.nodes();
  auto it =
      std::find_if(nodes.begin(), nodes.end(), [&](const OrgNode& n) { return n.id == node.id; });
  if (it == nodes.end()) {
    nodes.push_back(node);
  } else {
    *it = node;
  }
  return RebuildTree(std::move(nodes));
}

void Roster::RemoveNode(NodeId id) {
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  std::vector<OrgNode> nodes = tree_.nodes();
  std::erase_if(nodes, [&](const OrgNode& n) { return n.id == id; });
  // Removing a leaf from a tree leaves a tree; the services only remove leaves.
  Status s = RebuildTree(std::move(nodes));
  assert(s.ok());
  (void)s;
}

void Roster::IndexPlacesLocked(const Facts& f, bool add) {
  auto touch = [&](NodeId where) {
    std::vector<MemberId>& ids = places_[where];
    auto it = std::lower_bound(ids.begin(), ids.end(), f.id);
    bool present = it != ids.end() && *it == f.id;
    if (add && !present) ids.insert(it, f.id);
    if (!add && present) ids.erase(it);
  };
  touch(f.where);
  touch(f.branch_id);
  for (const Span& s : f.spans) touch(s.where);
}

std::vector<RollEntry> Roster::RollOn(NodeId node, Date date) const {
  const int32_t day = date.days();
  const int32_t number = DateNumber(date);
  std::shared_lock lock(mu_);
  std::vector<RollEntry> out;
  auto range = tree_.SubtreeOf(node);
  if (!range) return out;
  for (int32_t pos = range->begin; pos < range->end; ++pos) {
    const OrgNode& n = tree_.At(pos);
    if (n.kind != NodeKind::kBranch && n.kind != NodeKind::kGroup) continue;
    auto it = places_.find(n.id);
    if (it == places_.end()) continue;
    for (MemberId id : it->second) {
      const Facts& f = members_[member_index_.at(id)];
      for (const Span& s : f.spans) {
        if (s.where != n.id || day < s.from || day >= s.to) continue;
        out.push_back({f.id, f.name, s.where, f.full != 0 && f.full <= number});
        break;
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const RollEntry& a, const RollEntry& b) { return a.id < b.id; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const RollEntry& a, const RollEntry& b) { return a.id == b.id; }),
            out.end());
  return out;
}

std::vector<MemberBrief> Roster::ActiveMembersUnder(NodeId node) const {
  auto from_number = [](int32_t n) { return *Date::FromYmd(n / 10000, n / 100 % 100, n % 100); };
  std::shared_lock lock(mu_);
  std::vector<MemberBrief> out;
  auto range = tree_.SubtreeOf(node);
  if (!range) return out;
  for (const Facts& f : members_) {
    if (!IsActive(f.status) || !range->Contains(tree_.PositionOf(f.branch_id))) continue;
    MemberBrief b;
    b.id = f.id;
    b.name = f.name;
    b.branch_id = f.branch_id;
    b.place = f.where;
    b.since = f.spans.empty() ? from_number(f.probationary) : Date::FromDays(f.spans.back().from);
    b.probationary_date = from_number(f.probationary);
    if (f.full != 0) b.full_date = from_number(f.full);
    b.status = f.status;
    out.push_back(std::move(b));
  }
  return out;
}

void Roster::AddFactsLocked(Facts facts) {
  CountActive(active_at_, facts, +1);
  IndexPlacesLocked(facts, true);
  member_index_[facts.id] = members_.size();
  members_.push_back(std::move(facts));
}

void Roster::RemoveFactsLocked(MemberId id) {
  auto it = member_index_.find(id);
  if (it == member_index_.end()) return;
  size_t i = it->second;
  CountActive(active_at_, members_[i], -1);
  IndexPlacesLocked(members_[i], false);
  member_index_.erase(it);
  if (i != members_.size() - 1) {
    members_[i] = std::move(members_.back());
    member_index_[members_[i].id] = i;
  }
  members_.pop_back();
}

void Roster::PutMember(const Member& member, const std::vector<MembershipPeriod>& periods) {
  Facts facts = MakeFacts(member, periods);  // outside the lock: computes the sort key
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  RemoveFactsLocked(member.id);
  AddFactsLocked(std::move(facts));
}

template <typename Pred>
void Roster::ClearSecretaryLocked(Pred vacate) {
  bool any = false;
  for (const auto& n : tree_.nodes()) any = any || (n.secretary_id && vacate(n));
  if (!any) return;
  std::vector<OrgNode> nodes = tree_.nodes();
  for (auto& n : nodes) {
    if (n.secretary_id && vacate(n)) n.secretary_id.reset();
  }
  Status s = RebuildTree(std::move(nodes));  // the shape is unchanged, so it stays a tree
  assert(s.ok());
  (void)s;
}

void Roster::RemoveMember(MemberId id) {
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  RemoveFactsLocked(id);
  ClearSecretaryLocked([id](const OrgNode& n) { return n.secretary_id == id; });
}

void Roster::ClearSecretary(const std::vector<NodeId>& nodes) {
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  ClearSecretaryLocked(
      [&](const OrgNode& n) { return std::find(nodes.begin(), nodes.end(), n.id) != nodes.end(); });
}

std::vector<NodeId> Roster::NodesLedBy(MemberId id) const {
  std::shared_lock lock(mu_);
  std::vector<NodeId> out;
  for (const auto& n : tree_.nodes()) {
    if (n.secretary_id == id) out.push_back(n.id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<SubtreeStats> Roster::Stats(NodeId node, Date as_of) const {
  std::shared_lock lock(mu_);
  auto range = tree_.SubtreeOf(node);
  if (!range) return NodeNotFound(node);
  SubtreeStats s;
  s.node_id = node;
  s.as_of = as_of;
  const int32_t day = as_of.days();
  const int32_t day_number = DateNumber(as_of);
  const int32_t year_start = Date::FromYmd(as_of.year(), 1, 1)->days();
  for (const Facts& f : members_) {
    for (const Span& span : f.spans) {
      if (span.from > day || day >= span.to) continue;
      if (!range->Contains(tree_.PositionOf(span.where)) || f.probationary > day_number) break;
      ++s.total;
      bool full = f.full != 0 && f.full <= day_number;
      if (full) {
        ++s.full;
        ++s.by_party_age_band[PartyAgeBandOf((day_number - f.full) / 10000)];
      } else {
        ++s.probationary;
      }
      ++s.by_gender[static_cast<int>(f.gender)];
      ++s.by_category[static_cast<int>(f.category)];
      ++s.by_education[static_cast<int>(f.education)];
      ++s.by_age_band[AgeBandOf((day_number - f.birth) / 10000)];
      break;
    }
    if (f.left_days != kOpen && f.left_days >= year_start && f.left_days <= day &&
        !f.spans.empty() && range->Contains(tree_.PositionOf(f.spans.back().where))) {
      ++s.left_this_year[LeftIndex(f.status)];
    }
  }
  for (int32_t pos = range->begin; pos < range->end; ++pos) {
    ++s.nodes_by_kind[static_cast<int>(tree_.At(pos).kind)];
  }
  return s;
}

Result<MemberPage> Roster::Search(const MemberQuery& q) const {
  const int32_t today = DateNumber(clock_.Today());
  std::shared_lock lock(mu_);
  auto range = tree_.SubtreeOf(q.subtree);
  if (!range) return NodeNotFound(q.subtree);
  std::vector<decltype(range)::value_type> scope;
  for (NodeId id : q.within) {
    if (auto r = tree_.SubtreeOf(id)) scope.push_back(*r);
  }
  const bool scoped = !q.within.empty();
  uint32_t status_mask = 0;
  for (MemberStatus st : q.statuses) status_mask |= 1u << static_cast<int>(st);
  uint32_t education_mask = 0;
  for (Education e : q.educations) education_mask |= 1u << static_cast<int>(e);
  std::vector<const Facts*> hits;
  for (const Facts& f : members_) {
    if (!range->Contains(tree_.PositionOf(f.where))) continue;
    if (scoped && std::none_of(scope.begin(), scope.end(), [&](const auto& r) {
          return r.Contains(tree_.PositionOf(f.where));
        })) {
      continue;
    }
    if (status_mask != 0 && !(status_mask & (1u << static_cast<int>(f.status)))) continue;
    if (q.category && f.category != *q.category) continue;
    if (q.gender && f.gender != *q.gender) continue;
    if (education_mask != 0 && !(education_mask & (1u << static_cast<int>(f.education)))) continue;
    if (q.age_min || q.age_max || q.age_band) {
      int age = (today - f.birth) / 10000;
      if ((q.age_min && age < *q.age_min) || (q.age_max && age > *q.age_max)) continue;
      if (q.age_band && AgeBandOf(age) != *q.age_band) continue;
    }
    if (q.party_age_band && (f.full == 0 || f.full > today ||
                             PartyAgeBandOf((today - f.full) / 10000) != *q.party_age_band)) {
      continue;
    }
    if (!q.name_contains.empty() && f.name.find(q.name_contains) == std::string::npos) continue;
    hits.push_back(&f);
  }
  MemberPage page;
  page.total = static_cast<int64_t>(hits.size());
  if (q.offset >= page.total || q.limit <= 0) return page;

  auto key_less = [&](const Facts* a, const Facts* b) {
    switch (q.sort) {
      case MemberSort::kName:
        if (a->sort_key != b->sort_key) return a->sort_key < b->sort_key;
        break;
      case MemberSort::kBirthDate:
        if (a->birth != b->birth) return a->birth < b->birth;
        break;
      case MemberSort::kProbationaryDate:
        if (a->probationary != b->probationary) return a->probationary < b->probationary;
        break;
      case MemberSort::kFullDate: {
        // Members without a full-membership date come last in ascending order.
        uint32_t fa = static_cast<uint32_t>(a->full - 1), fb = static_cast<uint32_t>(b->full - 1);
        if (fa != fb) return fa < fb;
        break;
      }
      case MemberSort::kId:
        break;
    }
    return a->id < b->id;
  };
  auto less = [&](const Facts* a, const Facts* b) {
    return q.descending ? key_less(b, a) : key_less(a, b);
  };
  int64_t end = std::min(page.total, q.offset + q.limit);
  std::partial_sort(hits.begin(), hits.begin() + end, hits.end(), less);
  for (int64_t i = q.offset; i < end; ++i) page.ids.push_back(hits[i]->id);
  return page;
}

Result<std::vector<NodeHeadcount>> Roster::Headcounts(NodeId node) const {
  const int32_t today = DateNumber(clock_.Today());
  std::shared_lock lock(mu_);
  auto range = tree_.SubtreeOf(node);
  if (!range) return NodeNotFound(node);
  std::vector<NodeHeadcount> out;
  out.reserve(range->end - range->begin);
  for (int32_t pos = range->begin; pos < range->end; ++pos) out.push_back({tree_.At(pos), 0, 0});
  auto count = [&](NodeId id, bool full) {
    int32_t pos = tree_.PositionOf(id);
    if (!range->Contains(pos)) return;
    NodeHeadcount& n = out[pos - range->begin];
    ++n.members;
    if (full) ++n.full;
  };
  for (const Facts& f : members_) {
    if (!IsActive(f.status)) continue;
    bool full = f.full != 0 && f.full <= today;
    count(f.branch_id, full);
    if (f.where != f.branch_id) count(f.where, full);
  }
  return out;
}

std::vector<OrgNode> Roster::FindNodes(std::string_view text, const std::vector<NodeId>& roots,
                                       size_t limit, size_t* total,
                                       std::optional<NodeKind> kind) const {
  auto lower = [](std::string_view in) {
    std::string out(in);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  };
  const std::string code_text = lower(text);
  std::shared_lock lock(mu_);
  std::vector<std::pair<int32_t, int32_t>> ranges;
  for (NodeId root : roots) {
    if (auto r = tree_.SubtreeOf(root)) ranges.emplace_back(r->begin, r->end);
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<OrgNode> out;
  size_t matches = 0;
  int32_t done = 0;  // positions before this are already scanned (nested roots)
  for (auto [begin, end] : ranges) {
    for (int32_t pos = std::max(begin, done); pos < end; ++pos) {
      const OrgNode& n = tree_.At(pos);
      if (kind && n.kind != *kind) continue;
      if (n.name.find(text) == std::string::npos &&
          lower(n.code).find(code_text) == std::string::npos) {
        continue;
      }
      if (matches++ < limit) out.push_back(n);
    }
    done = std::max(done, end);
  }
  if (total != nullptr) *total = matches;
  return out;
}

void Roster::SetPendingTransfers(std::vector<PendingTransfer> pending) {
  std::sort(pending.begin(), pending.end(),
            [](const PendingTransfer& a, const PendingTransfer& b) { return a.id < b.id; });
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  pending_transfers_ = std::move(pending);
}

void Roster::AddPendingTransfer(const PendingTransfer& pending) {
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  auto at = std::lower_bound(pending_transfers_.begin(), pending_transfers_.end(), pending.id,
                             [](const PendingTransfer& p, TransferId id) { return p.id < id; });
  if (at != pending_transfers_.end() && at->id == pending.id) {
    *at = pending;
  } else {
    pending_transfers_.insert(at, pending);
  }
}

void Roster::RemovePendingTransfer(TransferId id) {
  std::unique_lock lock(mu_);
  version_.fetch_add(1, std::memory_order_relaxed);
  std::erase_if(pending_transfers_, [&](const PendingTransfer& p) { return p.id == id; });
}

std::vector<PendingTransfer> Roster::PendingTransfersUnder(NodeId node) const {
  std::shared_lock lock(mu_);
  std::vector<PendingTransfer> out;
  auto range = tree_.SubtreeOf(node);
  if (!range) return out;
  for (const PendingTransfer& p : pending_transfers_) {
    if (range->Contains(tree_.PositionOf(p.from_branch_id)) ||
        range->Contains(tree_.PositionOf(p.to_branch_id))) {
      out.push_back(p);
    }
  }
  return out;
}

}  // namespace dj
