// Builders for domain tests: valid members, ID numbers and a small tree.
#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "common/id_number.h"
#include "common/result.h"
#include "domain/member/member.h"
#include "domain/org/org_node.h"

namespace dj::testing {

inline Date D(const char* text) { return *Date::Parse(text); }

// "field:key" of each error, in order: what a table-driven test of a check compares.
inline std::vector<std::string> FieldKeys(const std::vector<FieldError>& errors) {
  std::vector<std::string> keys;
  for (const FieldError& e : errors) keys.push_back(e.field + ":" + e.key);
  return keys;
}

// A valid ID number for `birth` and `gender`; `seq` (0..49) makes numbers distinct.
inline std::string MakeIdNumber(Date birth, Gender gender, int seq, const char* region = "420106") {
  char body[18];
  int order = seq * 2 + (gender == Gender::kMale ? 1 : 0);
  std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", region, birth.year(), birth.month(),
                birth.day(), order % 1000);
  std::string id(body, 17);
  id.push_back(IdNumberCheckChar(id));
  return id;
}

// A full member of `branch` born on `birth`, admitted at 25 and full a year later.
inline Member MakeMember(std::string name, NodeId branch, Date birth, Gender gender, int seq) {
  Member m;
  m.name = std::move(name);
  m.gender = gender;
  m.ethnicity = "汉族";
  m.birth_date = birth;
  m.id_number = MakeIdNumber(birth, gender, seq);
  m.education = Education::kBachelor;
  m.phone = "13912345678";
  m.probationary_date = birth.AddYears(25);
  m.full_date = birth.AddYears(26);
  m.status = MemberStatus::kFull;
  m.category = MemberCategory::kInService;
  m.branch_id = branch;
  m.post = "科员";
  return m;
}

inline OrgNode MakeNode(NodeId id, NodeKind kind, std::string code, std::optional<NodeId> parent,
                        int order = 0) {
  OrgNode n;
  n.id = id;
  n.kind = kind;
  n.name = code + "名称";
  n.code = std::move(code);
  n.parent_id = parent;
  n.sort_order = order;
  return n;
}

}  // namespace dj::testing
