#include "domain/life/life_index.h"

#include <algorithm>
#include <mutex>

namespace dj {

bool CountsAsOrgLife(MeetingType type) {
  return type != MeetingType::kHeartTalk && type != MeetingType::kStudyGroup;
}

void LifeIndex::Bump(Counts& counts, int32_t key, int delta) {
  auto it = std::lower_bound(counts.begin(), counts.end(), std::pair<int32_t, int32_t>(key, 0),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  if (it != counts.end() && it->first == key) {
    it->second += delta;
    if (it->second <= 0) counts.erase(it);
  } else if (delta > 0) {
    counts.insert(it, {key, delta});
  }
}

// Member ids beyond this are not indexed (the tree's own limit on ids is the same order).
constexpr MemberId kMaxIndexedMember = 50'000'000;

LifeIndex::Counts* LifeIndex::SlotOf(std::vector<Counts>& table, MemberId id) {
  if (id <= 0 || id > kMaxIndexedMember) return nullptr;
  if (table.size() <= static_cast<size_t>(id)) {
    table.resize(std::max(static_cast<size_t>(id) + 1, table.size() + table.size() / 2));
  }
  return &table[static_cast<size_t>(id)];
}

const LifeIndex::Counts* LifeIndex::FindOf(const std::vector<Counts>& table, MemberId id) {
  if (id <= 0 || static_cast<size_t>(id) >= table.size()) return nullptr;
  return &table[static_cast<size_t>(id)];
}

void LifeIndex::CountLocked(const MeetingFacts& f, int delta) {
  if (!CountsAsHeld(f.status)) return;
  const int key = MonthKeyOf(f.date);
  NodeLife& life = nodes_[f.node_id];
  std::vector<uint16_t>& held = life.held[static_cast<size_t>(f.type)];
  bool any = false;
  for (const auto& h : life.held) any = any || !h.empty();
  if (!any) life.base_key = key;
  if (key < life.base_key) {
    // Grow every type's counts to the left so they share the base.
    int shift = life.base_key - key;
    for (auto& h : life.held) {
      if (!h.empty()) h.insert(h.begin(), shift, 0);
    }
    life.base_key = key;
  }
  size_t at = static_cast<size_t>(key - life.base_key);
  if (held.size() <= at) held.resize(at + 1, 0);
  held[at] = static_cast<uint16_t>(std::max(0, held[at] + delta));

  if (f.type == MeetingType::kHeartTalk) {
    for (MemberId m : f.attendees) {
      if (Counts* c = SlotOf(heart_talks_, m)) Bump(*c, f.date.year(), delta);
    }
  } else if (CountsAsOrgLife(f.type)) {
    for (MemberId m : f.attendees) {
      Counts* c = SlotOf(attended_, m);
      if (c == nullptr) continue;
      Bump(*c, key, delta);
      if (last_attended_.size() < attended_.size()) last_attended_.resize(attended_.size(), 0);
      last_attended_[static_cast<size_t>(m)] = c->empty() ? 0 : c->back().first;
    }
  }
}

void LifeIndex::AddLocked(const MeetingFacts& f) {
  NodeLife& life = nodes_[f.node_id];
  Entry e{f.date.days(), f.id, f.type, f.status};
  auto it = std::lower_bound(
      life.entries.begin(), life.entries.end(), e,
      [](const Entry& a, const Entry& b) { return a.day != b.day ? a.day < b.day : a.id < b.id; });
  life.entries.insert(it, e);
  if (f.status == MeetingStatus::kReturned) returned_[f.id] = f.node_id;
  CountLocked(f, +1);
  ++size_;
}

void LifeIndex::RemoveLocked(const MeetingFacts& f) {
  auto node = nodes_.find(f.node_id);
  if (node == nodes_.end()) return;
  auto& entries = node->second.entries;
  auto it =
      std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.id == f.id; });
  if (it == entries.end()) return;
  entries.erase(it);
  returned_.erase(f.id);
  CountLocked(f, -1);
  --size_;
}

void LifeIndex::Load(const std::vector<MeetingFacts>& meetings) {
  std::unique_lock lock(mu_);
  nodes_.clear();
  returned_.clear();
  attended_.clear();
  last_attended_.clear();
  heart_talks_.clear();
  size_ = 0;
  // Entries are appended and sorted once per node, not inserted one by one.
  for (const MeetingFacts& f : meetings) {
    nodes_[f.node_id].entries.push_back({f.date.days(), f.id, f.type, f.status});
    if (f.status == MeetingStatus::kReturned) returned_[f.id] = f.node_id;
    CountLocked(f, +1);
  }
  for (auto& [id, life] : nodes_) {
    std::sort(life.entries.begin(), life.entries.end(), [](const Entry& a, const Entry& b) {
      return a.day != b.day ? a.day < b.day : a.id < b.id;
    });
  }
  size_ = meetings.size();
}

void LifeIndex::Add(const MeetingFacts& meeting) {
  std::unique_lock lock(mu_);
  AddLocked(meeting);
}

