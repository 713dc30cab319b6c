#include "storage/sqlite/sqlite_auth_repository.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/rows.h"

// Column lists, in the order ReadUser/ReadGrant/ReadSession/ReadCounter expect.
#define DJ_USER_COLUMNS                                                                 \
  "id, username, phone, display_name, member_id, password_hash, must_change_password, " \
  "disabled, created_at, password_changed_at"
#define DJ_GRANT_COLUMNS "id, user_id, role, node_id"
#define DJ_SESSION_COLUMNS \
  "token_hash, user_id, csrf_token, address, created_at, last_seen_at, expires_at"
#define DJ_COUNTER_COLUMNS "kind, subject, failures, first_failed_at, last_failed_at, locked_until"
// ?1: text to find ('' for any); ?2: JSON array of node ids, or NULL for every user.
#define DJ_USER_FILTER                                                                            \
  " WHERE (?1 = '' OR instr(username, ?1) > 0 OR instr(display_name, ?1) > 0"                     \
  " OR instr(coalesce(phone, ''), ?1) > 0)"                                                       \
  " AND (?2 IS NULL"                                                                              \
  " OR id IN (SELECT user_id FROM role_grants"                                                    \
  " WHERE node_id IN (SELECT value FROM json_each(?2)))"                                          \
  " OR member_id IN (SELECT id FROM members WHERE branch_id IN (SELECT value FROM json_each(?2))" \
  " OR group_id IN (SELECT value FROM json_each(?2))))"

