#include "domain/contest/attempt.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(AttemptTextTest, PapersAndAnswersRoundTrip) {
  const Paper paper = {{12, {2, 0, 1, 3}}, {15, {1, 0}}, {7, {}}};
  EXPECT_EQ(PaperText(paper), "12:2013;15:10;7:");
  EXPECT_EQ(ParsePaperText(PaperText(paper)), paper);
  EXPECT_EQ(ParsePaperText(""), Paper{});
  const std::vector<Answer> answers = {{12, 5}, {15, 0}, {7, 255}};
  EXPECT_EQ(AnswersText(answers), "12:5;15:0;7:255");
  EXPECT_EQ(ParseAnswersText(AnswersText(answers)), answers);
  EXPECT_EQ(ParseAnswersText(""), std::vector<Answer>{});
}

TEST(AttemptTextTest, MalformedTextIsRefused) {
  for (const char* bad :
       {"12", "12:8", "12:01234567x", "x:01", ":01", "0:01", "12:0;;", "-1:0", "12:012345678"}) {
    EXPECT_FALSE(ParsePaperText(bad)) << bad;
  }
  for (const char* bad : {"12", "12:256", "12:-1", "12:a", "12:", "x:1", "12:1;"}) {
    EXPECT_FALSE(ParseAnswersText(bad)) << bad;
  }
}

}  // namespace
}  // namespace dj
