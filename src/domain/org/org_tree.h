// The organisation tree in pre-order: every subtree is a contiguous range of positions, so a
// roll-up over a unit, a zone or the whole committee is a range test, not a recursive query.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.h"
#include "domain/org/org_node.h"

namespace dj {

class OrgTree {
 public:
  // Positions [begin, end) of one subtree.
  struct Range {
    int32_t begin = 0;
    int32_t end = 0;
    bool Contains(int32_t pos) const { return pos >= begin && pos < end; }
  };

  OrgTree() = default;

  // Orders `nodes` (any order in) by pre-order, siblings by (sort_order, id). Fails with
  // Internal when the nodes do not form one tree: more than one root, a parent that does not
  // exist, a cycle, duplicate ids, or an id outside [1, kMaxNodeId].
  static Result<OrgTree> Build(std::vector<OrgNode> nodes);

  static constexpr NodeId kMaxNodeId = 50'000'000;

  size_t size() const { return nodes_.size(); }
  bool empty() const { return nodes_.empty(); }
  // The root (the committee), or null for an empty tree.
  const OrgNode* root() const { return nodes_.empty() ? nullptr : &nodes_.front(); }

  // The node with `id`, or null.
  const OrgNode* Find(NodeId id) const;
  // Pre-order position of `id`, or -1.
  int32_t PositionOf(NodeId id) const {
    return id > 0 && id < static_cast<NodeId>(pos_by_id_.size()) ? pos_by_id_[id] : -1;
  }
  const OrgNode& At(int32_t pos) const { return nodes_[pos]; }
  // The subtree of `id`, or nullopt if absent.
  std::optional<Range> SubtreeOf(NodeId id) const;
  // True when `id` is `ancestor` or lies below it.
  bool IsInSubtree(NodeId id, NodeId ancestor) const;
  // Direct children in display order.
  std::vector<const OrgNode*> Children(NodeId id) const;
  // From the root down to `id` inclusive; empty if absent.
  std::vector<const OrgNode*> PathTo(NodeId id) const;
  // Depth of the node at `pos` (root 0).
  int Depth(int32_t pos) const { return depth_[pos]; }

  // All nodes in pre-order.
  const std::vector<OrgNode>& nodes() const { return nodes_; }

 private:
  std::vector<OrgNode> nodes_;        // pre-order
  std::vector<int32_t> subtree_end_;  // per position: one past the last descendant
  std::vector<int32_t> parent_pos_;   // per position: -1 for the root
  std::vector<int32_t> depth_;
  std::vector<int32_t> pos_by_id_;  // indexed by node id; -1 where no node
};

}  // namespace dj