namespace dj {
namespace {

constexpr char kSelectUser[] = "SELECT " DJ_USER_COLUMNS " FROM users WHERE id = ?";
constexpr char kSelectUserByUsername[] = "SELECT " DJ_USER_COLUMNS " FROM users WHERE username = ?";
constexpr char kSelectUserByPhone[] = "SELECT " DJ_USER_COLUMNS " FROM users WHERE phone = ?";
constexpr char kCountUsers[] = "SELECT count(*) FROM users" DJ_USER_FILTER;
constexpr char kSelectUsers[] =
    "SELECT " DJ_USER_COLUMNS " FROM users" DJ_USER_FILTER " ORDER BY id LIMIT ?3 OFFSET ?4";
constexpr char kInsertUser[] =
    "INSERT INTO users (" DJ_USER_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateUser[] =
    "UPDATE users SET phone = ?3, display_name = ?4, member_id = ?5, password_hash = ?6, "
    "must_change_password = ?7, disabled = ?8, password_changed_at = ?10 WHERE id = ?1";
constexpr char kDeleteUser[] = "DELETE FROM users WHERE id = ?";
constexpr char kUserExists[] = "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)";

constexpr char kSelectGrants[] =
    "SELECT " DJ_GRANT_COLUMNS " FROM role_grants WHERE user_id = ? ORDER BY id";
constexpr char kSelectGrant[] = "SELECT " DJ_GRANT_COLUMNS " FROM role_grants WHERE id = ?";
constexpr char kInsertGrant[] =
    "INSERT INTO role_grants (" DJ_GRANT_COLUMNS ") VALUES (NULL, ?, ?, ?)";
constexpr char kDeleteGrant[] = "DELETE FROM role_grants WHERE id = ?";

constexpr char kInsertSession[] =
    "INSERT INTO sessions (" DJ_SESSION_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectSession[] =
    "SELECT " DJ_SESSION_COLUMNS " FROM sessions WHERE token_hash = ?";
constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = ?";
constexpr char kDeleteSessionsOfUser[] =
    "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2";
constexpr char kDeleteExpiredSessions[] =
    "DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at < ?2";

constexpr char kSelectCounter[] =
    "SELECT " DJ_COUNTER_COLUMNS " FROM login_failures WHERE kind = ? AND subject = ?";
constexpr char kUpsertCounter[] =
    "INSERT INTO login_failures (" DJ_COUNTER_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (kind, subject) DO UPDATE SET failures = ?3, first_failed_at = ?4, "
    "last_failed_at = ?5, locked_until = ?6";
constexpr char kDeleteCounter[] = "DELETE FROM login_failures WHERE kind = ? AND subject = ?";
constexpr char kSelectLocks[] = "SELECT " DJ_COUNTER_COLUMNS
                                " FROM login_failures WHERE locked_until > ? "
                                "ORDER BY locked_until, kind, subject";
constexpr char kDeleteStaleCounters[] =
    "DELETE FROM login_failures WHERE locked_until <= ?1 AND last_failed_at < ?2";

constexpr char kUserEntity[] = "user";
constexpr char kGrantEntity[] = "role_grant";

Error UserNotFound(UserId id) {
  return Error::NotFound("auth.user_not_found", "账号 " + std::to_string(id) + " 不存在");
}

Error GrantNotFound(GrantId id) {
  return Error::NotFound("auth.grant_not_found", "角色授予 " + std::to_string(id) + " 不存在");
}

Error Corrupt(std::string_view column, std::string_view value) {
  return {ErrorCode::kInternal,
          "storage.corrupt",
          "字段 " + std::string(column) + " 的值无效：" + std::string(value),
          {}};
}

bool Mentions(const Error& error, std::string_view what) {
  return error.message.find(what) != std::string::npos;
}

// The unique constraints of users and role_grants, in domain terms.
Error MapWriteError(Error error, const User& user) {
  if (error.key != "storage.unique_violation") return error;
  if (Mentions(error, "users.username")) {
    return Error::Conflict("auth.username_taken", "用户名 " + user.username + " 已被使用");
  }
  if (Mentions(error, "users.phone")) {
    return Error::Conflict("auth.phone_taken",
                           "手机号 " + user.phone.value_or("") + " 已被其他账号使用");
  }
  if (Mentions(error, "users.member_id")) {
    return Error::Conflict(
        "auth.member_has_account",
        "党员（编号 " + std::to_string(user.member_id.value_or(0)) + "）已有账号");
  }
  if (Mentions(error, "role_grants.")) {
    return Error::Conflict("auth.grant_duplicate", "该账号已有此角色");
  }
  return error;
}

Result<User> ReadUser(const Statement& st) {
  User u;
  u.id = st.ColumnInt64(0);
  u.username = st.ColumnString(1);
  if (!st.IsNull(2)) u.phone = st.ColumnString(2);
  u.display_name = st.ColumnString(3);
  u.member_id = st.ColumnOptionalInt64(4);
  u.password_hash = st.ColumnString(5);
  u.must_change_password = st.ColumnInt64(6) != 0;
  u.disabled = st.ColumnInt64(7) != 0;
  u.created_at = st.ColumnInt64(8);
  u.password_changed_at = st.ColumnInt64(9);
  return u;
}

// Binds every column of DJ_USER_COLUMNS to parameters 1..10, the id first.
void BindUser(Statement& st, const User& u) {
  st.BindAll(u.id, u.username, u.phone, u.display_name, u.member_id, u.password_hash,
             int64_t{u.must_change_password}, int64_t{u.disabled}, u.created_at,
             u.password_changed_at);
}

Result<RoleGrant> ReadGrant(const Statement& st) {
  RoleGrant g;
  g.id = st.ColumnInt64(0);
  g.user_id = st.ColumnInt64(1);
  std::string_view role = st.ColumnText(2);
  std::optional<Role> parsed = ParseRole(role);
  if (!parsed) return Corrupt("role", role);
  g.role = *parsed;
  g.node_id = st.ColumnInt64(3);
  return g;
}

Session ReadSession(const Statement& st) {
  Session s;
  s.token_hash = st.ColumnString(0);
  s.user_id = st.ColumnInt64(1);
  s.csrf_token = st.ColumnString(2);
  s.address = st.ColumnString(3);
  s.created_at = st.ColumnInt64(4);
  s.last_seen_at = st.ColumnInt64(5);
  s.expires_at = st.ColumnInt64(6);
  return s;
}

Result<LoginCounter> ReadCounter(const Statement& st) {
  LoginCounter c;
  std::string_view kind = st.ColumnText(0);
  std::optional<LockKind> parsed = ParseLockKind(kind);
  if (!parsed) return Corrupt("kind", kind);
  c.kind = *parsed;
  c.subject = st.ColumnString(1);
  c.failures = st.ColumnInt(2);
  c.first_failed_at = st.ColumnInt64(3);
  c.last_failed_at = st.ColumnInt64(4);
  c.locked_until = st.ColumnInt64(5);
  return c;
}

// The single row `select` (already bound) returns, if any.
template <typename T, typename Read>
Result<std::optional<T>> ReadOne(Statement& select, Read read) {
  DJ_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return std::optional<T>();
  DJ_ASSIGN_OR_RETURN(T value, read(select));
  return std::optional<T>(std::move(value));
}

// Every row `select` (already bound) returns.
template <typename T, typename Read>
Result<std::vector<T>> ReadMany(Statement& select, Read read) {
  std::vector<T> out;
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) return out;
    DJ_ASSIGN_OR_RETURN(T value, read(select));
    out.push_back(std::move(value));
  }
}

