// The SQLite storage of one database file: the connection pool and the repositories on it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"
#include "domain/audit/audit_repository.h"
#include "domain/auth/auth_repository.h"
#include "domain/member/member_repository.h"
#include "domain/org/org_repository.h"
#include "storage/sqlite/group_commit.h"
#include "storage/sqlite/pool.h"
#include "storage/sqlite/sqlite_attempt_repository.h"
#include "storage/sqlite/sqlite_audit_repository.h"
#include "storage/sqlite/sqlite_auth_repository.h"
#include "storage/sqlite/sqlite_contest_repository.h"
#include "storage/sqlite/sqlite_meeting_repository.h"
#include "storage/sqlite/sqlite_member_repository.h"
#include "storage/sqlite/sqlite_org_repository.h"
#include "storage/sqlite/sqlite_question_repository.h"

namespace dj {

struct StoreOptions {
  int readers = 4;  // reader connections; the server runs handlers on 2-4 threads
  // Apply pending migrations at open. When false, a database that is not at the program's
  // schema version is refused with "storage.schema_outdated" (run `dangjian migrate`).
  bool migrate = true;
  const Clock* clock = nullptr;  // audit timestamps; the system clock when null. Not owned.
  OpenOptions open;
};

// Owns the pool and the repositories; thread-safe as they are.
class SqliteStore {
 public:
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  OrgRepository& orgs() { return orgs_; }
  MemberRepository& members() { return members_; }
  AuthRepository& auth() { return auth_; }
  AuditRepository& audit() { return audit_; }
  MeetingRepository& meetings() { return meetings_; }
  QuestionRepository& questions() { return questions_; }
  ContestRepository& contests() { return contests_; }
  AttemptRepository& attempts() { return attempts_; }
  // The writer of bursts (contest attempts): many writes per transaction.
  GroupCommitter& committer() { return committer_; }
  // The server's secret named `name` (table server_keys), made with `make` and stored the
  // first time it is asked for; the same text on every later call and after restarts.
  Result<std::string> ServerKey(std::string_view name, const std::function<std::string()>& make);
  // For the command line (migrate, check): connections to the same file.
  ConnectionPool& pool() { return *pool_; }

 private:
  friend Result<std::unique_ptr<SqliteStore>> OpenSqliteStore(const std::string&,
                                                              const StoreOptions&);
  SqliteStore(std::unique_ptr<ConnectionPool> pool, const Clock* clock);

  std::unique_ptr<ConnectionPool> pool_;
  const Clock* clock_;  // null: system_clock_
  SystemClock system_clock_;
  SqliteOrgRepository orgs_;
  SqliteMemberRepository members_;
  SqliteAuthRepository auth_;
  SqliteAuditRepository audit_;
  SqliteMeetingRepository meetings_;
  SqliteQuestionRepository questions_;
  SqliteContestRepository contests_;
  GroupCommitter committer_;  // after the pool: stopped, with every job answered, before it
  SqliteAttemptRepository attempts_;
};

// Opens the database at `path` (created when missing), migrates it or checks its version as
// `options` say. Errors: "storage.open_failed", "storage.schema_too_new",
// "storage.schema_outdated", and those of a failed migration.
Result<std::unique_ptr<SqliteStore>> OpenSqliteStore(const std::string& path,
                                                     const StoreOptions& options = {});

}  // namespace dj
