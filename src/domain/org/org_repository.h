#pragma once

#include <vector>

#include "common/result.h"
#include "domain/org/org_node.h"
#include "domain/write_context.h"

namespace dj {

// Storage of organisation nodes. Each write is one transaction that includes its audit entry.
// Implementations are thread-safe.
class OrgRepository {
 public:
  virtual ~OrgRepository() = default;

  virtual Result<std::vector<OrgNode>> ListNodes() = 0;
  // NotFound "org.not_found" when absent.
  virtual Result<OrgNode> GetNode(NodeId id) = 0;
  // Stores `node` (its id is ignored) and returns it with the assigned id.
  // Conflict "org.code_duplicate" when the code is taken.
  virtual Result<OrgNode> InsertNode(const WriteContext& ctx, const OrgNode& node) = 0;
  // Replaces `before` (as read) with `after` (same id).
  // Conflict "org.code_duplicate" when the new code is taken.
  virtual Status UpdateNode(const WriteContext& ctx, const OrgNode& before,
                            const OrgNode& after) = 0;
  // Conflict "org.has_member_history" when any membership period, current or past, names it.
  virtual Status DeleteNode(const WriteContext& ctx, const OrgNode& node) = 0;
};

}  // namespace dj
