// A small organisation tree with members, loaded into a roster, for the auth tests:
//
// 1 committee ── 2 zone ─┬─ 3 unit ─┬─ 4 branch A ── 6 group
//                        │          └─ 5 branch B
//                        └─ 7 unit ── 8 branch C
//
// Members: 1 in branch A, 2 in group 6 (of branch A), 3 in branch C.
#pragma once

#include <vector>

#include "domain/roster/roster.h"
#include "domain/testing/fixtures.h"

namespace dj::testing {

inline constexpr NodeId kCommittee = 1, kZone = 2, kUnit3 = 3, kBranchA = 4, kBranchB = 5,
                        kGroup6 = 6, kUnit7 = 7, kBranchC = 8;
inline constexpr MemberId kMemberInA = 1, kMemberInGroup6 = 2, kMemberInC = 3;

inline RosterSnapshot AuthTestTree() {
  using K = NodeKind;
  RosterSnapshot s;
  s.nodes = {MakeNode(kCommittee, K::kCommittee, "c", std::nullopt),
             MakeNode(kZone, K::kZone, "z", kCommittee),
             MakeNode(kUnit3, K::kUnit, "u3", kZone, 1),
             MakeNode(kBranchA, K::kBranch, "a", kUnit3, 1),
             MakeNode(kBranchB, K::kBranch, "b", kUnit3, 2),
             MakeNode(kGroup6, K::kGroup, "g", kBranchA),
             MakeNode(kUnit7, K::kUnit, "u7", kZone, 2),
             MakeNode(kBranchC, K::kBranch, "cc", kUnit7)};
  auto add = [&](MemberId id, NodeId branch, std::optional<NodeId> group) {
    Member m = MakeMember("党员" + std::to_string(id), branch, D("1980-01-01"), Gender::kMale,
                          static_cast<int>(id));
    m.id = id;
    m.group_id = group;
    s.members.push_back(m);
    s.periods.push_back({id, branch, group, m.probationary_date, std::nullopt});
  };
  add(kMemberInA, kBranchA, std::nullopt);
  add(kMemberInGroup6, kBranchA, kGroup6);
  add(kMemberInC, kBranchC, std::nullopt);
  return s;
}

}  // namespace dj::testing
