#include "office/xlsx_writer.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <vector>

#include "office/xlsx_reader.h"

namespace dj {
namespace {

namespace fs = std::filesystem;

Date D(const char* s) { return *Date::Parse(s); }

// A fresh directory for one test's temporary files, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "dj-office-test-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }
  // Number of entries in the directory.
  size_t Count() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(path_), {}));
  }

 private:
  std::string path_;
};

// The content of the zip entry `name` in `bytes`, or "" when absent.
std::string ZipEntry(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    zip_source_free(source);
    return "";
  }
  std::string content;
  if (zip_file_t* file = zip_fopen(zip, name, 0)) {
    char buffer[4096];
    for (zip_int64_t n; (n = zip_fread(file, buffer, sizeof buffer)) > 0;) {
      content.append(buffer, static_cast<size_t>(n));
    }
    zip_fclose(file);
  }
  zip_discard(zip);
  return content;
}

struct ReadCell {
  int column;
  XlsxCellKind kind;
  std::string text;
};

// Every row of the first sheet of `bytes`, as row number and cells.
std::vector<std::pair<int, std::vector<ReadCell>>> ReadBack(const std::string& bytes) {
  std::vector<std::pair<int, std::vector<ReadCell>>> rows;
  auto reader = XlsxReader::Open(bytes);
  EXPECT_TRUE(reader.ok()) << reader.error().message;
  if (!reader.ok()) return rows;
  EXPECT_FALSE((*reader)->date1904());
  Status s = (*reader)->ReadRows([&](int number, std::span<const XlsxReadCell> cells) {
    std::vector<ReadCell> row;
    for (const XlsxReadCell& c : cells) row.push_back({c.column, c.kind, std::string(c.text)});
    rows.emplace_back(number, std::move(row));
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.error().message;
  return rows;
}

std::unique_ptr<XlsxWriter> NewWriter(const TempDir& dir) {
  auto writer = XlsxWriter::Create({.temp_dir = dir.path()});
  EXPECT_TRUE(writer.ok()) << writer.error().message;
  return std::move(writer).value();
}

const std::vector<XlsxColumn> kColumns = {
    {"姓名", 12}, {"入党日期", 14}, {"党龄", 0}, {"备注", 40}};

TEST(XlsxWriterTest, RoundTripsThroughTheReader) {
  TempDir dir;
  auto writer = NewWriter(dir);
  ASSERT_TRUE(writer->AddSheet("党员名单", kColumns).ok());
  std::vector<std::vector<XlsxCell>> rows = {
      {std::string("张三"), D("2001-07-01"), int64_t{23}, std::string("支部书记")},
      {std::string("李四"),
       {},
       3.25,
       std::string("a\x01"
                   "b")},
      {std::string(" 前后空格 "), D("1900-01-01"), std::string(), D("9999-12-31")},
      {{}, D("1900-02-28"), int64_t{-123456789012345}, D("1900-03-01")},
      {},
      {std::string("末行"), int64_t{0}},
  };
  for (const auto& row : rows) ASSERT_TRUE(writer->AddRow(row).ok());
  auto bytes = writer->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  EXPECT_EQ(dir.Count(), 0u);

  auto got = ReadBack(*bytes);
  ASSERT_EQ(got.size(), 6u);  // the empty row has no cells and is not delivered
  auto expect_row = [&](size_t i, int number, std::vector<ReadCell> want) {
    ASSERT_EQ(got[i].first, number);
    const auto& cells = got[i].second;
    ASSERT_EQ(cells.size(), want.size()) << "row " << number;
    for (size_t c = 0; c < want.size(); ++c) {
      EXPECT_EQ(cells[c].column, want[c].column) << "row " << number << " cell " << c;
      EXPECT_EQ(cells[c].kind, want[c].kind) << "row " << number << " cell " << c;
      EXPECT_EQ(cells[c].text, want[c].text) << "row " << number << " cell " << c;
    }
  };
  using K = XlsxCellKind;
  expect_row(0, 1,
             {{0, K::kText, "姓名"},
              {1, K::kText, "入党日期"},
              {2, K::kText, "党龄"},
              {3, K::kText, "备注"}});
  expect_row(1, 2,
             {{0, K::kText, "张三"},
              {1, K::kNumber, "37073"},
              {2, K::kNumber, "23"},
              {3, K::kText, "支部书记"}});
  expect_row(2, 3,
             {{0, K::kText, "李四"},
              {2, K::kNumber, "3.25"},
              {3, K::kText,
               "a\x01"
               "b"}});
  expect_row(3, 4, {{0, K::kText, " 前后空格 "}, {1, K::kNumber, "1"}, {3, K::kNumber, "2958465"}});
  expect_row(4, 5,
             {{1, K::kNumber, "59"}, {2, K::kNumber, "-123456789012345"}, {3, K::kNumber, "61"}});
  expect_row(5, 7, {{0, K::kText, "末行"}, {1, K::kNumber, "0"}});
  EXPECT_EQ(DateFromExcelSerialText(got[1].second[1].text, false), D("2001-07-01"));
  EXPECT_EQ(DateFromExcelSerialText(got[3].second[2].text, false), D("9999-12-31"));
}

TEST(XlsxWriterTest, FormatsHeaderFreezesPaneAndSetsWidths) {
  TempDir dir;
  auto writer = NewWriter(dir);
  ASSERT_TRUE(writer->AddSheet("名单", kColumns).ok());
  ASSERT_TRUE(writer->AddRow(std::vector<XlsxCell>{std::string("x"), D("2024-02-29")}).ok());
  ASSERT_TRUE(writer->AddSheet("第二页", std::vector<XlsxColumn>{{"甲"}}).ok());
  ASSERT_TRUE(writer->AddRow(std::vector<XlsxCell>{int64_t{7}}).ok());
  auto bytes = writer->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;

  std::string sheet = ZipEntry(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("ySplit=\"1\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<col min=\"1\" max=\"1\" width=\"12.7109375\" customWidth=\"1\"/>"),
            std::string::npos)
      << sheet;
  EXPECT_EQ(sheet.find("<col min=\"3\""), std::string::npos) << "column C keeps its width";
  std::string styles = ZipEntry(*bytes, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"yyyy-mm-dd\""), std::string::npos) << styles;
  EXPECT_NE(styles.find("<b/>"), std::string::npos) << styles;
  std::string workbook = ZipEntry(*bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"第二页\""), std::string::npos) << workbook;
  EXPECT_NE(ZipEntry(*bytes, "xl/worksheets/sheet2.xml").find("<v>7</v>"), std::string::npos);

  auto reader = XlsxReader::Open(*bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->sheet_name(), "名单");
}

