#include "domain/contest/question.h"

#include <gtest/gtest.h>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::FieldKeys;

using K = QuestionKind;

Question Single() {
  Question q;
  q.kind = K::kSingle;
  q.stem = "党章规定，党的最高领导机关是？";
  q.options = {"党的全国代表大会和它所产生的中央委员会", "中央政治局", "中央书记处", "中央军委"};
  q.answer = 0b0001;
  q.tags = {"党章", "组织制度"};
  q.difficulty = 2;
  return q;
}

TEST(QuestionTest, TrimKeepsTheTextAsTypedButItsEnds) {
  EXPECT_EQ(TrimQuestionText(" \u3000党的最高领导机关是？ \t\n"), "党的最高领导机关是？");
  EXPECT_EQ(TrimQuestionText("（ 甲 ）"), "（ 甲 ）");
  EXPECT_EQ(TrimQuestionText(" \u3000 "), "");
}

TEST(QuestionTest, AValidQuestionOfEachKindPasses) {
  EXPECT_TRUE(CheckQuestion(Single()).empty());
  Question m = Single();
  m.kind = K::kMultiple;
  m.answer = 0b0101;
  EXPECT_TRUE(CheckQuestion(m).empty());
  Question tf;
  tf.kind = K::kTrueFalse;
  tf.stem = "党支部党员大会一般每季度召开 1 次。";
  tf.options = {kTrueLabel, kFalseLabel};
  tf.answer = 0b01;
  EXPECT_TRUE(CheckQuestion(tf).empty());
}

TEST(QuestionTest, EachProblemIsNamedWithItsField) {
  struct Case {
    const char* name;
    void (*change)(Question&);
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"empty stem", [](Question& q) { q.stem = " \u3000 "; }, {"stem:stem_required"}},
      {"one option", [](Question& q) { q.options.resize(1); }, {"options:option_count"}},
      {"nine options", [](Question& q) { q.options.resize(9, "x"); }, {"options:option_count"}},
      {"empty option", [](Question& q) { q.options[2] = ""; }, {"options:option_empty"}},
      {"options equal but for spaces and case",
       [](Question& q) {
         q.options[1] = "ABC";
         q.options[3] = "a b\u3000c";
       },
       {"options:option_duplicate"}},
      {"no answer", [](Question& q) { q.answer = 0; }, {"answer:answer_required"}},
      {"answer E of four options",
       [](Question& q) { q.answer = 0b10000; },
       {"answer:answer_out_of_range"}},
      {"single with two answers",
       [](Question& q) { q.answer = 0b0011; },
       {"answer:single_needs_one"}},
      {"multiple with one answer",
       [](Question& q) {
         q.kind = K::kMultiple;
         q.answer = 0b0010;
       },
       {"answer:multiple_needs_two"}},
      {"true/false with other options",
       [](Question& q) {
         q.kind = K::kTrueFalse;
         q.options = {"对", "错"};
         q.answer = 1;
       },
       {"options:true_false_options"}},
      {"difficulty 6", [](Question& q) { q.difficulty = 6; }, {"difficulty:difficulty_range"}},
      {"blank tag", [](Question& q) { q.tags.push_back(" "); }, {"tags:tag_invalid"}},
      {"stem of 1001 characters",
       [](Question& q) {
         q.stem.clear();
         for (int i = 0; i < 1001; ++i) q.stem += "党";
       },
       {"stem:stem_too_long"}},
      {"several at once",
       [](Question& q) {
         q.stem = "";
         q.answer = 0;
         q.difficulty = 0;
       },
       {"stem:stem_required", "answer:answer_required", "difficulty:difficulty_range"}},
  };
  for (const Case& c : cases) {
    Question q = Single();
    c.change(q);
    EXPECT_EQ(FieldKeys(CheckQuestion(q)), c.expected) << c.name;
  }
}

TEST(QuestionTest, AnswersAreReadAsPeopleWriteThem) {
  struct Case {
    K kind;
    const char* text;
    std::optional<OptionSet> expected;
  };
  const std::vector<Case> cases = {
      {K::kSingle, "A", 0b1},
      {K::kSingle, " b ", 0b10},
      {K::kSingle, "Ｃ", 0b100},
      {K::kMultiple, "ACD", 0b1101},
      {K::kMultiple, "a,c", 0b101},
      {K::kMultiple, "A、C、D", 0b1101},
      {K::kMultiple, "A，B", 0b11},
      {K::kSingle, "E", std::nullopt},
      {K::kSingle, "", std::nullopt},
      {K::kSingle, "A1", std::nullopt},
      {K::kTrueFalse, "正确", 0b01},
      {K::kTrueFalse, "√", 0b01},
      {K::kTrueFalse, "错", 0b10},
      {K::kTrueFalse, "F", 0b10},
      {K::kTrueFalse, "是", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseAnswerText(c.kind, c.text, 4), c.expected) << c.text;
  }
  Question m = Single();
  m.kind = K::kMultiple;
  m.answer = 0b1101;
  EXPECT_EQ(AnswerText(m), "ACD");
  Question tf{0, K::kTrueFalse, "x", {kTrueLabel, kFalseLabel}, 0b10, {}, 3, ""};
  EXPECT_EQ(AnswerText(tf), "错误");
}

TEST(QuestionTest, DuplicatesIgnoreSpacingCaseWidthAndOptionOrder) {
  Question a = Single();
  Question b = a;
  b.stem = " 党章规定，党的最高领导机关是？ ";  // full-width comma and question mark stay
  std::reverse(b.options.begin(), b.options.end());
  b.answer = 0b1000;
  EXPECT_EQ(DedupeKey(a), DedupeKey(b));
  Question c = a;
  c.options[3] = "中央纪委";
  EXPECT_NE(DedupeKey(a), DedupeKey(c));
  Question d = a;
  d.kind = K::kMultiple;
  EXPECT_NE(DedupeKey(a), DedupeKey(d));
}

}  // namespace
}  // namespace dj
