#include "common/date.h"

#include <chrono>
#include <cstdio>

namespace dj {
namespace {

namespace chr = std::chrono;

constexpr int64_t kShanghaiOffsetSeconds = 8 * 3600;

chr::year_month_day Ymd(Date d) { return chr::year_month_day{chr::sys_days{chr::days{d.days()}}}; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Date> Date::FromYmd(int year, int month, int day) {
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || !ymd.ok()) {
    return std::nullopt;
  }
  return Date(static_cast<int32_t>(chr::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[i])) return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  return FromYmd(num(0, 4), num(5, 2), num(8, 2));
}

int Date::year() const { return static_cast<int>(Ymd(*this).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(Ymd(*this).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(Ymd(*this).day())); }

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(), month(), day());
  return buf;
}

Date Date::AddMonths(int n) const {
  int y = year();
  int m = month() - 1 + n;
  y += m >= 0 ? m / 12 : -((11 - m) / 12);
  m = ((m % 12) + 12) % 12 + 1;
  int d = std::min(day(), DaysInMonth(y, m));
  return *FromYmd(y, m, d);
}

int DaysInMonth(int year, int month) {
  auto last = chr::year_month_day_last{chr::year{year} / chr::month{static_cast<unsigned>(month)} /
                                       chr::last};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

int DateNumber(Date d) {
  auto ymd = Ymd(d);
  return static_cast<int>(ymd.year()) * 10000 +
         static_cast<int>(static_cast<unsigned>(ymd.month())) * 100 +
         static_cast<int>(static_cast<unsigned>(ymd.day()));
}

int FullYearsBetween(Date from, Date to) {
  if (to < from) return -FullYearsBetween(to, from);
  return (DateNumber(to) - DateNumber(from)) / 10000;
}

Date ShanghaiDateOf(int64_t unix_seconds) {
  int64_t local = unix_seconds + kShanghaiOffsetSeconds;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return Date::FromDays(static_cast<int32_t>(days));
}

int64_t ShanghaiMidnightUnix(Date date) {
  return int64_t{date.days()} * 86400 - kShanghaiOffsetSeconds;
}

Date Clock::Today() const { return ShanghaiDateOf(NowUnixSeconds()); }

int64_t SystemClock::NowUnixSeconds() const {
  return chr::duration_cast<chr::seconds>(chr::system_clock::now().time_since_epoch()).count();
}

FixedClock FixedClock::AtNoon(Date date) {
  return FixedClock(int64_t{date.days()} * 86400 + 12 * 3600 - kShanghaiOffsetSeconds);
}

}  // namespace dj
