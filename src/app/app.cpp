#include "app/app.h"

#include <filesystem>
#include <future>
#include <system_error>

#include "app/demo_accounts.h"
#include "demo/life_generator.h"
#include "http/api/access.h"
#include "http/api/audit_controller.h"
#include "http/api/auth_controller.h"
#include "http/api/contest_controller.h"
#include "http/api/contest_result_controller.h"
#include "http/api/health_controller.h"
#include "http/api/life_controller.h"
#include "http/api/member_controller.h"
#include "http/api/member_sheet_controller.h"
#include "http/api/org_controller.h"
#include "http/api/question_controller.h"
#include "http/api/take_controller.h"
#include "http/api/transfer_controller.h"

#ifndef DJ_VERSION
#define DJ_VERSION "0.0.0"
#endif

namespace dj {

const char* AppVersion() { return DJ_VERSION; }

App::~App() {
  // Writes still queued answer into the services: let them finish while those exist.
  if (store_ != nullptr) (void)store_->committer().Run([](Database&) { return Ok(); });
}

Status EnsureDatabaseDirectory(const std::string& db_path) {
  std::filesystem::path parent = std::filesystem::path(db_path).parent_path();
  if (parent.empty()) return Ok();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Error::InvalidArgument("app.db_dir",
                                  "无法创建数据库目录 " + parent.string() + "：" + ec.message());
  }
  return Ok();
}

Result<DemoWritten> WriteDemo(SqliteStore& store, DemoScale scale, uint64_t seed, Date today,
                              int years) {
  DemoWritten written;
  DJ_ASSIGN_OR_RETURN(written.roster,
                      GenerateDemo(DemoOptions{.scale = scale, .seed = seed, .today = today}));
  WriteContext ctx;
  ctx.user_name = kDemoWriter;
  DJ_RETURN_IF_ERROR(store.members().Seed(ctx, written.roster));
  DJ_ASSIGN_OR_RETURN(
      std::vector<Meeting> meetings,
      GenerateDemoMeetings(written.roster,
                           DemoLifeOptions{.seed = seed, .today = today, .years = years}));
  DJ_RETURN_IF_ERROR(store.meetings().Seed(ctx, meetings));
  written.meetings = meetings.size();
  return written;
}

Result<std::unique_ptr<App>> App::Open(const AppOptions& options) {
  std::unique_ptr<App> app(new App());
  app->clock_ = options.clock != nullptr ? options.clock : &app->system_clock_;
  DJ_RETURN_IF_ERROR(EnsureDatabaseDirectory(options.db_path));
  StoreOptions store_options;
  store_options.clock = app->clock_;
  DJ_ASSIGN_OR_RETURN(app->store_, OpenSqliteStore(options.db_path, store_options));

  // The meetings' facts (most of the start-up of a province with years of records) are read on
  // a second thread while the roster is read and built: neither needs the other. With --demo
  // the demo may be written first, so there the reading starts after that.
  std::future<Result<std::vector<MeetingFacts>>> facts;
  auto read_facts = [store = app->store_.get()] { return store->meetings().LoadFacts(); };
  if (!options.demo) facts = std::async(std::launch::async, read_facts);
  DJ_ASSIGN_OR_RETURN(RosterSnapshot snapshot, app->store_->members().LoadSnapshot());
  if (options.demo && snapshot.nodes.empty()) {
    DJ_ASSIGN_OR_RETURN(DemoWritten written,
                        WriteDemo(*app->store_, options.demo_scale, options.demo_seed,
                                  app->clock_->Today(), options.demo_years));
    snapshot = std::move(written.roster);
    app->demo_created_ = true;
  }
  if (!facts.valid()) facts = std::async(std::launch::async, read_facts);
  app->roster_ = std::make_unique<Roster>(*app->clock_);
  DJ_RETURN_IF_ERROR(app->roster_->Load(snapshot));
  app->nodes_at_start_ = snapshot.nodes.size();
  app->members_at_start_ = snapshot.members.size();

  app->orgs_ = std::make_unique<OrgService>(app->store_->orgs(), *app->roster_);
  app->members_ =
      std::make_unique<MemberService>(app->store_->members(), *app->roster_, *app->clock_);
  DJ_RETURN_IF_ERROR(app->members_->LoadTransfers());
  app->auth_ =
      std::make_unique<AuthService>(app->store_->auth(), *app->roster_, options.auth_policy);
  app->life_ = std::make_unique<LifeIndex>();
  app->meetings_ = std::make_unique<MeetingService>(app->store_->meetings(), *app->life_,
                                                    *app->roster_, *app->clock_);
  DJ_ASSIGN_OR_RETURN(std::vector<MeetingFacts> loaded, facts.get());
  app->life_->Load(loaded);
  app->scopes_ = std::make_unique<ComplianceScopes>(*app->roster_);
  app->questions_ = std::make_unique<QuestionBank>(app->store_->questions());
  DJ_RETURN_IF_ERROR(app->questions_->Load());
  app->contests_ = std::make_unique<ContestService>(app->store_->contests(), *app->questions_,
                                                    *app->roster_, *app->clock_);
  DJ_RETURN_IF_ERROR(app->contests_->Load());
  app->attempts_ =
      std::make_unique<AttemptService>(app->store_->attempts(), *app->contests_, *app->roster_);
  DJ_RETURN_IF_ERROR(app->attempts_->Load());
  DJ_ASSIGN_OR_RETURN(std::string pass_key,
                      app->store_->ServerKey("contest_pass", &PassSigner::NewKey));
  app->passes_ = std::make_unique<PassSigner>(std::move(pass_key));
  return app;
}

void App::AddRoutes(http::Router& router) {
  guard_ = std::make_unique<http::AccessGuard>(
      *auth_, *roster_, *clock_,
      [repo = &store_->meetings()](int64_t id) { return repo->NodeOf(id); }, passes_.get());
  router.SetGuard([guard = guard_.get()](http::Request& request, const http::RouteInfo& route) {
    return guard->Check(request, route);
  });
  http::AddHealthRoutes(router, AppVersion(), *roster_);
  http::AddAuthRoutes(router, *auth_, *roster_, *clock_);
  http::AddAuditRoutes(router, store_->audit(), *roster_);
  http::AddOrgRoutes(router, *orgs_, *roster_, *clock_);
  http::AddMemberRoutes(router, *members_, *roster_, *clock_);
  http::AddTransferRoutes(router, *members_, *roster_);
  http::AddMemberSheetRoutes(router, *members_, *roster_, *clock_);
  http::AddLifeRoutes(router, *meetings_, store_->meetings(), *life_, *roster_, *scopes_,
                      RuleBook::Builtin(), *clock_);
  http::AddQuestionRoutes(router, *questions_);
  http::AddContestRoutes(router, *contests_, *roster_);
  http::AddContestResultRoutes(router, *contests_, *attempts_, *passes_, *roster_, *clock_);
  http::AddTakeRoutes(router, *attempts_, *contests_, *roster_, *clock_);
}

}  // namespace dj
