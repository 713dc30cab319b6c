#include "http/api/take_controller.h"

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/json_text.h"
#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {
namespace {

using nlohmann::json;

// The answer of a write that waits for its batch: the response is built on the io thread,
// the write's status arrives from the committer thread; whichever comes second sends.
class DurableAnswer {
 public:
  DurableAnswer(std::shared_ptr<Later> later, std::string request_id)
      : later_(std::move(later)), request_id_(std::move(request_id)) {}

  void Built(Response response) {
    std::unique_lock lock(mu_);
    built_ = std::move(response);
    SendIfReady(lock);
  }
  void Stored(Status status) {
    std::unique_lock lock(mu_);
    stored_ = std::move(status);
    SendIfReady(lock);
  }

 private:
  void SendIfReady(std::unique_lock<std::mutex>& lock) {
    if (!built_ || !stored_) return;
    Response answer =
        stored_->ok() ? std::move(*built_) : ErrorResponse(stored_->error(), request_id_);
    lock.unlock();
    later_->Answer(std::move(answer));
  }

  std::shared_ptr<Later> later_;
  std::string request_id_;
  std::mutex mu_;
  std::optional<Response> built_;
  std::optional<Status> stored_;
};

Participant ParticipantOf(const Request& request) {
  std::optional<PassHolder> holder = PassOf(request);
  return holder ? Participant{holder->contest, holder->member} : Participant{};
}

// The audit log names the participant as "姓名（参赛凭证）".
WriteContext ParticipantContext(const Request& request, const Participant& p,
                                const Roster& roster) {
  WriteContext ctx;
  ctx.user_name =
      roster.NameOf(p.member).value_or("党员 " + std::to_string(p.member)) + "（参赛凭证）";
  ctx.address = request.remote_address;
  ctx.request_id = request.request_id;
  return ctx;
}

bool Revealed(Reveal reveal, const Contest& c, int64_t now) {
  switch (reveal) {
    case Reveal::kOnSubmit:
      return true;
    case Reveal::kAfterEnd:
      return c.status == ContestStatus::kClosed || now >= c.settings.ends_at;
    case Reveal::kNever:
      return false;
  }
  return false;
}

json ContestBrief(const Contest& c, int paper_size) {
  const ContestSettings& s = c.settings;
  return {{"id", c.id},
          {"title", s.title},
          {"description", s.description},
          {"status", ContestStatusId(c.status)},
          {"starts_at", s.starts_at},
          {"ends_at", s.ends_at},
          {"time_limit_seconds", s.time_limit_seconds},
          {"attempts_allowed", s.attempts_allowed},
          {"paper_size", paper_size},
          {"reveal_score", RevealId(s.reveal_score)},
          {"reveal_answers", RevealId(s.reveal_answers)}};
}

json ScoreJson(const StoredAttempt& a) {
  return {{"points", a.points}, {"max_points", a.max_points}, {"correct", a.correct}};
}

// The options of `q` in the order `issued` shows them.
void WriteOptions(JsonText& out, const Question& q, const IssuedQuestion& issued) {
  out.Key("options").BeginArray();
  for (uint8_t o : issued.order) out.String(o < q.options.size() ? q.options[o] : "");
  out.EndArray();
}

// The positions at which `issued` shows the options in `set` (bits of the question's own
// options).
void WritePositions(JsonText& out, const IssuedQuestion& issued, OptionSet set) {
  out.BeginArray();
  for (size_t pos = 0; pos < issued.order.size(); ++pos) {
    if (set & (1u << issued.order[pos])) out.Int(static_cast<int64_t>(pos));
  }
  out.EndArray();
}

// The question's id, kind and stem, opening its object.
void WriteQuestionHead(JsonText& out, const Question& q) {
  out.BeginObject()
      .Key("id")
      .Int(q.id)
      .Key("kind")
      .String(QuestionKindId(q.kind))
      .Key("kind_label")
      .String(QuestionKindLabel(q.kind))
      .Key("stem")
      .String(q.stem);
}

// An attempt in progress: the questions in the order issued with their options in the order
// shown — never the answer or the explanation. Written as text: it is the start burst's answer.
std::string PaperJson(const AttemptView& view, int64_t now) {
  const StoredAttempt& a = view.attempt;
  JsonText out;
  out.Reserve(256 + a.paper.size() * 256);
  out.BeginObject()
      .Key("id")
      .Int(a.id)
      .Key("number")
      .Int(a.number)
      .Key("started_at")
      .Int(a.started_at)
      .Key("deadline")
      .Int(a.deadline)
      .Key("now")
      .Int(now)
      .Key("questions")
      .BeginArray();
  for (size_t i = 0; i < a.paper.size() && i < view.questions.size(); ++i) {
    const Question& q = *view.questions[i];
    WriteQuestionHead(out, q);
    WriteOptions(out, q, a.paper[i]);
    out.EndObject();
  }
  out.EndArray().EndObject();
  return out.Take();
}

// A submitted attempt as its participant may see it: the score and the answer key only as
// the contest reveals them. Written as text: it is the submit burst's answer.
std::string ResultJson(const AttemptView& view, const Contest& c, int64_t now) {
  const StoredAttempt& a = view.attempt;
  const bool score = Revealed(c.settings.reveal_score, c, now);
  const bool key = Revealed(c.settings.reveal_answers, c, now);
  const int64_t submitted_at = a.submitted_at.value_or(0);
  JsonText out;
  out.BeginObject()
      .Key("id")
      .Int(a.id)
      .Key("number")
      .Int(a.number)
      .Key("started_at")
      .Int(a.started_at)
      .Key("submitted_at")
      .Int(submitted_at)
      .Key("seconds")
      .Int(a.submitted_at.value_or(a.started_at) - a.started_at)
      .Key("answered")
      .Int(static_cast<int64_t>(a.answers.size()))
      .Key("reveal_score")
      .String(RevealId(c.settings.reveal_score))
      .Key("reveal_answers")
      .String(RevealId(c.settings.reveal_answers))
      .Key("score");
  if (score) {
    out.BeginObject()
        .Key("points")
        .Int(a.points)
        .Key("max_points")
        .Int(a.max_points)
        .Key("correct")
        .Int(a.correct)
        .EndObject();
  } else {
    out.Null();
  }
  out.Key("questions");
  if (!key) {
    out.Null().EndObject();
    return out.Take();
  }
  const std::vector<QuestionResult> results =
      ScoreAttempt(c.settings, a.paper, view.questions, a.answers).questions;
  out.BeginArray();
  for (size_t i = 0; i < a.paper.size() && i < view.questions.size(); ++i) {
    const Question& q = *view.questions[i];
    const IssuedQuestion& issued = a.paper[i];
    OptionSet chosen = 0;
    for (const Answer& ans : a.answers) {
      if (ans.question == q.id) chosen = ans.chosen;
    }
    WriteQuestionHead(out, q);
    WriteOptions(out, q, issued);
    out.Key("chosen").BeginArray();
    for (int pos = 0; pos < kMaxOptions; ++pos) {
      if (chosen & (1u << pos)) out.Int(pos);
    }
    out.EndArray().Key("answer");
    WritePositions(out, issued, q.answer);
    out.Key("points")
        .Int(i < results.size() ? results[i].points : 0)
        .Key("max_points")
        .Int(i < results.size() ? results[i].max_points : 0)
        .Key("explanation")
        .String(q.explanation)
        .EndObject();
  }
  out.EndArray().EndObject();
  return out.Take();
}

// Reads the usual body of a submission without building a JSON tree (it is the submit
// burst's request): {"answers":[{"question":12,"chosen":[0,2]},...]}, whitespace anywhere,
// the keys in this order, positions 0 to 7, at most kMaxPaperQuestions answers. nullopt for
// anything else: ReadAnswers then reads it the general way and names what is wrong.
class AnswersScanner {
 public:
  explicit AnswersScanner(std::string_view text) : text_(text) {}

