#include "http/json_body.h"

#include <algorithm>
#include <limits>
#include <set>

#include "http/envelope.h"

namespace dj::http {
namespace {

using nlohmann::json;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence; npos if none.
size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

// Cuts valid UTF-8 `text` to at most `max_chars` code points, marking the cut with "…".
std::string CutText(std::string text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) {
      text.resize(i);
      text += "…";
      break;
    }
    ++chars;
  }
  return text;
}

Error TooDeep() {
  return Error::InvalidArgument("request.json_too_deep",
                                "请求体 JSON 嵌套超过 " + std::to_string(kMaxJsonDepth) + " 层");
}

}  // namespace

bool IsJsonContentType(std::string_view content_type) {
  size_t semicolon = content_type.find(';');
  if (!EqualsIgnoreCase(Trim(content_type.substr(0, semicolon)), "application/json")) {
    return false;
  }
  while (semicolon != std::string_view::npos) {
    content_type.remove_prefix(semicolon + 1);
    semicolon = content_type.find(';');
    std::string_view parameter = Trim(content_type.substr(0, semicolon));
    if (parameter.empty()) continue;
    size_t eq = parameter.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view name = Trim(parameter.substr(0, eq));
    std::string_view value = Trim(parameter.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (EqualsIgnoreCase(name, "charset") && !EqualsIgnoreCase(value, "utf-8")) return false;
  }
  return true;
}

Result<json> ParseJsonBody(const Request& request) {
  if (!IsJsonContentType(request.Header("Content-Type"))) {
    return Error::InvalidArgument("request.unsupported_media_type",
                                  "请求体应为 JSON，Content-Type 须为 application/json");
  }
  const std::string& body = request.body();
  if (size_t bad = FirstInvalidUtf8(body); bad != std::string_view::npos) {
    return Error::InvalidArgument("request.invalid_utf8", "请求体不是合法的 UTF-8 文本：第 " +
                                                              std::to_string(bad + 1) + " 字节处");
  }
  // The callback sees every object's keys, which the DOM parser would silently deduplicate,
  // and drops values nested too deep before they are built.
  std::vector<std::set<std::string, std::less<>>> keys;
  std::optional<std::string> duplicate;
  bool too_deep = false;
  json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (too_deep) return false;
    switch (event) {
      case json::parse_event_t::object_start:
        keys.emplace_back();
        [[fallthrough]];
      case json::parse_event_t::array_start:
        if (depth >= kMaxJsonDepth) too_deep = true;
        break;
      case json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second && !duplicate) {
          duplicate = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return !too_deep;
  };
  json value;
  try {
    value = json::parse(body, callback, /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const json::parse_error& e) {
    if (too_deep) return TooDeep();  // found before the syntax error
    if (body.empty()) {
      return Error::InvalidArgument("request.malformed_json", "请求体不是合法的 JSON：请求体为空");
    }
    if (e.byte > body.size()) {
      return Error::InvalidArgument(
          "request.malformed_json",
          "请求体不是合法的 JSON：内容在第 " + std::to_string(body.size()) + " 字节后意外结束");
    }
    return Error::InvalidArgument(
        "request.malformed_json",
        "请求体不是合法的 JSON：第 " + std::to_string(e.byte) + " 字节处有语法错误");
  }
  if (too_deep) return TooDeep();
  if (duplicate) {
    return Error::InvalidArgument("request.duplicate_key",
                                  "请求体中字段 " + CutText(*duplicate, 100) + " 重复出现");
  }
  return value;
}

Result<json> ParseJsonObject(const Request& request) {
  DJ_ASSIGN_OR_RETURN(json value, ParseJsonBody(request));
  if (!value.is_object()) {
    return Error::InvalidArgument("request.body_not_object", "请求体应为 JSON 对象");
  }
  return value;
}

std::string FieldValueText(const json& value) {
  std::string text = value.is_string() ? value.get<std::string>() : DumpJson(value);
  return CutText(std::move(text), 100);
}

JsonReader::JsonReader(const json& object, int row) : object_(object), row_(row) {}

const json* JsonReader::Find(std::string_view field) {
  if (std::find(known_.begin(), known_.end(), field) == known_.end()) {
    known_.emplace_back(field);
  }
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool JsonReader::Has(std::string_view field) { return Find(field) != nullptr; }

void JsonReader::Ignore(std::string_view field) { Find(field); }

void JsonReader::AddError(std::string field, std::string value, std::string key,
                          std::string message) {
  errors_.push_back({row_, std::move(field), std::move(value), std::move(key), std::move(message)});
}

void JsonReader::AddMissing(std::string_view field) {
  AddError(std::string(field), "", "request.missing_field", "缺少必填字段 " + std::string(field));
}

void JsonReader::AddWrongType(std::string_view field, const json& value, std::string_view what) {
  AddError(std::string(field), FieldValueText(value), "request.wrong_type",
           "字段 " + std::string(field) + " 应为" + std::string(what));
}

bool JsonReader::Convert(std::string_view field, const json& value, std::string* out) {
  if (!value.is_string()) {
    AddWrongType(field, value, "字符串");
    return false;
  }
  *out = value.get<std::string>();
  return true;
}

bool JsonReader::Convert(std::string_view field, const json& value, int64_t* out) {
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    *out = value.get<int64_t>();
    return true;
  }
  if (value.is_number_unsigned()) {
    uint64_t u = value.get<uint64_t>();
    if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      *out = static_cast<int64_t>(u);
      return true;
    }
    AddError(std::string(field), FieldValueText(value), "request.out_of_range",
             "字段 " + std::string(field) + " 超出范围");
    return false;
  }
  AddWrongType(field, value, "整数");
  return false;
}

bool JsonReader::Convert(std::string_view field, const json& value, int* out) {
  int64_t wide = 0;
  size_t problems = errors_.size();
  if (!Convert(field, value, &wide)) return false;
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    if (errors_.size() == problems) {
      AddError(std::string(field), FieldValueText(value), "request.out_of_range",
               "字段 " + std::string(field) + " 超出范围");
    }
    return false;
  }
  *out = static_cast<int>(wide);
  return true;
}

