#include "office/docx_writer.h"

#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <utility>

#include "common/text.h"

namespace dj {
namespace {

// A4 in twips.
constexpr int kA4Short = 11906;
constexpr int kA4Long = 16838;
// The footer's distance from the page's bottom edge (GB/T 9704 puts page numbers about 7 mm
// below the text block), and the header's from the top.
constexpr int kFooterDistance = 992;
constexpr int kHeaderDistance = 851;

constexpr char kXmlDeclaration[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kWordNs[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr char kRelNs[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

Error TextInvalid(const std::string& where, const std::string& what) {
  return Error::InvalidArgument("docx.text_invalid", "Word 文档" + where + what);
}

Error WriteFailed(std::string detail) {
  return {
      ErrorCode::kInternal, "docx.write_failed", "无法生成 Word 文件：" + std::move(detail), {}};
}

// "U+0001": a code point as people look it up.
std::string CodePointLabel(uint32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

// The reason `text` cannot be written, or nullopt. Requires nothing of `text`.
std::optional<std::string> TextProblem(std::string_view text) {
  if (!IsValidUtf8(text)) return "不是有效的 UTF-8 文字";
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return "含有不允许的字符 " + CodePointLabel(c);
    }
    // U+FFFE and U+FFFF, the only other code points XML 1.0 forbids in valid UTF-8.
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
      return "含有不允许的字符 " +
             CodePointLabel(0xFFFE + (static_cast<unsigned char>(text[i + 2]) & 1));
    }
  }
  return std::nullopt;
}

// Appends `text` with the five XML special characters escaped; safe in content and in
// attribute values.
void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
}

std::string Escaped(std::string_view text) {
  std::string out;
  AppendEscaped(out, text);
  return out;
}

// Appends the run content of checked `text`: w:t pieces, a w:br for each line break and a
// w:tab for each tab.
void AppendRunContent(std::string& out, std::string_view text) {
  size_t start = 0;
  auto flush = [&](size_t end) {
    if (end > start) {
      out += "<w:t xml:space=\"preserve\">";
      AppendEscaped(out, text.substr(start, end - start));
      out += "</w:t>";
    }
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\n' && c != '\r' && c != '\t') continue;
    flush(i);
    if (c == '\t') {
      out += "<w:tab/>";
    } else {
      out += "<w:br/>";
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
    start = i + 1;
  }
  flush(text.size());
}

// A paragraph of style `style` holding checked `text` (no run when it is empty). `jc` is an
// alignment overriding the style's, or null.
void AppendParagraph(std::string& out, const char* style, std::string_view text,
                     const char* jc = nullptr) {
  out += "<w:p><w:pPr><w:pStyle w:val=\"";
  out += style;
  out += "\"/>";
  if (jc != nullptr) {
    out += "<w:jc w:val=\"";
    out += jc;
    out += "\"/>";
  }
  out += "</w:pPr>";
  if (!text.empty()) {
    out += "<w:r>";
    AppendRunContent(out, text);
    out += "</w:r>";
  }
  out += "</w:p>";
}

std::string ContentTypesXml() {
  return std::string(kXmlDeclaration) +
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
         "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
         "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "</Types>";
}

std::string PackageRelsXml() {
  return std::string(kXmlDeclaration) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" +
         kRelNs +
         "/officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "</Relationships>";
}

std::string DocumentRelsXml() {
  return std::string(kXmlDeclaration) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" +
         kRelNs + "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"" + kRelNs +
         "/settings\" Target=\"settings.xml\"/><Relationship Id=\"rId3\" Type=\"" + kRelNs +
         "/footer\" Target=\"footer1.xml\"/></Relationships>";
}

std::string CoreXml(std::string_view title) {
  std::string out = std::string(kXmlDeclaration) +
                    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                    "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">";
  if (!title.empty()) out += "<dc:title>" + Escaped(title) + "</dc:title>";
  return out + "</cp:coreProperties>";
}

// A paragraph style. `ppr` and `rpr` are the contents of w:pPr and w:rPr, in schema order.
std::string ParagraphStyle(const char* id, const char* name, const char* based_on, bool q_format,
                           const std::string& ppr, const std::string& rpr) {
  std::string out = std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + id +
                    "\"><w:name w:val=\"" + name + "\"/>";
  if (based_on != nullptr) out += std::string("<w:basedOn w:val=\"") + based_on + "\"/>";
  out += "<w:next w:val=\"Normal\"/>";
  if (q_format) out += "<w:qFormat/>";
  if (!ppr.empty()) out += "<w:pPr>" + ppr + "</w:pPr>";
  if (!rpr.empty()) out += "<w:rPr>" + rpr + "</w:rPr>";
  return out + "</w:style>";
}

// w:rFonts with `east_asia` for Chinese and Times New Roman for the rest.
std::string Fonts(const char* east_asia) {
  return std::string(
             "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"") +
         east_asia + "\" w:cs=\"Times New Roman\"/>";
}

// Font size in half-points, for Latin and complex scripts alike.
std::string Size(int half_points) {
  const std::string v = std::to_string(half_points);
  return "<w:sz w:val=\"" + v + "\"/><w:szCs w:val=\"" + v + "\"/>";
}

std::string StylesXml() {
  std::string out = std::string(kXmlDeclaration) + "<w:styles xmlns:w=\"" + kWordNs + "\">";
  // Defaults: 小四 (12 pt), line spacing 1.5.
  out += "<w:docDefaults><w:rPrDefault><w:rPr>" + Fonts("SimSun") + "<w:kern w:val=\"2\"/>" +
         Size(24) +
         "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
         "<w:pPrDefault><w:pPr><w:spacing w:line=\"360\" w:lineRule=\"auto\"/></w:pPr>"
         "</w:pPrDefault></w:docDefaults>";
  out +=
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/>"
      "</w:pPr></w:style>";
  out += ParagraphStyle("Title", "Title", "Normal", true,
                        "<w:spacing w:before=\"240\" w:after=\"360\"/><w:jc w:val=\"center\"/>"
                        "<w:outlineLvl w:val=\"0\"/>",
                        Fonts("SimSun") + "<w:b/><w:bCs/>" + Size(44));  // 二号
  out += ParagraphStyle("Heading1", "heading 1", "Normal", true,
                        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/>"
                        "<w:outlineLvl w:val=\"0\"/>",
                        Fonts("SimHei") + Size(32));  // 三号黑体
  out += ParagraphStyle("Heading2", "heading 2", "Normal", true,
                        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"120\"/>"
                        "<w:outlineLvl w:val=\"1\"/>",
                        Fonts("KaiTi") + Size(30));  // 小三楷体
  out += ParagraphStyle("Heading3", "heading 3", "Normal", true,
                        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"60\"/>"
                        "<w:outlineLvl w:val=\"2\"/>",
                        "<w:b/><w:bCs/>" + Size(28));  // 四号加粗
  out += ParagraphStyle("BodyText", "Body Text", "Normal", true,
                        "<w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/>", "");
  // Table text: 五号 (10.5 pt), single spacing.
  out += ParagraphStyle("TableText", "Table Text", "Normal", false,
                        "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
                        Size(21));
  out += ParagraphStyle("TableHeader", "Table Header", "TableText", false,
                        "<w:keepNext/><w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>");
  out += ParagraphStyle("Footer", "footer", "Normal", false, "<w:jc w:val=\"center\"/>",
                        Size(28));  // 四号
  return out + "</w:styles>";
}

std::string SettingsXml() {
  return std::string(kXmlDeclaration) + "<w:settings xmlns:w=\"" + kWordNs +
         "\"><w:defaultTabStop w:val=\"420\"/>"
         "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "</w:settings>";
}

std::string FooterXml() {
  return std::string(kXmlDeclaration) + "<w:ftr xmlns:w=\"" + kWordNs +
         "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
         "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
         "<w:r><w:t>1</w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
         "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";
}

std::string DocumentXml(const std::string& body, const DocxPage& page) {
  const bool landscape = page.orientation == DocxOrientation::kLandscape;
  std::string out = std::string(kXmlDeclaration) + "<w:document xmlns:w=\"" + kWordNs +
                    "\" xmlns:r=\"" + kRelNs + "\"><w:body>";
  out += body;
  // Word wants a body to end with a paragraph (and shows one after a closing table anyway).
  if (body.empty() || body.ends_with("</w:tbl>")) out += "<w:p/>";
  out += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/>";
  out += "<w:pgSz w:w=\"" + std::to_string(landscape ? kA4Long : kA4Short) + "\" w:h=\"" +
         std::to_string(landscape ? kA4Short : kA4Long) + "\"" +
         (landscape ? " w:orient=\"landscape\"" : "") + "/>";
  out += "<w:pgMar w:top=\"" + std::to_string(page.top) + "\" w:right=\"" +
         std::to_string(page.right) + "\" w:bottom=\"" + std::to_string(page.bottom) +
         "\" w:left=\"" + std::to_string(page.left) + "\" w:header=\"" +
         std::to_string(kHeaderDistance) + "\" w:footer=\"" + std::to_string(kFooterDistance) +
         "\" w:gutter=\"0\"/>";
  out += "<w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"312\"/>";
  return out + "</w:sectPr></w:body></w:document>";
}

// Zips `parts` (name, content) in order into a .docx file's bytes.
Result<std::string> Zip(const std::vector<std::pair<const char*, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (out == nullptr) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    return WriteFailed(detail);
  }
  zip_t* zip = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(out);
    return WriteFailed(detail);
  }
  zip_error_fini(&error);
  zip_source_keep(out);  // ours to read back after zip_close
  auto fail = [&](std::string detail) -> Error {
    zip_discard(zip);
    zip_source_free(out);
    return WriteFailed(std::move(detail));
  };
  // A fixed modification time, so the same document gives the same bytes.
  const time_t mtime = 946'684'800;  // 2000-01-01T00:00:00Z
  for (const auto& [name, content] : parts) {
    // The buffers outlive the archive: libzip reads them in zip_close.
    zip_source_t* in = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (in == nullptr) return fail(zip_strerror(zip));
    zip_int64_t index = zip_file_add(zip, name, in, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(in);
      return fail(zip_strerror(zip));
    }
    if (zip_file_set_mtime(zip, static_cast<zip_uint64_t>(index), mtime, 0) != 0) {
      return fail(zip_strerror(zip));
    }
  }
  if (zip_close(zip) != 0) return fail(zip_strerror(zip));

  std::string bytes;
  if (zip_source_open(out) != 0) {
    std::string detail = zip_error_strerror(zip_source_error(out));
    zip_source_free(out);
    return WriteFailed(detail);
  }
  char buffer[16384];
  zip_int64_t n;
  while ((n = zip_source_read(out, buffer, sizeof buffer)) > 0) {
    bytes.append(buffer, static_cast<size_t>(n));
  }
  std::string detail = n < 0 ? zip_error_strerror(zip_source_error(out)) : "";
  zip_source_close(out);
  zip_source_free(out);
  if (n < 0) return WriteFailed(detail);
  return bytes;
}

}  // namespace

DocxWriter::DocxWriter(DocxPage page) : page_(page) {}

int DocxWriter::text_width() const {
  const int width = page_.orientation == DocxOrientation::kLandscape ? kA4Long : kA4Short;
  return width - page_.left - page_.right;
}

Status DocxWriter::Title(std::string_view text) {
  if (finished_) return WriteFailed("文档已经完成，不能再写入");
  if (auto problem = TextProblem(text)) return TextInvalid("的文档标题", *problem);
  if (titles_++ == 0) title_ = std::string(text);
  AppendParagraph(body_, "Title", text);
  return Ok();
}

Status DocxWriter::Heading(int level, std::string_view text) {
  if (finished_) return WriteFailed("文档已经完成，不能再写入");
  if (level < 1 || level > 3) {
    return Error::InvalidArgument(
        "docx.heading_invalid", "Word 文档的标题级别须为 1 至 3，而不是 " + std::to_string(level));
  }
  if (auto problem = TextProblem(text)) {
    return TextInvalid("的第 " + std::to_string(headings_ + 1) + " 个章节标题", *problem);
  }
  ++headings_;
  const char* styles[] = {"Heading1", "Heading2", "Heading3"};
  AppendParagraph(body_, styles[level - 1], text);
  return Ok();
}

Status DocxWriter::Paragraph(std::string_view text) {
  if (finished_) return WriteFailed("文档已经完成，不能再写入");
  if (auto problem = TextProblem(text)) {
    return TextInvalid("的第 " + std::to_string(paragraphs_ + 1) + " 个段落", *problem);
  }
  ++paragraphs_;
  AppendParagraph(body_, "BodyText", text);
  return Ok();
}

Status DocxWriter::Table(std::span<const DocxColumn> columns,
                         std::span<const std::vector<std::string>> rows) {
  if (finished_) return WriteFailed("文档已经完成，不能再写入");
  const std::string where = "的第 " + std::to_string(tables_ + 1) + " 个表格";
  if (columns.empty()) {
    return Error::InvalidArgument("docx.table_invalid", "Word 文档" + where + "须至少有一列");
  }
  // Check everything first, so a refused table leaves nothing behind.
  int64_t total_width = 0;
  for (size_t c = 0; c < columns.size(); ++c) {
    const std::string column = "第 " + std::to_string(c + 1) + " 列";
    if (columns[c].width <= 0) {
      return Error::InvalidArgument("docx.table_invalid",
                                    "Word 文档" + where + column + "的宽度须大于 0");
    }
    total_width += columns[c].width;
    if (auto problem = TextProblem(columns[c].title)) {
      return TextInvalid(where + "的表头" + column, *problem);
    }
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string row = "第 " + std::to_string(r + 1) + " 行";
    if (rows[r].size() > columns.size()) {
      return Error::InvalidArgument(
          "docx.table_invalid", "Word 文档" + where + row + "有 " + std::to_string(rows[r].size()) +
                                    " 格，多于表头的 " + std::to_string(columns.size()) + " 列");
    }
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (auto problem = TextProblem(rows[r][c])) {
        return TextInvalid(where + row + "第 " + std::to_string(c + 1) + " 列", *problem);
      }
    }
  }
  ++tables_;

