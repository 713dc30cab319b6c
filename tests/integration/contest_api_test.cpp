// Contests as organisers set them up, through the real server: a unit admin drafts a contest
// for their unit from the committee's bank, is told every problem of a bad set-up at once,
// publishes and closes it; a draft is editable, a published contest is not; each admin sees
// only the contests of their scope.
#include <gtest/gtest.h>

#include "integration/test_server.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::string Str(int64_t n) { return std::to_string(n); }

class ContestApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    admin_ = std::make_unique<Api>(server_->port(), server_->admin_token());
    unit_ = std::make_unique<Api>(
        server_->port(),
        server_->CreateAccount("contest-unit", {{0, 0, Role::kUnitAdmin, kUnit1}}));
    other_unit_ = std::make_unique<Api>(
        server_->port(),
        server_->CreateAccount("contest-unit-2", {{0, 0, Role::kUnitAdmin, kUnit2}}));
    // The committee's bank: three single-choice questions tagged 党章.
    for (int i = 0; i < 3; ++i) {
      ApiReply added = admin_->Post("/api/contest/questions", {{"kind", "single"},
                                                               {"stem", "竞答测试题 " + Str(i)},
                                                               {"options", {"甲", "乙"}},
                                                               {"answer", "A"},
                                                               {"tags", {"党章"}}});
      ASSERT_EQ(added.status, 201) << added;
    }
  }
  static void TearDownTestSuite() {
    unit_.reset();
    other_unit_.reset();
    admin_.reset();
    server_.reset();
  }

  static json Body(int count) {
    const int64_t now = server_->clock().NowUnixSeconds();
    return {{"title", "党章知识竞答"},
            {"starts_at", now + 3600},
            {"ends_at", now + 7 * 86400},
            {"scope", kUnit1},
            {"draw", {{{"tag", "党章"}, {"kind", "single"}, {"count", count}}}},
            {"time_limit_seconds", 900},
            {"multiple_scoring", "partial"},
            {"points", {{"single", 5}}}};
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<Api> admin_, unit_, other_unit_;
};

std::vector<std::string> Keys(const ApiReply& reply) {
  std::vector<std::string> keys;
  for (const json& f : reply.data()["fields"]) {
    keys.push_back(f["field"].get<std::string>() + ":" + f["error"].get<std::string>());
  }
  return keys;
}

TEST_F(ContestApiTest, DraftPublishClose) {
  ApiReply draft = unit_->Post("/api/contests", Body(2));
  ASSERT_EQ(draft.status, 201) << draft;
  const int64_t id = draft.data()["id"];
  EXPECT_EQ(draft.data()["status"], "draft");
  EXPECT_EQ(draft.data()["scope_name"], "省委办公厅");
  EXPECT_EQ(draft.data()["points"], json({{"single", 5}, {"multiple", 2}, {"true_false", 1}}));
  EXPECT_EQ(draft.data()["multiple_scoring"], "partial");
  EXPECT_EQ(draft.data()["draw"][0]["count"], 2);

  ApiReply edited = unit_->Put("/api/contests/" + Str(id), Body(3));
  ASSERT_EQ(edited.status, 200) << edited;
  EXPECT_EQ(edited.data()["draw"][0]["count"], 3);

  // Each admin sees the contests of their own scope.
  EXPECT_EQ(unit_->Get("/api/contests").data()["total"], 1);
  EXPECT_EQ(other_unit_->Get("/api/contests").data()["total"], 0);
  EXPECT_EQ(other_unit_->Get("/api/contests/" + Str(id)).status, 403);
  EXPECT_GE(admin_->Get("/api/contests").data()["total"].get<int>(), 1);

  ApiReply published = unit_->Post("/api/contests/" + Str(id) + "/publish", json::object());
  ASSERT_EQ(published.status, 200) << published;
  EXPECT_EQ(published.data()["status"], "published");
  EXPECT_EQ(unit_->Put("/api/contests/" + Str(id), Body(2)).error(), "contest.not_draft");
  EXPECT_EQ(unit_->Post("/api/contests/" + Str(id) + "/publish", json::object()).error(),
            "contest.not_draft");
  ApiReply closed = unit_->Post("/api/contests/" + Str(id) + "/close", json::object());
  EXPECT_EQ(closed.data()["status"], "closed") << closed;
  EXPECT_EQ(unit_->Get("/api/contests/" + Str(id)).data()["status"], "closed");
}

TEST_F(ContestApiTest, ABadSetUpIsRefusedWholeAndWritesNothing) {
  StoreState before = server_->ReadState();
  json bad = Body(4);  // only 3 questions in the pool
  bad["ends_at"] = bad["starts_at"];
  bad["time_limit_seconds"] = 10;
  ApiReply refused = unit_->Post("/api/contests", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Keys(refused),
            (std::vector<std::string>{"ends_at:window_invalid",
                                      "time_limit_seconds:time_limit_range", "draw:draw_short"}))
      << refused;

  json unreadable = Body(1);
  unreadable["draw"] = {{{"tag", "党章"}, {"kind", "essay"}, {"count", "two"}}};
  unreadable["reveal_score"] = "sometimes";
  unreadable["colour"] = "red";
  ApiReply unread = unit_->Post("/api/contests", unreadable);
  EXPECT_EQ(unread.status, 400);
  EXPECT_EQ(Keys(unread),
            (std::vector<std::string>{
                "draw[0].kind:request.invalid_choice", "draw[0].count:request.wrong_type",
                "reveal_score:request.invalid_choice", "colour:request.unknown_field"}))
      << unread;

  // Another unit's members are not this admin's to call to a contest.
  json elsewhere = Body(1);
  elsewhere["scope"] = kUnit2;
  EXPECT_EQ(unit_->Post("/api/contests", elsewhere).status, 403);
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(ContestApiTest, PublishingChecksTheWindowAgain) {
  // A window of a minute, from a minute from now (sessions outlive the wait below).
  json past = Body(1);
  const int64_t now = server_->clock().NowUnixSeconds();
  past["starts_at"] = now + 60;
  past["ends_at"] = now + 120;
  ApiReply draft = admin_->Post("/api/contests", past);
  ASSERT_EQ(draft.status, 201) << draft;
  const int64_t id = draft.data()["id"];
  server_->clock().Set(now + 200);  // after its end
  ApiReply refused = admin_->Post("/api/contests/" + Str(id) + "/publish", json::object());
  server_->clock().Set(now);
  EXPECT_EQ(Keys(refused), (std::vector<std::string>{"ends_at:window_passed"})) << refused;
  EXPECT_EQ(admin_->Get("/api/contests/" + Str(id)).data()["status"], "draft");
}

}  // namespace
}  // namespace dj::integration
