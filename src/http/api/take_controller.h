// HTTP routes of members taking part in a contest (答题), authenticated by a contest pass
// (policy contest.take: header X-Contest-Pass, for the contest of the path):
//   GET  /api/take/:id                            the contest, eligibility, own attempts
//   POST /api/take/:id/attempts                   start: the paper issued (201)
//   GET  /api/take/:id/attempts/current           the open attempt's paper, to resume it
//   POST /api/take/:id/attempts/:attempt/submit   the answers; the result as revealed
//   GET  /api/take/:id/attempts/:attempt          a submitted attempt's result
// A start and a submission are answered only once they are durable (group commit). The
// answer key never leaves the server before the attempt is submitted, and afterwards only
// as the contest reveals it. Shapes in docs/api.md.
#pragma once

#include "common/date.h"
#include "domain/contest/attempt_service.h"
#include "domain/contest/contest_service.h"
#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

// Registers the routes. Everything passed must outlive the router.
void AddTakeRoutes(Router& router, AttemptService& attempts, const ContestService& contests,
                   const Roster& roster, const Clock& clock);

}  // namespace dj::http
