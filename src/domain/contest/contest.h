// Knowledge contests (学习竞答): the set-up of a contest, the paper drawn for each attempt, the
// checks on starting and submitting an attempt, and scoring. Pure: the clock is a number of
// seconds passed in, the randomness a seed passed in.
//
// The server issues the paper when an attempt starts and keeps it; the client sees the
// questions in the order and with the options in the order of the paper, never the answer
// key, and answers by the positions it was shown. The clock is the server's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/contest/question.h"
#include "domain/org/org_node.h"

namespace dj {

using ContestId = int64_t;
using AttemptId = int64_t;

enum class ContestStatus {
  kDraft,      // 未发布: being set up, invisible to members
  kPublished,  // 已发布: open to the eligible between its start and end
  kClosed,     // 已关闭: closed early by the organiser
};
const char* ContestStatusId(ContestStatus status);  // "draft", "published", "closed"
std::optional<ContestStatus> ParseContestStatus(std::string_view id);
const char* ContestStatusLabel(ContestStatus status);

// When a participant sees something of a submitted attempt (score, or the answer key with
// explanations).
enum class Reveal {
  kOnSubmit,  // 交卷后
  kAfterEnd,  // 竞答结束后
  kNever,     // 不公布
};
const char* RevealId(Reveal reveal);  // "on_submit", "after_end", "never"
std::optional<Reveal> ParseReveal(std::string_view id);

// How a multiple-choice question scores when not every correct option is chosen.
enum class MultipleScoring {
  kAllOrNothing,  // 全部选对才得分
  kPartial,       // 少选（无错选）得一半分（向下取整），错选不得分
};
const char* MultipleScoringId(MultipleScoring scoring);  // "all_or_nothing", "partial"
std::optional<MultipleScoring> ParseMultipleScoring(std::string_view id);

// Part of a drawn paper: `count` questions drawn at random from those with the tag (any tag
// when empty) and of the kind (any when unset). A question matching several rules belongs to
// the first of them, so the rules draw from disjoint pools and a paper never repeats one.
struct DrawRule {
  std::string tag;
  std::optional<QuestionKind> kind;
  int count = 0;

  bool operator==(const DrawRule&) const = default;
};

inline constexpr int kMaxPaperQuestions = 200;
inline constexpr int kMaxTimeLimitSeconds = 24 * 3600;
inline constexpr int kMaxAttempts = 10;
// A submission received this long after the attempt's deadline still counts: the answer
// left the participant's phone in time and was on its way.
inline constexpr int64_t kSubmitGraceSeconds = 5;

struct ContestSettings {
  std::string title;
  std::string description;
  int64_t starts_at = 0;  // unix seconds
  int64_t ends_at = 0;    // unix seconds, exclusive
  NodeId scope = 0;       // the members under this node take part
  // Exactly one of the two: a fixed paper (in this order), or rules to draw one.
  std::vector<QuestionId> fixed;
  std::vector<DrawRule> draw;
  int time_limit_seconds = 1800;
  int attempts_allowed = 1;
  bool shuffle_questions = true;
  bool shuffle_options = true;
  Reveal reveal_score = Reveal::kOnSubmit;
  Reveal reveal_answers = Reveal::kAfterEnd;
  MultipleScoring multiple_scoring = MultipleScoring::kAllOrNothing;
  // Points per question by kind (QuestionKind order).
  std::array<int, kQuestionKindCount> points = {1, 2, 1};

  bool operator==(const ContestSettings&) const = default;
};

struct Contest {
  ContestId id = 0;
  ContestStatus status = ContestStatus::kDraft;
  ContestSettings settings;

  bool operator==(const Contest&) const = default;
};

// Every problem with `s` against the bank it draws from (each question with its id, kind and
// tags; texts are not needed): the window, the time limit, attempts, points, and a paper that
// can be issued — fixed ids that exist, or draw rules each with enough questions in its pool.
std::vector<FieldError> CheckSettings(const ContestSettings& s,
                                      const std::vector<const Question*>& bank);

// One question of an issued paper: the question and the order its options are shown in
// (order[i] is the option shown at position i).
struct IssuedQuestion {
  QuestionId id = 0;
  std::vector<uint8_t> order;

