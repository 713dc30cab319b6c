// The contests' question bank through the real server: add, find, count by tag, change and
// remove questions; bad and repeated questions are refused field by field and write nothing.
#include <gtest/gtest.h>

#include "exchange/sheet_test_support.h"
#include "http/api/sheet_answer.h"
#include "integration/test_server.h"

namespace dj::integration {
namespace {

using nlohmann::json;

class QuestionApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    admin_ = std::make_unique<Api>(server_->port(), server_->admin_token());
  }
  static void TearDownTestSuite() {
    admin_.reset();
    server_.reset();
  }

  static ApiReply Import(const std::string& bytes) {
    return admin_->Send("POST", "/api/contest/questions/import", bytes, http::kXlsxContentType);
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<Api> admin_;
};

std::vector<std::string> Keys(const ApiReply& reply) {
  std::vector<std::string> keys;
  for (const json& f : reply.data()["fields"]) {
    keys.push_back(f["field"].get<std::string>() + ":" + f["error"].get<std::string>());
  }
  return keys;
}

TEST_F(QuestionApiTest, AddFindChangeAndRemove) {
  ApiReply added = admin_->Post("/api/contest/questions",
                                {{"kind", "multiple"},
                                 {"stem", "  组织生活会的基本环节包括？ "},
                                 {"options", {"学习研讨", "检视剖析", "开展批评", "外出参观"}},
                                 {"answer", "a、b、c"},
                                 {"tags", {"组织生活", " 条例 "}},
                                 {"difficulty", 4},
                                 {"explanation", "见《条例》第十二条"}});
  ASSERT_EQ(added.status, 201) << added;
  const int64_t id = added.data()["id"];
  EXPECT_EQ(added.data()["stem"], "组织生活会的基本环节包括？");  // trimmed, punctuation kept
  EXPECT_EQ(added.data()["answer"], "ABC");
  EXPECT_EQ(added.data()["kind_label"], "多选题");
  EXPECT_EQ(added.data()["tags"], json({"组织生活", "条例"}));

  ApiReply tf = admin_->Post("/api/contest/questions", {{"kind", "true_false"},
                                                        {"stem", "党小组会一般每月召开一次。"},
                                                        {"answer", "对"},
                                                        {"tags", {"条例"}}});
  ASSERT_EQ(tf.status, 201) << tf;
  EXPECT_EQ(tf.data()["options"], json({"正确", "错误"}));
  EXPECT_EQ(tf.data()["answer"], "正确");
  EXPECT_EQ(tf.data()["difficulty"], 3);

  ApiReply found = admin_->Get("/api/contest/questions?q=%E6%A3%80%E8%A7%86&kind=multiple");
  ASSERT_EQ(found.status, 200) << found;
  EXPECT_EQ(found.data()["total"], 1);
  EXPECT_EQ(found.data()["items"][0]["id"], id);
  ApiReply by_tag = admin_->Get("/api/contest/questions?tag=%E6%9D%A1%E4%BE%8B");
  EXPECT_EQ(by_tag.data()["total"], 2) << by_tag;
  EXPECT_EQ(by_tag.data()["items"][0]["id"], tf.data()["id"]);  // newest first
  ApiReply tags = admin_->Get("/api/contest/questions/tags");
  ASSERT_EQ(tags.status, 200) << tags;
  bool counted = false;
  for (const json& t : tags.data()["items"]) {
    if (t["tag"] != "条例") continue;
    counted = true;
    EXPECT_EQ(t["total"], 2);
    EXPECT_EQ(t["by_kind"], json({{"single", 0}, {"multiple", 1}, {"true_false", 1}}));
  }
  EXPECT_TRUE(counted) << tags;

  ApiReply changed = admin_->Put("/api/contest/questions/" + std::to_string(id),
                                 {{"kind", "single"},
                                  {"stem", "组织生活会一般每年召开几次？"},
                                  {"options", {"1 次", "2 次"}},
                                  {"answer", "A"}});
  ASSERT_EQ(changed.status, 200) << changed;
  EXPECT_EQ(admin_->Get("/api/contest/questions/" + std::to_string(id)).data()["kind"], "single");

  ASSERT_EQ(admin_->Delete("/api/contest/questions/" + std::to_string(id)).status, 200);
  ApiReply gone = admin_->Get("/api/contest/questions/" + std::to_string(id));
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.error(), "question.not_found");
}

