#include "exchange/meeting_ledger.h"

#include <expat.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/testing/fixtures.h"
#include "office/xlsx_reader.h"

namespace dj {
namespace {

using testing::D;

// --- reading the files back ---

// The content of zip entry `name` in `bytes`, or "" when absent.
std::string ZipEntry(const std::string& bytes, const std::string& name) {
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
  if (zip_file_t* file = zip_fopen(zip, name.c_str(), 0)) {
    char buffer[4096];
    for (zip_int64_t n; (n = zip_fread(file, buffer, sizeof buffer)) > 0;) {
      content.append(buffer, static_cast<size_t>(n));
    }
    zip_fclose(file);
  }
  zip_discard(zip);
  return content;
}

// `bytes` with the content of sheet `n` (from 1) put in place of the first sheet, so that
// XlsxReader, which reads the first sheet, reads sheet `n`.
std::string WithSheetFirst(const std::string& bytes, int n) {
  if (n == 1) return bytes;
  const std::string sheet = ZipEntry(bytes, "xl/worksheets/sheet" + std::to_string(n) + ".xml");
  EXPECT_FALSE(sheet.empty()) << "no sheet " << n;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(source);
  zip_source_begin_write(source);
  zip_source_write(source, bytes.data(), bytes.size());
  zip_source_commit_write(source);
  zip_t* zip = zip_open_from_source(source, 0, &error);
  EXPECT_NE(zip, nullptr);
  zip_int64_t index = zip_name_locate(zip, "xl/worksheets/sheet1.xml", 0);
  EXPECT_GE(index, 0);
  zip_source_t* replacement = zip_source_buffer(zip, sheet.data(), sheet.size(), 0);
  EXPECT_EQ(zip_file_replace(zip, static_cast<zip_uint64_t>(index), replacement, 0), 0);
  EXPECT_EQ(zip_close(zip), 0);
  std::string out;
  EXPECT_EQ(zip_source_open(source), 0);
  char buffer[4096];
  for (zip_int64_t got; (got = zip_source_read(source, buffer, sizeof buffer)) > 0;) {
    out.append(buffer, static_cast<size_t>(got));
  }
  zip_source_close(source);
  zip_source_free(source);
  zip_error_fini(&error);
  return out;
}

// A row read back: its row number and its non-empty cells by column (0 for A).
struct SheetRow {
  int number;
  std::map<int, std::string> cells;
  bool operator==(const SheetRow&) const = default;
};

std::ostream& operator<<(std::ostream& os, const SheetRow& r) {
  os << "row " << r.number << ":";
  for (const auto& [column, text] : r.cells) os << " " << column << "=\"" << text << "\"";
  return os;
}

// Every row of sheet `n` of the workbook `bytes`, read with XlsxReader. Numbers are checked
// to be number cells: `numeric` lists the columns that must hold numbers in data rows (from
// row `first_data_row` on).
std::vector<SheetRow> ReadSheet(const std::string& bytes, int n, std::vector<int> numeric = {},
                                int first_data_row = 3) {
  std::vector<SheetRow> rows;
  const std::string book = WithSheetFirst(bytes, n);
  auto reader = XlsxReader::Open(book);
  EXPECT_TRUE(reader.ok()) << reader.error().message;
  if (!reader.ok()) return rows;
  Status read = (*reader)->ReadRows([&](int number, std::span<const XlsxReadCell> cells) {
    SheetRow row{number, {}};
    for (const XlsxReadCell& c : cells) {
      if (c.kind == XlsxCellKind::kEmpty) continue;
      const bool is_number = c.kind == XlsxCellKind::kNumber;
      const bool want_number =
          number >= first_data_row &&
          std::find(numeric.begin(), numeric.end(), c.column) != numeric.end() &&
          !(c.column == 0 && c.text == "本年度无记录");
      EXPECT_EQ(is_number, want_number) << "row " << number << " column " << c.column;
      row.cells[c.column] = std::string(c.text);
    }
    rows.push_back(std::move(row));
    return true;
  });
  EXPECT_TRUE(read.ok()) << read.error().message;
  return rows;
}

// The texts of a .docx in reading order: one entry per paragraph (line breaks as "\n"),
// "|" after each table row.
std::vector<std::string> DocxTexts(const std::string& bytes) {
  const std::string document = ZipEntry(bytes, "word/document.xml");
  struct State {
    std::vector<std::string> out;
    std::string current;
    bool in_text = false;
  } state;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char**) {
        auto* s = static_cast<State*>(data);
        std::string_view n(name);
        if (n == "w:p") s->current.clear();
        if (n == "w:t") s->in_text = true;
        if (n == "w:br") s->current += "\n";
      },
      [](void* data, const XML_Char* name) {
        auto* s = static_cast<State*>(data);
        std::string_view n(name);
        if (n == "w:p") s->out.push_back(s->current);
        if (n == "w:t") s->in_text = false;
        if (n == "w:tr") s->out.push_back("|");
      });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int len) {
    auto* s = static_cast<State*>(data);
    if (s->in_text) s->current.append(text, static_cast<size_t>(len));
  });
  EXPECT_EQ(XML_Parse(parser, document.data(), static_cast<int>(document.size()), XML_TRUE),
            XML_STATUS_OK)
      << XML_ErrorString(XML_GetErrorCode(parser));
  XML_ParserFree(parser);
  return state.out;
}

