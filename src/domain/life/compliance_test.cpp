#include "domain/life/compliance.h"

#include <gtest/gtest.h>

#include "domain/roster/roster.h"
#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeNode;
using K = NodeKind;
using S = CheckState;
using T = MeetingType;

// committee 1 → unit 2 → branch 3 (committee of 3, group 4) and branch 5 (no committee).
ComplianceInput Tree() {
  ComplianceInput in;
  in.nodes.push_back({MakeNode(1, K::kCommittee, "c", std::nullopt), 0, 0});
  in.nodes.push_back({MakeNode(2, K::kUnit, "u", 1), 0, 0});
  NodeHeadcount b3{MakeNode(3, K::kBranch, "b3", 2), 12, 10};
  b3.node.committee_size = 3;
  in.nodes.push_back(b3);
  in.nodes.push_back({MakeNode(4, K::kGroup, "g4", 3), 6, 5});
  in.nodes.push_back({MakeNode(5, K::kBranch, "b5", 2), 5, 5});
  return in;
}

MeetingFacts Held(MeetingId id, NodeId node, T type, const char* date,
                  MeetingStatus status = MeetingStatus::kSubmitted,
                  std::vector<MemberId> attendees = {}) {
  return {id, node, node, type, D(date), status, std::move(attendees)};
}

const RuleCheck& CheckOf(const ComplianceReport& r, NodeId branch, const char* rule) {
  for (const BranchCompliance& b : r.branches) {
    if (b.branch_id != branch) continue;
    for (const RuleCheck& c : b.checks) {
      if (c.rule->id == rule) return c;
    }
  }
  static const RuleCheck kNone;
  ADD_FAILURE() << "no check " << rule << " for branch " << branch;
  return kNone;
}

Period Quarter(int year, int q) { return Period::Make(PeriodKind::kQuarter, year, q).value(); }
Period Month(int year, int m) { return Period::Make(PeriodKind::kMonth, year, m).value(); }

struct FrequencyCase {
  const char* name;
  std::vector<MeetingFacts> meetings;
  Period period;
  const char* today;
  const char* rule;
  NodeId branch;
  S expected;
};

TEST(ComplianceTest, FrequencyWindowsAtTheirBoundaries) {
  const std::vector<FrequencyCase> cases = {
      {"assembly missing on the quarter's last day is due soon",
       {},
       Quarter(2026, 4),
       "2026-12-31",
       "ZB-18-5",
       3,
       S::kDueSoon},
      {"the day after, it is missing",
       {},
       Quarter(2026, 4),
       "2027-01-01",
       "ZB-18-5",
       3,
       S::kMissing},
      {"held on the last day counts",
       {Held(1, 3, T::kBranchAssembly, "2026-12-31")},
       Quarter(2026, 4),
       "2027-01-01",
       "ZB-18-5",
       3,
       S::kMet},
      {"held the day after the quarter does not",
       {Held(1, 3, T::kBranchAssembly, "2027-01-01")},
       Quarter(2026, 4),
       "2027-01-02",
       "ZB-18-5",
       3,
       S::kMissing},
      {"more than 30 days before the end it is pending",
       {},
       Quarter(2026, 4),
       "2026-11-30",
       "ZB-18-5",
       3,
       S::kPending},
      {"30 days before the end it is due soon",
       {},
       Quarter(2026, 4),
       "2026-12-01",
       "ZB-18-5",
       3,
       S::kDueSoon},
      {"a returned record does not count",
       {Held(1, 3, T::kBranchAssembly, "2026-10-10", MeetingStatus::kReturned)},
       Quarter(2026, 4),
       "2027-01-05",
       "ZB-18-5",
       3,
       S::kMissing},
      {"an accepted record counts",
       {Held(1, 3, T::kBranchAssembly, "2026-10-10", MeetingStatus::kAccepted)},
       Quarter(2026, 4),
       "2027-01-05",
       "ZB-18-5",
       3,
       S::kMet},
      {"29 February counts for February of a leap year",
       {Held(1, 3, T::kCommitteeMeeting, "2024-02-29")},
       Month(2024, 2),
       "2024-03-01",
       "ZB-18-6",
       3,
       S::kMet},
      {"a monthly rule over a quarter needs every month",
       {Held(1, 3, T::kCommitteeMeeting, "2026-07-03"),
        Held(2, 3, T::kCommitteeMeeting, "2026-09-03")},
       Quarter(2026, 3),
       "2026-10-01",
       "ZB-18-6",
       3,
       S::kMissing},
      {"a quarterly rule checked for one month looks at the whole quarter",
       {Held(1, 3, T::kPartyLecture, "2026-07-03")},
       Month(2026, 9),
       "2026-10-01",
       "ZB-18-9",
       3,
       S::kMet},
      {"no committee, no committee meetings required",
       {},
       Quarter(2026, 3),
       "2026-10-01",
       "ZB-18-6",
       5,
       S::kNotApplicable},
      {"group meetings are held by the group",
       {Held(1, 4, T::kGroupMeeting, "2026-10-08"), Held(2, 4, T::kGroupMeeting, "2026-11-08"),
        Held(3, 4, T::kGroupMeeting, "2026-12-08")},
       Quarter(2026, 4),
       "2027-01-01",
       "ZB-18-7",
       3,
       S::kMet},
      {"a branch without groups has no group meetings to hold",
       {},
       Quarter(2026, 4),
       "2027-01-01",
       "ZB-18-7",
       5,
       S::kNotApplicable},
  };
  for (const FrequencyCase& c : cases) {
    SCOPED_TRACE(c.name);
    LifeIndex index;
    index.Load(c.meetings);
    ComplianceReport r =
        EvaluateCompliance(RuleBook::Builtin(), index, Tree(), c.period, D(c.today));
    EXPECT_EQ(CheckOf(r, c.branch, c.rule).state, c.expected);
  }
}

