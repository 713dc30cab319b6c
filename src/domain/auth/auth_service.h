// Use cases on accounts: logging in and out, authenticating each request's session, changing
// passwords, and the administration of users, role grants and login locks.
//
// Times are passed in as Unix seconds (`now`) so that the caller's clock decides and tests
// can move through expiry and locks.
//
// Errors every login-related caller sees (the HTTP layer maps Unauthenticated to 401):
//   Unauthenticated "auth.bad_credentials"  用户名或密码错误 — the same whether or not the account
//                                           exists, and after the same work (a dummy hash is
//                                           verified when it does not)
//   Unauthenticated "auth.locked"           too many failures for the account; names the time
//                                           it unlocks
//   Unauthenticated "auth.address_locked"   too many failures from the address; ditto
//   Unauthenticated "auth.session_invalid"  no such session (forged, truncated, logged out)
//   Unauthenticated "auth.session_expired"  idle or absolute expiry passed
//   Forbidden "auth.account_disabled"       right password, but the account is disabled
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/auth/auth_policy.h"
#include "domain/auth/auth_repository.h"
#include "domain/auth/lockout.h"
#include "domain/auth/scope.h"
#include "domain/auth/session.h"
#include "domain/auth/user.h"
#include "domain/roster/roster.h"
#include "domain/write_context.h"

namespace dj {

struct LoginRequest {
  std::string identifier;  // username or mobile number, as typed
  std::string password;
  std::string address;     // the client's IP address; empty: no per-address limit
  std::string request_id;  // ties a hash upgrade's audit entry to the access log
};

// The signed-in user, as a request sees them.
struct Caller {
  User user;  // as stored now; user.password_hash must not leave the server
  std::vector<RoleGrant> grants;
  Session session;
};

// The write context of a caller's request: the audit log names them as "姓名（username）".
WriteContext CallerContext(const Caller& caller, std::string address, std::string request_id);

struct LoginResult {
  // The session token, to be handed to the client once (cookie and/or response body); only
  // its hash is stored.
  std::string token;
  // caller.session.csrf_token is for the browser; while caller.user.must_change_password is
  // set, the client may only change the password or log out.
  Caller caller;
};

// An account to create.
struct NewUser {
  std::string username;  // made canonical (CanonicalLoginName) before checking
  std::optional<std::string> phone;
  std::string display_name;
  std::optional<MemberId> member_id;
  std::string password;  // the initial password
  // Roles to grant with the account (id and user_id ignored), in the same transaction.
  std::vector<RoleGrant> grants;
  // Forced to true when an admin creates the account (CreateUser).
  bool must_change_password = true;
};

// The fields of an account an admin may change; all are replaced.
struct UserUpdate {
  std::optional<std::string> phone;
  std::string display_name;
  std::optional<MemberId> member_id;
  bool disabled = false;
};

struct PurgeCounts {
  int64_t sessions = 0;
  int64_t login_counters = 0;
};

// Thread-safe (the repository is; the service keeps no mutable state).
class AuthService {
 public:
  // `repo` and `roster` must outlive the service. Computes the dummy hash verified for
  // unknown accounts at the policy's cost (one hash, ~15 ms at the default cost).
  AuthService(AuthRepository& repo, const Roster& roster, AuthPolicy policy = {});

  const AuthPolicy& policy() const { return policy_; }

  // --- Signing in and out.

  // Checks the password of the account named by username or mobile number and opens a
  // session. Each attempt counts against the account (5 in a row lock it for 15 minutes)
  // and the address (20 in 15 minutes lock it) before the password is checked; a success
  // forgets the account's count. A locked account or address is refused even with the right
  // password, without checking it. Upgrades the stored hash when the policy's cost changed.
  // InvalidArgument "auth.credentials_required" when the identifier or password is empty;
  // the errors in the file comment.
  Result<LoginResult> Login(const LoginRequest& request, int64_t now);

  // The caller holding session `token` (the text from LoginResult::token). Expired sessions
  // are deleted when met; the last-seen time is written at most once per
  // policy.session_touch_seconds (both writes best effort: a failed one does not fail the
  // request). Unauthenticated "auth.session_invalid" (also for a disabled or deleted
  // account), "auth.session_expired"; errors of reading the store. The caller's
  // user.must_change_password is current: while it is set, only ChangePassword and Logout
  // should be allowed.
  Result<Caller> Authenticate(std::string_view token, int64_t now);

  // Ends the session of `token`; ending one that does not exist is not an error.
  Status Logout(std::string_view token);

  // Sets the caller's own password after checking the old one (a wrong one counts against
  // the account's lock like a failed login), clears must_change_password and ends the
  // user's other sessions. InvalidArgument "auth.old_password_wrong",
  // "auth.password_unchanged" and the policy's keys (field "new_password");
  // Unauthenticated "auth.locked", "auth.address_locked".
  Status ChangePassword(const WriteContext& ctx, const Caller& caller,
                        std::string_view old_password, std::string_view new_password, int64_t now);

  // The scope of a caller, for permission checks and scope-filtered lists.
  Scope ScopeOf(const Caller& caller) const {
    return Scope(roster_, caller.user.id, caller.grants);
  }

