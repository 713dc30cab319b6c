#include "storage/sqlite/group_commit.h"

#include <algorithm>
#include <future>
#include <utility>

namespace dj {
namespace {

constexpr char kSavepoint[] = "SAVEPOINT job";
constexpr char kRelease[] = "RELEASE job";
constexpr char kRollbackTo[] = "ROLLBACK TO job";

// Runs one of the statements above, compiled once per connection.
Status RunCached(Database& db, const char* sql) {
  DJ_ASSIGN_OR_RETURN(Statement * st, db.Cached(sql));
  return st->Run();
}

}  // namespace

GroupCommitter::GroupCommitter(ConnectionPool& pool, Options options)
    : pool_(pool), options_(options), thread_([this] { Loop(); }) {}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void GroupCommitter::Submit(Job job, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(job), std::move(done)});
  }
  wake_.notify_one();
}

Status GroupCommitter::Run(Job job) {
  std::promise<Status> answer;
  std::future<Status> result = answer.get_future();
  Submit(std::move(job), [&answer](Status status) { answer.set_value(std::move(status)); });
  return result.get();
}

GroupCommitter::Stats GroupCommitter::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void GroupCommitter::Loop() {
  std::deque<Pending> batch;
  std::vector<Status> results;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything answered
      const size_t n = std::min(queue_.size(), options_.max_batch);
      for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Commit(batch, results);
    {
      std::lock_guard lock(mu_);
      ++stats_.batches;
      stats_.jobs += batch.size();
      stats_.largest_batch = std::max<uint64_t>(stats_.largest_batch, batch.size());
    }
    for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
    batch.clear();
    results.clear();
  }
}

void GroupCommitter::Commit(std::deque<Pending>& batch, std::vector<Status>& results) {
  ConnectionPool::Lease lease = pool_.BorrowWriter();
  Database& db = lease.db();
  auto fail_all = [&](const Status& status) { results.assign(batch.size(), status); };
  // FULL: COMMIT returns once the WAL is synced, so an answer given after it survives a
  // crash of the machine, not only of the process. Restored for the other writers.
  if (Status s = db.Exec("PRAGMA synchronous = FULL"); !s.ok()) return fail_all(s);
  Result<Transaction> txn = Transaction::BeginWrite(db);
  if (!txn.ok()) {
    fail_all(std::move(txn).error());
  } else {
    results.reserve(batch.size());
    for (Pending& p : batch) {
      Status s = RunCached(db, kSavepoint);
      if (s.ok()) {
        s = p.job(db);
        if (s.ok()) {
          s = RunCached(db, kRelease);
        } else {
          // Undo this job's writes only; the savepoint is then released empty.
          (void)RunCached(db, kRollbackTo);
          (void)RunCached(db, kRelease);
        }
      }
      results.push_back(std::move(s));
    }
    if (Status committed = txn->Commit(); !committed.ok()) fail_all(committed);
  }
  (void)db.Exec("PRAGMA synchronous = NORMAL");
}

}  // namespace dj
