// What the home page says about a subtree's structure: its branches by size, and the nodes
// whose make-up or term the regulations flag (RULES.md ZB-18-1, ZB-18-3, JG-18-R).
// Pure functions over a headcount snapshot taken from the Roster, so they test without one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "common/date.h"
#include "domain/org/org_node.h"

namespace dj {

// One node of a subtree with the members on its rolls today (branches and groups count their
// own members only; other kinds none).
struct NodeHeadcount {
  OrgNode node;
  int64_t members = 0;  // probationary + full
  int64_t full = 0;
};

enum class StructureWarningKind {
  kTermEnded,         // JG-18-R: term_end before today
  kBranchOver50,      // ZB-18-1: a branch of more than 50 members
  kCommitteeMissing,  // ZB-18-3: 7 or more full members and no committee of at least 3
  kTermEnding,        // JG-18-R: term_end within the next 6 months
};
inline constexpr int kStructureWarningKindCount = 4;

const char* StructureWarningId(StructureWarningKind kind);     // "term_ended", ...
const char* StructureWarningLabel(StructureWarningKind kind);  // "任期已届满", ...
const char* StructureWarningRule(StructureWarningKind kind);   // "JG-18-R", ...
std::optional<StructureWarningKind> ParseStructureWarning(std::string_view id);

inline constexpr int64_t kBranchMemberLimit = 50;    // ZB-18-1
inline constexpr int64_t kCommitteeFullMembers = 7;  // ZB-18-3
inline constexpr int kCommitteeMinSize = 3;          // ZB-18-3
inline constexpr int kTermEndingMonths = 6;          // reminders start 6 months ahead

struct StructureWarning {
  StructureWarningKind kind = StructureWarningKind::kTermEnded;
  NodeHeadcount at;
};

struct StructureOverview {
  int64_t branch_count = 0;
  std::vector<NodeHeadcount> largest_branches;  // most members first, at most `top`
  // Every warning, most urgent first: by kind in enum order, then terms by end date (earliest
  // first) and sizes by members (largest first), then by node id.
  std::vector<StructureWarning> warnings;
  std::array<int64_t, kStructureWarningKindCount> warning_counts{};
};

StructureOverview BuildStructureOverview(const std::vector<NodeHeadcount>& nodes, Date today,
                                         size_t top = 10);

}  // namespace dj
