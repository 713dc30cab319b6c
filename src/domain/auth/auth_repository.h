// Storage of accounts, role grants, sessions and failed-login counters.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/auth/lockout.h"
#include "domain/auth/session.h"
#include "domain/auth/user.h"
#include "domain/write_context.h"

namespace dj {

struct UserQuery {
  // Substring of the username, the display name or the phone number; empty for any.
  std::string text;
  // Only users holding a grant on one of these nodes or linked to a member whose branch or
  // group is one of them; nullopt for every user.
  std::optional<std::vector<NodeId>> nodes;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct UserPage {
  int64_t total = 0;        // matches before paging
  std::vector<User> users;  // ordered by id
};

// Called with the stored counters of the keys given (nullopt where none), in the same order;
// returns what to store in their place (nullopt deletes).
using LoginCounterUpdate = std::function<std::vector<std::optional<LoginCounter>>(
    const std::vector<std::optional<LoginCounter>>&)>;

// Writes to users and grants are one transaction each, including their audit entries (which
// never contain a password hash). Sessions and login counters are not records and are not
// audited. Implementations are thread-safe.
class AuthRepository {
 public:
  virtual ~AuthRepository() = default;

  // --- Users.
  // NotFound "auth.user_not_found" when absent.
  virtual Result<User> GetUser(UserId id) = 0;
  // The user with exactly this (canonical) username or phone, if any.
  virtual Result<std::optional<User>> FindUserByUsername(const std::string& username) = 0;
  virtual Result<std::optional<User>> FindUserByPhone(const std::string& phone) = 0;
  virtual Result<UserPage> ListUsers(const UserQuery& query) = 0;
  // Stores `user` (id ignored) with `grants` (ids and user ids ignored), all or nothing, and
  // returns the user with the assigned id. Conflict "auth.username_taken",
  // "auth.phone_taken", "auth.member_has_account", "auth.grant_duplicate".
  virtual Result<User> InsertUser(const WriteContext& ctx, const User& user,
                                  const std::vector<RoleGrant>& grants) = 0;
  // Replaces `before` (as read) with `after` (same id, same username), password hash
  // included; `change` names the audit action. Conflict "auth.user_stale" when the stored
  // user no longer equals `before`, and the conflicts of InsertUser.
  virtual Status UpdateUser(const WriteContext& ctx, const User& before, const User& after,
                            UserChange change) = 0;
  // Removes the user with their grants (each audited) and sessions.
  // Conflict "auth.user_stale" as UpdateUser.
  virtual Status DeleteUser(const WriteContext& ctx, const User& user) = 0;

  // --- Grants.
  // The user's grants, ordered by id.
  virtual Result<std::vector<RoleGrant>> ListGrants(UserId user_id) = 0;
  // NotFound "auth.grant_not_found".
  virtual Result<RoleGrant> GetGrant(GrantId id) = 0;
  // Stores the grant (id ignored) and returns it with its id. Conflict
  // "auth.grant_duplicate"; NotFound "auth.user_not_found"; a node that does not exist is
  // the storage's foreign-key error.
  virtual Result<RoleGrant> InsertGrant(const WriteContext& ctx, const RoleGrant& grant) = 0;
  // NotFound "auth.grant_not_found" when it is gone.
  virtual Status DeleteGrant(const WriteContext& ctx, const RoleGrant& grant) = 0;

  // --- Sessions.
  // Conflict on a token hash already stored (which 256 random bits make impossible).
  virtual Status InsertSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  // Sets last_seen_at; a session that is gone is not an error.
  virtual Status TouchSession(const std::string& token_hash, int64_t last_seen_at) = 0;
  // A session that is gone is not an error.
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Deletes every session of the user but the one with `except_token_hash` (none when empty)
  // and returns how many were deleted.
  virtual Result<int64_t> DeleteSessionsOfUser(UserId user_id,
                                               const std::string& except_token_hash) = 0;
  // Deletes the sessions past their absolute expiry (expires_at <= now) or idle since
  // `idle_before` (last_seen_at < idle_before); returns how many.
  virtual Result<int64_t> DeleteExpiredSessions(int64_t now, int64_t idle_before) = 0;

  // --- Failed-login counters.
  // Reads the counters of `keys`, applies `update` and stores its answer, as one atomic step
  // with respect to every other call (a write transaction). Returns what `update` returned.
  // `update` must not call the repository.
  virtual Result<std::vector<std::optional<LoginCounter>>> UpdateLoginCounters(
      const std::vector<LoginCounterKey>& keys, const LoginCounterUpdate& update) = 0;
  // The counters locked at `now` (locked_until > now), soonest unlocked first.
  virtual Result<std::vector<LoginCounter>> ListLoginLocks(int64_t now) = 0;
  // Forgets the counter (lifting its lock); false when there was none.
  virtual Result<bool> DeleteLoginCounter(const LoginCounterKey& key) = 0;
  // An admin lifting a lock: forgets the counter of `key` with an audit entry ("login_lock",
  // entity id `user_id` — the account's, or 0 — action "unlock", the counter as before).
  // NotFound "auth.lock_not_found" when there is no such counter.
  virtual Status LiftLoginLock(const WriteContext& ctx, const LoginCounterKey& key,
                               UserId user_id) = 0;
  // Deletes the counters not locked at `now` whose last failure is before `failed_before`;
  // returns how many.
  virtual Result<int64_t> DeleteStaleLoginCounters(int64_t now, int64_t failed_before) = 0;
};

}  // namespace dj
