// Row mapping and the write-transaction helper shared by the SQLite repositories.
// Internal to storage/sqlite.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/member/member.h"
#include "domain/org/org_node.h"
#include "domain/write_context.h"
#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/pool.h"

// Column lists, in the order ReadNode/ReadMember/ReadPeriod expect and BindNode/BindMember
// bind. Macros so that queries stay single string constants.
#define DJ_NODE_COLUMNS                                                               \
  "id, kind, name, code, parent_id, sort_order, term_start, term_end, secretary_id, " \
  "committee_size"
#define DJ_MEMBER_COLUMNS                                                  \
  "id, name, gender, ethnicity, birth_date, id_number, education, phone, " \
  "probationary_date, full_date, status, left_date, category, branch_id, group_id, post"
#define DJ_PERIOD_COLUMNS "member_id, branch_id, group_id, from_date, to_date"

namespace dj {

// Read the current row of a statement selecting the matching column list first.
// Internal "storage.corrupt" when a stored value cannot be mapped back.
Result<OrgNode> ReadNode(const Statement& st);
Result<Member> ReadMember(const Statement& st);
Result<MembershipPeriod> ReadPeriod(const Statement& st);

// Bind every column of the list to parameters 1..n: the id first, then the rest in order.
void BindNode(Statement& st, const OrgNode& node);
void BindMember(Statement& st, const Member& member);
void BindPeriod(Statement& st, const MembershipPeriod& period);

// The ids as a JSON array ("[3,5]"), bound as one parameter and read with json_each(?), so a
// list of any length filters a query without splicing ids into its text.
std::string NodeListJson(const std::vector<NodeId>& nodes);

// Runs `body(Database&, AuditWriter&)` (returning Status) in a write transaction on the
// pool's writer connection, and commits when it succeeds; on any error nothing is written.
template <typename Body>
Status WriteTransaction(ConnectionPool& pool, const Clock& clock, const WriteContext& ctx,
                        Body&& body) {
  ConnectionPool::Lease lease = pool.BorrowWriter();
  Database& db = lease.db();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginWrite(db));
  DJ_ASSIGN_OR_RETURN(AuditWriter audit, AuditWriter::Start(db, ctx, clock.NowUnixSeconds()));
  DJ_RETURN_IF_ERROR(std::forward<Body>(body)(db, audit));
  return txn.Commit();
}

}  // namespace dj
