#include "storage/sqlite/id_list.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

TEST(IdListTest, RoundTrips) {
  const std::vector<std::vector<int64_t>> cases = {
      {}, {1}, {1, 2, 3}, {127, 128, 16383, 16384}, {5, 1'000'000, 4'000'000'000'000}};
  for (const auto& ids : cases) {
    Result<std::vector<int64_t>> back = DecodeIdList(EncodeIdList(ids));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, ids);
  }
}

TEST(IdListTest, CloseIdsTakeOneByteEach) {
  EXPECT_EQ(EncodeIdList({100, 101, 102, 110}).size(), 4u);
  EXPECT_EQ(EncodeIdList({128}).size(), 2u);
}

TEST(IdListTest, TruncatedEncodingIsCorrupt) {
  std::string bytes = EncodeIdList({300});
  bytes.pop_back();
  Result<std::vector<int64_t>> back = DecodeIdList(bytes);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().key, "storage.corrupt");
  EXPECT_EQ(back.error().message, "参会人员列表已损坏");
}

}  // namespace
}  // namespace dj
