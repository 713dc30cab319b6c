#include "exchange/question_sheet.h"

#include <gtest/gtest.h>

#include "exchange/sheet_test_support.h"

namespace dj {
namespace {

using testing::ReadBack;
using testing::Workbook;

const std::vector<std::string> kHeader = {"题型*", "题干*", "选项A", "选项B", "选项C",
                                          "选项D", "答案*", "标签",  "难度",  "解析"};

std::vector<XlsxCell> Row(std::string kind, std::string stem, std::vector<std::string> options,
                          std::string answer, std::string tags = "", XlsxCell difficulty = {},
                          std::string explanation = "") {
  std::vector<XlsxCell> row = {std::move(kind), std::move(stem)};
  for (size_t i = 0; i < 4; ++i) {
    row.push_back(i < options.size() && !options[i].empty() ? XlsxCell{options[i]} : XlsxCell{});
  }
  row.push_back(std::move(answer));
  row.push_back(tags.empty() ? XlsxCell{} : XlsxCell{tags});
  row.push_back(difficulty);
  row.push_back(explanation.empty() ? XlsxCell{} : XlsxCell{explanation});
  return row;
}

std::vector<std::string> Problems(const QuestionImport& import) {
  std::vector<std::string> out;
  for (const SheetProblem& p : import.problems) {
    out.push_back(std::to_string(p.row) + p.column + ":" + p.error);
  }
  return out;
}

TEST(QuestionSheetTest, ReadsEveryKindAsPeopleTypeIt) {
  std::string file = Workbook(
      kHeader, {Row("单选题", " 党的最高领导机关是？ ", {"全国代表大会", "中央委员会"}, "a",
                    "党章、 组织制度，党章", int64_t{2}, "见党章第十条"),
                Row("多选", "组织生活会的环节有？", {"学习", "检视", "批评"}, "A、C"),
                {},  // a blank row is skipped
                Row("判断题", "党小组会一般每月召开一次。", {}, "√", "", std::string("4"))});
  Result<QuestionImport> read = ReadQuestionImport(file, 100);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_TRUE(read->problems.empty()) << Problems(*read).front();
  EXPECT_EQ(read->rows, 3);
  ASSERT_EQ(read->questions.size(), 3u);
  EXPECT_EQ(read->sheet_rows, (std::vector<int>{2, 3, 5}));

  const Question& single = read->questions[0];
  EXPECT_EQ(single.kind, QuestionKind::kSingle);
  EXPECT_EQ(single.stem, "党的最高领导机关是？");  // trimmed, punctuation kept
  EXPECT_EQ(single.options, (std::vector<std::string>{"全国代表大会", "中央委员会"}));
  EXPECT_EQ(single.answer, 0b01);
  EXPECT_EQ(single.tags, (std::vector<std::string>{"党章", "组织制度"}));  // once each
  EXPECT_EQ(single.difficulty, 2);
  EXPECT_EQ(single.explanation, "见党章第十条");
  EXPECT_EQ(read->questions[1].kind, QuestionKind::kMultiple);
  EXPECT_EQ(read->questions[1].answer, 0b101);
  EXPECT_EQ(read->questions[1].difficulty, 3);  // the default
  const Question& tf = read->questions[2];
  EXPECT_EQ(tf.options, (std::vector<std::string>{kTrueLabel, kFalseLabel}));
  EXPECT_EQ(tf.answer, 0b01);
  EXPECT_EQ(tf.difficulty, 4);
}

TEST(QuestionSheetTest, NamesEachBadCell) {
  std::string file = Workbook(
      kHeader, {Row("", "缺题型", {"甲", "乙"}, "A"), Row("问答题", "题型不对", {"甲", "乙"}, "A"),
                Row("单选题", "选项有空缺", {"甲", "", "丙"}, "A"),
                Row("单选题", "答案不是选项", {"甲", "乙"}, "D"),
                Row("单选题", "没有答案", {"甲", "乙"}, ""),
                Row("单选题", "难度不对", {"甲", "乙"}, "A", "", std::string("很难")),
                Row("单选题", "好题", {"甲", "乙"}, "B")});
  Result<QuestionImport> read = ReadQuestionImport(file, 100);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(Problems(*read), (std::vector<std::string>{"2A:required", "3A:invalid_choice",
                                                       "4D:option_gap", "5G:answer_invalid",
                                                       "6G:required", "7I:difficulty_invalid"}));
  EXPECT_EQ(read->problems[2].header, "选项B");
  EXPECT_EQ(read->problems[2].message, "选项B 为空，但后面还有选项");
  ASSERT_EQ(read->questions.size(), 1u);
  EXPECT_EQ(read->sheet_rows, (std::vector<int>{8}));

  // The bank's own errors go back on their cells: an option by its letter.
  AddQuestionFieldProblems(*read,
                           {{8, "options", "B", "option_duplicate", "选项 B 与前面的选项重复"},
                            {8, "stem", "好题", "duplicate", "与题库中的试题 3 重复"}});
  EXPECT_EQ(read->problems.back().row, 8);
  EXPECT_EQ(read->problems.back().column, "B");
  EXPECT_EQ(read->problems[read->problems.size() - 2].column, "D");
  EXPECT_EQ(read->problems[read->problems.size() - 2].header, "选项B");
}

TEST(QuestionSheetTest, RefusesAFileItCannotUse) {
  EXPECT_EQ(ReadQuestionImport("not a zip", 10).error().key, "import.not_xlsx");
  EXPECT_EQ(ReadQuestionImport(Workbook({"题干", "答案"}, {}), 10).error().key,
            "import.missing_column");
  EXPECT_EQ(ReadQuestionImport(Workbook({"题型", "题干", "答案", "题型"}, {}), 10).error().key,
            "import.duplicate_column");
  EXPECT_EQ(ReadQuestionImport(Workbook(kHeader, {}), 10).error().key, "import.empty");
  std::vector<std::vector<XlsxCell>> rows(3, Row("单选题", "题", {"甲", "乙"}, "A"));
  EXPECT_EQ(ReadQuestionImport(Workbook(kHeader, rows), 2).error().key, "import.too_many_rows");
}

TEST(QuestionSheetTest, AnExportReadsBackAsTheSameQuestions) {
  Question single{.id = 7,
                  .kind = QuestionKind::kMultiple,
                  .stem = "组织生活会的环节有？",
                  .options = {"学习", "检视", "批评", "表扬"},
                  .answer = 0b0111,
                  .tags = {"组织生活", "条例"},
                  .difficulty = 4,
                  .explanation = "见条例"};
  Question tf{.id = 9,
              .kind = QuestionKind::kTrueFalse,
              .stem = "判断",
              .options = {kTrueLabel, kFalseLabel},
              .answer = 0b10};
  Result<std::string> file = WriteQuestionExport({single, tf});
  ASSERT_TRUE(file.ok()) << file.error().message;
  std::vector<std::map<int, std::string>> cells = ReadBack(*file);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].at(0), "编号");
  EXPECT_EQ(cells[1].at(0), "7");
  EXPECT_EQ(cells[1].at(11), "ABC");
  EXPECT_EQ(cells[1].at(12), "组织生活、条例");

  Result<QuestionImport> read = ReadQuestionImport(*file, 10);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_TRUE(read->problems.empty()) << Problems(*read).front();
  ASSERT_EQ(read->questions.size(), 2u);
  single.id = 0;
  tf.id = 0;
  EXPECT_EQ(read->questions[0], single);
  EXPECT_EQ(read->questions[1], tf);

  // The template is a header the import accepts (and no data).
  Result<std::string> blank = QuestionImportTemplate();
  ASSERT_TRUE(blank.ok());
  EXPECT_EQ(ReadQuestionImport(*blank, 10).error().key, "import.empty");
  EXPECT_EQ(ReadBack(*blank)[0].at(1), "题干*");
}

}  // namespace
}  // namespace dj
