// Group commit: writes from many threads committed together, one transaction per batch.
//
// A burst of small writes (300,000 contest submissions within a minute) cannot afford one
// transaction, and one fsync, each. The committer thread takes every job waiting, runs them
// one after the other in one write transaction on the pool's writer connection — each in a
// savepoint of its own, so a failing job is undone alone — commits with synchronous=FULL
// (the commit is on disk when COMMIT returns), and only then tells each job's caller how it
// went. While one batch commits, the next one gathers.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "common/result.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/pool.h"

namespace dj {

class GroupCommitter {
 public:
  // Runs inside the batch's transaction; an error undoes what the job wrote, and only that.
  using Job = std::function<Status(Database&)>;
  // Called on the committer thread once the batch is durable (or failed to commit), with the
  // job's own status or the commit's error. Must not block for long: the next batch waits.
  using Done = std::function<void(Status)>;

  struct Options {
    size_t max_batch = 8192;  // jobs per transaction at most
  };

  // Starts the committer thread. `pool` must outlive the committer.
  explicit GroupCommitter(ConnectionPool& pool) : GroupCommitter(pool, Options{}) {}
  GroupCommitter(ConnectionPool& pool, Options options);
  // Runs and answers every job submitted before it, then stops the thread.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Queues `job`; `done` is called exactly once. Thread-safe.
  void Submit(Job job, Done done);
  // Submits `job` and waits until its batch is durable.
  Status Run(Job job);

  struct Stats {
    uint64_t batches = 0;
    uint64_t jobs = 0;
    uint64_t largest_batch = 0;
  };
  Stats stats() const;

 private:
  struct Pending {
    Job job;
    Done done;
  };

  void Loop();
  // Runs `batch` in one transaction; fills `results` (one per job).
  void Commit(std::deque<Pending>& batch, std::vector<Status>& results);

  ConnectionPool& pool_;
  Options options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  Stats stats_;
  std::thread thread_;  // last: started when everything else is ready
};

}  // namespace dj