// Expects `want` to appear in `texts` in this order (other texts may come between).
void ExpectInOrder(const std::vector<std::string>& texts, const std::vector<std::string>& want) {
  size_t at = 0;
  for (const std::string& w : want) {
    while (at < texts.size() && texts[at] != w) ++at;
    ASSERT_LT(at, texts.size()) << "missing, or out of order: \"" << w << "\"";
    ++at;
  }
}

size_t Count(const std::vector<std::string>& texts, const std::string& text) {
  return static_cast<size_t>(std::count(texts.begin(), texts.end(), text));
}

// --- the records ---

std::vector<MemberId> Attendees(int n) {
  std::vector<MemberId> ids;
  for (int i = 1; i <= n; ++i) ids.push_back(i);
  return ids;
}

LedgerRecord Record(MeetingId id, MeetingType type, const char* date, int start_minute) {
  LedgerRecord r;
  r.meeting.id = id;
  r.meeting.type = type;
  r.meeting.date = D(date);
  r.meeting.start_minute = start_minute;
  r.meeting.status = MeetingStatus::kAccepted;
  return r;
}

const std::string kAssemblyVotes =
    "同意接收李明为预备党员。\n接收李明为预备党员：同意9票，反对1票，弃权0票，通过";
const std::string kBranchTitle = "第一党支部 2024年组织生活台账";

MeetingLedger BranchLedger() {
  MeetingLedger ledger;
  ledger.org_name = "第一党支部";
  ledger.year = 2024;

  LedgerRecord march = Record(11, MeetingType::kBranchAssembly, "2024-03-05", 14 * 60 + 30);
  march.meeting.place = "党员活动室";
  march.meeting.host = "张三";
  march.meeting.recorder = "李四";
  march.meeting.topics = {{"学习习近平新时代中国特色社会主义思想", true}, {"讨论发展党员", false}};
  march.meeting.attendees = Attendees(10);
  march.expected = 12;
  march.absences = {{"王五", {21, AbsenceReason::kSick, ""}},
                    {"赵六", {22, AbsenceReason::kOfficial, "出差"}}};
  march.meeting.decisions = "同意接收李明为预备党员。";
  march.meeting.votes = {{"接收李明为预备党员", 9, 1, 0, 12, true}};

  LedgerRecord january = Record(12, MeetingType::kBranchAssembly, "2024-01-10", 9 * 60);
  january.meeting.place = "三楼会议室";
  january.meeting.host = "张三";
  january.meeting.recorder = "李四";
  january.meeting.topics = {{"年度工作部署", false}};
  january.meeting.attendees = Attendees(12);
  january.expected = 12;
  january.meeting.votes = {{"2024年工作计划", 5, 6, 1, 12, false}};
  january.meeting.status = MeetingStatus::kSubmitted;

  LedgerRecord committee = Record(13, MeetingType::kCommitteeMeeting, "2024-02-01", 10 * 60);
  committee.meeting.host = "张三";
  committee.meeting.topics = {{"研究季度工作", false}};
  committee.meeting.attendees = Attendees(5);
  committee.expected = 5;
  committee.meeting.status = MeetingStatus::kReturned;

  LedgerRecord group = Record(14, MeetingType::kGroupMeeting, "2024-04-01", 16 * 60 + 5);
  group.node_name = "第一党小组";
  group.meeting.host = "钱九";
  group.meeting.topics = {{"学习<条例>&讨论", false}, {"交流心得", false}};
  group.meeting.attendees = Attendees(6);
  group.expected = 7;
  group.absences = {{"孙七", {31, AbsenceReason::kPersonal, "家中有事"}}};

  LedgerRecord talk = Record(15, MeetingType::kHeartTalk, "2024-06-01", 0);
  talk.meeting.host = "张三";
  talk.meeting.attendees = Attendees(2);
  talk.expected = 2;

  ledger.records = {march, january, committee, group, talk};
  ledger.requirements = {{MeetingType::kCommitteeMeeting, "每月至少召开1次"},
                         {MeetingType::kBranchAssembly, "每季度至少召开1次"},
                         {MeetingType::kPartyLecture, "每季度至少1次"}};
  return ledger;
}

