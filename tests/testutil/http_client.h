// A small blocking HTTP/1.1 client for tests against a server on 127.0.0.1. Failures of the
// transport (refused, reset, timeout) are reported in HttpResponse::error with status 0, so
// a test asserts on them instead of crashing.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dj::testutil {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;     // 0 when the exchange failed; see `error`
  std::string error;  // what failed, for test messages
  Headers headers;
  std::string body;
  bool keep_alive = false;  // the server will keep the connection open

  // The first header named `name` (case-insensitive); "" when absent.
  std::string Header(std::string_view name) const;
  // The body parsed as JSON; a discarded value (is_discarded()) when it is not JSON.
  nlohmann::json Json() const;
};

// One keep-alive connection, opened on the first request and again whenever the server has
// closed it. Not thread-safe: one client per thread.
class HttpClient {
 public:
  explicit HttpClient(uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request (HTTP/1.1 unless `version` is 10) and reads the response. Host,
  // User-Agent and Content-Length are added; `headers` are sent as given.
  HttpResponse Send(std::string_view method, std::string_view target, std::string body = {},
                    const Headers& headers = {}, int version = 11);
  HttpResponse Get(std::string_view target, const Headers& headers = {});
  // POST with Content-Type: application/json.
  HttpResponse PostJson(std::string_view target, std::string body);

  // How many TCP connections this client has opened so far.
  int connections_opened() const { return connections_opened_; }
  // True while the connection is open and the last answer allowed keeping it.
  bool connected() const;
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int connections_opened_ = 0;
};

struct RawReply {
  std::string data;                      // every byte received
  bool closed_by_peer = false;           // the server closed the connection before `wait` ran out
  std::chrono::milliseconds elapsed{0};  // until the close, or `wait`
  std::string error;                     // connect or write failure
};

// Opens a new connection, writes `bytes` as they are (nothing added), then reads until the
// server closes the connection or `wait` has passed. With `half_close` the client shuts down
// its sending side after writing, so a server draining the connection sees the end at once.
RawReply SendRaw(uint16_t port, std::string_view bytes, std::chrono::milliseconds wait,
                 bool half_close = false);

// Parses the first HTTP response in `raw` (e.g. RawReply::data); nullopt when there is none.
std::optional<HttpResponse> ParseResponse(std::string_view raw);

}  // namespace dj::testutil
