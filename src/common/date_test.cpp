#include "common/date.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(DateTest, ParsesAndFormatsRoundTrip) {
  for (const char* s : {"1970-01-01", "2000-02-29", "2024-12-31", "1900-03-01", "9999-12-31"}) {
    auto d = Date::Parse(s);
    ASSERT_TRUE(d.has_value()) << s;
    EXPECT_EQ(d->ToString(), s);
  }
  EXPECT_EQ(D("1970-01-01").days(), 0);
  EXPECT_EQ(D("1970-01-02").days(), 1);
  EXPECT_EQ(D("1969-12-31").days(), -1);
}

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  for (const char* s :
       {"", "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-1-01", "2023/01/01",
        "20230101", "2023-01-01T00:00", " 2023-01-01", "abcd-ef-gh", "0000-01-01", "2023-01-00"}) {
    EXPECT_FALSE(Date::Parse(s).has_value()) << s;
  }
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  struct Case {
    const char* from;
    int months;
    const char* want;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"2024-01-31", 1, "2024-02-29"},
           {"2023-01-31", 1, "2023-02-28"},
           {"2024-02-29", 12, "2025-02-28"},
           {"2024-02-29", 48, "2028-02-29"},
           {"2024-03-31", -1, "2024-02-29"},
           {"2024-01-15", -1, "2023-12-15"},
           {"2024-01-15", -13, "2022-12-15"},
           {"2024-12-15", 1, "2025-01-15"},
           {"2021-06-30", 36, "2024-06-30"},
       }) {
    EXPECT_EQ(D(c.from).AddMonths(c.months).ToString(), c.want) << c.from << " + " << c.months;
  }
}

TEST(DateTest, FullYearsBetweenCountsOnTheAnniversary) {
  EXPECT_EQ(FullYearsBetween(D("2000-05-10"), D("2018-05-09")), 17);
  EXPECT_EQ(FullYearsBetween(D("2000-05-10"), D("2018-05-10")), 18);
  EXPECT_EQ(FullYearsBetween(D("2000-02-29"), D("2018-02-28")), 17);
  EXPECT_EQ(FullYearsBetween(D("2000-02-29"), D("2018-03-01")), 18);
  EXPECT_EQ(FullYearsBetween(D("2000-02-29"), D("2020-02-29")), 20);
  EXPECT_EQ(FullYearsBetween(D("2018-05-10"), D("2000-05-10")), -18);
  EXPECT_EQ(DateNumber(D("2024-02-29")), 20240229);
}

TEST(DateTest, TodayIsTheShanghaiDate) {
  // 2024-12-31T16:00:00Z is 2025-01-01 00:00 in Shanghai.
  EXPECT_EQ(ShanghaiDateOf(1735660800).ToString(), "2025-01-01");
  EXPECT_EQ(ShanghaiDateOf(1735660799).ToString(), "2024-12-31");
  EXPECT_EQ(FixedClock::AtNoon(D("2026-11-22")).Today().ToString(), "2026-11-22");
  EXPECT_EQ(ShanghaiDateOf(-1).ToString(), "1970-01-01");
  EXPECT_EQ(ShanghaiDateOf(-8 * 3600 - 1).ToString(), "1969-12-31");
  EXPECT_EQ(ShanghaiMidnightUnix(D("2025-01-01")), 1735660800);
  EXPECT_EQ(ShanghaiMidnightUnix(D("1970-01-01")), -8 * 3600);
}

TEST(DateTest, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 4), 30);
}

}  // namespace
}  // namespace dj
