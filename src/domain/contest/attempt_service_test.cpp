#include "domain/contest/attempt_service.h"

#include <gtest/gtest.h>

#include "domain/testing/fixtures.h"
#include "domain/testing/memory_contests.h"

namespace dj {
namespace {

using K = NodeKind;
using testing::D;
using testing::MakeMember;
using testing::MakeNode;
using testing::MemoryAttempts;
using testing::MemoryContests;
using testing::MemoryQuestions;

// The paper is fixed and not shuffled, so positions shown are the options' own: question 1
// single (answer A), 2 multiple (A and C), 3 true/false (正确).
constexpr QuestionId kSingle = 1;
constexpr QuestionId kMultiple = 2;
constexpr QuestionId kTrueFalse = 3;

class AttemptServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 工委 1 → zone 2 → unit 3 → branches 4, 5; zone 9 → unit 7 → branch 8.
    RosterSnapshot s;
    s.nodes = {MakeNode(1, K::kCommittee, "c", std::nullopt),
               MakeNode(2, K::kZone, "z", 1),
               MakeNode(3, K::kUnit, "u3", 2),
               MakeNode(4, K::kBranch, "a", 3),
               MakeNode(5, K::kBranch, "b", 3),
               MakeNode(9, K::kZone, "z9", 1),
               MakeNode(7, K::kUnit, "u7", 9),
               MakeNode(8, K::kBranch, "cc", 7)};
    auto add = [&](const char* name, NodeId branch, MemberStatus status) {
      Member m = MakeMember(name, branch, D("1985-06-15"), Gender::kMale,
                            static_cast<int>(s.members.size() + 1));
      m.id = static_cast<MemberId>(s.members.size() + 1);
      m.status = status;
      s.members.push_back(m);
      s.periods.push_back({m.id, branch, std::nullopt, m.probationary_date,
                           status == MemberStatus::kTransferredOut
                               ? std::optional<Date>(D("2026-01-01"))
                               : std::nullopt});
    };
    add("甲", 4, MemberStatus::kFull);            // 1
    add("乙", 4, MemberStatus::kFull);            // 2
    add("丙", 4, MemberStatus::kProbationary);    // 3
    add("丁", 5, MemberStatus::kFull);            // 4
    add("戊", 8, MemberStatus::kFull);            // 5: outside the scope (zone 2)
    add("己", 4, MemberStatus::kTransferredOut);  // 6: no longer a member here
    ASSERT_TRUE(roster_.Load(s).ok());

    ASSERT_TRUE(bank_.Load().ok());
    Question single{0,       QuestionKind::kSingle, "单选", {"甲", "乙", "丙", "丁"}, 0b0001, {}, 3,
                    "解析一"};
    Question multiple{
        0, QuestionKind::kMultiple, "多选", {"甲", "乙", "丙", "丁"}, 0b0101, {}, 3, "解析二"};
    Question judge{0, QuestionKind::kTrueFalse, "判断", {"正确", "错误"}, 0b01, {}, 3, ""};
    ASSERT_TRUE(bank_.AddAll(ctx_, {single, multiple, judge}, {2, 3, 4}).ok());
    ASSERT_TRUE(contests_.Load().ok());
    ASSERT_TRUE(attempts_.Load().ok());
  }

  ContestSettings Settings() const {
    ContestSettings s;
    s.title = "党章知识竞答";
    s.starts_at = now_;
    s.ends_at = now_ + 86400;
    s.scope = 2;
    s.fixed = {kSingle, kMultiple, kTrueFalse};
    s.shuffle_questions = false;
    s.shuffle_options = false;
    s.time_limit_seconds = 600;
    s.attempts_allowed = 2;
    return s;
  }

  ContestId Publish(ContestSettings s) {
    Result<Contest> c = contests_.Create(ctx_, std::move(s));
    EXPECT_TRUE(c.ok()) << c.error().message;
    EXPECT_TRUE(contests_.Publish(ctx_, c->id).ok());
    return c->id;
  }