  bool operator==(const IssuedQuestion&) const = default;
};
using Paper = std::vector<IssuedQuestion>;

// The questions a paper of `s` may hold (the fixed ones, or those some draw rule matches), in
// the order of `bank`: what a contest keeps when it is published. Drawing from them gives
// the papers drawing from the whole bank would.
std::vector<const Question*> PoolOf(const ContestSettings& s,
                                    const std::vector<const Question*>& bank);

// Draws the papers of one contest: the settings are checked and the rules' pools sorted out
// once, so that each attempt's draw costs only the draw.
class PaperDrawer {
 public:
  // Internal error if the settings do not pass CheckSettings against `bank`. The questions
  // `bank` points to must outlive the drawer.
  static Result<PaperDrawer> Make(const ContestSettings& s,
                                  const std::vector<const Question*>& bank);

  // The paper of one attempt, drawn with `seed` (the same seed, settings and bank give the
  // same paper).
  Paper Draw(uint64_t seed) const;

 private:
  PaperDrawer() = default;

  std::vector<const Question*> fixed_;
  std::vector<int> counts_;
  std::vector<std::vector<const Question*>> pools_;
  bool shuffle_questions_ = false;
  bool shuffle_options_ = false;
};

// PaperDrawer::Make(s, bank), then Draw(seed).
Result<Paper> DrawPaper(const ContestSettings& s, const std::vector<const Question*>& bank,
                        uint64_t seed);

// An attempt as the checks need it.
struct AttemptState {
  AttemptId id = 0;
  int64_t started_at = 0;
  int64_t deadline = 0;  // started_at + the time limit, but never after the contest's end
  std::optional<int64_t> submitted_at;
};

// The deadline of an attempt started at `started_at`.
int64_t DeadlineOf(const ContestSettings& s, int64_t started_at);
// Whether an unsubmitted attempt may still be submitted at `now`.
bool IsOpen(const AttemptState& a, int64_t now);

// Whether a member may start an attempt at `now`, given their earlier attempts: the contest
// published and within its window ("contest.not_published", "contest.not_started",
// "contest.ended"), the member eligible ("contest.not_eligible", Forbidden), no attempt still
// open ("contest.attempt_open", Conflict: resume it) and attempts left
// ("contest.attempts_used", Conflict).
Status CheckStart(const Contest& c, bool eligible, int64_t now,
                  const std::vector<AttemptState>& attempts);

// An answer: the positions chosen (as shown, bit i = position i) for a question of the paper.
struct Answer {
  QuestionId question = 0;
  OptionSet chosen = 0;

  bool operator==(const Answer&) const = default;
};

// Whether `answers` may be submitted for attempt `a` at `now`: not submitted yet
// ("contest.already_submitted"), not late ("contest.time_up"), and each answer for a question
// of the paper, once, choosing positions that exist — one for single and true/false
// (field errors "question_not_issued", "answer_repeated", "option_invalid",
// "one_option_only", with the question id as value). Questions left unanswered score 0.
Status CheckSubmit(const AttemptState& a, const Paper& paper,
                   const std::vector<const Question*>& questions,
                   const std::vector<Answer>& answers, int64_t now);

struct QuestionResult {
  QuestionId question = 0;
  int points = 0;
  int max_points = 0;
  bool correct = false;
};

struct AttemptScore {
  int points = 0;
  int max_points = 0;
  int correct = 0;                        // questions answered fully right
  std::vector<QuestionResult> questions;  // in the order of the paper
};

// The score of `answers` (positions as shown) on `paper`. `questions` holds the paper's
// questions (any order, by id); answers are assumed to pass CheckSubmit.
AttemptScore ScoreAttempt(const ContestSettings& s, const Paper& paper,
                          const std::vector<const Question*>& questions,
                          const std::vector<Answer>& answers);

}  // namespace dj
