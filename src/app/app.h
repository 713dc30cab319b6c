// Wiring: storage → read model → services → routes. One App per database; the server, the
// command line and the integration tests build it the same way.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "common/date.h"
#include "common/result.h"
#include "demo/demo_generator.h"
#include "domain/auth/auth_service.h"
#include "domain/auth/contest_pass.h"
#include "domain/contest/attempt_service.h"
#include "domain/contest/contest_service.h"
#include "domain/contest/question_bank.h"
#include "domain/life/compliance.h"
#include "domain/life/life_index.h"
#include "domain/life/meeting_service.h"
#include "domain/member/member_service.h"
#include "domain/org/org_service.h"
#include "domain/roster/roster.h"
#include "domain/rules/rule_set.h"
#include "http/api/access.h"
#include "http/router.h"
#include "storage/sqlite/sqlite_store.h"

namespace dj {

// The program's version, as `dangjian version` and GET /api/health report it.
const char* AppVersion();

struct AppOptions {
  std::string db_path;  // created with its parent directories when missing
  // When the database holds no organisation yet, fill it with demo data first.
  bool demo = false;
  DemoScale demo_scale = DemoScale::kProvince;
  uint64_t demo_seed = 1;
  int demo_years = 5;            // years of organisational-life records in the demo
  const Clock* clock = nullptr;  // the system clock when null; not owned
  // Password cost, session lifetimes and lock limits; tests cheapen the hash.
  AuthPolicy auth_policy;
};

class App {
 public:
  // Opens (and migrates) the database, seeds the demo when asked, and loads the read model.
  // Errors: those of OpenSqliteStore, of the demo generator, and Internal when the stored tree
  // is not a tree.
  static Result<std::unique_ptr<App>> Open(const AppOptions& options);

  App(const App&) = delete;
  App& operator=(const App&) = delete;
  ~App();

  // Registers every API route on `router` behind the access guard.
  void AddRoutes(http::Router& router);

  // True when Open wrote demo data into an empty database.
  bool demo_created() const { return demo_created_; }
  // Nodes and members (any status) loaded at start, for the start-up message.
  size_t nodes_at_start() const { return nodes_at_start_; }
  size_t members_at_start() const { return members_at_start_; }

  const Clock& clock() const { return *clock_; }
  SqliteStore& store() { return *store_; }
  Roster& roster() { return *roster_; }
  OrgService& orgs() { return *orgs_; }
  MemberService& members() { return *members_; }
  AuthService& auth() { return *auth_; }
  MeetingService& meetings() { return *meetings_; }
  const LifeIndex& life() const { return *life_; }
  ComplianceScopes& compliance_scopes() { return *scopes_; }
  QuestionBank& questions() { return *questions_; }
  ContestService& contests() { return *contests_; }
  AttemptService& attempts() { return *attempts_; }
  const PassSigner& passes() const { return *passes_; }
  const RuleBook& rules() const { return RuleBook::Builtin(); }

 private:
  App() = default;

  SystemClock system_clock_;
  const Clock* clock_ = nullptr;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<Roster> roster_;
  std::unique_ptr<OrgService> orgs_;
  std::unique_ptr<MemberService> members_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<LifeIndex> life_;
  std::unique_ptr<MeetingService> meetings_;
  std::unique_ptr<ComplianceScopes> scopes_;
  std::unique_ptr<QuestionBank> questions_;
  std::unique_ptr<ContestService> contests_;
  std::unique_ptr<AttemptService> attempts_;
  std::unique_ptr<PassSigner> passes_;
  std::unique_ptr<http::AccessGuard> guard_;
  bool demo_created_ = false;
  size_t nodes_at_start_ = 0;
  size_t members_at_start_ = 0;
};

// What WriteDemo wrote.
struct DemoWritten {
  RosterSnapshot roster;
  size_t meetings = 0;  // five years of organisational life (demo/life_generator.h)
};

// Generates the demo at `scale` from `seed` as of `today` — the tree, the members and `years`
// years of meeting records — and writes it into `store`, which must hold no organisation and
// no meeting (Conflict "storage.not_empty" otherwise). Returns what was written.
Result<DemoWritten> WriteDemo(SqliteStore& store, DemoScale scale, uint64_t seed, Date today,
                              int years = 5);

// Creates the parent directories of a database path. InvalidArgument "app.db_dir" when that
// fails ("无法创建数据库目录 …").
Status EnsureDatabaseDirectory(const std::string& db_path);

}  // namespace dj
