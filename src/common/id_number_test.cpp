#include "common/id_number.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(IdNumberTest, AcceptsValidNumbersAndDecodesBirthAndGender) {
  // 11010519491231002X: the GB 11643 standard's own example (female, 1949-12-31).
  auto c = CheckIdNumber("11010519491231002X");
  ASSERT_TRUE(c.info.has_value());
  EXPECT_EQ(c.info->birth_date.ToString(), "1949-12-31");
  EXPECT_EQ(c.info->gender, Gender::kFemale);
  EXPECT_TRUE(CheckIdNumber("11010519491231002x").info.has_value());
  auto m = CheckIdNumber("440524198001010013");
  ASSERT_TRUE(m.info.has_value());
  EXPECT_EQ(m.info->gender, Gender::kMale);
}

TEST(IdNumberTest, ComputesCheckCharacterIncludingX) {
  EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(IdNumberCheckChar("44052419800101001"), '3');
}

TEST(IdNumberTest, NamesTheProblem) {
  struct Case {
    const char* id;
    IdNumberProblem want;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"", IdNumberProblem::kLength},
           {"11010519491231002", IdNumberProblem::kLength},
           {"11010519491231002X1", IdNumberProblem::kLength},
           {"1101051949123100AX", IdNumberProblem::kCharacters},
           {"11010519491231002Y", IdNumberProblem::kCharacters},
           {"110105194912310021", IdNumberProblem::kChecksum},
           {"110105202302290020", IdNumberProblem::kBirthDate},
           {"110105194913010020", IdNumberProblem::kBirthDate},
       }) {
    auto got = CheckIdNumber(c.id);
    EXPECT_FALSE(got.info.has_value()) << c.id;
    EXPECT_EQ(got.problem, c.want) << c.id;
  }
  EXPECT_STREQ(IdNumberProblemMessage(IdNumberProblem::kChecksum), "身份证号校验位错误");
}

TEST(IdNumberTest, MasksTheMiddle) {
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskIdNumber("123"), "***");
}

}  // namespace
}  // namespace dj