  // Starts and makes the start durable; the attempt's id.
  AttemptId Started(ContestId contest, MemberId member, int64_t at) {
    Result<AttemptView> v = attempts_.Start(ctx_, {contest, member}, at, [](Status) {});
    EXPECT_TRUE(v.ok()) << v.error().key;
    repo_.Flush();
    return v.ok() ? v->attempt.id : 0;
  }

  // Submits and makes it durable; the points.
  int Submitted(ContestId contest, MemberId member, AttemptId id, std::vector<Answer> answers,
                int64_t at) {
    Result<AttemptView> v =
        attempts_.Submit(ctx_, {contest, member}, id, std::move(answers), at, [](Status) {});
    EXPECT_TRUE(v.ok()) << v.error().key;
    repo_.Flush();
    return v.ok() ? v->attempt.points : -1;
  }

  static std::vector<Answer> AllRight() {
    return {{kSingle, 0b0001}, {kMultiple, 0b0101}, {kTrueFalse, 0b01}};
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  const int64_t now_ = clock_.NowUnixSeconds();
  Roster roster_{clock_};
  MemoryQuestions questions_;
  QuestionBank bank_{questions_};
  MemoryContests contest_repo_;
  ContestService contests_{contest_repo_, bank_, roster_, clock_};
  MemoryAttempts repo_;
  AttemptService attempts_{repo_, contests_, roster_};
  WriteContext ctx_;
};

TEST_F(AttemptServiceTest, AStartIssuesThePaperAndCountsOnceDurable) {
  const ContestId c = Publish(Settings());
  std::optional<Status> stored;
  Result<AttemptView> v =
      attempts_.Start(ctx_, {c, 1}, now_ + 10, [&](Status s) { stored = std::move(s); });
  ASSERT_TRUE(v.ok()) << v.error().key;
  EXPECT_EQ(v->attempt.number, 1);
  EXPECT_EQ(v->attempt.branch, 4);
  EXPECT_EQ(v->attempt.deadline, now_ + 610);
  ASSERT_EQ(v->questions.size(), 3u);
  EXPECT_EQ(v->questions[1]->stem, "多选");
  EXPECT_EQ(v->attempt.paper[1].order, (std::vector<uint8_t>{0, 1, 2, 3}));

  // Not durable yet: nothing to resume, no second start, nothing stored, nothing counted.
  EXPECT_FALSE(stored);
  EXPECT_EQ(attempts_.Current({c, 1}, now_ + 11).error().key, "contest.attempt_starting");
  EXPECT_EQ(attempts_.Start(ctx_, {c, 1}, now_ + 11, [](Status) {}).error().key,
            "contest.attempt_open");
  EXPECT_TRUE(repo_.stored.empty());
  EXPECT_EQ(attempts_.Monitor(c, now_ + 11)->started, 0);

  EXPECT_EQ(repo_.Flush(), 1u);
  ASSERT_TRUE(stored && stored->ok());
  EXPECT_EQ(repo_.stored.at(v->attempt.id), v->attempt);
  Result<AttemptView> resumed = attempts_.Current({c, 1}, now_ + 20);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->attempt, v->attempt);
  EXPECT_EQ(attempts_.Monitor(c, now_ + 20)->started, 1);
  EXPECT_EQ(attempts_.Monitor(c, now_ + 20)->in_progress, 1);
  EXPECT_EQ(attempts_.Overview({c, 1}, now_ + 20)->open, v->attempt.id);
}

