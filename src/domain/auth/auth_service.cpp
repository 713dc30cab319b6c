#include "domain/auth/auth_service.h"

#include <algorithm>
#include <utility>

#include "common/text.h"
#include "domain/auth/password.h"

namespace dj {
namespace {

constexpr size_t kMaxIdentifierBytes = 64;
constexpr size_t kMaxDisplayNameLength = 30;

Error Unauthenticated(std::string key, std::string message) {
  return {ErrorCode::kUnauthenticated, std::move(key), std::move(message), {}};
}

Error BadCredentials() { return Unauthenticated("auth.bad_credentials", "用户名或密码错误"); }

Error SessionInvalid() {
  return Unauthenticated("auth.session_invalid", "登录状态无效，请重新登录");
}

Error SessionExpired() { return Unauthenticated("auth.session_expired", "登录已超时，请重新登录"); }

Error LockedError(const LoginCounter& counter) {
  if (counter.kind == LockKind::kAccount) {
    return Unauthenticated("auth.locked", "连续登录失败次数过多，账号已锁定，请于 " +
                                              UnlockTimeText(counter.locked_until) + " 后再试");
  }
  return Unauthenticated("auth.address_locked", "该网络地址登录失败次数过多，已暂停登录，请于 " +
                                                    UnlockTimeText(counter.locked_until) +
                                                    " 后再试");
}

Error NotAdmin() { return Error::Forbidden("auth.not_admin", "只有管理员可以管理账号"); }

Error UserForbidden() { return Error::Forbidden("auth.user_forbidden", "无权管理该账号"); }

// Names neither the node nor anything else the actor may not see, so the answer is the same
// for a node out of reach and one that does not exist.
Error GrantNotAllowed(Role role) {
  return Error::Forbidden("auth.grant_not_allowed",
                          std::string("无权在该组织授予“") + RoleLabel(role) + "”角色");
}

Error RevokeNotAllowed() { return Error::Forbidden("auth.grant_not_allowed", "无权撤销该角色"); }

Error MemberNotAllowed() {
  return Error::Forbidden("auth.member_not_allowed", "无权将账号关联到该党员");
}

Error OwnGrants() {
  return Error::InvalidArgument("auth.cannot_change_own_grants",
                                "不能修改自己的角色，请由其他管理员操作");
}

bool IsGlobalAdmin(const Scope& actor) {
  return actor.ReachesEverything(RoleSet{Role::kCommitteeAdmin});
}

}  // namespace

WriteContext CallerContext(const Caller& caller, std::string address, std::string request_id) {
  return {caller.user.id, caller.user.display_name + "（" + caller.user.username + "）",
          std::move(address), std::move(request_id)};
}

AuthService::AuthService(AuthRepository& repo, const Roster& roster, AuthPolicy policy)
    : repo_(repo),
      roster_(roster),
      policy_(policy),
      // A hash of a random password nobody knows; verifying against it costs what a real
      // verification does. Empty only if hashing itself fails, which Login then reports.
      dummy_hash_([&] {
        Result<std::string> hash = HashPassword(NewSessionToken(), policy.password_cost);
        return hash.ok() ? *hash : std::string();
      }()) {}

std::vector<LoginCounterKey> AuthService::CounterKeys(const std::string& account,
                                                      const std::string& address) const {
  std::vector<LoginCounterKey> keys{{LockKind::kAccount, account}};
  if (!address.empty()) keys.push_back({LockKind::kAddress, address});
  return keys;
}

Status AuthService::CountAttempt(const std::vector<LoginCounterKey>& keys, int64_t now) {
  std::optional<LoginCounter> lock;
  auto update = [&](const std::vector<std::optional<LoginCounter>>& current) {
    lock.reset();
    for (const auto& c : current) {
      if (IsLocked(c, now)) {
        lock = *c;
        return current;  // a refused attempt is not counted
      }
    }
    std::vector<std::optional<LoginCounter>> next;
    for (size_t i = 0; i < keys.size(); ++i) {
      const LockRule& rule =
          keys[i].kind == LockKind::kAccount ? policy_.account_lock : policy_.address_lock;
      next.push_back(dj::CountAttempt(current[i], keys[i], rule, now));
    }
    return next;
  };
  DJ_RETURN_IF_ERROR(repo_.UpdateLoginCounters(keys, update));
  if (lock) return LockedError(*lock);
  return Ok();
}

Status AuthService::ForgetSuccess(const std::vector<LoginCounterKey>& keys) {
  auto update = [&](const std::vector<std::optional<LoginCounter>>& current) {
    std::vector<std::optional<LoginCounter>> next;
    for (size_t i = 0; i < keys.size(); ++i) {
      const LockRule& rule =
          keys[i].kind == LockKind::kAccount ? policy_.account_lock : policy_.address_lock;
      next.push_back(dj::ForgetSuccess(current[i], rule));
    }
    return next;
  };
  DJ_RETURN_IF_ERROR(repo_.UpdateLoginCounters(keys, update));
  return Ok();
}

Result<LoginResult> AuthService::Login(const LoginRequest& request, int64_t now) {
  std::string identifier = CanonicalLoginName(request.identifier);
  if (identifier.empty() || request.password.empty()) {
    return Error::InvalidArgument("auth.credentials_required", "请输入用户名（或手机号）和密码");
  }
  if (dummy_hash_.empty()) {
    return Error{ErrorCode::kInternal, "auth.hash_failed", "密码哈希失败：内存不足", {}};
  }
  std::optional<User> user;
  if (identifier.size() > kMaxIdentifierBytes) {
    identifier.resize(kMaxIdentifierBytes);  // no account has such a name; bound the counter
  } else {
    DJ_ASSIGN_OR_RETURN(user, IsMobileNumber(identifier) ? repo_.FindUserByPhone(identifier)
                                                         : repo_.FindUserByUsername(identifier));
  }
  // Unknown names are counted and locked like accounts, so a lock does not tell either.
  const std::vector<LoginCounterKey> keys =
      CounterKeys(user ? user->username : identifier, request.address);
  DJ_RETURN_IF_ERROR(CountAttempt(keys, now));

  const bool password_ok =
      VerifyPassword(request.password, user ? user->password_hash : dummy_hash_);
  if (!user || !password_ok) return BadCredentials();
  DJ_RETURN_IF_ERROR(ForgetSuccess(keys));
  if (user->disabled) {
    return Error::Forbidden("auth.account_disabled", "账号已停用，请联系管理员");
  }

  if (PasswordNeedsRehash(user->password_hash, policy_.password_cost)) {
    // Best effort: a failure (say, a concurrent login upgrading the same hash) leaves the old
    // hash, which still verifies, for next time.
    if (Result<std::string> rehashed = HashPassword(request.password, policy_.password_cost);
        rehashed.ok()) {
      User after = *user;
      after.password_hash = std::move(*rehashed);
      WriteContext ctx{user->id, user->display_name + "（" + user->username + "）", request.address,
                       request.request_id};
      if (repo_.UpdateUser(ctx, *user, after, UserChange::kPasswordRehash).ok()) {
        user = std::move(after);
      }
    }
  }

  LoginResult result;
  result.token = NewSessionToken();
  Session& session = result.caller.session;
  session.token_hash = SessionTokenHash(result.token);
  session.user_id = user->id;
  session.csrf_token = NewCsrfToken();
  session.address = request.address;
  session.created_at = now;
  session.last_seen_at = now;
  session.expires_at = now + policy_.session_lifetime_seconds;
  DJ_RETURN_IF_ERROR(repo_.InsertSession(session));
  DJ_ASSIGN_OR_RETURN(result.caller.grants, repo_.ListGrants(user->id));
  result.caller.user = std::move(*user);
  return result;
}

Result<Caller> AuthService::Authenticate(std::string_view token, int64_t now) {
  if (!IsWellFormedSessionToken(token)) return SessionInvalid();
  const std::string hash = SessionTokenHash(token);
  DJ_ASSIGN_OR_RETURN(std::optional<Session> session, repo_.FindSession(hash));
  if (!session) return SessionInvalid();
  if (now >= session->expires_at || now - session->last_seen_at >= policy_.session_idle_seconds) {
    (void)repo_.DeleteSession(hash);  // best effort: PurgeExpired catches what is left
    return SessionExpired();
  }
  Result<User> user = repo_.GetUser(session->user_id);
  if (!user.ok()) {
    if (user.error().code == ErrorCode::kNotFound) return SessionInvalid();
    return std::move(user).error();
  }
  if (user->disabled) {
    (void)repo_.DeleteSession(hash);
    return SessionInvalid();
  }
  Caller caller;
  DJ_ASSIGN_OR_RETURN(caller.grants, repo_.ListGrants(user->id));
  if (now - session->last_seen_at >= policy_.session_touch_seconds) {
    // Best effort: a request that only reads must not fail because the database is busy
    // writing; the next request touches the session again.
    if (repo_.TouchSession(hash, now).ok()) session->last_seen_at = now;
  }
  caller.user = std::move(*user);
  caller.session = std::move(*session);
  return caller;
}

Status AuthService::Logout(std::string_view token) {
  if (!IsWellFormedSessionToken(token)) return Ok();
  return repo_.DeleteSession(SessionTokenHash(token));
}

Status AuthService::ChangePassword(const WriteContext& ctx, const Caller& caller,
                                   std::string_view old_password, std::string_view new_password,
                                   int64_t now) {
  DJ_ASSIGN_OR_RETURN(User before, repo_.GetUser(caller.user.id));
  const std::vector<LoginCounterKey> keys = CounterKeys(before.username, ctx.address);
  DJ_RETURN_IF_ERROR(CountAttempt(keys, now));
  if (!VerifyPassword(old_password, before.password_hash)) {
    return Error::InvalidArgument("auth.old_password_wrong", "原密码不正确");
  }
  DJ_RETURN_IF_ERROR(ForgetSuccess(keys));
  if (old_password == new_password) {
    return Error::InvalidArgument("auth.password_unchanged", "新密码不能与原密码相同");
  }
  DJ_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, before.username, "new_password"));
  DJ_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, policy_.password_cost));
  User after = before;
  after.password_hash = std::move(hash);
  after.must_change_password = false;
  after.password_changed_at = now;
  DJ_RETURN_IF_ERROR(repo_.UpdateUser(ctx, before, after, UserChange::kPasswordChange));
  DJ_RETURN_IF_ERROR(repo_.DeleteSessionsOfUser(before.id, caller.session.token_hash));
  return Ok();
}

