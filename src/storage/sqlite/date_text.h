// Dates as the TEXT 'YYYY-MM-DD' that storage writes, formatted without the three calendar
// conversions and printf of Date::ToString: bulk writes format three dates per member.
// Internal to storage/sqlite.
#pragma once

#include <string>
#include <string_view>

#include "common/date.h"

namespace dj {

// Writes `date` as 'YYYY-MM-DD' into `buffer` and returns a view of it; the same text as
// date.ToString().
std::string_view FormatDate(Date date, char (&buffer)[16]);

inline std::string DateText(Date date) {
  char buffer[16];
  return std::string(FormatDate(date, buffer));
}

}  // namespace dj
