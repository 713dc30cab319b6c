#include "office/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

namespace dj {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;
constexpr int kMaxColumns = 16384;         // A..XFD
constexpr int kMaxRowNumber = 1'048'576;   // Excel's last row
constexpr char kNamespaceSeparator = ' ';  // cannot occur in a namespace URI
constexpr std::string_view kXmlSpace = "http://www.w3.org/XML/1998/namespace space";
constexpr std::string_view kFallbackSheet = "xl/worksheets/sheet1.xml";
constexpr std::string_view kDefaultSharedStrings = "xl/sharedStrings.xml";

Error NotXlsx() { return Error::InvalidArgument("xlsx.not_xlsx", "文件不是有效的 .xlsx 工作簿"); }

Error Malformed(std::string_view part, std::string_view detail) {
  return Error::InvalidArgument("xlsx.malformed",
                                "工作簿内容损坏：" + std::string(part) + " " + std::string(detail));
}

Error TooLarge(std::string message) {
  return {ErrorCode::kTooLarge, "xlsx.too_large", std::move(message), {}};
}

std::string_view LocalName(const XML_Char* name) {
  const char* separator = std::strrchr(name, kNamespaceSeparator);
  return separator != nullptr ? separator + 1 : name;
}

// The value of the attribute named `name` (namespace-qualified as expat reports it:
// "uri local", or just "local" for an unprefixed attribute), or nullptr.
const XML_Char* Attr(const XML_Char** attrs, std::string_view name) {
  for (; attrs[0] != nullptr; attrs += 2) {
    if (name == attrs[0]) return attrs[1];
  }
  return nullptr;
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimXmlSpace(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Appends `in` to `out`, decoding the OOXML escapes "_xHHHH_" that spreadsheet writers use
// for characters XML cannot carry (control characters; "_x005F_" for a literal underscore).
// Surrogate escapes are kept literally.
void AppendUnescaped(std::string& out, std::string_view in) {
  size_t pos = 0;
  while (true) {
    size_t hit = in.find("_x", pos);
    if (hit == std::string_view::npos || hit + 7 > in.size()) break;
    unsigned cp = 0;
    bool hex = in[hit + 6] == '_';
    for (size_t i = hit + 2; hex && i < hit + 6; ++i) {
      int v = HexValue(in[i]);
      hex = v >= 0;
      cp = cp * 16 + static_cast<unsigned>(v);
    }
    if (!hex || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.append(in.substr(pos, hit + 1 - pos));
      pos = hit + 1;
      continue;
    }
    out.append(in.substr(pos, hit - pos));
    AppendUtf8(out, cp);
    pos = hit + 7;
  }
  out.append(in.substr(pos));
}

// Parses the column letters of a cell reference ("AB12" -> 27). Returns -1 when malformed
// and kMaxColumns when the column is beyond XFD.
int ParseColumn(std::string_view ref) {
  int column = 0;
  size_t i = 0;
  for (; i < ref.size(); ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    if (i == 3) return -1;  // no column has four letters
    column = column * 26 + (c - 'A' + 1);
  }
  if (i == 0) return -1;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return -1;
  }
  return column > kMaxColumns ? kMaxColumns : column - 1;
}

// Parses a row number "1".."1048576"; 0 when malformed.
int ParseRowNumber(std::string_view text) {
  int row = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), row);
  if (ec != std::errc() || end != text.data() + text.size() || row < 1 || row > kMaxRowNumber) {
    return 0;
  }
  return row;
}

// Joins `target` from a relationship of xl/workbook.xml onto "xl/", resolving "." and "..";
// an absolute target ("/xl/...") is taken from the package root.
std::string ResolveTarget(std::string_view target) {
  std::string joined =
      target.starts_with('/') ? std::string(target.substr(1)) : "xl/" + std::string(target);
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string path;
  for (std::string_view part : parts) {
    if (!path.empty()) path += '/';
    path += part;
  }
  return path;
}

// A SAX handler for one part. It halts the parse by setting `error` or `stop`; text is passed
// to OnText only while `sink` is set, so unwanted text costs nothing.
class PartHandler {
 public:
  virtual ~PartHandler() = default;
  virtual void OnStart(std::string_view name, const XML_Char** attrs) = 0;
  virtual void OnEnd(std::string_view name) = 0;

  std::string* sink = nullptr;
  std::optional<Error> error;
  bool stop = false;
};

struct ParseState {
  XML_Parser parser;
  PartHandler* handler;
  bool halted = false;
  bool doctype = false;

  void HaltIfAsked() {
    if (handler->error || handler->stop) {
      halted = true;
      XML_StopParser(parser, XML_FALSE);
    }
  }
};

