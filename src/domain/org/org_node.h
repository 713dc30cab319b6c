// Nodes of the organisation tree: 工委 → 协作区 → 单位 → 机关党委/党总支 → 党支部 → 党小组.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"

namespace dj {

using NodeId = int64_t;
using MemberId = int64_t;

enum class NodeKind {
  kCommittee,       // 机关工委, the single root
  kZone,            // 协作区
  kUnit,            // 单位
  kOrganCommittee,  // 机关党委
  kGeneralBranch,   // 党总支
  kBranch,          // 党支部
  kGroup,           // 党小组
};
inline constexpr int kNodeKindCount = 7;

// "committee", "zone", ... as in the glossary.
const char* NodeKindId(NodeKind kind);
std::optional<NodeKind> ParseNodeKind(std::string_view id);
// "机关工委", "协作区", ...
const char* NodeKindLabel(NodeKind kind);
// Whether a node of kind `child` may sit directly under a node of kind `parent`. The
// committee is the root and has no parent.
bool MayBeChildOf(NodeKind child, NodeKind parent);

struct OrgNode {
  NodeId id = 0;
  NodeKind kind = NodeKind::kBranch;
  std::string name;
  std::string code;  // unique over the whole tree
  std::optional<NodeId> parent_id;
  int sort_order = 0;  // among siblings, ascending; ties by id
  std::optional<Date> term_start;
  std::optional<Date> term_end;
  std::optional<MemberId> secretary_id;
  int committee_size = 0;  // members of the elected committee (支委会 etc.); 0 = none

  bool operator==(const OrgNode&) const = default;
};

}  // namespace dj