Result<std::optional<User>> FindUser(Database& db, const char* sql, const auto& key) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(sql));
  select.Bind(1, key);
  return ReadOne<User>(select, ReadUser);
}

Result<std::vector<RoleGrant>> GrantsOf(Database& db, UserId user_id) {
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectGrants));
  select.Bind(1, user_id);
  return ReadMany<RoleGrant>(select, ReadGrant);
}

// NotFound when the user is gone, "auth.user_stale" when it changed since `expected` was read.
Status CheckStored(Database& db, const User& expected) {
  DJ_ASSIGN_OR_RETURN(std::optional<User> stored, FindUser(db, kSelectUser, expected.id));
  if (!stored) return UserNotFound(expected.id);
  if (*stored != expected) {
    return Error::Conflict("auth.user_stale",
                           "账号 " + stored->username + " 已被他人修改，请刷新后重试");
  }
  return Ok();
}

// Runs a statement that writes without an audit entry (sessions, counters) on the writer
// connection and returns the number of rows changed.
template <typename... T>
Result<int64_t> WriteUnaudited(ConnectionPool& pool, const char* sql, const T&... values) {
  ConnectionPool::Lease lease = pool.BorrowWriter();
  DJ_ASSIGN_OR_RETURN(Statement st, lease->Prepare(sql));
  st.BindAll(values...);
  DJ_RETURN_IF_ERROR(st.Run());
  return lease->Changes();
}

}  // namespace

std::string UserAuditJson(const User& u) {
  nlohmann::ordered_json j;
  j["id"] = u.id;
  j["username"] = u.username;
  j["phone"] = u.phone ? nlohmann::ordered_json(*u.phone) : nlohmann::ordered_json(nullptr);
  j["display_name"] = u.display_name;
  j["member_id"] =
      u.member_id ? nlohmann::ordered_json(*u.member_id) : nlohmann::ordered_json(nullptr);
  j["must_change_password"] = u.must_change_password;
  j["disabled"] = u.disabled;
  j["created_at"] = u.created_at;
  j["password_changed_at"] = u.password_changed_at;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string GrantAuditJson(const RoleGrant& g) {
  nlohmann::ordered_json j;
  j["id"] = g.id;
  j["user_id"] = g.user_id;
  j["role"] = RoleId(g.role);
  j["node_id"] = g.node_id;
  return j.dump();
}

// --- Users.

Result<User> SqliteAuthRepository::GetUser(UserId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(std::optional<User> user, FindUser(lease.db(), kSelectUser, id));
  if (!user) return UserNotFound(id);
  return std::move(*user);
}

Result<std::optional<User>> SqliteAuthRepository::FindUserByUsername(const std::string& username) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  return FindUser(lease.db(), kSelectUserByUsername, username);
}

Result<std::optional<User>> SqliteAuthRepository::FindUserByPhone(const std::string& phone) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  return FindUser(lease.db(), kSelectUserByPhone, phone);
}

