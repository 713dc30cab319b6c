// GET /api/audit: the audit log for committee admins and auditors, filtered by entity, user
// and time, and always by the caller's scope inside the query (so totals are right).
#pragma once

#include "domain/audit/audit_repository.h"
#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

// `audit` and `roster` must outlive the router.
void AddAuditRoutes(Router& router, AuditRepository& audit, const Roster& roster);

}  // namespace dj::http
