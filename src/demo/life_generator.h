// Demo data for organisational life (组织生活): years of meeting records for the branches,
// groups and units of a demo roster (demo_generator.h), realistic enough to fill every
// ledger, compliance table, reminder and dashboard, and big enough to measure them.
#pragma once

#include <cstdint>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/life/meeting.h"
#include "domain/member/member_repository.h"

namespace dj {

struct DemoLifeOptions {
  uint64_t seed = 1;
  Date today;     // no record is dated after this day
  int years = 5;  // records cover the `years` years ending at `today` (and none before 2000)
  MeetingId first_id = 1;
};

// Generates the meeting records of `snapshot` over options.years years ending at
// options.today. The output depends only on the snapshot and the options: the same inputs
// give the same records on every platform. Touches no shared state, so it may run on any
// thread. Takes about 5 s of CPU at province scale (6,000 branches, ~1.45 million records,
// ~12 million attendances, about 1 GB in memory) in a release build.
//
// Records are ordered by date (ties in generation order) and numbered first_id, first_id+1,
// ... in that order. Every record passes MeetingService's checks as of its date: the holder
// may hold the type (MayHold), committee meetings only where committee_size > 0 and with a
// quorum, participants on the rolls of the branch that day (of the group, for group
// meetings; of the holder's subtree, for study groups), attendees and absences ascending and
// disjoint, heart talks with exactly two participants and no absences, votes only at branch
// assemblies with a quorum of full members and eligible/passed set as the service sets them.
//
// Per branch and year, about: 12 committee meetings (branches with a committee), 12 theme
// days, 12 group meetings per group with members, 4 branch assemblies, 4 party lectures,
// 1 org-life meeting (mostly in Q4), 1 member review (mostly with it), 4-8 heart talks; and
// per unit with an organ committee or a general branch directly under it, 12 study-group
// sessions held by that body, each opening with a first-agenda topic. Older records are
// accepted; of the last two months' some are still submitted and a few returned (with a
// reason), which do not count as held.
//
// Deliberate gaps, placed by the seed (the same seed gives the same places); at least one of
// each at every scale:
//  - ZB-18-5: about 3% of branches skip the branch assembly in 1-3 past quarters, one of
//    them within the last four quarters;
//  - ZB-18-6: about 5% of the branches with a committee skip its meeting in 1-4 past months,
//    one of them within the last twelve;
//  - ZB-18-8: about one branch in 600 (10 at province scale) has no theme day in the two
//    months before today's month nor so far in it, so overdue reminders fire;
//  - DZ-22-3: one member per 150 branches (at least 3; 41 at province scale), each active,
//    holding no office and on the rolls for a year or more, attends nothing from the first day
//    of the month 4, 5, 6 or 7 months before today's month (taken in turn), so their last 4-7
//    whole months have no organisational life: both warnings (4-5) and alerts (6-7) appear.
//    They stay on the rolls (they count among those entitled to vote) but are listed neither
//    as attendees nor as absent;
//  - current period: in today's month (monthly types) or quarter (assemblies, lectures) each
//    holder has recorded its meeting so far with probability one half, so dashboards show work
//    in progress; org-life meetings and member reviews dated after today are not there yet.
// Besides these (and the few returned records), no meeting is missing, except where too few
// members were on the rolls on the day (a committee without a quorum, a group or branch with
// nobody yet).
//
// InvalidArgument "demo.today_out_of_range" when today is not in the years 2000-2100,
// "demo.years_out_of_range" when years is not in 1-20, "demo.snapshot_invalid" when a
// membership period names a member, branch or group that the snapshot does not hold as such.
Result<std::vector<Meeting>> GenerateDemoMeetings(const RosterSnapshot& snapshot,
                                                  const DemoLifeOptions& options);

}  // namespace dj
