// HTTP routes of the member files (党员):
//   GET    /api/members                 search: ?subtree=&name=&status=&category=&age_min=
//                                       &age_max=&sort=&order=&page=&page_size=
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
#include "http/router.h"

namespace dj::http {

// A batch may hold this many members; the Excel import (issue 4) streams larger files.
inline constexpr size_t kMaxMemberBatch = 5000;
// A page of search results holds at most this many members.
inline constexpr int kMaxPageSize = 200;

// Registers the routes. The service, roster and clock must outlive the router.
void AddMemberRoutes(Router& router, MemberService& members, const Roster& roster,
                     const Clock& clock);

}  // namespace dj::http
