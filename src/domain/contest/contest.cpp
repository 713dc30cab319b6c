#include "domain/contest/contest.h"

#include <algorithm>
#include <random>
#include <unordered_map>

#include "common/enum_table.h"
#include "common/text.h"

namespace dj {
namespace {

constexpr std::array<EnumInfo<ContestStatus>, 3> kStatuses = {{
    {ContestStatus::kDraft, "draft", "未发布"},
    {ContestStatus::kPublished, "published", "已发布"},
    {ContestStatus::kClosed, "closed", "已关闭"},
}};

constexpr std::array<EnumInfo<Reveal>, 3> kReveals = {{
    {Reveal::kOnSubmit, "on_submit", "交卷后"},
    {Reveal::kAfterEnd, "after_end", "竞答结束后"},
    {Reveal::kNever, "never", "不公布"},
}};

constexpr std::array<EnumInfo<MultipleScoring>, 2> kScorings = {{
    {MultipleScoring::kAllOrNothing, "all_or_nothing", "全部选对才得分"},
    {MultipleScoring::kPartial, "partial", "少选得一半分"},
}};

constexpr int kMaxTitleChars = 100;
constexpr int kMaxDescriptionChars = 2000;
constexpr int kMinTimeLimitSeconds = 60;
constexpr int kMaxPoints = 100;

bool Matches(const DrawRule& r, const Question& q) {
  if (r.kind && *r.kind != q.kind) return false;
  return r.tag.empty() || std::find(q.tags.begin(), q.tags.end(), r.tag) != q.tags.end();
}

// The bank by id, and each draw rule's pool: the questions it matches first.
struct Pools {
  std::vector<const Question*> by_id;
  std::vector<std::vector<const Question*>> of_rule;
};

Pools PoolsOf(const std::vector<DrawRule>& rules, const std::vector<const Question*>& bank) {
  Pools p;
  p.by_id = bank;
  std::sort(p.by_id.begin(), p.by_id.end(),
            [](const Question* a, const Question* b) { return a->id < b->id; });
  p.of_rule.resize(rules.size());
  for (const Question* q : p.by_id) {
    for (size_t i = 0; i < rules.size(); ++i) {
      if (Matches(rules[i], *q)) {
        p.of_rule[i].push_back(q);
        break;
      }
    }
  }
  return p;
}

std::string RuleName(size_t i, const DrawRule& r) {
  std::string name = "抽题规则 " + std::to_string(i + 1) + "（";
  name += r.tag.empty() ? "不限标签" : "标签“" + r.tag + "”";
  name += "，";
  name += r.kind ? QuestionKindLabel(*r.kind) : "不限题型";
  return name + "）";
}

const Question* FindQuestion(const std::vector<const Question*>& questions, QuestionId id) {
  for (const Question* q : questions) {
    if (q->id == id) return q;
  }
  return nullptr;
}

}  // namespace

const char* ContestStatusId(ContestStatus status) { return InfoOf(kStatuses, status).id; }
std::optional<ContestStatus> ParseContestStatus(std::string_view id) {
  return FindById(kStatuses, id);
}
const char* ContestStatusLabel(ContestStatus status) { return InfoOf(kStatuses, status).label; }
const char* RevealId(Reveal reveal) { return InfoOf(kReveals, reveal).id; }
std::optional<Reveal> ParseReveal(std::string_view id) { return FindById(kReveals, id); }
const char* MultipleScoringId(MultipleScoring scoring) { return InfoOf(kScorings, scoring).id; }
std::optional<MultipleScoring> ParseMultipleScoring(std::string_view id) {
  return FindById(kScorings, id);
}

std::vector<FieldError> CheckSettings(const ContestSettings& s,
                                      const std::vector<const Question*>& bank) {
  std::vector<FieldError> errors;
  auto add = [&](const char* field, std::string value, const char* key, std::string message) {
    errors.push_back({0, field, std::move(value), key, std::move(message)});
  };
  const std::string title = NormalizeInput(s.title);
  if (title.empty()) {
    add("title", "", "title_required", "请填写竞答名称");
  } else if (Utf8Length(title) > kMaxTitleChars) {
    add("title", "", "title_too_long",
        "竞答名称不能超过 " + std::to_string(kMaxTitleChars) + " 字");
  }
  if (!IsValidUtf8(s.description) || Utf8Length(s.description) > kMaxDescriptionChars) {
    add("description", "", "description_too_long",
        "说明不能超过 " + std::to_string(kMaxDescriptionChars) + " 字");
  }
  if (s.ends_at <= s.starts_at) {
    add("ends_at", std::to_string(s.ends_at), "window_invalid", "结束时间应晚于开始时间");
  }
  if (s.scope <= 0) add("scope", std::to_string(s.scope), "scope_required", "请选择参赛范围");
  if (s.time_limit_seconds < kMinTimeLimitSeconds || s.time_limit_seconds > kMaxTimeLimitSeconds) {
    add("time_limit_seconds", std::to_string(s.time_limit_seconds), "time_limit_range",
        "答题时限应为 1 分钟至 24 小时");
  }
  if (s.attempts_allowed < 1 || s.attempts_allowed > kMaxAttempts) {
    add("attempts_allowed", std::to_string(s.attempts_allowed), "attempts_range",
        "答题次数应为 1 至 " + std::to_string(kMaxAttempts) + " 次");
  }
  for (int k = 0; k < kQuestionKindCount; ++k) {
    const int points = s.points[static_cast<size_t>(k)];
    if (points < 1 || points > kMaxPoints) {
      add("points", std::to_string(points), "points_range",
          std::string(QuestionKindLabel(static_cast<QuestionKind>(k))) + "分值应为 1 至 " +
              std::to_string(kMaxPoints));
    }
  }

  if (s.fixed.empty() == s.draw.empty()) {
    add("paper", "", s.fixed.empty() ? "paper_required" : "paper_both",
        s.fixed.empty() ? "请指定固定试题或抽题规则" : "固定试题与抽题规则只能选一种");
    return errors;
  }
  if (!s.fixed.empty()) {
    if (static_cast<int>(s.fixed.size()) > kMaxPaperQuestions) {
      add("fixed", std::to_string(s.fixed.size()), "paper_too_long",
          "每份试卷最多 " + std::to_string(kMaxPaperQuestions) + " 题");
    }
    std::vector<QuestionId> seen;
    for (QuestionId id : s.fixed) {
      if (FindQuestion(bank, id) == nullptr) {
        add("fixed", std::to_string(id), "question_not_found",
            "试题 " + std::to_string(id) + " 不在题库中");
      } else if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
        add("fixed", std::to_string(id), "question_repeated",
            "试题 " + std::to_string(id) + " 重复");
      }
      seen.push_back(id);
    }
    return errors;
  }
  int total = 0;
  const Pools pools = PoolsOf(s.draw, bank);
  for (size_t i = 0; i < s.draw.size(); ++i) {
    const DrawRule& r = s.draw[i];
    total += std::max(0, r.count);
    const int available = static_cast<int>(pools.of_rule[i].size());
    if (r.count < 1) {
      add("draw", std::to_string(i + 1), "draw_count", RuleName(i, r) + "应至少抽 1 题");
    } else if (available < r.count) {
      add("draw", std::to_string(i + 1), "draw_short",
          RuleName(i, r) + "只有 " + std::to_string(available) + " 道题，不足 " +
              std::to_string(r.count) + " 道");
    }
  }
  if (total > kMaxPaperQuestions) {
    add("draw", std::to_string(total), "paper_too_long",
        "每份试卷最多 " + std::to_string(kMaxPaperQuestions) + " 题");
  }
  return errors;
}

