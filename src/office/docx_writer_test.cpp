#include "office/docx_writer.h"

#include <expat.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dj {
namespace {

// The entries of the zip archive `bytes` by name, in archive order; empty when unreadable.
std::vector<std::pair<std::string, std::string>> Unzip(const std::string& bytes) {
  std::vector<std::pair<std::string, std::string>> entries;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    zip_source_free(source);
    return entries;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    std::string content;
    zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(file, nullptr);
    if (file == nullptr) continue;
    char buffer[4096];
    for (zip_int64_t n; (n = zip_fread(file, buffer, sizeof buffer)) > 0;) {
      content.append(buffer, static_cast<size_t>(n));
    }
    zip_fclose(file);
    entries.emplace_back(zip_get_name(zip, static_cast<zip_uint64_t>(i), 0), std::move(content));
  }
  zip_discard(zip);
  return entries;
}

std::string Part(const std::string& bytes, const std::string& name) {
  for (auto& [entry, content] : Unzip(bytes)) {
    if (entry == name) return content;
  }
  return "";
}

// Parses `xml` with expat; returns "" when it is well-formed, else expat's message.
// `on_start`, `on_end` and `on_text` receive the elements' names and the character data.
std::string ParseXml(const std::string& xml,
                     const std::function<void(const std::string&)>& on_start = {},
                     const std::function<void(const std::string&)>& on_end = {},
                     const std::function<void(std::string_view)>& on_text = {}) {
  struct Handlers {
    const std::function<void(const std::string&)>* start;
    const std::function<void(const std::string&)>* end;
    const std::function<void(std::string_view)>* text;
  } handlers{&on_start, &on_end, &on_text};
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &handlers);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char**) {
        auto* h = static_cast<Handlers*>(data);
        if (*h->start) (*h->start)(name);
      },
      [](void* data, const XML_Char* name) {
        auto* h = static_cast<Handlers*>(data);
        if (*h->end) (*h->end)(name);
      });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* s, int len) {
    auto* h = static_cast<Handlers*>(data);
    if (*h->text) (*h->text)(std::string_view(s, static_cast<size_t>(len)));
  });
  std::string problem;
  if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK) {
    problem = XML_ErrorString(XML_GetErrorCode(parser));
    if (problem.empty()) problem = "error";
  }
  XML_ParserFree(parser);
  return problem;
}

// The text of each paragraph of document.xml in order, as Word shows it: w:br as "\n",
// w:tab as "\t"; paragraphs in table cells included. Table rows end with "<row>".
std::vector<std::string> Paragraphs(const std::string& document) {
  std::vector<std::string> out;
  std::string current;
  bool in_text = false;
  std::string error = ParseXml(
      document,
      [&](const std::string& name) {
        if (name == "w:p") current.clear();
        if (name == "w:t") in_text = true;
        if (name == "w:br") current += "\n";
        if (name == "w:tab") current += "\t";
      },
      [&](const std::string& name) {
        if (name == "w:p") out.push_back(current);
        if (name == "w:t") in_text = false;
        if (name == "w:tr") out.push_back("<row>");
      },
      [&](std::string_view text) {
        if (in_text) current += text;
      });
  EXPECT_EQ(error, "");
  return out;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

const std::vector<DocxColumn> kColumns = {
    {"序号", 600, true}, {"姓名", 1200}, {"备注 <说明>", 3000}};

TEST(DocxWriterTest, WritesAllPartsAsWellFormedXml) {
  DocxWriter doc;
  ASSERT_TRUE(doc.Title("第一支部 2024年组织生活台账").ok());
  ASSERT_TRUE(doc.Paragraph("正文").ok());
  auto bytes = doc.Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;

  auto entries = Unzip(*bytes);
  std::vector<std::string> names;
  for (const auto& [name, content] : entries) {
    names.push_back(name);
    EXPECT_EQ(ParseXml(content), "") << name;
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                                      "word/document.xml", "word/_rels/document.xml.rels",
                                      "word/styles.xml", "word/settings.xml", "word/footer1.xml"}));

  // Every part but the content types and the package relationships has its content type.
  const std::string types = Part(*bytes, "[Content_Types].xml");
  for (const char* part : {"/word/document.xml", "/word/styles.xml", "/word/settings.xml",
                           "/word/footer1.xml", "/docProps/core.xml"}) {
    EXPECT_NE(types.find(std::string("PartName=\"") + part + "\""), std::string::npos) << part;
  }
  EXPECT_NE(types.find("wordprocessingml.document.main+xml"), std::string::npos);
  EXPECT_NE(Part(*bytes, "_rels/.rels").find("Target=\"word/document.xml\""), std::string::npos);
  const std::string rels = Part(*bytes, "word/_rels/document.xml.rels");
  for (const char* target : {"styles.xml", "settings.xml", "footer1.xml"}) {
    EXPECT_NE(rels.find(std::string("Target=\"") + target + "\""), std::string::npos) << target;
  }
  EXPECT_NE(
      Part(*bytes, "docProps/core.xml").find("<dc:title>第一支部 2024年组织生活台账</dc:title>"),
      std::string::npos);
}

