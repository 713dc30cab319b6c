#pragma once

#include "common/date.h"
#include "domain/auth/auth_repository.h"
#include "storage/sqlite/pool.h"

namespace dj {

// AuthRepository on SQLite. Thread-safe: reads use the pool's reader connections, writes its
// writer connection. `pool` and `clock` (the audit timestamps) must outlive the repository.
//
// Users and grants are written with their audit entries ("user", "role_grant") in one
// transaction; the entries' JSON leaves out the password hash. Sessions and login counters
// are written without audit entries.
//
// Beyond the interface's errors: NotFound "auth.user_not_found" from UpdateUser/DeleteUser
// when the user is gone; InvalidArgument "auth.username_immutable" from UpdateUser when the
// username differs; NotFound "org.not_found" from InsertGrant for a node that does not
// exist; and the storage.* errors of database.h (e.g. InsertUser with a member or node that
// does not exist: the service checks those first).
class SqliteAuthRepository final : public AuthRepository {
 public:
  SqliteAuthRepository(ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<User> GetUser(UserId id) override;
  Result<std::optional<User>> FindUserByUsername(const std::string& username) override;
  Result<std::optional<User>> FindUserByPhone(const std::string& phone) override;
  Result<UserPage> ListUsers(const UserQuery& query) override;
  Result<User> InsertUser(const WriteContext& ctx, const User& user,
                          const std::vector<RoleGrant>& grants) override;
  Status UpdateUser(const WriteContext& ctx, const User& before, const User& after,
                    UserChange change) override;
  Status DeleteUser(const WriteContext& ctx, const User& user) override;

  Result<std::vector<RoleGrant>> ListGrants(UserId user_id) override;
  Result<RoleGrant> GetGrant(GrantId id) override;
  Result<RoleGrant> InsertGrant(const WriteContext& ctx, const RoleGrant& grant) override;
  Status DeleteGrant(const WriteContext& ctx, const RoleGrant& grant) override;

  Status InsertSession(const Session& session) override;
  Result<std::optional<Session>> FindSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, int64_t last_seen_at) override;
  Status DeleteSession(const std::string& token_hash) override;
  Result<int64_t> DeleteSessionsOfUser(UserId user_id,
                                       const std::string& except_token_hash) override;
  Result<int64_t> DeleteExpiredSessions(int64_t now, int64_t idle_before) override;

  Result<std::vector<std::optional<LoginCounter>>> UpdateLoginCounters(
      const std::vector<LoginCounterKey>& keys, const LoginCounterUpdate& update) override;
  Result<std::vector<LoginCounter>> ListLoginLocks(int64_t now) override;
  Result<bool> DeleteLoginCounter(const LoginCounterKey& key) override;
  Status LiftLoginLock(const WriteContext& ctx, const LoginCounterKey& key,
                       UserId user_id) override;
  Result<int64_t> DeleteStaleLoginCounters(int64_t now, int64_t failed_before) override;

 private:
  ConnectionPool& pool_;
  const Clock& clock_;
};

// The audit-log JSON of a user (every field but password_hash) and of a grant, compact,
// fields in declaration order.
std::string UserAuditJson(const User& user);
std::string GrantAuditJson(const RoleGrant& grant);

}  // namespace dj
