#include "http/access_log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

namespace dj::http {
namespace {

constexpr size_t kWakeWriterBytes = 64 << 10;
constexpr size_t kMaxPendingBytes = 16 << 20;

// Appends formatted lines to `pending_` under the base sink's mutex; a writer thread takes the
// whole buffer every flush interval (or sooner once kWakeWriterBytes wait) and writes it.
class BatchingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BatchingSink(std::FILE* out, bool owns_out, std::chrono::milliseconds interval)
      : out_(out), owns_out_(owns_out), interval_(interval), writer_([this] { WriteLoop(); }) {}

  ~BatchingSink() override {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    writer_.join();
    Write(pending_);
    if (owns_out_) std::fclose(out_);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    pending_.append(line.data(), line.size());
    if (pending_.size() >= kMaxPendingBytes) {
      // The writer cannot keep up: hold the loggers back instead of growing.
      std::lock_guard write_lock(write_mutex_);
      Write(pending_);
      pending_.clear();
    } else if (pending_.size() >= kWakeWriterBytes) {
      wake_.notify_one();
    }
  }

  void flush_() override {
    std::lock_guard write_lock(write_mutex_);
    Write(pending_);
    pending_.clear();
  }

 private:
  void WriteLoop() {
    std::string batch;
    std::unique_lock lock(mutex_);
    while (!stop_) {
      wake_.wait_for(lock, interval_,
                     [this] { return stop_ || pending_.size() >= kWakeWriterBytes; });
      batch.swap(pending_);
      {
        // Taken before mutex_ is released, so that batches are written in order.
        std::lock_guard write_lock(write_mutex_);
        lock.unlock();
        Write(batch);
      }
      batch.clear();
      lock.lock();
    }
  }

  // Called with write_mutex_ held (or, in the destructor, alone).
  void Write(const std::string& text) {
    if (text.empty()) return;
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
  }

  std::FILE* const out_;
  const bool owns_out_;
  const std::chrono::milliseconds interval_;
  std::mutex write_mutex_;  // serialises writes to out_; taken after mutex_, never before
  std::string pending_;     // guarded by mutex_
  bool stop_ = false;       // guarded by mutex_
  std::condition_variable wake_;
  std::thread writer_;  // last: starts once the fields above exist
};

}  // namespace

Result<std::shared_ptr<spdlog::logger>> MakeAccessLog(const std::string& file,
                                                      std::chrono::milliseconds flush_interval) {
  std::FILE* out = stderr;
  if (!file.empty()) {
    out = std::fopen(file.c_str(), "ae");
    if (out == nullptr) {
      return Error::Unavailable("server.log_failed", "无法打开访问日志文件 " + file);
    }
  }
  auto sink = std::make_shared<BatchingSink>(out, !file.empty(), flush_interval);
  sink->set_formatter(std::make_unique<spdlog::pattern_formatter>("%Y-%m-%d %H:%M:%S.%e %v"));
  auto logger = std::make_shared<spdlog::logger>("access", std::move(sink));
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::off);
  return logger;
}

}  // namespace dj::http