// --- Administration.

std::vector<FieldError> AuthService::CheckProfile(const std::optional<std::string>& phone,
                                                  const std::string& display_name,
                                                  const std::optional<MemberId>& member_id) const {
  std::vector<FieldError> out;
  if (display_name.empty()) {
    out.push_back({0, "display_name", "", "required", "姓名不能为空"});
  } else if (!IsValidUtf8(display_name) || Utf8Length(display_name) > kMaxDisplayNameLength) {
    out.push_back({0, "display_name", display_name, "too_long", "姓名不能超过30个字"});
  }
  if (phone && !IsMobileNumber(*phone)) {
    out.push_back({0, "phone", *phone, "phone_invalid", "手机号应为11位手机号码"});
  }
  if (member_id && !roster_.HasMember(*member_id)) {
    out.push_back({0, "member_id", std::to_string(*member_id), "member_not_found",
                   "党员（编号 " + std::to_string(*member_id) + "）不存在"});
  }
  return out;
}

Status AuthService::CheckMemberLink(const Scope& actor, std::optional<MemberId> before,
                                    std::optional<MemberId> after) const {
  if (!after || after == before || IsGlobalAdmin(actor)) return Ok();
  std::optional<NodeId> branch = roster_.BranchOf(*after);
  if (!branch || !actor.HasAnyRole(kAdminRoles, *branch)) return MemberNotAllowed();
  return Ok();
}

