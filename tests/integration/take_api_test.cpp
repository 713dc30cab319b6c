// Members taking part in a contest through the real server: a contest pass from 我的竞答 or
// from the organiser's list of links opens the contest without a session; the paper comes
// without its answer key; a start and a submission are answered once durable; the rankings,
// the monitor and the ranking workbook count the submission at once.
#include <gtest/gtest.h>

#include "integration/test_server.h"
#include "office/xlsx_reader.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::string Str(int64_t n) { return std::to_string(n); }

// Every row of the first sheet of `xlsx`, as text by column.
std::vector<std::vector<std::string>> Rows(const std::string& xlsx) {
  std::vector<std::vector<std::string>> rows;
  Result<std::unique_ptr<XlsxReader>> book = XlsxReader::Open(xlsx);
  EXPECT_TRUE(book.ok());
  if (!book.ok()) return rows;
  EXPECT_TRUE((*book)
                  ->ReadRows([&](int, std::span<const XlsxReadCell> cells) {
                    std::vector<std::string> row;
                    for (const XlsxReadCell& c : cells) {
                      row.resize(static_cast<size_t>(c.column) + 1);
                      row[static_cast<size_t>(c.column)] = std::string(c.text);
                    }
                    rows.push_back(std::move(row));
                    return true;
                  })
                  .ok());
  return rows;
}

class TakeApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    admin_ = std::make_unique<Api>(server_->port(), server_->admin_token());
    // A single choice (answer B), a multiple choice (A and C), a true/false (错误).
    const json questions[] = {
        {{"kind", "single"},
         {"stem", "答题测试单选"},
         {"options", {"甲", "乙", "丙"}},
         {"answer", "B"},
         {"explanation", "单选解析"}},
        {{"kind", "multiple"},
         {"stem", "答题测试多选"},
         {"options", {"甲", "乙", "丙", "丁"}},
         {"answer", "AC"}},
        {{"kind", "true_false"}, {"stem", "答题测试判断"}, {"answer", "错误"}}};
    for (const json& q : questions) {
      ApiReply added = admin_->Post("/api/contest/questions", q);
      ASSERT_EQ(added.status, 201) << added;
      question_ids_.push_back(added.data()["id"]);
    }
    for (const MemberBrief& m : server_->app().roster().ActiveMembersUnder(kBranch)) {
      members_.push_back(m.id);
    }
    std::sort(members_.begin(), members_.end());
    ASSERT_GE(members_.size(), 7u);
    outsider_ = server_->app().roster().ActiveMembersUnder(kOtherBranch).at(0).id;
  }
  static void TearDownTestSuite() {
    admin_.reset();
    server_.reset();
  }

  // A published contest for kUnit1 on the fixed paper, unshuffled, open since a minute ago.
  static int64_t Published(json changes = json::object()) {
    const int64_t now = server_->clock().NowUnixSeconds();
    json body = {{"title", "答题测试竞答"},     {"starts_at", now - 60},
                 {"ends_at", now + 86400},      {"scope", kUnit1},
                 {"fixed", question_ids_},      {"shuffle_questions", false},
                 {"shuffle_options", false},    {"time_limit_seconds", 600},
                 {"reveal_score", "on_submit"}, {"reveal_answers", "on_submit"}};
    body.update(changes);
    ApiReply created = admin_->Post("/api/contests", body);
    EXPECT_EQ(created.status, 201) << created;
    const int64_t id = created.data()["id"];
    ApiReply published = admin_->Post("/api/contests/" + Str(id) + "/publish", json::object());
    EXPECT_EQ(published.status, 200) << published;
    return id;
  }

  // A client holding the pass of `member` for `contest`.
  static std::unique_ptr<Api> Taker(int64_t contest, int64_t member) {
    auto api = std::make_unique<Api>(server_->port());
    api->SetHeader("X-Contest-Pass", server_->app().passes().Issue(contest, member));
    return api;
  }

  // Every answer right: positions as shown (unshuffled, the options' own).
  static json AllRight() {
    return {{"answers",
             {{{"question", question_ids_[0]}, {"chosen", {1}}},
              {{"question", question_ids_[1]}, {"chosen", {0, 2}}},
              {{"question", question_ids_[2]}, {"chosen", {1}}}}}};
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<Api> admin_;
  static inline std::vector<int64_t> question_ids_;
  static inline std::vector<int64_t> members_;
  static inline int64_t outsider_ = 0;
};

