// Small pieces every controller needs: ids from the path, the write context of a request, and
// strict reading of query parameters with every problem reported at once.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/write_context.h"
#include "http/request.h"

namespace dj::http {

// A page of a list holds at most this many items.
inline constexpr int kMaxPageSize = 200;

// `text` as a positive integer id written in full, or nullopt.
std::optional<int64_t> ParseId(std::string_view text);

// The positive integer id in path parameter `name`. InvalidArgument "request.invalid_id"
// ("路径中的编号 abc 无效") otherwise.
Result<int64_t> PathId(const Request& request, std::string_view name = "id");

// Who writes, from where, under which request id: recorded in the audit log with every write.
// The signed-in caller (see access.h); anonymous with only the address on a public route.
WriteContext WriteContextOf(const Request& request);

// Reads query parameters, collecting a FieldError (row 0, field = parameter name) for each
// malformed one; Finish adds one "request.unknown_parameter" for each parameter that was
// never asked for (a typo such as "subtre" must not silently widen a search) and returns
// them all as one validation error. Absent parameters read as nullopt. Not thread-safe.
class QueryReader {
 public:
  explicit QueryReader(const Request& request) : request_(request) {}

  // An integer in [min, max]: "request.invalid_integer" / "request.out_of_range".
  std::optional<int64_t> Int(std::string_view name, int64_t min, int64_t max);
  // "YYYY-MM-DD": "request.invalid_date".
  std::optional<Date> DateParam(std::string_view name);
  // The value as sent (already percent-decoded and valid UTF-8).
  std::optional<std::string> Text(std::string_view name);
  // One of `choices`: "request.invalid_choice".
  std::optional<std::string> Choice(std::string_view name,
                                    const std::vector<std::string_view>& choices);
  // Every value of a repeatable parameter, also split at commas ("status=full,probationary").
  std::vector<std::string> List(std::string_view name);

  // "page" (1-based, default 1) and "page_size" (1..max_size, default default_size).
  struct Page {
    int64_t page = 1;
    int64_t size = 20;
    int64_t offset() const { return (page - 1) * size; }
  };
  Page Paging(int64_t default_size, int64_t max_size);

  void AddError(std::string field, std::string value, std::string key, std::string message);
  Status Finish();

 private:
  // Notes that `name` is a parameter of this route.
  void Known(std::string_view name);

  const Request& request_;
  std::vector<FieldError> errors_;
  std::vector<std::string> known_;
};

}  // namespace dj::http