namespace {

// Trims the profile fields; an empty phone is none.
void NormalizeProfile(std::optional<std::string>& phone, std::string& display_name) {
  display_name = NormalizeInput(display_name);
  if (phone) {
    phone = NormalizeInput(*phone);
    if (phone->empty()) phone.reset();
  }
}

}  // namespace

Result<User> AuthService::Create(const WriteContext& ctx, const Scope* actor, NewUser nu,
                                 int64_t now) {
  if (actor != nullptr && !actor->HoldsAny(kAdminRoles)) return NotAdmin();
  nu.username = CanonicalLoginName(nu.username);
  NormalizeProfile(nu.phone, nu.display_name);
  std::vector<FieldError> problems;
  if (std::string reason = ValidateUsername(nu.username); !reason.empty()) {
    problems.push_back({0, "username", nu.username, "username_invalid", std::move(reason)});
  }
  std::vector<FieldError> profile =
      CheckProfile(nu.phone, nu.display_name,
                   actor == nullptr || IsGlobalAdmin(*actor) ? nu.member_id : std::nullopt);
  problems.insert(problems.end(), profile.begin(), profile.end());
  if (Status policy = CheckPasswordPolicy(nu.password, nu.username, "password"); !policy.ok()) {
    for (const FieldError& f : policy.error().fields) problems.push_back(f);
  }
  std::vector<RoleGrant> grants;
  for (size_t i = 0; i < nu.grants.size(); ++i) {
    const RoleGrant& g = nu.grants[i];
    // For an admin who does not reach the whole tree a missing node is refused below exactly
    // like one out of reach.
    if (!roster_.IsInSubtree(g.node_id, g.node_id) && (actor == nullptr || IsGlobalAdmin(*actor))) {
      problems.push_back({0, "grants[" + std::to_string(i) + "].node_id", std::to_string(g.node_id),
                          "node_not_found", "组织 " + std::to_string(g.node_id) + " 不存在"});
      continue;
    }
    auto same = [&](const RoleGrant& o) { return o.role == g.role && o.node_id == g.node_id; };
    if (std::none_of(grants.begin(), grants.end(), same)) {
      grants.push_back({0, 0, g.role, g.node_id});
    }
  }
  if (!problems.empty()) return Error::Validation(std::move(problems));
  if (actor != nullptr) {
    for (const RoleGrant& g : grants) {
      if (!actor->CanGrant(g.role, g.node_id)) return GrantNotAllowed(g.role);
    }
    DJ_RETURN_IF_ERROR(CheckMemberLink(*actor, std::nullopt, nu.member_id));
  }

  User user;
  user.username = std::move(nu.username);
  user.phone = std::move(nu.phone);
  user.display_name = std::move(nu.display_name);
  user.member_id = nu.member_id;
  user.must_change_password = actor != nullptr || nu.must_change_password;
  user.created_at = now;
  user.password_changed_at = now;
  if (actor != nullptr && !actor->CanManage(user, grants)) {
    return Error::InvalidArgument("auth.grants_required",
                                  "请为新账号至少授予一个您管辖范围内的角色");
  }
  DJ_ASSIGN_OR_RETURN(user.password_hash, HashPassword(nu.password, policy_.password_cost));
  return repo_.InsertUser(ctx, user, grants);
}

