#include "domain/contest/contest.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::FieldKeys;

using K = QuestionKind;

constexpr int64_t kStart = 1'800'000'000;  // the window opens
constexpr int64_t kEnd = kStart + 2 * 3600;

Question Make(QuestionId id, K kind, std::vector<std::string> tags) {
  Question q;
  q.id = id;
  q.kind = kind;
  q.stem = "题 " + std::to_string(id);
  q.tags = std::move(tags);
  if (kind == K::kTrueFalse) {
    q.options = {kTrueLabel, kFalseLabel};
    q.answer = 0b01;
  } else {
    q.options = {"甲", "乙", "丙", "丁"};
    q.answer = kind == K::kMultiple ? 0b0110 : 0b0100;
  }
  return q;
}

// 10 single (党章), 6 multiple (党章), 8 true/false (条例) and 4 single (条例).
struct Bank {
  std::vector<Question> questions;
  std::vector<const Question*> view;

  Bank() {
    QuestionId id = 1;
    for (int i = 0; i < 10; ++i) questions.push_back(Make(id++, K::kSingle, {"党章"}));
    for (int i = 0; i < 6; ++i) questions.push_back(Make(id++, K::kMultiple, {"党章"}));
    for (int i = 0; i < 8; ++i) questions.push_back(Make(id++, K::kTrueFalse, {"条例"}));
    for (int i = 0; i < 4; ++i) questions.push_back(Make(id++, K::kSingle, {"条例"}));
    for (const Question& q : questions) view.push_back(&q);
  }
};

ContestSettings Settings() {
  ContestSettings s;
  s.title = "学习党章知识竞答";
  s.starts_at = kStart;
  s.ends_at = kEnd;
  s.scope = 1;
  s.draw = {{"党章", K::kSingle, 5}, {"党章", K::kMultiple, 3}, {"", std::nullopt, 4}};
  s.time_limit_seconds = 1200;
  return s;
}

TEST(ContestSettingsTest, ProblemsAreNamedAndAShortPoolIsCounted) {
  const Bank bank;
  EXPECT_TRUE(CheckSettings(Settings(), bank.view).empty());
  struct Case {
    const char* name;
    void (*change)(ContestSettings&);
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"no title", [](ContestSettings& s) { s.title = "  "; }, {"title:title_required"}},
      {"ends when it starts",
       [](ContestSettings& s) { s.ends_at = s.starts_at; },
       {"ends_at:window_invalid"}},
      {"no scope", [](ContestSettings& s) { s.scope = 0; }, {"scope:scope_required"}},
      {"30 s limit",
       [](ContestSettings& s) { s.time_limit_seconds = 30; },
       {"time_limit_seconds:time_limit_range"}},
      {"no attempts",
       [](ContestSettings& s) { s.attempts_allowed = 0; },
       {"attempts_allowed:attempts_range"}},
      {"no paper", [](ContestSettings& s) { s.draw.clear(); }, {"paper:paper_required"}},
      {"both papers", [](ContestSettings& s) { s.fixed = {1}; }, {"paper:paper_both"}},
      // 党章 single has 10; the last rule (any) then has the 8 true/false and 4 条例 singles
      // left, as questions belong to the first rule they match.
      {"eleven singles of 党章",
       [](ContestSettings& s) { s.draw[0].count = 11; },
       {"draw:draw_short"}},
      {"more than the rest", [](ContestSettings& s) { s.draw[2].count = 13; }, {"draw:draw_short"}},
      {"a fixed id not in the bank",
       [](ContestSettings& s) {
         s.draw.clear();
         s.fixed = {1, 99, 1};
       },
       {"fixed:question_not_found", "fixed:question_repeated"}},
  };
  for (const Case& c : cases) {
    ContestSettings s = Settings();
    c.change(s);
    EXPECT_EQ(FieldKeys(CheckSettings(s, bank.view)), c.expected) << c.name;
  }
  ContestSettings s = Settings();
  s.draw[2].count = 13;
  EXPECT_EQ(CheckSettings(s, bank.view).front().message,
            "抽题规则 3（不限标签，不限题型）只有 12 道题，不足 13 道");
}

TEST(DrawPaperTest, RulesDrawDistinctQuestionsFromTheirPools) {
  const Bank bank;
  const ContestSettings s = Settings();
  Result<Paper> paper = DrawPaper(s, bank.view, 42);
  ASSERT_TRUE(paper.ok());
  ASSERT_EQ(paper->size(), 12u);
  std::set<QuestionId> ids;
  int singles = 0;
  int multiples = 0;
  for (const IssuedQuestion& q : *paper) {
    ids.insert(q.id);
    const Question& question = bank.questions[static_cast<size_t>(q.id - 1)];
    std::vector<uint8_t> sorted = q.order;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted.size(), question.options.size());
    for (size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(sorted[i], i);  // a permutation
    if (question.kind == K::kTrueFalse) {
      EXPECT_EQ(q.order, (std::vector<uint8_t>{0, 1}));
    }
    if (q.id <= 10) ++singles;
    if (q.id > 10 && q.id <= 16) ++multiples;
  }
  EXPECT_EQ(ids.size(), 12u);  // none twice
  EXPECT_EQ(singles, 5);
  EXPECT_EQ(multiples, 3);
  // The same seed gives the same paper; another seed, another.
  EXPECT_EQ(*DrawPaper(s, bank.view, 42), *paper);
  EXPECT_NE(*DrawPaper(s, bank.view, 43), *paper);
}