TEST_F(AttemptServiceTest, ASubmissionIsScoredAndRankedOnceDurable) {
  const ContestId c = Publish(Settings());
  const AttemptId id = Started(c, 1, now_ + 10);
  std::optional<Status> stored;
  Result<AttemptView> v = attempts_.Submit(ctx_, {c, 1}, id, AllRight(), now_ + 70,
                                           [&](Status s) { stored = std::move(s); });
  ASSERT_TRUE(v.ok()) << v.error().key;
  EXPECT_EQ(v->attempt.points, 4);  // 1 + 2 + 1
  EXPECT_EQ(v->attempt.max_points, 4);
  EXPECT_EQ(v->attempt.correct, 3);
  EXPECT_EQ(v->attempt.submitted_at, now_ + 70);

  // While it is being stored: a second submission is refused, the rankings do not count it.
  EXPECT_EQ(attempts_.Submit(ctx_, {c, 1}, id, AllRight(), now_ + 71, [](Status) {}).error().key,
            "contest.submitting");
  size_t total = 99;
  EXPECT_TRUE(attempts_.RankMembers(c, 0, 0, 10, &total)->empty());
  EXPECT_EQ(total, 0u);

  repo_.Flush();
  ASSERT_TRUE(stored && stored->ok());
  EXPECT_EQ(repo_.stored.at(id).answers, AllRight());
  std::vector<MemberRank> ranks = *attempts_.RankMembers(c, 0, 0, 10, &total);
  ASSERT_EQ(total, 1u);
  EXPECT_EQ(ranks[0].member, 1);
  EXPECT_EQ(ranks[0].points, 4);
  EXPECT_EQ(ranks[0].seconds, 60);
  EXPECT_EQ(attempts_.Submit(ctx_, {c, 1}, id, AllRight(), now_ + 72, [](Status) {}).error().key,
            "contest.already_submitted");
  EXPECT_EQ(attempts_.Submitted({c, 1}, id)->attempt.points, 4);
  // Another member cannot submit or see it.
  EXPECT_EQ(attempts_.Submit(ctx_, {c, 2}, id, {}, now_ + 72, [](Status) {}).error().key,
            "contest.attempt_not_found");
  EXPECT_EQ(attempts_.Submitted({c, 2}, id).error().key, "contest.attempt_not_found");
}

TEST_F(AttemptServiceTest, MultipleChoiceScoresAllOrNothingOrHalfAsConfigured) {
  const std::vector<Answer> half = {{kMultiple, 0b0001}};   // A of A and C
  const std::vector<Answer> wrong = {{kMultiple, 0b0011}};  // A and B: B is wrong
  ContestId c = Publish(Settings());
  EXPECT_EQ(Submitted(c, 1, Started(c, 1, now_), half, now_ + 5), 0);
  ContestSettings partial = Settings();
  partial.multiple_scoring = MultipleScoring::kPartial;
  c = Publish(partial);
  EXPECT_EQ(Submitted(c, 1, Started(c, 1, now_), half, now_ + 5), 1);
  EXPECT_EQ(Submitted(c, 2, Started(c, 2, now_), wrong, now_ + 5), 0);
  EXPECT_EQ(Submitted(c, 3, Started(c, 3, now_), {}, now_ + 5), 0);  // nothing answered
}

TEST_F(AttemptServiceTest, TheTimeLimitHasItsGraceAndNoMore) {
  const ContestId c = Publish(Settings());
  const AttemptId on_time = Started(c, 1, now_);
  EXPECT_EQ(Submitted(c, 1, on_time, AllRight(), now_ + 600 + kSubmitGraceSeconds), 4);
  const AttemptId late = Started(c, 2, now_);
  Result<AttemptView> refused =
      attempts_.Submit(ctx_, {c, 2}, late, AllRight(), now_ + 601 + kSubmitGraceSeconds,
                       [](Status) { FAIL() << "a refused submission is not stored"; });
  EXPECT_EQ(refused.error().key, "contest.time_up");
  EXPECT_EQ(repo_.pending.size(), 0u);
  // The late attempt is over: no longer open, and it used one of the two attempts.
  EXPECT_EQ(attempts_.Current({c, 2}, now_ + 700).error().key, "contest.no_open_attempt");
  EXPECT_EQ(Started(c, 2, now_ + 700) > late, true);
  EXPECT_EQ(attempts_.Start(ctx_, {c, 2}, now_ + 2000, [](Status) {}).error().key,
            "contest.attempts_used");
}