void XMLCALL OnStartElement(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* state = static_cast<ParseState*>(data);
  if (state->halted) return;
  state->handler->OnStart(LocalName(name), attrs);
  state->HaltIfAsked();
}

void XMLCALL OnEndElement(void* data, const XML_Char* name) {
  auto* state = static_cast<ParseState*>(data);
  if (state->halted) return;
  state->handler->OnEnd(LocalName(name));
  state->HaltIfAsked();
}

void XMLCALL OnCharacterData(void* data, const XML_Char* text, int length) {
  auto* state = static_cast<ParseState*>(data);
  if (!state->halted && state->handler->sink != nullptr) {
    state->handler->sink->append(text, static_cast<size_t>(length));
  }
}

// OOXML parts never have a DTD; refusing one shuts out entity expansion attacks.
void XMLCALL OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* state = static_cast<ParseState*>(data);
  state->doctype = true;
  state->halted = true;
  XML_StopParser(state->parser, XML_FALSE);
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// xl/workbook.xml: the date system and the first sheet.
class WorkbookHandler : public PartHandler {
 public:
  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name == "workbookPr") {
      const char* v = Attr(attrs, "date1904");
      date1904 = v != nullptr && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
    } else if (name == "sheet") {
      found_sheet = true;
      if (const char* v = Attr(attrs, "name")) sheet_name = v;
      // r:id, in the transitional or the strict relationships namespace.
      for (const XML_Char** a = attrs; a[0] != nullptr; a += 2) {
        std::string_view attr = a[0];
        if (LocalName(a[0]) == "id" && attr.find("relationships ") != std::string_view::npos) {
          sheet_rel_id = a[1];
        }
      }
      stop = true;  // workbookPr precedes the sheets; nothing more is needed
    }
  }
  void OnEnd(std::string_view) override {}

  bool date1904 = false;
  bool found_sheet = false;
  std::string sheet_name;
  std::string sheet_rel_id;
};

// xl/_rels/workbook.xml.rels: where the first sheet and the shared strings are.
class RelsHandler : public PartHandler {
 public:
  explicit RelsHandler(std::string_view sheet_rel_id) : sheet_rel_id_(sheet_rel_id) {}

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    const char* mode = Attr(attrs, "TargetMode");
    if (target == nullptr || (mode != nullptr && std::strcmp(mode, "External") == 0)) return;
    if (id != nullptr && !sheet_rel_id_.empty() && sheet_rel_id_ == id) {
      sheet_target = ResolveTarget(target);
    }
    if (type != nullptr && std::string_view(type).ends_with("/sharedStrings")) {
      shared_strings_target = ResolveTarget(target);
    }
  }
  void OnEnd(std::string_view) override {}

  std::string sheet_target;
  std::string shared_strings_target;

 private:
  std::string_view sheet_rel_id_;
};

// The shared string table: all strings in one pool, entry i ending at ends[i].
struct SharedStrings {
  std::string pool;
  std::vector<size_t> ends;

  size_t size() const { return ends.size(); }
  std::string_view operator[](size_t i) const {
    size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(pool).substr(begin, ends[i] - begin);
  }
};

// Collects the text of an <si> or <is> string item: the <t> directly inside it or inside its
// rich-text runs <r>, not the phonetic hints <rPh>. A <t> without xml:space="preserve" loses
// its leading and trailing white space.
class StringItem {
 public:
  void Reset() {
    text_.clear();
    in_phonetic_ = false;
  }
  // Returns where the text of a starting element goes, or nullptr.
  std::string* OnStart(std::string_view name, const XML_Char** attrs) {
    if (name == "rPh") {
      in_phonetic_ = true;
    } else if (name == "t" && !in_phonetic_) {
      const char* space = Attr(attrs, kXmlSpace);
      preserve_ = space != nullptr && std::strcmp(space, "preserve") == 0;
      run_.clear();
      return &run_;
    }
    return nullptr;
  }
  // Returns true when the sink must be cleared.
  bool OnEnd(std::string_view name) {
    if (name == "rPh") {
      in_phonetic_ = false;
    } else if (name == "t" && !in_phonetic_) {
      text_ += preserve_ ? std::string_view(run_) : TrimXmlSpace(run_);
      return true;
    }
    return false;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;  // escaped as in the file
  std::string run_;
  bool in_phonetic_ = false;
  bool preserve_ = false;
};

// xl/sharedStrings.xml.
class SharedStringsHandler : public PartHandler {
 public:
  SharedStringsHandler(SharedStrings& out, uint64_t max_entries)
      : out_(out), max_entries_(max_entries) {}

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name == "si") {
      in_item_ = true;
      item_.Reset();
    } else if (in_item_) {
      sink = item_.OnStart(name, attrs);
    }
  }
  void OnEnd(std::string_view name) override {
    if (!in_item_) return;
    if (name == "si") {
      in_item_ = false;
      if (out_.size() >= max_entries_) {
        error = TooLarge("工作簿的共享字符串超过 " + std::to_string(max_entries_) + " 条上限");
        return;
      }
      AppendUnescaped(out_.pool, item_.text());
      out_.ends.push_back(out_.pool.size());
    } else if (item_.OnEnd(name)) {
      sink = nullptr;
    }
  }

 private:
  SharedStrings& out_;
  uint64_t max_entries_;
  StringItem item_;
  bool in_item_ = false;
};