TEST(DrawPaperTest, ThePoolKeptAtPublishDrawsThePapersTheBankWould) {
  const Bank bank;
  ContestSettings s = Settings();
  s.draw.pop_back();  // no rule taking any question: the pool is smaller than the bank
  std::vector<const Question*> pool = PoolOf(s, bank.view);
  EXPECT_LT(pool.size(), bank.view.size());
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    EXPECT_EQ(*DrawPaper(s, pool, seed), *DrawPaper(s, bank.view, seed)) << seed;
  }
  s.draw.clear();
  s.fixed = {3, 1, 20};
  pool = PoolOf(s, bank.view);
  ASSERT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool[0]->id, 1);  // in the bank's order
  EXPECT_EQ(*DrawPaper(s, pool, 9), *DrawPaper(s, bank.view, 9));
}

TEST(DrawPaperTest, AFixedPaperKeepsItsOrderUnlessShuffled) {
  const Bank bank;
  ContestSettings s = Settings();
  s.draw.clear();
  s.fixed = {3, 1, 20};
  s.shuffle_questions = false;
  s.shuffle_options = false;
  Result<Paper> paper = DrawPaper(s, bank.view, 7);
  ASSERT_TRUE(paper.ok());
  ASSERT_EQ(paper->size(), 3u);
  EXPECT_EQ((*paper)[0].id, 3);
  EXPECT_EQ((*paper)[1].id, 1);
  EXPECT_EQ((*paper)[2].id, 20);
  EXPECT_EQ((*paper)[0].order, (std::vector<uint8_t>{0, 1, 2, 3}));
  s.fixed = {99};
  EXPECT_FALSE(DrawPaper(s, bank.view, 7).ok());
}

Contest Published() {
  Contest c;
  c.id = 1;
  c.status = ContestStatus::kPublished;
  c.settings = Settings();
  c.settings.attempts_allowed = 2;
  return c;
}

std::string StartKey(const Contest& c, bool eligible, int64_t now,
                     const std::vector<AttemptState>& attempts) {
  Status s = CheckStart(c, eligible, now, attempts);
  return s.ok() ? "ok" : s.error().key;
}

TEST(AttemptTest, StartingAtTheEdgesOfTheWindowAndOfTheAttempts) {
  const Contest c = Published();
  EXPECT_EQ(StartKey(c, true, kStart - 1, {}), "contest.not_started");
  EXPECT_EQ(StartKey(c, true, kStart, {}), "ok");
  EXPECT_EQ(StartKey(c, true, kEnd - 1, {}), "ok");
  EXPECT_EQ(StartKey(c, true, kEnd, {}), "contest.ended");
  EXPECT_EQ(StartKey(c, false, kStart, {}), "contest.not_eligible");
  Contest draft = c;
  draft.status = ContestStatus::kDraft;
  EXPECT_EQ(StartKey(draft, true, kStart, {}), "contest.not_published");
  Contest closed = c;
  closed.status = ContestStatus::kClosed;
  EXPECT_EQ(StartKey(closed, true, kStart, {}), "contest.closed");

  const int64_t t = kStart + 100;
  AttemptState open{1, t, DeadlineOf(c.settings, t), std::nullopt};
  EXPECT_EQ(open.deadline, t + 1200);
  EXPECT_EQ(StartKey(c, true, t + 10, {open}), "contest.attempt_open");
  // Past its deadline and the grace, an unsubmitted attempt is over and counts as used.
  EXPECT_EQ(StartKey(c, true, open.deadline + kSubmitGraceSeconds, {open}), "contest.attempt_open");
  EXPECT_EQ(StartKey(c, true, open.deadline + kSubmitGraceSeconds + 1, {open}), "ok");
  AttemptState done = open;
  done.submitted_at = t + 300;
  EXPECT_EQ(StartKey(c, true, t + 400, {done}), "ok");
  EXPECT_EQ(StartKey(c, true, t + 400, {done, done}), "contest.attempts_used");
  // An attempt started late ends with the contest.
  EXPECT_EQ(DeadlineOf(c.settings, kEnd - 60), kEnd);
}

struct Taken {
  Bank bank;
  ContestSettings settings = Settings();
  Paper paper;
  AttemptState attempt;

