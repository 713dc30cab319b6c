#include "exchange/member_sheet.h"

#include <gtest/gtest.h>

#include <map>

#include "domain/testing/fixtures.h"
#include "exchange/sheet_test_support.h"
#include "office/xlsx_reader.h"
#include "office/xlsx_writer.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeIdNumber;
using testing::MakeMember;
using testing::MakeNode;
using testing::ReadBack;
using testing::Workbook;

const std::vector<std::string> kHeader = {
    "姓名*",     "性别*",    "民族*",     "出生日期*",     "身份证号*",  "学历*", "联系电话",
    "入党时间*", "转正时间", "人员类别*", "所在支部编码*", "党小组编码", "职务"};

std::vector<XlsxCell> Row(const Member& m, const std::string& branch_code) {
  return {m.name,
          std::string(GenderLabel(m.gender)),
          m.ethnicity,
          m.birth_date,
          m.id_number,
          std::string(EducationLabel(m.education)),
          m.phone,
          m.probationary_date,
          m.full_date ? XlsxCell(*m.full_date) : XlsxCell(std::monostate{}),
          std::string(MemberCategoryLabel(m.category)),
          branch_code,
          std::monostate{},
          m.post};
}

class MemberSheetTest : public ::testing::Test {
 protected:
  NodeCodeLookup lookup_ = [](std::string_view code) -> std::optional<NodeId> {
    if (code == "HB-01") return 4;
    if (code == "HB-01-G1") return 6;
    return std::nullopt;
  };
  Member zhang_ = MakeMember("张伟", 4, D("1985-06-15"), Gender::kMale, 1);
  Member li_ = MakeMember("李娜", 4, D("1995-03-01"), Gender::kFemale, 2);
};

TEST_F(MemberSheetTest, ReadsRowsWrittenAsTheTemplateAsks) {
  li_.full_date.reset();
  li_.status = MemberStatus::kProbationary;
  auto import =
      ReadMemberImport(Workbook(kHeader, {Row(zhang_, "HB-01"), Row(li_, "HB-01")}), lookup_, 100);
  ASSERT_TRUE(import.ok()) << import.error().message;
  EXPECT_TRUE(import->problems.empty());
  EXPECT_EQ(import->rows, 2);
  ASSERT_EQ(import->members.size(), 2u);
  EXPECT_EQ(import->sheet_rows, (std::vector<int>{2, 3}));
  Member read = import->members[0].member;
  read.id = zhang_.id;
  EXPECT_EQ(read, zhang_);
  EXPECT_EQ(import->members[0].branch_since, zhang_.probationary_date);
  EXPECT_EQ(import->members[1].member.status, MemberStatus::kProbationary);
  EXPECT_FALSE(import->members[1].member.full_date.has_value());
}

TEST_F(MemberSheetTest, NormalisesWhatPeopleTypeAndFindsColumnsByHeader) {
  // Columns in another order, marks on the headers, an extra 序号 column, a blank row.
  std::vector<std::string> header = {"序号",     "身份证号（必填）", "姓名",         "* 性别",
                                     "民族",     "出生日期",         "学历",         "入党时间",
                                     "转正时间", "人员类别",         "所在支部编码", "党小组编码"};
  std::string id = zhang_.id_number;
  std::string wide_id;  // full-width digits, as a Chinese IME types them
  for (char c : id)
    wide_id += c >= '0' && c <= '9' ? std::string("\xEF\xBC") + char(0x90 + c - '0')
                                    : std::string(1, c == 'X' ? 'x' : c);
  auto import = ReadMemberImport(
      Workbook(header, {{int64_t{1}, " " + wide_id + " ", "张伟　", "男", "汉族",
                         std::string("1985年6月15日"), "大学本科", std::string("2010/6/15"),
                         std::string("2011.6.15"), "在职", "HB-01", "HB-01-G1"},
                        {},
                        {int64_t{2}, MakeIdNumber(D("1990-01-02"), Gender::kFemale, 3), "王芳",
                         "女", "汉族", int64_t{19900102}, "硕士研究生", D("2015-01-02"),
                         std::monostate{}, "离退休", "HB-01"}}),
      lookup_, 100);
  ASSERT_TRUE(import.ok()) << import.error().message;
  ASSERT_TRUE(import->problems.empty()) << import->problems[0].message;
  EXPECT_EQ(import->rows, 2);
  EXPECT_EQ(import->sheet_rows, (std::vector<int>{2, 4}));
  const Member& a = import->members[0].member;
  EXPECT_EQ(a.id_number, id);
  EXPECT_EQ(a.name, "张伟");
  EXPECT_EQ(a.birth_date, D("1985-06-15"));
  EXPECT_EQ(a.probationary_date, D("2010-06-15"));
  EXPECT_EQ(a.full_date, D("2011-06-15"));
  EXPECT_EQ(a.group_id, 6);
  const Member& b = import->members[1].member;
  EXPECT_EQ(b.birth_date, D("1990-01-02"));  // typed as 19900102, a number
  EXPECT_EQ(b.probationary_date, D("2015-01-02"));
  EXPECT_EQ(b.category, MemberCategory::kRetired);
  EXPECT_EQ(b.education, Education::kMaster);
  EXPECT_EQ(import->sheet_columns[0], 2);  // 姓名 is column C
}

