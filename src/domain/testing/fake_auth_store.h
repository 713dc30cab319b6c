// An in-memory AuthRepository for the domain's own tests: the same contract as the real
// store (errors, all-or-nothing writes), with no audit log.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "domain/auth/auth_repository.h"
#include "domain/roster/roster.h"

namespace dj::testing {

class FakeAuthStore final : public AuthRepository {
 public:
  // `roster`, when given, resolves the branch of a user's member for ListUsers' node filter.
  explicit FakeAuthStore(const Roster* roster = nullptr) : roster_(roster) {}

  // Makes the next write to users or grants fail with Internal.
  void FailNextWrite() { fail_next_write_ = true; }
  // Writes to users and grants (the audited ones), and to sessions and counters.
  int record_writes() const { return record_writes_; }
  int session_writes() const { return session_writes_; }
  int counter_writes() const { return counter_writes_; }
  size_t session_count() const { return sessions_.size(); }

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
  // Forgets the counter; the fake keeps no audit log.
  Status LiftLoginLock(const WriteContext& ctx, const LoginCounterKey& key,
                       UserId user_id) override;
  Result<int64_t> DeleteStaleLoginCounters(int64_t now, int64_t failed_before) override;

 private:
  using CounterMapKey = std::pair<int, std::string>;
  static CounterMapKey MapKey(const LoginCounterKey& key) {
    return {static_cast<int>(key.kind), key.subject};
  }
  Status BeginRecordWrite();
  // Conflicts of `user` with the other stored users.
  Status CheckUnique(const User& user);

  const Roster* roster_;
  std::mutex mu_;
  std::map<UserId, User> users_;
  std::map<GrantId, RoleGrant> grants_;
  std::map<std::string, Session> sessions_;
  std::map<CounterMapKey, LoginCounter> counters_;
  UserId next_user_ = 1;
  GrantId next_grant_ = 1;
  bool fail_next_write_ = false;
  int record_writes_ = 0;
  int session_writes_ = 0;
  int counter_writes_ = 0;
};

}  // namespace dj::testing
