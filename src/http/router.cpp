#include "http/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "http/envelope.h"

namespace dj::http {

struct Router::Route {
  RouteInfo info;
  Handler handler;
  std::vector<std::string> param_names;  // in the order the segments appear
};

// One path position of the pattern trie. Routes ending here are indexed by Method.
struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> exact;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::array<int, kMethodCount> route;  // index into routes_table_, -1 when none

  Node() { route.fill(-1); }

  uint32_t MethodMask() const {
    uint32_t mask = 0;
    for (int m = 0; m < kMethodCount; ++m) {
      if (route[m] >= 0) mask |= 1u << m;
    }
    // GET routes answer HEAD too.
    if (route[static_cast<int>(Method::kGet)] >= 0) mask |= 1u << static_cast<int>(Method::kHead);
    return mask;
  }
};

namespace {

struct MatchState {
  Method method;
  const std::vector<std::string>* segments;
  std::vector<std::string_view> captured;
  uint32_t allowed = 0;  // methods of every node whose pattern matched the path
};

bool IsParamNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsPatternChar(char c) {
  return static_cast<unsigned char>(c) > ' ' && c != '%' && c != '?' && c != '#' && c != '/';
}

[[noreturn]] void BadPattern(std::string_view pattern, std::string_view why) {
  throw std::invalid_argument("route pattern \"" + std::string(pattern) +
                              "\": " + std::string(why));
}

// The segments of a path or pattern that starts with '/'; "/" has none.
std::vector<std::string_view> SplitSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.size() <= 1) return segments;
  path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::Add(Method method, std::string_view pattern, Handler handler, RouteAccess access,
                 size_t body_limit) {
  if (pattern.empty() || pattern.front() != '/') BadPattern(pattern, "must start with '/'");
  if (method == Method::kOther) BadPattern(pattern, "method OTHER cannot be routed");
  if (!handler) BadPattern(pattern, "empty handler");
  Node* node = root_.get();
  std::vector<std::string> param_names;
  for (std::string_view segment : SplitSegments(pattern)) {
    if (segment.empty()) BadPattern(pattern, "empty segment or trailing '/'");
    if (segment.front() == ':') {
      std::string_view name = segment.substr(1);
      if (name.empty()) BadPattern(pattern, "parameter without a name");
      for (char c : name) {
        if (!IsParamNameChar(c)) BadPattern(pattern, "parameter names are [A-Za-z0-9_]");
      }
      for (const std::string& seen : param_names) {
        if (seen == name) BadPattern(pattern, "parameter name used twice");
      }
      if (node->param == nullptr) {
        node->param = std::make_unique<Node>();
        node->param_name = std::string(name);
      } else if (node->param_name != name) {
        BadPattern(pattern, "conflicts with parameter :" + node->param_name);
      }
      param_names.emplace_back(name);
      node = node->param.get();
    } else {
      for (char c : segment) {
        if (!IsPatternChar(c)) BadPattern(pattern, "segments may not hold '%', '?', '#' or spaces");
      }
      auto it = node->exact.find(segment);
      if (it == node->exact.end()) {
        it = node->exact.emplace(std::string(segment), std::make_unique<Node>()).first;
      }
      node = it->second.get();
    }
  }
  int& slot = node->route[static_cast<int>(method)];
  if (slot >= 0) BadPattern(pattern, std::string("registered twice for ") + MethodName(method));
  slot = static_cast<int>(routes_table_.size());
  RouteInfo info{method, std::string(pattern), std::move(access), body_limit};
  routes_.push_back(info);
  routes_table_.push_back({std::move(info), std::move(handler), std::move(param_names)});
}

void Router::SetGuard(Guard guard) { guard_ = std::move(guard); }

const std::vector<RouteInfo>& Router::routes() const { return routes_; }

