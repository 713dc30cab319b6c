#include "domain/auth/password.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(PasswordTest, HashesAndVerifies) {
  Result<std::string> hash = HashPassword("correct horse", kTestPasswordCost);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse ", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  // A fresh salt each time.
  EXPECT_NE(*hash, HashPassword("correct horse", kTestPasswordCost).value());
}

TEST(PasswordTest, DefaultCostIsArgon2idAt19MiBAndTwoPasses) {
  Result<std::string> hash = HashPassword("correct horse");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse", *hash));
  EXPECT_FALSE(PasswordNeedsRehash(*hash, kDefaultPasswordCost));
  EXPECT_TRUE(PasswordNeedsRehash(*hash, kTestPasswordCost));
}

TEST(PasswordTest, MalformedHashesNeverVerify) {
  for (const char* bad : {"", "plain", "$argon2id$v=19$m=8,t=1,p=1$", "$2y$10$abcdefghijklmnop"}) {
    EXPECT_FALSE(VerifyPassword("plain", bad)) << bad;
    EXPECT_TRUE(PasswordNeedsRehash(bad, kTestPasswordCost)) << bad;
  }
}

TEST(PasswordTest, PolicyNamesEachBrokenRule) {
  struct Case {
    std::string password;
    const char* username;
    const char* key;  // "" for acceptable
    const char* message;
    size_t problems;
  };
  const Case cases[] = {
      {"abcd1234", "zhangwei", "", "", 0},
      {"十个汉字组成的密码啊", "zhangwei", "", "", 0},  // 10 characters, 30 bytes
      {"abc123", "zhangwei", "auth.password_too_short", "密码至少需要8个字符", 1},
      {"", "zhangwei", "auth.password_too_short", "密码至少需要8个字符", 1},
      {"汉字密码七个字", "zhangwei", "auth.password_too_short", "密码至少需要8个字符", 1},
      {std::string(129, 'a'), "zhangwei", "auth.password_too_long", "密码不能超过128个字符", 1},
      {"12345678", "zhangwei", "auth.password_all_digits", "密码不能全是数字", 1},
      {"1234567", "zhangwei", "auth.password_too_short", "密码至少需要8个字符", 2},
      {"ZhangWei", "zhangwei", "auth.password_same_as_username", "密码不能与用户名相同", 1},
      {"zhangwei", "zhangwei", "auth.password_same_as_username", "密码不能与用户名相同", 1},
      {"13912345678", "13912345678", "auth.password_all_digits", "密码不能全是数字", 2},
  };
  for (const Case& c : cases) {
    Status s = CheckPasswordPolicy(c.password, c.username, "new_password");
    if (c.problems == 0) {
      EXPECT_TRUE(s.ok()) << c.password;
      continue;
    }
    ASSERT_FALSE(s.ok()) << c.password;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.error().key, c.key) << c.password;
    EXPECT_EQ(s.error().message, c.message) << c.password;
    ASSERT_EQ(s.error().fields.size(), c.problems) << c.password;
    for (const FieldError& f : s.error().fields) {
      EXPECT_EQ(f.field, "new_password");
      EXPECT_EQ(f.value, "");  // the password is never echoed
    }
  }
}

}  // namespace
}  // namespace dj
