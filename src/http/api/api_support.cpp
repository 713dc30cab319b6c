#include "http/api/api_support.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "http/api/access.h"

namespace dj::http {
namespace {

// An integer written in full, or nothing. `too_large` tells a well-formed integer that does
// not fit in int64 apart from text that is not an integer at all.
std::optional<int64_t> ParseInt(std::string_view text, bool* too_large = nullptr) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (too_large) *too_large = ec == std::errc::result_out_of_range && ptr == end;
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<int64_t> ParseId(std::string_view text) {
  std::optional<int64_t> id = ParseInt(text);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

Result<int64_t> PathId(const Request& request, std::string_view name) {
  std::string_view text = request.Param(name);
  std::optional<int64_t> id = ParseId(text);
  if (!id) {
    return Error::InvalidArgument("request.invalid_id",
                                  "路径中的编号 " + std::string(text) + " 无效");
  }
  return *id;
}

WriteContext WriteContextOf(const Request& request) {
  if (const Access* access = AccessOf(request)) {
    return CallerContext(access->caller, request.remote_address, request.request_id);
  }
  WriteContext ctx;
  ctx.address = request.remote_address;
  ctx.request_id = request.request_id;
  return ctx;
}

void QueryReader::Known(std::string_view name) { known_.emplace_back(name); }

std::optional<int64_t> QueryReader::Int(std::string_view name, int64_t min, int64_t max) {
  Known(name);
  std::optional<std::string> text = request_.Query(name);
  if (!text) return std::nullopt;
  bool too_large = false;
  std::optional<int64_t> value = ParseInt(*text, &too_large);
  if (!value && !too_large) {
    AddError(std::string(name), *text, "request.invalid_integer",
             "参数 " + std::string(name) + " 应为整数");
    return std::nullopt;
  }
  if (too_large || *value < min || *value > max) {
    AddError(std::string(name), *text, "request.out_of_range",
             "参数 " + std::string(name) + " 应在 " + std::to_string(min) + " 到 " +
                 std::to_string(max) + " 之间");
    return std::nullopt;
  }
  return value;
}

std::optional<Date> QueryReader::DateParam(std::string_view name) {
  Known(name);
  std::optional<std::string> text = request_.Query(name);
  if (!text) return std::nullopt;
  std::optional<Date> date = Date::Parse(*text);
  if (!date) {
    AddError(std::string(name), *text, "request.invalid_date",
             "参数 " + std::string(name) + " 不是有效日期（YYYY-MM-DD）");
  }
  return date;
}

std::optional<std::string> QueryReader::Text(std::string_view name) {
  Known(name);
  return request_.Query(name);
}

std::optional<std::string> QueryReader::Choice(std::string_view name,
                                               const std::vector<std::string_view>& choices) {
  Known(name);
  std::optional<std::string> text = request_.Query(name);
  if (!text) return std::nullopt;
  for (std::string_view choice : choices) {
    if (*text == choice) return text;
  }
  std::string list;
  for (std::string_view choice : choices) {
    if (!list.empty()) list += "、";
    list += choice;
  }
  AddError(std::string(name), *text, "request.invalid_choice",
           "参数 " + std::string(name) + " 的取值 " + *text + " 无效，可选：" + list);
  return std::nullopt;
}

QueryReader::Page QueryReader::Paging(int64_t default_size, int64_t max_size) {
  Page page;
  page.size = Int("page_size", 1, max_size).value_or(default_size);
  page.page = Int("page", 1, 1'000'000).value_or(1);
  return page;
}

std::vector<std::string> QueryReader::List(std::string_view name) {
  Known(name);
  std::vector<std::string> out;
  for (const std::string& value : request_.QueryAll(name)) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      if (comma > start) out.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

void QueryReader::AddError(std::string field, std::string value, std::string key,
                           std::string message) {
  errors_.push_back({0, std::move(field), std::move(value), std::move(key), std::move(message)});
}

Status QueryReader::Finish() {
  std::vector<std::string> reported;
  for (const auto& [name, value] : request_.query()) {
    if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
    if (std::find(reported.begin(), reported.end(), name) != reported.end()) continue;
    reported.push_back(name);
    AddError(name, value, "request.unknown_parameter", "未知参数 " + name);
  }
  if (errors_.empty()) return Ok();
  return Error::Validation(errors_);
}

}  // namespace dj::http
