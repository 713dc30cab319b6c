// Writing small .docx (WordprocessingML) documents for export: titles, headings, paragraphs
// and tables, on A4 pages with the margins of Chinese official documents (GB/T 9704).
//
// The document is kept in memory as it is built and zipped by Finish(); it is meant for
// ledgers and reports of some hundred pages, not for unbounded streams (use XlsxWriter).
// Fonts: Chinese text in SimSun (宋体), Latin text and digits in Times New Roman; headings in
// SimHei (黑体, level 1), KaiTi (楷体, level 2) and bold SimSun (level 3); page numbers
// "— 1 —" centred in the footer.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace dj {

// Twentieths of a point, the unit of Word's page and table measures: 1440 per inch,
// about 56.7 per millimetre.
inline constexpr int kTwipsPerInch = 1440;

enum class DocxOrientation { kPortrait, kLandscape };

// The page of every page of the document: A4 in `orientation`, with margins in twips.
// The defaults are GB/T 9704's: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a text
// block of 156 × 225 mm in portrait). In landscape the same margins apply to the turned page.
struct DocxPage {
  DocxOrientation orientation = DocxOrientation::kPortrait;
  int top = 2098;
  int bottom = 1984;
  int left = 1587;
  int right = 1474;
};

// One column of a table: the header text, the width in twips (> 0) and whether the data cells
// are centred (e.g. a 序号 column) rather than left-aligned. Header cells are always centred
// and bold.
struct DocxColumn {
  std::string title;
  int width = 0;
  bool centered = false;
};

// Builds one document, block after block, then Finish() zips it. Not thread-safe.
//
// All text must be valid UTF-8 without the characters XML 1.0 forbids (control characters
// other than tab, line feed and carriage return; U+FFFE, U+FFFF). A line feed ("\n" or
// "\r\n") in any text starts a new line within the same paragraph or cell; a tab is a tab.
// Text is escaped as needed; the caller passes it as people should read it.
//
// Every call returns an error instead of writing a bad block; nothing of a refused block is
// written and the writer stays usable. Errors:
//   "docx.text_invalid" (kInvalidArgument): a text breaks the rule above; the message names
//       the block, counting from 1 among the accepted blocks of its kind, and the character:
//       "Word 文档的第 2 个段落含有不允许的字符 U+0001", "Word 文档的第 1 个表格第 3 行第 2 列
//       不是有效的 UTF-8 文字" (also 文档标题, 第 N 个章节标题, 第 N 个表格的表头第 C 列);
//   "docx.heading_invalid" (kInvalidArgument): a heading level other than 1, 2 or 3;
//   "docx.table_invalid" (kInvalidArgument): a table without columns, a column width of 0 or
//       less, or a row with more cells than columns (fewer are padded with empty cells);
//   "docx.page_invalid" (kInvalidArgument, from Finish): margins below 0 or leaving no room;
//   "docx.write_failed" (kInternal): zipping failed, or a call after Finish.
class DocxWriter {
 public:
  explicit DocxWriter(DocxPage page = {});

  // The width of the text block in twips: the most a table should take (8845 for the
  // default portrait page, 13777 in landscape).
  int text_width() const;

  // A centred title (二号, bold). The first title is also the file's title property.
  Status Title(std::string_view text);
  // A heading of `level` 1 to 3, kept with the block that follows it.
  Status Heading(int level, std::string_view text);
  // A body paragraph, justified, its first line indented by two characters.
  Status Paragraph(std::string_view text);
  // A bordered table, centred, with fixed column widths: the header row from `columns`,
  // repeated at the top of every page the table runs onto, then `rows` of text cells
  // (五号), a row kept on one page unless it is taller than a page. A table without rows is
  // only its header. Widths are taken as given: keep their sum within text_width().
  Status Table(std::span<const DocxColumn> columns, std::span<const std::vector<std::string>> rows);
  // Starts a new page.
  Status PageBreak();

  // Returns the .docx file's bytes. Call once; the writer is spent afterwards.
  Result<std::string> Finish();

 private:
  DocxPage page_;
  std::string body_;   // the blocks of word/document.xml's body, in order
  std::string title_;  // the first title, for docProps/core.xml
  int titles_ = 0;
  int headings_ = 0;
  int paragraphs_ = 0;
  int tables_ = 0;
  bool finished_ = false;
};

}  // namespace dj
