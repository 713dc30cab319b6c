#include "domain/auth/contest_pass.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(PassSignerTest, APassNamesItsContestAndMember) {
  const PassSigner signer(PassSigner::NewKey());
  const std::string pass = signer.Issue(7, 1234);
  EXPECT_EQ(pass.rfind("7.1234.", 0), 0u);
  EXPECT_EQ(signer.Verify(pass), (PassHolder{7, 1234}));
}

TEST(PassSignerTest, AChangedOrForeignPassIsRefused) {
  const PassSigner signer(PassSigner::NewKey());
  const std::string pass = signer.Issue(7, 1234);
  // Another member's ids with this mac.
  std::string other = "7.1235" + pass.substr(pass.find('.', 2));
  EXPECT_FALSE(signer.Verify(other));
  // The same ids signed by another server.
  EXPECT_FALSE(PassSigner(PassSigner::NewKey()).Verify(pass));
  std::string flipped = pass;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(signer.Verify(flipped));
  for (const char* bad :
       {"", "7", "7.1234", "7.1234.", "x.1234.abc", "0.1.abc", "-7.1.abc", "7.1234.abc.def"}) {
    EXPECT_FALSE(signer.Verify(bad)) << bad;
  }
}

}  // namespace
}  // namespace dj