// A worksheet's <sheetData>, delivered row by row.
class SheetHandler : public PartHandler {
 public:
  SheetHandler(const SharedStrings& shared, const XlsxRowCallback& on_row, int64_t max_rows,
               std::string_view part)
      : shared_(shared), on_row_(on_row), max_rows_(max_rows), part_(part) {}

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (in_cell_) {
      StartInCell(name, attrs);
    } else if (name == "c" && in_row_) {
      StartCell(attrs);
    } else if (name == "row") {
      StartRow(attrs);
    }
  }

  void OnEnd(std::string_view name) override {
    if (!in_cell_) {
      if (name == "row" && in_row_) EndRow();
      return;
    }
    if (in_inline_) {
      if (name == "is") {
        in_inline_ = false;
      } else if (inline_.OnEnd(name)) {
        sink = nullptr;
      }
    } else if (name == "v") {
      sink = nullptr;
    } else if (name == "c") {
      EndCell();
    }
  }

 private:
  struct PendingCell {
    int column;
    XlsxCellKind kind;
    size_t begin;  // of the text in row_text_
    size_t size;
  };

  void StartRow(const XML_Char** attrs) {
    in_row_ = true;
    next_column_ = 0;
    pending_.clear();
    row_text_.clear();
    if (const char* r = Attr(attrs, "r")) {
      row_number_ = ParseRowNumber(r);
      if (row_number_ == 0) error = Malformed(part_, "行号「" + std::string(r) + "」无效");
    } else {
      row_number_ = last_row_number_ + 1;
      if (row_number_ > kMaxRowNumber) error = Malformed(part_, "行数超过 1048576");
    }
  }

  void StartCell(const XML_Char** attrs) {
    int column = next_column_;
    if (const char* r = Attr(attrs, "r")) {
      column = ParseColumn(r);
      if (column < 0) {
        error = Malformed(part_, "单元格位置「" + std::string(r) + "」无效");
        return;
      }
    }
    if (column >= kMaxColumns || pending_.size() >= static_cast<size_t>(kMaxColumns)) {
      error = TooLarge("第 " + std::to_string(row_number_) + " 行超过 16384 列");
      return;
    }
    const char* t = Attr(attrs, "t");
    std::string_view type = t != nullptr ? t : "n";
    if (type == "n") {
      kind_ = Kind::kNumber;
    } else if (type == "s") {
      kind_ = Kind::kShared;
    } else if (type == "inlineStr") {
      kind_ = Kind::kInline;
    } else if (type == "str" || type == "d") {
      kind_ = Kind::kString;
    } else if (type == "b") {
      kind_ = Kind::kBoolean;
    } else if (type == "e") {
      kind_ = Kind::kError;
    } else {
      error = Malformed(part_, "单元格类型「" + std::string(type) + "」未知");
      return;
    }
    next_column_ = column + 1;
    column_ = column;
    in_cell_ = true;
    has_value_ = false;
    value_.clear();
  }

  void StartInCell(std::string_view name, const XML_Char** attrs) {
    if (in_inline_) {
      sink = inline_.OnStart(name, attrs);
    } else if (name == "v") {
      has_value_ = true;
      value_.clear();
      sink = &value_;
    } else if (name == "is") {
      has_value_ = true;
      in_inline_ = true;
      inline_.Reset();
    }
  }

  void EndCell() {
    in_cell_ = false;
    sink = nullptr;
    size_t begin = row_text_.size();
    XlsxCellKind kind = XlsxCellKind::kEmpty;
    if (has_value_) {
      switch (kind_) {
        case Kind::kNumber:
          row_text_ += TrimXmlSpace(value_);
          kind = row_text_.size() == begin ? XlsxCellKind::kEmpty : XlsxCellKind::kNumber;
          break;
        case Kind::kShared: {
          std::string_view digits = TrimXmlSpace(value_);
          size_t index = 0;
          auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
          if (ec != std::errc() || end != digits.data() + digits.size() ||
              index >= shared_.size()) {
            error = Malformed(part_, "共享字符串编号「" + value_ + "」无效");
            return;
          }
          row_text_ += shared_[index];
          kind = XlsxCellKind::kText;
          break;
        }
        case Kind::kInline:
          AppendUnescaped(row_text_, inline_.text());
          kind = XlsxCellKind::kText;
          break;
        case Kind::kString:
          AppendUnescaped(row_text_, value_);
          kind = XlsxCellKind::kText;
          break;
        case Kind::kBoolean:
          row_text_ += TrimXmlSpace(value_);
          kind = XlsxCellKind::kBoolean;
          break;
        case Kind::kError:
          row_text_ += TrimXmlSpace(value_);
          kind = XlsxCellKind::kError;
          break;
      }
    }
    pending_.push_back({column_, kind, begin, row_text_.size() - begin});
  }

  void EndRow() {
    in_row_ = false;
    last_row_number_ = row_number_;
    if (pending_.empty()) return;
    if (++rows_delivered_ > max_rows_) {
      error = Error{ErrorCode::kTooLarge,
                    "xlsx.too_many_rows",
                    "工作表超过 " + std::to_string(max_rows_) + " 行上限",
                    {}};
      return;
    }
    cells_.clear();
    std::string_view text = row_text_;
    for (const PendingCell& p : pending_) {
      cells_.push_back({p.column, p.kind, text.substr(p.begin, p.size)});
    }
    if (!on_row_(row_number_, cells_)) stop = true;
  }

  enum class Kind { kNumber, kShared, kInline, kString, kBoolean, kError };

  const SharedStrings& shared_;
  const XlsxRowCallback& on_row_;
  const int64_t max_rows_;
  const std::string_view part_;

  bool in_row_ = false;
  int row_number_ = 0;
  int last_row_number_ = 0;
  int next_column_ = 0;
  int64_t rows_delivered_ = 0;
  std::string row_text_;  // the texts of the row's cells, one after another
  std::vector<PendingCell> pending_;
  std::vector<XlsxReadCell> cells_;

  bool in_cell_ = false;
  bool in_inline_ = false;
  bool has_value_ = false;
  int column_ = 0;
  Kind kind_ = Kind::kNumber;
  std::string value_;
  StringItem inline_;
};

}  // namespace

