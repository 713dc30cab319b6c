// Routes requests by method and path pattern to handlers, behind one guard.
//
// Patterns are absolute paths of exact segments and ":name" parameter segments, e.g.
// "/api/orgs/:id/children". Matching is by decoded segment; an exact segment wins over a
// parameter at the same position, and the search backtracks if the exact branch fails deeper.
//
// Trailing slashes are significant and never match: "/api/orgs/" does not match "/api/orgs"
// (404), and empty segments ("/api//orgs") match nothing. Only the root pattern "/" ends in
// a slash. A parameter matches one non-empty segment.
//
// A HEAD request is served by the GET route of the same path unless a HEAD route exists; the
// server then drops the body.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "http/request.h"

namespace dj::http {

// Which org node a route touches, so that the guard can check the caller's scope on it
// before the handler runs.
enum class AccessTarget {
  kNone,          // none: the caller must hold a role of the policy somewhere
  kPathNode,      // path parameter ":id" is an org node
  kPathMember,    // path parameter ":id" is a member; their (current or last) branch counts
  kPathMeeting,   // path parameter ":id" is a meeting record; the node holding it counts
  kQuerySubtree,  // query parameter "subtree" when given; the handler filters by scope
  kQueryNode,     // query parameter "node" when given; the handler uses the caller's root else
  kBody,          // nodes named in the body: the handler checks each one (http::Authorize)
  kPathRecord,    // path parameter ":id" is a record naming nodes (a transfer's two branches):
                  // the handler loads it and checks the node its action needs (http::Authorize)
};

// Who may call a route, declared next to the route so that a test can check every route
// against the authorisation matrix. Interpreted only by the guard.
struct RouteAccess {
  std::string policy;
  AccessTarget target = AccessTarget::kNone;
};

struct RouteInfo {
  Method method = Method::kGet;
  std::string pattern;
  RouteAccess access;
  size_t body_limit = 0;  // bytes a request body may have; 0: the server's default
};

// Answers one request. Runs synchronously on an io thread, concurrently with other requests;
// errors are answered through ErrorResponse. A handler must not keep references into the
// request after returning.
using Handler = std::function<Result<Response>(Request&)>;

// Runs before every matched handler (never for 404/405 or static files); an error is answered
// instead of calling the handler. May attach values to request.attributes for the handler.
// Called concurrently from the io threads.
using Guard = std::function<Status(Request&, const RouteInfo&)>;

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Registers `handler` for `method` on `pattern`. A malformed pattern, a second route with
  // the same method and pattern, or two parameter names at the same position
  // ("/a/:id" and "/a/:name") is a programmer error: throws std::invalid_argument.
  // Not thread-safe: add every route before the server starts.
  // `body_limit` raises (or lowers) the server's body limit for this route, for uploads.
  void Add(Method method, std::string_view pattern, Handler handler, RouteAccess access = {},
           size_t body_limit = 0);

  // The body limit of the route that `method` on `target` (a path, with or without a query)
  // would reach, or 0 when it has none of its own or no route matches. Read by the server
  // between the request head and the body. Thread-safe once routes are added.
  size_t BodyLimit(Method method, std::string_view target) const;
  // The largest body limit any route declares (0 when none does).
  size_t MaxBodyLimit() const;

  // Installs the guard, replacing any earlier one. Not thread-safe, as Add.
  void SetGuard(Guard guard);

  // Every registered route in the order added.
  const std::vector<RouteInfo>& routes() const;

  // Answers `request`: 404 envelope (route.not_found) when no route has its path, 405
  // (route.method_not_allowed, with an Allow header) when routes have the path but not the
  // method; otherwise the guard, then the handler. Handler and guard errors go through
  // ErrorResponse; a std::exception (or anything else) thrown by them is logged and answered
  // 500. Never throws. Thread-safe once routes are added (handlers run concurrently).
  Response Dispatch(Request& request) const;

  // As Dispatch, but nullopt instead of the 404 answer, so the server can fall back to static
  // files.
  std::optional<Response> TryDispatch(Request& request) const;

 private:
  struct Node;
  struct Route;

  std::unique_ptr<Node> root_;
  std::vector<Route> routes_table_;
  std::vector<RouteInfo> routes_;
  Guard guard_;
};

// The 404 envelope for a path that no route or file serves.
Response NotFoundResponse(const Request& request);

}  // namespace dj::http
