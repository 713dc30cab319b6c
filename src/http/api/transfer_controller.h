// HTTP routes of two-step transfers of organisational relations (组织关系转接):
//   GET  /api/transfers?node=&status=           transfers from or to a branch under the node
//   GET  /api/transfers/branches?q=             branches of the whole tree, to name a receiver
//   GET  /api/transfers/:id                     one (either end in scope)
//   POST /api/members/:id/transfer-requests     the sending side starts one
//   POST /api/transfers/:id/accept              the receiving side accepts: the member moves
//   POST /api/transfers/:id/return              the receiving side returns it, with a reason
//   POST /api/transfers/:id/cancel              the sending side withdraws it
// Shapes in docs/api.md.
#pragma once

#include "domain/member/member_service.h"
#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

// Registers the routes. Everything passed must outlive the router.
void AddTransferRoutes(Router& router, MemberService& members, const Roster& roster);

}  // namespace dj::http
