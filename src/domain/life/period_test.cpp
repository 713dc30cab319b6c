#include "domain/life/period.h"

#include <gtest/gtest.h>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;

TEST(PeriodTest, BoundsAndLabels) {
  struct Case {
    PeriodKind kind;
    int year, index;
    const char *first, *last, *label;
  };
  const std::vector<Case> cases = {
      {PeriodKind::kMonth, 2024, 2, "2024-02-01", "2024-02-29", "2024年2月"},
      {PeriodKind::kMonth, 2026, 2, "2026-02-01", "2026-02-28", "2026年2月"},
      {PeriodKind::kQuarter, 2026, 4, "2026-10-01", "2026-12-31", "2026年第四季度"},
      {PeriodKind::kQuarter, 2026, 1, "2026-01-01", "2026-03-31", "2026年第一季度"},
      {PeriodKind::kYear, 2026, 1, "2026-01-01", "2026-12-31", "2026年"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    Result<Period> p = Period::Make(c.kind, c.year, c.index);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->first(), D(c.first));
    EXPECT_EQ(p->last(), D(c.last));
    EXPECT_EQ(p->Label(), c.label);
  }
}

TEST(PeriodTest, ContainingNextAndPrevious) {
  Period q = Period::Containing(PeriodKind::kQuarter, D("2026-12-31"));
  EXPECT_EQ(q.index(), 4);
  EXPECT_EQ(q.Next().first(), D("2027-01-01"));
  EXPECT_EQ(q.Next().index(), 1);
  EXPECT_EQ(q.Previous().last(), D("2026-09-30"));
  EXPECT_EQ(Period::Containing(PeriodKind::kMonth, D("2024-02-29")).last(), D("2024-02-29"));
  EXPECT_EQ(q.first_month_key(), MonthKey(2026, 10));
  EXPECT_EQ(q.month_count(), 3);
}

TEST(PeriodTest, InvalidPeriods) {
  EXPECT_EQ(Period::Make(PeriodKind::kMonth, 2026, 13).error().message,
            "月份应在 1 至 12 之间，而不是 13");
  EXPECT_EQ(Period::Make(PeriodKind::kQuarter, 2026, 5).error().message,
            "季度应在 1 至 4 之间，而不是 5");
  EXPECT_EQ(Period::Make(PeriodKind::kYear, 1999, 1).error().key, "period.invalid");
  EXPECT_TRUE(Period::Make(PeriodKind::kYear, 2026, 7).ok());  // index ignored
}

}  // namespace
}  // namespace dj