TEST(ComplianceTest, MissingMessageCountsWindowsAndRecords) {
  LifeIndex index;
  index.Load({Held(1, 3, T::kCommitteeMeeting, "2026-07-03")});
  ComplianceReport r =
      EvaluateCompliance(RuleBook::Builtin(), index, Tree(), Quarter(2026, 3), D("2026-10-01"));
  const RuleCheck& c = CheckOf(r, 3, "ZB-18-6");
  EXPECT_EQ(c.required, 3);
  EXPECT_EQ(c.recorded, 1);
  EXPECT_EQ(c.message, "2 个月未开展支委会（已记录 1 次，应至少 3 次）");
  EXPECT_FALSE(r.branches[0].compliant);
}

TEST(ComplianceTest, TermEndingTodayIsDueAndYesterdayIsMissing) {
  for (auto [end, expected] : std::vector<std::pair<const char*, S>>{{"2026-11-22", S::kDueSoon},
                                                                     {"2026-11-21", S::kMissing},
                                                                     {"2027-05-22", S::kDueSoon},
                                                                     {"2027-05-23", S::kMet}}) {
    SCOPED_TRACE(end);
    ComplianceInput in = Tree();
    in.nodes[2].node.term_start = D(end).AddYears(-3);
    in.nodes[2].node.term_end = D(end);
    LifeIndex index;
    ComplianceReport r =
        EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2026, 11), D("2026-11-22"));
    EXPECT_EQ(CheckOf(r, 3, "JG-18-R").state, expected);
    EXPECT_EQ(CheckOf(r, 3, "ZB-18-13").state, S::kMet);
  }
}

TEST(ComplianceTest, TermLengthMustBeThreeYearsWithinOneYear) {
  ComplianceInput in = Tree();
  in.nodes[2].node.term_start = D("2020-01-01");
  in.nodes[2].node.term_end = D("2025-01-01");
  LifeIndex index;
  ComplianceReport r =
      EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2024, 1), D("2024-01-15"));
  const RuleCheck& c = CheckOf(r, 3, "ZB-18-13");
  EXPECT_EQ(c.state, S::kMissing);
  EXPECT_EQ(c.message, "任期 2020-01-01 至 2025-01-01，与每届 3 年相差超过 1 年");
}

TEST(ComplianceTest, MonthsWithoutOrgLifeCountWholeMonths) {
  struct Case {
    std::optional<int> last;
    const char* since;
    const char* as_of;
    int months;
  };
  const std::vector<Case> cases = {
      {MonthKey(2026, 6), "2020-01-01", "2026-11-22", 4},
      {MonthKey(2026, 6), "2020-01-01", "2026-11-30", 4},
      {MonthKey(2026, 6), "2020-01-01", "2026-12-01", 5},
      {MonthKey(2026, 6), "2020-01-01", "2027-01-01", 6},
      {MonthKey(2026, 11), "2020-01-01", "2026-11-22", 0},
      // Admitted (or moved in) mid-period: the clock starts in their first month.
      {std::nullopt, "2026-09-15", "2026-11-22", 1},
      {MonthKey(2025, 1), "2026-09-15", "2026-11-22", 1},
      {std::nullopt, "2026-11-01", "2026-11-22", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.since) + " " + c.as_of);
    EXPECT_EQ(MonthsWithoutOrgLife(c.last, D(c.since), D(c.as_of)), c.months);
  }
}

