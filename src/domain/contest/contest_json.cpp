#include "domain/contest/contest_json.h"

#include <nlohmann/json.hpp>

namespace dj {

using nlohmann::json;

std::string ContestSettingsToJson(const ContestSettings& s) {
  json draw = json::array();
  for (const DrawRule& r : s.draw) {
    draw.push_back({{"tag", r.tag},
                    {"kind", r.kind ? json(QuestionKindId(*r.kind)) : json(nullptr)},
                    {"count", r.count}});
  }
  json points = json::object();
  for (int k = 0; k < kQuestionKindCount; ++k) {
    points[QuestionKindId(static_cast<QuestionKind>(k))] = s.points[static_cast<size_t>(k)];
  }
  return json{{"title", s.title},
              {"description", s.description},
              {"starts_at", s.starts_at},
              {"ends_at", s.ends_at},
              {"scope", s.scope},
              {"fixed", s.fixed},
              {"draw", std::move(draw)},
              {"time_limit_seconds", s.time_limit_seconds},
              {"attempts_allowed", s.attempts_allowed},
              {"shuffle_questions", s.shuffle_questions},
              {"shuffle_options", s.shuffle_options},
              {"reveal_score", RevealId(s.reveal_score)},
              {"reveal_answers", RevealId(s.reveal_answers)},
              {"multiple_scoring", MultipleScoringId(s.multiple_scoring)},
              {"points", std::move(points)}}
      .dump();
}

Result<ContestSettings> ContestSettingsFromJson(std::string_view text) {
  auto invalid = [](const std::string& what) {
    return Error::InvalidArgument("contest.json_invalid", "竞答设置无效：" + what);
  };
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return invalid("不是 JSON 对象");
  try {
    ContestSettings s;
    s.title = j.at("title").get<std::string>();
    s.description = j.at("description").get<std::string>();
    s.starts_at = j.at("starts_at").get<int64_t>();
    s.ends_at = j.at("ends_at").get<int64_t>();
    s.scope = j.at("scope").get<int64_t>();
    s.fixed = j.at("fixed").get<std::vector<QuestionId>>();
    for (const json& r : j.at("draw")) {
      DrawRule rule;
      rule.tag = r.at("tag").get<std::string>();
      if (!r.at("kind").is_null()) {
        rule.kind = ParseQuestionKind(r.at("kind").get<std::string>());
        if (!rule.kind) return invalid("抽题规则的题型");
      }
      rule.count = r.at("count").get<int>();
      s.draw.push_back(std::move(rule));
    }
    s.time_limit_seconds = j.at("time_limit_seconds").get<int>();
    s.attempts_allowed = j.at("attempts_allowed").get<int>();
    s.shuffle_questions = j.at("shuffle_questions").get<bool>();
    s.shuffle_options = j.at("shuffle_options").get<bool>();
    std::optional<Reveal> score = ParseReveal(j.at("reveal_score").get<std::string>());
    std::optional<Reveal> answers = ParseReveal(j.at("reveal_answers").get<std::string>());
    std::optional<MultipleScoring> scoring =
        ParseMultipleScoring(j.at("multiple_scoring").get<std::string>());
    if (!score || !answers || !scoring) return invalid("公布方式或多选计分");
    s.reveal_score = *score;
    s.reveal_answers = *answers;
    s.multiple_scoring = *scoring;
    for (int k = 0; k < kQuestionKindCount; ++k) {
      s.points[static_cast<size_t>(k)] =
          j.at("points").at(QuestionKindId(static_cast<QuestionKind>(k))).get<int>();
    }
    return s;
  } catch (const json::exception& e) {
    return invalid(e.what());
  }
}

}  // namespace dj