Result<User> AuthService::CreateUser(const WriteContext& ctx, const Scope& actor, NewUser user,
                                     int64_t now) {
  return Create(ctx, &actor, std::move(user), now);
}

Result<User> AuthService::CreateUserAsSystem(const WriteContext& ctx, NewUser user, int64_t now) {
  return Create(ctx, nullptr, std::move(user), now);
}

Result<AuthService::Target> AuthService::LoadManaged(const Scope& actor, UserId id) {
  if (!actor.HoldsAny(kAdminRoles)) return NotAdmin();
  Result<User> user = repo_.GetUser(id);
  if (!user.ok()) {
    if (user.error().code == ErrorCode::kNotFound && !IsGlobalAdmin(actor)) return UserForbidden();
    return std::move(user).error();
  }
  DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, repo_.ListGrants(id));
  if (!actor.CanManage(*user, grants)) return UserForbidden();
  return Target{std::move(*user), std::move(grants)};
}

Result<User> AuthService::GetUser(const Scope& actor, UserId id) {
  DJ_ASSIGN_OR_RETURN(Target target, LoadManaged(actor, id));
  return std::move(target.user);
}

Result<UserPage> AuthService::ListUsers(const Scope& actor, UserQuery query) {
  if (!actor.HoldsAny(kAdminRoles)) return NotAdmin();
  if (IsGlobalAdmin(actor)) {
    query.nodes.reset();
  } else {
    query.nodes = roster_.NodesUnder(actor.Roots(kAdminRoles));
  }
  query.text = NormalizeInput(query.text);
  return repo_.ListUsers(query);
}

