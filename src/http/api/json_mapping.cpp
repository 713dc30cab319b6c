#include "http/api/json_mapping.h"

#include <string>
#include <string_view>

#include "common/id_number.h"
#include "common/text.h"

namespace dj::http {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<Date>& date) {
  return date ? json(date->ToString()) : json(nullptr);
}

template <typename T>
json IdOrNull(const std::optional<T>& id) {
  return id ? json(*id) : json(nullptr);
}

// Reads an enumeration given by its glossary id; records a problem naming every choice when the
// id is unknown.
template <typename E, typename Parse, typename IdOf>
std::optional<E> ReadEnum(const json& body, JsonReader& in, std::string_view field, bool required,
                          Parse parse, IdOf id_of, int count) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    // Missing from a full object, or null (which would clear it) in a partial one.
    if (required || it != body.end()) in.Required<std::string>(field);
    return std::nullopt;
  }
  std::optional<std::string> text = in.Optional<std::string>(field);
  if (!text) return std::nullopt;  // wrong type, recorded
  if (std::optional<E> value = parse(*text)) return value;
  std::string choices;
  for (int i = 0; i < count; ++i) {
    if (i > 0) choices += "、";
    choices += id_of(static_cast<E>(i));
  }
  in.AddError(std::string(field), *text, "request.invalid_choice",
              "字段 " + std::string(field) + " 的取值 " + *text + " 无效，可选：" + choices);
  return std::nullopt;
}

// A nullable field: absent keeps `*out`, null clears it, a value replaces it.
template <typename T>
void ReadNullable(const json& body, JsonReader& in, std::string_view field, std::optional<T>* out) {
  auto it = body.find(field);
  if (it == body.end()) return;
  if (it->is_null()) {
    in.Ignore(field);
    out->reset();
    return;
  }
  if (std::optional<T> value = in.Optional<T>(field)) *out = *value;
}

// A field that cannot be cleared: required in a full object; in a partial one absent keeps
// `*out`, and null is refused as missing.
template <typename T>
void ReadValue(const json& body, JsonReader& in, std::string_view field, bool partial, T* out) {
  auto it = body.find(field);
  if (partial && (it == body.end() || !it->is_null())) {
    if (std::optional<T> value = in.Optional<T>(field)) *out = std::move(*value);
  } else {
    *out = in.Required<T>(field);
  }
}

template <typename E, typename Parse, typename IdOf>
void ReadEnumValue(const json& body, JsonReader& in, std::string_view field, bool partial,
                   Parse parse, IdOf id_of, int count, E* out) {
  if (std::optional<E> value = ReadEnum<E>(body, in, field, !partial, parse, id_of, count)) {
    *out = *value;
  }
}

}  // namespace

json OrgNodeJson(const OrgNode& node) {
  return {
      {"id", node.id},
      {"kind", NodeKindId(node.kind)},
      {"kind_label", NodeKindLabel(node.kind)},
      {"name", node.name},
      {"code", node.code},
      {"parent_id", IdOrNull(node.parent_id)},
      {"sort_order", node.sort_order},
      {"term_start", DateOrNull(node.term_start)},
      {"term_end", DateOrNull(node.term_end)},
      {"secretary_id", IdOrNull(node.secretary_id)},
      {"committee_size", node.committee_size},
  };
}

json OrgNodeSummaryJson(const OrgNode& node, const Roster& roster) {
  json out = OrgNodeJson(node);
  out["has_children"] = !roster.Children(node.id).empty();
  out["members"] = roster.ActiveMembersAt(node.id);
  return out;
}

json MemberJson(const Member& m, const Roster& roster, Date today, MemberView view) {
  auto node_name = [&](NodeId id) -> json {
    std::optional<OrgNode> node = roster.GetNode(id);
    return node ? json(node->name) : json(nullptr);
  };
  bool detail = view == MemberView::kUnmasked;
  return {
      {"id", m.id},
      {"name", m.name},
      {"gender", GenderId(m.gender)},
      {"gender_label", GenderLabel(m.gender)},
      {"ethnicity", m.ethnicity},
      {"birth_date", m.birth_date.ToString()},
      {"age", FullYearsBetween(m.birth_date, today)},
      {"id_number", detail ? m.id_number : MaskIdNumber(m.id_number)},
      {"education", EducationId(m.education)},
      {"education_label", EducationLabel(m.education)},
      {"phone", detail ? m.phone : MaskPhone(m.phone)},
      {"probationary_date", m.probationary_date.ToString()},
      {"full_date", DateOrNull(m.full_date)},
      {"party_age", m.full_date && *m.full_date <= today
                        ? json(FullYearsBetween(*m.full_date, today))
                        : json(nullptr)},
      {"status", MemberStatusId(m.status)},
      {"status_label", MemberStatusLabel(m.status)},
      {"left_date", DateOrNull(m.left_date)},
      {"category", MemberCategoryId(m.category)},
      {"category_label", MemberCategoryLabel(m.category)},
      {"branch_id", m.branch_id},
      {"branch_name", node_name(m.branch_id)},
      {"group_id", IdOrNull(m.group_id)},
      {"group_name", m.group_id ? node_name(*m.group_id) : json(nullptr)},
      {"post", m.post},
  };
}