  std::optional<std::vector<Answer>> Scan() {
    std::vector<Answer> answers;
    if (!Expect('{') || !Expect("\"answers\"") || !Expect(':') || !Expect('[')) return std::nullopt;
    if (!Peek(']')) {
      do {
        if (answers.size() >= static_cast<size_t>(kMaxPaperQuestions)) return std::nullopt;
        Answer a;
        std::optional<int64_t> id;
        if (!Expect('{') || !Expect("\"question\"") || !Expect(':') || !(id = Number())) {
          return std::nullopt;
        }
        a.question = *id;
        if (a.question <= 0 || !Expect(',') || !Expect("\"chosen\"") || !Expect(':') ||
            !Expect('[')) {
          return std::nullopt;
        }
        if (!Peek(']')) {
          do {
            std::optional<int64_t> pos = Number();
            if (!pos || *pos >= kMaxOptions) return std::nullopt;
            a.chosen = static_cast<OptionSet>(a.chosen | (1u << *pos));
          } while (Expect(','));
        }
        if (!Expect(']') || !Expect('}')) return std::nullopt;
        answers.push_back(a);
      } while (Expect(','));
    }
    if (!Expect(']') || !Expect('}')) return std::nullopt;
    SkipSpace();
    if (at_ != text_.size()) return std::nullopt;
    return answers;
  }

