#include "common/collation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace dj {
namespace {

TEST(CollationTest, SortsChineseNamesByPinyin) {
  std::vector<std::string> names = {"张伟", "王芳", "李娜", "安静", "赵磊", "陈晨", "白雪"};
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return PinyinSortKey(a) < PinyinSortKey(b);
  });
  EXPECT_EQ(names,
            (std::vector<std::string>{"安静", "白雪", "陈晨", "李娜", "王芳", "张伟", "赵磊"}));
}

TEST(CollationTest, LongTextGetsAFullKey) {
  std::string a(300, 'a'), b(300, 'a');
  b.back() = 'b';
  EXPECT_LT(PinyinSortKey(a), PinyinSortKey(b));
}

}  // namespace
}  // namespace dj
