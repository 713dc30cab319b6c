// dj_bench_life: the organisational-life figures of issue 5.
//
//   dj_bench_life demo --db PATH [--scale province] [--seed 1]
//       Generates the demo (tree, members, five years of meetings) and writes it into a new
//       database at PATH, timing generation and writing apart; prints the counts.
//   dj_bench_life compliance --db PATH [--runs 15]
//       Opens the database as the server does (timing the load of the read model), then for
//       the whole province and each period kind (this month, this quarter, this year, last
//       year) times what GET /api/life/compliance computes for the committee — the scope kept
//       by ComplianceScopes and EvaluateCompliance over every branch and every rule, with the
//       messages of the branches that fall short — against the SQL a database-backed
//       implementation would run for the frequency rules alone (meetings held per holder, type
//       and month in the period, from the `meetings` table with its indexes), in the same
//       process, alternating. Also times building the scope anew (headcounts, active members,
//       branch views), as after a change of the roster ("inputs"). Medians over --runs after
//       one warm-up.
//   dj_bench_life body --db PATH
//       Prints a POST /api/meetings body for today that passes every check (a theme day of the
//       first branch with members, all of them present), for the HTTP run with wrk.
//
// Exit status 1 on any error, 2 for bad arguments.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/app.h"
#include "demo/demo_generator.h"
#include "demo/life_generator.h"
#include "domain/life/compliance.h"
#include "storage/sqlite/database.h"

namespace dj {
namespace {

using Steady = std::chrono::steady_clock;

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "dj_bench_life: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Fail(std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}

void Must(Status s, const char* what) {
  if (!s.ok()) Fail(std::string(what) + ": " + s.error().message);
}

struct Args {
  std::string command;
  std::string db;
  DemoScale scale = DemoScale::kProvince;
  uint64_t seed = 1;
  int runs = 15;
};

Args Parse(int argc, char** argv) {
  Args a;
  if (argc < 2) std::exit(2);
  a.command = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--db") {
      a.db = value;
    } else if (flag == "--scale") {
      std::optional<DemoScale> s = ParseDemoScale(value);
      if (!s) std::exit(2);
      a.scale = *s;
    } else if (flag == "--seed") {
      a.seed = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--runs") {
      a.runs = std::max(1, std::atoi(value.c_str()));
    } else {
      std::fprintf(stderr, "dj_bench_life: unknown flag %s\n", flag.c_str());
      std::exit(2);
    }
  }
  if (a.db.empty()) {
    std::fprintf(stderr, "dj_bench_life: --db is required\n");
    std::exit(2);
  }
  return a;
}

int RunDemo(const Args& a) {
  if (std::filesystem::exists(a.db)) Fail(a.db + " exists; give a new path");
  SystemClock clock;
  const Date today = clock.Today();
  Steady::time_point start = Steady::now();
  RosterSnapshot roster =
      Must(GenerateDemo(DemoOptions{.scale = a.scale, .seed = a.seed, .today = today}), "roster");
  std::vector<Meeting> meetings = Must(
      GenerateDemoMeetings(roster, DemoLifeOptions{.seed = a.seed, .today = today}), "meetings");
  double generate = Seconds(start);
  Steady::time_point write_start = Steady::now();
  std::unique_ptr<SqliteStore> store = Must(OpenSqliteStore(a.db), "open");
  WriteContext ctx;
  ctx.user_name = "bench";
  Must(store->members().Seed(ctx, roster), "seed roster");
  Must(store->meetings().Seed(ctx, meetings), "seed meetings");
  double write = Seconds(write_start);
  size_t attendees = 0;
  for (const Meeting& m : meetings) attendees += m.attendees.size();
  std::printf("demo_nodes %zu\ndemo_members %zu\ndemo_meetings %zu\ndemo_attendances %zu\n",
              roster.nodes.size(), roster.members.size(), meetings.size(), attendees);
  std::printf("demo_generate_s %.2f\ndemo_write_s %.2f\ndemo_total_s %.2f\n", generate, write,
              generate + write);
  return 0;
}

// What a database-backed implementation would read for the frequency rules of `period`:
// held meetings per holder, type and month. Returns the number of rows read.
int64_t FrequencySql(Database& db, const Period& period) {
  static constexpr char kSql[] =
      "SELECT node_id, type, substr(date, 1, 7) AS month, count(*) FROM meetings "
      "WHERE date >= ?1 AND date <= ?2 AND status <> 'returned' "
      "GROUP BY node_id, type, month";
  Statement st = Must(db.Prepare(kSql), "prepare");
  st.BindAll(period.first(), period.last());
  int64_t rows = 0;
  for (;;) {
    bool row = Must(st.Step(), "step");
    if (!row) break;
    ++rows;
  }
  return rows;
}

