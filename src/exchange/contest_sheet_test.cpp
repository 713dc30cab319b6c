#include "exchange/contest_sheet.h"

#include <gtest/gtest.h>

#include "common/date.h"
#include "exchange/sheet_test_support.h"

namespace dj {
namespace {

TEST(ContestSheetTest, TheRankingListsEachMemberWithTimeInShanghai) {
  const int64_t noon = FixedClock::AtNoon(*Date::Parse("2026-11-22")).NowUnixSeconds();
  std::vector<MemberRankRow> members = {{1, "张伟", "第一支部", "省委办公厅", 20, 20, 95, noon + 5},
                                        {2, "李娜", "第二支部", "", 18, 20, 80, noon + 3600}};
  std::vector<NodeRankSheet> levels = {{"单位排名", "单位", {{1, "省委办公厅", 10, 8, 0.8, 19.5}}}};
  Result<std::string> bytes = WriteRankingExport(members, levels);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto rows = testing::ReadBack(*bytes);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][1], "姓名");
  EXPECT_EQ(rows[0][6], "用时（秒）");
  EXPECT_EQ(rows[1][0], "1");
  EXPECT_EQ(rows[1][1], "张伟");
  EXPECT_EQ(rows[1][3], "省委办公厅");
  EXPECT_EQ(rows[1][4], "20");
  EXPECT_EQ(rows[1][7], "2026-11-22 12:00:05");
  EXPECT_EQ(rows[2][3], "");
  EXPECT_EQ(rows[2][7], "2026-11-22 13:00:00");
}

TEST(ContestSheetTest, ThePassListHasOneLinkPerMember) {
  Result<std::string> bytes =
      WritePassList({{"省委办公厅", "第一支部", "张伟", "http://h/take/1.2.abc"}});
  ASSERT_TRUE(bytes.ok());
  auto rows = testing::ReadBack(*bytes);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][2], "张伟");
  EXPECT_EQ(rows[1][3], "http://h/take/1.2.abc");
}

}  // namespace
}  // namespace dj
