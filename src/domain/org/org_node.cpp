#include "domain/org/org_node.h"

namespace dj {
namespace {

struct KindInfo {
  NodeKind kind;
  const char* id;
  const char* label;
};

constexpr KindInfo kKinds[kNodeKindCount] = {
    {NodeKind::kCommittee, "committee", "机关工委"},
    {NodeKind::kZone, "zone", "协作区"},
    {NodeKind::kUnit, "unit", "单位"},
    {NodeKind::kOrganCommittee, "organ_committee", "机关党委"},
    {NodeKind::kGeneralBranch, "general_branch", "党总支"},
    {NodeKind::kBranch, "branch", "党支部"},
    {NodeKind::kGroup, "group", "党小组"},
};

}  // namespace

const char* NodeKindId(NodeKind kind) { return kKinds[static_cast<int>(kind)].id; }

const char* NodeKindLabel(NodeKind kind) { return kKinds[static_cast<int>(kind)].label; }

std::optional<NodeKind> ParseNodeKind(std::string_view id) {
  for (const auto& k : kKinds) {
    if (id == k.id) return k.kind;
  }
  return std::nullopt;
}

bool MayBeChildOf(NodeKind child, NodeKind parent) {
  using K = NodeKind;
  switch (child) {
    case K::kCommittee:
      return false;
    case K::kZone:
      return parent == K::kCommittee;
    case K::kUnit:
      return parent == K::kCommittee || parent == K::kZone;
    case K::kOrganCommittee:
      return parent == K::kUnit;
    case K::kGeneralBranch:
      return parent == K::kUnit || parent == K::kOrganCommittee;
    case K::kBranch:
      return parent == K::kUnit || parent == K::kOrganCommittee || parent == K::kGeneralBranch;
    case K::kGroup:
      return parent == K::kBranch;
  }
  return false;
}

}  // namespace dj
