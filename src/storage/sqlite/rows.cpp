#include "storage/sqlite/rows.h"

#include <string>

namespace dj {
namespace {

Error CorruptEnum(std::string_view column, std::string_view value) {
  return {ErrorCode::kInternal,
          "storage.corrupt",
          "字段 " + std::string(column) + " 的值无效：" + std::string(value),
          {}};
}

template <typename E, typename Parse>
Result<E> ReadEnum(const Statement& st, int column, std::string_view name, Parse parse) {
  std::string_view text = st.ColumnText(column);
  std::optional<E> value = parse(text);
  if (!value) return CorruptEnum(name, text);
  return *value;
}

}  // namespace

Result<OrgNode> ReadNode(const Statement& st) {
  OrgNode n;
  n.id = st.ColumnInt64(0);
  DJ_ASSIGN_OR_RETURN(n.kind, ReadEnum<NodeKind>(st, 1, "kind", ParseNodeKind));
  n.name = st.ColumnString(2);
  n.code = st.ColumnString(3);
  n.parent_id = st.ColumnOptionalInt64(4);
  n.sort_order = st.ColumnInt(5);
  DJ_ASSIGN_OR_RETURN(n.term_start, st.ColumnOptionalDate(6));
  DJ_ASSIGN_OR_RETURN(n.term_end, st.ColumnOptionalDate(7));
  n.secretary_id = st.ColumnOptionalInt64(8);
  n.committee_size = st.ColumnInt(9);
  return n;
}

Result<Member> ReadMember(const Statement& st) {
  Member m;
  m.id = st.ColumnInt64(0);
  m.name = st.ColumnString(1);
  DJ_ASSIGN_OR_RETURN(m.gender, ReadEnum<Gender>(st, 2, "gender", ParseGender));
  m.ethnicity = st.ColumnString(3);
  DJ_ASSIGN_OR_RETURN(m.birth_date, st.ColumnDate(4));
  m.id_number = st.ColumnString(5);
  DJ_ASSIGN_OR_RETURN(m.education, ReadEnum<Education>(st, 6, "education", ParseEducation));
  m.phone = st.ColumnString(7);
  DJ_ASSIGN_OR_RETURN(m.probationary_date, st.ColumnDate(8));
  DJ_ASSIGN_OR_RETURN(m.full_date, st.ColumnOptionalDate(9));
  DJ_ASSIGN_OR_RETURN(m.status, ReadEnum<MemberStatus>(st, 10, "status", ParseMemberStatus));
  DJ_ASSIGN_OR_RETURN(m.left_date, st.ColumnOptionalDate(11));
  DJ_ASSIGN_OR_RETURN(m.category,
                      ReadEnum<MemberCategory>(st, 12, "category", ParseMemberCategory));
  m.branch_id = st.ColumnInt64(13);
  m.group_id = st.ColumnOptionalInt64(14);
  m.post = st.ColumnString(15);
  return m;
}

Result<MembershipPeriod> ReadPeriod(const Statement& st) {
  MembershipPeriod p;
  p.member_id = st.ColumnInt64(0);
  p.branch_id = st.ColumnInt64(1);
  p.group_id = st.ColumnOptionalInt64(2);
  DJ_ASSIGN_OR_RETURN(p.from, st.ColumnDate(3));
  DJ_ASSIGN_OR_RETURN(p.to, st.ColumnOptionalDate(4));
  return p;
}

void BindNode(Statement& st, const OrgNode& n) {
  st.BindAll(n.id, NodeKindId(n.kind), n.name, n.code, n.parent_id, n.sort_order, n.term_start,
             n.term_end, n.secretary_id, n.committee_size);
}

void BindMember(Statement& st, const Member& m) {
  st.BindAll(m.id, m.name, GenderId(m.gender), m.ethnicity, m.birth_date, m.id_number,
             EducationId(m.education), m.phone, m.probationary_date, m.full_date,
             MemberStatusId(m.status), m.left_date, MemberCategoryId(m.category), m.branch_id,
             m.group_id, m.post);
}

void BindPeriod(Statement& st, const MembershipPeriod& p) {
  st.BindAll(p.member_id, p.branch_id, p.group_id, p.from, p.to);
}

std::string NodeListJson(const std::vector<NodeId>& nodes) {
  std::string out = "[";
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(nodes[i]);
  }
  out += ']';
  return out;
}

}  // namespace dj