TEST(XlsxWriterTest, WritesManyRowsInOrder) {
  TempDir dir;
  auto writer = NewWriter(dir);
  ASSERT_TRUE(writer->AddSheet("名单", kColumns).ok());
  constexpr int kRows = 5000;
  for (int i = 0; i < kRows; ++i) {
    std::vector<XlsxCell> row = {"党员" + std::to_string(i), D("2000-01-01").AddDays(i), int64_t{i},
                                 std::string()};
    ASSERT_TRUE(writer->AddRow(row).ok()) << i;
  }
  auto bytes = writer->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto got = ReadBack(*bytes);
  ASSERT_EQ(got.size(), size_t{kRows} + 1);
  for (int i = 0; i < kRows; ++i) {
    const auto& [number, cells] = got[static_cast<size_t>(i) + 1];
    ASSERT_EQ(number, i + 2);
    ASSERT_EQ(cells.size(), 3u);
    EXPECT_EQ(cells[0].text, "党员" + std::to_string(i));
    EXPECT_EQ(DateFromExcelSerialText(cells[1].text, false), D("2000-01-01").AddDays(i));
    EXPECT_EQ(cells[2].text, std::to_string(i));
  }
}

TEST(XlsxWriterTest, AcceptsTextUpToExcelsLimit) {
  TempDir dir;
  auto writer = NewWriter(dir);
  ASSERT_TRUE(writer->AddSheet("长文本", kColumns).ok());
  // 32,765 BMP characters and one outside the BMP (two UTF-16 units): exactly the limit.
  std::string text;
  for (int i = 0; i < 32765; ++i) text += "党";
  text += "\xF0\x9F\x98\x80";
  ASSERT_TRUE(writer->AddRow(std::vector<XlsxCell>{text}).ok());
  auto bytes = writer->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto got = ReadBack(*bytes);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].second.at(0).text, text);
}