TEST_F(TakeApiTest, AMemberTakesPartWithThePassFromTheirAccount) {
  const int64_t contest = Published();
  const int64_t member = members_[0];
  Api account(server_->port(),
              server_->CreateAccount("take-member", {{0, 0, Role::kMember, kBranch}}, member));
  ApiReply mine = account.Get("/api/my/contests");
  ASSERT_EQ(mine.status, 200) << mine;
  json listed;
  for (const json& c : mine.data()["items"]) {
    if (c["id"] == contest) listed = c;
  }
  ASSERT_TRUE(listed.is_object()) << mine;
  EXPECT_EQ(listed["open"], true);

  Api taker(server_->port());
  taker.SetHeader("X-Contest-Pass", listed["pass"].get<std::string>());
  ApiReply overview = taker.Get("/api/take/" + Str(contest));
  ASSERT_EQ(overview.status, 200) << overview;
  EXPECT_EQ(overview.data()["eligible"], true);
  EXPECT_EQ(overview.data()["contest"]["paper_size"], 3);
  EXPECT_EQ(overview.data()["attempts"], json::array());
  EXPECT_FALSE(overview.data()["contest"].contains("fixed"));

  ApiReply started = taker.Post("/api/take/" + Str(contest) + "/attempts", json::object());
  ASSERT_EQ(started.status, 201) << started;
  const json& paper = started.data();
  ASSERT_EQ(paper["questions"].size(), 3u);
  for (const json& q : paper["questions"]) {
    // Only what answering needs: no answer, no explanation.
    std::set<std::string> keys;
    for (const auto& [k, v] : q.items()) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"id", "kind", "kind_label", "stem", "options"}));
  }
  EXPECT_EQ(paper["questions"][2]["options"], json({"正确", "错误"}));
  EXPECT_EQ(started.body.find("单选解析"), std::string::npos);
  EXPECT_EQ(paper["deadline"].get<int64_t>() - paper["started_at"].get<int64_t>(), 600);
  const int64_t attempt = paper["id"];

  // One attempt at a time; the open one is resumed.
  EXPECT_EQ(taker.Post("/api/take/" + Str(contest) + "/attempts", json::object()).error(),
            "contest.attempt_open");
  EXPECT_EQ(taker.Get("/api/take/" + Str(contest) + "/attempts/current").data()["id"], attempt);

  const std::string submit = "/api/take/" + Str(contest) + "/attempts/" + Str(attempt) + "/submit";
  ApiReply result = taker.Post(submit, AllRight());
  ASSERT_EQ(result.status, 200) << result;
  EXPECT_EQ(result.data()["score"], json({{"points", 4}, {"max_points", 4}, {"correct", 3}}));
  EXPECT_EQ(result.data()["questions"][0]["answer"], json({1}));
  EXPECT_EQ(result.data()["questions"][0]["explanation"], "单选解析");
  EXPECT_EQ(taker.Post(submit, AllRight()).error(), "contest.already_submitted");
  EXPECT_EQ(taker.Get("/api/take/" + Str(contest) + "/attempts/" + Str(attempt))
                .data()["score"]["points"],
            4);

  // The stored row and its audit entries.
  EXPECT_EQ(
      admin_->Get("/api/audit?entity=contest_attempt&entity_id=" + Str(attempt)).data()["total"],
      2);

  // Counted at once by the rankings, the monitor and the workbook.
  ApiReply ranking = admin_->Get("/api/contests/" + Str(contest) + "/ranking");
  ASSERT_EQ(ranking.status, 200) << ranking;
  EXPECT_EQ(ranking.data()["total"], 1);
  EXPECT_EQ(ranking.data()["items"][0]["member"], member);
  EXPECT_EQ(ranking.data()["items"][0]["points"], 4);
  EXPECT_EQ(ranking.data()["items"][0]["unit"], "省委办公厅");
  ApiReply units = admin_->Get("/api/contests/" + Str(contest) + "/ranking?by=branch");
  ASSERT_EQ(units.status, 200) << units;
  EXPECT_EQ(units.data()["items"][0]["node"], kBranch);
  EXPECT_EQ(units.data()["items"][0]["participants"], 1);
  EXPECT_EQ(units.data()["items"][0]["eligible"].get<int64_t>(),
            static_cast<int64_t>(members_.size()));
  ApiReply monitor = admin_->Get("/api/contests/" + Str(contest) + "/monitor");
  ASSERT_EQ(monitor.status, 200) << monitor;
  EXPECT_EQ(monitor.data()["submitted"], 1);
  EXPECT_EQ(monitor.data()["per_second"].size(), 120u);
  ApiReply workbook = admin_->Get("/api/contests/" + Str(contest) + "/ranking/export");
  ASSERT_EQ(workbook.status, 200) << workbook.message();
  std::vector<std::vector<std::string>> rows = Rows(workbook.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], server_->app().roster().NameOf(member).value());
  EXPECT_EQ(rows[1][4], "4");
}

