#include "domain/auth/session.h"

#include <gtest/gtest.h>

#include <set>

namespace dj {
namespace {

TEST(SessionTest, TokensAre256RandomBitsInBase64Url) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string token = NewSessionToken();
    EXPECT_EQ(token.size(), kSessionTokenLength);
    EXPECT_TRUE(IsWellFormedSessionToken(token)) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_TRUE(IsWellFormedSessionToken(NewCsrfToken()));
  EXPECT_NE(NewCsrfToken(), NewCsrfToken());
}

TEST(SessionTest, TokenHashIsHexSha256) {
  EXPECT_EQ(SessionTokenHash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string token = NewSessionToken();
  EXPECT_EQ(SessionTokenHash(token).size(), 64u);
  EXPECT_EQ(SessionTokenHash(token), SessionTokenHash(token));
  EXPECT_NE(SessionTokenHash(token), token);
}

TEST(SessionTest, RefusesMalformedTokens) {
  std::string token = NewSessionToken();
  EXPECT_FALSE(IsWellFormedSessionToken(token.substr(0, 42)));  // truncated
  EXPECT_FALSE(IsWellFormedSessionToken(token + "A"));
  EXPECT_FALSE(IsWellFormedSessionToken(token.substr(0, 42) + "="));
  EXPECT_FALSE(IsWellFormedSessionToken(token.substr(0, 42) + "+"));
  EXPECT_FALSE(IsWellFormedSessionToken(token.substr(0, 42) + "/"));
  EXPECT_FALSE(IsWellFormedSessionToken(""));
  EXPECT_FALSE(IsWellFormedSessionToken(std::string(43, ' ')));
  EXPECT_TRUE(IsWellFormedSessionToken(std::string(43, '-')));
}

TEST(SessionTest, CsrfTokenMustMatchExactly) {
  Session s;
  EXPECT_FALSE(CsrfTokenMatches(s, ""));  // a session without a token matches nothing
  s.csrf_token = NewCsrfToken();
  EXPECT_TRUE(CsrfTokenMatches(s, s.csrf_token));
  EXPECT_FALSE(CsrfTokenMatches(s, s.csrf_token.substr(1)));
  EXPECT_FALSE(CsrfTokenMatches(s, ""));
  std::string other = s.csrf_token;
  other.back() = other.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(CsrfTokenMatches(s, other));
}

}  // namespace
}  // namespace dj