TEST(XlsxWriterTest, RefusesBadCellsAndKeepsGoing) {
  TempDir dir;
  auto writer = NewWriter(dir);
  EXPECT_EQ(writer->AddRow(std::vector<XlsxCell>{int64_t{1}}).error().message,
            "写入数据行之前须先添加工作表");
  ASSERT_TRUE(writer->AddSheet("名单", kColumns).ok());
  std::string too_long(32768, 'a');
  std::string too_long_astral;
  for (int i = 0; i < 16384; ++i) too_long_astral += "\xF0\x9F\x98\x80";
  struct Case {
    XlsxCell cell;
    std::string message;
  };
  const std::string at = "工作表「名单」第 2 行 B 列的";
  for (const Case& c : std::initializer_list<Case>{
           {std::string("\xE5\x85"), at + "文字不是有效的 UTF-8"},
           {std::string("a\0b", 3), at + "文字含有空字符"},
           {too_long, at + "文字超过 Excel 单元格上限 32767 个字符"},
           {too_long_astral, at + "文字超过 Excel 单元格上限 32767 个字符"},
           {int64_t{1'000'000'000'000'000},
            at + "整数超过 15 位，Excel 无法精确保存（证件号等请按文字写入）"},
           {int64_t{-1'000'000'000'000'000},
            at + "整数超过 15 位，Excel 无法精确保存（证件号等请按文字写入）"},
           {std::numeric_limits<double>::quiet_NaN(), at + "数值不是有限数"},
           {std::numeric_limits<double>::infinity(), at + "数值不是有限数"},
           {D("1899-12-31"),
            at + "日期 1899-12-31 超出 Excel 可表示的范围（1900-01-01 至 9999-12-31）"},
       }) {
    Status s = writer->AddRow(std::vector<XlsxCell>{std::string("前面的格"), c.cell});
    ASSERT_FALSE(s.ok()) << c.message;
    EXPECT_EQ(s.error().key, "xlsx.cell_invalid");
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.error().message, c.message);
  }
  // The refused rows left nothing: the next row is row 2.
  ASSERT_TRUE(
      writer->AddRow(std::vector<XlsxCell>{std::string("好"), int64_t{999'999'999'999'999}}).ok());
  auto bytes = writer->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto got = ReadBack(*bytes);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].first, 2);
  ASSERT_EQ(got[1].second.size(), 2u);
  EXPECT_EQ(got[1].second[0].text, "好");
  EXPECT_EQ(got[1].second[1].text, "999999999999999");
}

TEST(XlsxWriterTest, RefusesBadSheets) {
  TempDir dir;
  auto writer = NewWriter(dir);
  ASSERT_TRUE(writer->AddSheet("名单", kColumns).ok());
  for (const char* name :
       {"", "名单", "a/b", "[x]", "问?", "0123456789012345678901234567890x", "'quoted'"}) {
    Status s = writer->AddSheet(name, kColumns);
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_EQ(s.error().key, "xlsx.sheet_name_invalid") << name;
    EXPECT_EQ(s.error().message, std::string("工作表名「") + name +
                                     "」无效：须为 1 至 31 个字符、不含 []:*?/\\ 且不重复");
  }
  Status none = writer->AddSheet("空", {});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().key, "xlsx.cell_invalid");
  EXPECT_EQ(none.error().message, "工作表「空」须至少有一列");
  std::vector<XlsxColumn> too_many(16385, XlsxColumn{"列"});
  Status wide_sheet = writer->AddSheet("宽", too_many);
  ASSERT_FALSE(wide_sheet.ok());
  EXPECT_EQ(wide_sheet.error().key, "xlsx.too_many_columns");
  EXPECT_EQ(wide_sheet.error().code, ErrorCode::kTooLarge);
  EXPECT_EQ(wide_sheet.error().message, "工作表「宽」超过 Excel 上限 16384 列");
  Status bad_title = writer->AddSheet("标题", std::vector<XlsxColumn>{{"好"}, {"\xFF"}});
  ASSERT_FALSE(bad_title.ok());
  EXPECT_EQ(bad_title.error().message, "工作表「标题」B 列的标题文字不是有效的 UTF-8");
  std::vector<XlsxCell> wide(16385, XlsxCell{int64_t{1}});
  Status too_wide = writer->AddRow(wide);
  ASSERT_FALSE(too_wide.ok());
  EXPECT_EQ(too_wide.error().key, "xlsx.too_many_columns");
  EXPECT_EQ(too_wide.error().message, "工作表「名单」第 2 行超过 Excel 上限 16384 列");
  EXPECT_TRUE(writer->Finish().ok());
}

