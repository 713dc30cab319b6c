// Routes of accounts: signing in and out, the caller's own account and password, and the
// administration of users, role grants and login locks. Every route's access is declared
// here and enforced by the AccessGuard; the AuthService checks which accounts an admin may
// manage.
#pragma once

#include "common/date.h"
#include "domain/auth/auth_service.h"
#include "domain/roster/roster.h"
#include "http/router.h"

namespace dj::http {

// POST /api/auth/login, /api/auth/logout, /api/auth/password; GET /api/auth/me;
// /api/users…, /api/grants/:id, /api/auth/locks. `auth`, `roster` and `clock` must outlive
// the router.
void AddAuthRoutes(Router& router, AuthService& auth, const Roster& roster, const Clock& clock);

}  // namespace dj::http