std::vector<const Question*> PoolOf(const ContestSettings& s,
                                    const std::vector<const Question*>& bank) {
  std::vector<const Question*> out;
  for (const Question* q : bank) {
    const bool in = s.fixed.empty()
                        ? std::any_of(s.draw.begin(), s.draw.end(),
                                      [q](const DrawRule& r) { return Matches(r, *q); })
                        : std::find(s.fixed.begin(), s.fixed.end(), q->id) != s.fixed.end();
    if (in) out.push_back(q);
  }
  return out;
}

Result<PaperDrawer> PaperDrawer::Make(const ContestSettings& s,
                                      const std::vector<const Question*>& bank) {
  if (!CheckSettings(s, bank).empty()) {
    return Error::Internal("竞答设置不完整，无法出题");
  }
  PaperDrawer d;
  d.shuffle_questions_ = s.shuffle_questions;
  d.shuffle_options_ = s.shuffle_options;
  if (!s.fixed.empty()) {
    for (QuestionId id : s.fixed) d.fixed_.push_back(FindQuestion(bank, id));
  } else {
    d.pools_ = PoolsOf(s.draw, bank).of_rule;
    for (const DrawRule& r : s.draw) d.counts_.push_back(r.count);
  }
  return d;
}

Paper PaperDrawer::Draw(uint64_t seed) const {
  std::mt19937_64 rng(seed);
  std::vector<const Question*> chosen = fixed_;
  std::vector<const Question*> pool;
  for (size_t i = 0; i < pools_.size(); ++i) {
    pool = pools_[i];
    // The first `count` of a partial Fisher–Yates shuffle.
    for (int k = 0; k < counts_[i]; ++k) {
      std::uniform_int_distribution<size_t> pick(static_cast<size_t>(k), pool.size() - 1);
      std::swap(pool[static_cast<size_t>(k)], pool[pick(rng)]);
      chosen.push_back(pool[static_cast<size_t>(k)]);
    }
  }
  if (shuffle_questions_) std::shuffle(chosen.begin(), chosen.end(), rng);
  Paper paper;
  paper.reserve(chosen.size());
  for (const Question* q : chosen) {
    IssuedQuestion issued{q->id, {}};
    for (size_t i = 0; i < q->options.size(); ++i) issued.order.push_back(static_cast<uint8_t>(i));
    // 正确 / 错误 keep their places: shuffled, they read as a trick.
    if (shuffle_options_ && q->kind != QuestionKind::kTrueFalse) {
      std::shuffle(issued.order.begin(), issued.order.end(), rng);
    }
    paper.push_back(std::move(issued));
  }
  return paper;
}

