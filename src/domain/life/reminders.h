// Reminders for a scope: what falls due soon and what is overdue, each naming its rule
// (组织生活提示工作机制: remind before, don't chase after). Computed from the records, the
// roster and the rule set; nothing is stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "domain/life/compliance.h"
#include "domain/life/life_index.h"
#include "domain/roster/roster.h"
#include "domain/rules/rule_set.h"

namespace dj {

enum class ReminderKind {
  kMeetingOverdue,     // the last window of a frequency rule ended without a record
  kMeetingReturned,    // a record was returned and waits to be fixed
  kMeetingDue,         // the current window of a frequency rule is not yet met
  kTermEnded,          // JG-18-R
  kTermEnding,         // JG-18-R: 6 months, 3 months, then monthly before the end
  kProbationOverdue,   // DZ-22-2: probation over, no conversion recorded
  kProbationEnding,    // DZ-22-2: probation ends within the window
  kAbsenceAlert,       // DZ-22-3: 6 months without organisational life
  kAbsenceWarning,     // DZ-22-3: 4 months
  kPoliticalBirthday,  // ZS-1: next month
  kFiftyYearMedal,     // GR-21-1: this year's list
};
const char* ReminderKindId(ReminderKind kind);  // "meeting_overdue", ...

enum class ReminderState { kOverdue, kAlert, kDueSoon, kWarning, kInfo };
const char* ReminderStateId(ReminderState state);  // "overdue", "alert", "due_soon", ...

struct Reminder {
  ReminderKind kind = ReminderKind::kMeetingDue;
  ReminderState state = ReminderState::kInfo;
  const Rule* rule = nullptr;  // null for a returned record
  std::optional<Date> due;
  NodeId node_id = 0;
  std::optional<MemberId> member_id;
  std::string member_name;
  std::optional<MeetingId> meeting_id;
  std::optional<MeetingType> meeting_type;  // for meeting reminders: what to record
  std::string message;
};

// The reminders for the subtree of input.nodes.front() as of `today`: obligations due within
// `within_days` or already overdue, and the announcements of terms, probations, absences,
// birthdays and medals. Most urgent first (state, then due date, then node and member).
std::vector<Reminder> BuildReminders(const RuleBook& rules, const LifeIndex& index,
                                     const ComplianceScope& scope, Date today, int within_days);
// The same for an input used once.
std::vector<Reminder> BuildReminders(const RuleBook& rules, const LifeIndex& index,
                                     const ComplianceInput& input, Date today, int within_days);

}  // namespace dj
