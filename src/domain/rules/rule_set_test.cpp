#include "domain/rules/rule_set.h"

#include <gtest/gtest.h>

#include <regex>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;

TEST(RuleSetTest, TheShippedFileCoversTheRulesTheEngineChecks) {
  const RuleBook& book = RuleBook::Builtin();
  EXPECT_FALSE(book.version().empty());
  for (const char* id :
       {"ZB-18-1", "ZB-18-3", "ZB-18-4", "JG-19-1",  "JG-19-2",  "JG-19-3",  "ZB-18-5",  "ZB-18-6",
        "ZB-18-7", "ZB-18-8", "ZB-18-9", "ZB-18-10", "ZB-18-11", "ZB-18-12", "ZB-18-13", "JG-18-R",
        "DZ-22-3", "GR-21-1", "ZZ-19-2", "XJ-20-3",  "DZ-22-2",  "ZS-1"}) {
    SCOPED_TRACE(id);
    const Rule* r = book.Find(id, D("2026-11-22"));
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->source.empty());
  }
  EXPECT_EQ(book.Find("ZB-18-6", D("2026-11-22"))->Text("meeting_type"), "committee_meeting");
  EXPECT_EQ(book.Find("ZB-18-6", D("2018-01-01")), nullptr);  // before the regulation
}

TEST(RuleSetTest, UnverifiedRulesNeverCiteAnArticle) {
  const std::regex article("第[一二三四五六七八九十百零0-9]+条");
  int unverified = 0;
  for (const Rule& r : RuleBook::Builtin().all()) {
    if (r.status != RuleStatus::kUnverified) continue;
    ++unverified;
    EXPECT_FALSE(std::regex_search(r.source, article)) << r.id << ": " << r.source;
    EXPECT_EQ(RuleCitation(r).substr(RuleCitation(r).size() - std::string("（待核实）").size()),
              "（待核实）");
  }
  EXPECT_GE(unverified, 5);
}

TEST(RuleSetTest, CitationNamesRuleAndSource) {
  const Rule* r = RuleBook::Builtin().Find("ZB-18-6", D("2026-11-22"));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(RuleCitation(*r), "ZB-18-6 《中国共产党支部工作条例（试行）》第十二条");
}

struct BadFile {
  const char* name;
  std::string json;
  const char* message;
};

TEST(RuleSetTest, MalformedFilesAreRefusedWithTheReason) {
  const std::string ok_rule =
      R"("title": "t", "statement": "s", "source": "《条例》第一条", "status": "V",
         "kind": "documented", "effective_from": "2020-01-01")";
  const std::vector<BadFile> cases = {
      {"not json", "{", "规则文件：不是有效的 JSON 对象"},
      {"no version", R"({"rules": []})", "规则文件：缺少 version"},
      {"no rules", R"({"version": "1"})", "规则文件：缺少 rules 列表"},
      {"no id", R"({"version": "1", "rules": [{"title": "t"}]})", "规则文件第 1 条规则：缺少 id"},
      {"bad status",
       R"({"version": "1", "rules": [{"id": "A", "title": "t", "statement": "s",
           "source": "x", "status": "Q"}]})",
       "规则文件第 1 条规则（A）：status 应为 V、P 或 U，而不是 Q"},
      {"U citing an article",
       R"({"version": "1", "rules": [{"id": "A", "title": "t", "statement": "s",
           "source": "《条例》第十二条", "status": "U", "kind": "documented",
           "effective_from": "2020-01-01"}]})",
       "规则文件第 1 条规则（A）：待核实（U）的规则不得引用条款号：《条例》第十二条"},
      {"unknown kind",
       R"({"version": "1", "rules": [{"id": "A", "title": "t", "statement": "s",
           "source": "x", "status": "V", "kind": "magic", "effective_from": "2020-01-01"}]})",
       "规则文件第 1 条规则（A）：未知的 kind magic"},
      {"bad date",
       R"({"version": "1", "rules": [{"id": "A", "title": "t", "statement": "s",
           "source": "x", "status": "V", "kind": "documented", "effective_from": "2020-02-30"}]})",
       "规则文件第 1 条规则（A）：effective_from 不是有效日期：2020-02-30"},
      {"end before start",
       (R"({"version": "1", "rules": [{"id": "A", )" + ok_rule +
        R"(, "effective_to": "2019-12-31"}]})"),
       "规则文件第 1 条规则（A）：effective_to 早于 effective_from"},
  };
  for (const BadFile& c : cases) {
    SCOPED_TRACE(c.name);
    Result<RuleBook> book = RuleBook::Parse(c.json);
    ASSERT_FALSE(book.ok());
    EXPECT_EQ(book.error().key, "rules.invalid");
    EXPECT_EQ(book.error().message, c.message);
  }
}

TEST(RuleSetTest, OverlappingVersionsOfOneRuleAreRefused) {
  const char* file = R"({"version": "1", "rules": [
    {"id": "A", "title": "t", "statement": "s", "source": "x", "status": "V",
     "kind": "documented", "effective_from": "2020-01-01", "effective_to": "2024-12-31"},
    {"id": "A", "title": "t", "statement": "s", "source": "x", "status": "V",
     "kind": "documented", "effective_from": "2024-12-31"}]})";
  Result<RuleBook> book = RuleBook::Parse(file);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().message, "规则文件第 2 条规则（A）：与同编号的另一版本生效期间重叠");
}

TEST(RuleSetTest, VersionsTakeOverOnTheirEffectiveDate) {
  const char* file = R"({"version": "1", "rules": [
    {"id": "A", "title": "old", "statement": "s", "source": "x", "status": "V",
     "kind": "documented", "effective_from": "2020-01-01", "effective_to": "2024-12-31",
     "params": {"n": 1, "t": "x", "l": [6, 3]}},
    {"id": "A", "title": "new", "statement": "s", "source": "x", "status": "V",
     "kind": "documented", "effective_from": "2025-01-01", "params": {"n": 2}}]})";
  Result<RuleBook> book = RuleBook::Parse(file);
  ASSERT_TRUE(book.ok()) << book.error().message;
  EXPECT_EQ(book->Find("A", D("2024-12-31"))->title, "old");
  EXPECT_EQ(book->Find("A", D("2025-01-01"))->title, "new");
  EXPECT_EQ(book->Find("A", D("2019-12-31")), nullptr);
  EXPECT_EQ(book->Find("A", D("2024-06-01"))->Number("n"), 1);
  EXPECT_EQ(book->Find("A", D("2024-06-01"))->Text("t"), "x");
  EXPECT_EQ(book->Find("A", D("2024-06-01"))->Numbers("l"), (std::vector<double>{6, 3}));
  EXPECT_EQ(book->InForce(D("2025-06-01")).size(), 1u);
}

}  // namespace
}  // namespace dj
