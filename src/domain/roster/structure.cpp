#include "domain/roster/structure.h"

#include <algorithm>
#include <string_view>

namespace dj {
namespace {

struct KindInfo {
  const char* id;
  const char* label;
  const char* rule;
};

constexpr std::array<KindInfo, kStructureWarningKindCount> kKinds = {{
    {"term_ended", "任期已届满", "JG-18-R"},
    {"branch_over_50", "支部党员超过50名", "ZB-18-1"},
    {"committee_missing", "应设支部委员会未设", "ZB-18-3"},
    {"term_ending", "任期6个月内届满", "JG-18-R"},
}};

}  // namespace

const char* StructureWarningId(StructureWarningKind kind) {
  return kKinds[static_cast<int>(kind)].id;
}
const char* StructureWarningLabel(StructureWarningKind kind) {
  return kKinds[static_cast<int>(kind)].label;
}
const char* StructureWarningRule(StructureWarningKind kind) {
  return kKinds[static_cast<int>(kind)].rule;
}

std::optional<StructureWarningKind> ParseStructureWarning(std::string_view id) {
  for (int i = 0; i < kStructureWarningKindCount; ++i) {
    if (id == kKinds[i].id) return static_cast<StructureWarningKind>(i);
  }
  return std::nullopt;
}

StructureOverview BuildStructureOverview(const std::vector<NodeHeadcount>& nodes, Date today,
                                         size_t top) {
  StructureOverview out;
  const Date ending_by = today.AddMonths(kTermEndingMonths);
  auto warn = [&](StructureWarningKind kind, const NodeHeadcount& at) {
    out.warnings.push_back(StructureWarning{kind, at});
    ++out.warning_counts[static_cast<int>(kind)];
  };
  for (const NodeHeadcount& n : nodes) {
    if (n.node.kind == NodeKind::kBranch) {
      ++out.branch_count;
      out.largest_branches.push_back(n);
      if (n.members > kBranchMemberLimit) warn(StructureWarningKind::kBranchOver50, n);
      if (n.full >= kCommitteeFullMembers && n.node.committee_size < kCommitteeMinSize) {
        warn(StructureWarningKind::kCommitteeMissing, n);
      }
    }
    if (n.node.term_end) {
      if (*n.node.term_end < today) {
        warn(StructureWarningKind::kTermEnded, n);
      } else if (*n.node.term_end <= ending_by) {
        warn(StructureWarningKind::kTermEnding, n);
      }
    }
  }
  auto bigger = [](const NodeHeadcount& a, const NodeHeadcount& b) {
    if (a.members != b.members) return a.members > b.members;
    return a.node.id < b.node.id;
  };
  size_t keep = std::min(top, out.largest_branches.size());
  std::partial_sort(out.largest_branches.begin(), out.largest_branches.begin() + keep,
                    out.largest_branches.end(), bigger);
  out.largest_branches.resize(keep);
  std::sort(out.warnings.begin(), out.warnings.end(),
            [&](const StructureWarning& a, const StructureWarning& b) {
              if (a.kind != b.kind) return a.kind < b.kind;
              if (a.at.node.term_end != b.at.node.term_end &&
                  (a.kind == StructureWarningKind::kTermEnded ||
                   a.kind == StructureWarningKind::kTermEnding)) {
                return a.at.node.term_end < b.at.node.term_end;
              }
              return bigger(a.at, b.at);
            });
  return out;
}

}  // namespace dj
