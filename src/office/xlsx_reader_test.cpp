#include "office/xlsx_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <chrono>
#include <cstdio>
#include <utility>
#include <vector>

namespace dj {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A zip archive holding `entries` (name, content), deflated, built as another program would.
std::string MakeZip(const Entries& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* zip = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, content] : entries) {
    zip_source_t* in = zip_source_buffer(zip, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), in, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::string bytes;
  EXPECT_EQ(zip_source_open(out), 0);
  char buffer[4096];
  for (zip_int64_t n; (n = zip_source_read(out, buffer, sizeof buffer)) > 0;) {
    bytes.append(buffer, static_cast<size_t>(n));
  }
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string WorkbookXml(std::string_view workbook_pr = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") +
         "<workbook xmlns=\"" + kMain + "\" xmlns:r=\"" + kRel + "\">" + std::string(workbook_pr) +
         "<sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId7\"/>"
         "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>";
}

// Relationships that put the first sheet at xl/worksheets/data.xml (not the usual name, so
// the test proves the lookup) and the shared strings at xl/strings.xml.
std::string RelsXml() {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId8\" Type=\"" +
         kRel + "/worksheet\" Target=\"worksheets/other.xml\"/>" +
         "<Relationship Id=\"rId7\" Type=\"" + kRel +
         "/worksheet\" Target=\"/xl/worksheets/./data.xml\"/>" +
         "<Relationship Id=\"rId9\" Type=\"" + kRel +
         "/sharedStrings\" Target=\"strings.xml\"/></Relationships>";
}

std::string SheetXml(std::string_view rows) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") +
         "<worksheet xmlns=\"" + kMain + "\"><sheetData>" + std::string(rows) +
         "</sheetData></worksheet>";
}

std::string SharedXml(std::string_view items) {
  return std::string("<sst xmlns=\"") + kMain + "\">" + std::string(items) + "</sst>";
}

// A workbook whose first sheet (through the relationships) holds `rows`.
std::string Book(std::string_view rows, std::string_view shared_items = "",
                 std::string_view workbook_pr = "") {
  Entries entries = {{"xl/workbook.xml", WorkbookXml(workbook_pr)},
                     {"xl/_rels/workbook.xml.rels", RelsXml()},
                     {"xl/worksheets/data.xml", SheetXml(rows)},
                     {"xl/worksheets/other.xml", SheetXml("")}};
  if (!shared_items.empty()) entries.push_back({"xl/strings.xml", SharedXml(shared_items)});
  return MakeZip(entries);
}

