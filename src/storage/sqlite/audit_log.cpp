#include "storage/sqlite/audit_log.h"

#include <sodium.h>

#include <cstdio>

#include "common/date.h"

namespace dj {
namespace {

constexpr char kSelectHead[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
constexpr char kInsertEntry[] =
    "INSERT INTO audit_log (id, at_unix, at_text, user_id, user_name, address, request_id, "
    "entity, entity_id, action, before_json, after_json, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectAll[] =
    "SELECT id, at_unix, at_text, user_id, user_name, address, request_id, entity, entity_id, "
    "action, before_json, after_json, prev_hash, hash FROM audit_log ORDER BY id";

class CanonicalHasher {
 public:
  CanonicalHasher() {
    crypto_hash_sha256_init(&state_);
    Raw("dj-audit-v1\n");
  }
  void Int(int64_t v) {
    Raw("i");
    Raw(std::to_string(v));
    Raw("\n");
  }
  void Text(std::string_view s) {
    Raw("s");
    Raw(std::to_string(s.size()));
    Raw(":");
    Raw(s);
    Raw("\n");
  }
  void OptionalText(const std::optional<std::string>& s) {
    if (s) {
      Text(std::string_view(*s));
    } else {
      Raw("n\n");
    }
  }
  std::string HexDigest() && {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
  }

 private:
  void Raw(std::string_view s) {
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  }
  crypto_hash_sha256_state state_;
};

Status InitSodium() {
  static const int rc = sodium_init();  // 0 first time, 1 if already done, -1 on failure
  if (rc < 0) return Error::Internal("libsodium 初始化失败");
  return Ok();
}

Error ChainBroken(int64_t id, int64_t* first_broken_id) {
  if (first_broken_id != nullptr) *first_broken_id = id;
  return {ErrorCode::kInternal,
          "audit.chain_broken",
          "审计日志第 " + std::to_string(id) +
              " 条记录与哈希链不符：该记录或其前一条被修改、删除或插入",
          {}};
}

AuditEntry ReadEntry(const Statement& st) {
  AuditEntry e;
  e.id = st.ColumnInt64(0);
  e.at_unix = st.ColumnInt64(1);
  e.at_text = st.ColumnString(2);
  e.user_id = st.ColumnInt64(3);
  e.user_name = st.ColumnString(4);
  e.address = st.ColumnString(5);
  e.request_id = st.ColumnString(6);
  e.entity = st.ColumnString(7);
  e.entity_id = st.ColumnInt64(8);
  e.action = st.ColumnString(9);
  if (!st.IsNull(10)) e.before_json = st.ColumnString(10);
  if (!st.IsNull(11)) e.after_json = st.ColumnString(11);
  e.prev_hash = st.ColumnString(12);
  e.hash = st.ColumnString(13);
  return e;
}

}  // namespace

std::string AuditEntryHash(const AuditEntry& e) {
  CanonicalHasher h;
  h.Int(e.id);
  h.Int(e.at_unix);
  h.Text(e.at_text);
  h.Int(e.user_id);
  h.Text(e.user_name);
  h.Text(e.address);
  h.Text(e.request_id);
  h.Text(e.entity);
  h.Int(e.entity_id);
  h.Text(e.action);
  h.OptionalText(e.before_json);
  h.OptionalText(e.after_json);
  h.Text(e.prev_hash);
  return std::move(h).HexDigest();
}

std::string ShanghaiIsoTime(int64_t unix_seconds) {
  constexpr int64_t kOffset = 8 * 3600;
  int64_t local = unix_seconds + kOffset;
  int64_t second_of_day = ((local % 86400) + 86400) % 86400;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+08:00",
                ShanghaiDateOf(unix_seconds).ToString().c_str(),
                static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60));
  return buf;
}

Result<AuditHead> ReadAuditHead(Database& db) {
  DJ_ASSIGN_OR_RETURN(Statement * select, db.Cached(kSelectHead));
  DJ_ASSIGN_OR_RETURN(bool found, select->Step());
  AuditHead head{0, kAuditGenesisHash};
  if (found) head = AuditHead{select->ColumnInt64(0), select->ColumnString(1)};
  select->Reset();  // done reading: the statement holds no read open
  return head;
}

Result<AuditWriter> AuditWriter::Start(Database& db, const WriteContext& ctx, int64_t now_unix) {
  DJ_RETURN_IF_ERROR(InitSodium());
  DJ_ASSIGN_OR_RETURN(AuditHead head, ReadAuditHead(db));
  DJ_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertEntry));
  AuditEntry next;
  next.id = head.id + 1;
  next.prev_hash = std::move(head.hash);
  next.at_unix = now_unix;
  next.at_text = ShanghaiIsoTime(now_unix);
  next.user_id = ctx.user_id;
  next.user_name = ctx.user_name;
  next.address = ctx.address;
  next.request_id = ctx.request_id;
  return AuditWriter(std::move(insert), std::move(next));
}

Status AuditWriter::Append(std::string_view entity, int64_t entity_id, std::string_view action,
                           std::optional<std::string> before_json,
                           std::optional<std::string> after_json) {
  AuditEntry& e = next_;
  e.entity = entity;
  e.entity_id = entity_id;
  e.action = action;
  e.before_json = std::move(before_json);
  e.after_json = std::move(after_json);
  e.hash = AuditEntryHash(e);
  insert_->Reset();
  insert_->BindAll(e.id, e.at_unix, e.at_text, e.user_id, e.user_name, e.address, e.request_id,
                   e.entity, e.entity_id, e.action, e.before_json, e.after_json, e.prev_hash,
                   e.hash);
  DJ_RETURN_IF_ERROR(insert_->Run());
  ++e.id;
  e.prev_hash = std::move(e.hash);
  return Ok();
}

Status VerifyAuditChain(Database& db, int64_t* first_broken_id) {
  if (first_broken_id != nullptr) *first_broken_id = 0;
  DJ_RETURN_IF_ERROR(InitSodium());
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(db));
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectAll));
  int64_t expected_id = 1;
  std::string expected_prev = kAuditGenesisHash;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    AuditEntry e = ReadEntry(select);
    if (e.id != expected_id || e.prev_hash != expected_prev || AuditEntryHash(e) != e.hash) {
      return ChainBroken(e.id, first_broken_id);
    }
    expected_id = e.id + 1;
    expected_prev = std::move(e.hash);
  }
  return Ok();
}

}  // namespace dj
