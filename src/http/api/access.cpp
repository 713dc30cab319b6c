#include "http/api/access.h"

#include <array>
#include <memory>
#include <utility>

#include "http/api/api_support.h"

namespace dj::http {
namespace {

constexpr char kAccessAttribute[] = "auth";
constexpr char kPassAttribute[] = "pass";

struct Policy {
  std::string_view name;
  RoleSet roles;
  bool member_self = false;  // a member may reach their own file (AccessTarget::kPathMember)
};

const std::array<Policy, 11> kPolicies{{
    {"org.read", kAllRoles},
    {"org.write", {Role::kCommitteeAdmin, Role::kUnitAdmin}},
    {"member.read",
     {Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary, Role::kAuditor},
     /*member_self=*/true},
    {"member.write", {Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary}},
    {"life.read",
     {Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary, Role::kAuditor}},
    {"life.write", {Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary}},
    {"life.review", {Role::kCommitteeAdmin, Role::kUnitAdmin}},
    {"audit.read", {Role::kCommitteeAdmin, Role::kAuditor}},
    {"user.admin", kAdminRoles},
    {"contest.bank", {Role::kCommitteeAdmin}},
    {"contest.manage", {Role::kCommitteeAdmin, Role::kUnitAdmin}},
}};

// Policies that need a session but no role.
constexpr std::string_view kSessionPolicy = "session";
constexpr std::string_view kAuthenticatedPolicy = "authenticated";
constexpr std::string_view kPublicPolicy = "public";
constexpr std::string_view kContestTakePolicy = "contest.take";

const Policy* FindPolicy(std::string_view name) {
  for (const Policy& p : kPolicies) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

bool IsSafeMethod(Method method) {
  return method == Method::kGet || method == Method::kHead || method == Method::kOptions;
}

// The value of cookie `name` in a Cookie header ("a=1; b=2"); "" when absent.
std::string_view CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

Error Unauthenticated() { return Error::Unauthenticated("auth.required", "请先登录"); }

}  // namespace

Error Forbidden() { return Error::Forbidden("auth.forbidden", "没有权限访问该内容"); }

const RoleSet* PolicyRoles(std::string_view policy) {
  const Policy* p = FindPolicy(policy);
  return p != nullptr ? &p->roles : nullptr;
}

std::string SessionToken(const Request& request, bool* cookie) {
  *cookie = false;
  std::string_view authorization = request.Header("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() > kBearer.size() &&
      EqualsIgnoreCase(authorization.substr(0, kBearer.size()), kBearer)) {
    return std::string(authorization.substr(kBearer.size()));
  }
  for (const auto& [name, value] : request.headers()) {
    if (!EqualsIgnoreCase(name, "Cookie")) continue;
    std::string_view token = CookieValue(value, kSessionCookie);
    if (!token.empty()) {
      *cookie = true;
      return std::string(token);
    }
  }
  return {};
}

Status AccessGuard::Check(Request& request, const RouteInfo& route) const {
  const std::string& policy = route.access.policy;
  if (policy == kPublicPolicy) return Ok();
  if (policy == kContestTakePolicy) return CheckPass(request);
  const Policy* roles = FindPolicy(policy);
  if (roles == nullptr && policy != kSessionPolicy && policy != kAuthenticatedPolicy) {
    // A route without a known policy is a programmer error; refuse rather than open it.
    return Error::Internal("路由 " + route.pattern + " 的访问策略 " + policy + " 未定义");
  }

  bool cookie = false;
  std::string token = SessionToken(request, &cookie);
  if (token.empty()) return Unauthenticated();
  DJ_ASSIGN_OR_RETURN(Caller caller, auth_.Authenticate(token, clock_.NowUnixSeconds()));

  // A cross-site page can make the browser send the cookie but cannot read the CSRF token,
  // which only GET /api/auth/me and the login answer reveal to our own pages.
  if (cookie && !IsSafeMethod(request.method()) &&
      !CsrfTokenMatches(caller.session, request.Header(kCsrfHeader))) {
    return Error::Forbidden("auth.csrf_failed", "请求未携带有效的安全令牌，请刷新页面后重试");
  }
  if (caller.user.must_change_password && policy != kSessionPolicy) {
    return Error::Forbidden("auth.password_change_required", "请先修改初始密码");
  }

  Scope scope = auth_.ScopeOf(caller);
  auto access = std::make_shared<const Access>(Access{std::move(caller), std::move(scope),
                                                      roles != nullptr ? roles->roles : RoleSet{},
                                                      cookie, std::move(token)});
  request.attributes[kAccessAttribute] = access;
  if (roles == nullptr) return Ok();
  return CheckTarget(request, route, *access);
}

Status AccessGuard::CheckPass(Request& request) const {
  std::optional<PassHolder> holder;
  if (passes_ != nullptr) holder = passes_->Verify(request.Header(kPassHeader));
  if (!holder) {
    return Error::Unauthenticated("contest.pass_invalid",
                                  "参赛链接无效或已失效，请向组织者重新索取参赛链接");
  }
  if (ParseId(request.Param("id")) != holder->contest) return Forbidden();
  request.attributes[kPassAttribute] = *holder;
  return Ok();
}

Status AccessGuard::CheckTarget(Request& request, const RouteInfo& route,
                                const Access& access) const {
  const Policy& policy = *FindPolicy(route.access.policy);
  switch (route.access.target) {
    case AccessTarget::kNone:
    case AccessTarget::kBody:
    case AccessTarget::kPathRecord:
      return access.scope.HoldsAny(policy.roles) ? Ok() : Status(Forbidden());
    case AccessTarget::kPathNode: {
      std::optional<int64_t> id = ParseId(request.Param("id"));
      if (!id) return access.scope.HoldsAny(policy.roles) ? Ok() : Status(Forbidden());
      return Authorize(access, *id);
    }
    case AccessTarget::kPathMember: {
      std::optional<int64_t> id = ParseId(request.Param("id"));
      if (!id) return access.scope.HoldsAny(policy.roles) ? Ok() : Status(Forbidden());
      if (policy.member_self && access.caller.user.member_id == *id) return Ok();
      std::optional<NodeId> branch = roster_.BranchOf(*id);
      if (!branch) {
        return access.scope.ReachesEverything(policy.roles) ? Ok() : Status(Forbidden());
      }
      return Authorize(access, *branch);
    }
    case AccessTarget::kPathMeeting: {
      std::optional<int64_t> id = ParseId(request.Param("id"));
      if (!id || !meeting_node_) {
        return access.scope.HoldsAny(policy.roles) ? Ok() : Status(Forbidden());
      }
      DJ_ASSIGN_OR_RETURN(std::optional<NodeId> node, meeting_node_(*id));
      if (!node) {
        return access.scope.ReachesEverything(policy.roles) ? Ok() : Status(Forbidden());
      }
      return Authorize(access, *node);
    }
    case AccessTarget::kQuerySubtree:
    case AccessTarget::kQueryNode: {
      std::optional<std::string> subtree =
          request.Query(route.access.target == AccessTarget::kQueryNode ? "node" : "subtree");
      std::optional<int64_t> id = subtree ? ParseId(*subtree) : std::nullopt;
      // Absent or malformed: the handler reports it or filters by the caller's scope.
      if (!id) return access.scope.HoldsAny(policy.roles) ? Ok() : Status(Forbidden());
      return Authorize(access, *id);
    }
  }
  return Forbidden();
}

const Access* AccessOf(const Request& request) {
  auto it = request.attributes.find(kAccessAttribute);
  if (it == request.attributes.end()) return nullptr;
  const auto* access = std::any_cast<std::shared_ptr<const Access>>(&it->second);
  return access != nullptr ? access->get() : nullptr;
}

std::optional<PassHolder> PassOf(const Request& request) {
  auto it = request.attributes.find(kPassAttribute);
  if (it == request.attributes.end()) return std::nullopt;
  const auto* holder = std::any_cast<PassHolder>(&it->second);
  return holder != nullptr ? std::optional<PassHolder>(*holder) : std::nullopt;
}

Status Authorize(const Access& access, NodeId node) {
  if (access.scope.HasAnyRole(access.roles, node)) return Ok();
  // Reaching the whole tree, only a node that does not exist is out of reach: the handler
  // answers its 404.
  if (access.scope.ReachesEverything(access.roles)) return Ok();
  return Forbidden();
}

Status Authorize(const Request& request, NodeId node) {
  const Access* access = AccessOf(request);
  return access == nullptr ? Ok() : Authorize(*access, node);
}

bool MayUnmask(const Request& request, MemberId member, NodeId branch) {
  const Access* access = AccessOf(request);
  if (access == nullptr) return false;
  if (access->caller.user.member_id == member) return true;
  return access->scope.HasAnyRole(*PolicyRoles("member.write"), branch);
}

bool MayWriteMembersUnder(const Request& request, NodeId node) {
  const Access* access = AccessOf(request);
  return access != nullptr && access->scope.HasAnyRole(*PolicyRoles("member.write"), node);
}

std::vector<NodeId> ScopeRoots(const Request& request) {
  const Access* access = AccessOf(request);
  if (access == nullptr) return {};
  return access->scope.Roots(access->roles);
}

}  // namespace dj::http