Result<Paper> DrawPaper(const ContestSettings& s, const std::vector<const Question*>& bank,
                        uint64_t seed) {
  DJ_ASSIGN_OR_RETURN(PaperDrawer drawer, PaperDrawer::Make(s, bank));
  return drawer.Draw(seed);
}

int64_t DeadlineOf(const ContestSettings& s, int64_t started_at) {
  return std::min(started_at + s.time_limit_seconds, s.ends_at);
}

bool IsOpen(const AttemptState& a, int64_t now) {
  return !a.submitted_at && now <= a.deadline + kSubmitGraceSeconds;
}

Status CheckStart(const Contest& c, bool eligible, int64_t now,
                  const std::vector<AttemptState>& attempts) {
  if (c.status == ContestStatus::kDraft) {
    return Error::Conflict("contest.not_published", "竞答尚未发布");
  }
  if (c.status == ContestStatus::kClosed) return Error::Conflict("contest.closed", "竞答已关闭");
  if (now < c.settings.starts_at) return Error::Conflict("contest.not_started", "竞答尚未开始");
  if (now >= c.settings.ends_at) return Error::Conflict("contest.ended", "竞答已结束");
  if (!eligible) return Error::Forbidden("contest.not_eligible", "您不在本次竞答的参赛范围内");
  for (const AttemptState& a : attempts) {
    if (IsOpen(a, now))
      return Error::Conflict("contest.attempt_open", "您有未交卷的答题，请继续作答");
  }
  if (static_cast<int>(attempts.size()) >= c.settings.attempts_allowed) {
    return Error::Conflict(
        "contest.attempts_used",
        "答题次数已用完（共 " + std::to_string(c.settings.attempts_allowed) + " 次）");
  }
  return Ok();
}