TEST(ComplianceTest, AbsenceWarnsAtFourMonthsAndAlertsAtSix) {
  ComplianceInput in = Tree();
  auto member = [](MemberId id, const char* since) {
    MemberBrief m;
    m.id = id;
    m.branch_id = 5;
    m.place = 5;
    m.since = D(since);
    m.status = MemberStatus::kFull;
    return m;
  };
  in.members = {member(10, "2020-01-01"), member(11, "2020-01-01"), member(12, "2026-09-15")};
  LifeIndex index;
  index.Load({Held(1, 5, T::kThemeDay, "2026-06-20", MeetingStatus::kSubmitted, {10}),
              Held(2, 5, T::kThemeDay, "2026-04-20", MeetingStatus::kSubmitted, {11}),
              // A heart talk is not organisational life for DZ-22-3.
              Held(3, 5, T::kHeartTalk, "2026-11-02", MeetingStatus::kSubmitted, {11, 10})});
  ComplianceReport r =
      EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2026, 11), D("2026-11-22"));
  const RuleCheck& c = CheckOf(r, 5, "DZ-22-3");
  EXPECT_EQ(c.state, S::kMissing);
  EXPECT_EQ(c.message, "1 名党员连续 6 个月以上、1 名连续 4 个月以上未参加组织生活");
  EXPECT_EQ(c.required, 3);
  EXPECT_EQ(c.recorded, 1);
}

TEST(ComplianceTest, HeartTalkCoverageCountsMembersReached) {
  ComplianceInput in = Tree();
  for (MemberId id : {10, 11, 12}) {
    MemberBrief m;
    m.id = id;
    m.branch_id = 5;
    m.since = D("2020-01-01");
    in.members.push_back(m);
  }
  LifeIndex index;
  index.Load({Held(1, 5, T::kHeartTalk, "2026-03-02", MeetingStatus::kSubmitted, {10, 11})});
  ComplianceReport during =
      EvaluateCompliance(RuleBook::Builtin(), index, in,
                         Period::Containing(PeriodKind::kYear, D("2026-01-01")), D("2026-11-22"));
  EXPECT_EQ(CheckOf(during, 5, "ZB-18-12").state, S::kPending);
  EXPECT_EQ(CheckOf(during, 5, "ZB-18-12").message, "谈心谈话覆盖党员 2 / 3 人次");
  ComplianceReport after =
      EvaluateCompliance(RuleBook::Builtin(), index, in,
                         Period::Containing(PeriodKind::kYear, D("2026-01-01")), D("2027-01-01"));
  // Reported as coverage: a year with heart talks is not held against the branch...
  EXPECT_EQ(CheckOf(after, 5, "ZB-18-12").state, S::kMet);
  EXPECT_EQ(CheckOf(after, 5, "ZB-18-12").recorded, 2);
  // ...a year without any is.
  LifeIndex none;
  ComplianceReport empty =
      EvaluateCompliance(RuleBook::Builtin(), none, in,
                         Period::Containing(PeriodKind::kYear, D("2026-01-01")), D("2027-01-01"));
  EXPECT_EQ(CheckOf(empty, 5, "ZB-18-12").state, S::kMissing);
}

TEST(ComplianceTest, RecordsFollowABranchMovedToAnotherUnit) {
  // Branch 5 moved from unit 2 to unit 6 in July; its first-half records still count, under
  // its new unit.
  ComplianceInput in = Tree();
  in.nodes.pop_back();
  in.nodes.push_back({MakeNode(6, K::kUnit, "u6", 1), 0, 0});
  in.nodes.push_back({MakeNode(5, K::kBranch, "b5", 6), 5, 5});
  LifeIndex index;
  index.Load(
      {Held(1, 5, T::kBranchAssembly, "2026-02-01"), Held(2, 5, T::kBranchAssembly, "2026-05-01")});
  ComplianceInput unit6;
  unit6.nodes = {in.nodes[4], in.nodes[5]};
  ComplianceReport r =
      EvaluateCompliance(RuleBook::Builtin(), index, unit6, Quarter(2026, 2), D("2026-08-01"));
  ASSERT_EQ(r.branches.size(), 1u);
  EXPECT_EQ(CheckOf(r, 5, "ZB-18-5").state, S::kMet);
}

