// HTTP routes of contests as organisers set them up (学习竞答), each within the organiser's
// scope (the contest's scope node must be in their reach):
//   GET  /api/contests                  the contests whose scope the caller reaches
//   GET  /api/contests/:id              one
//   POST /api/contests                  a new draft
//   PUT  /api/contests/:id              a draft's settings replaced
//   POST /api/contests/:id/publish      opened to its scope
//   POST /api/contests/:id/close        ended early
// Shapes in docs/api.md.
#pragma once

#include "domain/contest/contest_service.h"
#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

// Registers the routes. Everything passed must outlive the router.
void AddContestRoutes(Router& router, ContestService& contests, const Roster& roster);

}  // namespace dj::http
