// HTTP routes of contests as they run, for organisers (policy contest.manage, on the node
// asked for — query "node", else the contest's scope — which must lie in the contest's
// scope), and the member's own list:
//   GET
//   /api/contests/:id/ranking?by=member|branch|unit|zone&order=rate|average&node=&offset=&limit=
//   GET /api/contests/:id/ranking/export?node=     .xlsx: individuals, zones, units, branches
//   GET /api/contests/:id/monitor?node=            counts, activity per minute and per second
//   GET /api/contests/:id/passes?node=             .xlsx: each eligible member's contest link
//   GET /api/my/contests                           (any session) the contests the caller's
//                                                  member file takes part in, with their pass
// Shapes in docs/api.md.
#pragma once

#include "common/date.h"
#include "domain/auth/contest_pass.h"
#include "domain/contest/attempt_service.h"
#include "domain/contest/contest_service.h"
#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

// Registers the routes. Everything passed must outlive the router.
void AddContestResultRoutes(Router& router, const ContestService& contests,
                            const AttemptService& attempts, const PassSigner& passes,
                            const Roster& roster, const Clock& clock);

}  // namespace dj::http
