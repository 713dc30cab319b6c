#include "domain/org/org_tree.h"

#include <algorithm>
#include <string>

namespace dj {

Result<OrgTree> OrgTree::Build(std::vector<OrgNode> nodes) {
  OrgTree tree;
  if (nodes.empty()) return tree;
  NodeId max_id = 0;
  for (const auto& n : nodes) {
    if (n.id < 1 || n.id > kMaxNodeId) {
      return Error::Internal("组织节点编号超出范围：" + std::to_string(n.id));
    }
    max_id = std::max(max_id, n.id);
  }
  // Index of each node in `nodes` by id.
  std::vector<int32_t> index_by_id(max_id + 1, -1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (index_by_id[nodes[i].id] != -1) {
      return Error::Internal("组织节点编号重复：" + std::to_string(nodes[i].id));
    }
    index_by_id[nodes[i].id] = static_cast<int32_t>(i);
  }
  // Children lists in display order, as a CSR array.
  std::vector<int32_t> child_count(nodes.size() + 1, 0);
  int32_t root = -1;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& p = nodes[i].parent_id;
    if (!p) {
      if (root != -1) return Error::Internal("组织树有多个根节点");
      root = static_cast<int32_t>(i);
      continue;
    }
    if (*p < 1 || *p > max_id || index_by_id[*p] == -1) {
      return Error::Internal("组织节点 " + std::to_string(nodes[i].id) + " 的上级不存在");
    }
    ++child_count[index_by_id[*p] + 1];
  }
  if (root == -1) return Error::Internal("组织树没有根节点");
  for (size_t i = 1; i < child_count.size(); ++i) child_count[i] += child_count[i - 1];
  std::vector<int32_t> children(nodes.size() - 1);
  std::vector<int32_t> fill(child_count.begin(), child_count.end() - 1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].parent_id) children[fill[index_by_id[*nodes[i].parent_id]]++] = i;
  }
  auto before = [&](int32_t a, int32_t b) {
    return std::pair(nodes[a].sort_order, nodes[a].id) <
           std::pair(nodes[b].sort_order, nodes[b].id);
  };
  for (size_t i = 0; i < nodes.size(); ++i) {
    std::sort(children.begin() + child_count[i], children.begin() + child_count[i + 1], before);
  }

  // Iterative pre-order walk; a node not reached from the root sits on a cycle.
  tree.nodes_.reserve(nodes.size());
  tree.subtree_end_.assign(nodes.size(), 0);
  tree.parent_pos_.assign(nodes.size(), -1);
  tree.depth_.assign(nodes.size(), 0);
  tree.pos_by_id_.assign(max_id + 1, -1);
  struct Frame {
    int32_t index;  // into `nodes`
    int32_t pos;    // in the tree
    int32_t next_child;
  };
  std::vector<Frame> stack;
  auto visit = [&](int32_t index, int32_t parent_pos) {
    int32_t pos = static_cast<int32_t>(tree.nodes_.size());
    tree.nodes_.push_back(std::move(nodes[index]));
    tree.pos_by_id_[tree.nodes_.back().id] = pos;
    tree.parent_pos_[pos] = parent_pos;
    tree.depth_[pos] = parent_pos < 0 ? 0 : tree.depth_[parent_pos] + 1;
    stack.push_back({index, pos, child_count[index]});
  };
  visit(root, -1);
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next_child < child_count[top.index + 1]) {
      int32_t child = children[top.next_child++];
      visit(child, top.pos);
    } else {
      tree.subtree_end_[top.pos] = static_cast<int32_t>(tree.nodes_.size());
      stack.pop_back();
    }
  }
  if (tree.nodes_.size() != nodes.size()) return Error::Internal("组织树存在循环");
  return tree;
}

const OrgNode* OrgTree::Find(NodeId id) const {
  int32_t pos = PositionOf(id);
  return pos < 0 ? nullptr : &nodes_[pos];
}

std::optional<OrgTree::Range> OrgTree::SubtreeOf(NodeId id) const {
  int32_t pos = PositionOf(id);
  if (pos < 0) return std::nullopt;
  return Range{pos, subtree_end_[pos]};
}

bool OrgTree::IsInSubtree(NodeId id, NodeId ancestor) const {
  int32_t pos = PositionOf(id);
  auto range = SubtreeOf(ancestor);
  return pos >= 0 && range && range->Contains(pos);
}

std::vector<const OrgNode*> OrgTree::Children(NodeId id) const {
  std::vector<const OrgNode*> out;
  int32_t pos = PositionOf(id);
  if (pos < 0) return out;
  for (int32_t c = pos + 1; c < subtree_end_[pos]; c = subtree_end_[c]) out.push_back(&nodes_[c]);
  return out;
}

std::vector<const OrgNode*> OrgTree::PathTo(NodeId id) const {
  std::vector<const OrgNode*> out;
  for (int32_t pos = PositionOf(id); pos >= 0; pos = parent_pos_[pos]) out.push_back(&nodes_[pos]);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace dj
