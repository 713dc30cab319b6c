#include "http/envelope.h"

#include <spdlog/spdlog.h>

namespace dj::http {

int HttpStatusFor(const Error& error) {
  if (error.key == "request.unsupported_media_type" || error.key == "attachment.type_not_allowed" ||
      error.key == "attachment.type_mismatch") {
    return 415;
  }
  if (error.key == "request.header_too_large") return 431;
  if (error.key == "route.method_not_allowed") return 405;
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response JsonOk(const nlohmann::json& data, int status) {
  // Spliced as text: wrapping `data` in a json object would deep-copy it.
  Response response;
  response.status = status;
  response.body = R"({"code":0,"message":"","data":)";
  response.body += DumpJson(data);
  response.body += '}';
  return response;
}

Response JsonTextOk(std::string_view data, int status) {
  Response response;
  response.status = status;
  response.body.reserve(data.size() + 32);
  response.body = R"({"code":0,"message":"","data":)";
  response.body += data;
  response.body += '}';
  return response;
}

Response ErrorResponse(const Error& error, std::string_view request_id) {
  return ErrorResponse(error, request_id, nlohmann::json::object());
}

Response ErrorResponse(const Error& error, std::string_view request_id,
                       const nlohmann::json& details) {
  int status = HttpStatusFor(error);
  nlohmann::json data = nlohmann::json::object();
  std::string message;
  if (error.code == ErrorCode::kInternal) {
    data["error"] = "internal";
    spdlog::error("request {} failed: {} {}", request_id.empty() ? "-" : request_id, error.key,
                  error.message);
    message = request_id.empty()
                  ? "服务器内部错误，请稍后重试"
                  : "服务器内部错误，请稍后重试（请求编号 " + std::string(request_id) + "）";
  } else {
    data["error"] = error.key;
    message = error.message;
    if (!error.fields.empty()) {
      nlohmann::json fields = nlohmann::json::array();
      for (const FieldError& field : error.fields) {
        fields.push_back({{"row", field.row},
                          {"field", field.field},
                          {"value", field.value},
                          {"error", field.key},
                          {"message", field.message}});
      }
      data["fields"] = std::move(fields);
    }
    if (details.is_object()) {
      for (const auto& [key, value] : details.items()) {
        if (key != "error") data[key] = value;
      }
    }
  }
  nlohmann::json envelope = {{"code", status}, {"message", message}, {"data", std::move(data)}};
  Response response;
  response.status = status;
  response.body = DumpJson(envelope);
  return response;
}

Response FileResponse(std::string bytes, std::string_view content_type, std::string_view ascii_name,
                      std::string_view file_name) {
  Response response;
  response.content_type = std::string(content_type);
  response.body = std::move(bytes);
  std::string encoded;
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : file_name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + std::string(ascii_name) +
                                                "\"; filename*=UTF-8''" + encoded);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace dj::http
