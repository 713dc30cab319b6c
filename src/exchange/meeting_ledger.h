// The ledgers (台账) of organisational life as files: a branch's yearly meeting ledger
// (支部组织生活台账) and a unit's yearly study-group ledger (理论学习中心组学习台账), each as an
// .xlsx workbook and as a .docx document. Ledgers are views: the caller reads the records from
// the store and resolves the names they refer to; nothing here is entered or stored.
//
// Cell texts, shared by both formats:
//   日期            "2024-03-05 14:30" (the date and start time);
//   议题 / 学习主题  topic titles joined by "；";
//   第一议题        the topics marked first_agenda joined by "；", or "—" when there are none
//                  (学习主题 then lists only the other topics, "—" when none is left);
//   应到/实到       "12/10": LedgerRecord::expected and the number of meeting.attendees;
//   参加人数        the number of meeting.attendees;
//   缺席人员及原因  "王五（病假）、赵六（公假：出差）", or "无";
//   决议/表决结果   meeting.decisions, then one line per vote
//                  "<motion>：同意N票，反对N票，弃权N票，通过|未通过" (from Vote::passed), joined
//                  by line breaks;
//   审核状态        MeetingStatusLabel ("待审核", "已通过", "已退回").
// Records are listed by date, start time and id, whatever the input order.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/life/meeting.h"

namespace dj {

// One meeting with the names its record refers to by id.
struct LedgerRecord {
  Meeting meeting;  // date, start_minute, place, host, recorder, topics, attendees, decisions,
                    // votes and status are shown; meeting.absences is not read (see below)
  // The holding node's name. Shown in the 党小组 column of the group meetings; other records
  // may leave it empty.
  std::string node_name;
  // The absentees' names with their absences, in the order to show them (usually
  // meeting.absences with each member's name). The note follows the reason after "：".
  std::vector<std::pair<std::string, Absence>> absences;
  int expected = 0;  // 应到: members who should have attended, 0 or more
};

// A branch's meeting records of one year.
struct MeetingLedger {
  std::string org_name;  // the branch, e.g. "省财政厅机关第一党支部"
  int year = 0;
  // Records of the eight branch types (not kStudyGroup), all dated in `year`, in any order
  // and of any status: returned records are listed with their status but not counted.
  std::vector<LedgerRecord> records;
  // What the rules ask of each type ("每季度至少召开1次"), shown in the summary; at most one per
  // type, none for kStudyGroup; a type without one shows an empty cell.
  std::vector<std::pair<MeetingType, std::string>> requirements;
};

// A unit's study-group sessions of one year.
struct StudyGroupLedger {
  std::string org_name;  // the unit or the body holding the sessions
  int year = 0;
  // Records of kStudyGroup, all dated in `year`, in any order. Every record given is listed
  // (there is no status column): leave out the returned ones if they should not appear.
  std::vector<LedgerRecord> records;
};

// The branch ledger as a workbook. Sheet "汇总": row 1 the title "<org_name> <year>年组织生活台账",
// row 2 the header 会议类型 | 次数 | 要求 | 备注, rows 3 to 10 the eight types in glossary order
// (支部党员大会, 支委会, 党小组会, 党课, 主题党日, 组织生活会, 民主评议党员, 谈心谈话) with the
// number of records that count as held, the requirement and "其中N次待审核；另有N次已退回" as far
// as it applies, row 12 a note on what is counted. Then one sheet per type, named by its label:
// row 1 the title "<org_name> <year>年<label>台账", row 2 the header 序号 | 日期 | 地点 | 主持人 |
// 记录人 | 议题 | 应到/实到 | 缺席人员及原因 | 决议/表决结果 | 审核状态 (and 党小组 for group
// meetings), then one row per record (序号 a number), or a single row "本年度无记录".
//
// Errors: "ledger.record_invalid" (kInvalidArgument) for a record of kStudyGroup, dated
// outside `year`, with a negative `expected` or a start time outside the day; the message
// names the record by its position in `records` (from 1) and its id.
// "ledger.requirement_invalid" (kInvalidArgument) for a second requirement of a type or one for
// kStudyGroup. Text that is not valid UTF-8 fails with the writer's "xlsx.cell_invalid";
// "xlsx.write_failed" (kInternal) when the file cannot be written.
Result<std::string> WriteMeetingLedgerXlsx(const MeetingLedger& ledger);

// The branch ledger as a Word document, A4 landscape with the margins of official documents:
// the title, "一、会议次数汇总" with the summary table and the note, then "二、支部党员大会" to
// "九、谈心谈话", each with its table of records (header repeated on every page) or the
// paragraph "本年度无记录。". Same columns and texts as the workbook. Errors as for the workbook,
// with the writer's "docx.text_invalid" and "docx.write_failed".
Result<std::string> WriteMeetingLedgerDocx(const MeetingLedger& ledger);

// The study-group ledger as a workbook of one sheet "中心组学习台账": row 1 the title
// "<org_name> <year>年理论学习中心组学习台账", row 2 the header 序号 | 日期 | 地点 | 主持人 |
// 学习主题 | 第一议题 | 参加人数 | 缺席人员及原因 | 记录人, then one row per record (序号 and
// 参加人数 numbers), or a single row "本年度无记录". Errors as for WriteMeetingLedgerXlsx, where
// "ledger.record_invalid" also covers a record that is not of kStudyGroup.
Result<std::string> WriteStudyGroupLedgerXlsx(const StudyGroupLedger& ledger);

// The study-group ledger as a Word document, A4 landscape: the title, then the table of
// records or the paragraph "本年度无记录。". Errors as for WriteStudyGroupLedgerXlsx, with the
// writer's "docx.text_invalid" and "docx.write_failed".
Result<std::string> WriteStudyGroupLedgerDocx(const StudyGroupLedger& ledger);

}  // namespace dj
