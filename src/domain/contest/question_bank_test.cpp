#include "domain/contest/question_bank.h"

#include <gtest/gtest.h>

#include <map>

#include "domain/testing/fixtures.h"
#include "domain/testing/memory_contests.h"

namespace dj {
namespace {

using testing::FieldKeys;
using testing::MemoryQuestions;

using K = QuestionKind;

Question Single(std::string stem, std::vector<std::string> tags = {"党章"}) {
  Question q;
  q.kind = K::kSingle;
  q.stem = std::move(stem);
  q.options = {"甲", "乙", "丙", "丁"};
  q.answer = 0b0001;
  q.tags = std::move(tags);
  return q;
}

Question TrueFalse(std::string stem) {
  Question q;
  q.kind = K::kTrueFalse;
  q.stem = std::move(stem);
  q.options = {kTrueLabel, kFalseLabel};
  q.answer = 0b10;
  q.tags = {"条例"};
  return q;
}

class QuestionBankTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(bank_.Load().ok()); }

  MemoryQuestions repo_;
  QuestionBank bank_{repo_};
  WriteContext ctx_;
};

TEST_F(QuestionBankTest, AddsFindsAndCountsTags) {
  Result<Question> a = bank_.Add(ctx_, Single("党的最高领导机关是？"));
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->id, 1);
  ASSERT_TRUE(bank_.Add(ctx_, Single("入党誓词共有多少字？", {"党章", "入党"})).ok());
  ASSERT_TRUE(bank_.Add(ctx_, TrueFalse("党员大会每季度召开一次。")).ok());
  EXPECT_EQ(bank_.size(), 3u);

  // newest first; text is folded like the duplicate check; tags match exactly
  QuestionPage all = bank_.Find({});
  EXPECT_EQ(all.total, 3u);
  EXPECT_EQ(all.items.front().id, 3);
  EXPECT_EQ(bank_.Find({.text = " 最高 领导"}).total, 1u);
  EXPECT_EQ(bank_.Find({.text = "丙"}).total, 2u);  // an option
  EXPECT_EQ(bank_.Find({.tag = "入党"}).total, 1u);
  EXPECT_EQ(bank_.Find({.tag = "入"}).total, 0u);
  EXPECT_EQ(bank_.Find({.kind = K::kTrueFalse}).total, 1u);
  QuestionPage second = bank_.Find({.offset = 1, .limit = 1});
  EXPECT_EQ(second.total, 3u);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].id, 2);

  std::vector<TagCount> tags = bank_.Tags();
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0], (TagCount{"党章", {2, 0, 0}, 2}));  // by tag, as UTF-8 bytes sort
  EXPECT_EQ(tags[1].tag, "入党");
  EXPECT_EQ(tags[2], (TagCount{"条例", {0, 0, 1}, 1}));
  EXPECT_EQ(bank_.Snapshot()->size(), 3u);
}

