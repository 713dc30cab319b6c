#include "storage/sqlite/sqlite_audit_repository.h"

#include <algorithm>
#include <string>

#include "storage/sqlite/rows.h"

// Column list, in the order ReadRecord expects.
#define DJ_AUDIT_COLUMNS                                                                       \
  "id, at_unix, at_text, user_id, user_name, address, request_id, entity, entity_id, action, " \
  "before_json, after_json, hash"
// ?1 entity, ?2 entity_id, ?3 user_id, ?4 from_unix, ?5 to_unix: NULL when not filtered.
// ?6: JSON array of the node ids in scope, or NULL for every entry. The node an entry is
// about: an org_node's own id; the branch_id of a member and the node_id of a role_grant as
// they are after the change, or before it for a delete (MemberToJson, GrantAuditJson). Other
// entities are about no node, and the NULL of the CASE leaves them out of any scope. An
// org_node entry also counts under its parent, so a node deleted from the scope (no longer in
// the tree, so not in ?6) keeps its entries visible there.
#define DJ_AUDIT_FILTER                                                                  \
  " WHERE (?1 IS NULL OR entity = ?1)"                                                   \
  " AND (?2 IS NULL OR entity_id = ?2)"                                                  \
  " AND (?3 IS NULL OR user_id = ?3)"                                                    \
  " AND (?4 IS NULL OR at_unix >= ?4)"                                                   \
  " AND (?5 IS NULL OR at_unix < ?5)"                                                    \
  " AND (?6 IS NULL OR CASE entity"                                                      \
  " WHEN 'org_node' THEN entity_id"                                                      \
  " WHEN 'member' THEN json_extract(coalesce(after_json, before_json), '$.branch_id')"   \
  " WHEN 'role_grant' THEN json_extract(coalesce(after_json, before_json), '$.node_id')" \
  " END IN (SELECT value FROM json_each(?6))"                                            \
  " OR (entity = 'org_node' AND json_extract(coalesce(after_json, before_json),"         \
  " '$.parent_id') IN (SELECT value FROM json_each(?6))))"

namespace dj {
namespace {

constexpr char kCountEntries[] = "SELECT count(*) FROM audit_log" DJ_AUDIT_FILTER;
// ?7 limit, ?8 offset.
constexpr char kSelectNewestFirst[] = "SELECT " DJ_AUDIT_COLUMNS " FROM audit_log" DJ_AUDIT_FILTER
                                      " ORDER BY id DESC LIMIT ?7 OFFSET ?8";
constexpr char kSelectOldestFirst[] =
    "SELECT " DJ_AUDIT_COLUMNS " FROM audit_log" DJ_AUDIT_FILTER " ORDER BY id LIMIT ?7 OFFSET ?8";

AuditRecord ReadRecord(const Statement& st) {
  AuditRecord r;
  r.id = st.ColumnInt64(0);
  r.at_unix = st.ColumnInt64(1);
  r.at_text = st.ColumnString(2);
  r.user_id = st.ColumnInt64(3);
  r.user_name = st.ColumnString(4);
  r.address = st.ColumnString(5);
  r.request_id = st.ColumnString(6);
  r.entity = st.ColumnString(7);
  r.entity_id = st.ColumnInt64(8);
  r.action = st.ColumnString(9);
  if (!st.IsNull(10)) r.before_json = st.ColumnString(10);
  if (!st.IsNull(11)) r.after_json = st.ColumnString(11);
  r.hash = st.ColumnString(12);
  return r;
}

// Binds the filter parameters ?1..?6 of DJ_AUDIT_FILTER.
void BindFilter(Statement& st, const AuditQuery& q, const std::optional<std::string>& nodes) {
  st.BindAll(q.entity, q.entity_id, q.user_id, q.from_unix, q.to_unix, nodes);
}

}  // namespace

Result<AuditPage> SqliteAuditRepository::List(const AuditQuery& query) {
  std::optional<std::string> nodes;
  if (query.nodes) nodes = NodeListJson(*query.nodes);
  const int64_t limit = std::max<int64_t>(query.limit, 0);
  const int64_t offset = std::max<int64_t>(query.offset, 0);

  ConnectionPool::Lease lease = pool_.BorrowReader();
  Database& db = lease.db();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(db));
  AuditPage page;
  {
    DJ_ASSIGN_OR_RETURN(Statement count, db.Prepare(kCountEntries));
    BindFilter(count, query, nodes);
    DJ_RETURN_IF_ERROR(count.Step());
    page.total = count.ColumnInt64(0);
  }
  if (limit > 0 && offset < page.total) {
    DJ_ASSIGN_OR_RETURN(Statement select,
                        db.Prepare(query.newest_first ? kSelectNewestFirst : kSelectOldestFirst));
    BindFilter(select, query, nodes);
    select.Bind(7, limit).Bind(8, offset);
    for (;;) {
      DJ_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      page.entries.push_back(ReadRecord(select));
    }
  }
  DJ_RETURN_IF_ERROR(txn.Commit());
  return page;
}

}  // namespace dj
