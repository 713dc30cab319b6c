// Strict reading of JSON request bodies: the body must be declared as JSON, be valid UTF-8 and
// valid JSON with no duplicate keys; fields are read with their types checked, unknown fields
// are refused, and every problem is reported at once.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "http/request.h"

namespace dj::http {

// Objects and arrays may nest this deep in a request body.
inline constexpr int kMaxJsonDepth = 64;

// True for "application/json" with an optional charset=utf-8 parameter, in any letter case.
bool IsJsonContentType(std::string_view content_type);

// Parses the body of `request` as one JSON value. Errors (all InvalidArgument):
//   request.unsupported_media_type (answered 415)  Content-Type is not application/json
//   request.invalid_utf8     "请求体不是合法的 UTF-8 文本：第 N 字节处"
//   request.malformed_json   "请求体不是合法的 JSON：第 N 字节处有语法错误",
//                            "请求体不是合法的 JSON：内容在第 N 字节后意外结束" or
//                            "请求体不是合法的 JSON：请求体为空" (N counts from 1)
//   request.duplicate_key    "请求体中字段 x 重复出现"
//   request.json_too_deep    nesting deeper than kMaxJsonDepth
Result<nlohmann::json> ParseJsonBody(const Request& request);

// As ParseJsonBody, and the value must be an object (request.body_not_object otherwise).
Result<nlohmann::json> ParseJsonObject(const Request& request);

// Reads typed fields of one JSON object, collecting a FieldError for every problem instead of
// stopping at the first, so one answer tells the user everything to fix:
//
//   JsonReader in(body);
//   auto name = in.Required<std::string>("name");
//   auto founded = in.Optional<Date>("founded_on");
//   DJ_RETURN_IF_ERROR(in.Finish());   // missing, mistyped and unknown fields, all at once
//
// Supported types: std::string, int64_t, int, bool, double, dj::Date ("YYYY-MM-DD"),
// nlohmann::json (any value), std::vector<std::string>, std::vector<int64_t>.
// Strings are returned as sent (not trimmed or normalised). Keys of the FieldErrors:
//   request.missing_field  "缺少必填字段 x"             (absent, or null where required)
//   request.wrong_type     "字段 x 应为字符串" / "应为整数" / "应为布尔值" / "应为数字" /
//                          "应为日期（YYYY-MM-DD）" / "应为字符串数组" / "应为整数数组"
//   request.out_of_range   "字段 x 超出范围"            (an integer too large for int)
//   request.invalid_date   "字段 x 不是有效日期（YYYY-MM-DD）"
//   request.unknown_field  "未知字段 x"
// Not thread-safe; `object` must outlive the reader.
class JsonReader {
 public:
  // `row` is copied into every FieldError (0 for a single object, 1-based for rows of a batch).
  // A non-object `object` reads as an object without fields.
  explicit JsonReader(const nlohmann::json& object, int row = 0);

  // The value of `field`, or a default-constructed T after recording a problem.
  template <typename T>
  T Required(std::string_view field) {
    T out{};
    const nlohmann::json* value = Find(field);
    if (value == nullptr) {
      AddMissing(field);
    } else {
      Convert(field, *value, &out);
    }
    return out;
  }

  // The value of `field`; nullopt when it is absent or null, and also (after recording a
  // problem) when it has the wrong type.
  template <typename T>
  std::optional<T> Optional(std::string_view field) {
    const nlohmann::json* value = Find(field);
    if (value == nullptr) return std::nullopt;
    T out{};
    if (!Convert(field, *value, &out)) return std::nullopt;
    return out;
  }

  // True when `field` is present and not null; marks it as known.
  bool Has(std::string_view field);
  // Accepts `field` without reading it, so Finish does not call it unknown.
  void Ignore(std::string_view field);
  // Records a problem found by the caller, e.g. a domain rule on a field just read.
  void AddError(std::string field, std::string value, std::string key, std::string message);

  bool ok() const { return errors_.empty(); }
  const std::vector<FieldError>& errors() const { return errors_; }

  // Records every field that was present but never read or ignored as request.unknown_field,
  // then returns Ok, or Error::Validation listing all problems in the order found.
  Status Finish();

 private:
  // The value of `field` when present and not null; marks the field as known either way.
  const nlohmann::json* Find(std::string_view field);
  void AddMissing(std::string_view field);
  void AddWrongType(std::string_view field, const nlohmann::json& value, std::string_view what);

  bool Convert(std::string_view field, const nlohmann::json& value, std::string* out);
  bool Convert(std::string_view field, const nlohmann::json& value, int64_t* out);
  bool Convert(std::string_view field, const nlohmann::json& value, int* out);
  bool Convert(std::string_view field, const nlohmann::json& value, bool* out);
  bool Convert(std::string_view field, const nlohmann::json& value, double* out);
  bool Convert(std::string_view field, const nlohmann::json& value, Date* out);
  bool Convert(std::string_view field, const nlohmann::json& value, nlohmann::json* out);
  bool Convert(std::string_view field, const nlohmann::json& value, std::vector<std::string>* out);
  bool Convert(std::string_view field, const nlohmann::json& value, std::vector<int64_t>* out);

  const nlohmann::json& object_;
  int row_;
  std::vector<std::string> known_;
  std::vector<FieldError> errors_;
};

// The value as it is shown in a FieldError: strings as they are, other values as JSON text;
// cut to 100 characters.
std::string FieldValueText(const nlohmann::json& value);

}  // namespace dj::http