struct XlsxReader::Impl {
  XlsxReadOptions options;
  std::unique_ptr<zip_t, ZipDiscard> zip;
  uint64_t bytes_left = 0;  // of options.max_uncompressed_bytes
  bool date1904 = false;
  std::string sheet_name;
  std::string sheet_part;
  SharedStrings shared;

  std::optional<zip_uint64_t> Locate(const std::string& name) const {
    zip_int64_t index = zip_name_locate(zip.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    return static_cast<zip_uint64_t>(index);
  }

  Error OverLimit() const {
    const uint64_t limit = options.max_uncompressed_bytes;
    const std::string size = limit % (uint64_t{1} << 20) == 0 ? std::to_string(limit >> 20) + " MiB"
                                                              : std::to_string(limit) + " 字节";
    return TooLarge("工作簿解压后超过 " + size + " 上限");
  }

  // Streams the entry `index`, named `part`, through `handler`; Ok also when the handler
  // stopped early.
  Status Parse(zip_uint64_t index, std::string_view part, PartHandler& handler) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) != 0 &&
        st.size > bytes_left) {
      return OverLimit();
    }
    std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(zip.get(), index, 0));
    if (!file) return Malformed(part, std::string("无法解压：") + zip_strerror(zip.get()));
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(
        XML_ParserCreateNS(nullptr, kNamespaceSeparator));
    if (!parser) return Error::Internal("expat 无法创建解析器");
    ParseState state{parser.get(), &handler};
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), OnStartElement, OnEndElement);
    XML_SetCharacterDataHandler(parser.get(), OnCharacterData);
    XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);

    while (true) {
      void* buffer = XML_GetBuffer(parser.get(), kChunkBytes);
      if (buffer == nullptr) return Error::Internal("expat 内存不足");
      zip_int64_t n = zip_fread(file.get(), buffer, kChunkBytes);
      if (n < 0) {
        return Malformed(
            part, std::string("无法解压：") + zip_error_strerror(zip_file_get_error(file.get())));
      }
      if (static_cast<uint64_t>(n) > bytes_left) return OverLimit();
      bytes_left -= static_cast<uint64_t>(n);
      const bool last = n == 0;
      XML_Status status = XML_ParseBuffer(parser.get(), static_cast<int>(n), last);
      if (state.halted) {
        if (state.doctype) return Malformed(part, "含有 DTD");
        if (handler.error) return *handler.error;
        return Ok();
      }
      if (status != XML_STATUS_OK) {
        return Malformed(part, "第 " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                                   " 行不是有效的 XML：" +
                                   XML_ErrorString(XML_GetErrorCode(parser.get())));
      }
      if (last) return Ok();
    }
  }
};

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::~XlsxReader() = default;