 private:
  void SkipSpace() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) {
      ++at_;
    }
  }
  bool Peek(char c) {
    SkipSpace();
    return at_ < text_.size() && text_[at_] == c;
  }
  bool Expect(char c) {
    if (!Peek(c)) return false;
    ++at_;
    return true;
  }
  bool Expect(std::string_view word) {
    SkipSpace();
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }
  // A non-negative integer of at most 15 digits, without sign, fraction or leading zeros.
  std::optional<int64_t> Number() {
    SkipSpace();
    const size_t start = at_;
    int64_t value = 0;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9' && at_ - start < 15) {
      value = value * 10 + (text_[at_] - '0');
      ++at_;
    }
    const size_t digits = at_ - start;
    if (digits == 0 || (digits > 1 && text_[start] == '0')) return std::nullopt;
    if (at_ < text_.size() && (text_[at_] == '.' || text_[at_] == 'e' || text_[at_] == 'E' ||
                               (text_[at_] >= '0' && text_[at_] <= '9'))) {
      return std::nullopt;
    }
    return value;
  }

  std::string_view text_;
  size_t at_ = 0;
};

// The answers of a submission: [{"question": id, "chosen": [positions]}].
Result<std::vector<Answer>> ReadAnswers(const Request& request) {
  if (IsJsonContentType(request.Header("Content-Type"))) {
    if (std::optional<std::vector<Answer>> answers = AnswersScanner(request.body()).Scan()) {
      return std::move(*answers);
    }
  }
  DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
  JsonReader in(body);
  std::vector<Answer> answers;
  json items = in.Required<json>("answers");
  if (!items.is_array()) {
    if (!items.is_null()) in.AddError("answers", "", "request.wrong_type", "字段 answers 应为数组");
  } else if (items.size() > static_cast<size_t>(kMaxPaperQuestions)) {
    in.AddError("answers", std::to_string(items.size()), "request.too_many",
                "答案不能多于 " + std::to_string(kMaxPaperQuestions) + " 项");
  } else {
    for (size_t i = 0; i < items.size(); ++i) {
      JsonReader item(items[i], static_cast<int>(i + 1));
      Answer a;
      a.question = item.Required<int64_t>("question");
      std::vector<int64_t> chosen = item.Required<std::vector<int64_t>>("chosen");
      for (int64_t pos : chosen) {
        if (pos < 0 || pos >= kMaxOptions) {
          item.AddError("chosen", std::to_string(pos), "option_invalid",
                        "试题 " + std::to_string(a.question) + " 没有所选的选项");
        } else {
          a.chosen = static_cast<OptionSet>(a.chosen | (1u << pos));
        }
      }
      Status read = item.Finish();
      if (!read.ok()) {
        for (const FieldError& e : read.error().fields) {
          in.AddError("answers[" + std::to_string(i) + "]." + e.field, e.value, e.key, e.message);
        }
      }
      answers.push_back(a);
    }
  }
  DJ_RETURN_IF_ERROR(in.Finish());
  return answers;
}

}  // namespace

