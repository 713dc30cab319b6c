// HTTP routes of organisational life (组织生活): records, review, attachments, and what
// follows from the records (rules, templates, compliance, reminders, calendar, ledgers).
// Shapes in docs/api.md, "Organisational life".
#pragma once

#include "common/date.h"
#include "domain/life/compliance.h"
#include "domain/life/life_index.h"
#include "domain/life/meeting_service.h"
#include "domain/roster/roster.h"
#include "domain/rules/rule_set.h"
#include "http/router.h"

namespace dj::http {

// A meeting's body may carry this much JSON; attachments are sent on their own.
inline constexpr size_t kMeetingBodyLimit = 1024 * 1024;

// Registers the routes. Everything passed must outlive the router.
void AddLifeRoutes(Router& router, MeetingService& meetings, MeetingRepository& repo,
                   const LifeIndex& index, const Roster& roster, ComplianceScopes& scopes,
                   const RuleBook& rules, const Clock& clock);

}  // namespace dj::http
