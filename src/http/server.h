// The HTTP/1.x server: Boost.Beast on Asio C++20 coroutines, kept out of this header so that
// code using the server does not compile Beast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/router.h"

namespace dj::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 0;               // 0: an ephemeral port, reported by Listen
  int threads = 2;                 // io threads; handlers run on them
  size_t body_limit = 1 << 20;     // larger bodies are answered 413 and the connection closed
  size_t header_limit = 16 << 10;  // larger request heads are answered 431
  // A keep-alive connection waiting this long for its next request is closed.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  // A request (head and body) must arrive within this time from its first byte, and its
  // response must be written within it; otherwise the connection is closed. The handler's own
  // running time does not count. Timeouts are checked periodically, so a connection may be
  // closed up to a quarter of the shortest timeout (at most 250 ms) late.
  std::chrono::milliseconds request_timeout = std::chrono::seconds(30);
  // Stop waits this long for requests in flight before closing their connections.
  std::chrono::milliseconds shutdown_timeout = std::chrono::seconds(10);
  // When set, GET and HEAD requests outside /api/ that no route serves are answered from
  // this directory (see StaticFiles).
  std::string static_dir;
  // One line per request: time, request id, peer, method, target, status, bytes written
  // (head and body) and duration in microseconds, e.g.
  //   2024-05-01 09:30:00.123 3f2a9c1e-1b 127.0.0.1 GET /api/health 200 248 85us
  bool access_log = true;
  // Where the access log goes (appended); "" for stderr. Written in batches by a background
  // thread (see MakeAccessLog).
  std::string access_log_file;
};

// Serves one Router. Lifecycle: construct, Listen, Run (blocks) until Stop from any thread or
// a signal after StopOnSignals; then destroy. Handlers run synchronously on the io threads;
// an answer given later (Response::later) is waited for without holding a thread.
class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the real port. Errors: Unavailable "server.port_in_use"
  // ("端口 8080 已被占用"), "server.port_forbidden" (no permission), "server.listen_failed";
  // "server.log_failed" when the access log file cannot be opened, "server.static_dir_missing"
  // when static_dir is set but is not a directory; InvalidArgument "server.bad_address" for an
  // address that is not an IP address. Call once.
  Result<uint16_t> Listen();

  // Runs the io threads until Stop, then shuts down gracefully: stops accepting, closes idle
  // keep-alive connections, lets requests in flight finish (their responses carry
  // "Connection: close") for up to shutdown_timeout, then closes what is left, and returns.
  // Returns at once if Listen did not succeed. Call once, from one thread.
  void Run();

  // Asks Run to shut down and return. Thread-safe, non-blocking, idempotent; may be called
  // before Run (which then returns at once) and from inside a handler.
  void Stop();

  // Makes SIGINT and SIGTERM call Stop. Call before Run.
  void StopOnSignals();

  const Router& router() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dj::http
