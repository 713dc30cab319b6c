#include "domain/life/life_index.h"

#include <algorithm>
#include <bit>
#include <mutex>

namespace dj {

bool CountsAsOrgLife(MeetingType type) {
  return type != MeetingType::kHeartTalk && type != MeetingType::kStudyGroup;
}

namespace {

// Member and node ids beyond this are not indexed (the tree's own limit on ids is the same
// order).
constexpr int64_t kMaxIndexedId = 50'000'000;

// Heart-talk years with a bit in heart_years_ (from LifeIndex::kFirstBitYear); others are
// answered from the counts.
constexpr int kBitYears = 64;

// How far the 64-month window of attendance bits reaches past the latest record when it
// moves forward, so that it moves once a year or so rather than every month.
constexpr int32_t kMonthsAhead = 16;

bool ByDayThenId(const LifeIndex::Entry& a, const LifeIndex::Entry& b) {
  return a.day != b.day ? a.day < b.day : a.id < b.id;
}

}  // namespace

int LifeIndex::Bump(Counts& counts, int32_t key, int delta) {
  if (counts.empty() || counts.back().first < key) {  // the usual case: a new latest month
    if (delta <= 0) return 0;
    counts.emplace_back(key, delta);
    return delta;
  }
  auto it = std::lower_bound(counts.begin(), counts.end(), std::pair<int32_t, int32_t>(key, 0),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  if (it != counts.end() && it->first == key) {
    it->second += delta;
    if (it->second > 0) return it->second;
    counts.erase(it);
    return 0;
  }
  if (delta <= 0) return 0;
  counts.insert(it, {key, delta});
  return delta;
}

LifeIndex::Counts* LifeIndex::SlotOf(std::vector<Counts>& table, MemberId id) {
  if (id <= 0 || id > kMaxIndexedId) return nullptr;
  if (table.size() <= static_cast<size_t>(id)) {
    table.resize(std::max(static_cast<size_t>(id) + 1, table.size() + table.size() / 2));
  }
  return &table[static_cast<size_t>(id)];
}

const LifeIndex::Counts* LifeIndex::FindOf(const std::vector<Counts>& table, MemberId id) {
  if (id <= 0 || static_cast<size_t>(id) >= table.size()) return nullptr;
  return &table[static_cast<size_t>(id)];
}

LifeIndex::NodeLife* LifeIndex::NodeAt(NodeId id) {
  if (id <= 0 || id > kMaxIndexedId) return nullptr;
  if (nodes_.size() <= static_cast<size_t>(id)) {
    nodes_.resize(std::max(static_cast<size_t>(id) + 1, nodes_.size() + nodes_.size() / 2));
  }
  return &nodes_[static_cast<size_t>(id)];
}

const LifeIndex::NodeLife* LifeIndex::NodeAt(NodeId id) const {
  if (id <= 0 || static_cast<size_t>(id) >= nodes_.size()) return nullptr;
  return &nodes_[static_cast<size_t>(id)];
}

void LifeIndex::ReserveHeldLocked(NodeId max_node, int32_t first_key, int32_t last_key) {
  const bool fits = held_months_ > 0 && static_cast<size_t>(max_node) < held_nodes_ &&
                    first_key >= held_base_ && last_key < held_base_ + held_months_;
  if (fits) return;
  const size_t nodes =
      std::max({held_nodes_, static_cast<size_t>(max_node) + 1, held_nodes_ + held_nodes_ / 4});
  // From a January, so that the windows of a year are laid out from the first year on.
  const int32_t base = (held_months_ == 0 ? first_key : std::min(held_base_, first_key)) / 12 * 12;
  const int32_t end =
      std::max(held_months_ == 0 ? 0 : held_base_ + held_months_, last_key + 1 + kMonthsAhead);
  const size_t months = static_cast<size_t>(end - base);
  const size_t old_block = static_cast<size_t>(held_months_) * kMeetingTypeCount;
  const size_t block = months * kMeetingTypeCount;
  std::vector<uint16_t> held(nodes * block, 0);
  const size_t shift = static_cast<size_t>(held_base_ - base) * kMeetingTypeCount;
  for (size_t n = 0; n < held_nodes_; ++n) {
    std::copy_n(held_.begin() + static_cast<std::ptrdiff_t>(n * old_block), old_block,
                held.begin() + static_cast<std::ptrdiff_t>(n * block + shift));
  }
  held_ = std::move(held);
  held_base_ = base;
  held_months_ = static_cast<int32_t>(months);
  held_nodes_ = nodes;
}

const uint16_t* LifeIndex::HeldBlockLocked(NodeId node) const {
  if (node <= 0 || static_cast<size_t>(node) >= held_nodes_) return nullptr;
  return held_.data() +
         static_cast<size_t>(node) * static_cast<size_t>(held_months_) * kMeetingTypeCount;
}

void LifeIndex::SlideMonthsLocked(int32_t key) {
  if (bits_base_ == 0) {
    bits_base_ = key + kMonthsAhead - 63;
    return;
  }
  if (key <= bits_base_ + 63) return;
  const int32_t shift = key + kMonthsAhead - 63 - bits_base_;
  for (uint64_t& bits : attended_bits_) bits = shift >= 64 ? 0 : bits >> shift;
  bits_base_ += shift;
}

void LifeIndex::AttendLocked(MemberId member, int32_t key, int delta) {
  Counts* c = SlotOf(attended_, member);
  if (c == nullptr) return;
  const int left = Bump(*c, key, delta);
  const size_t at = static_cast<size_t>(member);
  if (last_attended_.size() < attended_.size()) {
    last_attended_.resize(attended_.size(), 0);
    attended_bits_.resize(attended_.size(), 0);
  }
  last_attended_[at] = c->empty() ? 0 : c->back().first;
  if (delta > 0) SlideMonthsLocked(key);
  const int32_t bit = key - bits_base_;
  if (bits_base_ != 0 && bit >= 0 && bit < 64) {
    const uint64_t mask = uint64_t{1} << bit;
    attended_bits_[at] = left > 0 ? attended_bits_[at] | mask : attended_bits_[at] & ~mask;
  }
}

void LifeIndex::CountLocked(const MeetingFacts& f, int delta, bool held_count) {
  if (!CountsAsHeld(f.status)) return;
  const int key = MonthKeyOf(f.date);
  if (f.node_id <= 0 || f.node_id > kMaxIndexedId) return;
  if (held_count) {
    ReserveHeldLocked(f.node_id, key, key);
    uint16_t& held = held_[(static_cast<size_t>(f.node_id) * static_cast<size_t>(held_months_) +
                            static_cast<size_t>(key - held_base_)) *
                               kMeetingTypeCount +
                           static_cast<size_t>(f.type)];
    held = static_cast<uint16_t>(std::clamp(held + delta, 0, 0xffff));
  }

  if (f.type == MeetingType::kHeartTalk) {
    const int year = f.date.year();
    for (MemberId m : f.attendees) {
      Counts* c = SlotOf(heart_talks_, m);
      if (c == nullptr) continue;
      const int left = Bump(*c, year, delta);
      if (heart_years_.size() < heart_talks_.size()) heart_years_.resize(heart_talks_.size(), 0);
      if (year >= kFirstBitYear && year < kFirstBitYear + kBitYears) {
        const uint64_t mask = uint64_t{1} << (year - kFirstBitYear);
        uint64_t& bits = heart_years_[static_cast<size_t>(m)];
        bits = left > 0 ? bits | mask : bits & ~mask;
      }
    }
  } else if (CountsAsOrgLife(f.type)) {
    for (MemberId m : f.attendees) AttendLocked(m, key, delta);
  }
}

void LifeIndex::AddLocked(const MeetingFacts& f) {
  NodeLife* life = NodeAt(f.node_id);
  if (life == nullptr) return;
  Entry e{f.date.days(), f.id, f.type, f.status};
  auto it = std::lower_bound(life->entries.begin(), life->entries.end(), e, ByDayThenId);
  life->entries.insert(it, e);
  if (f.status == MeetingStatus::kReturned) returned_[f.id] = f.node_id;
  CountLocked(f, +1);
  ++size_;
}

void LifeIndex::RemoveLocked(const MeetingFacts& f) {
  NodeLife* life = NodeAt(f.node_id);
  if (life == nullptr) return;
  auto& entries = life->entries;
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
  attended_bits_.clear();
  bits_base_ = 0;
  heart_talks_.clear();
  heart_years_.clear();
  held_.clear();
  held_base_ = 0;
  held_months_ = 0;
  held_nodes_ = 0;
  size_ = 0;
  if (meetings.empty()) return;

  // The bounds first, so that held_ is laid out once and the month bits do not move.
  NodeId max_node = 0;
  int32_t first_key = INT32_MAX;
  int32_t last_key = INT32_MIN;
  MemberId max_member = 0;
  for (const MeetingFacts& f : meetings) {
    if (f.node_id > 0 && f.node_id <= kMaxIndexedId) max_node = std::max(max_node, f.node_id);
    const int32_t key = MonthKeyOf(f.date);
    first_key = std::min(first_key, key);
    last_key = std::max(last_key, key);
    if (!f.attendees.empty()) max_member = std::max(max_member, f.attendees.back());
  }
  ReserveHeldLocked(max_node, first_key, last_key);
  SlideMonthsLocked(last_key);
  nodes_.resize(static_cast<size_t>(max_node) + 1);

  // Per node: the entries and the held counts. Per member, the org-life months are gathered
  // in one array (counted, then filled) and each member's run sorted and counted once:
  // bumping 12 million counts one by one, each in its own list, cost a cache miss apiece.
  const size_t members = static_cast<size_t>(std::min<MemberId>(max_member, kMaxIndexedId)) + 1;
  std::vector<uint32_t> start(members + 1, 0);
  for (const MeetingFacts& f : meetings) {
    NodeLife* life = NodeAt(f.node_id);
    if (life == nullptr) continue;
    life->entries.push_back({f.date.days(), f.id, f.type, f.status});
    if (f.status == MeetingStatus::kReturned) returned_[f.id] = f.node_id;
    ++size_;
    if (!CountsAsHeld(f.status)) continue;
    const int32_t key = MonthKeyOf(f.date);
    uint16_t& held = held_[(static_cast<size_t>(f.node_id) * static_cast<size_t>(held_months_) +
                            static_cast<size_t>(key - held_base_)) *
                               kMeetingTypeCount +
                           static_cast<size_t>(f.type)];
    held = static_cast<uint16_t>(std::min(held + 1, 0xffff));
    if (f.type == MeetingType::kHeartTalk) {
      CountLocked(f, +1, /*held=*/false);
    } else if (CountsAsOrgLife(f.type)) {
      for (MemberId m : f.attendees) {
        if (m > 0 && static_cast<size_t>(m) < members) ++start[static_cast<size_t>(m) + 1];
      }
    }
  }
  for (NodeLife& life : nodes_) {
    if (!std::is_sorted(life.entries.begin(), life.entries.end(), ByDayThenId)) {
      std::sort(life.entries.begin(), life.entries.end(), ByDayThenId);
    }
  }
  for (size_t m = 0; m < members; ++m) start[m + 1] += start[m];
  std::vector<int32_t> months(start[members]);
  {
    std::vector<uint32_t> at(start.begin(), start.end() - 1);
    for (const MeetingFacts& f : meetings) {
      if (!CountsAsHeld(f.status) || !CountsAsOrgLife(f.type) ||
          f.type == MeetingType::kHeartTalk) {
        continue;
      }
      if (f.node_id <= 0 || f.node_id > kMaxIndexedId) continue;
      const int32_t key = MonthKeyOf(f.date);
      for (MemberId m : f.attendees) {
        if (m > 0 && static_cast<size_t>(m) < members) months[at[static_cast<size_t>(m)]++] = key;
      }
    }
  }
  attended_.resize(members);
  last_attended_.assign(members, 0);
  attended_bits_.assign(members, 0);
  for (size_t m = 1; m < members; ++m) {
    auto begin = months.begin() + start[m];
    auto end = months.begin() + start[m + 1];
    if (begin == end) continue;
    std::sort(begin, end);
    Counts& counts = attended_[m];
    counts.reserve(static_cast<size_t>(std::distance(begin, end)));
    for (auto it = begin; it != end; ++it) {
      if (!counts.empty() && counts.back().first == *it) {
        ++counts.back().second;
      } else {
        counts.emplace_back(*it, 1);
        const int32_t bit = *it - bits_base_;
        if (bit >= 0 && bit < 64) attended_bits_[m] |= uint64_t{1} << bit;
      }
    }
    counts.shrink_to_fit();
    last_attended_[m] = counts.back().first;
  }
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
    const NodeLife* life = NodeAt(node);
    if (life == nullptr) continue;
    const auto& entries = life->entries;
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
  const uint16_t* held = HeldBlockLocked(node);
  if (held == nullptr) return;
  const int begin = std::max(0, held_base_ - first_key);
  const int end = std::min(count, held_months_ + held_base_ - first_key);
  const size_t t = static_cast<size_t>(type);
  for (int i = begin; i < end; ++i) {
    out[i] = held[static_cast<size_t>(first_key + i - held_base_) * kMeetingTypeCount + t];
  }
}

int LifeIndex::HeldInLocked(NodeId node, MeetingType type, int first_key, int count) const {
  const uint16_t* held = HeldBlockLocked(node);
  if (held == nullptr) return 0;
  int total = 0;
  const int end = std::min(first_key + count, held_base_ + held_months_);
  const size_t t = static_cast<size_t>(type);
  for (int k = std::max(first_key, held_base_); k < end; ++k) {
    total += held[static_cast<size_t>(k - held_base_) * kMeetingTypeCount + t];
  }
  return total;
}

std::vector<LifeIndex::Entry> LifeIndex::EntriesLocked(NodeId node, Date from, Date to) const {
  std::vector<Entry> out;
  const NodeLife* life = NodeAt(node);
  if (life == nullptr) return out;
  const auto& entries = life->entries;
  auto begin = std::lower_bound(entries.begin(), entries.end(), from.days(),
                                [](const Entry& e, int32_t day) { return e.day < day; });
  for (auto e = begin; e != entries.end() && e->day <= to.days(); ++e) out.push_back(*e);
  return out;
}

std::optional<int> LifeIndex::AttendedUpToLocked(MemberId member, int month_key) const {
  const int32_t bit = month_key - bits_base_;
  if (member > 0 && static_cast<size_t>(member) < last_attended_.size() && bits_base_ != 0 &&
      bit >= 0 && bit < 64) {
    const uint64_t upto = bit == 63 ? ~uint64_t{0} : (uint64_t{1} << (bit + 1)) - 1;
    const uint64_t bits = attended_bits_[static_cast<size_t>(member)] & upto;
    if (bits != 0) return bits_base_ + 63 - std::countl_zero(bits);
    // None in the window up to the month: an answer only from before the window.
    const Counts& counts = attended_[static_cast<size_t>(member)];
    if (counts.empty() || counts.front().first >= bits_base_) return std::nullopt;
  }
  const Counts* found = FindOf(attended_, member);
  if (found == nullptr) return std::nullopt;
  const Counts& counts = *found;
  auto after = std::upper_bound(counts.begin(), counts.end(), month_key,
                                [](int32_t key, const auto& c) { return key < c.first; });
  if (after == counts.begin()) return std::nullopt;
  return std::prev(after)->first;
}

bool LifeIndex::HeartTalkInLocked(MemberId member, int year) const {
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