  // --- Administration. `actor` is the scope of the admin making the call. The admin errors:
  //   Forbidden "auth.not_admin"        the actor holds no committee_admin or unit_admin grant
  //   Forbidden "auth.user_forbidden"   the target account is outside the actor's reach (also
  //                                     when it does not exist, unless the actor is a
  //                                     committee admin of the whole tree: NotFound
  //                                     "auth.user_not_found"), see Scope::CanManage
  //   Forbidden "auth.grant_not_allowed" the actor may not grant that role on that node (also
  //                                     for a node that does not exist, unless the actor
  //                                     reaches the whole tree); the message names no node
  //   Forbidden "auth.member_not_allowed" the account would be linked to a member outside the
  //                                     actor's reach (or one that does not exist)

  // Creates an account with an initial password the user must change at first login.
  // Validation errors (fields username, display_name, phone, member_id, password,
  // grants[i].node_id) list every problem; Conflict "auth.username_taken",
  // "auth.phone_taken", "auth.member_has_account"; InvalidArgument "auth.grants_required"
  // when the actor could not manage the new account afterwards (no grant in their reach).
  Result<User> CreateUser(const WriteContext& ctx, const Scope& actor, NewUser user, int64_t now);
  // The same without any permission check and with must_change_password as given: for the
  // command line (`dangjian user add`) and the demo accounts.
  Result<User> CreateUserAsSystem(const WriteContext& ctx, NewUser user, int64_t now);

  Result<User> GetUser(const Scope& actor, UserId id);
  // Accounts within the actor's reach: every account for a committee admin of the whole
  // tree, else those with a grant in (or a member linked to) the actor's admin subtrees.
  // query.nodes is replaced by that filter.
  Result<UserPage> ListUsers(const Scope& actor, UserQuery query);
  // Replaces the account's editable fields; disabling it ends its sessions.
  // Validation errors as CreateUser; InvalidArgument "auth.cannot_disable_self".
  Result<User> UpdateUser(const WriteContext& ctx, const Scope& actor, UserId id,
                          UserUpdate update);
  // Sets a temporary password the user must change at next login, ends their sessions and
  // lifts their account lock. Policy keys as CheckPasswordPolicy (field "password").
  Status ResetPassword(const WriteContext& ctx, const Scope& actor, UserId id,
                       std::string_view new_password, int64_t now);
  // InvalidArgument "auth.cannot_delete_self".
  Status DeleteUser(const WriteContext& ctx, const Scope& actor, UserId id);

  Result<std::vector<RoleGrant>> ListGrants(const Scope& actor, UserId user_id);
  // InvalidArgument "auth.cannot_change_own_grants"; NotFound "org.not_found" for the node;
  // Conflict "auth.grant_duplicate".
  Result<RoleGrant> AddGrant(const WriteContext& ctx, const Scope& actor, UserId user_id, Role role,
                             NodeId node);
  // NotFound "auth.grant_not_found" (for a committee admin of the whole tree; others get
  // "auth.grant_not_allowed"); InvalidArgument "auth.cannot_change_own_grants".
  Status RemoveGrant(const WriteContext& ctx, const Scope& actor, GrantId id);

  // Locks in force at `now`: all of them for a committee admin of the whole tree, else the
  // account locks of accounts the actor manages.
  Result<std::vector<LoginCounter>> ListLocks(const Scope& actor, int64_t now);
  // Lifts a lock (forgets the counter). Address locks and locks of names without an account
  // only for a committee admin of the whole tree. NotFound "auth.lock_not_found". Audited.
  Status Unlock(const WriteContext& ctx, const Scope& actor, const LoginCounterKey& key);

  // Deletes expired sessions and counters that no longer matter; for a periodic job.
  Result<PurgeCounts> PurgeExpired(int64_t now);

 private:
  struct Target {
    User user;
    std::vector<RoleGrant> grants;
  };
  // The account `id` if `actor` may manage it; the admin errors otherwise.
  Result<Target> LoadManaged(const Scope& actor, UserId id);
  // Counts an attempt against `keys` (an account, and an address when not empty); returns
  // the lock error when one of them is locked.
  Status CountAttempt(const std::vector<LoginCounterKey>& keys, int64_t now);
  // Forgets a counted attempt that succeeded.
  Status ForgetSuccess(const std::vector<LoginCounterKey>& keys);
  std::vector<LoginCounterKey> CounterKeys(const std::string& account,
                                           const std::string& address) const;
  // Problems with the fields of a new or updated account.
  std::vector<FieldError> CheckProfile(const std::optional<std::string>& phone,
                                       const std::string& display_name,
                                       const std::optional<MemberId>& member_id) const;
  // Linking an account to member `after` (was `before`) needs the member's branch in the
  // actor's admin reach, unless the actor reaches the whole tree or the link is unchanged:
  // Forbidden "auth.member_not_allowed" otherwise, also for a member that does not exist.
  Status CheckMemberLink(const Scope& actor, std::optional<MemberId> before,
                         std::optional<MemberId> after) const;
  Result<User> Create(const WriteContext& ctx, const Scope* actor, NewUser user, int64_t now);

  AuthRepository& repo_;
  const Roster& roster_;
  const AuthPolicy policy_;
  const std::string dummy_hash_;  // verified for unknown accounts, at the policy's cost
};

}  // namespace dj