StudyGroupLedger StudyLedger() {
  StudyGroupLedger ledger;
  ledger.org_name = "省财政厅";
  ledger.year = 2024;

  LedgerRecord may = Record(21, MeetingType::kStudyGroup, "2024-05-20", 15 * 60);
  may.meeting.place = "第一会议室";
  may.meeting.host = "厅长";
  may.meeting.recorder = "办公室";
  may.meeting.topics = {{"研究部署主题教育", false},
                        {"学习习近平总书记重要讲话精神", true},
                        {"学习重要指示批示", true}};
  may.meeting.attendees = Attendees(15);
  may.expected = 17;
  may.absences = {{"孙七", {31, AbsenceReason::kPersonal, "家中有事"}},
                  {"周八", {32, AbsenceReason::kOther, ""}}};

  LedgerRecord february = Record(22, MeetingType::kStudyGroup, "2024-02-20", 9 * 60 + 30);
  february.meeting.place = "第二会议室";
  february.meeting.host = "厅长";
  february.meeting.recorder = "办公室";
  february.meeting.topics = {{"学习贯彻党的二十大精神", false}};
  february.meeting.attendees = Attendees(16);
  february.expected = 16;

  LedgerRecord same_day = Record(23, MeetingType::kStudyGroup, "2024-05-20", 9 * 60);
  same_day.meeting.topics = {{"传达学习全国两会精神", true}};
  same_day.meeting.attendees = Attendees(3);

  ledger.records = {may, february, same_day};
  return ledger;
}

const std::map<int, std::string> kMeetingHeader = {
    {0, "序号"}, {1, "日期"},      {2, "地点"},           {3, "主持人"},        {4, "记录人"},
    {5, "议题"}, {6, "应到/实到"}, {7, "缺席人员及原因"}, {8, "决议/表决结果"}, {9, "审核状态"}};

// --- the branch ledger ---

TEST(MeetingLedgerTest, XlsxSummarySheetCountsEachTypeInGlossaryOrder) {
  auto bytes = WriteMeetingLedgerXlsx(BranchLedger());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const std::string workbook = ZipEntry(*bytes, "xl/workbook.xml");
  size_t at = 0;
  for (const char* name : {"汇总", "支部党员大会", "支委会", "党小组会", "党课", "主题党日",
                           "组织生活会", "民主评议党员", "谈心谈话"}) {
    at = workbook.find(std::string("<sheet name=\"") + name + "\"", at);
    EXPECT_NE(at, std::string::npos) << name;
  }
  EXPECT_EQ(ZipEntry(*bytes, "xl/worksheets/sheet10.xml"), "");

  EXPECT_EQ(
      ReadSheet(*bytes, 1, {1}),
      (std::vector<SheetRow>{
          {1, {{0, kBranchTitle}}},
          {2, {{0, "会议类型"}, {1, "次数"}, {2, "要求"}, {3, "备注"}}},
          {3, {{0, "支部党员大会"}, {1, "2"}, {2, "每季度至少召开1次"}, {3, "其中1次待审核"}}},
          {4, {{0, "支委会"}, {1, "0"}, {2, "每月至少召开1次"}, {3, "另有1次已退回"}}},
          {5, {{0, "党小组会"}, {1, "1"}}},
          {6, {{0, "党课"}, {1, "0"}, {2, "每季度至少1次"}}},
          {7, {{0, "主题党日"}, {1, "0"}}},
          {8, {{0, "组织生活会"}, {1, "0"}}},
          {9, {{0, "民主评议党员"}, {1, "0"}}},
          {10, {{0, "谈心谈话"}, {1, "1"}}},
          {12, {{0, "说明：次数为待审核和已通过的记录数；已退回的记录修改并重新提交后计入。"}}},
      }));
}

