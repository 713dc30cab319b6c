#include "domain/contest/contest_service.h"

#include <gtest/gtest.h>

#include "domain/contest/contest_json.h"
#include "domain/testing/fixtures.h"
#include "domain/testing/memory_contests.h"

namespace dj {
namespace {

using testing::D;
using testing::FieldKeys;
using testing::MakeNode;
using testing::MemoryContests;
using testing::MemoryQuestions;

Question Single(std::string stem, std::string tag) {
  Question q;
  q.kind = QuestionKind::kSingle;
  q.stem = std::move(stem);
  q.options = {"甲", "乙"};
  q.answer = 0b01;
  q.tags = {std::move(tag)};
  return q;
}

class ContestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RosterSnapshot s;
    s.nodes = {MakeNode(1, NodeKind::kCommittee, "c", std::nullopt),
               MakeNode(2, NodeKind::kUnit, "u", 1)};
    ASSERT_TRUE(roster_.Load(s).ok());
    ASSERT_TRUE(bank_.Load().ok());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(bank_.Add(ctx_, Single("党章题 " + std::to_string(i), "党章")).ok());
    }
    ASSERT_TRUE(contests_.Load().ok());
  }

  ContestSettings Settings() const {
    ContestSettings s;
    s.title = " 党章知识竞答 ";
    s.starts_at = clock_.NowUnixSeconds() + 3600;
    s.ends_at = clock_.NowUnixSeconds() + 7 * 86400;
    s.scope = 2;
    s.draw = {{"党章", std::nullopt, 2}};
    return s;
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  Roster roster_{clock_};
  MemoryQuestions questions_;
  QuestionBank bank_{questions_};
  MemoryContests repo_;
  ContestService contests_{repo_, bank_, roster_, clock_};
  WriteContext ctx_;
};

TEST_F(ContestServiceTest, ADraftIsEditedThenPublishedThenClosed) {
  Result<Contest> draft = contests_.Create(ctx_, Settings());
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->status, ContestStatus::kDraft);
  EXPECT_EQ(draft->settings.title, "党章知识竞答");
  EXPECT_EQ(contests_.Get(draft->id).value(), *draft);

  ContestSettings more = Settings();
  more.draw[0].count = 3;
  more.time_limit_seconds = 600;
  Result<Contest> edited = contests_.Update(ctx_, draft->id, more);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->settings.time_limit_seconds, 600);

  Result<Contest> published = contests_.Publish(ctx_, draft->id);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(published->status, ContestStatus::kPublished);
  EXPECT_EQ(contests_.Update(ctx_, draft->id, Settings()).error().key, "contest.not_draft");
  EXPECT_EQ(contests_.Publish(ctx_, draft->id).error().key, "contest.not_draft");

  EXPECT_EQ(contests_.Close(ctx_, draft->id)->status, ContestStatus::kClosed);
  EXPECT_EQ(contests_.Close(ctx_, draft->id).error().key, "contest.not_published");
  EXPECT_EQ(repo_.actions, (std::vector<std::string>{"create", "update", "publish", "close"}));

  ContestService reloaded(repo_, bank_, roster_, clock_);
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_EQ(reloaded.List(), contests_.List());
  EXPECT_EQ(contests_.Get(99).error().key, "contest.not_found");
}

TEST_F(ContestServiceTest, BadSettingsAreRefusedAndWriteNothing) {
  ContestSettings bad = Settings();
  bad.scope = 42;         // no such node
  bad.draw[0].count = 4;  // only 3 in the pool
  bad.ends_at = bad.starts_at;
  Result<Contest> refused = contests_.Create(ctx_, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(FieldKeys(refused.error().fields),
            (std::vector<std::string>{"ends_at:window_invalid", "draw:draw_short",
                                      "scope:scope_not_found"}));
  EXPECT_TRUE(repo_.stored.empty());
  EXPECT_TRUE(contests_.List().empty());
}

TEST_F(ContestServiceTest, PublishingChecksTheBankAndTheClockAgain) {
  Contest draft = contests_.Create(ctx_, Settings()).value();
  // The bank shrinks below the draw after the draft was saved.
  QuestionPage found = bank_.Find({.tag = "党章"});
  ASSERT_TRUE(bank_.Remove(ctx_, found.items[0].id).ok());
  ASSERT_TRUE(bank_.Remove(ctx_, found.items[1].id).ok());
  Result<Contest> refused = contests_.Publish(ctx_, draft.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(FieldKeys(refused.error().fields), (std::vector<std::string>{"draw:draw_short"}));

  ASSERT_TRUE(bank_.Add(ctx_, Single("新党章题", "党章")).ok());
  clock_.Set(draft.settings.ends_at);  // the window is over
  refused = contests_.Publish(ctx_, draft.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(FieldKeys(refused.error().fields), (std::vector<std::string>{"ends_at:window_passed"}));
  EXPECT_EQ(contests_.Get(draft.id)->status, ContestStatus::kDraft);
}

TEST(ContestJsonTest, SettingsRoundTrip) {
  ContestSettings s;
  s.title = "竞答";
  s.description = "说明\n第二行";
  s.starts_at = 1'700'000'000;
  s.ends_at = 1'700'086'400;
  s.scope = 7;
  s.draw = {{"党章", QuestionKind::kMultiple, 5}, {"", std::nullopt, 10}};
  s.time_limit_seconds = 900;
  s.attempts_allowed = 2;
  s.shuffle_options = false;
  s.reveal_score = Reveal::kAfterEnd;
  s.reveal_answers = Reveal::kNever;
  s.multiple_scoring = MultipleScoring::kPartial;
  s.points = {2, 4, 1};
  Result<ContestSettings> back = ContestSettingsFromJson(ContestSettingsToJson(s));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, s);
  ContestSettings fixed;
  fixed.fixed = {3, 1, 2};
  EXPECT_EQ(ContestSettingsFromJson(ContestSettingsToJson(fixed)).value(), fixed);

  EXPECT_EQ(ContestSettingsFromJson("[]").error().key, "contest.json_invalid");
  EXPECT_EQ(ContestSettingsFromJson(R"({"title": 1})").error().key, "contest.json_invalid");
}

}  // namespace
}  // namespace dj