Result<User> AuthService::UpdateUser(const WriteContext& ctx, const Scope& actor, UserId id,
                                     UserUpdate update) {
  DJ_ASSIGN_OR_RETURN(Target target, LoadManaged(actor, id));
  NormalizeProfile(update.phone, update.display_name);
  const bool relink = update.member_id != target.user.member_id;
  std::vector<FieldError> problems =
      CheckProfile(update.phone, update.display_name,
                   relink && IsGlobalAdmin(actor) ? update.member_id : std::nullopt);
  if (!problems.empty()) return Error::Validation(std::move(problems));
  if (relink) DJ_RETURN_IF_ERROR(CheckMemberLink(actor, target.user.member_id, update.member_id));
  if (update.disabled && id == actor.user_id()) {
    return Error::InvalidArgument("auth.cannot_disable_self", "不能停用自己的账号");
  }
  User after = target.user;
  after.phone = std::move(update.phone);
  after.display_name = std::move(update.display_name);
  after.member_id = update.member_id;
  after.disabled = update.disabled;
  if (after == target.user) return after;
  DJ_RETURN_IF_ERROR(repo_.UpdateUser(ctx, target.user, after, UserChange::kProfile));
  if (after.disabled) DJ_RETURN_IF_ERROR(repo_.DeleteSessionsOfUser(id, ""));
  return after;
}

Status AuthService::ResetPassword(const WriteContext& ctx, const Scope& actor, UserId id,
                                  std::string_view new_password, int64_t now) {
  DJ_ASSIGN_OR_RETURN(Target target, LoadManaged(actor, id));
  DJ_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, target.user.username, "password"));
  DJ_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, policy_.password_cost));
  User after = target.user;
  after.password_hash = std::move(hash);
  after.must_change_password = true;
  after.password_changed_at = now;
  DJ_RETURN_IF_ERROR(repo_.UpdateUser(ctx, target.user, after, UserChange::kPasswordReset));
  DJ_RETURN_IF_ERROR(repo_.DeleteSessionsOfUser(id, ""));
  DJ_RETURN_IF_ERROR(repo_.DeleteLoginCounter({LockKind::kAccount, after.username}));
  return Ok();
}

Status AuthService::DeleteUser(const WriteContext& ctx, const Scope& actor, UserId id) {
  DJ_ASSIGN_OR_RETURN(Target target, LoadManaged(actor, id));
  if (id == actor.user_id()) {
    return Error::InvalidArgument("auth.cannot_delete_self", "不能删除自己的账号");
  }
  return repo_.DeleteUser(ctx, target.user);
}

