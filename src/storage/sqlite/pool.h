// Connections to one database file, shared by the server's handler threads.
//
// SQLite allows one writer at a time and, in WAL mode, readers that never wait for it. The
// pool mirrors that: one writer connection behind a mutex, and a set of reader connections
// handed out one borrower at a time. Readers and the writer never wait for each other's
// connections; readers wait only when all reader connections are borrowed.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.h"
#include "storage/sqlite/database.h"

namespace dj {

class ConnectionPool {
 public:
  // A borrowed connection, returned to the pool on destruction. Use it on one thread.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Database& db() { return *db_; }
    Database* operator->() { return db_; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, Database* db, bool writer)
        : pool_(pool), db_(db), writer_(writer) {}

    ConnectionPool* pool_;  // null once moved from
    Database* db_;
    bool writer_;
  };

  // Opens `readers` reader connections (at least 1) and one writer connection to `path`.
  // The pool owns them; it must outlive every lease. Errors as Database::Open.
  static Result<std::unique_ptr<ConnectionPool>> Open(const std::string& path, int readers,
                                                      const OpenOptions& options = {});

  // A reader connection; waits while all are borrowed. Thread-safe. Reader connections may
  // also write (migrations, tests), but writes that must be serialised go through
  // BorrowWriter().
  Lease BorrowReader();
  // The writer connection; waits while another thread holds it, so the holder is the only
  // writer in this process. Thread-safe.
  Lease BorrowWriter();

  const std::string& path() const { return path_; }

 private:
  ConnectionPool(std::string path, std::vector<std::unique_ptr<Database>> readers,
                 std::unique_ptr<Database> writer);
  void Return(Database* db, bool writer);

  const std::string path_;
  const std::vector<std::unique_ptr<Database>> readers_;
  const std::unique_ptr<Database> writer_;

  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Database*> idle_readers_;  // guarded by mutex_
  bool writer_borrowed_ = false;         // guarded by mutex_
};

}  // namespace dj