namespace {

// Depth-first search of the trie: exact segments first, then the parameter. Returns the route
// index for the request's method, or -1 after collecting in `state->allowed` the methods of
// every node that matched the whole path.
template <typename Node>
int FindRoute(const Node& node, size_t i, MatchState* state) {
  const std::vector<std::string>& segments = *state->segments;
  if (i == segments.size()) {
    state->allowed |= node.MethodMask();
    int route = node.route[static_cast<int>(state->method)];
    if (route < 0 && state->method == Method::kHead) {
      route = node.route[static_cast<int>(Method::kGet)];
    }
    return route;
  }
  if (auto it = node.exact.find(segments[i]); it != node.exact.end()) {
    int route = FindRoute(*it->second, i + 1, state);
    if (route >= 0) return route;
  }
  if (node.param != nullptr && !segments[i].empty()) {
    state->captured.push_back(segments[i]);
    int route = FindRoute(*node.param, i + 1, state);
    if (route >= 0) return route;
    state->captured.pop_back();
  }
  return -1;
}

std::string AllowHeader(uint32_t mask) {
  std::string allow;
  for (int m = 0; m < kMethodCount; ++m) {
    if ((mask & (1u << m)) == 0) continue;
    if (!allow.empty()) allow += ", ";
    allow += MethodName(static_cast<Method>(m));
  }
  return allow;
}

}  // namespace

size_t Router::BodyLimit(Method method, std::string_view target) const {
  std::string_view path = target.substr(0, target.find('?'));
  std::vector<std::string> segments;
  for (std::string_view raw : SplitSegments(path)) {
    std::optional<std::string> segment = PercentDecode(raw, /*plus_is_space=*/false);
    if (!segment) return 0;
    segments.push_back(std::move(*segment));
  }
  MatchState state{method, &segments, {}, 0};
  int index = FindRoute(*root_, 0, &state);
  return index < 0 ? 0 : routes_table_[static_cast<size_t>(index)].info.body_limit;
}

size_t Router::MaxBodyLimit() const {
  size_t most = 0;
  for (const RouteInfo& route : routes_) most = std::max(most, route.body_limit);
  return most;
}

std::optional<Response> Router::TryDispatch(Request& request) const {
  std::vector<std::string> segments;
  for (std::string_view raw : SplitSegments(request.raw_path())) {
    std::optional<std::string> segment = PercentDecode(raw, /*plus_is_space=*/false);
    if (!segment) return std::nullopt;  // Request::Make refuses such paths already
    segments.push_back(std::move(*segment));
  }
  MatchState state{request.method(), &segments, {}, 0};
  int index = FindRoute(*root_, 0, &state);
  if (index < 0) {
    if (state.allowed == 0) return std::nullopt;
    Response response =
        ErrorResponse(Error::InvalidArgument(
                          "route.method_not_allowed",
                          "该接口不支持 " + std::string(MethodName(request.method())) + " 方法"),
                      request.request_id);
    response.SetHeader("Allow", AllowHeader(state.allowed));
    return response;
  }
  const Route& route = routes_table_[static_cast<size_t>(index)];
  std::vector<std::pair<std::string, std::string>> params;
  params.reserve(route.param_names.size());
  for (size_t i = 0; i < route.param_names.size(); ++i) {
    params.emplace_back(route.param_names[i], std::string(state.captured[i]));
  }
  request.SetParams(std::move(params));
  try {
    if (guard_) {
      Status allowed = guard_(request, route.info);
      if (!allowed.ok()) return ErrorResponse(allowed.error(), request.request_id);
    }
    Result<Response> result = route.handler(request);
    if (!result.ok()) return ErrorResponse(result.error(), request.request_id);
    return std::move(result).value();
  } catch (const std::exception& e) {
    return ErrorResponse(
        Error::Internal(std::string("处理 ") + route.info.pattern + " 时抛出异常：" + e.what()),
        request.request_id);
  } catch (...) {
    return ErrorResponse(
        Error::Internal(std::string("处理 ") + route.info.pattern + " 时抛出未知异常"),
        request.request_id);
  }
}

Response Router::Dispatch(Request& request) const {
  std::optional<Response> response = TryDispatch(request);
  if (response) return std::move(*response);
  return NotFoundResponse(request);
}

Response NotFoundResponse(const Request& request) {
  return ErrorResponse(Error::NotFound("route.not_found", "请求的接口或页面不存在"),
                       request.request_id);
}

}  // namespace dj::http
