#include "exchange/meeting_ledger.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <span>
#include <tuple>

#include "office/docx_writer.h"
#include "office/xlsx_writer.h"

namespace dj {
namespace {

// The branch's meeting types in the order of the glossary, which the ledger follows.
constexpr std::array<MeetingType, 8> kBranchTypes = {
    MeetingType::kBranchAssembly, MeetingType::kCommitteeMeeting, MeetingType::kGroupMeeting,
    MeetingType::kPartyLecture,   MeetingType::kThemeDay,         MeetingType::kOrgLifeMeeting,
    MeetingType::kMemberReview,   MeetingType::kHeartTalk,
};

// Section numbers of the Word ledger: the summary is 一, the types 二 to 九.
constexpr std::array<const char*, 9> kSectionNumbers = {"一", "二", "三", "四", "五",
                                                        "六", "七", "八", "九"};
static_assert(kSectionNumbers.size() == kBranchTypes.size() + 1);

constexpr char kNone[] = "—";
constexpr char kNoAbsence[] = "无";
constexpr char kNoRecords[] = "本年度无记录";
constexpr char kSummaryNote[] =
    "说明：次数为待审核和已通过的记录数；已退回的记录修改并重新提交后计入。";

// One column of a record table: its header, its width in the workbook (Excel character units)
// and its share of the text width in the Word document.
struct LedgerColumn {
  const char* title;
  double xlsx_width;
  int docx_weight;
  bool centered;  // in Word
};

constexpr std::array<LedgerColumn, 10> kMeetingColumns = {{
    {"序号", 6, 600, true},
    {"日期", 17, 1500, true},
    {"地点", 16, 1100, false},
    {"主持人", 10, 900, true},
    {"记录人", 10, 900, true},
    {"议题", 40, 2400, false},
    {"应到/实到", 10, 1100, true},
    {"缺席人员及原因", 30, 1700, false},
    {"决议/表决结果", 40, 2400, false},
    {"审核状态", 10, 1200, true},
}};
constexpr LedgerColumn kGroupColumn = {"党小组", 16, 1200, false};

constexpr std::array<LedgerColumn, 9> kStudyColumns = {{
    {"序号", 6, 600, true},
    {"日期", 17, 1500, true},
    {"地点", 16, 1300, false},
    {"主持人", 10, 1000, true},
    {"学习主题", 40, 2900, false},
    {"第一议题", 36, 2700, false},
    {"参加人数", 10, 1200, true},
    {"缺席人员及原因", 30, 1900, false},
    {"记录人", 10, 1000, true},
}};
constexpr size_t kStudyAttendanceColumn = 6;

constexpr std::array<LedgerColumn, 4> kSummaryColumns = {{
    {"会议类型", 16, 2400, false},
    {"次数", 8, 1000, true},
    {"要求", 44, 6000, false},
    {"备注", 30, 4000, false},
}};

// "2024-03-05 14:30".
std::string DateTimeText(const Meeting& m) {
  char time[16];
  std::snprintf(time, sizeof time, " %02d:%02d", m.start_minute / 60, m.start_minute % 60);
  return m.date.ToString() + time;
}

// The titles of the topics whose first_agenda is `first_agenda`, joined by "；".
std::string TopicsText(const std::vector<Topic>& topics, bool first_agenda) {
  std::string out;
  for (const Topic& t : topics) {
    if (t.first_agenda != first_agenda) continue;
    if (!out.empty()) out += "；";
    out += t.title;
  }
  return out;
}

std::string AllTopicsText(const std::vector<Topic>& topics) {
  std::string out;
  for (const Topic& t : topics) {
    if (!out.empty()) out += "；";
    out += t.title;
  }
  return out;
}

// "王五（病假）、赵六（公假：出差）", or "无".
std::string AbsencesText(const LedgerRecord& r) {
  if (r.absences.empty()) return kNoAbsence;
  std::string out;
  for (const auto& [name, absence] : r.absences) {
    if (!out.empty()) out += "、";
    out += name + "（" + AbsenceReasonLabel(absence.reason);
    if (!absence.note.empty()) out += "：" + absence.note;
    out += "）";
  }
  return out;
}

// "转为正式党员：同意8票，反对1票，弃权0票，通过".
std::string VoteText(const Vote& v) {
  return v.motion + "：同意" + std::to_string(v.yes) + "票，反对" + std::to_string(v.no) +
         "票，弃权" + std::to_string(v.abstain) + "票，" + (v.passed ? "通过" : "未通过");
}

std::string ResolutionsText(const Meeting& m) {
  std::string out = m.decisions;
  for (const Vote& v : m.votes) {
    if (!out.empty()) out += "\n";
    out += VoteText(v);
  }
  return out;
}

std::string AttendanceText(const LedgerRecord& r) {
  return std::to_string(r.expected) + "/" + std::to_string(r.meeting.attendees.size());
}

std::string OrDash(std::string text) { return text.empty() ? kNone : text; }

Error RecordInvalid(size_t index, const Meeting& m, const std::string& problem) {
  return Error::InvalidArgument(
      "ledger.record_invalid",
      "第 " + std::to_string(index + 1) + " 条记录（编号 " + std::to_string(m.id) + "）" + problem);
}

// Checks what the ledgers assume of every record: its kind (study-group sessions or not), its
// year, a start time within the day and a count of expected members.
Status CheckRecords(const std::vector<LedgerRecord>& records, int year, bool study_group) {
  for (size_t i = 0; i < records.size(); ++i) {
    const Meeting& m = records[i].meeting;
    const bool is_study = m.type == MeetingType::kStudyGroup;
    if (study_group && !is_study) {
      return RecordInvalid(i, m,
                           std::string("是") + MeetingTypeLabel(m.type) +
                               "，不是理论学习中心组学习，不能列入中心组学习台账");
    }
    if (!study_group && is_study) {
      return RecordInvalid(i, m, "是理论学习中心组学习，不能列入支部组织生活台账");
    }
    if (m.date.year() != year) {
      return RecordInvalid(
          i, m, "的日期 " + m.date.ToString() + " 不在 " + std::to_string(year) + " 年内");
    }
    if (m.start_minute < 0 || m.start_minute >= 24 * 60) {
      return RecordInvalid(i, m,
                           "的开始时间无效（当日第 " + std::to_string(m.start_minute) + " 分钟）");
    }
    if (records[i].expected < 0) {
      return RecordInvalid(i, m, "的应到人数不能为负");
    }
  }
  return Ok();
}

// The requirement text of each type, indexed by MeetingType.
Result<std::array<std::string, kMeetingTypeCount>> RequirementsByType(
    const std::vector<std::pair<MeetingType, std::string>>& requirements) {
  std::array<std::string, kMeetingTypeCount> out;
  std::array<bool, kMeetingTypeCount> seen{};
  for (const auto& [type, text] : requirements) {
    if (type == MeetingType::kStudyGroup) {
      return Error::InvalidArgument("ledger.requirement_invalid",
                                    "支部组织生活台账不含理论学习中心组学习，不能给出其要求");
    }
    const auto index = static_cast<size_t>(type);
    if (seen[index]) {
      return Error::InvalidArgument("ledger.requirement_invalid",
                                    std::string(MeetingTypeLabel(type)) + "的要求给出了两次");
    }
    seen[index] = true;
    out[index] = text;
  }
  return out;
}

// The records of `type`, by date, start time and id.
std::vector<const LedgerRecord*> RecordsOf(const std::vector<LedgerRecord>& records,
                                           MeetingType type) {
  std::vector<const LedgerRecord*> out;
  for (const LedgerRecord& r : records) {
    if (r.meeting.type == type) out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(), [](const LedgerRecord* a, const LedgerRecord* b) {
    const Meeting& x = a->meeting;
    const Meeting& y = b->meeting;
    return std::tie(x.date, x.start_minute, x.id) < std::tie(y.date, y.start_minute, y.id);
  });
  return out;
}

// The summary line of one type: the type, the number held, the requirement and the note.
std::vector<std::string> SummaryRow(MeetingType type, const std::vector<LedgerRecord>& records,
                                    const std::string& requirement) {
  int64_t held = 0, pending = 0, returned = 0;
  for (const LedgerRecord& r : records) {
    if (r.meeting.type != type) continue;
    if (CountsAsHeld(r.meeting.status)) ++held;
    if (r.meeting.status == MeetingStatus::kSubmitted) ++pending;
    if (r.meeting.status == MeetingStatus::kReturned) ++returned;
  }
  std::string note;
  if (pending > 0) note = "其中" + std::to_string(pending) + "次待审核";
  if (returned > 0) {
    if (!note.empty()) note += "；";
    note += "另有" + std::to_string(returned) + "次已退回";
  }
  return {MeetingTypeLabel(type), std::to_string(held), requirement, note};
}

// A branch ledger's row for one record, as text.
std::vector<std::string> MeetingRow(size_t number, const LedgerRecord& r, bool group) {
  const Meeting& m = r.meeting;
  std::vector<std::string> row = {std::to_string(number),
                                  DateTimeText(m),
                                  m.place,
                                  m.host,
                                  m.recorder,
                                  AllTopicsText(m.topics),
                                  AttendanceText(r),
                                  AbsencesText(r),
                                  ResolutionsText(m),
                                  MeetingStatusLabel(m.status)};
  if (group) row.push_back(r.node_name);
  return row;
}

// A study-group ledger's row for one record, as text.
std::vector<std::string> StudyRow(size_t number, const LedgerRecord& r) {
  const Meeting& m = r.meeting;
  return {std::to_string(number),
          DateTimeText(m),
          m.place,
          m.host,
          OrDash(TopicsText(m.topics, false)),
          OrDash(TopicsText(m.topics, true)),
          std::to_string(m.attendees.size()),
          AbsencesText(r),
          m.recorder};
}

std::vector<LedgerColumn> MeetingColumns(bool group) {
  std::vector<LedgerColumn> columns(kMeetingColumns.begin(), kMeetingColumns.end());
  if (group) columns.push_back(kGroupColumn);
  return columns;
}

std::string MeetingLedgerTitle(const MeetingLedger& l) {
  return l.org_name + " " + std::to_string(l.year) + "年组织生活台账";
}

std::string TypeSheetTitle(const MeetingLedger& l, MeetingType type) {
  return l.org_name + " " + std::to_string(l.year) + "年" + MeetingTypeLabel(type) + "台账";
}

std::string StudyLedgerTitle(const StudyGroupLedger& l) {
  return l.org_name + " " + std::to_string(l.year) + "年理论学习中心组学习台账";
}

// --- xlsx ---

// Adds a sheet whose first row is `title` and whose second is the headers of `columns`.
Status AddTitledSheet(XlsxWriter& writer, std::string_view name, const std::string& title,
                      std::span<const LedgerColumn> columns) {
  std::vector<XlsxColumn> widths;
  for (const LedgerColumn& c : columns) widths.push_back({"", c.xlsx_width});
  widths[0].title = title;
  DJ_RETURN_IF_ERROR(writer.AddSheet(name, widths));
  std::vector<XlsxCell> header;
  for (const LedgerColumn& c : columns) header.emplace_back(std::string(c.title));
  return writer.AddRow(header);
}

// Writes text `row` with the columns in `numbers`, which hold counts, as numbers.
Status AddTextRow(XlsxWriter& writer, const std::vector<std::string>& row,
                  std::initializer_list<size_t> numbers) {
  std::vector<XlsxCell> cells(row.begin(), row.end());
  for (size_t c : numbers) {
    int64_t value = 0;
    const std::string& text = row[c];
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) cells[c] = value;
  }
  return writer.AddRow(cells);
}

// --- docx ---

// The Word columns of `columns`, their widths sharing out `text_width` by their weights.
std::vector<DocxColumn> DocxColumns(std::span<const LedgerColumn> columns, int text_width) {
  int64_t total = 0;
  for (const LedgerColumn& c : columns) total += c.docx_weight;
  std::vector<DocxColumn> out;
  for (const LedgerColumn& c : columns) {
    out.push_back({c.title, static_cast<int>(c.docx_weight * text_width / total), c.centered});
  }
  return out;
}

// The table of `rows`, or the paragraph saying there are none.
Status AddRecordTable(DocxWriter& doc, std::span<const LedgerColumn> columns,
                      const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return doc.Paragraph(std::string(kNoRecords) + "。");
  return doc.Table(DocxColumns(columns, doc.text_width()), rows);
}

}  // namespace

