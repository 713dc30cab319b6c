#include "domain/life/life_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using T = MeetingType;

MeetingFacts Facts(MeetingId id, NodeId node, T type, const char* date,
                   std::vector<MemberId> attendees = {},
                   MeetingStatus status = MeetingStatus::kSubmitted) {
  return {id, node, node, type, D(date), status, std::move(attendees)};
}

// What the index must answer, worked out the slow way from the meetings themselves.
struct Reference {
  std::vector<MeetingFacts> meetings;

  int Held(NodeId node, T type, int key) const {
    return static_cast<int>(std::count_if(meetings.begin(), meetings.end(), [&](const auto& f) {
      return CountsAsHeld(f.status) && f.node_id == node && f.type == type &&
             MonthKeyOf(f.date) == key;
    }));
  }
  std::optional<int> LastAttended(MemberId member, int key) const {
    std::optional<int> last;
    for (const MeetingFacts& f : meetings) {
      const int k = MonthKeyOf(f.date);
      if (!CountsAsHeld(f.status) || !CountsAsOrgLife(f.type) || k > key) continue;
      if (std::find(f.attendees.begin(), f.attendees.end(), member) == f.attendees.end()) continue;
      if (!last || k > *last) last = k;
    }
    return last;
  }
  bool HeartTalk(MemberId member, int year) const {
    return std::any_of(meetings.begin(), meetings.end(), [&](const auto& f) {
      return CountsAsHeld(f.status) && f.type == T::kHeartTalk && f.date.year() == year &&
             std::find(f.attendees.begin(), f.attendees.end(), member) != f.attendees.end();
    });
  }
};

// Compares every answer of `index` with the reference over the given nodes, members and
// months; `what` names the index in failures.
void ExpectSame(const LifeIndex& index, const Reference& ref, int nodes, int members, int first_key,
                int last_key, const char* what) {
  auto lock = index.ReadLock();
  int mismatches = 0;
  for (NodeId n = 1; n <= nodes && mismatches < 5; ++n) {
    for (int t = 0; t < kMeetingTypeCount; ++t) {
      for (int k = first_key; k <= last_key; ++k) {
        const int want = ref.Held(n, static_cast<T>(t), k);
        const int got = index.HeldLocked(n, static_cast<T>(t), k);
        if (want != got) {
          ADD_FAILURE() << what << ": held at node " << n << " type " << t << " month " << k << ": "
                        << got << ", want " << want;
          ++mismatches;
        }
      }
      std::vector<int> by_month(static_cast<size_t>(last_key - first_key + 1));
      index.HeldByMonthLocked(n, static_cast<T>(t), first_key, last_key - first_key + 1,
                              by_month.data());
      for (int k = first_key; k <= last_key; ++k) {
        EXPECT_EQ(by_month[static_cast<size_t>(k - first_key)], ref.Held(n, static_cast<T>(t), k))
            << what << ": by month, node " << n << " type " << t << " month " << k;
      }
    }
  }
  for (MemberId m = 1; m <= members && mismatches < 5; ++m) {
    for (int k = first_key - 2; k <= last_key + 2; ++k) {
      const std::optional<int> want = ref.LastAttended(m, k);
      const std::optional<int> got = index.LastAttendedMonthLocked(m, k);
      if (want != got) {
        ADD_FAILURE() << what << ": member " << m << " up to month " << k << ": "
                      << got.value_or(-1) << ", want " << want.value_or(-1);
        ++mismatches;
      }
    }
    for (int year = first_key / 12 - 1; year <= last_key / 12 + 1; ++year) {
      EXPECT_EQ(index.HadHeartTalkLocked(m, year), ref.HeartTalk(m, year))
          << what << ": heart talk of member " << m << " in " << year;
    }
  }
}