TEST_F(AttemptServiceTest, TheWindowBoundsStartsAndDeadlines) {
  ContestSettings s = Settings();
  s.starts_at = now_ + 100;
  s.ends_at = now_ + 1000;
  const ContestId c = Publish(s);
  EXPECT_EQ(attempts_.Start(ctx_, {c, 1}, now_ + 99, [](Status) {}).error().key,
            "contest.not_started");
  EXPECT_EQ(attempts_.Start(ctx_, {c, 1}, now_ + 1000, [](Status) {}).error().key, "contest.ended");
  // Started 500 s before the end with 600 s to answer: the end comes first.
  Result<AttemptView> v = attempts_.Start(ctx_, {c, 1}, now_ + 500, [](Status) {});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->attempt.deadline, now_ + 1000);
  repo_.Flush();
  EXPECT_EQ(attempts_
                .Submit(ctx_, {c, 1}, v->attempt.id, AllRight(), now_ + 1001 + kSubmitGraceSeconds,
                        [](Status) {})
                .error()
                .key,
            "contest.time_up");
}

TEST_F(AttemptServiceTest, AttemptsAreLimitedAndOneAtATime) {
  ContestSettings s = Settings();
  s.attempts_allowed = 1;
  const ContestId c = Publish(s);
  const AttemptId id = Started(c, 1, now_);
  EXPECT_EQ(attempts_.Start(ctx_, {c, 1}, now_ + 1, [](Status) {}).error().key,
            "contest.attempt_open");
  Submitted(c, 1, id, AllRight(), now_ + 2);
  EXPECT_EQ(attempts_.Start(ctx_, {c, 1}, now_ + 3, [](Status) {}).error().key,
            "contest.attempts_used");
}

TEST_F(AttemptServiceTest, OnlyTheIssuedQuestionsMayBeAnswered) {
  ContestSettings s = Settings();
  s.fixed = {kSingle, kMultiple};
  const ContestId c = Publish(s);
  const AttemptId id = Started(c, 1, now_);
  Result<AttemptView> v =
      attempts_.Submit(ctx_, {c, 1}, id, {{kSingle, 1}, {kTrueFalse, 1}}, now_ + 5, [](Status) {});
  ASSERT_FALSE(v.ok());
  ASSERT_EQ(v.error().fields.size(), 1u);
  EXPECT_EQ(v.error().fields[0].key, "question_not_issued");
  EXPECT_EQ(v.error().fields[0].value, "3");
  // Nothing changed: the attempt is still open and takes a good submission.
  EXPECT_TRUE(attempts_.Current({c, 1}, now_ + 6).ok());
  EXPECT_EQ(Submitted(c, 1, id, {{kSingle, 1}}, now_ + 7), 1);
}