Result<std::string> WriteMeetingLedgerXlsx(const MeetingLedger& ledger) {
  DJ_RETURN_IF_ERROR(CheckRecords(ledger.records, ledger.year, false));
  DJ_ASSIGN_OR_RETURN(auto requirements, RequirementsByType(ledger.requirements));
  DJ_ASSIGN_OR_RETURN(auto writer, XlsxWriter::Create());

  DJ_RETURN_IF_ERROR(AddTitledSheet(*writer, "汇总", MeetingLedgerTitle(ledger), kSummaryColumns));
  for (MeetingType type : kBranchTypes) {
    auto row = SummaryRow(type, ledger.records, requirements[static_cast<size_t>(type)]);
    DJ_RETURN_IF_ERROR(AddTextRow(*writer, row, {1}));
  }
  DJ_RETURN_IF_ERROR(writer->AddRow(std::vector<XlsxCell>{}));
  DJ_RETURN_IF_ERROR(writer->AddRow(std::vector<XlsxCell>{std::string(kSummaryNote)}));

  for (MeetingType type : kBranchTypes) {
    const bool group = type == MeetingType::kGroupMeeting;
    const std::vector<LedgerColumn> columns = MeetingColumns(group);
    DJ_RETURN_IF_ERROR(
        AddTitledSheet(*writer, MeetingTypeLabel(type), TypeSheetTitle(ledger, type), columns));
    const auto records = RecordsOf(ledger.records, type);
    if (records.empty()) {
      DJ_RETURN_IF_ERROR(writer->AddRow(std::vector<XlsxCell>{std::string(kNoRecords)}));
    }
    for (size_t i = 0; i < records.size(); ++i) {
      DJ_RETURN_IF_ERROR(AddTextRow(*writer, MeetingRow(i + 1, *records[i], group), {0}));
    }
  }
  return writer->Finish();
}