  std::string& out = body_;
  out += "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total_width) +
         "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    out += std::string("<w:") + side +
           " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  }
  out +=
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
      "<w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/>"
      "</w:tblCellMar></w:tblPr><w:tblGrid>";
  for (const DocxColumn& column : columns) {
    out += "<w:gridCol w:w=\"" + std::to_string(column.width) + "\"/>";
  }
  out += "</w:tblGrid>";
  auto cell = [&](const DocxColumn& column, const char* style, std::string_view text,
                  const char* jc) {
    out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(column.width) +
           "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>";
    AppendParagraph(out, style, text, jc);
    out += "</w:tc>";
  };
  // The header row repeats on every page. No row breaks across pages unless it is taller
  // than a page.
  out += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (const DocxColumn& column : columns) cell(column, "TableHeader", column.title, nullptr);
  out += "</w:tr>";
  for (const std::vector<std::string>& row : rows) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t c = 0; c < columns.size(); ++c) {
      cell(columns[c], "TableText", c < row.size() ? std::string_view(row[c]) : "",
           columns[c].centered ? "center" : nullptr);
    }
    out += "</w:tr>";
  }
  out += "</w:tbl>";
  return Ok();
}

Status DocxWriter::PageBreak() {
  if (finished_) return WriteFailed("文档已经完成，不能再写入");
  body_ += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
  return Ok();
}