struct Cell {
  int column;
  XlsxCellKind kind;
  std::string text;
  bool operator==(const Cell&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Cell& c) {
  return os << "{" << c.column << "," << static_cast<int>(c.kind) << ",\"" << c.text << "\"}";
}

struct Row {
  int number;
  std::vector<Cell> cells;
  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  os << "row " << r.number << ":";
  for (const Cell& c : r.cells) os << " " << c;
  return os;
}

// Opens `bytes` and reads every row, or returns the first error.
Result<std::vector<Row>> ReadAll(std::string_view bytes, XlsxReadOptions options = {}) {
  DJ_ASSIGN_OR_RETURN(auto reader, XlsxReader::Open(bytes, options));
  std::vector<Row> rows;
  DJ_RETURN_IF_ERROR(reader->ReadRows([&](int number, std::span<const XlsxReadCell> cells) {
    Row row{number, {}};
    for (const XlsxReadCell& c : cells)
      row.cells.push_back({c.column, c.kind, std::string(c.text)});
    rows.push_back(std::move(row));
    return true;
  }));
  return rows;
}

constexpr auto kText = XlsxCellKind::kText;
constexpr auto kNumber = XlsxCellKind::kNumber;
constexpr auto kBoolean = XlsxCellKind::kBoolean;
constexpr auto kError = XlsxCellKind::kError;
constexpr auto kEmpty = XlsxCellKind::kEmpty;

TEST(XlsxReaderTest, ReadsAFileFromAnotherTool) {
  std::string bytes = Book(
      "<row r=\"1\" spans=\"1:6\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
      "<c r=\"B1\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f><v>ab</v></c>"
      "<c r=\"C1\" t=\"b\"><v>1</v></c>"
      "<c r=\"D1\" t=\"b\"><v>0</v></c>"
      "<c r=\"E1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"F1\" s=\"3\"><v>44197</v></c>"
      "</row>"
      "<row r=\"3\"><c r=\"B3\" s=\"1\"/><c r=\"C3\"><v>-3.5E-2</v></c>"
      "<c r=\"D3\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"4\" ht=\"20\" customHeight=\"1\"/>",
      "<si><t>共享</t></si>", "<workbookPr date1904=\"1\"/>");
  auto reader = XlsxReader::Open(bytes);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_TRUE((*reader)->date1904());
  EXPECT_EQ((*reader)->sheet_name(), "名单");
  EXPECT_EQ((*reader)->sheet_part(), "xl/worksheets/data.xml");

  auto rows = ReadAll(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::vector<Row> want = {
      {1,
       {{0, kText, "姓名"},
        {1, kText, "ab"},
        {2, kBoolean, "1"},
        {3, kBoolean, "0"},
        {4, kError, "#DIV/0!"},
        {5, kNumber, "44197"}}},
      {3, {{1, kEmpty, ""}, {2, kNumber, "-3.5E-2"}, {3, kText, "共享"}}},
  };
  EXPECT_EQ(*rows, want);
  // 44197 in the 1904 system.
  EXPECT_EQ(DateFromExcelSerialText("44197", true)->ToString(), "2025-01-02");
}

TEST(XlsxReaderTest, ReadsDate1904Spellings) {
  for (auto [pr, want] : std::initializer_list<std::pair<const char*, bool>>{
           {"", false},
           {"<workbookPr/>", false},
           {"<workbookPr date1904=\"0\"/>", false},
           {"<workbookPr date1904=\"false\"/>", false},
           {"<workbookPr date1904=\"1\"/>", true},
           {"<workbookPr defaultThemeVersion=\"166925\" date1904=\"true\"/>", true}}) {
    auto reader = XlsxReader::Open(Book("", "", pr));
    ASSERT_TRUE(reader.ok()) << pr;
    EXPECT_EQ((*reader)->date1904(), want) << pr;
  }
}

TEST(XlsxReaderTest, JoinsRichTextRunsAndSkipsPhoneticHints) {
  std::string bytes = Book(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
      "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
      "<c r=\"E1\" t=\"s\"><v> 4 </v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>",
      "<si><r><rPr><b/><sz val=\"11\"/></rPr><t>中国</t></r>"
      "<r><t xml:space=\"preserve\"> 共产党 </t></r><r><t>员</t></r></si>"
      "<si><t>  两端空白去掉  </t></si>"
      "<si><t xml:space=\"preserve\">  保留  </t></si>"
      "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>カンジ</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><t>a_x000D_b_x005F_x0041_c_xZZZZ_</t></si>"
      "<si/>");
  auto rows = ReadAll(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  std::vector<Cell> want = {
      {0, kText, "中国 共产党 员"}, {1, kText, "两端空白去掉"},        {2, kText, "  保留  "},
      {3, kText, "漢字"},           {4, kText, "a\rb_x0041_c_xZZZZ_"}, {5, kText, ""}};
  EXPECT_EQ((*rows)[0].cells, want);
}

TEST(XlsxReaderTest, ReadsInlineStringsWithRuns) {
  std::string bytes = Book(
      "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><r><t>党</t></r><r><t "
      "xml:space=\"preserve\">支部 </t></r><rPh><t>x</t></rPh></is></c>"
      "<c r=\"D2\" t=\"inlineStr\"><is><t>line1\nline2</t></is></c></row>");
  auto rows = ReadAll(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::vector<Row> want = {{2, {{2, kText, "党支部 "}, {3, kText, "line1\nline2"}}}};
  EXPECT_EQ(*rows, want);
}

TEST(XlsxReaderTest, MissingReferencesCountOn) {
  std::string bytes = Book(
      "<row><c><v>1</v></c><c r=\"D1\"><v>4</v></c><c><v>5</v></c></row>"
      "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
      "<row r=\"7\"><c r=\"b7\"><v>2</v></c></row>"
      "<row><c><v>8</v></c></row>");
  auto rows = ReadAll(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::vector<Row> want = {
      {1, {{0, kNumber, "1"}, {3, kNumber, "4"}, {4, kNumber, "5"}}},
      {2, {{0, kText, "x"}}},
      {7, {{1, kNumber, "2"}}},
      {8, {{0, kNumber, "8"}}},
  };
  EXPECT_EQ(*rows, want);
}

TEST(XlsxReaderTest, ReadsPrefixedElementsAndStrictNamespaces) {
  std::string sheet =
      "<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><x:sheetData>"
      "<x:row r=\"1\"><x:c r=\"AB1\" t=\"inlineStr\"><x:is><x:t>宽</x:t></x:is></x:c></x:row>"
      "</x:sheetData></x:worksheet>";
  std::string workbook =
      "<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
      "xmlns:rel=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
      "<sheets><sheet name=\"S\" sheetId=\"1\" rel:id=\"a\"/></sheets></workbook>";
  std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"a\" Type=\"x\" Target=\"../xl/sheets/s.xml\"/></Relationships>";
  std::string bytes = MakeZip({{"xl/workbook.xml", workbook},
                               {"xl/_rels/workbook.xml.rels", rels},
                               {"xl/sheets/s.xml", sheet}});
  auto rows = ReadAll(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::vector<Row> want = {{1, {{27, kText, "宽"}}}};
  EXPECT_EQ(*rows, want);
}

TEST(XlsxReaderTest, FallsBackToSheet1WithoutRelationships) {
  std::string bytes =
      MakeZip({{"xl/workbook.xml", WorkbookXml()},
               {"xl/worksheets/sheet1.xml", SheetXml("<row><c t=\"s\"><v>0</v></c></row>")},
               {"xl/sharedStrings.xml", SharedXml("<si><t>默认位置</t></si>")}});
  auto reader = XlsxReader::Open(bytes);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ((*reader)->sheet_part(), "xl/worksheets/sheet1.xml");
  auto rows = ReadAll(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::vector<Row> want = {{1, {{0, kText, "默认位置"}}}};
  EXPECT_EQ(*rows, want);
}

TEST(XlsxReaderTest, CallbackStopsTheRead) {
  std::string bytes = Book("<row><c><v>1</v></c></row><row><c><v>2</v></c></row>");
  auto reader = XlsxReader::Open(bytes);
  ASSERT_TRUE(reader.ok());
  int calls = 0;
  Status s = (*reader)->ReadRows([&](int, std::span<const XlsxReadCell>) {
    ++calls;
    return false;
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(calls, 1);
}

struct ErrorCase {
  const char* name;
  std::string bytes;
  const char* key;
  std::string message;
  XlsxReadOptions options = {};
};

TEST(XlsxReaderTest, ReportsEveryError) {
  const std::string kNot = "文件不是有效的 .xlsx 工作簿";
  const std::string kSheet = "工作簿内容损坏：xl/worksheets/data.xml ";
  std::string many_cells = "<row>";
  for (int i = 0; i <= 16384; ++i) many_cells += "<c/>";
  many_cells += "</row>";
  std::string big_sheet =
      "<row><c t=\"inlineStr\"><is><t>" + std::string(1 << 20, 'a') + "</t></is></c></row>";
  // Shared strings that expand a billion-fold: refused for the DTD before any expansion.
  std::string billion_laughs =
      MakeZip({{"xl/workbook.xml", WorkbookXml()},
               {"xl/worksheets/sheet1.xml", SheetXml("")},
               {"xl/sharedStrings.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
                "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                "<sst><si><t>&b;</t></si></sst>"}});
  XlsxReadOptions two_rows;
  two_rows.max_rows = 2;
  XlsxReadOptions small;
  small.max_uncompressed_bytes = 1 << 20;
  XlsxReadOptions tiny;
  tiny.max_uncompressed_bytes = 100;
  XlsxReadOptions one_string;
  one_string.max_shared_strings = 1;

  std::vector<ErrorCase> cases = {
      {"not a zip", "PK\x03\x04 this is not really a zip file", "xlsx.not_xlsx", kNot},
      {"plain text", "姓名,性别\n张三,男\n", "xlsx.not_xlsx", kNot},
      {"empty", "", "xlsx.not_xlsx", kNot},
      {"zip without workbook", MakeZip({{"word/document.xml", "<document/>"}}), "xlsx.not_xlsx",
       kNot},
      {"workbook without sheet", MakeZip({{"xl/workbook.xml", WorkbookXml()}}), "xlsx.not_xlsx",
       kNot},
      {"malformed sheet", Book("<row><c><v>1</v></row>"), "xlsx.malformed",
       kSheet + "第 2 行不是有效的 XML：mismatched tag"},
      {"malformed workbook", MakeZip({{"xl/workbook.xml", "<workbook><sheets></workbook>"}}),
       "xlsx.malformed", "工作簿内容损坏：xl/workbook.xml 第 1 行不是有效的 XML：mismatched tag"},
      {"malformed shared strings", Book("", "<si><t>a</si>"), "xlsx.malformed",
       "工作簿内容损坏：xl/strings.xml 第 1 行不是有效的 XML：mismatched tag"},
      {"truncated sheet", Book("<row><c><v>1</v></c>"), "xlsx.malformed",
       kSheet + "第 2 行不是有效的 XML：mismatched tag"},
      {"dtd", billion_laughs, "xlsx.malformed", "工作簿内容损坏：xl/sharedStrings.xml 含有 DTD"},
      {"shared index out of range", Book("<row><c t=\"s\"><v>1</v></c></row>", "<si><t>a</t></si>"),
       "xlsx.malformed", kSheet + "共享字符串编号「1」无效"},
      {"shared index not a number", Book("<row><c t=\"s\"><v>x</v></c></row>", "<si/>"),
       "xlsx.malformed", kSheet + "共享字符串编号「x」无效"},
      {"bad cell reference", Book("<row><c r=\"A1B\"><v>1</v></c></row>"), "xlsx.malformed",
       kSheet + "单元格位置「A1B」无效"},
      {"four-letter column", Book("<row><c r=\"ABCD1\"><v>1</v></c></row>"), "xlsx.malformed",
       kSheet + "单元格位置「ABCD1」无效"},
      {"bad row number", Book("<row r=\"0\"><c><v>1</v></c></row>"), "xlsx.malformed",
       kSheet + "行号「0」无效"},
      {"row beyond Excel", Book("<row r=\"1048577\"><c><v>1</v></c></row>"), "xlsx.malformed",
       kSheet + "行号「1048577」无效"},
      {"unknown cell type", Book("<row><c t=\"q\"><v>1</v></c></row>"), "xlsx.malformed",
       kSheet + "单元格类型「q」未知"},
      {"column beyond XFD", Book("<row r=\"5\"><c r=\"XFE5\"><v>1</v></c></row>"), "xlsx.too_large",
       "第 5 行超过 16384 列"},
      {"too many cells", Book(many_cells), "xlsx.too_large", "第 1 行超过 16384 列"},
      {"too many rows",
       Book("<row><c><v>1</v></c></row><row/><row><c><v>2</v></c></row>"
            "<row><c><v>3</v></c></row>"),
       "xlsx.too_many_rows", "工作表超过 2 行上限", two_rows},
      {"decompressed sheet too large", Book(big_sheet), "xlsx.too_large",
       "工作簿解压后超过 1 MiB 上限", small},
      {"workbook too large", Book(""), "xlsx.too_large", "工作簿解压后超过 100 字节 上限", tiny},
      {"too many shared strings", Book("", "<si/><si/>"), "xlsx.too_large",
       "工作簿的共享字符串超过 1 条上限", one_string},
  };
  for (const ErrorCase& c : cases) {
    auto rows = ReadAll(c.bytes, c.options);
    ASSERT_FALSE(rows.ok()) << c.name;
    EXPECT_EQ(rows.error().key, c.key) << c.name;
    EXPECT_EQ(rows.error().message, c.message) << c.name;
  }
}

TEST(XlsxReaderTest, ErrorCodesMapToCategories) {
  auto not_xlsx = XlsxReader::Open("nope");
  ASSERT_FALSE(not_xlsx.ok());
  EXPECT_EQ(not_xlsx.error().code, ErrorCode::kInvalidArgument);
  XlsxReadOptions one_row;
  one_row.max_rows = 1;
  auto rows = ReadAll(Book("<row><c/></row><row><c/></row>"), one_row);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kTooLarge);
}

TEST(XlsxReaderTest, RowLimitCountsDeliveredRowsOnly) {
  XlsxReadOptions two_rows;
  two_rows.max_rows = 2;
  std::string bytes = Book("<row><c><v>1</v></c></row><row/><row/><row><c><v>2</v></c></row>");
  auto rows = ReadAll(bytes, two_rows);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->back().number, 4);
}

TEST(XlsxReaderTest, ConvertsExcelSerials) {
  struct Case {
    double serial;
    bool date1904;
    const char* want;  // nullptr: no date
  };
  for (const Case& c : std::initializer_list<Case>{
           {1, false, "1900-01-01"},
           {1.75, false, "1900-01-01"},
           {59, false, "1900-02-28"},
           {60, false, nullptr},  // 1900-02-29, which never was
           {61, false, "1900-03-01"},
           {25569, false, "1970-01-01"},
           {45658, false, "2025-01-01"},
           {45658.999, false, "2025-01-01"},
           {2958465, false, "9999-12-31"},
           {2958466, false, nullptr},
           {0, false, nullptr},
           {-1, false, nullptr},
           {0, true, "1904-01-01"},
           {1, true, "1904-01-02"},
           {44196, true, "2025-01-01"},
           {2957003, true, "9999-12-31"},
           {2957004, true, nullptr},
           {-0.5, true, nullptr},
       }) {
    auto d = DateFromExcelSerial(c.serial, c.date1904);
    if (c.want == nullptr) {
      EXPECT_FALSE(d.has_value()) << c.serial << " " << c.date1904;
    } else {
      ASSERT_TRUE(d.has_value()) << c.serial << " " << c.date1904;
      EXPECT_EQ(d->ToString(), c.want) << c.serial << " " << c.date1904;
    }
  }
  EXPECT_FALSE(DateFromExcelSerial(std::numeric_limits<double>::quiet_NaN(), false));
  EXPECT_FALSE(DateFromExcelSerial(std::numeric_limits<double>::infinity(), false));
}

TEST(XlsxReaderTest, ConvertsExcelSerialText) {
  EXPECT_EQ(DateFromExcelSerialText("45658", false)->ToString(), "2025-01-01");
  EXPECT_EQ(DateFromExcelSerialText("45658.5", false)->ToString(), "2025-01-01");
  EXPECT_EQ(DateFromExcelSerialText("4.5658E4", false)->ToString(), "2025-01-01");
  for (const char* bad : {"", "abc", "45658x", " 45658", "2025-01-01", "nan", "60"}) {
    EXPECT_FALSE(DateFromExcelSerialText(bad, false).has_value()) << bad;
  }
}

// Run with --gtest_also_run_disabled_tests in a release build to measure.
TEST(XlsxReaderTest, DISABLED_TimesReading100kRowsOf13Columns) {
  std::string rows;
  std::string shared;
  for (int i = 0; i < 1000; ++i) shared += "<si><t>支部" + std::to_string(i) + "</t></si>";
  for (int r = 1; r <= 100'000; ++r) {
    std::string n = std::to_string(r);
    rows += "<row r=\"" + n + "\">";
    for (int c = 0; c < 13; ++c) {
      std::string ref = std::string(1, static_cast<char>('A' + c)) + n;
      if (c % 3 == 0) {
        rows += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string((r + c) % 1000) + "</v></c>";
      } else if (c % 3 == 1) {
        rows += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>张三丰" + n + "</t></is></c>";
      } else {
        rows += "<c r=\"" + ref + "\" s=\"1\"><v>" + std::to_string(45000 + r % 900) + "</v></c>";
      }
    }
    rows += "</row>";
  }
  std::string bytes = Book(rows, shared);
  auto start = std::chrono::steady_clock::now();
  int64_t cells = 0;
  auto reader = XlsxReader::Open(bytes);
  ASSERT_TRUE(reader.ok());
  Status s = (*reader)->ReadRows([&](int, std::span<const XlsxReadCell> row) {
    cells += static_cast<int64_t>(row.size());
    return true;
  });
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(cells, 1'300'000);
  std::printf("read 100000 rows x 13 columns (%zu bytes zipped) in %.3f s\n", bytes.size(),
              seconds);
}

}  // namespace
}  // namespace dj
