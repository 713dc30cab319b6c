#include "common/text.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(TextTest, NormalizesFullWidthAndTrims) {
  EXPECT_EQ(NormalizeInput("  张三 "), "张三");
  EXPECT_EQ(NormalizeInput("\u3000张三\u3000"), "张三");
  EXPECT_EQ(NormalizeInput("１３９１２３４５６７８"), "13912345678");
  EXPECT_EQ(NormalizeInput("１１０１０５１９４９１２３１００２Ｘ"), "11010519491231002X");
  EXPECT_EQ(NormalizeInput("\xC2\xA0"
                           "a b\t"),
            "a b");
  EXPECT_EQ(NormalizeInput(""), "");
  EXPECT_EQ(NormalizeInput("   "), "");
}

TEST(TextTest, ValidatesUtf8) {
  EXPECT_TRUE(IsValidUtf8("党建 abc"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_EQ(Utf8Length("党建ab"), 4u);
}

TEST(TextTest, ChecksAndMasksPhones) {
  for (const char* ok : {"13912345678", "027-87654321", "0715-8765432", "02787654321"}) {
    EXPECT_TRUE(IsValidPhone(ok)) << ok;
  }
  for (const char* bad : {"", "1391234567", "139123456789", "12912345678", "27-87654321", "027-876",
                          "139-1234-5678", "abc"}) {
    EXPECT_FALSE(IsValidPhone(bad)) << bad;
  }
  EXPECT_EQ(MaskPhone("13912345678"), "139****5678");
  EXPECT_EQ(MaskPhone("027-87654321"), "********4321");
}

}  // namespace
}  // namespace dj