Result<std::string> WriteMeetingLedgerDocx(const MeetingLedger& ledger) {
  DJ_RETURN_IF_ERROR(CheckRecords(ledger.records, ledger.year, false));
  DJ_ASSIGN_OR_RETURN(auto requirements, RequirementsByType(ledger.requirements));
  DocxWriter doc({.orientation = DocxOrientation::kLandscape});

  DJ_RETURN_IF_ERROR(doc.Title(MeetingLedgerTitle(ledger)));
  DJ_RETURN_IF_ERROR(doc.Heading(1, std::string(kSectionNumbers[0]) + "、会议次数汇总"));
  std::vector<std::vector<std::string>> summary;
  for (MeetingType type : kBranchTypes) {
    summary.push_back(SummaryRow(type, ledger.records, requirements[static_cast<size_t>(type)]));
  }
  DJ_RETURN_IF_ERROR(doc.Table(DocxColumns(kSummaryColumns, doc.text_width()), summary));
  DJ_RETURN_IF_ERROR(doc.Paragraph(kSummaryNote));

  for (size_t t = 0; t < kBranchTypes.size(); ++t) {
    const MeetingType type = kBranchTypes[t];
    const bool group = type == MeetingType::kGroupMeeting;
    DJ_RETURN_IF_ERROR(
        doc.Heading(1, std::string(kSectionNumbers[t + 1]) + "、" + MeetingTypeLabel(type)));
    const auto records = RecordsOf(ledger.records, type);
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < records.size(); ++i) {
      rows.push_back(MeetingRow(i + 1, *records[i], group));
    }
    DJ_RETURN_IF_ERROR(AddRecordTable(doc, MeetingColumns(group), rows));
  }
  return doc.Finish();
}