TEST_F(QuestionApiTest, BadAndRepeatedQuestionsAreRefusedAndWriteNothing) {
  ASSERT_EQ(admin_
                ->Post("/api/contest/questions", {{"kind", "single"},
                                                  {"stem", "党的最高领导机关是？"},
                                                  {"options", {"全国代表大会", "中央书记处"}},
                                                  {"answer", "A"}})
                .status,
            201);
  StoreState before = server_->ReadState();

  ApiReply unread = admin_->Post("/api/contest/questions",
                                 {{"kind", "essay"}, {"stem", "x"}, {"answer", "A"}, {"extra", 1}});
  EXPECT_EQ(unread.status, 400);
  EXPECT_EQ(Keys(unread), (std::vector<std::string>{"kind:request.invalid_choice",
                                                    "extra:request.unknown_field"}))
      << unread;

  ApiReply answer = admin_->Post(
      "/api/contest/questions",
      {{"kind", "single"}, {"stem", "题"}, {"options", {"甲", "乙"}}, {"answer", "C"}});
  EXPECT_EQ(Keys(answer), (std::vector<std::string>{"answer:answer_invalid"})) << answer;

  ApiReply rules = admin_->Post(
      "/api/contest/questions",
      {{"kind", "single"}, {"stem", " "}, {"options", {"甲", "甲"}}, {"answer", "AB"}});
  EXPECT_EQ(rules.status, 400);
  EXPECT_FALSE(Keys(rules).empty()) << rules;
  EXPECT_EQ(Keys(rules).front(), "stem:stem_required") << rules;

  // the same question, other spacing and option order
  ApiReply dup =
      admin_->Post("/api/contest/questions", {{"kind", "single"},
                                              {"stem", "党的最高领导机关 是？"},
                                              {"options", {"中央书记处", "全国代表大会"}},
                                              {"answer", "B"}});
  EXPECT_EQ(dup.status, 400);
  EXPECT_EQ(Keys(dup), (std::vector<std::string>{"stem:duplicate"})) << dup;

  EXPECT_EQ(admin_
                ->Put("/api/contest/questions/999999", {{"kind", "single"},
                                                        {"stem", "不存在的题"},
                                                        {"options", {"甲", "乙"}},
                                                        {"answer", "A"}})
                .error(),
            "question.not_found");
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(QuestionApiTest, AnImportIsAllOrNothingAndAnExportReadsBack) {
  ApiReply template_file = admin_->Get("/api/contest/questions/import/template");
  ASSERT_EQ(template_file.status, 200);
  EXPECT_EQ(template_file.Header("Content-Type"), http::kXlsxContentType);
  EXPECT_EQ(dj::testing::ReadBack(template_file.body)[0].at(0), "题型*");

  ASSERT_EQ(admin_
                ->Post("/api/contest/questions", {{"kind", "single"},
                                                  {"stem", "导入前已有的题"},
                                                  {"options", {"甲", "乙"}},
                                                  {"answer", "A"}})
                .status,
            201);
  StoreState before = server_->ReadState();
  const int64_t bank = admin_->Get("/api/contest/questions").data()["total"];

  // Every problem at once, by row and column: a bad kind (read), a repeat of the bank and a
  // repeat within the file (the bank's checks); nothing is stored.
  ApiReply refused = Import(QuestionWorkbook({{"单选题", "导入第一题", "甲", "乙", "A"},
                                              {"填空题", "导入第二题", "甲", "乙", "A"},
                                              {"单选题", "导入前已有的题", "甲", "乙", "B"},
                                              {"单选题", "导入 第一题", "乙", "甲", "B"}}));
  ASSERT_EQ(refused.status, 400) << refused;
  EXPECT_EQ(refused.error(), "import.invalid_rows");
  std::vector<std::string> problems;
  for (const json& e : refused.data()["errors"]) {
    problems.push_back(std::to_string(e["row"].get<int>()) + e["column"].get<std::string>() + ":" +
                       e["error"].get<std::string>());
  }
  EXPECT_EQ(problems,
            (std::vector<std::string>{"3A:invalid_choice", "4B:duplicate", "5B:duplicate_in_file"}))
      << refused;
  EXPECT_EQ(server_->ReadState(), before);
  EXPECT_EQ(admin_->Get("/api/contest/questions").data()["total"], bank);

  // Not an .xlsx: refused before reading.
  ApiReply not_xlsx = admin_->Send("POST", "/api/contest/questions/import", "x", "text/plain");
  EXPECT_EQ(not_xlsx.error(), "request.unsupported_media_type");
  EXPECT_EQ(Import("not a workbook").error(), "import.not_xlsx");

  ApiReply imported = Import(QuestionWorkbook(
      {{"单选题", "导入第一题", "甲", "乙", "A"}, {"判断题", "导入第二题", "", "", "错"}}));
  ASSERT_EQ(imported.status, 201) << imported;
  EXPECT_EQ(imported.data()["created"], 2);
  EXPECT_EQ(admin_->Get("/api/contest/questions").data()["total"], bank + 2);

  ApiReply exported = admin_->Get("/api/contest/questions/export?q=%E5%AF%BC%E5%85%A5");
  ASSERT_EQ(exported.status, 200) << exported;
  std::vector<std::map<int, std::string>> rows = dj::testing::ReadBack(exported.body);
  ASSERT_EQ(rows.size(), 4u);  // the header and the three questions with 导入 in them
  EXPECT_EQ(rows[1].at(2), "导入前已有的题");  // oldest first
  EXPECT_EQ(rows[3].at(1), "判断题");
  EXPECT_EQ(rows[3].at(11), "错误");
}

}  // namespace
}  // namespace dj::integration