TEST_F(AttemptServiceTest, MembersOutsideTheScopeOrNoLongerMembersAreRefused) {
  const ContestId c = Publish(Settings());
  Result<AttemptView> outside = attempts_.Start(ctx_, {c, 5}, now_, [](Status) {});
  EXPECT_EQ(outside.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(outside.error().key, "contest.not_eligible");
  EXPECT_EQ(attempts_.Start(ctx_, {c, 6}, now_, [](Status) {}).error().key, "contest.not_eligible");
  EXPECT_EQ(attempts_.Start(ctx_, {c, 999}, now_, [](Status) {}).error().key,
            "contest.not_eligible");
  EXPECT_FALSE(attempts_.Overview({c, 5}, now_)->eligible);
  EXPECT_TRUE(attempts_.Overview({c, 3}, now_)->eligible);  // probationary members take part
}

TEST_F(AttemptServiceTest, DraftsAreNotFoundAndClosedContestsTakeNoStart) {
  Result<Contest> draft = contests_.Create(ctx_, Settings());
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(attempts_.Start(ctx_, {draft->id, 1}, now_, [](Status) {}).error().key,
            "contest.not_found");
  EXPECT_EQ(attempts_.Overview({draft->id, 1}, now_).error().key, "contest.not_found");
  const ContestId c = Publish(Settings());
  const AttemptId id = Started(c, 1, now_);
  ASSERT_TRUE(contests_.Close(ctx_, c).ok());
  EXPECT_EQ(attempts_.Start(ctx_, {c, 2}, now_ + 1, [](Status) {}).error().key, "contest.closed");
  // An attempt already started may still be handed in within its time.
  EXPECT_EQ(Submitted(c, 1, id, AllRight(), now_ + 2), 4);
}

TEST_F(AttemptServiceTest, AFailedWriteUndoesWhatItApplied) {
  const ContestId c = Publish(Settings());
  std::optional<Status> stored;
  ASSERT_TRUE(attempts_.Start(ctx_, {c, 1}, now_, [&](Status s) { stored = std::move(s); }).ok());
  repo_.fail_next = true;
  repo_.Flush();
  ASSERT_TRUE(stored && !stored->ok());
  EXPECT_TRUE(attempts_.Overview({c, 1}, now_)->attempts.empty());
  const AttemptId id = Started(c, 1, now_ + 1);
  EXPECT_EQ(repo_.stored.at(id).number, 1);

  stored.reset();
  ASSERT_TRUE(
      attempts_
          .Submit(ctx_, {c, 1}, id, AllRight(), now_ + 5, [&](Status s) { stored = std::move(s); })
          .ok());
  repo_.fail_next = true;
  repo_.Flush();
  ASSERT_TRUE(stored && !stored->ok());
  size_t total = 0;
  EXPECT_TRUE(attempts_.RankMembers(c, 0, 0, 10, &total)->empty());
  EXPECT_EQ(Submitted(c, 1, id, AllRight(), now_ + 6), 4);  // open again, and taken
}

TEST_F(AttemptServiceTest, RankingsCountEachMembersBestAttempt) {
  const ContestId c = Publish(Settings());
  // 甲 4 points in 60 s, 乙 4 points in 30 s, 丁 1 point; 甲's second attempt is worse.
  Submitted(c, 1, Started(c, 1, now_), AllRight(), now_ + 60);
  Submitted(c, 2, Started(c, 2, now_), AllRight(), now_ + 30);
  Submitted(c, 4, Started(c, 4, now_), {{kSingle, 1}}, now_ + 20);
  Submitted(c, 1, Started(c, 1, now_ + 100), {}, now_ + 110);
  size_t total = 0;
  std::vector<MemberRank> ranks = *attempts_.RankMembers(c, 0, 0, 10, &total);
  ASSERT_EQ(total, 3u);
  EXPECT_EQ(ranks[0].member, 2);
  EXPECT_EQ(ranks[1].member, 1);
  EXPECT_EQ(ranks[1].seconds, 60);
  EXPECT_EQ(ranks[2].member, 4);
  EXPECT_EQ(ranks[2].rank, 3);
  // A page, and the members under one branch.
  ranks = *attempts_.RankMembers(c, 0, 1, 1, &total);
  ASSERT_EQ(ranks.size(), 1u);
  EXPECT_EQ(ranks[0].member, 1);
  ranks = *attempts_.RankMembers(c, 5, 0, 10, &total);
  ASSERT_EQ(total, 1u);
  EXPECT_EQ(ranks[0].member, 4);
  EXPECT_EQ(ranks[0].rank, 1);

  // Branch 4 has 3 eligible (甲 乙 丙), 2 took part, best points 4 and 4; branch 5 has 1 of 1
  // with 1 point.
  std::vector<NodeRank> branches = *attempts_.RankNodes(c, 0, K::kBranch, NodeRankOrder::kRate);
  ASSERT_EQ(branches.size(), 2u);
  EXPECT_EQ(branches[0].node, 5);
  EXPECT_DOUBLE_EQ(branches[0].rate, 1.0);
  EXPECT_EQ(branches[1].node, 4);
  EXPECT_EQ(branches[1].eligible, 3);
  EXPECT_EQ(branches[1].participants, 2);
  EXPECT_DOUBLE_EQ(branches[1].average, 4.0);
  branches = *attempts_.RankNodes(c, 0, K::kBranch, NodeRankOrder::kAverage);
  EXPECT_EQ(branches[0].node, 4);
  std::vector<NodeRank> units = *attempts_.RankNodes(c, 0, K::kUnit, NodeRankOrder::kRate);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].eligible, 4);
  EXPECT_EQ(units[0].participants, 3);
  EXPECT_DOUBLE_EQ(units[0].average, 3.0);
  EXPECT_EQ(attempts_.RankNodes(c, 8, K::kBranch, NodeRankOrder::kRate).error().key,
            "org.not_found");  // outside the contest's scope

  ContestMonitor m = *attempts_.Monitor(c, now_ + 110);
  EXPECT_EQ(m.eligible, 4);
  EXPECT_EQ(m.participants, 3);
  EXPECT_EQ(m.started, 4);
  EXPECT_EQ(m.submitted, 4);
  EXPECT_EQ(m.in_progress, 0);
  ASSERT_EQ(m.per_second.size(), 120u);
  EXPECT_EQ(m.per_second.back().at, now_ + 110);
  EXPECT_EQ(m.per_second.back().submitted, 1);
  ASSERT_EQ(m.per_minute.size(), 2u);  // noon and the minute after
  EXPECT_EQ(m.per_minute[0].started, 3);
  EXPECT_EQ(m.per_minute[0].submitted, 2);  // in 20 and 30 s; the others in the next minute
}