Result<std::string> WriteStudyGroupLedgerXlsx(const StudyGroupLedger& ledger) {
  DJ_RETURN_IF_ERROR(CheckRecords(ledger.records, ledger.year, true));
  DJ_ASSIGN_OR_RETURN(auto writer, XlsxWriter::Create());
  DJ_RETURN_IF_ERROR(
      AddTitledSheet(*writer, "中心组学习台账", StudyLedgerTitle(ledger), kStudyColumns));
  const auto records = RecordsOf(ledger.records, MeetingType::kStudyGroup);
  if (records.empty()) {
    DJ_RETURN_IF_ERROR(writer->AddRow(std::vector<XlsxCell>{std::string(kNoRecords)}));
  }
  for (size_t i = 0; i < records.size(); ++i) {
    DJ_RETURN_IF_ERROR(
        AddTextRow(*writer, StudyRow(i + 1, *records[i]), {0, kStudyAttendanceColumn}));
  }
  return writer->Finish();
}

Result<std::string> WriteStudyGroupLedgerDocx(const StudyGroupLedger& ledger) {
  DJ_RETURN_IF_ERROR(CheckRecords(ledger.records, ledger.year, true));
  DocxWriter doc({.orientation = DocxOrientation::kLandscape});
  DJ_RETURN_IF_ERROR(doc.Title(StudyLedgerTitle(ledger)));
  const auto records = RecordsOf(ledger.records, MeetingType::kStudyGroup);
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < records.size(); ++i) rows.push_back(StudyRow(i + 1, *records[i]));
  DJ_RETURN_IF_ERROR(AddRecordTable(doc, kStudyColumns, rows));
  return doc.Finish();
}

}  // namespace dj