TEST(DocxWriterTest, StylesUseChineseFontsAndDefineHeadings) {
  DocxWriter doc;
  auto bytes = doc.Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const std::string styles = Part(*bytes, "word/styles.xml");
  EXPECT_NE(styles.find("<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
                        "w:hAnsi=\"Times New Roman\" w:eastAsia=\"SimSun\""),
            std::string::npos)
      << styles;
  EXPECT_NE(styles.find("w:eastAsia=\"zh-CN\""), std::string::npos);
  for (const char* id : {"Normal", "Title", "Heading1", "Heading2", "Heading3", "BodyText",
                         "TableText", "TableHeader", "Footer"}) {
    EXPECT_EQ(Count(styles, std::string("w:styleId=\"") + id + "\""), 1u) << id;
  }
  EXPECT_NE(styles.find("<w:name w:val=\"heading 1\"/>"), std::string::npos);
  EXPECT_NE(styles.find("w:eastAsia=\"SimHei\""), std::string::npos);
  EXPECT_NE(styles.find("w:default=\"1\" w:styleId=\"Normal\""), std::string::npos);
  // An empty document still has a paragraph, as Word requires of a body.
  EXPECT_EQ(Paragraphs(Part(*bytes, "word/document.xml")), std::vector<std::string>{""});
}

TEST(DocxWriterTest, WritesBlocksInOrderWithTextEscaped) {
  DocxWriter doc;
  ASSERT_TRUE(doc.Title("台账 & <总表>").ok());
  ASSERT_TRUE(doc.Heading(1, "一、汇总").ok());
  ASSERT_TRUE(doc.Heading(2, "（一）支部党员大会").ok());
  ASSERT_TRUE(doc.Heading(3, "1. 细目").ok());
  ASSERT_TRUE(doc.Paragraph("他说：\"A & B\" 与 'C' <D>").ok());
  ASSERT_TRUE(doc.Paragraph(" 前后空格 ").ok());
  ASSERT_TRUE(doc.Paragraph("甲\n乙\r\n丙\t丁").ok());
  std::vector<std::vector<std::string>> rows = {{"1", "张三", "病假 & 公假"}, {"2", "李四"}, {}};
  ASSERT_TRUE(doc.Table(kColumns, rows).ok());
  ASSERT_TRUE(doc.PageBreak().ok());
  ASSERT_TRUE(doc.Paragraph("完").ok());
  auto bytes = doc.Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;

  const std::string document = Part(*bytes, "word/document.xml");
  EXPECT_NE(document.find("台账 &amp; &lt;总表&gt;"), std::string::npos) << document;
  EXPECT_NE(document.find("他说：&quot;A &amp; B&quot; 与 &apos;C&apos; &lt;D&gt;"),
            std::string::npos);
  EXPECT_NE(document.find("<w:t xml:space=\"preserve\"> 前后空格 </w:t>"), std::string::npos);
  EXPECT_NE(document.find("<w:pStyle w:val=\"Heading2\"/>"), std::string::npos);
  EXPECT_NE(document.find("<w:br w:type=\"page\"/>"), std::string::npos);
  EXPECT_EQ(Paragraphs(document), (std::vector<std::string>{"台账 & <总表>",
                                                            "一、汇总",
                                                            "（一）支部党员大会",
                                                            "1. 细目",
                                                            "他说：\"A & B\" 与 'C' <D>",
                                                            " 前后空格 ",
                                                            "甲\n乙\n丙\t丁",
                                                            "序号",
                                                            "姓名",
                                                            "备注 <说明>",
                                                            "<row>",
                                                            "1",
                                                            "张三",
                                                            "病假 & 公假",
                                                            "<row>",
                                                            "2",
                                                            "李四",
                                                            "",
                                                            "<row>",
                                                            "",
                                                            "",
                                                            "",
                                                            "<row>",
                                                            "\n",
                                                            "完"}));
}