void AddTakeRoutes(Router& router, AttemptService& attempts, const ContestService& contests,
                   const Roster& roster, const Clock& clock) {
  const RouteAccess take{"contest.take"};

  router.Add(
      Method::kGet, "/api/take/:id",
      [&attempts, &roster, &clock](Request& request) -> Result<Response> {
        const Participant p = ParticipantOf(request);
        const int64_t now = clock.NowUnixSeconds();
        DJ_ASSIGN_OR_RETURN(ParticipantOverview o, attempts.Overview(p, now));
        const bool score = Revealed(o.contest.settings.reveal_score, o.contest, now);
        json list = json::array();
        for (const StoredAttempt& a : o.attempts) {
          list.push_back({{"id", a.id},
                          {"number", a.number},
                          {"started_at", a.started_at},
                          {"deadline", a.deadline},
                          {"submitted_at", a.submitted_at ? json(*a.submitted_at) : json()},
                          {"score", a.submitted_at && score ? ScoreJson(a) : json()}});
        }
        return JsonOk(
            {{"contest", ContestBrief(o.contest, o.paper_size)},
             {"member", {{"id", p.member}, {"name", roster.NameOf(p.member).value_or("")}}},
             {"eligible", o.eligible},
             {"now", now},
             {"attempts", std::move(list)},
             {"open_attempt", o.open ? json(*o.open) : json()}});
      },
      take);

  router.Add(
      Method::kPost, "/api/take/:id/attempts",
      [&attempts, &roster, &clock](Request& request) -> Result<Response> {
        const Participant p = ParticipantOf(request);
        const int64_t now = clock.NowUnixSeconds();
        Response response;
        response.later = std::make_shared<Later>();
        auto answer = std::make_shared<DurableAnswer>(response.later, request.request_id);
        DJ_ASSIGN_OR_RETURN(AttemptView view,
                            attempts.Start(ParticipantContext(request, p, roster), p, now,
                                           [answer](Status s) { answer->Stored(std::move(s)); }));
        answer->Built(JsonTextOk(PaperJson(view, now), 201));
        return response;
      },
      take);

  router.Add(
      Method::kGet, "/api/take/:id/attempts/current",
      [&attempts, &clock](Request& request) -> Result<Response> {
        const int64_t now = clock.NowUnixSeconds();
        DJ_ASSIGN_OR_RETURN(AttemptView view, attempts.Current(ParticipantOf(request), now));
        return JsonTextOk(PaperJson(view, now));
      },
      take);

  router.Add(
      Method::kPost, "/api/take/:id/attempts/:attempt/submit",
      [&attempts, &contests, &roster, &clock](Request& request) -> Result<Response> {
        const Participant p = ParticipantOf(request);
        const int64_t now = clock.NowUnixSeconds();
        DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request, "attempt"));
        DJ_ASSIGN_OR_RETURN(std::vector<Answer> answers, ReadAnswers(request));
        DJ_ASSIGN_OR_RETURN(Contest contest, contests.Get(p.contest));
        Response response;
        response.later = std::make_shared<Later>();
        auto answer = std::make_shared<DurableAnswer>(response.later, request.request_id);
        DJ_ASSIGN_OR_RETURN(
            AttemptView view,
            attempts.Submit(ParticipantContext(request, p, roster), p, id, std::move(answers), now,
                            [answer](Status s) { answer->Stored(std::move(s)); }));
        answer->Built(JsonTextOk(ResultJson(view, contest, now)));
        return response;
      },
      take);

  router.Add(
      Method::kGet, "/api/take/:id/attempts/:attempt",
      [&attempts, &contests, &clock](Request& request) -> Result<Response> {
        const Participant p = ParticipantOf(request);
        DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request, "attempt"));
        DJ_ASSIGN_OR_RETURN(AttemptView view, attempts.Submitted(p, id));
        DJ_ASSIGN_OR_RETURN(Contest contest, contests.Get(p.contest));
        return JsonTextOk(ResultJson(view, contest, clock.NowUnixSeconds()));
      },
      take);
}

}  // namespace dj::http
