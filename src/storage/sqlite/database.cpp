#include "storage/sqlite/database.h"

#include <sqlite3.h>

#include <mutex>
#include <utility>

#include "storage/sqlite/date_text.h"

namespace dj {
namespace {

constexpr char kCheckReadable[] = "SELECT count(*) FROM sqlite_schema";
constexpr char kConnectionPragmas[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = NORMAL;";
// Page cache sizes in KiB. Bulk writes update the member indexes at random, so the writer
// keeps them all in memory (a province is ~60 MB); readers rely more on the OS cache.
constexpr char kReaderCache[] = "PRAGMA cache_size = -8192";
constexpr char kWriterCache[] = "PRAGMA cache_size = -65536";
constexpr char kBegin[] = "BEGIN";
constexpr char kBeginImmediate[] = "BEGIN IMMEDIATE";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

// The error for result code `rc`; `db` supplies the message when it has one for `rc`.
Error SqliteError(sqlite3* db, int rc) {
  std::string reason =
      db != nullptr && sqlite3_extended_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error::Conflict("storage.unique_violation", "违反唯一约束：" + reason);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error::Conflict("storage.foreign_key_violation", "违反外键约束：" + reason);
    case SQLITE_CONSTRAINT_CHECK:
      return Error::Conflict("storage.check_violation", "违反检查约束：" + reason);
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error::Conflict("storage.constraint_violation", "违反数据约束：" + reason);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::Unavailable("storage.busy", "数据库正忙，请稍后重试：" + reason);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {ErrorCode::kInternal, "storage.corrupt", "数据库文件已损坏：" + reason, {}};
    default:
      return {ErrorCode::kInternal, "storage.error", "数据库错误：" + reason, {}};
  }
}

Error OpenFailed(const std::string& path, std::string_view reason) {
  return Error::Unavailable("storage.open_failed",
                            "无法打开数据库 " + path + "：" + std::string(reason));
}

Error CorruptDate(int column, std::string_view text) {
  return {ErrorCode::kInternal,
          "storage.corrupt",
          "第 " + std::to_string(column + 1) + " 列的日期无效：" + std::string(text),
          {}};
}

}  // namespace

// ---- Database ----

Result<Database> Database::Open(const std::string& path, const OpenOptions& options) {
  // Allocation statistics cost a global mutex per allocation; nothing here reads them. This
  // only takes effect before SQLite's first use in the process.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw, path);  // owns `raw` even when the open failed
  if (rc != SQLITE_OK) {
    return OpenFailed(path, raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  // Reading the schema is what detects a file that is not a database.
  for (const char* sql :
       {kCheckReadable, kConnectionPragmas, options.bulk_writer ? kWriterCache : kReaderCache}) {
    rc = sqlite3_exec(raw, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return OpenFailed(path, sqlite3_errmsg(raw));
  }
  return db;
}

// The cached statements point at the connection object they were made by, so they do not
// move with it: they are finalized, and the new owner compiles its own.
Database::Database(Database&& other) noexcept {
  other.cache_.clear();
  db_ = std::exchange(other.db_, nullptr);
  path_ = std::move(other.path_);
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    cache_.clear();
    other.cache_.clear();
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() {
  cache_.clear();
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Result<Statement*> Database::Cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    DJ_ASSIGN_OR_RETURN(Statement compiled, Prepare(sql));
    it = cache_.emplace(sql, std::make_unique<Statement>(std::move(compiled))).first;
  }
  Statement* st = it->second.get();
  st->Reset();
  sqlite3_clear_bindings(st->stmt_);
  return st;
}

Status Database::Exec(std::string_view sql) {
  // sqlite3_exec needs a terminated string; migrations are the only long input.
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, sqlite3_extended_errcode(db_));
  return Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(db_, rc);
  }
  return Statement(stmt, this);
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int64_t Database::Changes() const { return sqlite3_changes64(db_); }

bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::NoteBindResult(int rc) {
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

Statement& Statement::Bind(int index, int64_t value) {
  NoteBindResult(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  NoteBindResult(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  NoteBindResult(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob needs a non-null pointer, or SQLite stores NULL.
  static const char kEmpty = 0;
  NoteBindResult(sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(),
                                     bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::Bind(int index, Date value) {
  char buffer[16];
  return Bind(index, FormatDate(value, buffer));
}

Statement& Statement::Bind(int index, std::nullopt_t) {
  NoteBindResult(sqlite3_bind_null(stmt_, index));
  return *this;
}

Result<bool> Statement::Step() {
  if (bind_error_ != 0) {
    int rc = std::exchange(bind_error_, 0);
    return SqliteError(nullptr, rc);
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // The statement must be reset before the connection's message describes this failure
  // reliably, and reset returns the same extended code.
  rc = sqlite3_reset(stmt_);
  return SqliteError(db_->db_, rc);
}

Status Statement::Run() {
  for (;;) {
    DJ_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  bind_error_ = 0;
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string_view Statement::ColumnBlob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (data == nullptr) return {};
  return {static_cast<const char*>(data), static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string_view Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<int64_t> Statement::ColumnOptionalInt64(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnInt64(column);
}

Result<Date> Statement::ColumnDate(int column) const {
  std::string_view text = ColumnText(column);
  std::optional<Date> date = Date::Parse(text);
  if (!date) return CorruptDate(column, text);
  return *date;
}

Result<std::optional<Date>> Statement::ColumnOptionalDate(int column) const {
  if (IsNull(column)) return std::optional<Date>();
  DJ_ASSIGN_OR_RETURN(Date date, ColumnDate(column));
  return std::optional<Date>(date);
}

// ---- Transaction ----

Result<Transaction> Transaction::BeginRead(Database& db) {
  DJ_RETURN_IF_ERROR(db.Exec(kBegin));
  return Transaction(&db);
}

Result<Transaction> Transaction::BeginWrite(Database& db) {
  DJ_RETURN_IF_ERROR(db.Exec(kBeginImmediate));
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  if (db_ != nullptr && db_->InTransaction()) (void)db_->Exec(kRollback);
}

Status Transaction::Commit() {
  Database* db = std::exchange(db_, nullptr);
  Status status = db->Exec(kCommit);
  // A failed COMMIT (a deferred foreign key, a busy reader lock) leaves the transaction open.
  if (!status.ok() && db->InTransaction()) (void)db->Exec(kRollback);
  return status;
}

}  // namespace dj
