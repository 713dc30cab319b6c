#include "domain/life/reminders.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_set>

namespace dj {
namespace {

constexpr const char* kKindIds[] = {
    "meeting_overdue", "meeting_returned",   "meeting_due",      "term_ended",
    "term_ending",     "probation_overdue",  "probation_ending", "absence_alert",
    "absence_warning", "political_birthday", "fifty_year_medal",
};
constexpr const char* kStateIds[] = {"overdue", "alert", "due_soon", "warning", "info"};

const char* PeriodWord(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return "本月";
    case PeriodKind::kQuarter:
      return "本季度";
    case PeriodKind::kYear:
      break;
  }
  return "本年度";
}

const char* LastPeriodWord(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return "上月";
    case PeriodKind::kQuarter:
      return "上季度";
    case PeriodKind::kYear:
      break;
  }
  return "上年度";
}

// The first rule in force of `kind`, or null.
const Rule* FirstOfKind(const std::vector<const Rule*>& rules, RuleKind kind,
                        std::string_view param = {}) {
  for (const Rule* r : rules) {
    if (r->kind == kind && (param.empty() || r->params.count(std::string(param)))) return r;
  }
  return nullptr;
}

}  // namespace

const char* ReminderKindId(ReminderKind kind) { return kKindIds[static_cast<int>(kind)]; }
const char* ReminderStateId(ReminderState state) { return kStateIds[static_cast<int>(state)]; }

std::vector<Reminder> BuildReminders(const RuleBook& rules, const LifeIndex& index,
                                     const ComplianceInput& input, Date today, int within_days) {
  return BuildReminders(rules, index, ComplianceScope(input), today, within_days);
}