TEST(ComplianceTest, ShanghaiMidnightDecidesTheDay) {
  // 2026-12-31 23:30 in Shanghai is 15:30 UTC; half an hour later the quarter has ended.
  FixedClock before(ShanghaiMidnightUnix(D("2027-01-01")) - 30 * 60);
  FixedClock after(ShanghaiMidnightUnix(D("2027-01-01")) + 30 * 60);
  LifeIndex index;
  EXPECT_EQ(CheckOf(EvaluateCompliance(RuleBook::Builtin(), index, Tree(), Quarter(2026, 4),
                                       before.Today()),
                    3, "ZB-18-5")
                .state,
            S::kDueSoon);
  EXPECT_EQ(CheckOf(EvaluateCompliance(RuleBook::Builtin(), index, Tree(), Quarter(2026, 4),
                                       after.Today()),
                    3, "ZB-18-5")
                .state,
            S::kMissing);
}

TEST(ComplianceTest, PastPeriodsUseTheRulesInForceThen) {
  // Party lectures: quarterly until 2025, monthly from 2026 (a hypothetical revision).
  const char* file = R"({"version": "t", "rules": [
    {"id": "ZB-18-9", "title": "党课", "statement": "s", "source": "《条例》（条款待核实）",
     "status": "U", "kind": "frequency", "effective_from": "2018-01-01",
     "effective_to": "2025-12-31",
     "params": {"meeting_type": "party_lecture", "per": "quarter", "min": 1}},
    {"id": "ZB-18-9", "title": "党课", "statement": "s", "source": "《条例》第一条",
     "status": "V", "kind": "frequency", "effective_from": "2026-01-01",
     "params": {"meeting_type": "party_lecture", "per": "month", "min": 1}}]})";
  Result<RuleBook> book = RuleBook::Parse(file);
  ASSERT_TRUE(book.ok()) << book.error().message;
  LifeIndex index;
  index.Load(
      {Held(1, 3, T::kPartyLecture, "2025-10-10"), Held(2, 3, T::kPartyLecture, "2026-01-10")});
  ComplianceReport old =
      EvaluateCompliance(*book, index, Tree(), Quarter(2025, 4), D("2026-06-01"));
  EXPECT_EQ(CheckOf(old, 3, "ZB-18-9").state, S::kMet);
  EXPECT_EQ(CheckOf(old, 3, "ZB-18-9").rule->status, RuleStatus::kUnverified);
  ComplianceReport now =
      EvaluateCompliance(*book, index, Tree(), Quarter(2026, 1), D("2026-06-01"));
  EXPECT_EQ(CheckOf(now, 3, "ZB-18-9").state, S::kMissing);
  EXPECT_EQ(CheckOf(now, 3, "ZB-18-9").required, 3);
}

TEST(ComplianceTest, StructureRulesFromHeadcounts) {
  ComplianceInput in = Tree();
  in.nodes[2].members = 51;  // branch 3
  in.nodes[4].full = 7;      // branch 5: 7 full members, no committee
  LifeIndex index;
  ComplianceReport r =
      EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2026, 11), D("2026-11-22"));
  EXPECT_EQ(CheckOf(r, 3, "ZB-18-1").state, S::kMissing);
  EXPECT_EQ(CheckOf(r, 3, "ZB-18-1").message, "党员 51 名，超过 50 名，宜分设支部");
  EXPECT_EQ(CheckOf(r, 5, "ZB-18-3").state, S::kMissing);
  EXPECT_EQ(CheckOf(r, 5, "ZB-18-4").state, S::kNotApplicable);
  EXPECT_EQ(CheckOf(r, 3, "ZB-18-3").state, S::kMet);
}

