// Resident identity numbers (居民身份证号码), GB 11643-1999.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"

namespace dj {

enum class Gender { kMale, kFemale };

struct IdNumberInfo {
  Date birth_date;
  Gender gender;  // from the sequence digit: odd male, even female
};

enum class IdNumberProblem { kLength, kCharacters, kBirthDate, kChecksum };

// Checks an 18-character number: 17 digits, then a check character (0-9 or X, lower-case x
// accepted) computed with the ISO 7064 MOD 11-2 weights; the embedded birth date must exist.
// Returns the birth date and gender it encodes, or the first problem found.
struct IdNumberCheck {
  std::optional<IdNumberInfo> info;
  IdNumberProblem problem = IdNumberProblem::kLength;
};
IdNumberCheck CheckIdNumber(std::string_view id);

// The check character for the first 17 digits of `id` (which must be digits).
char IdNumberCheckChar(std::string_view first17);

// Chinese reason for a problem, e.g. "校验位错误".
const char* IdNumberProblemMessage(IdNumberProblem problem);

// "420106********123X": the region code and the last four characters stay visible.
std::string MaskIdNumber(std::string_view id);

}  // namespace dj
