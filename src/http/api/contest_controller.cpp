#include "http/api/contest_controller.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/contest/contest_json.h"
#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/envelope.h"
#include "http/json_body.h"

namespace dj::http {
namespace {

using nlohmann::json;

json ContestJson(const Contest& c, const Roster& roster) {
  json j = json::parse(ContestSettingsToJson(c.settings));
  j["id"] = c.id;
  j["status"] = ContestStatusId(c.status);
  j["status_label"] = ContestStatusLabel(c.status);
  std::optional<OrgNode> scope = roster.GetNode(c.settings.scope);
  j["scope_name"] = scope ? json(scope->name) : json(nullptr);
  return j;
}

// The settings of a request body (docs/api.md); field errors for what cannot be read, the
// rules of a contest are the service's.
Result<ContestSettings> ReadSettings(const Request& request) {
  DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
  JsonReader in(body);
  ContestSettings s;
  s.title = in.Required<std::string>("title");
  s.description = in.Optional<std::string>("description").value_or("");
  s.starts_at = in.Required<int64_t>("starts_at");
  s.ends_at = in.Required<int64_t>("ends_at");
  s.scope = in.Required<int64_t>("scope");
  s.fixed = in.Optional<std::vector<int64_t>>("fixed").value_or(std::vector<int64_t>{});
  if (std::optional<json> draw = in.Optional<json>("draw")) {
    if (!draw->is_array()) {
      in.AddError("draw", FieldValueText(*draw), "request.wrong_type", "字段 draw 应为数组");
    } else {
      for (size_t i = 0; i < draw->size(); ++i) {
        JsonReader rule_in((*draw)[i], static_cast<int>(i + 1));
        DrawRule rule;
        rule.tag = rule_in.Optional<std::string>("tag").value_or("");
        if (std::optional<std::string> kind = rule_in.Optional<std::string>("kind")) {
          rule.kind = ParseQuestionKind(*kind);
          if (!rule.kind) {
            rule_in.AddError("kind", *kind, "request.invalid_choice",
                             "题型应为 single、multiple 或 true_false");
          }
        }
        rule.count = rule_in.Required<int>("count");
        Status read = rule_in.Finish();
        if (!read.ok()) {
          for (const FieldError& e : read.error().fields) {
            in.AddError("draw[" + std::to_string(i) + "]." + e.field, e.value, e.key, e.message);
          }
        }
        s.draw.push_back(std::move(rule));
      }
    }
  }
  s.time_limit_seconds = in.Optional<int>("time_limit_seconds").value_or(s.time_limit_seconds);
  s.attempts_allowed = in.Optional<int>("attempts_allowed").value_or(s.attempts_allowed);
  s.shuffle_questions = in.Optional<bool>("shuffle_questions").value_or(s.shuffle_questions);
  s.shuffle_options = in.Optional<bool>("shuffle_options").value_or(s.shuffle_options);
  auto choice = [&](const char* field, auto parse, auto& out, const char* allowed) {
    if (std::optional<std::string> text = in.Optional<std::string>(field)) {
      if (auto value = parse(*text)) {
        out = *value;
      } else {
        in.AddError(field, *text, "request.invalid_choice", std::string("应为 ") + allowed);
      }
    }
  };
  choice("reveal_score", ParseReveal, s.reveal_score, "on_submit、after_end 或 never");
  choice("reveal_answers", ParseReveal, s.reveal_answers, "on_submit、after_end 或 never");
  choice("multiple_scoring", ParseMultipleScoring, s.multiple_scoring, "all_or_nothing 或 partial");
  if (std::optional<json> points = in.Optional<json>("points")) {
    JsonReader points_in(*points);
    for (int k = 0; k < kQuestionKindCount; ++k) {
      const char* kind = QuestionKindId(static_cast<QuestionKind>(k));
      if (std::optional<int> p = points_in.Optional<int>(kind))
        s.points[static_cast<size_t>(k)] = *p;
    }
    Status read = points_in.Finish();
    if (!read.ok()) {
      for (const FieldError& e : read.error().fields) {
        in.AddError("points." + e.field, e.value, e.key, e.message);
      }
    }
  }
  DJ_RETURN_IF_ERROR(in.Finish());
  return s;
}

// The contest of the path's :id after checking the caller reaches its scope; a missing one
// is refused as one out of reach would be, unless the caller reaches the whole tree.
Result<Contest> ContestFor(Request& request, const ContestService& contests) {
  DJ_ASSIGN_OR_RETURN(int64_t id, PathId(request));
  Result<Contest> found = contests.Get(id);
  if (!found.ok()) {
    if (found.error().code == ErrorCode::kNotFound) DJ_RETURN_IF_ERROR(Authorize(request, 0));
    return std::move(found).error();
  }
  DJ_RETURN_IF_ERROR(Authorize(request, found->settings.scope));
  return found;
}

}  // namespace

void AddContestRoutes(Router& router, ContestService& contests, const Roster& roster) {
  const RouteAccess record{"contest.manage", AccessTarget::kPathRecord};

  router.Add(
      Method::kGet, "/api/contests",
      [&contests, &roster](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        json items = json::array();
        for (const Contest& c : contests.List()) {
          if (!Authorize(request, c.settings.scope).ok()) continue;
          items.push_back(ContestJson(c, roster));
        }
        return JsonOk({{"total", items.size()}, {"items", std::move(items)}});
      },
      RouteAccess{"contest.manage"});

  router.Add(
      Method::kGet, "/api/contests/:id",
      [&contests, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(Contest c, ContestFor(request, contests));
        return JsonOk(ContestJson(c, roster));
      },
      record);

  router.Add(
      Method::kPost, "/api/contests",
      [&contests, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(ContestSettings s, ReadSettings(request));
        if (s.scope > 0) DJ_RETURN_IF_ERROR(Authorize(request, s.scope));
        DJ_ASSIGN_OR_RETURN(Contest c, contests.Create(WriteContextOf(request), std::move(s)));
        return JsonOk(ContestJson(c, roster), 201);
      },
      RouteAccess{"contest.manage", AccessTarget::kBody});

  router.Add(
      Method::kPut, "/api/contests/:id",
      [&contests, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(Contest before, ContestFor(request, contests));
        DJ_ASSIGN_OR_RETURN(ContestSettings s, ReadSettings(request));
        if (s.scope > 0) DJ_RETURN_IF_ERROR(Authorize(request, s.scope));
        DJ_ASSIGN_OR_RETURN(Contest c,
                            contests.Update(WriteContextOf(request), before.id, std::move(s)));
        return JsonOk(ContestJson(c, roster));
      },
      record);

  router.Add(
      Method::kPost, "/api/contests/:id/publish",
      [&contests, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(Contest before, ContestFor(request, contests));
        DJ_ASSIGN_OR_RETURN(Contest c, contests.Publish(WriteContextOf(request), before.id));
        return JsonOk(ContestJson(c, roster));
      },
      record);

  router.Add(
      Method::kPost, "/api/contests/:id/close",
      [&contests, &roster](Request& request) -> Result<Response> {
        DJ_ASSIGN_OR_RETURN(Contest before, ContestFor(request, contests));
        DJ_ASSIGN_OR_RETURN(Contest c, contests.Close(WriteContextOf(request), before.id));
        return JsonOk(ContestJson(c, roster));
      },
      record);
}

}  // namespace dj::http