Result<UserPage> SqliteAuthRepository::ListUsers(const UserQuery& query) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  Database& db = lease.db();
  std::optional<std::string> nodes;
  if (query.nodes) nodes = NodeListJson(*query.nodes);
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginRead(db));
  UserPage page;
  {
    DJ_ASSIGN_OR_RETURN(Statement count, db.Prepare(kCountUsers));
    count.BindAll(query.text, nodes);
    DJ_RETURN_IF_ERROR(count.Step());
    page.total = count.ColumnInt64(0);
  }
  DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectUsers));
  select.BindAll(query.text, nodes, query.limit, query.offset);
  DJ_ASSIGN_OR_RETURN(page.users, ReadMany<User>(select, ReadUser));
  DJ_RETURN_IF_ERROR(txn.Commit());
  return page;
}

Result<User> SqliteAuthRepository::InsertUser(const WriteContext& ctx, const User& user,
                                              const std::vector<RoleGrant>& grants) {
  User stored = user;
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertUser));
        BindUser(insert, user);
        insert.Bind(1, std::nullopt);  // assigned by the database
        if (Status s = insert.Run(); !s.ok()) return MapWriteError(std::move(s).error(), user);
        stored.id = db.LastInsertRowId();
        DJ_RETURN_IF_ERROR(
            audit.Append(kUserEntity, stored.id, "create", std::nullopt, UserAuditJson(stored)));
        DJ_ASSIGN_OR_RETURN(Statement insert_grant, db.Prepare(kInsertGrant));
        for (const RoleGrant& g : grants) {
          insert_grant.Reset();
          insert_grant.BindAll(stored.id, RoleId(g.role), g.node_id);
          if (Status s = insert_grant.Run(); !s.ok()) {
            return MapWriteError(std::move(s).error(), user);
          }
          RoleGrant created{db.LastInsertRowId(), stored.id, g.role, g.node_id};
          DJ_RETURN_IF_ERROR(audit.Append(kGrantEntity, created.id, "create", std::nullopt,
                                          GrantAuditJson(created)));
        }
        return Ok();
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Status SqliteAuthRepository::UpdateUser(const WriteContext& ctx, const User& before,
                                        const User& after, UserChange change) {
  if (before.id != after.id) {
    return Error::InvalidArgument("auth.id_mismatch", "修改前后的账号编号不一致");
  }
  if (before.username != after.username) {
    return Error::InvalidArgument("auth.username_immutable", "用户名不能修改");
  }
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, before));
    if (before == after) return Ok();
    DJ_ASSIGN_OR_RETURN(Statement update, db.Prepare(kUpdateUser));
    BindUser(update, after);
    if (Status s = update.Run(); !s.ok()) return MapWriteError(std::move(s).error(), after);
    return audit.Append(kUserEntity, after.id, UserChangeAction(change), UserAuditJson(before),
                        UserAuditJson(after));
  });
}

Status SqliteAuthRepository::DeleteUser(const WriteContext& ctx, const User& user) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_RETURN_IF_ERROR(CheckStored(db, user));
    DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, GrantsOf(db, user.id));
    DJ_ASSIGN_OR_RETURN(Statement delete_grant, db.Prepare(kDeleteGrant));
    for (const RoleGrant& g : grants) {
      delete_grant.Reset();
      DJ_RETURN_IF_ERROR(delete_grant.Bind(1, g.id).Run());
      DJ_RETURN_IF_ERROR(
          audit.Append(kGrantEntity, g.id, "delete", GrantAuditJson(g), std::nullopt));
    }
    DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteUser));
    DJ_RETURN_IF_ERROR(del.Bind(1, user.id).Run());  // sessions go with it (ON DELETE CASCADE)
    return audit.Append(kUserEntity, user.id, "delete", UserAuditJson(user), std::nullopt);
  });
}

// --- Grants.

Result<std::vector<RoleGrant>> SqliteAuthRepository::ListGrants(UserId user_id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  return GrantsOf(lease.db(), user_id);
}