TEST_F(TakeApiTest, OnlyAValidPassForThisContestOpensIt) {
  const int64_t contest = Published();
  const int64_t other = Published();
  Api none(server_->port(), server_->admin_token());  // a session is not a pass
  EXPECT_EQ(none.Get("/api/take/" + Str(contest)).status, 401);
  EXPECT_EQ(none.Get("/api/take/" + Str(contest)).error(), "contest.pass_invalid");
  std::string pass = server_->app().passes().Issue(contest, members_[1]);
  Api forged(server_->port());
  forged.SetHeader("X-Contest-Pass",
                   pass.substr(0, pass.size() - 1) + (pass.back() == 'A' ? "B" : "A"));
  EXPECT_EQ(forged.Get("/api/take/" + Str(contest)).error(), "contest.pass_invalid");
  // Another member's id under this pass's mac.
  Api swapped(server_->port());
  swapped.SetHeader("X-Contest-Pass",
                    Str(contest) + "." + Str(members_[2]) + pass.substr(pass.rfind('.')));
  EXPECT_EQ(swapped.Get("/api/take/" + Str(contest)).error(), "contest.pass_invalid");
  // This contest's pass on another contest.
  auto holder = Taker(contest, members_[1]);
  EXPECT_EQ(holder->Get("/api/take/" + Str(other)).status, 403);
  EXPECT_EQ(holder->Post("/api/take/" + Str(other) + "/attempts", json::object()).status, 403);

  // A member outside the contest's scope holds a valid pass but may not start.
  auto outsider = Taker(contest, outsider_);
  ApiReply overview = outsider->Get("/api/take/" + Str(contest));
  EXPECT_EQ(overview.data()["eligible"], false);
  StoreState before = server_->ReadState();
  ApiReply refused = outsider->Post("/api/take/" + Str(contest) + "/attempts", json::object());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error(), "contest.not_eligible");
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(TakeApiTest, BadSubmissionsAreRefusedAndChangeNothing) {
  const int64_t contest = Published();
  auto taker = Taker(contest, members_[1]);
  ApiReply started = taker->Post("/api/take/" + Str(contest) + "/attempts", json::object());
  ASSERT_EQ(started.status, 201) << started;
  const std::string submit =
      "/api/take/" + Str(contest) + "/attempts/" + Str(started.data()["id"]) + "/submit";
  StoreState before = server_->ReadState();

  ApiReply foreign =
      taker->Post(submit, {{"answers",
                            {{{"question", 999999}, {"chosen", {0}}},
                             {{"question", question_ids_[0]}, {"chosen", {0, 1}}}}}});
  EXPECT_EQ(foreign.status, 400);
  ASSERT_EQ(foreign.data()["fields"].size(), 2u) << foreign;
  EXPECT_EQ(foreign.data()["fields"][0]["error"], "question_not_issued");
  EXPECT_EQ(foreign.data()["fields"][1]["error"], "one_option_only");
  ApiReply unreadable = taker->Post(submit, {{"answers", {{{"question", "one"}, {"chosen", 3}}}}});
  EXPECT_EQ(unreadable.status, 400) << unreadable;
  EXPECT_EQ(taker->Post(submit, {{"answers", {{{"question", question_ids_[0]}, {"chosen", {9}}}}}})
                .data()["fields"][0]["error"],
            "option_invalid");
  EXPECT_EQ(
      taker->Post("/api/take/" + Str(contest) + "/attempts/999999/submit", AllRight()).error(),
      "contest.attempt_not_found");
  // Another member's attempt is not theirs to hand in.
  EXPECT_EQ(Taker(contest, members_[2])->Post(submit, AllRight()).error(),
            "contest.attempt_not_found");
  EXPECT_EQ(server_->ReadState(), before);

  // After the time limit and its grace: refused.
  FixedClock& clock = server_->clock();
  const int64_t now = clock.NowUnixSeconds();
  clock.Set(now + 600 + kSubmitGraceSeconds + 1);
  ApiReply late = taker->Post(submit, AllRight());
  clock.Set(now);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.error(), "contest.time_up");
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(TakeApiTest, AnswersAreReadHoweverTheBodyIsLaidOut) {
  // The usual layout is read without a JSON tree; any other valid JSON the general way. Both
  // score the same.
  const int64_t contest = Published();
  const std::string q0 = Str(question_ids_[0]);
  const std::string q1 = Str(question_ids_[1]);
  const std::vector<std::string> bodies = {
      "{ \"answers\" : [ {\"question\": " + q0 + ", \"chosen\": [ 1 ] },\n {\"question\":" + q1 +
          ",\"chosen\":[0,2]} ] }",
      "{\"answers\":[{\"chosen\":[1],\"question\":" + q0 +
          "},{\"chosen\":[2,0],\"question\":" + q1 + "}]}",
  };
  for (size_t i = 0; i < bodies.size(); ++i) {
    auto taker = Taker(contest, members_[4 + i]);
    ApiReply started = taker->Post("/api/take/" + Str(contest) + "/attempts", json::object());
    ASSERT_EQ(started.status, 201) << started;
    ApiReply result = taker->Send(
        "POST", "/api/take/" + Str(contest) + "/attempts/" + Str(started.data()["id"]) + "/submit",
        bodies[i]);
    ASSERT_EQ(result.status, 200) << bodies[i] << " → " << result;
    EXPECT_EQ(result.data()["score"]["points"], 3) << bodies[i];
    EXPECT_EQ(result.data()["answered"], 2);
  }
  // A body that only looks like the usual one is refused with its problem named.
  auto taker = Taker(contest, members_[6]);
  ApiReply started = taker->Post("/api/take/" + Str(contest) + "/attempts", json::object());
  ASSERT_EQ(started.status, 201) << started;
  const std::string submit =
      "/api/take/" + Str(contest) + "/attempts/" + Str(started.data()["id"]) + "/submit";
  EXPECT_EQ(taker->Send("POST", submit, "{\"answers\":[{\"question\":01,\"chosen\":[1]}]}").status,
            400);
  ApiReply unknown = taker->Send(
      "POST", submit, "{\"answers\":[{\"question\":" + q0 + ",\"chosen\":[1]}],\"x\":1}");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.data()["fields"][0]["error"], "request.unknown_field") << unknown;
}