bool XlsxReader::date1904() const { return impl_->date1904; }
const std::string& XlsxReader::sheet_name() const { return impl_->sheet_name; }
const std::string& XlsxReader::sheet_part() const { return impl_->sheet_part; }

Result<std::unique_ptr<XlsxReader>> XlsxReader::Open(std::string_view bytes,
                                                     XlsxReadOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->bytes_left = options.max_uncompressed_bytes;

  zip_error_t zip_error;
  zip_error_init(&zip_error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zip_error);
  if (source == nullptr) {
    zip_error_fini(&zip_error);
    return Error::Internal("libzip 无法读取内存");
  }
  impl->zip.reset(zip_open_from_source(source, ZIP_RDONLY, &zip_error));
  zip_error_fini(&zip_error);
  if (!impl->zip) {
    zip_source_free(source);
    return NotXlsx();
  }

  const std::string workbook_part = "xl/workbook.xml";
  auto workbook_index = impl->Locate(workbook_part);
  if (!workbook_index) return NotXlsx();
  WorkbookHandler workbook;
  DJ_RETURN_IF_ERROR(impl->Parse(*workbook_index, workbook_part, workbook));
  impl->date1904 = workbook.date1904;
  impl->sheet_name = workbook.sheet_name;

  RelsHandler rels(workbook.sheet_rel_id);
  const std::string rels_part = "xl/_rels/workbook.xml.rels";
  if (auto rels_index = impl->Locate(rels_part)) {
    DJ_RETURN_IF_ERROR(impl->Parse(*rels_index, rels_part, rels));
  }

  std::optional<zip_uint64_t> sheet_index;
  if (!rels.sheet_target.empty()) {
    sheet_index = impl->Locate(rels.sheet_target);
    if (sheet_index) impl->sheet_part = rels.sheet_target;
  }
  if (!sheet_index) {
    impl->sheet_part = kFallbackSheet;
    sheet_index = impl->Locate(impl->sheet_part);
  }
  if (!sheet_index) return NotXlsx();

  std::string shared_part = rels.shared_strings_target.empty() ? std::string(kDefaultSharedStrings)
                                                               : rels.shared_strings_target;
  if (auto shared_index = impl->Locate(shared_part)) {
    SharedStringsHandler handler(impl->shared, options.max_shared_strings);
    DJ_RETURN_IF_ERROR(impl->Parse(*shared_index, shared_part, handler));
  }
  return std::unique_ptr<XlsxReader>(new XlsxReader(std::move(impl)));
}

Status XlsxReader::ReadRows(const XlsxRowCallback& on_row) {
  auto index = impl_->Locate(impl_->sheet_part);
  if (!index) return NotXlsx();
  SheetHandler handler(impl_->shared, on_row, impl_->options.max_rows, impl_->sheet_part);
  return impl_->Parse(*index, impl_->sheet_part, handler);
}

std::optional<Date> DateFromExcelSerial(double serial, bool date1904) {
  if (!std::isfinite(serial)) return std::nullopt;
  const double day = std::floor(serial);
  if (date1904) {
    static const Date kEpoch1904 = *Date::FromYmd(1904, 1, 1);
    constexpr double kLast1904 = 2957003;  // 9999-12-31
    if (day < 0 || day > kLast1904) return std::nullopt;
    return kEpoch1904.AddDays(static_cast<int32_t>(day));
  }
  // Serial 1 is 1900-01-01; Excel counts a 1900-02-29 as serial 60, so from serial 61 on the
  // date is one day earlier than a plain count from 1899-12-31 gives.
  static const Date kDayZero = *Date::FromYmd(1899, 12, 31);
  constexpr double kLast1900 = 2958465;  // 9999-12-31
  if (day < 1 || day == 60 || day > kLast1900) return std::nullopt;
  return kDayZero.AddDays(static_cast<int32_t>(day < 60 ? day : day - 1));
}

std::optional<Date> DateFromExcelSerialText(std::string_view text, bool date1904) {
  double serial = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return DateFromExcelSerial(serial, date1904);
}

}  // namespace dj