TEST(MeetingLedgerTest, XlsxTypeSheetsListRecordsByDate) {
  auto bytes = WriteMeetingLedgerXlsx(BranchLedger());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;

  struct Case {
    int sheet;
    std::vector<SheetRow> rows;
  };
  std::map<int, std::string> group_header = kMeetingHeader;
  group_header[10] = "党小组";
  const std::vector<Case> cases = {
      {2,
       {{1, {{0, "第一党支部 2024年支部党员大会台账"}}},
        {2, kMeetingHeader},
        {3,
         {{0, "1"},
          {1, "2024-01-10 09:00"},
          {2, "三楼会议室"},
          {3, "张三"},
          {4, "李四"},
          {5, "年度工作部署"},
          {6, "12/12"},
          {7, "无"},
          {8, "2024年工作计划：同意5票，反对6票，弃权1票，未通过"},
          {9, "待审核"}}},
        {4,
         {{0, "2"},
          {1, "2024-03-05 14:30"},
          {2, "党员活动室"},
          {3, "张三"},
          {4, "李四"},
          {5, "学习习近平新时代中国特色社会主义思想；讨论发展党员"},
          {6, "12/10"},
          {7, "王五（病假）、赵六（公假：出差）"},
          {8, kAssemblyVotes},
          {9, "已通过"}}}}},
      {3,
       {{1, {{0, "第一党支部 2024年支委会台账"}}},
        {2, kMeetingHeader},
        {3,
         {{0, "1"},
          {1, "2024-02-01 10:00"},
          {3, "张三"},
          {5, "研究季度工作"},
          {6, "5/5"},
          {7, "无"},
          {9, "已退回"}}}}},
      {4,
       {{1, {{0, "第一党支部 2024年党小组会台账"}}},
        {2, group_header},
        {3,
         {{0, "1"},
          {1, "2024-04-01 16:05"},
          {3, "钱九"},
          {5, "学习<条例>&讨论；交流心得"},
          {6, "7/6"},
          {7, "孙七（事假：家中有事）"},
          {9, "已通过"},
          {10, "第一党小组"}}}}},
      {5,
       {{1, {{0, "第一党支部 2024年党课台账"}}}, {2, kMeetingHeader}, {3, {{0, "本年度无记录"}}}}},
      {8,
       {{1, {{0, "第一党支部 2024年民主评议党员台账"}}},
        {2, kMeetingHeader},
        {3, {{0, "本年度无记录"}}}}},
      {9,
       {{1, {{0, "第一党支部 2024年谈心谈话台账"}}},
        {2, kMeetingHeader},
        {3,
         {{0, "1"}, {1, "2024-06-01 00:00"}, {3, "张三"}, {6, "2/2"}, {7, "无"}, {9, "已通过"}}}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("sheet " + std::to_string(c.sheet));
    EXPECT_EQ(ReadSheet(*bytes, c.sheet, {0}), c.rows);
  }
}

TEST(MeetingLedgerTest, DocxHasTitleSummaryAndOneSectionPerType) {
  auto bytes = WriteMeetingLedgerDocx(BranchLedger());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const std::vector<std::string> texts = DocxTexts(*bytes);
  ASSERT_FALSE(texts.empty());
  EXPECT_EQ(texts.front(), kBranchTitle);
  ExpectInOrder(texts, {kBranchTitle,
                        "一、会议次数汇总",
                        "会议类型",
                        "次数",
                        "要求",
                        "备注",
                        "|",
                        "支部党员大会",
                        "2",
                        "每季度至少召开1次",
                        "其中1次待审核",
                        "|",
                        "支委会",
                        "0",
                        "每月至少召开1次",
                        "另有1次已退回",
                        "|",
                        "谈心谈话",
                        "1",
                        "|",
                        "说明：次数为待审核和已通过的记录数；已退回的记录修改并重新提交后计入。",
                        "二、支部党员大会",
                        "序号",
                        "决议/表决结果",
                        "审核状态",
                        "|",
                        "1",
                        "2024-01-10 09:00",
                        "2024年工作计划：同意5票，反对6票，弃权1票，未通过",
                        "待审核",
                        "|",
                        "2",
                        "2024-03-05 14:30",
                        "学习习近平新时代中国特色社会主义思想；讨论发展党员",
                        "12/10",
                        "王五（病假）、赵六（公假：出差）",
                        kAssemblyVotes,
                        "已通过",
                        "|",
                        "三、支委会",
                        "已退回",
                        "四、党小组会",
                        "党小组",
                        "学习<条例>&讨论；交流心得",
                        "第一党小组",
                        "五、党课",
                        "本年度无记录。",
                        "六、主题党日",
                        "本年度无记录。",
                        "七、组织生活会",
                        "本年度无记录。",
                        "八、民主评议党员",
                        "本年度无记录。",
                        "九、谈心谈话",
                        "2024-06-01 00:00",
                        "2/2"});
  EXPECT_EQ(Count(texts, "党小组"), 1u);  // the column of the group meetings only
  EXPECT_EQ(Count(texts, "本年度无记录。"), 4u);

  const std::string document = ZipEntry(*bytes, "word/document.xml");
  EXPECT_NE(document.find("学习&lt;条例&gt;&amp;讨论"), std::string::npos);
  EXPECT_NE(document.find("w:orient=\"landscape\""), std::string::npos);
  EXPECT_NE(document.find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(ZipEntry(*bytes, "docProps/core.xml").find(kBranchTitle), std::string::npos);
}

TEST(MeetingLedgerTest, EmptyLedgerHasEverySection) {
  MeetingLedger ledger{.org_name = "第二党支部", .year = 2025};
  auto xlsx = WriteMeetingLedgerXlsx(ledger);
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(ReadSheet(*xlsx, 1, {1}).size(), 11u);  // title, header, 8 types, note
  for (int sheet = 2; sheet <= 9; ++sheet) {
    auto rows = ReadSheet(*xlsx, sheet, {0});
    ASSERT_EQ(rows.size(), 3u) << sheet;
    EXPECT_EQ(rows[2], (SheetRow{3, {{0, "本年度无记录"}}})) << sheet;
  }
  auto docx = WriteMeetingLedgerDocx(ledger);
  ASSERT_TRUE(docx.ok()) << docx.error().message;
  const auto texts = DocxTexts(*docx);
  EXPECT_EQ(texts.front(), "第二党支部 2025年组织生活台账");
  EXPECT_EQ(Count(texts, "本年度无记录。"), 8u);
}

// --- the study-group ledger ---

const std::map<int, std::string> kStudyHeader = {
    {0, "序号"},     {1, "日期"},     {2, "地点"},           {3, "主持人"}, {4, "学习主题"},
    {5, "第一议题"}, {6, "参加人数"}, {7, "缺席人员及原因"}, {8, "记录人"}};

TEST(MeetingLedgerTest, StudyGroupXlsxListsSessionsWithFirstAgenda) {
  auto bytes = WriteStudyGroupLedgerXlsx(StudyLedger());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  auto reader = XlsxReader::Open(*bytes);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->sheet_name(), "中心组学习台账");
  EXPECT_EQ(ReadSheet(*bytes, 1, {0, 6}),
            (std::vector<SheetRow>{
                {1, {{0, "省财政厅 2024年理论学习中心组学习台账"}}},
                {2, kStudyHeader},
                {3,
                 {{0, "1"},
                  {1, "2024-02-20 09:30"},
                  {2, "第二会议室"},
                  {3, "厅长"},
                  {4, "学习贯彻党的二十大精神"},
                  {5, "—"},
                  {6, "16"},
                  {7, "无"},
                  {8, "办公室"}}},
                {4,
                 {{0, "2"},
                  {1, "2024-05-20 09:00"},
                  {4, "—"},
                  {5, "传达学习全国两会精神"},
                  {6, "3"},
                  {7, "无"}}},
                {5,
                 {{0, "3"},
                  {1, "2024-05-20 15:00"},
                  {2, "第一会议室"},
                  {3, "厅长"},
                  {4, "研究部署主题教育"},
                  {5, "学习习近平总书记重要讲话精神；学习重要指示批示"},
                  {6, "15"},
                  {7, "孙七（事假：家中有事）、周八（其他）"},
                  {8, "办公室"}}},
            }));
  EXPECT_EQ(ZipEntry(*bytes, "xl/worksheets/sheet2.xml"), "");
}

TEST(MeetingLedgerTest, StudyGroupDocxListsSessionsInOrder) {
  auto bytes = WriteStudyGroupLedgerDocx(StudyLedger());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  EXPECT_EQ(DocxTexts(*bytes),
            (std::vector<std::string>{"省财政厅 2024年理论学习中心组学习台账",
                                      "序号",
                                      "日期",
                                      "地点",
                                      "主持人",
                                      "学习主题",
                                      "第一议题",
                                      "参加人数",
                                      "缺席人员及原因",
                                      "记录人",
                                      "|",
                                      "1",
                                      "2024-02-20 09:30",
                                      "第二会议室",
                                      "厅长",
                                      "学习贯彻党的二十大精神",
                                      "—",
                                      "16",
                                      "无",
                                      "办公室",
                                      "|",
                                      "2",
                                      "2024-05-20 09:00",
                                      "",
                                      "",
                                      "—",
                                      "传达学习全国两会精神",
                                      "3",
                                      "无",
                                      "",
                                      "|",
                                      "3",
                                      "2024-05-20 15:00",
                                      "第一会议室",
                                      "厅长",
                                      "研究部署主题教育",
                                      "学习习近平总书记重要讲话精神；学习重要指示批示",
                                      "15",
                                      "孙七（事假：家中有事）、周八（其他）",
                                      "办公室",
                                      "|",
                                      ""}));
}

TEST(MeetingLedgerTest, EmptyStudyGroupLedgerSaysSo) {
  StudyGroupLedger ledger{.org_name = "省财政厅", .year = 2024};
  auto xlsx = WriteStudyGroupLedgerXlsx(ledger);
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(ReadSheet(*xlsx, 1),
            (std::vector<SheetRow>{{1, {{0, "省财政厅 2024年理论学习中心组学习台账"}}},
                                   {2, kStudyHeader},
                                   {3, {{0, "本年度无记录"}}}}));
  auto docx = WriteStudyGroupLedgerDocx(ledger);
  ASSERT_TRUE(docx.ok()) << docx.error().message;
  EXPECT_EQ(DocxTexts(*docx),
            (std::vector<std::string>{"省财政厅 2024年理论学习中心组学习台账", "本年度无记录。"}));
}

// --- errors ---

struct ErrorCase {
  std::string name;
  std::function<void(MeetingLedger&)> change;
  std::string key;
  std::string message;  // from both writers
};

TEST(MeetingLedgerTest, RefusesBadBranchLedgers) {
  const std::vector<ErrorCase> cases = {
      {"study-group session",
       [](MeetingLedger& l) { l.records[1].meeting.type = MeetingType::kStudyGroup; },
       "ledger.record_invalid",
       "第 2 条记录（编号 12）是理论学习中心组学习，不能列入支部组织生活台账"},
      {"another year", [](MeetingLedger& l) { l.records[0].meeting.date = D("2023-12-31"); },
       "ledger.record_invalid", "第 1 条记录（编号 11）的日期 2023-12-31 不在 2024 年内"},
      {"start after the day", [](MeetingLedger& l) { l.records[2].meeting.start_minute = 1440; },
       "ledger.record_invalid", "第 3 条记录（编号 13）的开始时间无效（当日第 1440 分钟）"},
      {"start before the day", [](MeetingLedger& l) { l.records[2].meeting.start_minute = -1; },
       "ledger.record_invalid", "第 3 条记录（编号 13）的开始时间无效（当日第 -1 分钟）"},
      {"negative expected", [](MeetingLedger& l) { l.records[4].expected = -1; },
       "ledger.record_invalid", "第 5 条记录（编号 15）的应到人数不能为负"},
      {"requirement twice",
       [](MeetingLedger& l) {
         l.requirements.push_back({MeetingType::kCommitteeMeeting, "每月1次"});
       },
       "ledger.requirement_invalid", "支委会的要求给出了两次"},
      {"requirement for study groups",
       [](MeetingLedger& l) {
         l.requirements.push_back({MeetingType::kStudyGroup, "每月1次"});
       },
       "ledger.requirement_invalid", "支部组织生活台账不含理论学习中心组学习，不能给出其要求"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    MeetingLedger ledger = BranchLedger();
    c.change(ledger);
    for (const auto& write : {WriteMeetingLedgerXlsx, WriteMeetingLedgerDocx}) {
      auto bytes = write(ledger);
      ASSERT_FALSE(bytes.ok());
      EXPECT_EQ(bytes.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(bytes.error().key, c.key);
      EXPECT_EQ(bytes.error().message, c.message);
    }
  }
}

TEST(MeetingLedgerTest, RefusesBadTextNamingTheCell) {
  // The January assembly is the first row of the second table and of the second sheet.
  MeetingLedger ledger = BranchLedger();
  ledger.records[1].meeting.host = "张\xff";
  auto xlsx = WriteMeetingLedgerXlsx(ledger);
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.error().key, "xlsx.cell_invalid");
  EXPECT_EQ(xlsx.error().message, "工作表「支部党员大会」第 3 行 D 列的文字不是有效的 UTF-8");
  auto docx = WriteMeetingLedgerDocx(ledger);
  ASSERT_FALSE(docx.ok());
  EXPECT_EQ(docx.error().key, "docx.text_invalid");
  EXPECT_EQ(docx.error().message, "Word 文档的第 2 个表格第 1 行第 4 列不是有效的 UTF-8 文字");

  // A control character Word cannot hold; the workbook keeps it.
  StudyGroupLedger study = StudyLedger();
  study.records[0].absences[0].second.note = "家中\x01有事";
  EXPECT_TRUE(WriteStudyGroupLedgerXlsx(study).ok());
  auto study_docx = WriteStudyGroupLedgerDocx(study);
  ASSERT_FALSE(study_docx.ok());
  EXPECT_EQ(study_docx.error().key, "docx.text_invalid");
  EXPECT_EQ(study_docx.error().message,
            "Word 文档的第 1 个表格第 3 行第 8 列含有不允许的字符 U+0001");
}

TEST(MeetingLedgerTest, RefusesBadStudyGroupLedgers) {
  struct Case {
    std::string name;
    std::function<void(StudyGroupLedger&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"branch meeting",
       [](StudyGroupLedger& l) { l.records[2].meeting.type = MeetingType::kPartyLecture; },
       "第 3 条记录（编号 23）是党课，不是理论学习中心组学习，不能列入中心组学习台账"},
      {"another year", [](StudyGroupLedger& l) { l.records[0].meeting.date = D("2025-01-01"); },
       "第 1 条记录（编号 21）的日期 2025-01-01 不在 2024 年内"},
      {"negative expected", [](StudyGroupLedger& l) { l.records[1].expected = -3; },
       "第 2 条记录（编号 22）的应到人数不能为负"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    StudyGroupLedger ledger = StudyLedger();
    c.change(ledger);
    for (const auto& write : {WriteStudyGroupLedgerXlsx, WriteStudyGroupLedgerDocx}) {
      auto bytes = write(ledger);
      ASSERT_FALSE(bytes.ok());
      EXPECT_EQ(bytes.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(bytes.error().key, "ledger.record_invalid");
      EXPECT_EQ(bytes.error().message, c.message);
    }
  }
}

}  // namespace
}  // namespace dj