TEST(ComplianceTest, RollUpsCarryTheMessagesOfTheBranchesThatFallShort) {
  // November, seen on 5 December: branch 3 held no committee meeting in November (missing);
  // branch 5 is compliant, but its quarter's assembly is due soon, which has a message in full
  // detail only.
  ComplianceInput in = Tree();
  std::vector<MeetingFacts> held;
  MeetingId id = 1;
  for (NodeId n : {3, 5}) {
    held.push_back(Held(id++, n, T::kThemeDay, "2026-11-10"));
    held.push_back(Held(id++, n, T::kPartyLecture, "2026-11-10"));
  }
  held.push_back(Held(id++, 4, T::kGroupMeeting, "2026-11-10"));
  LifeIndex index;
  index.Load(held);
  const ComplianceScope scope(in);
  const Period period = Month(2026, 11);
  const Date today = D("2026-12-05");
  ComplianceReport all =
      EvaluateCompliance(RuleBook::Builtin(), index, scope, period, today, ComplianceDetail::kAll);
  ComplianceReport short_only = EvaluateCompliance(RuleBook::Builtin(), index, scope, period, today,
                                                   ComplianceDetail::kNonCompliant);
  ASSERT_EQ(all.branches.size(), 2u);
  ASSERT_EQ(short_only.branches.size(), 2u);
  for (size_t b = 0; b < all.branches.size(); ++b) {
    const BranchCompliance& full = all.branches[b];
    const BranchCompliance& brief = short_only.branches[b];
    EXPECT_EQ(full.compliant, brief.compliant);
    ASSERT_EQ(full.checks.size(), brief.checks.size());
    for (size_t i = 0; i < full.checks.size(); ++i) {
      EXPECT_EQ(full.checks[i].state, brief.checks[i].state) << full.checks[i].rule->id;
      EXPECT_EQ(full.checks[i].recorded, brief.checks[i].recorded) << full.checks[i].rule->id;
      EXPECT_EQ(brief.checks[i].message, full.compliant ? "" : full.checks[i].message)
          << "branch " << full.branch_id << " " << full.checks[i].rule->id;
    }
  }
  EXPECT_FALSE(all.branches[0].compliant);
  EXPECT_NE(CheckOf(short_only, 3, "ZB-18-6").message, "");
  EXPECT_TRUE(all.branches[1].compliant);
  EXPECT_EQ(CheckOf(all, 5, "ZB-18-5").state, S::kDueSoon);
  EXPECT_NE(CheckOf(all, 5, "ZB-18-5").message, "");
  EXPECT_EQ(CheckOf(short_only, 5, "ZB-18-5").message, "");
}

TEST(ComplianceTest, UnitsNeedAnOrganCommitteeFromAHundredMembersAndAGeneralBranchFromFifty) {
  // Four units under the committee: their members are those of their branches (a branch
  // counts its groups' members), wherever the branch hangs below the unit.
  auto unit = [](NodeId id) { return NodeHeadcount{MakeNode(id, K::kUnit, "u", 1), 0, 0}; };
  auto branch = [](NodeId id, NodeId parent, int64_t members) {
    return NodeHeadcount{MakeNode(id, K::kBranch, "b", parent), members, members};
  };
  ComplianceInput in;
  in.nodes.push_back({MakeNode(1, K::kCommittee, "c", std::nullopt), 0, 0});
  // 10: 120 members under an organ committee — met.
  in.nodes.push_back(unit(10));
  in.nodes.push_back({MakeNode(11, K::kOrganCommittee, "oc", 10), 0, 0});
  in.nodes.push_back(branch(12, 11, 70));
  in.nodes.push_back({MakeNode(13, K::kGroup, "g", 12), 30, 30});  // counted in its branch
  in.nodes.push_back(branch(14, 11, 50));
  // 20: 100 members without one — JG-19-1 missing.
  in.nodes.push_back(unit(20));
  in.nodes.push_back(branch(21, 20, 60));
  in.nodes.push_back(branch(22, 20, 40));
  // 30: 60 members with a general branch — met; 40: 99 without — JG-19-2 missing.
  in.nodes.push_back(unit(30));
  in.nodes.push_back({MakeNode(31, K::kGeneralBranch, "gb", 30), 0, 0});
  in.nodes.push_back(branch(32, 31, 60));
  in.nodes.push_back(unit(40));
  in.nodes.push_back(branch(41, 40, 99));
  // 50: 49 members — neither applies.
  in.nodes.push_back(unit(50));
  in.nodes.push_back(branch(51, 50, 49));

  LifeIndex index;
  ComplianceReport r =
      EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2026, 11), D("2026-11-22"));
  ASSERT_EQ(r.unit_rules.size(), 2u);
  EXPECT_EQ(r.unit_rules[0]->id, "JG-19-1");
  EXPECT_EQ(r.unit_rules[1]->id, "JG-19-2");
  ASSERT_EQ(r.units.size(), 5u);
  auto states = [&](size_t i) {
    return std::make_pair(r.units[i].checks[0].state, r.units[i].checks[1].state);
  };
  EXPECT_EQ(r.units[0].members, 120);
  EXPECT_EQ(states(0), std::make_pair(S::kMet, S::kNotApplicable));
  EXPECT_TRUE(r.units[0].compliant);
  EXPECT_EQ(r.units[1].members, 100);
  EXPECT_EQ(states(1), std::make_pair(S::kMissing, S::kNotApplicable));
  EXPECT_FALSE(r.units[1].compliant);
  EXPECT_EQ(r.units[1].checks[0].message, "党员 100 名，应设立机关党委");
  EXPECT_EQ(states(2), std::make_pair(S::kNotApplicable, S::kMet));
  EXPECT_EQ(states(3), std::make_pair(S::kNotApplicable, S::kMissing));
  EXPECT_EQ(r.units[3].checks[1].message, "党员 99 名，应设立党总支");
  EXPECT_EQ(states(4), std::make_pair(S::kNotApplicable, S::kNotApplicable));
  EXPECT_TRUE(r.units[4].compliant);
  // The units' checks do not enter the branches' compliance.
  for (const BranchCompliance& b : r.branches) {
    for (const RuleCheck& c : b.checks) EXPECT_NE(c.rule->kind, RuleKind::kBody);
  }
}

