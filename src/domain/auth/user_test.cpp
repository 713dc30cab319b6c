#include "domain/auth/user.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(UserTest, RolesRoundTripTheirIds) {
  const std::vector<std::pair<const char*, const char*>> expected = {
      {"committee_admin", "工委管理员"}, {"unit_admin", "单位管理员"},
      {"branch_secretary", "支部书记"},  {"member", "党员"},
      {"reviewer", "评审专家"},          {"auditor", "审计员"}};
  ASSERT_EQ(expected.size(), static_cast<size_t>(kRoleCount));
  for (int i = 0; i < kRoleCount; ++i) {
    Role role = static_cast<Role>(i);
    EXPECT_STREQ(RoleId(role), expected[i].first);
    EXPECT_STREQ(RoleLabel(role), expected[i].second);
    EXPECT_EQ(ParseRole(expected[i].first), role);
  }
  EXPECT_EQ(ParseRole("admin"), std::nullopt);
  EXPECT_EQ(ParseRole("Member"), std::nullopt);
}

TEST(UserTest, UserChangesNameTheirAuditActions) {
  EXPECT_STREQ(UserChangeAction(UserChange::kProfile), "update");
  EXPECT_STREQ(UserChangeAction(UserChange::kPasswordChange), "password_change");
  EXPECT_STREQ(UserChangeAction(UserChange::kPasswordReset), "password_reset");
  EXPECT_STREQ(UserChangeAction(UserChange::kPasswordRehash), "password_rehash");
}

TEST(UserTest, ValidatesUsernames) {
  struct Case {
    const char* username;
    const char* problem;
  };
  const Case cases[] = {
      {"zhangwei", ""},
      {"zw", ""},
      {"zhang.wei_01-a", ""},
      {"a1", ""},
      {"12345678901234567890123456789012a", "用户名须为2至32位小写字母、数字或“.”“_”“-”"},
      {"z", "用户名须为2至32位小写字母、数字或“.”“_”“-”"},
      {"", "用户名须为2至32位小写字母、数字或“.”“_”“-”"},
      {"Zhang", "用户名须为2至32位小写字母、数字或“.”“_”“-”"},
      {"zhang wei", "用户名须为2至32位小写字母、数字或“.”“_”“-”"},
      {"张伟", "用户名须为2至32位小写字母、数字或“.”“_”“-”"},
      {"13912345678", "用户名不能全是数字"},
      {"007", "用户名不能全是数字"},
  };
  for (const Case& c : cases) EXPECT_EQ(ValidateUsername(c.username), c.problem) << c.username;
}

TEST(UserTest, CanonicalLoginNameFoldsWhatPeopleType) {
  EXPECT_EQ(CanonicalLoginName("  ZhangWei "), "zhangwei");
  EXPECT_EQ(CanonicalLoginName("ＺＨＡＮＧ"), "zhang");  // full-width letters
  EXPECT_EQ(CanonicalLoginName("１３９１２３４５６７８"), "13912345678");
  EXPECT_EQ(CanonicalLoginName("张伟"), "张伟");
  EXPECT_EQ(CanonicalLoginName(""), "");
}

TEST(UserTest, RecognisesMobileNumbers) {
  EXPECT_TRUE(IsMobileNumber("13912345678"));
  EXPECT_FALSE(IsMobileNumber("23912345678"));
  EXPECT_FALSE(IsMobileNumber("1391234567"));
  EXPECT_FALSE(IsMobileNumber("139123456789"));
  EXPECT_FALSE(IsMobileNumber("1391234567a"));
  EXPECT_FALSE(IsMobileNumber("zhangwei"));
}

}  // namespace
}  // namespace dj
