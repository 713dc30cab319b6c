// Calendar dates in the Asia/Shanghai civil calendar.
//
// A Date is a day count since 1970-01-01; it has no time of day and no zone. "Today" is the
// date in Asia/Shanghai (UTC+8 all year; China has had no daylight saving since 1991).
#pragma once

#include <atomic>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dj {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // Returns the date for a valid year/month/day, or nullopt (e.g. 2023-02-29).
  static std::optional<Date> FromYmd(int year, int month, int day);
  // Parses exactly "YYYY-MM-DD" (zero-padded); nullopt for anything else or an impossible date.
  static std::optional<Date> Parse(std::string_view text);

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // "YYYY-MM-DD".
  std::string ToString() const;

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Adds calendar months; a day past the end of the target month clamps to its last day
  // (2024-01-31 + 1 month = 2024-02-29).
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Whole years from `from` to `to` (周岁): the anniversary counts on its day, and a 02-29
// anniversary counts on 03-01 in common years. Negative when `to` is before `from`.
int FullYearsBetween(Date from, Date to);

// The date as the number yyyymmdd (2024-02-29 -> 20240229); ordering is preserved.
int DateNumber(Date d);

// Days in `month` of `year`.
int DaysInMonth(int year, int month);

// Source of the current time, injectable so tests and the demo can fix "today".
class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch (UTC).
  virtual int64_t NowUnixSeconds() const = 0;
  // Today's date in Asia/Shanghai.
  Date Today() const;
};

class SystemClock final : public Clock {
 public:
  int64_t NowUnixSeconds() const override;
};

// A clock that moves only when told. Thread-safe: a test may move it while a server reads it.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t unix_seconds) : now_(unix_seconds) {}
  FixedClock(const FixedClock& other) : now_(other.NowUnixSeconds()) {}
  FixedClock& operator=(const FixedClock& other) {
    Set(other.NowUnixSeconds());
    return *this;
  }
  // A clock standing at 12:00 Shanghai time on `date`.
  static FixedClock AtNoon(Date date);
  int64_t NowUnixSeconds() const override { return now_.load(std::memory_order_relaxed); }
  void Set(int64_t unix_seconds) { now_.store(unix_seconds, std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> now_;
};

// The Shanghai date of a Unix time.
Date ShanghaiDateOf(int64_t unix_seconds);
// The Unix time of 00:00 Shanghai time on `date`: ShanghaiDateOf of it is `date`.
int64_t ShanghaiMidnightUnix(Date date);

}  // namespace dj
