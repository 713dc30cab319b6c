#include "domain/life/compliance.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace dj {
namespace {

constexpr const char* kStateIds[kCheckStateCount] = {"met", "missing", "due_soon", "pending",
                                                     "not_applicable"};
constexpr const char* kStateLabels[kCheckStateCount] = {"已落实", "未落实", "即将到期", "未到期",
                                                        "不适用"};

// Worse first: missing > due soon > pending > met > not applicable.
int Severity(CheckState s) {
  switch (s) {
    case CheckState::kMissing:
      return 4;
    case CheckState::kDueSoon:
      return 3;
    case CheckState::kPending:
      return 2;
    case CheckState::kMet:
      return 1;
    case CheckState::kNotApplicable:
      return 0;
  }
  return 0;
}

void Worsen(CheckState& state, CheckState other) {
  if (Severity(other) > Severity(state)) state = other;
}

// The state of an obligation of `required` records in a window ending on `last` with
// `recorded` of them.
CheckState WindowState(Date last, int recorded, int required, Date today) {
  if (recorded >= required) return CheckState::kMet;
  if (last < today) return CheckState::kMissing;
  if (last.days() - today.days() <= kDueSoonDays) return CheckState::kDueSoon;
  return CheckState::kPending;
}

// The nodes of `b` that hold meetings under a frequency rule's `applies_to` (into `out`).
void HoldersFor(const std::string& applies, const BranchView& b, std::vector<const OrgNode*>& out) {
  out.clear();
  if (applies == "group") {
    for (const NodeHeadcount* g : b.groups) {
      if (g->members > 0) out.push_back(&g->node);
    }
  } else if (applies != "branch_with_committee" || b.branch->node.committee_size > 0) {
    out.push_back(&b.branch->node);
  }
}

// A window with its bounds worked out once per evaluation, not once per branch.
struct Window {
  int first_key = 0;  // month key of its first month
  int months = 0;
  Date last;
  int year = 0;
};

// The windows of `per` that meet `period`.
std::vector<Period> Windows(PeriodKind per, const Period& period) {
  std::vector<Period> out;
  for (Period w = Period::Containing(per, period.first()); w.first() <= period.last();
       w = w.Next()) {
    out.push_back(w);
  }
  return out;
}

std::optional<PeriodKind> PerOf(const Rule& rule) { return ParsePeriodKind(rule.Text("per")); }

std::string Count(int n) { return std::to_string(n); }

class Evaluator {
 public:
  Evaluator(const LifeIndex& index, const Period& period, Date today)
      : index_(index), period_(period), today_(today), as_of_(std::min(today, period.last())) {
    for (PeriodKind kind : {PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
      for (const Period& w : Windows(kind, period)) {
        windows_[static_cast<size_t>(kind)].push_back(
            {w.first_month_key(), w.month_count(), w.last(), w.year()});
      }
    }
    specs_.reserve(32);  // SpecOf hands out references into it
  }

  RuleCheck Check(const Rule& rule, const BranchView& b) const {
    RuleCheck c;
    c.rule = &rule;
    switch (rule.kind) {
      case RuleKind::kStructure:
        Structure(rule, b, c);
        break;
      case RuleKind::kFrequency:
        Frequency(rule, b, c);
        break;
      case RuleKind::kCoverage:
        Coverage(rule, b, c);
        break;
      case RuleKind::kTerm:
        Term(rule, b, c);
        break;
      case RuleKind::kAbsence:
        Absence(rule, b, c);
        break;
      default:
        break;
    }
    return c;
  }

  // Whether the engine checks `rule` per branch.
  static bool PerBranch(const Rule& rule) {
    switch (rule.kind) {
      case RuleKind::kStructure:
      case RuleKind::kFrequency:
      case RuleKind::kCoverage:
      case RuleKind::kAbsence:
        return true;
      case RuleKind::kTerm:
        return rule.params.count("years") > 0 || rule.params.count("remind_months") > 0;
      default:
        return false;
    }
  }

 private:
  void Structure(const Rule& rule, const BranchView& b, RuleCheck& c) const {
    const int64_t members = b.branch->members;
    const int64_t full = b.branch->full;
    const int size = b.branch->node.committee_size;
    c.state = CheckState::kMet;
    if (rule.params.count("max_members")) {  // ZB-18-1
      const int64_t max = static_cast<int64_t>(rule.Number("max_members"));
      const int64_t min_full = static_cast<int64_t>(rule.Number("min_full"));
      c.required = static_cast<int>(max);
      c.recorded = static_cast<int>(members);
      if (members > max) {
        c.state = CheckState::kMissing;
        c.message = "党员 " + Count(static_cast<int>(members)) + " 名，超过 " +
                    Count(static_cast<int>(max)) + " 名，宜分设支部";
      } else if (full < min_full) {
        c.state = CheckState::kMissing;
        c.message = "正式党员 " + Count(static_cast<int>(full)) + " 名，不足 " +
                    Count(static_cast<int>(min_full)) + " 名，应成立联合党支部";
      }
    } else if (rule.params.count("max_size")) {  // ZB-18-3
      const int64_t min_full = static_cast<int64_t>(rule.Number("min_full"));
      const int min_size = static_cast<int>(rule.Number("min_size"));
      const int max_size = static_cast<int>(rule.Number("max_size"));
      const int warn_size = static_cast<int>(rule.Number("warn_size"));
      c.required = min_size;
      c.recorded = size;
      if (full < min_full) {
        c.state = CheckState::kNotApplicable;
      } else if (size < min_size) {
        c.state = CheckState::kMissing;
        c.message =
            "正式党员 " + Count(static_cast<int>(full)) + " 名，应设立支部委员会（委员 3 至 5 名）";
      } else if (size > max_size) {
        c.state = CheckState::kMissing;
        c.message = "支委会委员 " + Count(size) + " 名，超过 " + Count(max_size) + " 名";
      } else if (size > warn_size) {
        c.message = "支委会委员 " + Count(size) + " 名，一般为 3 至 5 名";
      }
    } else if (rule.params.count("max_full")) {  // ZB-18-4
      const int64_t max_full = static_cast<int64_t>(rule.Number("max_full"));
      c.recorded = size;
      if (full > max_full) {
        c.state = CheckState::kNotApplicable;
      } else if (size > 0) {
        c.state = CheckState::kMissing;
        c.message =
            "正式党员 " + Count(static_cast<int>(full)) + " 名，不设支部委员会，设书记 1 名";
      }
    } else {  // JG-19-3
      const int64_t min_full = static_cast<int64_t>(rule.Number("min_full"));
      const int64_t committee_full = static_cast<int64_t>(rule.Number("committee_min_full"));
      if (full < min_full) {
        c.state = CheckState::kMissing;
        c.message = "正式党员不足 " + Count(static_cast<int>(min_full)) + " 名";
      } else if (full >= committee_full && size < 3) {
        c.state = CheckState::kMissing;
        c.message = "正式党员 " + Count(static_cast<int>(full)) + " 名，应设立支部委员会";
      }
    }
  }

  // A frequency rule's parameters, read once per evaluation rather than once per branch.
  struct FrequencySpec {
    const Rule* rule = nullptr;
    std::optional<MeetingType> type;
    std::optional<PeriodKind> per;
    int min = 1;
    std::string applies;
  };

  const FrequencySpec& SpecOf(const Rule& rule) const {
    for (const FrequencySpec& s : specs_) {
      if (s.rule == &rule) return s;
    }
    FrequencySpec s;
    s.rule = &rule;
    s.type = ParseMeetingType(rule.Text("meeting_type"));
    s.per = PerOf(rule);
    s.min = std::max(1, static_cast<int>(rule.Number("min", 1)));
    s.applies = rule.Text("applies_to");
    specs_.push_back(std::move(s));
    return specs_.back();
  }

  void Frequency(const Rule& rule, const BranchView& b, RuleCheck& c) const {
    const FrequencySpec& spec = SpecOf(rule);
    if (!spec.type || !spec.per) return;
    const std::optional<MeetingType> type = spec.type;
    const std::optional<PeriodKind> per = spec.per;
    const int min = spec.min;
    const std::string& applies = spec.applies;
    std::vector<const OrgNode*>& holders = holders_;
    HoldersFor(applies, b, holders);
    if (holders.empty()) {
      c.state = CheckState::kNotApplicable;
      c.message = applies == "group" ? "未设党小组" : "未设支部委员会";
      return;
    }
    c.state = CheckState::kMet;
    std::vector<std::string> missing_groups;
    int windows_missing = 0;
    const std::vector<Window>& windows = windows_[static_cast<size_t>(*per)];
    const int span_first = windows.front().first_key;
    const int span = windows.back().first_key + windows.back().months - span_first;
    std::vector<int>& by_month = by_month_;
    by_month.resize(static_cast<size_t>(span));
    for (const OrgNode* holder : holders) {
      bool holder_missing = false;
      index_.HeldByMonthLocked(holder->id, *type, span_first, span, by_month.data());
      for (const Window& w : windows) {
        int held = 0;
        for (int m = 0; m < w.months; ++m) held += by_month[w.first_key - span_first + m];
        CheckState s = WindowState(w.last, held, min, today_);
        c.required += min;
        c.recorded += held;
        Worsen(c.state, s);
        if (s == CheckState::kMissing) {
          ++windows_missing;
          holder_missing = true;
        }
        if ((s == CheckState::kDueSoon || s == CheckState::kPending) &&
            (!c.due || w.last < *c.due)) {
          c.due = w.last;
        }
      }
      if (holder_missing && applies == "group") missing_groups.push_back(holder->name);
    }
    const char* label = MeetingTypeLabel(*type);
    switch (c.state) {
      case CheckState::kMissing:
        if (applies == "group") {
          std::string names;
          for (const auto& n : missing_groups) names += (names.empty() ? "" : "、") + n;
          c.message = names + " 有 " + Count(windows_missing) + " 个" +
                      (*per == PeriodKind::kMonth ? "月" : "期") + "未召开" + label;
        } else {
          c.message = Count(windows_missing) + " 个" +
                      (*per == PeriodKind::kMonth     ? "月"
                       : *per == PeriodKind::kQuarter ? "季度"
                                                      : "年度") +
                      "未开展" + label + "（已记录 " + Count(c.recorded) + " 次，应至少 " +
                      Count(c.required) + " 次）";
        }
        break;
      case CheckState::kDueSoon:
        c.message = label + std::string("应于 ") + c.due->ToString() + " 前开展";
        break;
      case CheckState::kPending:  // not yet due: the counts say it all
        break;
      default:
        // Met: the counts say it all; a message only for the customary quarter. (Building a
        // sentence for each of tens of thousands of met checks cost more than the checks.)
        if (rule.params.count("preferred_quarter")) {
          int q = static_cast<int>(rule.Number("preferred_quarter"));
          Period year = Period::Containing(PeriodKind::kYear, period_.first());
          int in_q = index_.HeldInLocked(b.branch->node.id, *type,
                                         MonthKey(year.year(), (q - 1) * 3 + 1), 3);
          if (in_q == 0) c.message = "通常在第" + Count(q) + "季度召开";
        }
        break;
    }
  }

  void Coverage(const Rule& rule, const BranchView& b, RuleCheck& c) const {
    if (b.members.empty()) {
      c.state = CheckState::kNotApplicable;
      return;
    }
    c.state = CheckState::kMet;
    for (const Window& y : windows_[static_cast<size_t>(PeriodKind::kYear)]) {
      int covered = 0;
      for (const MemberBrief* m : b.members) {
        if (index_.HadHeartTalkLocked(m->id, y.year)) ++covered;
      }
      int total = static_cast<int>(b.members.size());
      c.required += total;
      c.recorded += covered;
      // ZB-18-12 is reported as coverage: a branch falls short only when a year ended
      // without any heart talk; partial coverage is shown, not counted against it.
      CheckState s = covered == total ? CheckState::kMet
                     : covered > 0
                         ? (y.last < today_ ? CheckState::kMet : WindowState(y.last, 0, 1, today_))
                         : WindowState(y.last, 0, 1, today_);
      Worsen(c.state, s);
      if (s != CheckState::kMet && (!c.due || y.last < *c.due)) c.due = y.last;
    }
    (void)rule;
    if (c.state != CheckState::kMet) {
      c.message = "谈心谈话覆盖党员 " + Count(c.recorded) + " / " + Count(c.required) + " 人次";
    }
  }

  void Term(const Rule& rule, const BranchView& b, RuleCheck& c) const {
    const OrgNode& n = b.branch->node;
    if (!n.term_end) {
      c.state = CheckState::kNotApplicable;
      c.message = "未登记任期";
      return;
    }
    c.state = CheckState::kMet;
    c.due = n.term_end;
    if (rule.params.count("years")) {  // ZB-18-13: the length of the term
      if (!n.term_start) return;
      const int years = static_cast<int>(rule.Number("years"));
      Date expected = n.term_start->AddYears(years);
      int diff = std::abs(n.term_end->days() - expected.days());
      if (diff > 366) {
        c.state = CheckState::kMissing;
        c.message = "任期 " + n.term_start->ToString() + " 至 " + n.term_end->ToString() +
                    "，与每届 " + Count(years) + " 年相差超过 1 年";
      }
      return;
    }
    // JG-18-R: the end of the term, announced six months ahead.
    if (*n.term_end < as_of_) {
      c.state = CheckState::kMissing;
      c.message = "任期已于 " + n.term_end->ToString() + " 届满，应按期换届";
    } else if (*n.term_end <= as_of_.AddMonths(6)) {
      c.state = CheckState::kDueSoon;
      c.message = "任期将于 " + n.term_end->ToString() + " 届满，请做好换届准备";
    }
  }

  void Absence(const Rule& rule, const BranchView& b, RuleCheck& c) const {
    if (b.members.empty()) {
      c.state = CheckState::kNotApplicable;
      return;
    }
    const int warn = static_cast<int>(rule.Number("warn_months", 4));
    const int alert = static_cast<int>(rule.Number("alert_months", 6));
    const int key = MonthKeyOf(as_of_);
    int warned = 0;
    int alerted = 0;
    for (const MemberBrief* m : b.members) {
      int months =
          MonthsWithoutOrgLife(index_.LastAttendedMonthLocked(m->id, key), m->since, as_of_);
      if (months >= alert) {
        ++alerted;
      } else if (months >= warn) {
        ++warned;
      }
    }
    c.required = static_cast<int>(b.members.size());
    c.recorded = c.required - warned - alerted;
    c.state = alerted > 0  ? CheckState::kMissing
              : warned > 0 ? CheckState::kDueSoon
                           : CheckState::kMet;
    if (alerted > 0 || warned > 0) {
      c.message = Count(alerted) + " 名党员连续 " + Count(alert) + " 个月以上、" + Count(warned) +
                  " 名连续 " + Count(warn) + " 个月以上未参加组织生活";
    }
  }

  const LifeIndex& index_;
  const Period& period_;
  const Date today_;
  const Date as_of_;
  std::array<std::vector<Window>, 3> windows_;  // by PeriodKind
  // Scratch space and caches of one evaluation (an Evaluator is used by one thread).
  mutable std::vector<FrequencySpec> specs_;
  mutable std::vector<const OrgNode*> holders_;
  mutable std::vector<int> by_month_;
};

}  // namespace

const char* CheckStateId(CheckState state) { return kStateIds[static_cast<int>(state)]; }
const char* CheckStateLabel(CheckState state) { return kStateLabels[static_cast<int>(state)]; }

std::vector<BranchView> BranchViewsOf(const ComplianceInput& input) {
  // Groups follow their branch in pre-order.
  std::vector<BranchView> branches;
  std::unordered_map<NodeId, size_t> branch_at;
  for (const NodeHeadcount& n : input.nodes) {
    if (n.node.kind == NodeKind::kBranch) {
      branch_at[n.node.id] = branches.size();
      branches.push_back({&n, {}, {}});
    } else if (n.node.kind == NodeKind::kGroup && n.node.parent_id) {
      auto it = branch_at.find(*n.node.parent_id);
      if (it != branch_at.end()) branches[it->second].groups.push_back(&n);
    }
  }
  for (const MemberBrief& m : input.members) {
    auto it = branch_at.find(m.branch_id);
    if (it != branch_at.end()) branches[it->second].members.push_back(&m);
  }
  return branches;
}

std::vector<const OrgNode*> RuleHolders(const Rule& rule, const BranchView& b) {
  std::vector<const OrgNode*> holders;
  HoldersFor(rule.Text("applies_to"), b, holders);
  return holders;
}

int MonthsWithoutOrgLife(std::optional<int> last_attended_month, Date since, Date as_of) {
  int start = MonthKeyOf(since);
  if (last_attended_month && *last_attended_month > start) start = *last_attended_month;
  return std::max(0, MonthKeyOf(as_of) - start - 1);
}

ComplianceReport EvaluateCompliance(const RuleBook& rules, const LifeIndex& index,
                                    const ComplianceInput& input, const Period& period,
                                    Date today) {
  ComplianceReport report;
  report.period = period;
  report.as_of = std::min(today, period.last());
  if (input.nodes.empty()) return report;
  report.node_id = input.nodes.front().node.id;
  for (const Rule* r : rules.InForce(report.as_of)) {
    if (Evaluator::PerBranch(*r)) report.rules.push_back(r);
  }

  std::vector<BranchView> branches = BranchViewsOf(input);
  Evaluator evaluator(index, period, today);
  auto lock = index.ReadLock();
  report.branches.reserve(branches.size());
  for (const BranchView& b : branches) {
    BranchCompliance bc;
    bc.branch_id = b.branch->node.id;
    bc.checks.reserve(report.rules.size());
    for (const Rule* r : report.rules) {
      RuleCheck c = evaluator.Check(*r, b);
      if (c.state == CheckState::kMissing) bc.compliant = false;
      bc.checks.push_back(std::move(c));
    }
    report.branches.push_back(std::move(bc));
  }
  return report;
}

}  // namespace dj