  Taken() {
    settings.draw.clear();
    settings.fixed = {1, 11, 17};  // single 丙, multiple 乙丙, true/false 正确
    paper = *DrawPaper(settings, bank.view, 5);
    attempt = {1, kStart, DeadlineOf(settings, kStart), std::nullopt};
  }
  // The position at which option `original` of question `id` was shown.
  OptionSet Shown(QuestionId id, std::initializer_list<int> originals) const {
    for (const IssuedQuestion& q : paper) {
      if (q.id != id) continue;
      OptionSet set = 0;
      for (int o : originals) {
        for (size_t pos = 0; pos < q.order.size(); ++pos) {
          if (q.order[pos] == o) set = static_cast<OptionSet>(set | (1u << pos));
        }
      }
      return set;
    }
    return 0;
  }
};

std::string SubmitKey(const Taken& t, const std::vector<Answer>& answers, int64_t now) {
  Status s = CheckSubmit(t.attempt, t.paper, t.bank.view, answers, now);
  if (s.ok()) return "ok";
  return s.error().fields.empty() ? s.error().key : s.error().fields.front().key;
}

TEST(AttemptTest, SubmittingAtTheTimeLimitAndWithAnswersNotIssued) {
  const Taken t;
  const int64_t deadline = t.attempt.deadline;
  EXPECT_EQ(SubmitKey(t, {}, deadline), "ok");
  EXPECT_EQ(SubmitKey(t, {}, deadline + kSubmitGraceSeconds), "ok");
  EXPECT_EQ(SubmitKey(t, {}, deadline + kSubmitGraceSeconds + 1), "contest.time_up");
  EXPECT_EQ(SubmitKey(t, {{2, 0b1}}, kStart + 10), "question_not_issued");
  EXPECT_EQ(SubmitKey(t, {{1, 0b1}, {1, 0b10}}, kStart + 10), "answer_repeated");
  EXPECT_EQ(SubmitKey(t, {{1, 0b10000}}, kStart + 10), "option_invalid");
  EXPECT_EQ(SubmitKey(t, {{1, 0b11}}, kStart + 10), "one_option_only");
  EXPECT_EQ(SubmitKey(t, {{17, 0b100}}, kStart + 10), "option_invalid");
  Taken submitted;
  submitted.attempt.submitted_at = kStart + 20;
  EXPECT_EQ(SubmitKey(submitted, {}, kStart + 30), "contest.already_submitted");
}

TEST(ScoringTest, AnswersAreMappedBackThroughTheShuffledOptions) {
  Taken t;
  const std::vector<Answer> right = {
      {1, t.Shown(1, {2})}, {11, t.Shown(11, {1, 2})}, {17, t.Shown(17, {0})}};
  AttemptScore all = ScoreAttempt(t.settings, t.paper, t.bank.view, right);
  EXPECT_EQ(all.points, 4);  // 1 + 2 + 1
  EXPECT_EQ(all.max_points, 4);
  EXPECT_EQ(all.correct, 3);
  ASSERT_EQ(all.questions.size(), 3u);

  // Half of a multiple: all-or-nothing gives 0, partial gives half (rounded down).
  const std::vector<Answer> some = {{11, t.Shown(11, {1})}};
  EXPECT_EQ(ScoreAttempt(t.settings, t.paper, t.bank.view, some).points, 0);
  t.settings.multiple_scoring = MultipleScoring::kPartial;
  EXPECT_EQ(ScoreAttempt(t.settings, t.paper, t.bank.view, some).points, 1);
  EXPECT_EQ(ScoreAttempt(t.settings, t.paper, t.bank.view, some).correct, 0);
  // A wrong option among them scores nothing even when partial.
  const std::vector<Answer> wrong = {{11, t.Shown(11, {1, 3})}};
  EXPECT_EQ(ScoreAttempt(t.settings, t.paper, t.bank.view, wrong).points, 0);
  t.settings.points[static_cast<size_t>(K::kMultiple)] = 5;
  EXPECT_EQ(ScoreAttempt(t.settings, t.paper, t.bank.view, some).points, 2);

  // Answering by the option's own letter instead of where it was shown scores nothing: in
  // this paper question 1's right option (丙, C) was moved.
  EXPECT_NE(t.Shown(1, {2}), OptionSet{0b100});
  const std::vector<Answer> naive = {{1, 0b100}};
  EXPECT_EQ(ScoreAttempt(t.settings, t.paper, t.bank.view, naive).points, 0);
  // Nothing answered: zero, with the maximum still counted.
  AttemptScore none = ScoreAttempt(t.settings, t.paper, t.bank.view, {});
  EXPECT_EQ(none.points, 0);
  EXPECT_EQ(none.max_points, 1 + 5 + 1);
}

}  // namespace
}  // namespace dj
