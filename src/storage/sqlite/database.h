// A small RAII layer over the SQLite C API.
//
// Every SQLite failure becomes a dj::Error here; nothing throws. Keys:
//   "storage.open_failed" (Unavailable)  the file cannot be opened or is not a database
//   "storage.busy" (Unavailable)         another process holds the lock past the busy timeout
//   "storage.unique_violation", "storage.foreign_key_violation", "storage.check_violation",
//   "storage.constraint_violation" (Conflict)  a constraint failed; the message names it
//   "storage.corrupt" (Internal)         a stored value cannot be read back
//   "storage.error" (Internal)           anything else
// Repositories translate constraint errors into their domain keys.
//
// SQL passed to Prepare() and Exec() is a named constant or a migration file; values are
// always bound, never spliced into the text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "common/date.h"
#include "common/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace dj {

struct OpenOptions {
  bool create = true;  // create the file when it does not exist
  int busy_timeout_ms = 5000;
  // A 64 MiB page cache instead of 8 MiB, for the connection that takes bulk writes.
  bool bulk_writer = false;
};

class Statement;

// One connection. Move-only; not thread-safe: one thread at a time (the pool hands each
// connection to one borrower). Every connection runs in WAL mode with foreign keys on,
// synchronous=NORMAL and the busy timeout of its options.
class Database {
 public:
  // Opens (and with options.create, creates) the database at `path` and reads its schema, so
  // a file that is not a database fails here. Unavailable "storage.open_failed" with the
  // reason: "无法打开数据库 <path>：<reason>".
  static Result<Database> Open(const std::string& path, const OpenOptions& options = {});

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements without parameters (pragmas, migration files).
  Status Exec(std::string_view sql);
  // Compiles one statement. The statement must not outlive this connection.
  Result<Statement> Prepare(std::string_view sql);
  // The statement for `sql`, compiled on its first use and kept for the connection's life,
  // reset and cleared of its bindings for each use: for the statements a burst runs
  // thousands of times (the group commit's jobs, the audit log). `sql` must be a string
  // literal (or live as long): the cache is keyed by its address. A moved-from connection
  // keeps no cache.
  Result<Statement*> Cached(const char* sql);

  // The rowid of the last successful INSERT on this connection.
  int64_t LastInsertRowId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int64_t Changes() const;
  bool InTransaction() const;
  const std::string& path() const { return path_; }

 private:
  friend class Statement;
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_ = nullptr;  // owned
  std::string path_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;  // finalized before db_
};

// A compiled statement. Move-only; finalized on destruction. Bind errors are kept and
// returned by the next Step(), so a sequence of binds needs no checks of its own.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based. Text is copied, so temporaries are safe.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  // As TEXT 'YYYY-MM-DD'.
  Statement& Bind(int index, Date value);
  // Binds bytes as a BLOB (Bind of a string_view binds TEXT).
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& Bind(int index, std::nullopt_t);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : Bind(index, std::nullopt);
  }
  // Binds `values` to parameters 1..n.
  template <typename... T>
  Statement& BindAll(const T&... values) {
    int index = 0;
    (Bind(++index, values), ...);
    return *this;
  }

  // Runs the statement one step: true when a row is ready to read, false when done.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows (or whose rows are ignored).
  Status Run();
  // Makes the statement ready to run again; bindings are kept until rebound.
  void Reset();

  // Columns are 0-based and read the current row.
  bool IsNull(int column) const;
  int64_t ColumnInt64(int column) const;
  int ColumnInt(int column) const { return static_cast<int>(ColumnInt64(column)); }
  double ColumnDouble(int column) const;
  // Valid until the next Step() or Reset().
  std::string_view ColumnText(int column) const;
  std::string ColumnString(int column) const { return std::string(ColumnText(column)); }
  // A BLOB column's bytes; valid until the next Step() or Reset().
  std::string_view ColumnBlob(int column) const;
  std::optional<int64_t> ColumnOptionalInt64(int column) const;
  // Internal "storage.corrupt" when the text is not a valid 'YYYY-MM-DD' date.
  Result<Date> ColumnDate(int column) const;
  Result<std::optional<Date>> ColumnOptionalDate(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, Database* db) : stmt_(stmt), db_(db) {}
  void NoteBindResult(int rc);

  sqlite3_stmt* stmt_ = nullptr;  // owned
  Database* db_ = nullptr;
  int bind_error_ = 0;  // the first failed bind's SQLite code since the last Step()
};

// A transaction on one connection; rolls back on destruction unless committed.
class Transaction {
 public:
  // BEGIN: a read transaction; its snapshot is taken at the first read.
  static Result<Transaction> BeginRead(Database& db);
  // BEGIN IMMEDIATE: takes the write lock now, so a write never fails half-way for
  // another writer. Callers in this process hold the pool's writer lease, so waiting here
  // only happens for other processes (up to the busy timeout).
  static Result<Transaction> BeginWrite(Database& db);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // On failure the transaction has been rolled back.
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;  // null once committed, rolled back or moved from
};

}  // namespace dj
