#include "storage/sqlite/date_text.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(DateTextTest, MatchesDateToString) {
  // 0001-01-01 .. 9999-12-31 in steps that hit every month, day and leap rule.
  for (int32_t days = -719162; days <= 2932896; days += 7) {
    Date date = Date::FromDays(days);
    ASSERT_EQ(DateText(date), date.ToString()) << days;
  }
  for (const char* text : {"2000-02-29", "1900-02-28", "1900-03-01", "2024-12-31"}) {
    EXPECT_EQ(DateText(*Date::Parse(text)), text);
  }
}

}  // namespace
}  // namespace dj
