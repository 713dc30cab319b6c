// HTTP routes of the member files (党员):
//   GET    /api/members                 search: ?subtree=&name=&status=&category=&gender=
//                                       &education=&age_min=&age_max=&age_band=
//                                       &party_age_band=&sort=&order=&page=&page_size=
//   POST   /api/members                 create one member (optional "branch_since")
//   POST   /api/members/batch           create many, all or nothing: {"members": [...]}
//   GET    /api/members/:id             the whole file
//   PUT    /api/members/:id             update (partial; the branch changes only by transfer)
//   DELETE /api/members/:id             delete a file entered by mistake, with its history
//   GET    /api/members/:id/history     membership periods, oldest first
//   POST   /api/members/:id/transfer    {"to_branch_id", "to_group_id"?, "date"}
// Shapes in docs/api.md.
#pragma once
#include "common/date.h"
#include "domain/member/member_service.h"
#include "domain/roster/roster.h"
#include "http/api/api_support.h"
#include "http/router.h"

namespace dj::http {

// A batch may hold this many members; the Excel import takes larger files.
inline constexpr size_t kMaxMemberBatch = 5000;

// The search filters and sort of GET /api/members (all but paging), read from `in`; the
// caller reads its own parameters and calls in.Finish(). Without "subtree" the query covers
// the caller's scope (several subtrees when their grants lie apart), so totals count only
// what they may see.
MemberQuery ReadMemberFilters(QueryReader& in, const Request& request, const Roster& roster);

// Registers the routes. The service, roster and clock must outlive the router.
void AddMemberRoutes(Router& router, MemberService& members, const Roster& roster,
                     const Clock& clock);

}  // namespace dj::http
