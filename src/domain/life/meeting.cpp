#include "domain/life/meeting.h"

#include <array>

#include "common/enum_table.h"

namespace dj {
namespace {

constexpr std::array<EnumInfo<MeetingType>, kMeetingTypeCount> kTypes = {{
    {MeetingType::kBranchAssembly, "branch_assembly", "支部党员大会"},
    {MeetingType::kCommitteeMeeting, "committee_meeting", "支委会"},
    {MeetingType::kGroupMeeting, "group_meeting", "党小组会"},
    {MeetingType::kPartyLecture, "party_lecture", "党课"},
    {MeetingType::kThemeDay, "theme_day", "主题党日"},
    {MeetingType::kOrgLifeMeeting, "org_life_meeting", "组织生活会"},
    {MeetingType::kMemberReview, "member_review", "民主评议党员"},
    {MeetingType::kHeartTalk, "heart_talk", "谈心谈话"},
    {MeetingType::kStudyGroup, "study_group", "理论学习中心组学习"},
}};

constexpr std::array<EnumInfo<AbsenceReason>, kAbsenceReasonCount> kReasons = {{
    {AbsenceReason::kOfficial, "official", "公假"},
    {AbsenceReason::kSick, "sick", "病假"},
    {AbsenceReason::kPersonal, "personal", "事假"},
    {AbsenceReason::kOther, "other", "其他"},
}};

constexpr std::array<EnumInfo<MeetingStatus>, 3> kStatuses = {{
    {MeetingStatus::kSubmitted, "submitted", "待审核"},
    {MeetingStatus::kAccepted, "accepted", "已通过"},
    {MeetingStatus::kReturned, "returned", "已退回"},
}};

}  // namespace

const char* MeetingTypeId(MeetingType type) { return InfoOf(kTypes, type).id; }
std::optional<MeetingType> ParseMeetingType(std::string_view id) { return FindById(kTypes, id); }
const char* MeetingTypeLabel(MeetingType type) { return InfoOf(kTypes, type).label; }

bool MayHold(NodeKind kind, MeetingType type) {
  switch (type) {
    case MeetingType::kGroupMeeting:
      return kind == NodeKind::kGroup;
    case MeetingType::kStudyGroup:
      return kind == NodeKind::kUnit || kind == NodeKind::kOrganCommittee ||
             kind == NodeKind::kGeneralBranch;
    default:
      return kind == NodeKind::kBranch;
  }
}

const char* AbsenceReasonId(AbsenceReason reason) { return InfoOf(kReasons, reason).id; }
std::optional<AbsenceReason> ParseAbsenceReason(std::string_view id) {
  return FindById(kReasons, id);
}
const char* AbsenceReasonLabel(AbsenceReason reason) { return InfoOf(kReasons, reason).label; }

const char* MeetingStatusId(MeetingStatus status) { return InfoOf(kStatuses, status).id; }
std::optional<MeetingStatus> ParseMeetingStatus(std::string_view id) {
  return FindById(kStatuses, id);
}
const char* MeetingStatusLabel(MeetingStatus status) { return InfoOf(kStatuses, status).label; }

MeetingFacts FactsOf(const Meeting& meeting) {
  return {meeting.id,   meeting.node_id, meeting.branch_id, meeting.type,
          meeting.date, meeting.status,  meeting.attendees};
}

}  // namespace dj
