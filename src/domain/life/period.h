// Calendar periods (month, quarter, year) in the Asia/Shanghai calendar, the units the
// regulations count meetings in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace dj {

enum class PeriodKind { kMonth, kQuarter, kYear };
const char* PeriodKindId(PeriodKind kind);  // "month", "quarter", "year"
std::optional<PeriodKind> ParsePeriodKind(std::string_view id);

// A month key: months since January of year 0 (year * 12 + month - 1), for dense counting.
inline int MonthKey(int year, int month) { return year * 12 + month - 1; }
inline int MonthKeyOf(Date d) { return MonthKey(d.year(), d.month()); }

class Period {
 public:
  // InvalidArgument "period.invalid" for a year outside 2000-2100 or an index outside 1-12
  // (month) or 1-4 (quarter); the index is ignored for a year.
  static Result<Period> Make(PeriodKind kind, int year, int index);
  // The period of `kind` containing `day`.
  static Period Containing(PeriodKind kind, Date day);

  PeriodKind kind() const { return kind_; }
  int year() const { return year_; }
  int index() const { return index_; }  // month 1-12, quarter 1-4, 1 for a year
  Date first() const;
  Date last() const;  // inclusive
  int first_month_key() const { return MonthKey(year_, FirstMonth()); }
  int month_count() const;  // 1, 3 or 12
  // "2026年11月", "2026年第四季度", "2026年".
  std::string Label() const;
  Period Next() const;
  Period Previous() const;
  bool Contains(Date day) const { return first() <= day && day <= last(); }

  bool operator==(const Period&) const = default;

 private:
  Period(PeriodKind kind, int year, int index) : kind_(kind), year_(year), index_(index) {}
  int FirstMonth() const;

  PeriodKind kind_ = PeriodKind::kMonth;
  int year_ = 2000;
  int index_ = 1;
};

}  // namespace dj
