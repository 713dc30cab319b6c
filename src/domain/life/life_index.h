// The in-memory read model of organisational life: for every node, its meetings by date and
// the number held per type and month; for every member, the months they attended and the
// years they had a heart talk. Compliance, reminders and listings read it instead of the
// database. Built from the database at start and updated by the MeetingService after each
// committed write.
//
// Thread-safe: readers hold ReadLock() while they use the *Locked accessors; writes take the
// exclusive lock.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "domain/life/meeting.h"
#include "domain/life/period.h"

namespace dj {

// Meeting types that count as organisational life for DZ-22-3 (not heart talks, which are
// one-to-one, and not the unit's study group).
bool CountsAsOrgLife(MeetingType type);

struct MeetingListQuery {
  std::vector<NodeId> nodes;  // meetings held by any of these nodes
  std::optional<MeetingType> type;
  std::optional<MeetingStatus> status;
  Date from = Date::FromDays(INT32_MIN / 2);
  Date to = Date::FromDays(INT32_MAX / 2);  // inclusive
  int64_t offset = 0;
  int64_t limit = 20;
};

struct MeetingListPage {
  int64_t total = 0;
  std::vector<MeetingFacts> items;  // newest first (date, then id, descending)
};

class LifeIndex {
 public:
  // One meeting as the index keeps it.
  struct Entry {
    int32_t day = 0;
    MeetingId id = 0;
    MeetingType type = MeetingType::kBranchAssembly;
    MeetingStatus status = MeetingStatus::kSubmitted;
  };

  LifeIndex() = default;
  LifeIndex(const LifeIndex&) = delete;
  LifeIndex& operator=(const LifeIndex&) = delete;

  // Replaces the contents. The index keeps no attendee lists, so changes name the meeting as
  // it was (read from the database) and as it is now.
  void Load(const std::vector<MeetingFacts>& meetings);
  void Add(const MeetingFacts& meeting);
  void Replace(const MeetingFacts& before, const MeetingFacts& after);
  void Remove(const MeetingFacts& before);

  size_t size() const;
  MeetingListPage List(const MeetingListQuery& query) const;

  std::shared_lock<std::shared_mutex> ReadLock() const { return std::shared_lock(mu_); }

  // --- Under ReadLock().
  // Held meetings (submitted or accepted) of `type` at `node` in the month `month_key`.
  int HeldLocked(NodeId node, MeetingType type, int month_key) const;
  // Held meetings of `type` at `node` in months [first_key, first_key + count).
  int HeldInLocked(NodeId node, MeetingType type, int first_key, int count) const;
  // The same per month: out[i] = held in month first_key + i, for i in [0, count).
  void HeldByMonthLocked(NodeId node, MeetingType type, int first_key, int count, int* out) const;
  // The held counts of `node` in months [first_key, first_key + count) in place, types side by
  // side: the count of month first_key + i and type t is at [i * kMeetingTypeCount + t]. Null
  // when the node or a month is outside what the index lays out (then HeldByMonthLocked).
  const uint16_t* HeldSpanLocked(NodeId node, int first_key, int count) const {
    if (node <= 0 || static_cast<size_t>(node) >= held_nodes_ || first_key < held_base_ ||
        first_key + count > held_base_ + held_months_) {
      return nullptr;
    }
    return held_.data() + (static_cast<size_t>(node) * static_cast<size_t>(held_months_) +
                           static_cast<size_t>(first_key - held_base_)) *
                              kMeetingTypeCount;
  }
  // The meetings of `node` dated in [from, to], oldest first.
  std::vector<Entry> EntriesLocked(NodeId node, Date from, Date to) const;
  // The latest month key <= `month_key` in which the member attended a held meeting that
  // counts as organisational life, or nullopt. (The common case inline: a province-wide
  // check asks it of every member.)
  std::optional<int> LastAttendedMonthLocked(MemberId member, int month_key) const {
    if (member > 0 && static_cast<size_t>(member) < last_attended_.size()) {
      const int32_t last = last_attended_[static_cast<size_t>(member)];
      if (last == 0) return std::nullopt;
      if (last <= month_key) return last;
    }
    return AttendedUpToLocked(member, month_key);
  }
  // Whether the member took part in a held heart talk in `year`.
  bool HadHeartTalkLocked(MemberId member, int year) const {
    if (year < kFirstBitYear || year >= kFirstBitYear + 64) return HeartTalkInLocked(member, year);
    if (member <= 0 || static_cast<size_t>(member) >= heart_years_.size()) return false;
    return (heart_years_[static_cast<size_t>(member)] >> (year - kFirstBitYear)) & 1;
  }
  // The returned meetings: (id, node), by id.
  std::vector<std::pair<MeetingId, NodeId>> ReturnedLocked() const;

