// GET /api/health: 200 with {"status": "ok", "version", "nodes"} while the server is up and its
// read model is loaded. Used by load balancers, `make run`'s users and the benchmarks; public.
#pragma once
#include <string>

#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

void AddHealthRoutes(Router& router, std::string version, const Roster& roster);

}  // namespace dj::http
