// The tamper-evident audit log: one entry per change, written in the change's transaction.
//
// Entries form a hash chain. Each entry's hash is the SHA-256 (hex) of a canonical
// serialisation of its prev_hash and every other column, and its prev_hash is the hash of
// the entry before it (kAuditGenesisHash for the first). Editing, inserting or removing an
// entry therefore breaks the chain at that point; VerifyAuditChain finds the first break.
// Removing entries from the end cannot be seen from the chain alone: compare the head
// (ReadAuditHead) with one recorded elsewhere for that.
//
// Canonical serialisation, in column order (id, at_unix, at_text, user_id, user_name, address,
// request_id, entity, entity_id, action, before_json, after_json, prev_hash), after the line
// "dj-audit-v1\n": an integer as "i<decimal>\n", a text as "s<byte length>:<bytes>\n", a null
// as "n\n".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/write_context.h"
#include "storage/sqlite/database.h"

namespace dj {

inline constexpr char kAuditGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEntry {
  int64_t id = 0;
  int64_t at_unix = 0;
  std::string at_text;  // the same instant as ISO 8601 in Asia/Shanghai, "...T20:00:00+08:00"
  int64_t user_id = 0;
  std::string user_name;
  std::string address;
  std::string request_id;
  std::string entity;                      // "org_node", "member", "roster" (a whole snapshot)
  int64_t entity_id = 0;                   // 0 when the entry is about no single entity
  std::string action;                      // "create", "update", "delete", "transfer", "seed"
  std::optional<std::string> before_json;  // null for "create" and "seed"
  std::optional<std::string> after_json;   // null for "delete"
  std::string prev_hash;
  std::string hash;

  bool operator==(const AuditEntry&) const = default;
};

// The hex SHA-256 of `entry`'s canonical serialisation (every column but `hash`).
std::string AuditEntryHash(const AuditEntry& entry);

// "2024-05-01T20:00:00+08:00" for 2024-05-01 12:00:00 UTC.
std::string ShanghaiIsoTime(int64_t unix_seconds);

// Appends entries for one writer's transaction.
class AuditWriter {
 public:
  // Reads the head of the chain. `db` must stay in a write transaction for the writer's
  // whole life (the pool's writer lease makes that transaction the only writer), so no other
  // entry can slip between the head read here and the entries appended.
  static Result<AuditWriter> Start(Database& db, const WriteContext& ctx, int64_t now_unix);

  // Appends one entry stamped with the context and time given to Start().
  Status Append(std::string_view entity, int64_t entity_id, std::string_view action,
                std::optional<std::string> before_json, std::optional<std::string> after_json);

 private:
  AuditWriter(Statement* insert, AuditEntry next) : insert_(insert), next_(std::move(next)) {}

  Statement* insert_;  // the connection's cached statement
  AuditEntry next_;    // the next entry's id, prev_hash, time and context
};

// The last entry's id and hash; id 0 and kAuditGenesisHash for an empty log.
struct AuditHead {
  int64_t id = 0;
  std::string hash;
};
Result<AuditHead> ReadAuditHead(Database& db);

// Recomputes the chain in one read transaction (`db` must not be in a transaction; any
// connection to the file will do). Ok when intact, with *first_broken_id = 0.
// Otherwise Internal "audit.chain_broken" naming the first entry whose content does not
// match its hash, whose prev_hash does not match the entry before it, or whose id does not
// follow it (an entry removed or inserted), and *first_broken_id set to that id.
// Other errors are read failures, with *first_broken_id = 0. `first_broken_id` may be null.
Status VerifyAuditChain(Database& db, int64_t* first_broken_id);

}  // namespace dj