TEST_F(TakeApiTest, ScoresAndAnswersAreShownOnlyAsTheContestSays) {
  const int64_t contest = Published({{"reveal_score", "after_end"}, {"reveal_answers", "never"}});
  auto taker = Taker(contest, members_[3]);
  ApiReply started = taker->Post("/api/take/" + Str(contest) + "/attempts", json::object());
  ASSERT_EQ(started.status, 201) << started;
  ApiReply result = taker->Post(
      "/api/take/" + Str(contest) + "/attempts/" + Str(started.data()["id"]) + "/submit",
      AllRight());
  ASSERT_EQ(result.status, 200) << result;
  EXPECT_TRUE(result.data()["score"].is_null()) << result;
  EXPECT_TRUE(result.data()["questions"].is_null()) << result;
  EXPECT_EQ(result.body.find("单选解析"), std::string::npos);
  EXPECT_TRUE(taker->Get("/api/take/" + Str(contest)).data()["attempts"][0]["score"].is_null());
  // The organiser sees it in the ranking all the same.
  EXPECT_EQ(admin_->Get("/api/contests/" + Str(contest) + "/ranking").data()["items"][0]["points"],
            4);
}

TEST_F(TakeApiTest, TheOrganiserExportsEachMembersLink) {
  const int64_t contest = Published();
  ApiReply links = admin_->Get("/api/contests/" + Str(contest) + "/passes?node=" + Str(kBranch));
  ASSERT_EQ(links.status, 200) << links.message();
  std::vector<std::vector<std::string>> rows = Rows(links.body);
  ASSERT_EQ(rows.size(), members_.size() + 1);
  const std::string link = rows[1][3];
  ASSERT_NE(link.find("/take#"), std::string::npos) << link;
  const std::string pass = link.substr(link.find("/take#") + 6);
  Api taker(server_->port());
  taker.SetHeader("X-Contest-Pass", pass);
  ApiReply overview = taker.Get("/api/take/" + Str(contest));
  ASSERT_EQ(overview.status, 200) << overview;
  EXPECT_EQ(overview.data()["member"]["name"], rows[1][2]);
  // Outside the contest's scope, or a draft: no links.
  EXPECT_EQ(
      admin_->Get("/api/contests/" + Str(contest) + "/passes?node=" + Str(kOtherBranch)).error(),
      "org.not_found");
}

}  // namespace
}  // namespace dj::integration
