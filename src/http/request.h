// The HTTP request and response as handlers see them: plain values with no Boost types, so
// controllers and their tests compile without Beast.
#pragma once

#include <any>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.h"

namespace dj::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

inline constexpr int kMethodCount = 8;

// "GET", "HEAD", ...; "OTHER" for kOther.
const char* MethodName(Method method);

// The method named by the (case-sensitive, as HTTP defines it) token `name`; kOther when the
// token is not one of ours.
Method MethodFromName(std::string_view name);

// Header fields in arrival order; names keep the case they were sent with.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// ASCII case-insensitive equality, as header names compare.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings).
// Returns nullopt for a malformed escape, an escaped or literal NUL, or a result that is not
// valid UTF-8: such text must never reach handlers, JSON or SQL.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// One HTTP request. Built by the server (or by a test through Make) and then owned by the
// single thread that runs its handler; nothing in it is synchronised.
class Request {
 public:
  // Builds a request for `target` in origin form ("/path?query"). Errors: InvalidArgument
  // "request.malformed_target" when the target does not start with '/', or its path or query
  // has a malformed escape, a NUL, or text that is not UTF-8 once decoded.
  static Result<Request> Make(Method method, std::string_view target, std::string body = {},
                              HeaderList headers = {});

  Method method() const { return method_; }
  // The target exactly as sent, e.g. "/api/orgs?q=%E5%85%9A".
  const std::string& target() const { return target_; }
  // The path part of the target with escapes decoded, e.g. "/api/orgs/党委".
  const std::string& path() const { return path_; }
  // The path part of the target as sent (still escaped); the router splits this one so that an
  // escaped "/" (%2F) stays inside its segment.
  std::string_view raw_path() const;
  const std::string& body() const { return body_; }
  const HeaderList& headers() const { return headers_; }

  // The value of path parameter `name` (":id" in the route pattern), decoded; "" when the
  // matched route has no such parameter.
  std::string_view Param(std::string_view name) const;
  // The first value of query parameter `name`, decoded; nullopt when absent. "?a" and "?a="
  // both give "".
  std::optional<std::string> Query(std::string_view name) const;
  // Every value of query parameter `name` in order ("?id=1&id=2" gives {"1", "2"}).
  std::vector<std::string> QueryAll(std::string_view name) const;
  // Every query parameter in order, names and values decoded.
  const std::vector<std::pair<std::string, std::string>>& query() const { return query_; }
  // The value of the first header named `name` (case-insensitive); "" when absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;

  // Set by the router when a route matches; the values are decoded path segments.
  void SetParams(std::vector<std::pair<std::string, std::string>> params) {
    params_ = std::move(params);
  }
  const std::vector<std::pair<std::string, std::string>>& params() const { return params_; }

  // The peer's IP address as text ("127.0.0.1"); "" for requests not from a socket.
  std::string remote_address;
  // The id echoed in X-Request-Id and written to every log line about this request.
  std::string request_id;
  // Values that the guard or middleware attach for handlers, e.g. the authenticated user under
  // "auth". Each key's owner documents the type it stores.
  std::unordered_map<std::string, std::any> attributes;

 private:
  Request() = default;

  Method method_ = Method::kGet;
  std::string target_;
  size_t path_end_ = 0;  // length of the path part of target_
  std::string path_;
  std::vector<std::pair<std::string, std::string>> query_;
  std::vector<std::pair<std::string, std::string>> params_;
  std::string body_;
  HeaderList headers_;
};

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

// One HTTP response. The server adds X-Request-Id, the security headers, Content-Length and
// Connection; handlers set the rest.
class Later;

struct Response {
  int status = 200;
  std::string content_type = std::string(kJsonContentType);
  std::string body;
  HeaderList headers;  // extra headers, e.g. {"Allow", "GET, POST"}
  // The server holds the answer this long before sending it, on a timer rather than a thread
  // (failed logins are answered slowly this way).
  std::chrono::milliseconds delay{0};
  // An answer not ready when the handler returns (a write waiting for its batch to be
  // durable): the server waits for it without holding a thread and sends what Later is
  // given instead of this response.
  std::shared_ptr<Later> later;

  // Replaces any header named `name` (case-insensitive) with one `name: value`.
  void SetHeader(std::string_view name, std::string value);
  // The value of header `name` (case-insensitive); "" when absent.
  std::string_view Header(std::string_view name) const;
};

// The answer of a request given later, from any thread. It must be given, exactly once,
// before the server is destroyed (the connection waits for it).
class Later {
 public:
  void Answer(Response response);
  // For the server: `then` receives the answer — at once when it has been given, otherwise
  // on the thread that gives it. Called once.
  void OnAnswer(std::function<void(Response)> then);

 private:
  std::mutex mu_;
  std::optional<Response> answer_;
  std::function<void(Response)> then_;
};

// True when `id` may be echoed as a request id: 1..64 characters of [A-Za-z0-9_-].
bool IsSaneRequestId(std::string_view id);

// A new request id, unique within this process and unlikely to repeat across restarts
// (a random per-process prefix and a counter). Thread-safe.
std::string NewRequestId();

}  // namespace dj::http
