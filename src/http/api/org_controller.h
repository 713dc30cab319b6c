// HTTP routes of the organisation tree (组织):
//   GET    /api/orgs/root            the root node (summary)
//   POST   /api/orgs                 create a node
//   GET    /api/orgs/:id             one node
//   PUT    /api/orgs/:id             update (partial; a new parent_id moves the subtree)
//   DELETE /api/orgs/:id             delete a node without children, members or history
//   GET    /api/orgs/:id/children    direct children (summaries, display order)
//   GET    /api/orgs/:id/path        root .. node
//   GET    /api/orgs/:id/stats       subtree statistics, ?as_of=YYYY-MM-DD (default today)
// Shapes in docs/api.md.
#pragma once
#include "common/date.h"
#include "domain/org/org_service.h"
#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

// Registers the routes. The services, roster and clock must outlive the router.
void AddOrgRoutes(Router& router, OrgService& orgs, const Roster& roster, const Clock& clock);

}  // namespace dj::http