json PeriodJson(const MembershipPeriod& p, const Roster& roster) {
  auto node_name = [&](NodeId id) -> json {
    std::optional<OrgNode> node = roster.GetNode(id);
    return node ? json(node->name) : json(nullptr);
  };
  return {
      {"branch_id", p.branch_id},
      {"branch_name", node_name(p.branch_id)},
      {"group_id", IdOrNull(p.group_id)},
      {"group_name", p.group_id ? node_name(*p.group_id) : json(nullptr)},
      {"from", p.from.ToString()},
      {"to", DateOrNull(p.to)},
  };
}

json StatsJson(const SubtreeStats& s) {
  auto list = [](const auto& counts, auto key_of, auto label_of) {
    json out = json::array();
    for (size_t i = 0; i < counts.size(); ++i) {
      out.push_back({{"key", key_of(static_cast<int>(i))},
                     {"label", label_of(static_cast<int>(i))},
                     {"count", counts[i]}});
    }
    return out;
  };
  auto band_key = [](int i) { return i; };
  static constexpr MemberStatus kLeft[] = {MemberStatus::kTransferredOut, MemberStatus::kDeceased,
                                           MemberStatus::kLapsed};
  return {
      {"node_id", s.node_id},
      {"as_of", s.as_of.ToString()},
      {"total", s.total},
      {"by_status", json::array({{{"key", "probationary"},
                                  {"label", MemberStatusLabel(MemberStatus::kProbationary)},
                                  {"count", s.probationary}},
                                 {{"key", "full"},
                                  {"label", MemberStatusLabel(MemberStatus::kFull)},
                                  {"count", s.full}}})},
      {"by_gender", list(
                        s.by_gender, [](int i) { return GenderId(static_cast<Gender>(i)); },
                        [](int i) { return GenderLabel(static_cast<Gender>(i)); })},
      {"by_category",
       list(
           s.by_category, [](int i) { return MemberCategoryId(static_cast<MemberCategory>(i)); },
           [](int i) { return MemberCategoryLabel(static_cast<MemberCategory>(i)); })},
      {"by_education",
       list(
           s.by_education, [](int i) { return EducationId(static_cast<Education>(i)); },
           [](int i) { return EducationLabel(static_cast<Education>(i)); })},
      {"by_age_band", list(s.by_age_band, band_key, AgeBandLabel)},
      {"by_party_age_band", list(s.by_party_age_band, band_key, PartyAgeBandLabel)},
      {"left_this_year", list(
                             s.left_this_year, [](int i) { return MemberStatusId(kLeft[i]); },
                             [](int i) { return MemberStatusLabel(kLeft[i]); })},
      {"nodes_by_kind",
       list(
           s.nodes_by_kind, [](int i) { return NodeKindId(static_cast<NodeKind>(i)); },
           [](int i) { return NodeKindLabel(static_cast<NodeKind>(i)); })},
  };
}

OrgNode ReadOrgNode(const json& body, JsonReader& in, const OrgNode& base, bool partial) {
  OrgNode node = base;
  ReadEnumValue<NodeKind>(body, in, "kind", partial, ParseNodeKind, NodeKindId, kNodeKindCount,
                          &node.kind);
  ReadValue(body, in, "name", partial, &node.name);
  ReadValue(body, in, "code", partial, &node.code);
  ReadNullable(body, in, "parent_id", &node.parent_id);
  if (std::optional<int> order = in.Optional<int>("sort_order")) node.sort_order = *order;
  ReadNullable(body, in, "term_start", &node.term_start);
  ReadNullable(body, in, "term_end", &node.term_end);
  ReadNullable(body, in, "secretary_id", &node.secretary_id);
  if (std::optional<int> size = in.Optional<int>("committee_size")) node.committee_size = *size;
  return node;
}

Member ReadMember(const json& body, JsonReader& in, const Member& base, bool partial) {
  Member m = base;
  ReadValue(body, in, "name", partial, &m.name);
  ReadEnumValue<Gender>(body, in, "gender", partial, ParseGender, GenderId, 2, &m.gender);
  ReadValue(body, in, "ethnicity", partial, &m.ethnicity);
  ReadValue(body, in, "birth_date", partial, &m.birth_date);
  ReadValue(body, in, "id_number", partial, &m.id_number);
  ReadEnumValue<Education>(body, in, "education", partial, ParseEducation, EducationId,
                           kEducationCount, &m.education);
  if (std::optional<std::string> phone = in.Optional<std::string>("phone")) m.phone = *phone;
  if (body.contains("phone") && body["phone"].is_null()) m.phone.clear();
  ReadValue(body, in, "probationary_date", partial, &m.probationary_date);
  ReadNullable(body, in, "full_date", &m.full_date);
  ReadEnumValue<MemberStatus>(body, in, "status", partial, ParseMemberStatus, MemberStatusId,
                              kMemberStatusCount, &m.status);
  ReadNullable(body, in, "left_date", &m.left_date);
  ReadEnumValue<MemberCategory>(body, in, "category", partial, ParseMemberCategory,
                                MemberCategoryId, kMemberCategoryCount, &m.category);
  ReadValue(body, in, "branch_id", partial, &m.branch_id);
  ReadNullable(body, in, "group_id", &m.group_id);
  if (std::optional<std::string> post = in.Optional<std::string>("post")) m.post = *post;
  return m;
}

}  // namespace dj::http