TEST(LifeIndexTest, CountsHeldMeetingsPerNodeTypeAndMonth) {
  LifeIndex index;
  index.Load({Facts(1, 3, T::kBranchAssembly, "2026-03-31"),
              Facts(2, 3, T::kBranchAssembly, "2026-03-01"),
              Facts(3, 3, T::kBranchAssembly, "2026-04-01"),
              Facts(4, 3, T::kThemeDay, "2026-03-15", {}, MeetingStatus::kReturned)});
  auto lock = index.ReadLock();
  EXPECT_EQ(index.HeldLocked(3, T::kBranchAssembly, MonthKey(2026, 3)), 2);
  EXPECT_EQ(index.HeldLocked(3, T::kBranchAssembly, MonthKey(2026, 4)), 1);
  EXPECT_EQ(index.HeldLocked(3, T::kThemeDay, MonthKey(2026, 3)), 0);  // returned
  EXPECT_EQ(index.HeldInLocked(3, T::kBranchAssembly, MonthKey(2026, 1), 12), 3);
  EXPECT_EQ(index.HeldLocked(4, T::kBranchAssembly, MonthKey(2026, 3)), 0);    // no meetings
  EXPECT_EQ(index.HeldLocked(999, T::kBranchAssembly, MonthKey(2026, 3)), 0);  // beyond
  EXPECT_NE(index.HeldSpanLocked(3, MonthKey(2026, 1), 12), nullptr);
  EXPECT_EQ(index.HeldSpanLocked(3, MonthKey(1999, 1), 12), nullptr);  // before what is laid out
  EXPECT_EQ(index.ReturnedLocked(), (std::vector<std::pair<MeetingId, NodeId>>{{4, 3}}));
}

TEST(LifeIndexTest, GrowsToNewNodesAndMonthsOnEitherSide) {
  LifeIndex index;
  index.Load({Facts(1, 3, T::kThemeDay, "2026-03-10", {7})});
  index.Add(Facts(2, 5000, T::kThemeDay, "2026-03-11", {8}));  // a node beyond the layout
  index.Add(Facts(3, 3, T::kThemeDay, "2019-01-05", {7}));     // long before
  index.Add(Facts(4, 3, T::kThemeDay, "2031-06-05", {7}));     // years ahead: the bits move
  auto lock = index.ReadLock();
  EXPECT_EQ(index.HeldLocked(3, T::kThemeDay, MonthKey(2026, 3)), 1);
  EXPECT_EQ(index.HeldLocked(5000, T::kThemeDay, MonthKey(2026, 3)), 1);
  EXPECT_EQ(index.HeldLocked(3, T::kThemeDay, MonthKey(2019, 1)), 1);
  EXPECT_EQ(index.HeldLocked(3, T::kThemeDay, MonthKey(2031, 6)), 1);
  // 2019 and 2026 are now outside the 64 months of bits: the counts answer.
  EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2030, 12)), MonthKey(2026, 3));
  EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2026, 2)), MonthKey(2019, 1));
  EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2018, 12)), std::nullopt);
  EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2031, 6)), MonthKey(2031, 6));
}

TEST(LifeIndexTest, RemovingTheOnlyMeetingOfAMonthForgetsTheMonth) {
  LifeIndex index;
  const MeetingFacts a = Facts(1, 3, T::kGroupMeeting, "2026-05-06", {7, 8});
  const MeetingFacts b = Facts(2, 3, T::kGroupMeeting, "2026-05-20", {7});
  const MeetingFacts c = Facts(3, 3, T::kGroupMeeting, "2026-02-20", {7, 8});
  index.Load({a, b, c});
  index.Remove(a);
  {
    auto lock = index.ReadLock();
    EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2026, 11)), MonthKey(2026, 5));  // b
    EXPECT_EQ(index.LastAttendedMonthLocked(8, MonthKey(2026, 11)), MonthKey(2026, 2));  // c
    EXPECT_EQ(index.LastAttendedMonthLocked(8, MonthKey(2026, 5)), MonthKey(2026, 2));
  }
  // Returned: no longer held, so it no longer counts; fixed, it counts again.
  MeetingFacts returned = b;
  returned.status = MeetingStatus::kReturned;
  index.Replace(b, returned);
  {
    auto lock = index.ReadLock();
    EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2026, 11)), MonthKey(2026, 2));
    EXPECT_EQ(index.HeldLocked(3, T::kGroupMeeting, MonthKey(2026, 5)), 0);
  }
  index.Replace(returned, b);
  auto lock = index.ReadLock();
  EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2026, 11)), MonthKey(2026, 5));
}

