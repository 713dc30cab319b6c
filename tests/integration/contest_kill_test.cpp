// Durability of contest submissions, with the server as a real process: killed with SIGKILL
// in the middle of a burst of starts and submissions, then started again on the same
// database. Every submission it acknowledged is there, each member's submission is counted
// once, and a member whose answer was lost in the kill finds their attempt as it was stored:
// submitted (then a second submission is refused) or still open (then it is accepted).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <regex>
#include <set>

#include "app/app.h"
#include "integration/process.h"
#include "testutil/http_client.h"
#include "testutil/temp_dir.h"

namespace dj {
namespace {

using nlohmann::json;

constexpr int kWorkers = 16;
constexpr size_t kKillAfter = 150;  // acknowledged submissions before the kill

// Starts `serve` on `db`; the port it listens on, 0 when it did not start.
uint16_t Serve(Process& serve) {
  static const std::regex kStarted("已启动：http://127\\.0\\.0\\.1:([0-9]+)\n");
  std::smatch match;
  std::string out;
  auto deadline = steady_clock::now() + kPatience * 3;
  while (steady_clock::now() < deadline) {
    out = serve.out();
    if (std::regex_search(out, match, kStarted)) return static_cast<uint16_t>(std::stoi(match[1]));
    std::this_thread::sleep_for(milliseconds(20));
  }
  ADD_FAILURE() << "the server did not start: " << out << serve.err();
  return 0;
}

int64_t QueryInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  int64_t value = -1;
  if (sqlite3_step(st) == SQLITE_ROW) value = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return value;
}

class ContestKillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AppOptions options{
        .db_path = Db(), .demo = true, .demo_scale = DemoScale::kSmall, .demo_years = 1};
    Result<std::unique_ptr<App>> app = App::Open(options);
    ASSERT_TRUE(app.ok()) << app.error().message;
    WriteContext ctx;
    std::vector<QuestionId> ids;
    for (int i = 0; i < 3; ++i) {
      Question q{0,
                 QuestionKind::kSingle,
                 "断电测试题 " + std::to_string(i),
                 {"甲", "乙", "丙"},
                 0b010,
                 {},
                 3,
                 ""};
      Result<Question> added = (*app)->questions().Add(ctx, q);
      ASSERT_TRUE(added.ok());
      ids.push_back(added->id);
    }
    const int64_t now = (*app)->clock().NowUnixSeconds();
    ContestSettings s;
    s.title = "断电测试竞答";
    s.starts_at = now - 60;
    s.ends_at = now + 3600;
    s.scope = (*app)->roster().Root()->id;
    s.fixed = ids;
    s.time_limit_seconds = 1800;
    s.attempts_allowed = 1;
    Result<Contest> c = (*app)->contests().Create(ctx, s);
    ASSERT_TRUE(c.ok()) << c.error().message;
    ASSERT_TRUE((*app)->contests().Publish(ctx, c->id).ok());
    contest_ = c->id;
    for (const MemberBrief& m : (*app)->roster().ActiveMembersUnder(s.scope)) {
      passes_.emplace_back(m.id, (*app)->passes().Issue(contest_, m.id));
    }
    ASSERT_GT(passes_.size(), kKillAfter * 2);
  }

  std::string Db() const { return (dir_.path() / "kill.db").string(); }

  // Each member's attempt: started, then handed in with every answer given as shown ("乙"
  // wherever it is). Stops at the first request the server does not answer.
  void TakePart(uint16_t port, std::atomic<size_t>& next) {
    testutil::HttpClient client(port, milliseconds(20000));
    for (size_t i = next++; i < passes_.size(); i = next++) {
      const auto& [member, pass] = passes_[i];
      const testutil::Headers headers = {{"Content-Type", "application/json"},
                                         {"X-Contest-Pass", pass}};
      const std::string base = "/api/take/" + std::to_string(contest_);
      testutil::HttpResponse started = client.Send("POST", base + "/attempts", "{}", headers);
      if (started.status == 0) return;
      ASSERT_EQ(started.status, 201) << started.body;
      json paper = started.Json()["data"];
      json answers = json::array();
      for (const json& q : paper["questions"]) {
        for (size_t pos = 0; pos < q["options"].size(); ++pos) {
          if (q["options"][pos] == "乙")
            answers.push_back({{"question", q["id"]}, {"chosen", {pos}}});
        }
      }
      const int64_t attempt = paper["id"];
      {
        std::lock_guard lock(mu_);
        started_[member] = attempt;
      }
      testutil::HttpResponse submitted =
          client.Send("POST", base + "/attempts/" + std::to_string(attempt) + "/submit",
                      json({{"answers", answers}}).dump(), headers);
      if (submitted.status == 0) return;
      ASSERT_EQ(submitted.status, 200) << submitted.body;
      std::lock_guard lock(mu_);
      acknowledged_[member] = attempt;
    }
  }

  size_t Acknowledged() {
    std::lock_guard lock(mu_);
    return acknowledged_.size();
  }

  testutil::TempDir dir_;
  ContestId contest_ = 0;
  std::vector<std::pair<MemberId, std::string>> passes_;
  std::mutex mu_;
  std::map<MemberId, AttemptId> started_;
  std::map<MemberId, AttemptId> acknowledged_;
};

