#include "http/api/auth_controller.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/text.h"
#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {
namespace {

using nlohmann::json;

constexpr int64_t kMaxUserPageSize = 200;

json NodeRef(NodeId id, const Roster& roster) {
  std::optional<OrgNode> node = roster.GetNode(id);
  return {{"id", id}, {"name", node ? json(node->name) : json(nullptr)}};
}

// An account as admins and its owner see it; never the password hash.
json UserJson(const User& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"phone", user.phone ? json(*user.phone) : json(nullptr)},
          {"member_id", user.member_id ? json(*user.member_id) : json(nullptr)},
          {"must_change_password", user.must_change_password},
          {"disabled", user.disabled},
          {"created_at", user.created_at},
          {"password_changed_at", user.password_changed_at}};
}

json GrantJson(const RoleGrant& grant, const Roster& roster) {
  std::optional<OrgNode> node = roster.GetNode(grant.node_id);
  return {{"id", grant.id},
          {"user_id", grant.user_id},
          {"role", RoleId(grant.role)},
          {"role_label", RoleLabel(grant.role)},
          {"node_id", grant.node_id},
          {"node_name", node ? json(node->name) : json(nullptr)}};
}

json GrantsJson(const std::vector<RoleGrant>& grants, const Roster& roster) {
  json out = json::array();
  for (const RoleGrant& g : grants) out.push_back(GrantJson(g, roster));
  return out;
}

json LockJson(const LoginCounter& lock) {
  return {{"kind", LockKindId(lock.kind)},     {"subject", lock.subject},
          {"failures", lock.failures},         {"last_failed_at", lock.last_failed_at},
          {"locked_until", lock.locked_until}, {"unlocks_at", UnlockTimeText(lock.locked_until)}};
}

// Everything the client needs about its own session: who, with which roles where, the roots
// of the org tree it may open, and the CSRF token to send with every state-changing request.
json SessionJson(const Caller& caller, const Scope& scope, const Roster& roster) {
  json roots = json::array();
  for (NodeId id : scope.Roots(kAllRoles)) roots.push_back(NodeRef(id, roster));
  return {{"user", UserJson(caller.user)},
          {"grants", GrantsJson(caller.grants, roster)},
          {"roots", std::move(roots)},
          {"csrf_token", caller.session.csrf_token},
          {"expires_at", caller.session.expires_at},
          {"must_change_password", caller.user.must_change_password}};
}

std::string SessionCookie(const Request& request, std::string_view token, int64_t max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  // Behind a TLS-terminating proxy (docs/security.md) the cookie never travels in clear.
  if (EqualsIgnoreCase(request.Header("X-Forwarded-Proto"), "https")) cookie += "; Secure";
  return cookie;
}

const Access& CallerOf(const Request& request) {
  // The guard attaches an Access to every request of a non-public route.
  return *AccessOf(request);
}

// The role named by `field`; a problem recorded (and kMember returned) when it is not one.
Role ReadRole(JsonReader& in, std::string_view field) {
  std::string id = in.Required<std::string>(field);
  if (!in.ok()) return Role::kMember;
  std::optional<Role> role = ParseRole(id);
  if (!role) {
    in.AddError(std::string(field), id, "request.invalid_choice",
                "字段 " + std::string(field) + " 的取值 " + id +
                    " 无效，可选：committee_admin、unit_admin、branch_secretary、member、"
                    "reviewer、auditor");
    return Role::kMember;
  }
  return *role;
}

Result<UserUpdate> ReadUserUpdate(const json& body) {
  JsonReader in(body);
  UserUpdate update;
  update.display_name = in.Required<std::string>("display_name");
  update.phone = in.Optional<std::string>("phone");
  update.member_id = in.Optional<int64_t>("member_id");
  update.disabled = in.Optional<bool>("disabled").value_or(false);
  DJ_RETURN_IF_ERROR(in.Finish());
  return update;
}

}  // namespace