void LifeIndex::Replace(const MeetingFacts& before, const MeetingFacts& after) {
  std::unique_lock lock(mu_);
  RemoveLocked(before);
  AddLocked(after);
}

void LifeIndex::Remove(const MeetingFacts& before) {
  std::unique_lock lock(mu_);
  RemoveLocked(before);
}

size_t LifeIndex::size() const {
  std::shared_lock lock(mu_);
  return size_;
}

MeetingListPage LifeIndex::List(const MeetingListQuery& query) const {
  const int32_t from = query.from.days();
  const int32_t to = query.to.days();
  std::vector<std::pair<const Entry*, NodeId>> hits;
  std::shared_lock lock(mu_);
  for (NodeId node : query.nodes) {
    auto it = nodes_.find(node);
    if (it == nodes_.end()) continue;
    const auto& entries = it->second.entries;
    auto begin = std::lower_bound(entries.begin(), entries.end(), from,
                                  [](const Entry& e, int32_t day) { return e.day < day; });
    for (auto e = begin; e != entries.end() && e->day <= to; ++e) {
      if (query.type && e->type != *query.type) continue;
      if (query.status && e->status != *query.status) continue;
      hits.emplace_back(&*e, node);
    }
  }
  MeetingListPage page;
  page.total = static_cast<int64_t>(hits.size());
  auto newer = [](const auto& a, const auto& b) {
    return a.first->day != b.first->day ? a.first->day > b.first->day : a.first->id > b.first->id;
  };
  size_t end = static_cast<size_t>(std::min<int64_t>(page.total, query.offset + query.limit));
  size_t begin = static_cast<size_t>(std::min<int64_t>(page.total, query.offset));
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(),
                    newer);
  for (size_t i = begin; i < end; ++i) {
    const Entry& e = *hits[i].first;
    MeetingFacts f;
    f.id = e.id;
    f.node_id = hits[i].second;
    f.type = e.type;
    f.status = e.status;
    f.date = Date::FromDays(e.day);
    page.items.push_back(std::move(f));
  }
  return page;
}

int LifeIndex::HeldLocked(NodeId node, MeetingType type, int month_key) const {
  return HeldInLocked(node, type, month_key, 1);
}

void LifeIndex::HeldByMonthLocked(NodeId node, MeetingType type, int first_key, int count,
                                  int* out) const {
  std::fill(out, out + count, 0);
  auto it = nodes_.find(node);
  if (it == nodes_.end()) return;
  const NodeLife& life = it->second;
  const std::vector<uint16_t>& held = life.held[static_cast<size_t>(type)];
  for (int i = 0; i < count; ++i) {
    int at = first_key + i - life.base_key;
    if (at >= 0 && static_cast<size_t>(at) < held.size()) out[i] = held[static_cast<size_t>(at)];
  }
}

int LifeIndex::HeldInLocked(NodeId node, MeetingType type, int first_key, int count) const {
  auto it = nodes_.find(node);
  if (it == nodes_.end()) return 0;
  const NodeLife& life = it->second;
  const std::vector<uint16_t>& held = life.held[static_cast<size_t>(type)];
  int total = 0;
  for (int k = std::max(first_key, life.base_key); k < first_key + count; ++k) {
    size_t at = static_cast<size_t>(k - life.base_key);
    if (at >= held.size()) break;
    total += held[at];
  }
  return total;
}

std::vector<LifeIndex::Entry> LifeIndex::EntriesLocked(NodeId node, Date from, Date to) const {
  std::vector<Entry> out;
  auto it = nodes_.find(node);
  if (it == nodes_.end()) return out;
  const auto& entries = it->second.entries;
  auto begin = std::lower_bound(entries.begin(), entries.end(), from.days(),
                                [](const Entry& e, int32_t day) { return e.day < day; });
  for (auto e = begin; e != entries.end() && e->day <= to.days(); ++e) out.push_back(*e);
  return out;
}

std::optional<int> LifeIndex::LastAttendedMonthLocked(MemberId member, int month_key) const {
  if (member > 0 && static_cast<size_t>(member) < last_attended_.size()) {
    const int32_t last = last_attended_[static_cast<size_t>(member)];
    if (last == 0) return std::nullopt;
    if (last <= month_key) return last;
  }
  const Counts* found = FindOf(attended_, member);
  if (found == nullptr) return std::nullopt;
  const Counts& counts = *found;
  auto after = std::upper_bound(counts.begin(), counts.end(), month_key,
                                [](int32_t key, const auto& c) { return key < c.first; });
  if (after == counts.begin()) return std::nullopt;
  return std::prev(after)->first;
}

bool LifeIndex::HadHeartTalkLocked(MemberId member, int year) const {
  const Counts* found = FindOf(heart_talks_, member);
  if (found == nullptr) return false;
  return std::any_of(found->begin(), found->end(), [&](const auto& c) { return c.first == year; });
}

std::vector<std::pair<MeetingId, NodeId>> LifeIndex::ReturnedLocked() const {
  std::vector<std::pair<MeetingId, NodeId>> out(returned_.begin(), returned_.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace dj
