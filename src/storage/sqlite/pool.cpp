#include "storage/sqlite/pool.h"

#include <algorithm>
#include <utility>

namespace dj {

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), db_(other.db_), writer_(other.writer_) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Return(db_, writer_);
}

Result<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(const std::string& path, int readers,
                                                             const OpenOptions& options) {
  OpenOptions writer_options = options;
  writer_options.bulk_writer = true;
  DJ_ASSIGN_OR_RETURN(Database writer, Database::Open(path, writer_options));
  // The writer created the file if needed; readers must find it.
  OpenOptions reader_options = options;
  reader_options.create = false;
  reader_options.bulk_writer = false;
  std::vector<std::unique_ptr<Database>> reader_dbs;
  for (int i = 0; i < std::max(readers, 1); ++i) {
    DJ_ASSIGN_OR_RETURN(Database reader, Database::Open(path, reader_options));
    reader_dbs.push_back(std::make_unique<Database>(std::move(reader)));
  }
  return std::unique_ptr<ConnectionPool>(new ConnectionPool(
      path, std::move(reader_dbs), std::make_unique<Database>(std::move(writer))));
}

ConnectionPool::ConnectionPool(std::string path, std::vector<std::unique_ptr<Database>> readers,
                               std::unique_ptr<Database> writer)
    : path_(std::move(path)), readers_(std::move(readers)), writer_(std::move(writer)) {
  for (const auto& db : readers_) idle_readers_.push_back(db.get());
}

ConnectionPool::Lease ConnectionPool::BorrowReader() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_readers_.empty(); });
  Database* db = idle_readers_.back();
  idle_readers_.pop_back();
  return Lease(this, db, false);
}

ConnectionPool::Lease ConnectionPool::BorrowWriter() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !writer_borrowed_; });
  writer_borrowed_ = true;
  return Lease(this, writer_.get(), true);
}

void ConnectionPool::Return(Database* db, bool writer) {
  {
    std::lock_guard lock(mutex_);
    if (writer) {
      writer_borrowed_ = false;
    } else {
      idle_readers_.push_back(db);
    }
  }
  // Readers and the writer wait on one condition; wake all so the right kind proceeds.
  returned_.notify_all();
}

}  // namespace dj
