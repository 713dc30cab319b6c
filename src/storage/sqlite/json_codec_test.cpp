#include "storage/sqlite/json_codec.h"

#include <gtest/gtest.h>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;

TEST(JsonCodecTest, NodeText) {
  OrgNode node{.id = 12,
               .kind = NodeKind::kGeneralBranch,
               .name = "第一党总支",
               .code = "Z01-U03-G1",
               .parent_id = 7,
               .sort_order = 2,
               .term_start = D("2023-06-30"),
               .term_end = std::nullopt,
               .secretary_id = 99,
               .committee_size = 5};
  EXPECT_EQ(OrgNodeToJson(node),
            R"({"id":12,"kind":"general_branch","name":"第一党总支","code":"Z01-U03-G1",)"
            R"("parent_id":7,"sort_order":2,"term_start":"2023-06-30","term_end":null,)"
            R"("secretary_id":99,"committee_size":5})");
  EXPECT_EQ(OrgNodeFromJson(OrgNodeToJson(node)).value(), node);
}

TEST(JsonCodecTest, MemberText) {
  Member m = testing::MakeMember("张三", 4, 30);
  m.id = 8;
  m.id_number = "11010119900307421X";
  m.birth_date = D("1990-03-07");
  m.phone = "";
  m.status = MemberStatus::kDeceased;
  m.left_date = D("2024-01-02");
  m.group_id = 31;
  EXPECT_EQ(MemberToJson(m),
            R"({"id":8,"name":"张三","gender":"male","ethnicity":"汉族",)"
            R"("birth_date":"1990-03-07","id_number":"11010119900307421X",)"
            R"("education":"master","phone":"","probationary_date":"2010-07-01",)"
            R"("full_date":"2011-07-01","status":"deceased","left_date":"2024-01-02",)"
            R"("category":"in_service","branch_id":30,"group_id":31,"post":"科员"})");
}

TEST(JsonCodecTest, MemberRoundTripsEveryValue) {
  Member m = testing::MakeMember("李四", 3, 30);
  m.id = 1;
  m.post = "处长 \"一把手\"\\\n\t\x01";
  for (Gender g : {Gender::kMale, Gender::kFemale}) {
    for (int e = 0; e < kEducationCount; ++e) {
      for (int s = 0; s < kMemberStatusCount; ++s) {
        for (int c = 0; c < kMemberCategoryCount; ++c) {
          m.gender = g;
          m.education = static_cast<Education>(e);
          m.status = static_cast<MemberStatus>(s);
          m.category = static_cast<MemberCategory>(c);
          m.left_date = IsActive(m.status) ? std::nullopt : std::optional<Date>(D("2020-01-01"));
          m.full_date = s == 0 ? std::nullopt : std::optional<Date>(D("2011-07-01"));
          m.group_id = c % 2 == 0 ? std::nullopt : std::optional<NodeId>(40);
          Result<Member> back = MemberFromJson(MemberToJson(m));
          ASSERT_TRUE(back.ok()) << back.error().message;
          EXPECT_EQ(*back, m);
        }
      }
    }
  }
}

TEST(JsonCodecTest, NodeRoundTripsEveryKind) {
  OrgNode node = testing::MakeNode(NodeKind::kCommittee, "机关工委", "C", std::nullopt);
  for (int k = 0; k < kNodeKindCount; ++k) {
    node.kind = static_cast<NodeKind>(k);
    EXPECT_EQ(OrgNodeFromJson(OrgNodeToJson(node)).value(), node);
  }
}

TEST(JsonCodecTest, InvalidInput) {
  struct Case {
    const char* json;
    const char* message;
  } cases[] = {
      {"{", "JSON 数据无效：不是合法的 JSON"},
      {"[]", "JSON 数据无效：不是对象"},
      {R"({"id":1})", "JSON 数据无效：缺少字段 kind"},
      {R"({"id":"1"})", "JSON 数据无效：字段 id 的值无效"},
  };
  for (const Case& c : cases) {
    Result<OrgNode> node = OrgNodeFromJson(c.json);
    ASSERT_FALSE(node.ok()) << c.json;
    EXPECT_EQ(node.error().key, "storage.json_invalid");
    EXPECT_EQ(node.error().message, c.message);
  }
  Member m = testing::MakeMember("王五", 1, 30);
  std::string text = MemberToJson(m);
  text.replace(text.find("\"full\""), 6, "\"gone\"");
  Result<Member> back = MemberFromJson(text);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().message, "JSON 数据无效：字段 status 的值无效");
}

}  // namespace
}  // namespace dj
