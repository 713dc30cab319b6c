#include "storage/sqlite/date_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace dj {

std::string_view FormatDate(Date date, char (&buffer)[16]) {
  // Days to civil date (Howard Hinnant's algorithm, proleptic Gregorian).
  const int64_t z = static_cast<int64_t>(date.days()) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) {
    std::string text = date.ToString();
    size_t n = std::min(text.size(), sizeof buffer);
    std::memcpy(buffer, text.data(), n);
    return {buffer, n};
  }
  const auto y = static_cast<unsigned>(year);
  char* p = buffer;
  *p++ = static_cast<char>('0' + y / 1000);
  *p++ = static_cast<char>('0' + y / 100 % 10);
  *p++ = static_cast<char>('0' + y / 10 % 10);
  *p++ = static_cast<char>('0' + y % 10);
  *p++ = '-';
  *p++ = static_cast<char>('0' + month / 10);
  *p++ = static_cast<char>('0' + month % 10);
  *p++ = '-';
  *p++ = static_cast<char>('0' + day / 10);
  *p++ = static_cast<char>('0' + day % 10);
  return {buffer, 10};
}

}  // namespace dj