TEST(ComplianceTest, PendingTransfersKeepBothBranchesOnNotice) {
  // ZZ-19-2: 3 → 5 started 1 August, 5 → 3 started 1 October; seen on 22 November with 90
  // days to settle: the first is overdue at both ends.
  ComplianceInput in = Tree();
  in.transfers = {{1, 100, 3, 5, D("2026-08-01")}, {2, 101, 5, 3, D("2026-10-01")}};
  LifeIndex index;
  ComplianceReport r =
      EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2026, 11), D("2026-11-22"));
  const RuleCheck& b3 = CheckOf(r, 3, "ZZ-19-2");
  EXPECT_EQ(b3.state, S::kMissing);
  EXPECT_EQ(b3.recorded, 2);
  EXPECT_EQ(b3.message, "转出待接收 1 名、转入待接收 1 名（最早 2026-08-01 发起，已超过 90 天）");
  // A month before, the second was not started yet and the first still within its 90 days.
  ComplianceReport earlier =
      EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2026, 9), D("2026-11-22"));
  EXPECT_EQ(CheckOf(earlier, 5, "ZZ-19-2").state, S::kDueSoon);
  EXPECT_EQ(CheckOf(earlier, 5, "ZZ-19-2").message,
            "转入待接收 1 名（最早 2026-08-01 发起，应于 2026-10-30 前办结）");
  in.transfers.clear();
  ComplianceReport none =
      EvaluateCompliance(RuleBook::Builtin(), index, in, Month(2026, 11), D("2026-11-22"));
  EXPECT_EQ(CheckOf(none, 3, "ZZ-19-2").state, S::kMet);
}

TEST(ComplianceScopesTest, KeepsAScopeUntilTheRosterOrTheDayChanges) {
  FixedClock clock = FixedClock::AtNoon(D("2026-11-22"));
  Roster roster(clock);
  RosterSnapshot snapshot;
  snapshot.nodes = {MakeNode(1, K::kCommittee, "c", std::nullopt), MakeNode(2, K::kUnit, "u", 1),
                    MakeNode(3, K::kBranch, "b3", 2), MakeNode(5, K::kUnit, "u5", 1)};
  ASSERT_TRUE(roster.Load(snapshot).ok());
  ComplianceScopes scopes(roster, 2);
  const Date today = D("2026-11-22");
  auto first = scopes.For(1, today);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)->branches().size(), 1u);
  auto again = scopes.For(1, today);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), first->get());  // kept

  auto next_day = scopes.For(1, D("2026-11-23"));
  ASSERT_TRUE(next_day.ok());
  EXPECT_NE(next_day->get(), first->get());

  // A change of the tree: the new branch is in the next scope.
  ASSERT_TRUE(roster.PutNode(MakeNode(4, K::kBranch, "b4", 2)).ok());
  auto changed = scopes.For(1, today);
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(changed->get(), first->get());
  EXPECT_EQ((*changed)->branches().size(), 2u);
  EXPECT_EQ((*first)->branches().size(), 1u);  // what a reader holds does not change

  // At most `capacity` kept, the least recently used dropped.
  auto unit = scopes.For(2, today);
  auto other = scopes.For(5, today);
  ASSERT_TRUE(unit.ok() && other.ok());
  EXPECT_EQ(scopes.For(5, today)->get(), other->get());
  EXPECT_NE(scopes.For(1, today)->get(), changed->get());

  auto missing = scopes.For(99, today);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, "org.not_found");
}

}  // namespace
}  // namespace dj
