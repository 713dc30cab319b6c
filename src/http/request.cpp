#include "http/request.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <random>

#include "common/text.h"

namespace dj::http {
namespace {

constexpr const char* kMethodNames[kMethodCount] = {"GET",   "HEAD",   "POST",    "PUT",
                                                    "PATCH", "DELETE", "OPTIONS", "OTHER"};

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error MalformedTarget() {
  return Error::InvalidArgument("request.malformed_target", "请求地址格式不正确");
}

}  // namespace

const char* MethodName(Method method) { return kMethodNames[static_cast<int>(method)]; }

Method MethodFromName(std::string_view name) {
  for (int i = 0; i < kMethodCount - 1; ++i) {
    if (name == kMethodNames[i]) return static_cast<Method>(i);
  }
  return Method::kOther;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return std::nullopt;
    out.push_back(c);
  }
  if (!IsValidUtf8(out)) return std::nullopt;
  return out;
}

Result<Request> Request::Make(Method method, std::string_view target, std::string body,
                              HeaderList headers) {
  if (target.empty() || target.front() != '/') return MalformedTarget();
  Request request;
  request.method_ = method;
  request.target_ = std::string(target);
  size_t question = target.find('?');
  request.path_end_ = question == std::string_view::npos ? target.size() : question;
  auto path = PercentDecode(target.substr(0, request.path_end_), /*plus_is_space=*/false);
  if (!path) return MalformedTarget();
  request.path_ = std::move(*path);
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (pair.empty()) continue;
      size_t eq = pair.find('=');
      auto name = PercentDecode(pair.substr(0, eq), /*plus_is_space=*/true);
      auto value = PercentDecode(
          eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
      if (!name || !value) return MalformedTarget();
      request.query_.emplace_back(std::move(*name), std::move(*value));
    }
  }
  request.body_ = std::move(body);
  request.headers_ = std::move(headers);
  return request;
}

std::string_view Request::raw_path() const {
  return std::string_view(target_).substr(0, path_end_);
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : query_) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers_) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

bool Request::HasHeader(std::string_view name) const {
  for (const auto& header : headers_) {
    if (EqualsIgnoreCase(header.first, name)) return true;
  }
  return false;
}

void Later::Answer(Response response) {
  std::function<void(Response)> then;
  {
    std::lock_guard lock(mu_);
    if (!then_) {
      answer_ = std::move(response);
      return;
    }
    then = std::move(then_);
  }
  then(std::move(response));
}

void Later::OnAnswer(std::function<void(Response)> then) {
  std::optional<Response> ready;
  {
    std::lock_guard lock(mu_);
    if (!answer_) {
      then_ = std::move(then);
      return;
    }
    ready = std::move(answer_);
  }
  then(std::move(*ready));
}

void Response::SetHeader(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  static const uint32_t prefix = std::random_device{}();
  static std::atomic<uint64_t> counter{0};
  uint64_t n = counter.fetch_add(1, std::memory_order_relaxed) + 1;
  char buffer[32];
  int len =
      std::snprintf(buffer, sizeof buffer, "%08x-%llx", prefix, static_cast<unsigned long long>(n));
  return std::string(buffer, static_cast<size_t>(len));
}

}  // namespace dj::http
