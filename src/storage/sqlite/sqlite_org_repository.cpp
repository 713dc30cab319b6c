#include "storage/sqlite/sqlite_org_repository.h"

#include <string>

#include "storage/sqlite/json_codec.h"
#include "storage/sqlite/rows.h"

namespace dj {
namespace {

constexpr char kSelectNodes[] = "SELECT " DJ_NODE_COLUMNS " FROM org_nodes ORDER BY id";
constexpr char kSelectNode[] = "SELECT " DJ_NODE_COLUMNS " FROM org_nodes WHERE id = ?";
constexpr char kInsertNode[] =
    "INSERT INTO org_nodes (" DJ_NODE_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateNode[] =
    "UPDATE org_nodes SET kind = ?2, name = ?3, code = ?4, parent_id = ?5, sort_order = ?6, "
    "term_start = ?7, term_end = ?8, secretary_id = ?9, committee_size = ?10 WHERE id = ?1";
constexpr char kDeleteNode[] = "DELETE FROM org_nodes WHERE id = ?";
constexpr char kNodeHasMemberHistory[] =
    "SELECT EXISTS (SELECT 1 FROM membership_periods WHERE branch_id = ?1) "
    "OR EXISTS (SELECT 1 FROM membership_periods WHERE group_id = ?1) "
    "OR EXISTS (SELECT 1 FROM members WHERE branch_id = ?1) "
    "OR EXISTS (SELECT 1 FROM members WHERE group_id = ?1)";
constexpr char kNodeHasChildren[] = "SELECT EXISTS (SELECT 1 FROM org_nodes WHERE parent_id = ?)";
constexpr char kNodeHasGrants[] = "SELECT EXISTS (SELECT 1 FROM role_grants WHERE node_id = ?)";

constexpr char kEntity[] = "org_node";

Error NotFound(NodeId id) {
  return Error::NotFound("org.not_found", "组织 " + std::to_string(id) + " 不存在");
}

// The unique constraint on org_nodes other than the assigned id is the code's.
Error MapWriteError(Error error, const OrgNode& node) {
  if (error.key == "storage.unique_violation") {
    return Error::Conflict("org.code_duplicate", "组织代码 " + node.code + " 已被使用");
  }
  return error;
}

Result<std::optional<OrgNode>> FindNode(Database& db, NodeId id) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectNode));
  select.Bind(1, id);
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<OrgNode>();
  DJ_ASSIGN_OR_RETURN(OrgNode node, ReadNode(select));
  return std::optional<OrgNode>(std::move(node));
}

// NotFound when the node is gone, "org.stale" when it changed since `expected` was read.
Status CheckStored(Database& db, const OrgNode& expected) {
  DJ_ASSIGN_OR_RETURN(std::optional<OrgNode> stored, FindNode(db, expected.id));
  if (!stored) return NotFound(expected.id);
  if (*stored != expected) {
    return Error::Conflict("org.stale", "组织 " + stored->name + " 已被他人修改，请刷新后重试");
  }
  return Ok();
}

Result<bool> Exists(Database& db, const char* sql, NodeId id) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(sql));
  select.Bind(1, id);
  DJ_RETURN_IF_ERROR(select.Step());
  return select.ColumnInt64(0) != 0;
}

}  // namespace

Result<std::vector<OrgNode>> SqliteOrgRepository::ListNodes() {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectNodes));
  std::vector<OrgNode> nodes;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return nodes;
    DJ_ASSIGN_OR_RETURN(OrgNode node, ReadNode(select));
    nodes.push_back(std::move(node));
  }
}

Result<OrgNode> SqliteOrgRepository::GetNode(NodeId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(std::optional<OrgNode> node, FindNode(lease.db(), id));
  if (!node) return NotFound(id);
  return std::move(*node);
}

Result<OrgNode> SqliteOrgRepository::InsertNode(const WriteContext& ctx, const OrgNode& node) {
  OrgNode stored = node;
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertNode));
        BindNode(insert, node);
        insert.Bind(1, std::nullopt);  // assigned by the database
        if (Status s = insert.Run(); !s.ok()) return MapWriteError(std::move(s).error(), node);
        stored.id = db.LastInsertRowId();
        return audit.Append(kEntity, stored.id, "create", std::nullopt, OrgNodeToJson(stored));
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Status SqliteOrgRepository::UpdateNode(const WriteContext& ctx, const OrgNode& before,
                                       const OrgNode& after) {
  if (before.id != after.id) {
    return Error::InvalidArgument("org.id_mismatch", "修改前后的组织编号不一致");
  }
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, before));
    if (before == after) return Ok();
    DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kUpdateNode));
    BindNode(update, after);
    if (Status s = update.Run(); !s.ok()) return MapWriteError(std::move(s).error(), after);
    return audit.Append(kEntity, after.id, "update", OrgNodeToJson(before), OrgNodeToJson(after));
  });
}

Status SqliteOrgRepository::DeleteNode(const WriteContext& ctx, const OrgNode& node) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, node));
    DJ_ASSIGN_OR_RETURN(bool has_history, Exists(db, kNodeHasMemberHistory, node.id));
    if (has_history) {
      return Error::Conflict("org.has_member_history",
                             "组织 " + node.name + " 有党员组织关系记录，不能删除");
    }
    DJ_ASSIGN_OR_RETURN(bool has_children, Exists(db, kNodeHasChildren, node.id));
    if (has_children) {
      return Error::Conflict("org.has_children", "组织 " + node.name + " 下还有下级组织，不能删除");
    }
    DJ_ASSIGN_OR_RETURN(bool has_grants, Exists(db, kNodeHasGrants, node.id));
    if (has_grants) {
      return Error::Conflict("org.has_grants",
                             "组织 " + node.name + " 上还有账号的角色授权，请先撤销再删除");
    }
    DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteNode));
    DJ_RETURN_IF_ERROR(del.Bind(1, node.id).Run());
    return audit.Append(kEntity, node.id, "delete", OrgNodeToJson(node), std::nullopt);
  });
}

}  // namespace dj