TEST_F(MemberSheetTest, EveryCellProblemNamesItsRowColumnAndValue) {
  std::vector<XlsxCell> bad = Row(zhang_, "HB-99");
  bad[0] = std::monostate{};           // 姓名 missing
  bad[1] = std::string("男性");        // not 男/女
  bad[3] = std::string("1985-13-01");  // no 13th month
  bad[4] = 4.2010619850615e17;         // Excel turned the ID number into a number
  bad[5] = std::string("研究生");
  auto import = ReadMemberImport(Workbook(kHeader, {Row(li_, "HB-01"), bad}), lookup_, 100);
  ASSERT_TRUE(import.ok());
  std::vector<std::tuple<int, std::string, std::string, std::string>> got;
  for (const SheetProblem& p : import->problems)
    got.emplace_back(p.row, p.column, p.header, p.error);
  EXPECT_EQ(got, (std::vector<std::tuple<int, std::string, std::string, std::string>>{
                     {3, "A", "姓名", "required"},
                     {3, "B", "性别", "invalid_choice"},
                     {3, "D", "出生日期", "invalid_date"},
                     {3, "E", "身份证号", "id_number_as_number"},
                     {3, "F", "学历", "invalid_choice"},
                     {3, "K", "所在支部编码", "branch_not_found"}}));
  EXPECT_EQ(import->problems[3].value, "4.2010619850615E+17");  // as the file holds it
  EXPECT_EQ(import->problems[5].value, "HB-99");
  EXPECT_NE(import->problems[5].message.find("HB-99"), std::string::npos);
  // The good row is still read, for the service's checks.
  EXPECT_EQ(import->members.size(), 1u);
}

TEST_F(MemberSheetTest, FieldErrorsOfTheServiceLandOnTheirCells) {
  auto import = ReadMemberImport(Workbook(kHeader, {Row(zhang_, "HB-01"), {}, Row(li_, "HB-01")}),
                                 lookup_, 100);
  ASSERT_TRUE(import.ok());
  AddFieldProblems(*import, {{2, "id_number", li_.id_number, "id_number_duplicate", "重复"},
                             {1, "branch_id", "4", "not_a_branch", "不是支部"},
                             {2, "branch_since", "x", "before_admission", "早于入党"}});
  ASSERT_EQ(import->problems.size(), 3u);
  EXPECT_EQ(import->problems[0].row, 2);
  EXPECT_EQ(import->problems[0].column, "K");
  EXPECT_EQ(import->problems[0].header, "所在支部编码");
  EXPECT_EQ(import->problems[1].row, 4);
  EXPECT_EQ(import->problems[1].column, "E");
  EXPECT_EQ(import->problems[2].column, "H");  // the membership starts on 入党时间
}

TEST_F(MemberSheetTest, RefusesFilesItCannotRead) {
  auto refused = [&](const std::string& bytes) {
    auto r = ReadMemberImport(bytes, lookup_, 1);
    return r.ok() ? std::string("ok") : r.error().key;
  };
  EXPECT_EQ(refused("not a workbook"), "import.not_xlsx");
  EXPECT_EQ(refused(Workbook({"姓名", "性别"}, {})), "import.missing_column");
  std::vector<std::string> twice = kHeader;
  twice.push_back("姓名");
  EXPECT_EQ(refused(Workbook(twice, {})), "import.duplicate_column");
  EXPECT_EQ(refused(Workbook(kHeader, {})), "import.empty");
  EXPECT_EQ(refused(Workbook(kHeader, {Row(zhang_, "HB-01"), Row(li_, "HB-01")})),
            "import.too_many_rows");
  auto missing = ReadMemberImport(Workbook({"姓名", "性别"}, {}), lookup_, 1);
  EXPECT_NE(missing.error().message.find("身份证号"), std::string::npos);
}