TEST_F(ContestKillTest, EveryAcknowledgedSubmissionSurvivesAKillOnce) {
  {
    Process serve(dir_, {"serve", "--db", Db(), "--port", "0", "--no-access-log"});
    const uint16_t port = Serve(serve);
    ASSERT_NE(port, 0);
    std::atomic<size_t> next{0};
    std::vector<std::thread> workers;
    for (int i = 0; i < kWorkers; ++i) workers.emplace_back([&] { TakePart(port, next); });
    while (Acknowledged() < kKillAfter && next < passes_.size()) {
      std::this_thread::sleep_for(milliseconds(1));
    }
    serve.Signal(SIGKILL);
    for (std::thread& w : workers) w.join();
    EXPECT_EQ(serve.Wait(), -2);  // died of the signal
  }
  const size_t acknowledged = Acknowledged();
  ASSERT_GE(acknowledged, kKillAfter);
  ASSERT_LT(acknowledged, passes_.size()) << "the burst ended before the kill";

  // Every acknowledged submission is stored, submitted, with its points; none twice.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(Db().c_str(), &db), SQLITE_OK);
  for (const auto& [member, attempt] : acknowledged_) {
    EXPECT_EQ(
        QueryInt(db, "SELECT count(*) FROM contest_attempts WHERE id = " + std::to_string(attempt) +
                         " AND member_id = " + std::to_string(member) +
                         " AND submitted_at IS NOT NULL AND points = 3"),
        1)
        << "acknowledged attempt " << attempt << " of member " << member << " is lost";
  }
  EXPECT_EQ(QueryInt(db,
                     "SELECT count(*) FROM (SELECT member_id FROM contest_attempts "
                     "GROUP BY contest_id, member_id HAVING count(*) > 1)"),
            0);
  const int64_t stored = QueryInt(db,
                                  "SELECT count(*) FROM contest_attempts WHERE "
                                  "submitted_at IS NOT NULL");
  EXPECT_GE(stored, static_cast<int64_t>(acknowledged));
  sqlite3_close(db);

  // Started again: those whose answer was lost find their attempt as it was stored.
  Process serve(dir_, {"serve", "--db", Db(), "--port", "0", "--no-access-log"});
  const uint16_t port = Serve(serve);
  ASSERT_NE(port, 0);
  testutil::HttpClient client(port, milliseconds(20000));
  int resubmitted = 0;
  int already = 0;
  for (const auto& [member, attempt] : started_) {
    if (acknowledged_.count(member)) continue;
    std::string pass;
    for (const auto& [m, p] : passes_) {
      if (m == member) pass = p;
    }
    const testutil::Headers headers = {{"Content-Type", "application/json"},
                                       {"X-Contest-Pass", pass}};
    testutil::HttpResponse again =
        client.Send("POST",
                    "/api/take/" + std::to_string(contest_) + "/attempts/" +
                        std::to_string(attempt) + "/submit",
                    R"({"answers":[]})", headers);
    if (again.status == 200) {
      ++resubmitted;
    } else if (again.status == 409 &&
               again.Json()["data"]["error"] == "contest.already_submitted") {
      ++already;
    } else {
      // The start itself was not durable: the attempt does not exist.
      EXPECT_EQ(again.Json()["data"]["error"], "contest.attempt_not_found") << again.body;
    }
  }
  // The acknowledged ones are refused a second submission.
  for (const auto& [member, attempt] : acknowledged_) {
    std::string pass;
    for (const auto& [m, p] : passes_) {
      if (m == member) pass = p;
    }
    testutil::HttpResponse twice = client.Send(
        "POST",
        "/api/take/" + std::to_string(contest_) + "/attempts/" + std::to_string(attempt) +
            "/submit",
        R"({"answers":[]})", {{"Content-Type", "application/json"}, {"X-Contest-Pass", pass}});
    EXPECT_EQ(twice.status, 409) << twice.body;
    break;  // one is enough: the store refuses the rest the same way
  }
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.Wait(), 0) << serve.err();

  // Counted once: the rankings read back from the database hold each member once.
  Result<std::unique_ptr<App>> app = App::Open(AppOptions{.db_path = Db()});
  ASSERT_TRUE(app.ok()) << app.error().message;
  size_t total = 0;
  ASSERT_TRUE((*app)->attempts().RankMembers(contest_, 0, 0, 1, &total).ok());
  EXPECT_EQ(total, static_cast<size_t>(stored) + static_cast<size_t>(resubmitted));
  std::cout << "killed after " << acknowledged << " acknowledged submissions; " << stored
            << " stored; after the restart " << already << " found submitted, " << resubmitted
            << " handed in again\n";
}

}  // namespace
}  // namespace dj
