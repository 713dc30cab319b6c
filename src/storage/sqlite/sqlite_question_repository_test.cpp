#include "storage/sqlite/sqlite_question_repository.h"

#include <gtest/gtest.h>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

class SqliteQuestionRepositoryTest : public testing::StoreTest {
 protected:
  QuestionRepository& questions() { return store_->questions(); }
};

Question Multiple(std::string stem) {
  Question q;
  q.kind = QuestionKind::kMultiple;
  q.stem = std::move(stem);
  q.options = {"学习教育", "检视剖析", "整改落实", "喝茶聊天"};
  q.answer = 0b0111;
  q.tags = {"组织生活", "\"引号\"与，标点"};
  q.difficulty = 4;
  q.explanation = "见《条例》第十二条";
  return q;
}

TEST_F(SqliteQuestionRepositoryTest, RoundTripsEveryFieldAndAuditsEachQuestion) {
  Question tf;
  tf.kind = QuestionKind::kTrueFalse;
  tf.stem = "党小组会一般每月召开 1 次。";
  tf.options = {kTrueLabel, kFalseLabel};
  tf.answer = 0b01;
  const int64_t audit = Count("audit_log");
  Result<std::vector<Question>> stored =
      questions().InsertQuestions(ctx_, {Multiple("组织生活会的环节有？"), tf});
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_GT((*stored)[0].id, 0);
  EXPECT_EQ(Count("audit_log"), audit + 2);
  std::vector<Question> loaded = questions().LoadQuestions().value();
  EXPECT_EQ(loaded, *stored);
}

TEST_F(SqliteQuestionRepositoryTest, ADuplicateRollsBackTheWholeBatch) {
  ASSERT_TRUE(questions().InsertQuestions(ctx_, {Multiple("甲")}).ok());
  const int64_t audit = Count("audit_log");
  Question same = Multiple(" 甲 ");
  same.options = {"喝茶聊天", "整改落实", "检视剖析", "学习教育"};  // another order
  same.answer = 0b1110;
  Result<std::vector<Question>> refused = questions().InsertQuestions(ctx_, {Multiple("乙"), same});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "question.duplicate");
  EXPECT_EQ(Count("questions"), 1);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteQuestionRepositoryTest, UpdatesOnlyWhatWasReadAndDeletes) {
  std::vector<Question> stored =
      questions().InsertQuestions(ctx_, {Multiple("甲"), Multiple("乙")}).value();
  Question a = stored[0];
  Question changed = a;
  changed.stem = "丙";
  changed.tags = {};
  ASSERT_TRUE(questions().UpdateQuestion(ctx_, a, changed).ok());
  EXPECT_EQ(questions().LoadQuestions().value()[0], changed);

  // from a stale copy: refused, nothing written
  Question other = a;
  other.stem = "丁";
  EXPECT_EQ(questions().UpdateQuestion(ctx_, a, other).error().key, "question.stale");
  // into the other question's key
  Question clash = changed;
  clash.stem = "乙";
  EXPECT_EQ(questions().UpdateQuestion(ctx_, changed, clash).error().key, "question.duplicate");
  EXPECT_EQ(questions().LoadQuestions().value()[0], changed);

  const int64_t audit = Count("audit_log");
  ASSERT_TRUE(questions().DeleteQuestion(ctx_, changed).ok());
  EXPECT_EQ(Count("questions"), 1);
  EXPECT_EQ(Count("audit_log"), audit + 1);
  EXPECT_EQ(questions().DeleteQuestion(ctx_, changed).error().key, "question.not_found");
}

}  // namespace
}  // namespace dj
