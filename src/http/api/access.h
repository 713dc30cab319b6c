// Who may call what: the one place where every route's declared access (RouteAccess) is
// enforced before its handler runs.
//
// The guard authenticates the session (the HttpOnly cookie of the browser, or
// "Authorization: Bearer" for programs), checks the CSRF token of cookie sessions on every
// state-changing request, holds accounts with a pending forced password change to the
// "session" routes, and checks the policy's roles against the org node the route touches
// (AccessTarget). Handlers reach the caller through AccessOf and check nodes named in a body
// with Authorize.
//
// Answers: 401 "auth.required" without a session, the AuthService's 401 errors for a bad or
// expired one; 403 "auth.csrf_failed", "auth.password_change_required", "auth.forbidden". A
// target that does not exist is refused exactly like one outside the scope, unless the caller
// reaches the whole tree, so a refusal never reveals whether something exists.
//
// Policies (kPolicies in access.cpp lists their roles):
//   public          no session needed
//   session         any session, even one that must change its password first
//   authenticated   any session
//   org.read        every role, on the node's subtree
//   org.write       committee_admin, unit_admin
//   member.read     committee_admin, unit_admin, branch_secretary, auditor; a member their own file
//   member.write    committee_admin, unit_admin, branch_secretary
//   life.read       committee_admin, unit_admin, branch_secretary, auditor
//   life.write      committee_admin, unit_admin, branch_secretary
//   life.review     committee_admin, unit_admin
//   audit.read      committee_admin, auditor
//   user.admin      committee_admin, unit_admin (the AuthService checks each target account)
//   contest.bank    committee_admin
//   contest.manage  committee_admin, unit_admin, on the contest's scope
//   contest.take    no session: a contest pass (contest_pass.h) in the X-Contest-Pass header,
//                   for the contest of the path's ":id"; 401 "contest.pass_invalid" without
//                   a valid one, 403 "auth.forbidden" for another contest's pass. Handlers
//                   reach its holder through PassOf.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/auth/auth_service.h"
#include "domain/auth/contest_pass.h"
#include "domain/roster/roster.h"
#include "domain/write_context.h"
#include "http/request.h"
#include "http/router.h"

namespace dj::http {

inline constexpr char kSessionCookie[] = "dj_session";
inline constexpr char kCsrfHeader[] = "X-CSRF-Token";
inline constexpr char kPassHeader[] = "X-Contest-Pass";

// The caller of a request that passed the guard, as handlers see it.
struct Access {
  Caller caller;
  Scope scope;
  RoleSet roles;        // the roles of the route's policy
  bool cookie = false;  // authenticated by the session cookie (not a bearer token)
  std::string token;    // the session token as presented
};

// The roles of `policy`, or nullptr when no policy has that name (also for "public",
// "session" and "authenticated", which need no role).
const RoleSet* PolicyRoles(std::string_view policy);

// The node holding meeting record `id`, or nullopt when there is none (for kPathMeeting).
using MeetingNodeLookup = std::function<Result<std::optional<NodeId>>(int64_t id)>;

class AccessGuard {
 public:
  // All three must outlive the guard.
  AccessGuard(AuthService& auth, const Roster& roster, const Clock& clock,
              MeetingNodeLookup meeting_node = {}, const PassSigner* passes = nullptr)
      : auth_(auth),
        roster_(roster),
        clock_(clock),
        meeting_node_(std::move(meeting_node)),
        passes_(passes) {}

  // The router's guard: Ok, with the Access attached to `request`, or the refusal.
  Status Check(Request& request, const RouteInfo& route) const;

 private:
  Status CheckTarget(Request& request, const RouteInfo& route, const Access& access) const;
  Status CheckPass(Request& request) const;

  AuthService& auth_;
  const Roster& roster_;
  const Clock& clock_;
  MeetingNodeLookup meeting_node_;
  const PassSigner* passes_;  // null: every contest.take route is refused
};

// The holder of the contest pass of a request that passed the guard on a contest.take route.
std::optional<PassHolder> PassOf(const Request& request);

// The caller of `request`, or nullptr on a public route (or a request the guard never saw).
const Access* AccessOf(const Request& request);

// Ok when the caller may act on org node `node` under the route's policy; 403
// "auth.forbidden" otherwise, also for a node that does not exist unless the caller reaches
// the whole tree (then the handler answers its 404). Ok on a public route.
Status Authorize(const Request& request, NodeId node);
Status Authorize(const Access& access, NodeId node);

// Whether the caller may see member `member` (in branch `branch`) unmasked: they are that
// member, or may write member files on that branch.
bool MayUnmask(const Request& request, MemberId member, NodeId branch);
// Whether the caller may write the member files of every branch under `node`.
bool MayWriteMembersUnder(const Request& request, NodeId node);

// The roots of the subtrees the caller reaches under the route's policy; empty on a public
// route.
std::vector<NodeId> ScopeRoots(const Request& request);

// The session token of a request: the bearer token, else the session cookie; "" when neither.
// `cookie` tells which one it was.
std::string SessionToken(const Request& request, bool* cookie);

// The 403 answer for everything outside the caller's reach.
Error Forbidden();

}  // namespace dj::http