Result<std::vector<RoleGrant>> AuthService::ListGrants(const Scope& actor, UserId user_id) {
  if (user_id == actor.user_id()) return repo_.ListGrants(user_id);
  DJ_ASSIGN_OR_RETURN(Target target, LoadManaged(actor, user_id));
  return std::move(target.grants);
}

Result<RoleGrant> AuthService::AddGrant(const WriteContext& ctx, const Scope& actor, UserId user_id,
                                        Role role, NodeId node) {
  if (!actor.HoldsAny(kAdminRoles)) return NotAdmin();
  if (user_id == actor.user_id()) return OwnGrants();
  std::optional<OrgNode> target_node = roster_.GetNode(node);
  if (!target_node) {
    if (!IsGlobalAdmin(actor)) return GrantNotAllowed(role);
    return Error::NotFound("org.not_found", "组织 " + std::to_string(node) + " 不存在");
  }
  if (!actor.CanGrant(role, node)) return GrantNotAllowed(role);
  DJ_ASSIGN_OR_RETURN(Target target, LoadManaged(actor, user_id));
  return repo_.InsertGrant(ctx, {0, target.user.id, role, node});
}

Status AuthService::RemoveGrant(const WriteContext& ctx, const Scope& actor, GrantId id) {
  if (!actor.HoldsAny(kAdminRoles)) return NotAdmin();
  Result<RoleGrant> grant = repo_.GetGrant(id);
  if (!grant.ok()) {
    if (grant.error().code == ErrorCode::kNotFound && !IsGlobalAdmin(actor)) {
      return RevokeNotAllowed();
    }
    return std::move(grant).error();
  }
  if (!actor.CanGrant(grant->role, grant->node_id)) return RevokeNotAllowed();
  if (grant->user_id == actor.user_id()) return OwnGrants();
  return repo_.DeleteGrant(ctx, *grant);
}

Result<std::vector<LoginCounter>> AuthService::ListLocks(const Scope& actor, int64_t now) {
  if (!actor.HoldsAny(kAdminRoles)) return NotAdmin();
  DJ_ASSIGN_OR_RETURN(std::vector<LoginCounter> locks, repo_.ListLoginLocks(now));
  if (IsGlobalAdmin(actor)) return locks;
  std::vector<LoginCounter> visible;
  for (LoginCounter& lock : locks) {
    if (lock.kind != LockKind::kAccount) continue;
    DJ_ASSIGN_OR_RETURN(std::optional<User> user, repo_.FindUserByUsername(lock.subject));
    if (!user) continue;
    DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, repo_.ListGrants(user->id));
    if (actor.CanManage(*user, grants)) visible.push_back(std::move(lock));
  }
  return visible;
}

Status AuthService::Unlock(const WriteContext& ctx, const Scope& actor,
                           const LoginCounterKey& key) {
  if (!actor.HoldsAny(kAdminRoles)) return NotAdmin();
  std::optional<User> user;
  if (key.kind == LockKind::kAccount) {
    DJ_ASSIGN_OR_RETURN(user, repo_.FindUserByUsername(key.subject));
  }
  if (!IsGlobalAdmin(actor)) {
    if (key.kind != LockKind::kAccount || !user) return UserForbidden();
    DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, repo_.ListGrants(user->id));
    if (!actor.CanManage(*user, grants)) return UserForbidden();
  }
  return repo_.LiftLoginLock(ctx, key, user ? user->id : 0);
}

Result<PurgeCounts> AuthService::PurgeExpired(int64_t now) {
  PurgeCounts counts;
  DJ_ASSIGN_OR_RETURN(counts.sessions,
                      repo_.DeleteExpiredSessions(now, now - policy_.session_idle_seconds));
  const int64_t longest_window =
      std::max(policy_.account_lock.window_seconds, policy_.address_lock.window_seconds);
  DJ_ASSIGN_OR_RETURN(counts.login_counters,
                      repo_.DeleteStaleLoginCounters(now, now - longest_window));
  return counts;
}

}  // namespace dj
