#include "domain/life/compliance.h"

#include <algorithm>
#include <array>
#include <cstdint>
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

// Who holds the meetings of a frequency rule (its `applies_to`).
enum class Holders { kBranch, kBranchWithCommittee, kGroups };

Holders HoldersOf(const std::string& applies) {
  return applies == "group"                   ? Holders::kGroups
         : applies == "branch_with_committee" ? Holders::kBranchWithCommittee
                                              : Holders::kBranch;
}

// The nodes of `b` that hold meetings for `holders` (into `out`).
void HoldersFor(Holders holders, const BranchView& b, std::vector<const OrgNode*>& out) {
  out.clear();
  if (holders == Holders::kGroups) {
    for (const NodeHeadcount* g : b.groups) {
      if (g->members > 0) out.push_back(&g->node);
    }
  } else if (holders == Holders::kBranch || b.branch->node.committee_size > 0) {
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
  // `rules` are the rules to check, each of them PerBranch.
  Evaluator(const LifeIndex& index, const std::vector<const Rule*>& rules, const Period& period,
            Date today)
      : index_(index), period_(period), today_(today), as_of_(std::min(today, period.last())) {
    for (PeriodKind kind : {PeriodKind::kMonth, PeriodKind::kQuarter, PeriodKind::kYear}) {
      for (const Period& w : Windows(kind, period)) {
        windows_[static_cast<size_t>(kind)].push_back(
            {w.first_month_key(), w.month_count(), w.last(), w.year()});
      }
    }
    prepared_.reserve(rules.size());
    for (const Rule* r : rules) prepared_.push_back(Prepare(*r));
  }

  // Checks the i-th rule given to the constructor in branch `b`.
  RuleCheck Check(size_t i, const BranchView& b) const {
    const Prepared& p = prepared_[i];
    RuleCheck c;
    c.rule = p.rule;
    switch (p.rule->kind) {
      case RuleKind::kStructure:
        Structure(p, b, c);
        break;
      case RuleKind::kFrequency:
        Frequency(p, b, c);
        break;
      case RuleKind::kCoverage:
        Coverage(b, c);
        break;
      case RuleKind::kTerm:
        Term(p, b, c);
        break;
      case RuleKind::kAbsence:
        Absence(p, b, c);
        break;
      case RuleKind::kTransfer:
        Transfer(p, b, c);
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
      case RuleKind::kTransfer:
        return true;
      case RuleKind::kTerm:
        return rule.params.count("years") > 0 || rule.params.count("remind_months") > 0;
      default:
        return false;
    }
  }

 private:
  // A rule's parameters, read once per evaluation rather than once per branch.
  enum class Shape { kSize, kCommittee, kNoCommittee, kOrganBranch };
  struct Prepared {
    const Rule* rule = nullptr;
    // Structure: the shape checked and its numbers.
    Shape shape = Shape::kSize;
    int64_t max_members = 0;
    int64_t min_full = 0;
    int64_t max_full = 0;
    int64_t committee_min_full = 0;
    int min_size = 0;
    int max_size = 0;
    int warn_size = 0;
    // Frequency.
    std::optional<MeetingType> type;
    std::optional<PeriodKind> per;
    int min = 1;
    Holders holders = Holders::kBranch;
    std::optional<int> preferred_quarter;
    // Terms: ZB-18-13's length in years, else JG-18-R's end.
    std::optional<int> years;
    // Absence.
    int warn_months = 4;
    int alert_months = 6;
    // Transfers.
    int overdue_days = 90;
  };

  static Prepared Prepare(const Rule& rule) {
    Prepared p;
    p.rule = &rule;
    auto has = [&](const char* key) { return rule.params.count(key) > 0; };
    auto number = [&](const char* key, double fallback = 0) {
      return static_cast<int64_t>(rule.Number(key, fallback));
    };
    switch (rule.kind) {
      case RuleKind::kStructure:
        p.shape = has("max_members") ? Shape::kSize
                  : has("max_size")  ? Shape::kCommittee
                  : has("max_full")  ? Shape::kNoCommittee
                                     : Shape::kOrganBranch;
        p.max_members = number("max_members");
        p.min_full = number("min_full");
        p.max_full = number("max_full");
        p.committee_min_full = number("committee_min_full");
        p.min_size = static_cast<int>(number("min_size"));
        p.max_size = static_cast<int>(number("max_size"));
        p.warn_size = static_cast<int>(number("warn_size"));
        break;
      case RuleKind::kFrequency: {
        p.type = ParseMeetingType(rule.Text("meeting_type"));
        p.per = PerOf(rule);
        p.min = std::max(1, static_cast<int>(number("min", 1)));
        p.holders = HoldersOf(rule.Text("applies_to"));
        if (has("preferred_quarter")) p.preferred_quarter = number("preferred_quarter");
        break;
      }
      case RuleKind::kTerm:
        if (has("years")) p.years = static_cast<int>(number("years"));
        break;
      case RuleKind::kAbsence:
        p.warn_months = static_cast<int>(number("warn_months", 4));
        p.alert_months = static_cast<int>(number("alert_months", 6));
        break;
      case RuleKind::kTransfer:
        p.overdue_days = static_cast<int>(number("overdue_days", 90));
        break;
      default:
        break;
    }
    return p;
  }

  void Structure(const Prepared& p, const BranchView& b, RuleCheck& c) const {
    const int64_t members = b.branch->members;
    const int64_t full = b.branch->full;
    const int size = b.branch->node.committee_size;
    c.state = CheckState::kMet;
    switch (p.shape) {
      case Shape::kSize:  // ZB-18-1
        c.required = static_cast<int>(p.max_members);
        c.recorded = static_cast<int>(members);
        if (members > p.max_members) {
          c.state = CheckState::kMissing;
          if (messages_)
            c.message = "党员 " + Count(static_cast<int>(members)) + " 名，超过 " +
                        Count(static_cast<int>(p.max_members)) + " 名，宜分设支部";
        } else if (full < p.min_full) {
          c.state = CheckState::kMissing;
          if (messages_)
            c.message = "正式党员 " + Count(static_cast<int>(full)) + " 名，不足 " +
                        Count(static_cast<int>(p.min_full)) + " 名，应成立联合党支部";
        }
        break;
      case Shape::kCommittee:  // ZB-18-3
        c.required = p.min_size;
        c.recorded = size;
        if (full < p.min_full) {
          c.state = CheckState::kNotApplicable;
        } else if (size < p.min_size) {
          c.state = CheckState::kMissing;
          if (messages_)
            c.message = "正式党员 " + Count(static_cast<int>(full)) +
                        " 名，应设立支部委员会（委员 3 至 5 名）";
        } else if (size > p.max_size) {
          c.state = CheckState::kMissing;
          if (messages_)
            c.message = "支委会委员 " + Count(size) + " 名，超过 " + Count(p.max_size) + " 名";
        } else if (size > p.warn_size) {
          if (messages_) c.message = "支委会委员 " + Count(size) + " 名，一般为 3 至 5 名";
        }
        break;
      case Shape::kNoCommittee:  // ZB-18-4
        c.recorded = size;
        if (full > p.max_full) {
          c.state = CheckState::kNotApplicable;
        } else if (size > 0) {
          c.state = CheckState::kMissing;
          if (messages_)
            c.message =
                "正式党员 " + Count(static_cast<int>(full)) + " 名，不设支部委员会，设书记 1 名";
        }
        break;
      case Shape::kOrganBranch:  // JG-19-3
        if (full < p.min_full) {
          c.state = CheckState::kMissing;
          if (messages_) c.message = "正式党员不足 " + Count(static_cast<int>(p.min_full)) + " 名";
        } else if (full >= p.committee_min_full && size < 3) {
          c.state = CheckState::kMissing;
          if (messages_)
            c.message = "正式党员 " + Count(static_cast<int>(full)) + " 名，应设立支部委员会";
        }
        break;
    }
  }

  void Frequency(const Prepared& p, const BranchView& b, RuleCheck& c) const {
    if (!p.type || !p.per) return;
    const std::optional<MeetingType> type = p.type;
    const std::optional<PeriodKind> per = p.per;
    const int min = p.min;
    const bool groups = p.holders == Holders::kGroups;
    std::vector<const OrgNode*>& holders = holders_;
    HoldersFor(p.holders, b, holders);
    if (holders.empty()) {
      c.state = CheckState::kNotApplicable;
      if (messages_) c.message = groups ? "未设党小组" : "未设支部委员会";
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
      if (const uint16_t* counts = index_.HeldSpanLocked(holder->id, span_first, span)) {
        const size_t t = static_cast<size_t>(*type);
        for (int m = 0; m < span; ++m) {
          by_month[static_cast<size_t>(m)] = counts[static_cast<size_t>(m) * kMeetingTypeCount + t];
        }
      } else {
        index_.HeldByMonthLocked(holder->id, *type, span_first, span, by_month.data());
      }
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
      if (holder_missing && groups && messages_) missing_groups.push_back(holder->name);
    }
    const char* label = MeetingTypeLabel(*type);
    switch (c.state) {
      case CheckState::kMissing:
        if (groups) {
          std::string names;
          for (const auto& n : missing_groups) names += (names.empty() ? "" : "、") + n;
          if (messages_)
            c.message = names + " 有 " + Count(windows_missing) + " 个" +
                        (*per == PeriodKind::kMonth ? "月" : "期") + "未召开" + label;
        } else {
          if (messages_)
            c.message = Count(windows_missing) + " 个" +
                        (*per == PeriodKind::kMonth     ? "月"
                         : *per == PeriodKind::kQuarter ? "季度"
                                                        : "年度") +
                        "未开展" + label + "（已记录 " + Count(c.recorded) + " 次，应至少 " +
                        Count(c.required) + " 次）";
        }
        break;
      case CheckState::kDueSoon:
        if (messages_) c.message = label + std::string("应于 ") + c.due->ToString() + " 前开展";
        break;
      case CheckState::kPending:  // not yet due: the counts say it all
        break;
      default:
        // Met: the counts say it all; a message only for the customary quarter. (Building a
        // sentence for each of tens of thousands of met checks cost more than the checks.)
        if (p.preferred_quarter && messages_) {
          const int q = *p.preferred_quarter;
          Period year = Period::Containing(PeriodKind::kYear, period_.first());
          int in_q = index_.HeldInLocked(b.branch->node.id, *type,
                                         MonthKey(year.year(), (q - 1) * 3 + 1), 3);
          if (in_q == 0) c.message = "通常在第" + Count(q) + "季度召开";
        }
        break;
    }
  }

  void Coverage(const BranchView& b, RuleCheck& c) const {
    if (b.members.empty()) {
      c.state = CheckState::kNotApplicable;
      return;
    }
    c.state = CheckState::kMet;
    for (const Window& y : windows_[static_cast<size_t>(PeriodKind::kYear)]) {
      int covered = 0;
      for (const MemberMonth& m : b.member_months) {
        if (index_.HadHeartTalkLocked(m.id, y.year)) ++covered;
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
    if (c.state != CheckState::kMet) {
      if (messages_)
        c.message = "谈心谈话覆盖党员 " + Count(c.recorded) + " / " + Count(c.required) + " 人次";
    }
  }

  void Term(const Prepared& p, const BranchView& b, RuleCheck& c) const {
    const OrgNode& n = b.branch->node;
    if (!n.term_end) {
      c.state = CheckState::kNotApplicable;
      if (messages_) c.message = "未登记任期";
      return;
    }
    c.state = CheckState::kMet;
    c.due = n.term_end;
    if (p.years) {  // ZB-18-13: the length of the term
      if (!n.term_start) return;
      const int years = *p.years;
      Date expected = n.term_start->AddYears(years);
      int diff = std::abs(n.term_end->days() - expected.days());
      if (diff > 366) {
        c.state = CheckState::kMissing;
        if (messages_)
          c.message = "任期 " + n.term_start->ToString() + " 至 " + n.term_end->ToString() +
                      "，与每届 " + Count(years) + " 年相差超过 1 年";
      }
      return;
    }
    // JG-18-R: the end of the term, announced six months ahead.
    if (*n.term_end < as_of_) {
      c.state = CheckState::kMissing;
      if (messages_) c.message = "任期已于 " + n.term_end->ToString() + " 届满，应按期换届";
    } else if (*n.term_end <= as_of_.AddMonths(6)) {
      c.state = CheckState::kDueSoon;
      if (messages_) c.message = "任期将于 " + n.term_end->ToString() + " 届满，请做好换届准备";
    }
  }

  void Absence(const Prepared& p, const BranchView& b, RuleCheck& c) const {
    if (b.members.empty()) {
      c.state = CheckState::kNotApplicable;
      return;
    }
    const int warn = p.warn_months;
    const int alert = p.alert_months;
    const int key = MonthKeyOf(as_of_);
    int warned = 0;
    int alerted = 0;
    for (const MemberMonth& m : b.member_months) {
      const std::optional<int> last = index_.LastAttendedMonthLocked(m.id, key);
      const int months = key - std::max(m.since_key, last.value_or(m.since_key)) - 1;
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
      if (messages_)
        c.message = Count(alerted) + " 名党员连续 " + Count(alert) + " 个月以上、" + Count(warned) +
                    " 名连续 " + Count(warn) + " 个月以上未参加组织生活";
    }
  }

  // ZZ-19-2: a transfer from or to the branch waiting to be received (started by the
  // reference day) keeps the sending branch responsible; met with none, due soon while
  // waiting, missing once one waited longer than `overdue_days` (the letter's validity,
  // ZZ-x-4). As the transfers stand today: past decisions are not replayed.
  void Transfer(const Prepared& p, const BranchView& b, RuleCheck& c) const {
    const NodeId id = b.branch->node.id;
    int out = 0;
    int in = 0;
    std::optional<Date> earliest;
    for (const PendingTransfer* t : b.transfers) {
      if (t->initiated_on > as_of_) continue;
      (t->from_branch_id == id ? out : in) += 1;
      if (!earliest || t->initiated_on < *earliest) earliest = t->initiated_on;
    }
    c.recorded = out + in;
    if (!earliest) {
      c.state = CheckState::kMet;
      return;
    }
    c.due = earliest->AddDays(p.overdue_days);
    c.state = *c.due < as_of_ ? CheckState::kMissing : CheckState::kDueSoon;
    if (!messages_) return;
    std::string what;
    if (out > 0) what = "转出待接收 " + Count(out) + " 名";
    if (in > 0) what += (what.empty() ? "" : "、") + std::string("转入待接收 ") + Count(in) + " 名";
    c.message = what + "（最早 " + earliest->ToString() + " 发起" +
                (c.state == CheckState::kMissing ? "，已超过 " + Count(p.overdue_days) + " 天）"
                                                 : "，应于 " + c.due->ToString() + " 前办结）");
  }

  const LifeIndex& index_;
  const Period& period_;
  const Date today_;
  const Date as_of_;
  std::array<std::vector<Window>, 3> windows_;  // by PeriodKind
  std::vector<Prepared> prepared_;              // by the index given to Check

 public:
  // Whether checks carry their message (see ComplianceDetail).
  void set_messages(bool on) { messages_ = on; }

 private:
  bool messages_ = true;
  // Scratch space of one evaluation (an Evaluator is used by one thread).
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
  for (const PendingTransfer& t : input.transfers) {
    for (NodeId end : {t.from_branch_id, t.to_branch_id}) {
      auto it = branch_at.find(end);
      if (it != branch_at.end()) branches[it->second].transfers.push_back(&t);
    }
  }
  for (const MemberBrief& m : input.members) {
    auto it = branch_at.find(m.branch_id);
    if (it == branch_at.end()) continue;
    BranchView& b = branches[it->second];
    b.members.push_back(&m);
    b.member_months.push_back({m.id, MonthKeyOf(m.since)});
  }
  return branches;
}

std::vector<const OrgNode*> RuleHolders(const Rule& rule, const BranchView& b) {
  std::vector<const OrgNode*> holders;
  HoldersFor(HoldersOf(rule.Text("applies_to")), b, holders);
  return holders;
}

int MonthsWithoutOrgLife(std::optional<int> last_attended_month, Date since, Date as_of) {
  int start = MonthKeyOf(since);
  if (last_attended_month && *last_attended_month > start) start = *last_attended_month;
  return std::max(0, MonthKeyOf(as_of) - start - 1);
}

ComplianceScope::ComplianceScope(ComplianceInput input)
    : input_(std::move(input)), branches_(BranchViewsOf(input_)), units_(UnitViewsOf(input_)) {}

std::vector<UnitView> UnitViewsOf(const ComplianceInput& input) {
  // Pre-order: a node's parent comes before it, so its unit is known when it is reached.
  std::vector<UnitView> units;
  std::unordered_map<NodeId, size_t> unit_of;
  for (const NodeHeadcount& n : input.nodes) {
    size_t at = SIZE_MAX;
    if (n.node.kind == NodeKind::kUnit) {
      at = units.size();
      units.push_back({&n, 0, false, false});
    } else if (n.node.parent_id) {
      auto it = unit_of.find(*n.node.parent_id);
      if (it != unit_of.end()) at = it->second;
    }
    if (at == SIZE_MAX) continue;
    unit_of[n.node.id] = at;
    UnitView& u = units[at];
    switch (n.node.kind) {
      case NodeKind::kOrganCommittee:
        u.organ_committee = true;
        break;
      case NodeKind::kGeneralBranch:
        u.general_branch = true;
        break;
      case NodeKind::kBranch:  // counts its groups' members too
        u.members += n.members;
        break;
      default:
        break;
    }
  }
  return units;
}

namespace {

// JG-19-1 (an organ committee from `min_members`) and JG-19-2 (a general branch, or the larger
// organ committee, from `min_members` to `max_members`) for unit `u`.
RuleCheck BodyCheck(const Rule& rule, const UnitView& u) {
  RuleCheck c;
  c.rule = &rule;
  const int64_t min = static_cast<int64_t>(rule.Number("min_members"));
  const int64_t max = static_cast<int64_t>(rule.Number("max_members", 1e12));
  const std::string kind = rule.Text("kind");
  c.required = static_cast<int>(min);
  c.recorded = static_cast<int>(u.members);
  if (u.members < min || u.members > max) {
    c.state = CheckState::kNotApplicable;
    return c;
  }
  const bool has =
      kind == "organ_committee" ? u.organ_committee : u.general_branch || u.organ_committee;
  c.state = has ? CheckState::kMet : CheckState::kMissing;
  if (!has) {
    const std::optional<NodeKind> body = ParseNodeKind(kind);
    c.message = "党员 " + std::to_string(u.members) + " 名，应设立" +
                (body ? NodeKindLabel(*body) : kind.c_str());
  }
  return c;
}

}  // namespace

Result<std::shared_ptr<const ComplianceScope>> ComplianceScopes::For(NodeId node, Date today) {
  const uint64_t version = roster_.Version();  // before reading, so a change makes it stale
  {
    std::lock_guard lock(mu_);
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
      if (it->node != node || it->version != version || it->today != today) continue;
      Kept found = std::move(*it);
      kept_.erase(it);
      kept_.push_back(found);
      return found.scope;
    }
  }
  // Built outside the lock: two requests may both build it, and the later one is kept.
  ComplianceInput input;
  DJ_ASSIGN_OR_RETURN(input.nodes, roster_.Headcounts(node));
  input.members = roster_.ActiveMembersUnder(node);
  input.transfers = roster_.PendingTransfersUnder(node);
  auto scope = std::make_shared<const ComplianceScope>(std::move(input));
  std::lock_guard lock(mu_);
  std::erase_if(kept_, [&](const Kept& k) { return k.node == node || k.version != version; });
  if (kept_.size() >= capacity_) kept_.erase(kept_.begin());
  kept_.push_back({node, version, today, scope});
  return std::shared_ptr<const ComplianceScope>(scope);
}

ComplianceReport EvaluateCompliance(const RuleBook& rules, const LifeIndex& index,
                                    const ComplianceScope& scope, const Period& period, Date today,
                                    ComplianceDetail detail) {
  ComplianceReport report;
  report.period = period;
  report.as_of = std::min(today, period.last());
  const ComplianceInput& input = scope.input();
  if (input.nodes.empty()) return report;
  report.node_id = input.nodes.front().node.id;
  for (const Rule* r : rules.InForce(report.as_of)) {
    if (Evaluator::PerBranch(*r)) report.rules.push_back(r);
    if (r->kind == RuleKind::kBody) report.unit_rules.push_back(r);
  }
  report.units.reserve(scope.units().size());
  for (const UnitView& u : scope.units()) {
    UnitCompliance& uc = report.units.emplace_back();
    uc.unit_id = u.unit->node.id;
    uc.members = u.members;
    for (const Rule* r : report.unit_rules) {
      RuleCheck& c = uc.checks.emplace_back(BodyCheck(*r, u));
      if (c.state == CheckState::kMissing) uc.compliant = false;
    }
  }

  Evaluator evaluator(index, report.rules, period, today);
  auto lock = index.ReadLock();
  report.branches.reserve(scope.branches().size());
  const bool all = detail == ComplianceDetail::kAll;
  evaluator.set_messages(all);
  for (const BranchView& b : scope.branches()) {
    BranchCompliance& bc = report.branches.emplace_back();
    bc.branch_id = b.branch->node.id;
    bc.checks.reserve(report.rules.size());
    for (size_t i = 0; i < report.rules.size(); ++i) {
      RuleCheck& c = bc.checks.emplace_back(evaluator.Check(i, b));
      if (c.state == CheckState::kMissing) bc.compliant = false;
    }
    if (!all && !bc.compliant) {  // the same checks again, this time with their messages
      evaluator.set_messages(true);
      for (size_t i = 0; i < report.rules.size(); ++i) bc.checks[i] = evaluator.Check(i, b);
      evaluator.set_messages(false);
    }
  }
  return report;
}

ComplianceReport EvaluateCompliance(const RuleBook& rules, const LifeIndex& index,
                                    const ComplianceInput& input, const Period& period,
                                    Date today) {
  return EvaluateCompliance(rules, index, ComplianceScope(input), period, today);
}

}  // namespace dj