bool JsonReader::Convert(std::string_view field, const json& value, bool* out) {
  if (!value.is_boolean()) {
    AddWrongType(field, value, "布尔值");
    return false;
  }
  *out = value.get<bool>();
  return true;
}

bool JsonReader::Convert(std::string_view field, const json& value, double* out) {
  if (!value.is_number()) {
    AddWrongType(field, value, "数字");
    return false;
  }
  *out = value.get<double>();
  return true;
}

bool JsonReader::Convert(std::string_view field, const json& value, Date* out) {
  if (!value.is_string()) {
    AddWrongType(field, value, "日期（YYYY-MM-DD）");
    return false;
  }
  std::optional<Date> date = Date::Parse(value.get<std::string>());
  if (!date) {
    AddError(std::string(field), FieldValueText(value), "request.invalid_date",
             "字段 " + std::string(field) + " 不是有效日期（YYYY-MM-DD）");
    return false;
  }
  *out = *date;
  return true;
}

bool JsonReader::Convert(std::string_view, const json& value, json* out) {
  *out = value;
  return true;
}

bool JsonReader::Convert(std::string_view field, const json& value, std::vector<std::string>* out) {
  bool all_strings = value.is_array() && std::all_of(value.begin(), value.end(),
                                                     [](const json& v) { return v.is_string(); });
  if (!all_strings) {
    AddWrongType(field, value, "字符串数组");
    return false;
  }
  out->clear();
  for (const json& v : value) out->push_back(v.get<std::string>());
  return true;
}

bool JsonReader::Convert(std::string_view field, const json& value, std::vector<int64_t>* out) {
  bool all_integers =
      value.is_array() && std::all_of(value.begin(), value.end(), [](const json& v) {
        return v.is_number_integer() &&
               (!v.is_number_unsigned() ||
                v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()));
      });
  if (!all_integers) {
    AddWrongType(field, value, "整数数组");
    return false;
  }
  out->clear();
  for (const json& v : value) out->push_back(v.get<int64_t>());
  return true;
}

Status JsonReader::Finish() {
  if (object_.is_object()) {
    for (const auto& item : object_.items()) {
      const std::string& name = item.key();
      if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
      known_.push_back(name);  // reported once, even if Finish is called again
      AddError(name, FieldValueText(item.value()), "request.unknown_field",
               "未知字段 " + CutText(name, 100));
    }
  }
  if (errors_.empty()) return Ok();
  return Error::Validation(errors_);
}

}  // namespace dj::http