TEST(XlsxWriterTest, FinishIsOnceAndTempFilesAreRemoved) {
  TempDir dir;
  {
    auto writer = NewWriter(dir);
    ASSERT_TRUE(writer->AddSheet("名单", kColumns).ok());
    EXPECT_GE(dir.Count(), 1u);
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(dir.Count(), 0u);
    auto again = writer->Finish();
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().key, "xlsx.write_failed");
    EXPECT_EQ(again.error().message, "无法生成 Excel 文件：工作簿已经完成，不能再写入");
    EXPECT_FALSE(writer->AddRow(std::vector<XlsxCell>{}).ok());
  }
  {
    // Abandoned half-way: the destructor removes the files.
    auto writer = NewWriter(dir);
    ASSERT_TRUE(writer->AddSheet("名单", kColumns).ok());
    ASSERT_TRUE(writer->AddRow(std::vector<XlsxCell>{std::string("x")}).ok());
    EXPECT_GE(dir.Count(), 1u);
  }
  EXPECT_EQ(dir.Count(), 0u);
}

TEST(XlsxWriterTest, ReportsAnUnusableTempDir) {
  auto writer = XlsxWriter::Create({.temp_dir = "/nonexistent/dj-office"});
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.error().key, "xlsx.write_failed");
  EXPECT_EQ(writer.error().code, ErrorCode::kInternal);
  EXPECT_EQ(writer.error().message,
            "无法生成 Excel 文件：无法在 /nonexistent/dj-office 创建临时文件：No such file or "
            "directory");
}

TEST(XlsxWriterTest, ReportsAWriteFailureAtFinish) {
  TempDir dir;
  auto writer = NewWriter(dir);
  ASSERT_TRUE(writer->AddSheet("名单", kColumns).ok());
  // Put a directory where the workbook file was: libxlsxwriter cannot open it, even as root.
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    if (entry.path().filename().string().starts_with("dj-xlsx-")) {
      fs::remove(entry.path());
      fs::create_directory(entry.path());
    }
  }
  auto bytes = writer->Finish();
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().key, "xlsx.write_failed");
  EXPECT_EQ(bytes.error().code, ErrorCode::kInternal);
  EXPECT_EQ(bytes.error().message,
            "无法生成 Excel 文件：Error creating output xlsx file. Usually a permissions error.");
  auto again = writer->Finish();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, bytes.error().message);
}

// Run with --gtest_also_run_disabled_tests in a release build to measure.
TEST(XlsxWriterTest, DISABLED_TimesWriting120kRowsOf18Columns) {
  std::vector<XlsxColumn> columns;
  for (int c = 0; c < 18; ++c) columns.push_back({"列" + std::to_string(c), 12});
  auto start = std::chrono::steady_clock::now();
  auto writer = XlsxWriter::Create();
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->AddSheet("名单", columns).ok());
  std::vector<XlsxCell> row(18);
  for (int r = 0; r < 120'000; ++r) {
    for (int c = 0; c < 18; ++c) {
      switch (c % 4) {
        case 0:
          row[c] = "张三丰" + std::to_string(r);
          break;
        case 1:
          row[c] = int64_t{r * 7 + c};
          break;
        case 2:
          row[c] = D("1980-01-01").AddDays(r % 15000);
          break;
        default:
          row[c] = std::string("第一党支部（机关）");
      }
    }
    ASSERT_TRUE((*writer)->AddRow(row).ok());
  }
  auto bytes = (*writer)->Finish();
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  std::printf("wrote 120000 rows x 18 columns (%zu bytes) in %.3f s\n", bytes->size(), seconds);

  start = std::chrono::steady_clock::now();
  auto reader = XlsxReader::Open(*bytes);
  ASSERT_TRUE(reader.ok());
  int64_t cells = 0;
  ASSERT_TRUE((*reader)
                  ->ReadRows([&](int, std::span<const XlsxReadCell> r) {
                    cells += static_cast<int64_t>(r.size());
                    return true;
                  })
                  .ok());
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(cells, 120'001 * 18);
  std::printf("read it back in %.3f s\n", seconds);
}

}  // namespace
}  // namespace dj
