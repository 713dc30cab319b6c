// Use cases on the organisation tree: create, read, update (including moves), delete, and
// statistics of any subtree.
#pragma once

#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/org/org_node.h"
#include "domain/org/org_repository.h"
#include "domain/roster/roster.h"
#include "domain/write_context.h"

namespace dj {

// Thread-safe; writes are serialised through the roster's write lock.
class OrgService {
 public:
  OrgService(OrgRepository& repo, Roster& roster) : repo_(repo), roster_(roster) {}

  // NotFound "org.not_found".
  Result<OrgNode> Get(NodeId id);
  // Direct children in display order. NotFound "org.not_found".
  Result<std::vector<OrgNode>> Children(NodeId id);
  // From the root down to the node. NotFound "org.not_found".
  Result<std::vector<OrgNode>> Path(NodeId id);

  // Adds a node. The first node must be the committee (the root); every other node needs a
  // parent of a kind it may sit under. Validation errors list every field problem;
  // Conflict "org.code_duplicate", "org.root_exists".
  Result<OrgNode> Create(const WriteContext& ctx, OrgNode node);
  // Replaces a node's fields; a new parent moves the node with its whole subtree.
  // InvalidArgument "org.move_into_own_subtree" for a move under itself or a descendant;
  // Conflict "org.kind_conflicts_with_children", "org.kind_change_with_members".
  Result<OrgNode> Update(const WriteContext& ctx, NodeId id, OrgNode after);
  // Conflict "org.has_children", "org.has_members", "org.has_member_history".
  Status Delete(const WriteContext& ctx, NodeId id);

  // Members on the rolls of the subtree on `as_of`. NotFound "org.not_found".
  Result<SubtreeStats> Stats(NodeId id, Date as_of) { return roster_.Stats(id, as_of); }

 private:
  // Problems with the node's own fields and its secretary.
  std::vector<FieldError> CheckFields(const OrgNode& node) const;

  OrgRepository& repo_;
  Roster& roster_;
};

}  // namespace dj