int RunCompliance(const Args& a) {
  Steady::time_point open_start = Steady::now();
  AppOptions options;
  options.db_path = a.db;
  std::unique_ptr<App> app = Must(App::Open(options), "open");
  std::printf("open_with_read_model_s %.2f\nmeetings_loaded %zu\n", Seconds(open_start),
              app->life().size());
  const Date today = app->clock().Today();
  const NodeId root = app->roster().Root()->id;
  std::vector<std::pair<std::string, Period>> periods = {
      {"month", Period::Containing(PeriodKind::kMonth, today)},
      {"quarter", Period::Containing(PeriodKind::kQuarter, today)},
      {"year", Period::Containing(PeriodKind::kYear, today)},
      {"last_year", Period::Containing(PeriodKind::kYear, today).Previous()},
  };
  ConnectionPool::Lease lease = app->store().pool().BorrowReader();
  for (const auto& [name, period] : periods) {
    std::vector<double> memory;
    std::vector<double> inputs;
    std::vector<double> sql;
    size_t branches = 0;
    size_t compliant = 0;
    int64_t sql_rows = 0;
    for (int run = 0; run <= a.runs; ++run) {
      // The inputs from the roster, as the server builds them after a change of the roster.
      Steady::time_point t = Steady::now();
      ComplianceInput input;
      input.nodes = Must(app->roster().Headcounts(root), "headcounts");
      input.members = app->roster().ActiveMembersUnder(root);
      ComplianceScope cold(std::move(input));
      double in = Seconds(t);
      // What GET /api/life/compliance computes otherwise: the scope kept since the roster
      // last changed, and the evaluation.
      t = Steady::now();
      std::shared_ptr<const ComplianceScope> scope =
          Must(app->compliance_scopes().For(root, today), "scope");
      // At the committee the answer lists the branches that fall short, with their messages.
      ComplianceReport report = EvaluateCompliance(app->rules(), app->life(), *scope, period, today,
                                                   ComplianceDetail::kNonCompliant);
      double m = Seconds(t);
      t = Steady::now();
      sql_rows = FrequencySql(lease.db(), period);
      double s = Seconds(t);
      if (run == 0) continue;  // warm-up
      memory.push_back(m);
      inputs.push_back(in);
      sql.push_back(s);
      branches = report.branches.size();
      compliant = static_cast<size_t>(std::count_if(report.branches.begin(), report.branches.end(),
                                                    [](const auto& b) { return b.compliant; }));
    }
    std::printf("compliance_%s_inputs_ms %.2f\n", name.c_str(), Median(inputs) * 1000);
    std::printf("compliance_%s_ms %.2f\ncompliance_%s_sql_ms %.2f\ncompliance_%s_ratio %.1f\n",
                name.c_str(), Median(memory) * 1000, name.c_str(), Median(sql) * 1000, name.c_str(),
                Median(sql) / Median(memory));
    std::printf(
        "compliance_%s_branches %zu\ncompliance_%s_compliant %zu\ncompliance_%s_sql_rows %lld\n",
        name.c_str(), branches, name.c_str(), compliant, name.c_str(),
        static_cast<long long>(sql_rows));
  }
  return 0;
}

int RunBody(const Args& a) {
  AppOptions options;
  options.db_path = a.db;
  std::unique_ptr<App> app = Must(App::Open(options), "open");
  const Date today = app->clock().Today();
  for (NodeId id : app->roster().NodesUnder({app->roster().Root()->id})) {
    const OrgNode n = *app->roster().GetNode(id);
    if (n.kind != NodeKind::kBranch) continue;
    std::vector<RollEntry> roll = app->roster().RollOn(n.id, today);
    if (roll.size() < 3) continue;
    nlohmann::json attendees = nlohmann::json::array();
    for (const RollEntry& e : roll) attendees.push_back(e.id);
    nlohmann::json body = {{"node_id", n.id},
                           {"type", "theme_day"},
                           {"date", today.ToString()},
                           {"start_time", "14:30"},
                           {"duration_minutes", 120},
                           {"place", "党员活动室"},
                           {"host", roll.front().name},
                           {"recorder", roll.back().name},
                           {"topics", {{{"title", "重温入党誓词"}}}},
                           {"attendees", attendees},
                           {"minutes", "会议按议程进行。"}};
    std::printf("%s\n", body.dump().c_str());
    return 0;
  }
  Fail("no branch with three members");
}

}  // namespace
}  // namespace dj

int main(int argc, char** argv) {
  dj::Args a = dj::Parse(argc, argv);
  if (a.command == "demo") return dj::RunDemo(a);
  if (a.command == "compliance") return dj::RunCompliance(a);
  if (a.command == "body") return dj::RunBody(a);
  std::fprintf(stderr, "dj_bench_life: unknown command %s\n", a.command.c_str());
  return 2;
}
