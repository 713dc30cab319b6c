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
  // The meetings of `node` dated in [from, to], oldest first.
  std::vector<Entry> EntriesLocked(NodeId node, Date from, Date to) const;
  // The latest month key <= `month_key` in which the member attended a held meeting that
  // counts as organisational life, or nullopt.
  std::optional<int> LastAttendedMonthLocked(MemberId member, int month_key) const;
  // Whether the member took part in a held heart talk in `year`.
  bool HadHeartTalkLocked(MemberId member, int year) const;
  // The returned meetings: (id, node), by id.
  std::vector<std::pair<MeetingId, NodeId>> ReturnedLocked() const;

 private:
  struct NodeLife {
    int base_key = 0;  // month key of counts[t][0]
    std::array<std::vector<uint16_t>, kMeetingTypeCount> held;
    std::vector<Entry> entries;  // by (day, id)
  };
  // (month key, count) pairs sorted by key; (year, count) for heart talks.
  using Counts = std::vector<std::pair<int32_t, int32_t>>;

  void AddLocked(const MeetingFacts& f);
  void RemoveLocked(const MeetingFacts& f);
  // Adds `delta` to the counts `f` contributes to when it is held.
  void CountLocked(const MeetingFacts& f, int delta);
  // The counts of member `id` in `table`, grown to hold it; null for an id out of range.
  static Counts* SlotOf(std::vector<Counts>& table, MemberId id);
  static const Counts* FindOf(const std::vector<Counts>& table, MemberId id);
  static void Bump(Counts& counts, int32_t key, int delta);

  mutable std::shared_mutex mu_;
  size_t size_ = 0;                                 // guarded by mu_
  std::unordered_map<NodeId, NodeLife> nodes_;      // guarded by mu_
  std::unordered_map<MeetingId, NodeId> returned_;  // guarded by mu_
  // Indexed by member id (ids are small and dense); province-wide checks read every member,
  // and a vector read costs a fraction of a hash lookup.
  std::vector<Counts> attended_;  // guarded by mu_
  // The latest month key in attended_[id] (0 when none): the answer for any month from then
  // on without reading the member's list — the common case of a current period.
  std::vector<int32_t> last_attended_;  // guarded by mu_
  std::vector<Counts> heart_talks_;     // guarded by mu_
};

}  // namespace dj
