// Reading the audit log: one entry per change, written by the repositories in the change's
// transaction (see storage/sqlite/audit_log.h for the hash chain).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/org/org_node.h"

namespace dj {

// One audit_log row as read.
struct AuditRecord {
  int64_t id = 0;       // increases by one per entry, in the order the changes were made
  int64_t at_unix = 0;  // when, in Unix seconds
  std::string at_text;  // the same instant as ISO 8601 in Asia/Shanghai, "...T20:00:00+08:00"
  int64_t user_id = 0;  // who made the change; 0 for the system itself
  std::string user_name;
  std::string address;     // the client's IP address, empty for the command line
  std::string request_id;  // ties the entry to the access-log line
  std::string entity;      // "org_node", "member", "user", "role_grant", "roster"
  int64_t entity_id = 0;   // 0 when the entry is about no single entity
  std::string action;      // "create", "update", "delete", "transfer", "seed", ...
  std::optional<std::string> before_json, after_json;  // JSON text as stored
  std::string hash;                                    // this entry's link in the hash chain
};

struct AuditQuery {
  std::optional<std::string> entity;  // e.g. "member", "org_node", "user", "role_grant"
  std::optional<int64_t> entity_id;
  std::optional<int64_t> user_id;    // who made the change
  std::optional<int64_t> from_unix;  // inclusive
  std::optional<int64_t> to_unix;    // exclusive
  // The caller's scope. nullopt: every entry. Otherwise only entries about these org nodes:
  // org_node entries whose entity_id is listed; member entries whose branch_id (in after_json,
  // or before_json when after_json is NULL) is listed; role_grant entries whose node_id (same
  // rule) is listed; entries of any other entity are left out. An empty vector matches nothing.
  // The list is taken as given: pass the whole subtree to see a subtree.
  std::optional<std::vector<NodeId>> nodes;
  int64_t offset = 0;        // a negative offset counts as 0
  int64_t limit = 50;        // 0 or less: no entries, but the total is still counted
  bool newest_first = true;  // order by id desc, else asc
};

struct AuditPage {
  int64_t total = 0;                 // entries matching the query, before paging
  std::vector<AuditRecord> entries;  // the page, in the order the query asked for
};

// Read-only access to the audit log. Implementations are thread-safe.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;

  // The entries matching every filter set in `query`, counted and paged from one snapshot,
  // so `total` and `entries` agree even while changes are being written.
  virtual Result<AuditPage> List(const AuditQuery& query) = 0;
};

}  // namespace dj