Result<RoleGrant> SqliteAuthRepository::GetGrant(GrantId id) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectGrant));
  select.Bind(1, id);
  DJ_ASSIGN_OR_RETURN(std::optional<RoleGrant> grant, ReadOne<RoleGrant>(select, ReadGrant));
  if (!grant) return GrantNotFound(id);
  return *grant;
}

Result<RoleGrant> SqliteAuthRepository::InsertGrant(const WriteContext& ctx,
                                                    const RoleGrant& grant) {
  RoleGrant stored = grant;
  Status status =
      WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
        DJ_ASSIGN_OR_RETURN(Statement exists, db.Prepare(kUserExists));
        exists.Bind(1, grant.user_id);
        DJ_RETURN_IF_ERROR(exists.Step());
        if (exists.ColumnInt64(0) == 0) return UserNotFound(grant.user_id);
        DJ_ASSIGN_OR_RETURN(Statement insert, db.Prepare(kInsertGrant));
        insert.BindAll(grant.user_id, RoleId(grant.role), grant.node_id);
        if (Status s = insert.Run(); !s.ok()) {
          Error e = std::move(s).error();
          if (e.key == "storage.foreign_key_violation") {  // the user exists: it is the node
            return Error::NotFound("org.not_found",
                                   "组织 " + std::to_string(grant.node_id) + " 不存在");
          }
          if (e.key == "storage.unique_violation") {
            return Error::Conflict("auth.grant_duplicate", "该账号已有此角色");
          }
          return e;
        }
        stored.id = db.LastInsertRowId();
        return audit.Append(kGrantEntity, stored.id, "create", std::nullopt,
                            GrantAuditJson(stored));
      });
  if (!status.ok()) return std::move(status).error();
  return stored;
}

Status SqliteAuthRepository::DeleteGrant(const WriteContext& ctx, const RoleGrant& grant) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectGrant));
    select.Bind(1, grant.id);
    DJ_ASSIGN_OR_RETURN(std::optional<RoleGrant> stored, ReadOne<RoleGrant>(select, ReadGrant));
    if (!stored) return GrantNotFound(grant.id);
    DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteGrant));
    DJ_RETURN_IF_ERROR(del.Bind(1, grant.id).Run());
    return audit.Append(kGrantEntity, grant.id, "delete", GrantAuditJson(*stored), std::nullopt);
  });
}

// --- Sessions.

Status SqliteAuthRepository::InsertSession(const Session& s) {
  DJ_RETURN_IF_ERROR(WriteUnaudited(pool_, kInsertSession, s.token_hash, s.user_id, s.csrf_token,
                                    s.address, s.created_at, s.last_seen_at, s.expires_at));
  return Ok();
}

Result<std::optional<Session>> SqliteAuthRepository::FindSession(const std::string& token_hash) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectSession));
  select.Bind(1, token_hash);
  return ReadOne<Session>(select,
                          [](const Statement& st) -> Result<Session> { return ReadSession(st); });
}

Status SqliteAuthRepository::TouchSession(const std::string& token_hash, int64_t last_seen_at) {
  DJ_RETURN_IF_ERROR(WriteUnaudited(pool_, kTouchSession, token_hash, last_seen_at));
  return Ok();
}

Status SqliteAuthRepository::DeleteSession(const std::string& token_hash) {
  DJ_RETURN_IF_ERROR(WriteUnaudited(pool_, kDeleteSession, token_hash));
  return Ok();
}

Result<int64_t> SqliteAuthRepository::DeleteSessionsOfUser(UserId user_id,
                                                           const std::string& except_token_hash) {
  return WriteUnaudited(pool_, kDeleteSessionsOfUser, user_id, except_token_hash);
}

Result<int64_t> SqliteAuthRepository::DeleteExpiredSessions(int64_t now, int64_t idle_before) {
  return WriteUnaudited(pool_, kDeleteExpiredSessions, now, idle_before);
}

// --- Failed-login counters.

