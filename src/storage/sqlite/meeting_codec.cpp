#include "storage/sqlite/meeting_codec.h"

#include <nlohmann/json.hpp>

namespace dj {
namespace {

using nlohmann::ordered_json;

Error Corrupt(const char* what) {
  return Error{
      ErrorCode::kInternal, "storage.corrupt", std::string("会议记录的") + what + "已损坏", {}};
}

ordered_json TopicsJson(const std::vector<Topic>& topics) {
  ordered_json out = ordered_json::array();
  for (const Topic& t : topics)
    out.push_back({{"title", t.title}, {"first_agenda", t.first_agenda}});
  return out;
}

ordered_json VotesJson(const std::vector<Vote>& votes) {
  ordered_json out = ordered_json::array();
  for (const Vote& v : votes) {
    out.push_back({{"motion", v.motion},
                   {"yes", v.yes},
                   {"no", v.no},
                   {"abstain", v.abstain},
                   {"eligible", v.eligible},
                   {"passed", v.passed}});
  }
  return out;
}

}  // namespace

std::string TopicsToJson(const std::vector<Topic>& topics) { return TopicsJson(topics).dump(); }

std::string VotesToJson(const std::vector<Vote>& votes) { return VotesJson(votes).dump(); }

Result<std::vector<Topic>> TopicsFromJson(std::string_view text) {
  ordered_json doc = ordered_json::parse(text, nullptr, false);
  if (!doc.is_array()) return Corrupt("议题");
  std::vector<Topic> out;
  for (const auto& t : doc) {
    if (!t.is_object() || !t.contains("title") || !t["title"].is_string()) return Corrupt("议题");
    out.push_back({t["title"].get<std::string>(), t.value("first_agenda", false)});
  }
  return out;
}

Result<std::vector<Vote>> VotesFromJson(std::string_view text) {
  ordered_json doc = ordered_json::parse(text, nullptr, false);
  if (!doc.is_array()) return Corrupt("表决");
  std::vector<Vote> out;
  for (const auto& v : doc) {
    if (!v.is_object() || !v.contains("motion") || !v["motion"].is_string()) {
      return Corrupt("表决");
    }
    Vote vote;
    vote.motion = v["motion"].get<std::string>();
    vote.yes = v.value("yes", 0);
    vote.no = v.value("no", 0);
    vote.abstain = v.value("abstain", 0);
    vote.eligible = v.value("eligible", 0);
    vote.passed = v.value("passed", false);
    out.push_back(std::move(vote));
  }
  return out;
}

std::string MeetingToJson(const Meeting& m) {
  ordered_json absences = ordered_json::array();
  for (const Absence& a : m.absences) {
    absences.push_back(
        {{"member_id", a.member_id}, {"reason", AbsenceReasonId(a.reason)}, {"note", a.note}});
  }
  ordered_json out = {{"id", m.id},
                      {"node_id", m.node_id},
                      {"branch_id", m.branch_id},
                      {"type", MeetingTypeId(m.type)},
                      {"date", m.date.ToString()},
                      {"start_minute", m.start_minute},
                      {"duration_minutes", m.duration_minutes},
                      {"place", m.place},
                      {"host", m.host},
                      {"recorder", m.recorder},
                      {"topics", TopicsJson(m.topics)},
                      {"attendees", m.attendees},
                      {"absences", std::move(absences)},
                      {"minutes", m.minutes},
                      {"decisions", m.decisions},
                      {"votes", VotesJson(m.votes)},
                      {"status", MeetingStatusId(m.status)},
                      {"return_reason", m.return_reason},
                      {"reviewed_by", m.reviewed_by},
                      {"reviewer_name", m.reviewer_name},
                      {"reviewed_at", m.reviewed_at},
                      {"created_by", m.created_by},
                      {"created_at", m.created_at},
                      {"updated_at", m.updated_at}};
  return out.dump();
}

std::string AttachmentToJson(const Attachment& a) {
  ordered_json out = {{"id", a.id},
                      {"meeting_id", a.meeting_id},
                      {"name", a.name},
                      {"mime", a.mime},
                      {"size", a.size}};
  return out.dump();
}

}  // namespace dj
