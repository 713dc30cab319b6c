// HTTP routes of the roster as a spreadsheet (导入导出):
//   GET    /api/members/import/template  the import template (.xlsx)
//   POST   /api/members/import           a roster .xlsx, all or nothing
//   GET    /api/members/export           the members of a search as .xlsx (?columns=...)
// Shapes in docs/api.md.
#pragma once

#include "common/date.h"
#include "domain/member/member_service.h"
#include "domain/roster/roster.h"
#include "http/api/sheet_answer.h"
#include "http/router.h"

namespace dj::http {

// Registers the routes. The service, roster and clock must outlive the router.
void AddMemberSheetRoutes(Router& router, MemberService& members, const Roster& roster,
                          const Clock& clock);

}  // namespace dj::http