TEST(DocxWriterTest, TableHasFixedGridAndRepeatedHeader) {
  DocxWriter doc;
  std::vector<std::vector<std::string>> rows = {{"1", "张三", "x"}, {"2", "李四", "y"}};
  ASSERT_TRUE(doc.Table(kColumns, rows).ok());
  ASSERT_TRUE(doc.Table(kColumns, {}).ok());
  auto bytes = doc.Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const std::string document = Part(*bytes, "word/document.xml");
  EXPECT_EQ(Count(document, "<w:tbl>"), 2u);
  EXPECT_EQ(Count(document, "<w:tr>"), 4u);  // header and 2 rows, then a header alone
  EXPECT_EQ(Count(document, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"), 2u);
  EXPECT_EQ(Count(document, "<w:tr><w:trPr><w:cantSplit/></w:trPr>"), 2u);
  EXPECT_NE(document.find("<w:tblW w:w=\"4800\" w:type=\"dxa\"/>"), std::string::npos);
  EXPECT_NE(document.find("<w:tblGrid><w:gridCol w:w=\"600\"/><w:gridCol w:w=\"1200\"/>"
                          "<w:gridCol w:w=\"3000\"/></w:tblGrid>"),
            std::string::npos);
  EXPECT_NE(document.find("<w:tblLayout w:type=\"fixed\"/>"), std::string::npos);
  // A body ending with a table gets a closing paragraph.
  EXPECT_NE(document.find("</w:tbl><w:p/><w:sectPr>"), std::string::npos);
  // The 序号 column's data cells are centred, the others follow the style.
  EXPECT_NE(document.find("<w:pStyle w:val=\"TableText\"/><w:jc w:val=\"center\"/></w:pPr>"
                          "<w:r><w:t xml:space=\"preserve\">1</w:t>"),
            std::string::npos)
      << document;
  EXPECT_NE(document.find("<w:pStyle w:val=\"TableText\"/></w:pPr><w:r><w:t "
                          "xml:space=\"preserve\">张三</w:t>"),
            std::string::npos);
}

TEST(DocxWriterTest, PageIsA4WithOfficialDocumentMargins) {
  struct Case {
    DocxPage page;
    int text_width;
    std::string page_size;
  };
  const std::vector<Case> cases = {
      {{}, 8845, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"},
      {{.orientation = DocxOrientation::kLandscape},
       13777,
       "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"},
  };
  for (const Case& c : cases) {
    DocxWriter doc(c.page);
    EXPECT_EQ(doc.text_width(), c.text_width);
    auto bytes = doc.Finish();
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    const std::string document = Part(*bytes, "word/document.xml");
    EXPECT_NE(document.find(c.page_size), std::string::npos) << document;
    EXPECT_NE(document.find("<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" "
                            "w:left=\"1587\""),
              std::string::npos)
        << document;
    EXPECT_NE(document.find("<w:footerReference w:type=\"default\" r:id=\"rId3\"/>"),
              std::string::npos);
  }
}

TEST(DocxWriterTest, SameDocumentGivesSameBytes) {
  auto build = [] {
    DocxWriter doc;
    EXPECT_TRUE(doc.Title("标题").ok());
    EXPECT_TRUE(doc.Table(kColumns, std::vector<std::vector<std::string>>{{"1"}}).ok());
    return doc.Finish();
  };
  auto a = build(), b = build();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(DocxWriterTest, RefusesBadInputNamingWhere) {
  struct Case {
    std::string name;
    std::function<Status(DocxWriter&)> call;
    std::string key;
    std::string message;
  };
  const std::vector<std::vector<std::string>> good_rows = {{"1", "张三", "甲"}};
  const std::vector<Case> cases = {
      {"title with invalid utf-8", [](DocxWriter& d) { return d.Title("台账\xff"); },
       "docx.text_invalid", "Word 文档的文档标题不是有效的 UTF-8 文字"},
      {"title with a surrogate", [](DocxWriter& d) { return d.Title("\xed\xa0\x80"); },
       "docx.text_invalid", "Word 文档的文档标题不是有效的 UTF-8 文字"},
      {"heading with a control character",
       [](DocxWriter& d) {
         EXPECT_TRUE(d.Heading(1, "一").ok());
         return d.Heading(2, "二\x01");
       },
       "docx.text_invalid", "Word 文档的第 2 个章节标题含有不允许的字符 U+0001"},
      {"heading level 0", [](DocxWriter& d) { return d.Heading(0, "一"); }, "docx.heading_invalid",
       "Word 文档的标题级别须为 1 至 3，而不是 0"},
      {"heading level 4", [](DocxWriter& d) { return d.Heading(4, "一"); }, "docx.heading_invalid",
       "Word 文档的标题级别须为 1 至 3，而不是 4"},
      {"paragraph with NUL", [](DocxWriter& d) { return d.Paragraph(std::string_view("a\0b", 3)); },
       "docx.text_invalid", "Word 文档的第 1 个段落含有不允许的字符 U+0000"},
      {"paragraph with vertical tab", [](DocxWriter& d) { return d.Paragraph("a\vb"); },
       "docx.text_invalid", "Word 文档的第 1 个段落含有不允许的字符 U+000B"},
      {"paragraph with U+FFFE", [](DocxWriter& d) { return d.Paragraph("a\xef\xbf\xbe"); },
       "docx.text_invalid", "Word 文档的第 1 个段落含有不允许的字符 U+FFFE"},
      {"paragraph with U+FFFF",
       [](DocxWriter& d) {
         EXPECT_TRUE(d.Paragraph("好").ok());
         return d.Paragraph("\xef\xbf\xbf");
       },
       "docx.text_invalid", "Word 文档的第 2 个段落含有不允许的字符 U+FFFF"},
      {"table without columns",
       [&](DocxWriter& d) { return d.Table(std::span<const DocxColumn>(), good_rows); },
       "docx.table_invalid", "Word 文档的第 1 个表格须至少有一列"},
      {"column without width",
       [&](DocxWriter& d) {
         std::vector<DocxColumn> columns = {{"序号", 600}, {"姓名", 0}};
         return d.Table(columns, good_rows);
       },
       "docx.table_invalid", "Word 文档的第 1 个表格第 2 列的宽度须大于 0"},
      {"bad header",
       [&](DocxWriter& d) {
         EXPECT_TRUE(d.Table(kColumns, good_rows).ok());
         std::vector<DocxColumn> columns = {{"序号", 600}, {"姓\x1f名", 600}};
         return d.Table(columns, good_rows);
       },
       "docx.text_invalid", "Word 文档的第 2 个表格的表头第 2 列含有不允许的字符 U+001F"},
      {"bad cell",
       [](DocxWriter& d) {
         std::vector<std::vector<std::string>> rows = {{"1"}, {"2", "李四", "\xc0\x80"}};
         return d.Table(kColumns, rows);
       },
       "docx.text_invalid", "Word 文档的第 1 个表格第 2 行第 3 列不是有效的 UTF-8 文字"},
      {"row too long",
       [](DocxWriter& d) {
         std::vector<std::vector<std::string>> rows = {{"1", "2", "3", "4"}};
         return d.Table(kColumns, rows);
       },
       "docx.table_invalid", "Word 文档的第 1 个表格第 1 行有 4 格，多于表头的 3 列"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    DocxWriter doc;
    Status status = c.call(doc);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().key, c.key);
    EXPECT_EQ(status.error().message, c.message);
    // The refused block left nothing behind and the writer goes on.
    ASSERT_TRUE(doc.Paragraph("之后").ok());
    auto bytes = doc.Finish();
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    const std::string document = Part(*bytes, "word/document.xml");
    EXPECT_EQ(ParseXml(document), "");
    EXPECT_EQ(Paragraphs(document).back(), "之后");
    EXPECT_EQ(Count(document, "<w:tbl>"), c.name == "bad header" ? 1u : 0u);
  }
}

TEST(DocxWriterTest, RefusesBadMargins) {
  const std::vector<DocxPage> pages = {
      {.top = -1},
      {.left = 6000, .right = 5000},
      {.orientation = DocxOrientation::kLandscape, .top = 5500, .bottom = 5500},
  };
  for (const DocxPage& page : pages) {
    DocxWriter doc(page);
    auto bytes = doc.Finish();
    ASSERT_FALSE(bytes.ok());
    EXPECT_EQ(bytes.error().key, "docx.page_invalid");
    EXPECT_EQ(bytes.error().message,
              "Word 文档的页边距无效：不能为负，且版心的宽和高须至少 1 英寸");
  }
}

TEST(DocxWriterTest, IsSpentAfterFinish) {
  DocxWriter doc;
  ASSERT_TRUE(doc.Finish().ok());
  const std::vector<std::function<Status(DocxWriter&)>> calls = {
      [](DocxWriter& d) { return d.Title("a"); },
      [](DocxWriter& d) { return d.Heading(1, "a"); },
      [](DocxWriter& d) { return d.Paragraph("a"); },
      [](DocxWriter& d) { return d.Table(kColumns, {}); },
      [](DocxWriter& d) { return d.PageBreak(); },
      [](DocxWriter& d) -> Status {
        auto bytes = d.Finish();
        if (bytes.ok()) return Ok();
        return bytes.error();
      },
  };
  for (const auto& call : calls) {
    Status status = call(doc);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kInternal);
    EXPECT_EQ(status.error().key, "docx.write_failed");
    EXPECT_EQ(status.error().message, "无法生成 Word 文件：文档已经完成，不能再写入");
  }
}

}  // namespace
}  // namespace dj