 private:
  struct NodeLife {
    std::vector<Entry> entries;  // by (day, id)
  };
  // (month key, count) pairs sorted by key; (year, count) for heart talks.
  using Counts = std::vector<std::pair<int32_t, int32_t>>;

  void AddLocked(const MeetingFacts& f);
  void RemoveLocked(const MeetingFacts& f);
  // Adds `delta` to the counts `f` contributes to when it is held (the node's held count
  // too unless `held_count` is false).
  void CountLocked(const MeetingFacts& f, int delta, bool held_count = true);
  // Adds `delta` to the member's org-life count for month `key` and keeps the month bits.
  void AttendLocked(MemberId member, int32_t key, int delta);
  // Heart-talk years from kFirstBitYear have a bit in heart_years_.
  static constexpr int kFirstBitYear = 2000;
  // LastAttendedMonthLocked when the latest month is after `month_key`.
  std::optional<int> AttendedUpToLocked(MemberId member, int month_key) const;
  // HadHeartTalkLocked for a year without a bit.
  bool HeartTalkInLocked(MemberId member, int year) const;
  // Moves the month window of attended_bits_ so that it ends at least at `key`.
  void SlideMonthsLocked(int32_t key);
  // Lays held_ out anew, if need be, to hold node ids up to `max_node` and months
  // [first_key, last_key].
  void ReserveHeldLocked(NodeId max_node, int32_t first_key, int32_t last_key);
  // The block of held_ of `node`, or null if none.
  const uint16_t* HeldBlockLocked(NodeId node) const;
  NodeLife* NodeAt(NodeId id);
  const NodeLife* NodeAt(NodeId id) const;
  // The counts of member `id` in `table`, grown to hold it; null for an id out of range.
  static Counts* SlotOf(std::vector<Counts>& table, MemberId id);
  static const Counts* FindOf(const std::vector<Counts>& table, MemberId id);
  // Adds `delta` to the count of `key` (appending when `key` is past the last); returns the
  // count left.
  static int Bump(Counts& counts, int32_t key, int delta);

  mutable std::shared_mutex mu_;
  size_t size_ = 0;  // guarded by mu_
  // Indexed by node id, like the members below (ids are small and dense): the province-wide
  // roll-up reads tens of thousands of holders, and a vector read costs a fraction of a hash
  // lookup.
  std::vector<NodeLife> nodes_;  // guarded by mu_
  // Held meetings per node, month and type in one array: the count of (node, month key k,
  // type t) is at (node * held_months_ + k - held_base_) * kMeetingTypeCount + t. The rules
  // of a branch read the same few cache lines (a year is 216 bytes), where separate lists
  // per node and type cost a cache miss each. Laid out anew when a node or month falls
  // outside, with kMonthsAhead to spare.
  std::vector<uint16_t> held_;                      // guarded by mu_
  int32_t held_base_ = 0;                           // guarded by mu_
  int32_t held_months_ = 0;                         // guarded by mu_
  size_t held_nodes_ = 0;                           // guarded by mu_
  std::unordered_map<MeetingId, NodeId> returned_;  // guarded by mu_
  // Indexed by member id. The counts are the truth; the bit sets below answer the per-member
  // questions of a province-wide check (120,000 members) from one word each.
  std::vector<Counts> attended_;  // guarded by mu_
  // The latest month key in attended_[id] (0 when none): the answer for any month from then
  // on — the common case of a current period.
  std::vector<int32_t> last_attended_;  // guarded by mu_
  // Bit i of attended_bits_[id]: the member attended in month bits_base_ + i (64 months, the
  // latest of them at most 16 months ahead of the latest record when the window moves).
  std::vector<uint64_t> attended_bits_;  // guarded by mu_
  int32_t bits_base_ = 0;                // guarded by mu_; 0 until the first attendance
  std::vector<Counts> heart_talks_;      // guarded by mu_
  // Bit y - kFirstBitYear of heart_years_[id]: a heart talk in year y (64 years).
  std::vector<uint64_t> heart_years_;  // guarded by mu_
};

}  // namespace dj
