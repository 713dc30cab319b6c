#include "domain/life/reminders.h"

#include <gtest/gtest.h>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeNode;
using K = NodeKind;

struct Seen {
  std::string kind;
  std::string state;
  NodeId node;
  MemberId member;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> Kinds(const std::vector<Reminder>& all, const char* only = nullptr) {
  std::vector<Seen> out;
  for (const Reminder& r : all) {
    if (only && std::string(ReminderKindId(r.kind)) != only) continue;
    out.push_back(
        {ReminderKindId(r.kind), ReminderStateId(r.state), r.node_id, r.member_id.value_or(0)});
  }
  return out;
}

ComplianceInput OneBranch() {
  ComplianceInput in;
  in.nodes.push_back({MakeNode(1, K::kCommittee, "c", std::nullopt), 0, 0});
  in.nodes.push_back({MakeNode(2, K::kBranch, "b", 1), 3, 3});
  return in;
}

MemberBrief Member(MemberId id, const char* since, const char* admitted,
                   std::optional<const char*> full) {
  MemberBrief m;
  m.id = id;
  m.name = "党员" + std::to_string(id);
  m.branch_id = 2;
  m.place = 2;
  m.since = D(since);
  m.probationary_date = D(admitted);
  if (full) m.full_date = D(*full);
  m.status = full ? MemberStatus::kFull : MemberStatus::kProbationary;
  return m;
}

TEST(RemindersTest, MeetingsDueThisPeriodAndMissedLastPeriod) {
  LifeIndex index;
  // Theme day held in October and November; assembly held last quarter only.
  index.Load(
      {{1, 2, 2, MeetingType::kThemeDay, D("2026-10-09"), MeetingStatus::kSubmitted, {}},
       {2, 2, 2, MeetingType::kThemeDay, D("2026-11-09"), MeetingStatus::kSubmitted, {}},
       {3, 2, 2, MeetingType::kBranchAssembly, D("2026-08-01"), MeetingStatus::kSubmitted, {}}});
  std::vector<Reminder> r =
      BuildReminders(RuleBook::Builtin(), index, OneBranch(), D("2026-12-05"), 30);
  std::vector<Seen> due = Kinds(r, "meeting_due");
  std::vector<Seen> overdue = Kinds(r, "meeting_overdue");
  // December's theme day (due 12-31) and the Q4 assembly, lecture: within 30 days.
  auto has = [&](const std::vector<Reminder>& all, ReminderKind kind, const char* rule) {
    for (const Reminder& x : all) {
      if (x.kind == kind && x.rule && x.rule->id == rule) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(r, ReminderKind::kMeetingDue, "ZB-18-8"));
  EXPECT_TRUE(has(r, ReminderKind::kMeetingDue, "ZB-18-5"));
  EXPECT_FALSE(has(r, ReminderKind::kMeetingOverdue, "ZB-18-8"));  // November was held
  EXPECT_FALSE(has(r, ReminderKind::kMeetingOverdue, "ZB-18-5"));  // Q3 was held
  EXPECT_TRUE(has(r, ReminderKind::kMeetingOverdue, "ZB-18-9"));   // no lecture in Q3
  // Within 7 days, December's obligations (due in 26 days) are not yet listed.
  std::vector<Reminder> week =
      BuildReminders(RuleBook::Builtin(), index, OneBranch(), D("2026-12-05"), 7);
  EXPECT_FALSE(has(week, ReminderKind::kMeetingDue, "ZB-18-8"));
  for (const Reminder& x : r) {
    if (x.kind == ReminderKind::kMeetingDue && x.rule->id == std::string("ZB-18-8")) {
      EXPECT_EQ(x.message, "本月尚未开展主题党日，应于 2026-12-31 前完成");
      EXPECT_EQ(x.due, D("2026-12-31"));
    }
  }
}

TEST(RemindersTest, TermsAreAnnouncedSixMonthsAheadAndOverdueAfter) {
  struct Case {
    const char* end;
    const char* kind;  // "" for none
    const char* state;
  };
  const std::vector<Case> cases = {
      {"2027-06-06", "", ""},
      {"2027-06-05", "term_ending", "info"},  // six months ahead, to the day
      {"2027-01-04", "term_ending", "due_soon"},
      {"2026-12-05", "term_ending", "due_soon"},  // ends today
      {"2026-12-04", "term_ended", "overdue"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.end);
    ComplianceInput in = OneBranch();
    in.nodes[1].node.term_end = D(c.end);
    LifeIndex index;
    std::vector<Seen> terms;
    for (const Seen& s :
         Kinds(BuildReminders(RuleBook::Builtin(), index, in, D("2026-12-05"), 30))) {
      if (s.kind.rfind("term_", 0) == 0) terms.push_back(s);
    }
    if (*c.kind == 0) {
      EXPECT_TRUE(terms.empty());
    } else {
      EXPECT_EQ(terms, (std::vector<Seen>{{c.kind, c.state, 2, 0}}));
    }
  }
}

TEST(RemindersTest, MembersProbationAbsenceBirthdayAndMedal) {
  ComplianceInput in = OneBranch();
  in.members = {
      Member(10, "2025-12-20", "2025-12-20", std::nullopt),  // probation ends 2026-12-20
      Member(11, "2024-01-01", "2025-11-01", std::nullopt),  // probation ended 2026-11-01
      Member(12, "1990-01-01", "1975-01-10", "1976-06-30"),  // 50 years by 2026-07-01
      Member(13, "1990-01-01", "1975-01-10", "1976-07-02"),  // 50 years only in 2027
      Member(14, "2000-01-01", "2000-01-15", "2001-01-15"),  // absent since June
  };
  LifeIndex index;
  index.Load({{1,
               2,
               2,
               MeetingType::kThemeDay,
               D("2026-06-10"),
               MeetingStatus::kSubmitted,
               {10, 11, 12, 13, 14}},
              {2,
               2,
               2,
               MeetingType::kThemeDay,
               D("2026-11-10"),
               MeetingStatus::kSubmitted,
               {10, 11, 12, 13}}});
  std::vector<Reminder> r = BuildReminders(RuleBook::Builtin(), index, in, D("2026-12-05"), 30);
  EXPECT_EQ(Kinds(r, "probation_ending"),
            (std::vector<Seen>{{"probation_ending", "due_soon", 2, 10}}));
  EXPECT_EQ(Kinds(r, "probation_overdue"),
            (std::vector<Seen>{{"probation_overdue", "overdue", 2, 11}}));
  EXPECT_EQ(Kinds(r, "absence_warning"),
            (std::vector<Seen>{{"absence_warning", "warning", 2, 14}}));
  EXPECT_EQ(Kinds(r, "fifty_year_medal"), (std::vector<Seen>{{"fifty_year_medal", "info", 2, 12}}));
  // Admitted in January: political birthdays next month.
  EXPECT_EQ(Kinds(r, "political_birthday"),
            (std::vector<Seen>{{"political_birthday", "info", 2, 12},
                               {"political_birthday", "info", 2, 13},
                               {"political_birthday", "info", 2, 14}}));
  // Most urgent first.
  EXPECT_EQ(ReminderStateId(r.front().state), std::string("overdue"));
  EXPECT_EQ(ReminderStateId(r.back().state), std::string("info"));
}

}  // namespace
}  // namespace dj