TEST_F(QuestionBankTest, RefusesABadOrRepeatedQuestionAndWritesNothing) {
  ASSERT_TRUE(bank_.Add(ctx_, Single("党的最高领导机关是？")).ok());
  const int writes = repo_.writes;

  Question bad = Single("");
  bad.answer = 0;
  Result<Question> refused = bank_.Add(ctx_, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(FieldKeys(refused.error().fields),
            (std::vector<std::string>{"stem:stem_required", "answer:answer_required"}));

  // the same question with other spacing and the options reordered
  Question again = Single("党的最高领导机关 是？");
  again.options = {"丁", "丙", "乙", "甲"};
  again.answer = 0b1000;
  Result<Question> dup = bank_.Add(ctx_, again);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(FieldKeys(dup.error().fields), (std::vector<std::string>{"stem:duplicate"}));
  EXPECT_EQ(dup.error().fields[0].message, "与题库中的试题 1 重复");
  EXPECT_EQ(repo_.writes, writes);
  EXPECT_EQ(bank_.size(), 1u);
}

TEST_F(QuestionBankTest, AnImportIsAllOrNothingWithEveryProblemByRow) {
  ASSERT_TRUE(bank_.Add(ctx_, Single("已在题库的题")).ok());
  const int writes = repo_.writes;
  Question blank = Single("缺答案的题");
  blank.answer = 0;
  std::vector<Question> rows = {Single("第一题"), Single("已在题库的题"), blank, Single("第 一 题"),
                                TrueFalse("第五题")};
  Result<std::vector<Question>> refused = bank_.AddAll(ctx_, rows, {2, 3, 4, 5, 6});
  ASSERT_FALSE(refused.ok());
  std::vector<std::pair<int, std::string>> found;
  for (const FieldError& e : refused.error().fields) found.emplace_back(e.row, e.key);
  EXPECT_EQ(found, (std::vector<std::pair<int, std::string>>{
                       {3, "duplicate"}, {4, "answer_required"}, {5, "duplicate_in_file"}}));
  EXPECT_EQ(refused.error().fields[2].message, "与第 2 行的试题重复");
  EXPECT_EQ(repo_.writes, writes);
  EXPECT_EQ(bank_.size(), 1u);

  // corrected: stored in one write, ids in the order given
  rows = {Single("第一题"), TrueFalse("第五题")};
  Result<std::vector<Question>> stored = bank_.AddAll(ctx_, rows, {2, 3});
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(repo_.writes, writes + 1);
  EXPECT_EQ((*stored)[0].stem, "第一题");
  EXPECT_LT((*stored)[0].id, (*stored)[1].id);
  EXPECT_EQ(bank_.size(), 3u);

  // a failure of the store changes nothing in memory either
  repo_.fail_next = true;
  EXPECT_FALSE(bank_.AddAll(ctx_, {Single("第六题")}, {2}).ok());
  EXPECT_EQ(bank_.size(), 3u);
  EXPECT_EQ(bank_.Find({.text = "第六题"}).total, 0u);
}

TEST_F(QuestionBankTest, UpdatesAndRemoves) {
  Question a = bank_.Add(ctx_, Single("甲题")).value();
  Question b = bank_.Add(ctx_, Single("乙题")).value();
  std::shared_ptr<const std::vector<Question>> before = bank_.Snapshot();

  // not into a duplicate of another question, but its own key is no duplicate
  Result<Question> dup = bank_.Update(ctx_, b.id, Single("甲 题"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(FieldKeys(dup.error().fields), (std::vector<std::string>{"stem:duplicate"}));
  Question changed = Single("甲题");
  changed.explanation = "见党章第十条";
  Result<Question> updated = bank_.Update(ctx_, a.id, changed);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(bank_.Get(a.id)->explanation, "见党章第十条");
  EXPECT_EQ(repo_.stored.at(a.id).explanation, "见党章第十条");
  EXPECT_EQ(bank_.Find({.text = "第十条"}).total, 1u);
  // a snapshot taken before keeps what it saw
  EXPECT_EQ((*before)[0].explanation, "");

  // renaming frees the old key
  ASSERT_TRUE(bank_.Update(ctx_, b.id, Single("丙题")).ok());
  EXPECT_TRUE(bank_.Add(ctx_, Single("乙题")).ok());

  ASSERT_TRUE(bank_.Remove(ctx_, a.id).ok());
  EXPECT_EQ(bank_.Get(a.id).error().key, "question.not_found");
  EXPECT_EQ(bank_.Remove(ctx_, a.id).error().key, "question.not_found");
  EXPECT_EQ(bank_.Update(ctx_, a.id, Single("丁题")).error().key, "question.not_found");
  EXPECT_TRUE(bank_.Add(ctx_, Single("甲题")).ok());  // its key is free again
}

TEST_F(QuestionBankTest, LoadsWhatIsStored) {
  ASSERT_TRUE(bank_.AddAll(ctx_, {Single("甲题"), TrueFalse("乙题")}, {2, 3}).ok());
  QuestionBank reloaded(repo_);
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_EQ(reloaded.size(), 2u);
  EXPECT_EQ(*reloaded.Snapshot(), *bank_.Snapshot());
  EXPECT_FALSE(reloaded.Add(ctx_, Single("甲题")).ok());
}

}  // namespace
}  // namespace dj
