// A contest's settings as JSON text, as storage keeps them and the audit log shows them:
// {"title", "description", "starts_at", "ends_at", "scope", "fixed": [ids], "draw":
// [{"tag", "kind" (or null), "count"}], "time_limit_seconds", "attempts_allowed",
// "shuffle_questions", "shuffle_options", "reveal_score", "reveal_answers",
// "multiple_scoring", "points": {"single", "multiple", "true_false"}}.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/contest/contest.h"

namespace dj {

std::string ContestSettingsToJson(const ContestSettings& s);
// InvalidArgument "contest.json_invalid" when `json` is not of that shape.
Result<ContestSettings> ContestSettingsFromJson(std::string_view json);

}  // namespace dj