TEST_F(AttemptServiceTest, ARestartFindsEveryAttemptWhereItWas) {
  const ContestId c = Publish(Settings());
  Submitted(c, 1, Started(c, 1, now_), AllRight(), now_ + 60);
  const AttemptId open = Started(c, 2, now_ + 10);

  ContestService contests(contest_repo_, bank_, roster_, clock_);
  ASSERT_TRUE(contests.Load().ok());
  AttemptService again(repo_, contests, roster_);
  ASSERT_TRUE(again.Load().ok());
  size_t total = 0;
  std::vector<MemberRank> ranks = *again.RankMembers(c, 0, 0, 10, &total);
  ASSERT_EQ(total, 1u);
  EXPECT_EQ(ranks[0].points, 4);
  EXPECT_EQ(again.Current({c, 2}, now_ + 20)->attempt.id, open);
  Result<AttemptView> next = again.Start(ctx_, {c, 3}, now_ + 30, [](Status) {});
  ASSERT_TRUE(next.ok());
  EXPECT_GT(next->attempt.id, open);  // ids go on
  EXPECT_EQ(again.Monitor(c, now_ + 30)->started, 2);
}

TEST_F(AttemptServiceTest, PapersComeFromThePoolKeptAtPublishing) {
  const ContestId c = Publish(Settings());
  // The bank's question changes after publishing; papers and scores keep the old one.
  Question changed = *bank_.Get(kSingle);
  changed.answer = 0b0010;
  changed.stem = "改过的单选";
  ASSERT_TRUE(bank_.Update(ctx_, kSingle, changed).ok());
  Result<AttemptView> v = attempts_.Start(ctx_, {c, 1}, now_, [](Status) {});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->questions[0]->stem, "单选");
  repo_.Flush();
  EXPECT_EQ(Submitted(c, 1, v->attempt.id, {{kSingle, 0b0001}}, now_ + 5), 1);
}

}  // namespace
}  // namespace dj