Result<std::vector<std::optional<LoginCounter>>> SqliteAuthRepository::UpdateLoginCounters(
    const std::vector<LoginCounterKey>& keys, const LoginCounterUpdate& update) {
  ConnectionPool::Lease lease = pool_.BorrowWriter();
  Database& db = lease.db();
  DJ_ASSIGN_OR_RETURN(Transaction txn, Transaction::BeginWrite(db));
  std::vector<std::optional<LoginCounter>> current;
  {
    DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectCounter));
    for (const LoginCounterKey& key : keys) {
      select.Reset();
      select.BindAll(LockKindId(key.kind), key.subject);
      DJ_ASSIGN_OR_RETURN(std::optional<LoginCounter> counter,
                          ReadOne<LoginCounter>(select, ReadCounter));
      current.push_back(std::move(counter));
    }
  }
  std::vector<std::optional<LoginCounter>> next = update(current);
  if (next.size() != keys.size()) {
    return Error::Internal("UpdateLoginCounters: update returned the wrong number of counters");
  }
  DJ_ASSIGN_OR_RETURN(Statement upsert, db.Prepare(kUpsertCounter));
  DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteCounter));
  for (size_t i = 0; i < keys.size(); ++i) {
    if (next[i] == current[i]) continue;
    if (next[i]) {
      LoginCounter& c = *next[i];
      c.kind = keys[i].kind;
      c.subject = keys[i].subject;
      upsert.Reset();
      upsert.BindAll(LockKindId(c.kind), c.subject, int64_t{c.failures}, c.first_failed_at,
                     c.last_failed_at, c.locked_until);
      DJ_RETURN_IF_ERROR(upsert.Run());
    } else {
      del.Reset();
      del.BindAll(LockKindId(keys[i].kind), keys[i].subject);
      DJ_RETURN_IF_ERROR(del.Run());
    }
  }
  DJ_RETURN_IF_ERROR(txn.Commit());
  return next;
}

Result<std::vector<LoginCounter>> SqliteAuthRepository::ListLoginLocks(int64_t now) {
  ConnectionPool::Lease lease = pool_.BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement select, lease->Prepare(kSelectLocks));
  select.Bind(1, now);
  return ReadMany<LoginCounter>(select, ReadCounter);
}

Result<bool> SqliteAuthRepository::DeleteLoginCounter(const LoginCounterKey& key) {
  DJ_ASSIGN_OR_RETURN(int64_t deleted,
                      WriteUnaudited(pool_, kDeleteCounter, LockKindId(key.kind), key.subject));
  return deleted > 0;
}

Status SqliteAuthRepository::LiftLoginLock(const WriteContext& ctx, const LoginCounterKey& key,
                                           UserId user_id) {
  return WriteTransaction(pool_, clock_, ctx, [&](Database& db, AuditWriter& audit) -> Status {
    DJ_ASSIGN_OR_RETURN(Statement select, db.Prepare(kSelectCounter));
    select.Bind(1, LockKindId(key.kind)).Bind(2, key.subject);
    DJ_ASSIGN_OR_RETURN(bool found, select.Step());
    if (!found) return Error::NotFound("auth.lock_not_found", "没有该锁定记录");
    DJ_ASSIGN_OR_RETURN(LoginCounter counter, ReadCounter(select));
    select.Reset();
    DJ_ASSIGN_OR_RETURN(Statement del, db.Prepare(kDeleteCounter));
    DJ_RETURN_IF_ERROR(del.Bind(1, LockKindId(key.kind)).Bind(2, key.subject).Run());
    nlohmann::ordered_json before = {{"kind", LockKindId(counter.kind)},
                                     {"subject", counter.subject},
                                     {"failures", counter.failures},
                                     {"last_failed_at", counter.last_failed_at},
                                     {"locked_until", counter.locked_until}};
    return audit.Append("login_lock", user_id, "unlock", before.dump(), std::nullopt);
  });
}

Result<int64_t> SqliteAuthRepository::DeleteStaleLoginCounters(int64_t now, int64_t failed_before) {
  return WriteUnaudited(pool_, kDeleteStaleCounters, now, failed_before);
}

}  // namespace dj