Status CheckSubmit(const AttemptState& a, const Paper& paper,
                   const std::vector<const Question*>& questions,
                   const std::vector<Answer>& answers, int64_t now) {
  if (a.submitted_at) return Error::Conflict("contest.already_submitted", "本次答题已交卷");
  if (now > a.deadline + kSubmitGraceSeconds) {
    return Error::Conflict("contest.time_up", "已超过答题时间，答卷未被接受");
  }
  std::vector<FieldError> errors;
  auto add = [&](QuestionId id, const char* key, std::string message) {
    errors.push_back({0, "answers", std::to_string(id), key, std::move(message)});
  };
  std::vector<QuestionId> seen;
  for (const Answer& ans : answers) {
    auto issued = std::find_if(paper.begin(), paper.end(),
                               [&](const IssuedQuestion& i) { return i.id == ans.question; });
    const Question* q = FindQuestion(questions, ans.question);
    if (issued == paper.end() || q == nullptr) {
      add(ans.question, "question_not_issued",
          "试题 " + std::to_string(ans.question) + " 不在本次试卷中");
      continue;
    }
    if (std::find(seen.begin(), seen.end(), ans.question) != seen.end()) {
      add(ans.question, "answer_repeated",
          "试题 " + std::to_string(ans.question) + " 的答案重复提交");
      continue;
    }
    seen.push_back(ans.question);
    const size_t n = issued->order.size();
    if (n < 8 && (ans.chosen >> n) != 0) {
      add(ans.question, "option_invalid",
          "试题 " + std::to_string(ans.question) + " 没有所选的选项");
    } else if (q->kind != QuestionKind::kMultiple && __builtin_popcount(ans.chosen) > 1) {
      add(ans.question, "one_option_only",
          "试题 " + std::to_string(ans.question) + " 是" + QuestionKindLabel(q->kind) +
              "，只能选一项");
    }
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return Ok();
}

AttemptScore ScoreAttempt(const ContestSettings& s, const Paper& paper,
                          const std::vector<const Question*>& questions,
                          const std::vector<Answer>& answers) {
  std::unordered_map<QuestionId, OptionSet> chosen;
  for (const Answer& a : answers) chosen[a.question] = a.chosen;
  AttemptScore score;
  score.questions.reserve(paper.size());
  for (const IssuedQuestion& issued : paper) {
    const Question* q = FindQuestion(questions, issued.id);
    QuestionResult r;
    r.question = issued.id;
    if (q != nullptr) {
      r.max_points = s.points[static_cast<size_t>(q->kind)];
      // The positions shown back to the question's own options.
      OptionSet picked = 0;
      auto it = chosen.find(issued.id);
      const OptionSet shown = it == chosen.end() ? 0 : it->second;
      for (size_t pos = 0; pos < issued.order.size(); ++pos) {
        if (shown & (1u << pos))
          picked = static_cast<OptionSet>(picked | (1u << issued.order[pos]));
      }
      if (picked == q->answer) {
        r.correct = true;
        r.points = r.max_points;
      } else if (q->kind == QuestionKind::kMultiple &&
                 s.multiple_scoring == MultipleScoring::kPartial && picked != 0 &&
                 (picked & ~q->answer) == 0) {
        r.points = r.max_points / 2;
      }
    }
    score.points += r.points;
    score.max_points += r.max_points;
    score.correct += r.correct ? 1 : 0;
    score.questions.push_back(r);
  }
  return score;
}

}  // namespace dj
