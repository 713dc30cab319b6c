#include "domain/life/period.h"

namespace dj {
namespace {

constexpr const char* kQuarterNames[4] = {"第一季度", "第二季度", "第三季度", "第四季度"};

}  // namespace

const char* PeriodKindId(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return "month";
    case PeriodKind::kQuarter:
      return "quarter";
    case PeriodKind::kYear:
      return "year";
  }
  return "month";
}

std::optional<PeriodKind> ParsePeriodKind(std::string_view id) {
  if (id == "month") return PeriodKind::kMonth;
  if (id == "quarter") return PeriodKind::kQuarter;
  if (id == "year") return PeriodKind::kYear;
  return std::nullopt;
}

Result<Period> Period::Make(PeriodKind kind, int year, int index) {
  if (year < 2000 || year > 2100) {
    return Error::InvalidArgument("period.invalid",
                                  "年份应在 2000 至 2100 之间，而不是 " + std::to_string(year));
  }
  int max = kind == PeriodKind::kMonth ? 12 : kind == PeriodKind::kQuarter ? 4 : 1;
  if (kind == PeriodKind::kYear) index = 1;
  if (index < 1 || index > max) {
    return Error::InvalidArgument(
        "period.invalid", std::string(kind == PeriodKind::kMonth ? "月份" : "季度") + "应在 1 至 " +
                              std::to_string(max) + " 之间，而不是 " + std::to_string(index));
  }
  return Period(kind, year, index);
}

Period Period::Containing(PeriodKind kind, Date day) {
  switch (kind) {
    case PeriodKind::kMonth:
      return Period(kind, day.year(), day.month());
    case PeriodKind::kQuarter:
      return Period(kind, day.year(), (day.month() - 1) / 3 + 1);
    case PeriodKind::kYear:
      break;
  }
  return Period(kind, day.year(), 1);
}

int Period::FirstMonth() const {
  switch (kind_) {
    case PeriodKind::kMonth:
      return index_;
    case PeriodKind::kQuarter:
      return (index_ - 1) * 3 + 1;
    case PeriodKind::kYear:
      break;
  }
  return 1;
}

int Period::month_count() const {
  return kind_ == PeriodKind::kMonth ? 1 : kind_ == PeriodKind::kQuarter ? 3 : 12;
}

Date Period::first() const { return *Date::FromYmd(year_, FirstMonth(), 1); }

Date Period::last() const { return first().AddMonths(month_count()).AddDays(-1); }

std::string Period::Label() const {
  std::string y = std::to_string(year_) + "年";
  switch (kind_) {
    case PeriodKind::kMonth:
      return y + std::to_string(index_) + "月";
    case PeriodKind::kQuarter:
      return y + kQuarterNames[index_ - 1];
    case PeriodKind::kYear:
      break;
  }
  return y;
}

Period Period::Next() const { return Containing(kind_, last().AddDays(1)); }

Period Period::Previous() const { return Containing(kind_, first().AddDays(-1)); }

}  // namespace dj
