#include "domain/life/meeting_service.h"

#include <algorithm>
#include <unordered_map>

#include "common/text.h"

namespace dj {
namespace {

Error Accepted() {
  return Error::Conflict("meeting.accepted", "会议记录已审核通过，不能再修改或删除");
}

void TextLimit(std::vector<FieldError>& errors, const char* field, const std::string& value,
               size_t max, const char* label) {
  if (Utf8Length(value) > max) {
    errors.push_back({0, field, "", "too_long",
                      std::string(label) + "不能超过 " + std::to_string(max) + " 个字"});
  }
}

// Whether the bytes begin as a file of `mime` does.
bool MagicMatches(const std::string& mime, const std::string& data) {
  auto starts = [&](std::string_view magic) {
    return data.size() >= magic.size() && std::string_view(data).substr(0, magic.size()) == magic;
  };
  if (mime == "image/jpeg") return starts("\xFF\xD8\xFF");
  if (mime == "image/png") return starts("\x89PNG\r\n\x1A\n");
  if (mime == "application/pdf") return starts("%PDF-");
  return false;
}

}  // namespace

NodeId RollNodeOf(const OrgNode& holder) {
  return holder.kind == NodeKind::kGroup && holder.parent_id ? *holder.parent_id : holder.id;
}

Status MeetingService::LoadIndex() {
  DJ_ASSIGN_OR_RETURN(std::vector<MeetingFacts> facts, repo_.LoadFacts());
  index_.Load(facts);
  return Ok();
}

Result<Meeting> MeetingService::Get(MeetingId id) { return repo_.Get(id); }

std::vector<FieldError> MeetingService::Check(Meeting& m) const {
  std::vector<FieldError> errors;
  auto add = [&](std::string field, std::string value, std::string key, std::string message) {
    errors.push_back({0, std::move(field), std::move(value), std::move(key), std::move(message)});
  };
  const Date today = clock_.Today();
  std::optional<OrgNode> holder = roster_.GetNode(m.node_id);
  if (!holder) {
    add("node_id", std::to_string(m.node_id), "node_not_found", "组织不存在");
  } else if (!MayHold(holder->kind, m.type)) {
    add("type", MeetingTypeId(m.type), "type_not_held_here",
        std::string(MeetingTypeLabel(m.type)) + "不由" + NodeKindLabel(holder->kind) + "召开");
  } else if (m.type == MeetingType::kCommitteeMeeting && holder->committee_size == 0) {
    add("type", MeetingTypeId(m.type), "no_committee", "本支部未设支部委员会，不召开支委会");
  }
  if (m.date > today) {
    add("date", m.date.ToString(), "date_in_future", "会议日期不能晚于今天");
  } else if (m.date.year() < 2000) {
    add("date", m.date.ToString(), "date_out_of_range", "会议日期不能早于 2000 年");
  }
  if (m.start_minute < 0 || m.start_minute >= 24 * 60) {
    add("start_time", std::to_string(m.start_minute), "time_invalid", "开始时间无效");
  }
  if (m.duration_minutes < 0 || m.duration_minutes > 24 * 60) {
    add("duration_minutes", std::to_string(m.duration_minutes), "duration_invalid",
        "会议时长应在 0 至 1440 分钟之间");
  }
  TextLimit(errors, "place", m.place, kMeetingShortText, "地点");
  TextLimit(errors, "host", m.host, kMeetingShortText, "主持人");
  TextLimit(errors, "recorder", m.recorder, kMeetingShortText, "记录人");
  TextLimit(errors, "minutes", m.minutes, kMeetingMinutesText, "会议记录");
  TextLimit(errors, "decisions", m.decisions, kMeetingDecisionsText, "决议事项");
  std::erase_if(m.topics, [](const Topic& t) { return t.title.empty(); });
  if (m.topics.empty()) {
    add("topics", "", "topics_required", "请至少填写一项议题");
  } else if (m.topics.size() > kMeetingMaxTopics) {
    add("topics", "", "too_many", "议题不能超过 " + std::to_string(kMeetingMaxTopics) + " 项");
  }
  for (const Topic& t : m.topics) TextLimit(errors, "topics", t.title, kMeetingTopicText, "议题");

  // Participants must be on the rolls of the branch (the unit for a study group) that day.
  std::sort(m.attendees.begin(), m.attendees.end());
  if (std::adjacent_find(m.attendees.begin(), m.attendees.end()) != m.attendees.end()) {
    add("attendees", "", "attendee_duplicate", "参会人员有重复");
    m.attendees.erase(std::unique(m.attendees.begin(), m.attendees.end()), m.attendees.end());
  }
  std::sort(m.absences.begin(), m.absences.end(),
            [](const Absence& a, const Absence& b) { return a.member_id < b.member_id; });
  std::unordered_map<MemberId, RollEntry> roll;
  std::string roll_name;
  if (holder) {
    NodeId roll_node = RollNodeOf(*holder);
    m.branch_id = roll_node;
    for (RollEntry& e : roster_.RollOn(roll_node, m.date)) roll.emplace(e.id, std::move(e));
    if (std::optional<OrgNode> n = roster_.GetNode(roll_node)) roll_name = n->name;
  }
  if (holder) {
    for (MemberId id : m.attendees) {
      if (!roll.count(id)) {
        add("attendees", std::to_string(id), "attendee_not_member",
            "党员 " + std::to_string(id) + " 在 " + m.date.ToString() + " 不是" + roll_name +
                "的党员");
      }
    }
    MemberId previous = 0;
    for (const Absence& a : m.absences) {
      if (!roll.count(a.member_id)) {
        add("absences", std::to_string(a.member_id), "attendee_not_member",
            "党员 " + std::to_string(a.member_id) + " 在 " + m.date.ToString() + " 不是" +
                roll_name + "的党员");
      }
      if (std::binary_search(m.attendees.begin(), m.attendees.end(), a.member_id)) {
        add("absences", std::to_string(a.member_id), "absent_and_present",
            "党员 " + std::to_string(a.member_id) + " 不能既到会又缺席");
      }
      if (a.member_id == previous) {
        add("absences", std::to_string(a.member_id), "absence_duplicate", "缺席人员有重复");
      }
      TextLimit(errors, "absences", a.note, kMeetingShortText, "缺席说明");
      previous = a.member_id;
    }
  }
  if (m.type == MeetingType::kHeartTalk) {
    if (m.attendees.size() < 2) {
      add("attendees", std::to_string(m.attendees.size()), "heart_talk_participants",
          "谈心谈话至少需要 2 名参加人（ZB-18-12）");
    }
  } else if (m.attendees.empty()) {
    add("attendees", "0", "attendees_required", "请选择到会人员");
  }
  if (holder && m.type == MeetingType::kCommitteeMeeting && holder->committee_size > 0 &&
      static_cast<int>(m.attendees.size()) * 2 <= holder->committee_size) {
    add("attendees", std::to_string(m.attendees.size()), "committee_no_quorum",
        "支委会须有半数以上委员到会（委员 " + std::to_string(holder->committee_size) +
            " 名，到会 " + std::to_string(m.attendees.size()) + " 名，ZB-18-6）");
  }

  // Votes: only a branch assembly votes, with more than half of the full members present,
  // and a motion carries with yes votes from more than half of them (ZB-18-5, XJ-20-3).
  if (!m.votes.empty() && m.type != MeetingType::kBranchAssembly) {
    add("votes", "", "votes_not_allowed", "只有支部党员大会进行表决");
  } else if (!m.votes.empty()) {
    int eligible = 0;
    for (const auto& [id, e] : roll) eligible += e.full ? 1 : 0;
    int present = 0;
    for (MemberId id : m.attendees) {
      auto it = roll.find(id);
      if (it != roll.end() && it->second.full) ++present;
    }
    if (present * 2 <= eligible) {
      add("votes", std::to_string(present), "vote_no_quorum",
          "到会有表决权的党员 " + std::to_string(present) + " 名，未超过应到会有表决权党员 " +
              std::to_string(eligible) + " 名的半数，不能表决（ZB-18-5）");
    }
    for (size_t i = 0; i < m.votes.size(); ++i) {
      Vote& v = m.votes[i];
      std::string where = "第 " + std::to_string(i + 1) + " 项表决";
      if (v.motion.empty()) add("votes", "", "motion_required", where + "缺少表决事项");
      TextLimit(errors, "votes", v.motion, kMeetingTopicText, "表决事项");
      if (v.yes < 0 || v.no < 0 || v.abstain < 0) {
        add("votes", "", "vote_invalid", where + "的票数不能为负数");
      } else if (v.yes + v.no + v.abstain > present) {
        add("votes", std::to_string(v.yes + v.no + v.abstain), "vote_too_many",
            where + "的票数合计 " + std::to_string(v.yes + v.no + v.abstain) +
                " 超过到会有表决权党员 " + std::to_string(present) + " 名");
      }
      v.eligible = eligible;
      v.passed = v.yes * 2 > eligible;
    }
  }
  return errors;
}

Result<Meeting> MeetingService::Create(const WriteContext& ctx, Meeting m) {
  std::lock_guard lock(write_mutex_);
  std::vector<FieldError> errors = Check(m);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  const int64_t now = clock_.NowUnixSeconds();
  m.id = 0;
  m.status = MeetingStatus::kSubmitted;
  m.return_reason.clear();
  m.reviewed_by = 0;
  m.reviewer_name.clear();
  m.reviewed_at = 0;
  m.created_by = ctx.user_id;
  m.created_at = now;
  m.updated_at = now;
  m.attachments.clear();
  DJ_ASSIGN_OR_RETURN(Meeting stored, repo_.Insert(ctx, m));
  index_.Add(FactsOf(stored));
  return stored;
}

Result<Meeting> MeetingService::Update(const WriteContext& ctx, MeetingId id, Meeting m) {
  std::lock_guard lock(write_mutex_);
  DJ_ASSIGN_OR_RETURN(Meeting before, repo_.Get(id));
  if (before.status == MeetingStatus::kAccepted) return Accepted();
  if (m.node_id != before.node_id || m.type != before.type) {
    return Error::InvalidArgument("meeting.node_change",
                                  "不能修改会议的召开组织或类型，请删除后重新记录");
  }
  std::vector<FieldError> errors = Check(m);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  m.id = id;
  m.status = MeetingStatus::kSubmitted;
  m.return_reason.clear();
  m.reviewed_by = before.reviewed_by;
  m.reviewer_name = before.reviewer_name;
  m.reviewed_at = before.reviewed_at;
  m.created_by = before.created_by;
  m.created_at = before.created_at;
  m.updated_at = clock_.NowUnixSeconds();
  m.attachments = before.attachments;
  DJ_RETURN_IF_ERROR(repo_.Update(ctx, before, m));
  index_.Replace(FactsOf(before), FactsOf(m));
  return m;
}

Status MeetingService::Delete(const WriteContext& ctx, MeetingId id) {
  std::lock_guard lock(write_mutex_);
  DJ_ASSIGN_OR_RETURN(Meeting before, repo_.Get(id));
  if (before.status == MeetingStatus::kAccepted) return Accepted();
  DJ_RETURN_IF_ERROR(repo_.Delete(ctx, before));
  index_.Remove(FactsOf(before));
  return Ok();
}

Result<Meeting> MeetingService::Review(const WriteContext& ctx, MeetingId id, bool accept,
                                       const std::string& reason) {
  std::lock_guard lock(write_mutex_);
  DJ_ASSIGN_OR_RETURN(Meeting before, repo_.Get(id));
  if (before.status != MeetingStatus::kSubmitted) {
    return Error::Conflict(
        "meeting.not_submitted",
        std::string("会议记录") + MeetingStatusLabel(before.status) + "，只有待审核的记录可以审核");
  }
  if (!accept && reason.empty()) {
    return Error::Validation({{0, "reason", "", "reason_required", "退回时请写明原因"}});
  }
  if (Utf8Length(reason) > kMeetingTopicText) {
    return Error::Validation({{0, "reason", "", "too_long", "退回原因不能超过 200 个字"}});
  }
  Meeting after = before;
  after.status = accept ? MeetingStatus::kAccepted : MeetingStatus::kReturned;
  after.return_reason = accept ? "" : reason;
  after.reviewed_by = ctx.user_id;
  after.reviewer_name = ctx.user_name;
  after.reviewed_at = clock_.NowUnixSeconds();
  DJ_RETURN_IF_ERROR(repo_.Update(ctx, before, after));
  index_.Replace(FactsOf(before), FactsOf(after));
  return after;
}

Result<Attachment> MeetingService::Attach(const WriteContext& ctx, MeetingId id, std::string name,
                                          const std::string& mime, const std::string& data) {
  std::lock_guard lock(write_mutex_);
  DJ_ASSIGN_OR_RETURN(Meeting meeting, repo_.Get(id));
  if (meeting.status == MeetingStatus::kAccepted) return Accepted();
  if (mime != "image/jpeg" && mime != "image/png" && mime != "application/pdf") {
    return Error::InvalidArgument("attachment.type_not_allowed",
                                  "附件只能是 JPEG、PNG 图片或 PDF 文件，而不是 " + mime);
  }
  if (data.empty()) return Error::InvalidArgument("attachment.empty", "附件是空文件");
  if (static_cast<int64_t>(data.size()) > kAttachmentMaxBytes) {
    return Error{ErrorCode::kTooLarge, "attachment.too_large", "附件不能超过 10 MiB", {}};
  }
  if (!MagicMatches(mime, data)) {
    return Error::InvalidArgument("attachment.type_mismatch", "文件内容与类型 " + mime + " 不符");
  }
  if (meeting.attachments.size() >= kAttachmentsPerMeeting) {
    return Error::Conflict(
        "attachment.too_many",
        "每条会议记录最多 " + std::to_string(kAttachmentsPerMeeting) + " 个附件");
  }
  name = NormalizeInput(name);
  if (name.empty()) name = "附件";
  if (Utf8Length(name) > kMeetingShortText) {
    return Error::Validation({{0, "name", "", "too_long", "文件名不能超过 100 个字"}});
  }
  Attachment a;
  a.meeting_id = id;
  a.name = std::move(name);
  a.mime = mime;
  a.size = static_cast<int64_t>(data.size());
  return repo_.AddAttachment(ctx, a, data);
}

Result<std::pair<Attachment, std::string>> MeetingService::GetAttachment(MeetingId id,
                                                                         AttachmentId aid) {
  return repo_.GetAttachment(id, aid);
}

Status MeetingService::DeleteAttachment(const WriteContext& ctx, MeetingId id, AttachmentId aid) {
  std::lock_guard lock(write_mutex_);
  DJ_ASSIGN_OR_RETURN(Meeting meeting, repo_.Get(id));
  if (meeting.status == MeetingStatus::kAccepted) return Accepted();
  DJ_ASSIGN_OR_RETURN(auto found, repo_.GetAttachment(id, aid));
  return repo_.DeleteAttachment(ctx, found.first);
}

}  // namespace dj