TEST(SheetDateTest, AcceptsTheFormsPeopleUse) {
  EXPECT_EQ(ParseSheetDate("2024-03-01", false, false), D("2024-03-01"));
  EXPECT_EQ(ParseSheetDate("2024/3/1", false, false), D("2024-03-01"));
  EXPECT_EQ(ParseSheetDate("2024.03.01", false, false), D("2024-03-01"));
  EXPECT_EQ(ParseSheetDate("2024年3月1日", false, false), D("2024-03-01"));
  EXPECT_EQ(ParseSheetDate("20240301", false, false), D("2024-03-01"));
  EXPECT_EQ(ParseSheetDate("45352", true, false), D("2024-03-01"));
  EXPECT_EQ(ParseSheetDate("20240301", true, false), D("2024-03-01"));
  EXPECT_EQ(ParseSheetDate("2024-02-30", false, false), std::nullopt);
  EXPECT_EQ(ParseSheetDate("2024/3-1", false, false), std::nullopt);
  EXPECT_EQ(ParseSheetDate("3/1/2024", false, false), std::nullopt);
  EXPECT_EQ(ParseSheetDate("二〇二四年", false, false), std::nullopt);
  EXPECT_EQ(ParseSheetDate("", false, false), std::nullopt);
}

TEST(MemberTemplateTest, HeaderHasEveryColumnWithRequiredMarked) {
  auto bytes = MemberImportTemplate();
  ASSERT_TRUE(bytes.ok());
  auto rows = ReadBack(*bytes);
  ASSERT_EQ(rows.size(), 1u);  // the first sheet is the header only; the example is on 填写说明
  ASSERT_EQ(rows[0].size(), MemberImportColumns().size());
  EXPECT_EQ(rows[0][0], "姓名*");
  EXPECT_EQ(rows[0][6], "联系电话");
}

TEST(MemberExportTest, WritesTheChosenColumnsMaskedUnlessAllowed) {
  FixedClock clock = FixedClock::AtNoon(D("2026-11-22"));
  Roster roster(clock);
  RosterSnapshot s;
  s.nodes = {MakeNode(1, NodeKind::kCommittee, "C", std::nullopt),
             MakeNode(4, NodeKind::kBranch, "HB-01", 1)};
  ASSERT_TRUE(roster.Load(s).ok());
  Member m = MakeMember("张伟", 4, D("1985-06-15"), Gender::kMale, 1);
  std::vector<size_t> columns = {*FindExportColumn("name"),     *FindExportColumn("id_number"),
                                 *FindExportColumn("phone"),    *FindExportColumn("birth_date"),
                                 *FindExportColumn("age"),      *FindExportColumn("branch_code"),
                                 *FindExportColumn("party_age")};
  auto masked = WriteMemberExport({m}, columns, roster, D("2026-11-22"), false);
  ASSERT_TRUE(masked.ok());
  auto rows = ReadBack(*masked);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::map<int, std::string>{{0, "姓名"},
                                                 {1, "身份证号"},
                                                 {2, "联系电话"},
                                                 {3, "出生日期"},
                                                 {4, "年龄"},
                                                 {5, "所在支部编码"},
                                                 {6, "党龄"}}));
  EXPECT_EQ(rows[1][0], "张伟");
  EXPECT_EQ(rows[1][1], MaskIdNumber(m.id_number));
  EXPECT_EQ(rows[1][2], "139****5678");
  EXPECT_EQ(DateFromExcelSerialText(rows[1][3], false), D("1985-06-15"));
  EXPECT_EQ(rows[1][4], "41");
  EXPECT_EQ(rows[1][5], "HB-01");
  EXPECT_EQ(rows[1][6], "15");  // full on 2011-06-15
  auto unmasked = WriteMemberExport({m}, columns, roster, D("2026-11-22"), true);
  ASSERT_TRUE(unmasked.ok());
  EXPECT_EQ(ReadBack(*unmasked)[1][1], m.id_number);
  EXPECT_FALSE(FindExportColumn("password").has_value());
}

}  // namespace
}  // namespace dj