Result<std::string> DocxWriter::Finish() {
  if (finished_) return WriteFailed("文档已经完成，不能再写入");
  finished_ = true;
  const int height = page_.orientation == DocxOrientation::kLandscape ? kA4Short : kA4Long;
  if (page_.top < 0 || page_.bottom < 0 || page_.left < 0 || page_.right < 0 ||
      text_width() < kTwipsPerInch || height - page_.top - page_.bottom < kTwipsPerInch) {
    return Error::InvalidArgument("docx.page_invalid",
                                  "Word 文档的页边距无效：不能为负，且版心的宽和高须至少 1 英寸");
  }
  std::vector<std::pair<const char*, std::string>> parts;
  parts.emplace_back("[Content_Types].xml", ContentTypesXml());
  parts.emplace_back("_rels/.rels", PackageRelsXml());
  parts.emplace_back("docProps/core.xml", CoreXml(title_));
  parts.emplace_back("word/document.xml", DocumentXml(body_, page_));
  parts.emplace_back("word/_rels/document.xml.rels", DocumentRelsXml());
  parts.emplace_back("word/styles.xml", StylesXml());
  parts.emplace_back("word/settings.xml", SettingsXml());
  parts.emplace_back("word/footer1.xml", FooterXml());
  body_.clear();
  body_.shrink_to_fit();
  return Zip(parts);
}

}  // namespace dj