std::vector<Reminder> BuildReminders(const RuleBook& rules, const LifeIndex& index,
                                     const ComplianceScope& scope, Date today, int within_days) {
  std::vector<Reminder> out;
  const ComplianceInput& input = scope.input();
  if (input.nodes.empty()) return out;
  const std::vector<const Rule*> in_force = rules.InForce(today);
  const std::vector<BranchView>& branches = scope.branches();
  auto lock = index.ReadLock();

  // Meetings: the current window not yet met, and the last one missed.
  for (const Rule* rule : in_force) {
    if (rule->kind != RuleKind::kFrequency) continue;
    std::optional<MeetingType> type = ParseMeetingType(rule->Text("meeting_type"));
    std::optional<PeriodKind> per = ParsePeriodKind(rule->Text("per"));
    if (!type || !per) continue;
    const int min = std::max(1, static_cast<int>(rule->Number("min", 1)));
    const Period current = Period::Containing(*per, today);
    const Period last = current.Previous();
    for (const BranchView& b : branches) {
      for (const OrgNode* holder : RuleHolders(*rule, b)) {
        auto held = [&](const Period& w) {
          return index.HeldInLocked(holder->id, *type, w.first_month_key(), w.month_count());
        };
        Reminder r;
        r.rule = rule;
        r.node_id = holder->id;
        r.meeting_type = type;
        if (held(last) < min) {
          r.kind = ReminderKind::kMeetingOverdue;
          r.state = ReminderState::kOverdue;
          r.due = last.last();
          r.message = std::string(LastPeriodWord(*per)) + "（" + last.Label() + "）未开展" +
                      MeetingTypeLabel(*type);
          out.push_back(r);
        }
        if (held(current) < min && current.last().days() - today.days() <= within_days) {
          r.kind = ReminderKind::kMeetingDue;
          r.state = ReminderState::kDueSoon;
          r.due = current.last();
          r.message = std::string(PeriodWord(*per)) + "尚未开展" + MeetingTypeLabel(*type) +
                      "，应于 " + current.last().ToString() + " 前完成";
          out.push_back(r);
        }
      }
    }
  }

  // Returned records waiting to be fixed.
  std::unordered_set<NodeId> in_scope;
  for (const NodeHeadcount& n : input.nodes) in_scope.insert(n.node.id);
  for (const auto& [meeting, node] : index.ReturnedLocked()) {
    if (!in_scope.count(node)) continue;
    Reminder r;
    r.kind = ReminderKind::kMeetingReturned;
    r.state = ReminderState::kOverdue;
    r.node_id = node;
    r.meeting_id = meeting;
    r.message = "会议记录被退回，请按审核意见修改后重新提交";
    out.push_back(std::move(r));
  }

  // Terms (JG-18-R): announced 6 months ahead, due soon within the window, overdue after.
  if (const Rule* term = FirstOfKind(in_force, RuleKind::kTerm, "remind_months")) {
    for (const NodeHeadcount& n : input.nodes) {
      if (!n.node.term_end) continue;
      const Date end = *n.node.term_end;
      Reminder r;
      r.rule = term;
      r.node_id = n.node.id;
      r.due = end;
      if (end < today) {
        r.kind = ReminderKind::kTermEnded;
        r.state = ReminderState::kOverdue;
        r.message = "任期已于 " + end.ToString() + " 届满，应按期换届";
      } else if (end <= today.AddMonths(6)) {
        r.kind = ReminderKind::kTermEnding;
        r.state = end.days() - today.days() <= within_days ? ReminderState::kDueSoon
                                                           : ReminderState::kInfo;
        int months = 6;
        for (double m : term->Numbers("remind_months")) {
          if (end <= today.AddMonths(static_cast<int>(m))) months = static_cast<int>(m);
        }
        r.message = "任期将于 " + end.ToString() + " 届满（" + std::to_string(months) +
                    " 个月内），请做好换届准备";
      } else {
        continue;
      }
      out.push_back(std::move(r));
    }
  }

  const Rule* probation = FirstOfKind(in_force, RuleKind::kProbation);
  const Rule* absence = FirstOfKind(in_force, RuleKind::kAbsence);
  const Rule* birthday = FirstOfKind(in_force, RuleKind::kBirthday);
  const Rule* medal = FirstOfKind(in_force, RuleKind::kMedal);
  const Date next_month = Period::Containing(PeriodKind::kMonth, today).Next().first();
  const int key = MonthKeyOf(today);
  for (const MemberBrief& m : input.members) {
    auto member_reminder = [&](ReminderKind kind, ReminderState state, const Rule* rule,
                               std::optional<Date> due, std::string message) {
      Reminder r;
      r.kind = kind;
      r.state = state;
      r.rule = rule;
      r.due = due;
      r.node_id = m.place;
      r.member_id = m.id;
      r.member_name = m.name;
      r.message = std::move(message);
      out.push_back(std::move(r));
    };
    if (probation && m.status == MemberStatus::kProbationary) {
      const int years = static_cast<int>(probation->Number("years", 1));
      const Date end = m.probationary_date.AddYears(years);
      if (end < today) {
        member_reminder(ReminderKind::kProbationOverdue, ReminderState::kOverdue, probation, end,
                        "预备期已于 " + end.ToString() + " 届满，应及时讨论转正或延长预备期");
      } else if (end.days() - today.days() <= within_days) {
        member_reminder(ReminderKind::kProbationEnding, ReminderState::kDueSoon, probation, end,
                        "预备期将于 " + end.ToString() + " 届满，请准备转正讨论");
      }
    }
    if (absence) {
      const int warn = static_cast<int>(absence->Number("warn_months", 4));
      const int alert = static_cast<int>(absence->Number("alert_months", 6));
      std::optional<int> last = index.LastAttendedMonthLocked(m.id, key);
      const int months = MonthsWithoutOrgLife(last, m.since, today);
      if (months >= alert) {
        member_reminder(ReminderKind::kAbsenceAlert, ReminderState::kAlert, absence, std::nullopt,
                        "已连续 " + std::to_string(months) + " 个月未参加组织生活");
      } else if (months >= warn) {
        member_reminder(ReminderKind::kAbsenceWarning, ReminderState::kWarning, absence,
                        std::nullopt,
                        "已连续 " + std::to_string(months) + " 个月未参加组织生活，满 " +
                            std::to_string(alert) + " 个月将按自行脱党处理");
      }
    }
    if (birthday && m.probationary_date.month() == next_month.month() &&
        m.probationary_date.year() < next_month.year()) {
      std::optional<Date> day =
          Date::FromYmd(next_month.year(), next_month.month(), m.probationary_date.day());
      int years = next_month.year() - m.probationary_date.year();
      member_reminder(ReminderKind::kPoliticalBirthday, ReminderState::kInfo, birthday, day,
                      "下月迎来入党 " + std::to_string(years) + " 周年政治生日");
    }
    if (medal && m.full_date) {
      const int years = static_cast<int>(medal->Number("years", 50));
      // The cut-off day is data ("07-01"): the day the years are counted to.
      const std::string day = medal->Text("cutoff");
      const int cut_month = day.size() == 5 ? std::atoi(day.substr(0, 2).c_str()) : 7;
      const int cut_day = day.size() == 5 ? std::atoi(day.substr(3, 2).c_str()) : 1;
      const Date cutoff = Date::FromYmd(today.year(), cut_month, cut_day)
                              .value_or(*Date::FromYmd(today.year(), 7, 1));
      const Date last_cutoff = cutoff.AddYears(-1);
      if (FullYearsBetween(*m.full_date, cutoff) >= years &&
          FullYearsBetween(*m.full_date, last_cutoff) < years) {
        member_reminder(ReminderKind::kFiftyYearMedal, ReminderState::kInfo, medal, cutoff,
                        "党龄至 " + cutoff.ToString() + " 满 " + std::to_string(years) +
                            " 年，列入本年度“光荣在党50年”纪念章颁发名单");
      }
    }
  }

  std::stable_sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    if (a.state != b.state) return a.state < b.state;
    int32_t ad = a.due ? a.due->days() : INT32_MAX;
    int32_t bd = b.due ? b.due->days() : INT32_MAX;
    if (ad != bd) return ad < bd;
    if (a.node_id != b.node_id) return a.node_id < b.node_id;
    return a.member_id.value_or(0) < b.member_id.value_or(0);
  });
  return out;
}

}  // namespace dj