void AddAuthRoutes(Router& router, AuthService& auth, const Roster& roster, const Clock& clock) {
  const RouteAccess session{"session"};
  const RouteAccess admin{"user.admin"};

  router.Add(
      Method::kPost, "/api/auth/login",
      [&auth, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        LoginRequest login;
        login.identifier = in.Required<std::string>("username");
        login.password = in.Required<std::string>("password");
        std::optional<std::string> kind = in.Optional<std::string>("session");
        if (kind && *kind != "cookie" && *kind != "bearer") {
          in.AddError("session", *kind, "request.invalid_choice",
                      "字段 session 的取值 " + *kind + " 无效，可选：cookie、bearer");
        }
        DJ_RETURN_IF_ERROR(in.Finish());
        login.address = request.remote_address;
        login.request_id = request.request_id;
        Result<LoginResult> attempt = auth.Login(login, clock.NowUnixSeconds());
        if (!attempt.ok()) {
          Response refused = ErrorResponse(attempt.error(), request.request_id);
          if (attempt.error().code == ErrorCode::kUnauthenticated) {
            refused.delay = std::chrono::milliseconds(auth.policy().failed_login_delay_ms);
          }
          return refused;
        }
        LoginResult& result = *attempt;
        json out = SessionJson(result.caller, auth.ScopeOf(result.caller), roster);
        const bool bearer = kind && *kind == "bearer";
        if (bearer) out["token"] = result.token;
        Response response = JsonOk(std::move(out));
        if (!bearer)
          response.SetHeader("Set-Cookie", SessionCookie(request, result.token,
                                                         auth.policy().session_lifetime_seconds));
        return response;
      },
      RouteAccess{"public"});

  router.Add(
      Method::kPost, "/api/auth/logout",
      [&auth](Request& request) -> Result<Response> {
        const Access& access = CallerOf(request);
        DJ_RETURN_IF_ERROR(auth.Logout(access.token));
        Response response = JsonOk(json::object());
        if (access.cookie) response.SetHeader("Set-Cookie", SessionCookie(request, "", 0));
        return response;
      },
      session);

  router.Add(
      Method::kGet, "/api/auth/me",
      [&roster](Request& request) -> Result<Response> {
        const Access& access = CallerOf(request);
        return JsonOk(SessionJson(access.caller, access.scope, roster));
      },
      session);

  router.Add(
      Method::kPost, "/api/auth/password",
      [&auth, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        std::string old_password = in.Required<std::string>("old_password");
        std::string new_password = in.Required<std::string>("new_password");
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_RETURN_IF_ERROR(auth.ChangePassword(WriteContextOf(request), CallerOf(request).caller,
                                               old_password, new_password, clock.NowUnixSeconds()));
        return JsonOk(json::object());
      },
      session);

  // --- Administration.

  router.Add(
      Method::kGet, "/api/users",
      [&auth](Request& request) -> Result<Response> {
        QueryReader in(request);
        UserQuery query;
        query.text = in.Text("q").value_or("");
        QueryReader::Page page = in.Paging(20, kMaxUserPageSize);
        DJ_RETURN_IF_ERROR(in.Finish());
        query.limit = page.size;
        query.offset = page.offset();
        DJ_ASSIGN_OR_RETURN(UserPage found, auth.ListUsers(CallerOf(request).scope, query));
        json items = json::array();
        for (const User& u : found.users) items.push_back(UserJson(u));
        return JsonOk({{"total", found.total},
                       {"page", page.page},
                       {"page_size", page.size},
                       {"items", std::move(items)}});
      },
      admin);

  router.Add(
      Method::kPost, "/api/users",
      [&auth, &roster, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        NewUser user;
        user.username = in.Required<std::string>("username");
        user.display_name = in.Required<std::string>("display_name");
        user.phone = in.Optional<std::string>("phone");
        user.member_id = in.Optional<int64_t>("member_id");
        user.password = in.Required<std::string>("password");
        json grants = in.Optional<json>("grants").value_or(json::array());
        if (!grants.is_array()) {
          in.AddError("grants", FieldValueText(grants), "request.wrong_type",
                      "字段 grants 应为数组");
        } else {
          for (size_t i = 0; i < grants.size(); ++i) {
            JsonReader g(grants[i], static_cast<int>(i + 1));
            Role role = ReadRole(g, "role");
            NodeId node = g.Required<int64_t>("node_id");
            Status status = g.Finish();
            if (!status.ok()) {
              for (const FieldError& e : status.error().fields) {
                in.AddError("grants." + e.field, e.value, e.key, e.message);
              }
              continue;
            }
            user.grants.push_back(RoleGrant{0, 0, role, node});
          }
        }
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_ASSIGN_OR_RETURN(User created,
                            auth.CreateUser(WriteContextOf(request), CallerOf(request).scope,
                                            std::move(user), clock.NowUnixSeconds()));
        DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> granted,
                            auth.ListGrants(CallerOf(request).scope, created.id));
        json out = UserJson(created);
        out["grants"] = GrantsJson(granted, roster);
        return JsonOk(std::move(out), 201);
      },
      admin);

  router.Add(
      Method::kGet, "/api/users/:id",
      [&auth, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(UserId id, PathId(request));
        const Scope& scope = CallerOf(request).scope;
        DJ_ASSIGN_OR_RETURN(User user, auth.GetUser(scope, id));
        DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, auth.ListGrants(scope, id));
        json out = UserJson(user);
        out["grants"] = GrantsJson(grants, roster);
        return JsonOk(std::move(out));
      },
      admin);

  router.Add(
      Method::kPut, "/api/users/:id",
      [&auth](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(UserId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        DJ_ASSIGN_OR_RETURN(UserUpdate update, ReadUserUpdate(body));
        DJ_ASSIGN_OR_RETURN(User updated, auth.UpdateUser(WriteContextOf(request),
                                                          CallerOf(request).scope, id, update));
        return JsonOk(UserJson(updated));
      },
      admin);

  router.Add(
      Method::kDelete, "/api/users/:id",
      [&auth](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(UserId id, PathId(request));
        DJ_RETURN_IF_ERROR(auth.DeleteUser(WriteContextOf(request), CallerOf(request).scope, id));
        return JsonOk(json{{"id", id}});
      },
      admin);

  router.Add(
      Method::kPost, "/api/users/:id/password",
      [&auth, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(UserId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        std::string password = in.Required<std::string>("password");
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_RETURN_IF_ERROR(auth.ResetPassword(WriteContextOf(request), CallerOf(request).scope, id,
                                              password, clock.NowUnixSeconds()));
        return JsonOk(json{{"id", id}});
      },
      admin);

  router.Add(
      Method::kGet, "/api/users/:id/grants",
      [&auth, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(UserId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants,
                            auth.ListGrants(CallerOf(request).scope, id));
        return JsonOk(GrantsJson(grants, roster));
      },
      admin);

  router.Add(
      Method::kPost, "/api/users/:id/grants",
      [&auth, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(UserId id, PathId(request));
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        Role role = ReadRole(in, "role");
        NodeId node = in.Required<int64_t>("node_id");
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_ASSIGN_OR_RETURN(
            RoleGrant grant,
            auth.AddGrant(WriteContextOf(request), CallerOf(request).scope, id, role, node));
        return JsonOk(GrantJson(grant, roster), 201);
      },
      admin);

  router.Add(
      Method::kDelete, "/api/grants/:id",
      [&auth](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(GrantId id, PathId(request));
        DJ_RETURN_IF_ERROR(auth.RemoveGrant(WriteContextOf(request), CallerOf(request).scope, id));
        return JsonOk(json{{"id", id}});
      },
      admin);

  router.Add(
      Method::kGet, "/api/auth/locks",
      [&auth, &clock](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(std::vector<LoginCounter> locks,
                            auth.ListLocks(CallerOf(request).scope, clock.NowUnixSeconds()));
        json out = json::array();
        for (const LoginCounter& lock : locks) out.push_back(LockJson(lock));
        return JsonOk(std::move(out));
      },
      admin);

  router.Add(
      Method::kPost, "/api/auth/locks/lift",
      [&auth](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
        JsonReader in(body);
        std::string kind = in.Required<std::string>("kind");
        std::string subject = in.Required<std::string>("subject");
        std::optional<LockKind> parsed = ParseLockKind(kind);
        if (in.ok() && !parsed) {
          in.AddError("kind", kind, "request.invalid_choice",
                      "字段 kind 的取值 " + kind + " 无效，可选：account、address");
        }
        DJ_RETURN_IF_ERROR(in.Finish());
        DJ_RETURN_IF_ERROR(
            auth.Unlock(WriteContextOf(request), CallerOf(request).scope, {*parsed, subject}));
        return JsonOk(json{{"kind", kind}, {"subject", subject}});
      },
      admin);
}

}  // namespace dj::http