TEST(LifeIndexTest, HeartTalkYearsBeforeTwoThousandComeFromTheCounts) {
  LifeIndex index;
  index.Load({Facts(1, 3, T::kHeartTalk, "1999-12-31", {7, 8}),
              Facts(2, 3, T::kHeartTalk, "2000-01-01", {7, 9})});
  auto lock = index.ReadLock();
  EXPECT_TRUE(index.HadHeartTalkLocked(8, 1999));
  EXPECT_FALSE(index.HadHeartTalkLocked(9, 1999));
  EXPECT_TRUE(index.HadHeartTalkLocked(9, 2000));
  EXPECT_FALSE(index.HadHeartTalkLocked(8, 2000));
  // Heart talks are not organisational life (DZ-22-3).
  EXPECT_EQ(index.LastAttendedMonthLocked(7, MonthKey(2001, 1)), std::nullopt);
}

// The index loaded at once and the same index built one change at a time (adds, moves,
// returns, removals in a random order) answer every question as the meetings themselves do.
TEST(LifeIndexTest, LoadAndChangesAgreeWithTheMeetings) {
  constexpr int kNodes = 12;
  constexpr int kMembers = 40;
  std::mt19937 rng(20261202);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto random_meeting = [&](MeetingId id) {
    MeetingFacts f;
    f.id = id;
    f.node_id = pick(1, kNodes);
    f.branch_id = f.node_id;
    f.type = static_cast<T>(pick(0, kMeetingTypeCount - 1));
    // Eight years: more than the 64 months of attendance bits.
    f.date = Date::FromYmd(pick(2019, 2026), pick(1, 12), pick(1, 28)).value();
    f.status = pick(0, 5) == 0 ? MeetingStatus::kReturned : MeetingStatus::kSubmitted;
    for (MemberId m = 1; m <= kMembers; ++m) {
      if (pick(0, 9) == 0) f.attendees.push_back(m);
    }
    return f;
  };
  Reference ref;
  for (MeetingId id = 1; id <= 400; ++id) ref.meetings.push_back(random_meeting(id));

  const Reference original = ref;
  LifeIndex loaded;
  loaded.Load(original.meetings);

  LifeIndex changed;
  std::vector<MeetingFacts> shuffled = ref.meetings;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (const MeetingFacts& f : shuffled) changed.Add(f);
  // Move some meetings (another date, node and status), remove some.
  for (int i = 0; i < 120; ++i) {
    const size_t at = static_cast<size_t>(pick(0, static_cast<int>(ref.meetings.size()) - 1));
    MeetingFacts before = ref.meetings[at];
    if (pick(0, 3) == 0) {
      changed.Remove(before);
      ref.meetings.erase(ref.meetings.begin() + static_cast<std::ptrdiff_t>(at));
      continue;
    }
    MeetingFacts after = random_meeting(before.id);
    changed.Replace(before, after);
    ref.meetings[at] = after;
  }

  ExpectSame(loaded, original, kNodes, kMembers, MonthKey(2019, 1), MonthKey(2026, 12), "loaded");
  ExpectSame(changed, ref, kNodes, kMembers, MonthKey(2019, 1), MonthKey(2026, 12), "changed");
  LifeIndex reloaded;
  reloaded.Load(ref.meetings);
  ExpectSame(reloaded, ref, kNodes, kMembers, MonthKey(2019, 1), MonthKey(2026, 12), "reloaded");
  EXPECT_EQ(reloaded.size(), changed.size());

  // The listings agree too: every node's meetings, newest first.
  for (NodeId n = 1; n <= kNodes; ++n) {
    MeetingListQuery q;
    q.nodes = {n};
    q.limit = 1000;
    EXPECT_EQ(changed.List(q).items, reloaded.List(q).items) << "node " << n;
  }
}

}  // namespace
}  // namespace dj
