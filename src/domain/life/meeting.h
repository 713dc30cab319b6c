// Organisational life (组织生活): the records of 三会一课, theme days, org-life meetings,
// member reviews, heart talks and the unit's study-group sessions. Each record is entered
// once by the branch; compliance, reminders and ledgers are computed from these records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "domain/org/org_node.h"

namespace dj {

using MeetingId = int64_t;
using AttachmentId = int64_t;

enum class MeetingType {
  kBranchAssembly,    // 支部党员大会 (ZB-18-5)
  kCommitteeMeeting,  // 支委会 (ZB-18-6)
  kGroupMeeting,      // 党小组会 (ZB-18-7), held by a group
  kPartyLecture,      // 党课 (ZB-18-9)
  kThemeDay,          // 主题党日 (ZB-18-8)
  kOrgLifeMeeting,    // 组织生活会 (ZB-18-10)
  kMemberReview,      // 民主评议党员 (ZB-18-11)
  kHeartTalk,         // 谈心谈话 (ZB-18-12): two or more participants
  kStudyGroup,  // 理论学习中心组学习, held by a unit's organ committee or general branch
};
inline constexpr int kMeetingTypeCount = 9;

// "branch_assembly", "committee_meeting", ... as in the glossary.
const char* MeetingTypeId(MeetingType type);
std::optional<MeetingType> ParseMeetingType(std::string_view id);
// "支部党员大会", "支委会", ...
const char* MeetingTypeLabel(MeetingType type);
// Whether a node of `kind` holds meetings of `type`: groups hold group meetings; organ
// committees, general branches and units hold study-group sessions; branches the rest.
bool MayHold(NodeKind kind, MeetingType type);

enum class AbsenceReason {
  kOfficial,  // 公假
  kSick,      // 病假
  kPersonal,  // 事假
  kOther,     // 其他 (the note says what)
};
inline constexpr int kAbsenceReasonCount = 4;
const char* AbsenceReasonId(AbsenceReason reason);  // "official", "sick", "personal", "other"
std::optional<AbsenceReason> ParseAbsenceReason(std::string_view id);
const char* AbsenceReasonLabel(AbsenceReason reason);  // "公假", "病假", "事假", "其他"

// The review state of a record. A new or corrected record is submitted; the unit accepts it
// or returns it with a reason. Returned records do not count towards compliance until fixed.
enum class MeetingStatus {
  kSubmitted,  // 待审核
  kAccepted,   // 已通过
  kReturned,   // 已退回
};
const char* MeetingStatusId(MeetingStatus status);  // "submitted", "accepted", "returned"
std::optional<MeetingStatus> ParseMeetingStatus(std::string_view id);
const char* MeetingStatusLabel(MeetingStatus status);
// Whether a record in `status` counts as held (submitted or accepted).
inline bool CountsAsHeld(MeetingStatus status) { return status != MeetingStatus::kReturned; }

struct Topic {
  std::string title;
  bool first_agenda = false;  // 第一议题: studying the latest speeches and instructions first

  bool operator==(const Topic&) const = default;
};

struct Absence {
  MemberId member_id = 0;
  AbsenceReason reason = AbsenceReason::kOfficial;
  std::string note;

  bool operator==(const Absence&) const = default;
};

// A vote taken at the meeting (a branch assembly's resolutions, ZB-18-5).
struct Vote {
  std::string motion;
  int yes = 0;
  int no = 0;
  int abstain = 0;
  // Computed when the record is checked: members entitled to vote (full members of the branch
  // on the day, XJ-20-3) and whether the motion carried (yes * 2 > eligible).
  int eligible = 0;
  bool passed = false;

  bool operator==(const Vote&) const = default;
};

// An image or PDF kept with the record; the bytes are stored apart.
struct Attachment {
  AttachmentId id = 0;
  MeetingId meeting_id = 0;
  std::string name;
  std::string mime;  // "image/jpeg", "image/png" or "application/pdf"
  int64_t size = 0;

  bool operator==(const Attachment&) const = default;
};

struct Meeting {
  MeetingId id = 0;
  NodeId node_id = 0;    // the branch, group or unit body holding it
  NodeId branch_id = 0;  // the branch it counts for (a group's branch); node_id for study groups
  MeetingType type = MeetingType::kBranchAssembly;
  Date date;
  int start_minute = 0;  // minutes after midnight, Asia/Shanghai
  int duration_minutes = 0;
  std::string place;
  std::string host;      // 主持人 (or the lecturer of a party lecture)
  std::string recorder;  // 记录人
  std::vector<Topic> topics;
  std::vector<MemberId> attendees;  // ascending ids
  std::vector<Absence> absences;    // ascending member ids
  std::string minutes;
  std::string decisions;
  std::vector<Vote> votes;

  MeetingStatus status = MeetingStatus::kSubmitted;
  std::string return_reason;  // set while returned
  int64_t reviewed_by = 0;    // user id, 0 before any review
  std::string reviewer_name;
  int64_t reviewed_at = 0;  // unix seconds
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  std::vector<Attachment> attachments;  // read with the record, not written with it

  bool operator==(const Meeting&) const = default;
};

// What the read model keeps of a meeting.
struct MeetingFacts {
  MeetingId id = 0;
  NodeId node_id = 0;
  NodeId branch_id = 0;
  MeetingType type = MeetingType::kBranchAssembly;
  Date date;
  MeetingStatus status = MeetingStatus::kSubmitted;
  std::vector<MemberId> attendees;

  bool operator==(const MeetingFacts&) const = default;
};

MeetingFacts FactsOf(const Meeting& meeting);

}  // namespace dj
