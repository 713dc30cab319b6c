// The one place where results become HTTP: every answer of the API is the JSON envelope
//   {"code": 0, "message": "", "data": ...}
// which the web app unwraps in one interceptor. On success `code` is 0; on failure it is the
// HTTP status, `message` is the Chinese message for people and `data` is
//   {"error": "<stable key>", "fields": [{"row", "field", "value", "error", "message"}, ...]}
// with "fields" present only when the error lists field problems.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/result.h"
#include "http/request.h"

namespace dj::http {

// The HTTP status for `error`: InvalidArgument 400, Unauthenticated 401, Forbidden 403,
// NotFound 404, Conflict 409, TooLarge 413, Internal 500, Unavailable 503. A few keys name a
// more precise status of the same class: "request.unsupported_media_type" 415,
// "request.header_too_large" 431, "route.method_not_allowed" 405,
// "attachment.type_not_allowed" and "attachment.type_mismatch" 415.
int HttpStatusFor(const Error& error);

// 200 (or `status`) with the success envelope around `data`.
Response JsonOk(const nlohmann::json& data, int status = 200);
// The same around `data`, JSON text already written (JsonText).
Response JsonTextOk(std::string_view data, int status = 200);

// The error envelope for `error`. Internal errors are logged (with `request_id`, through the
// default spdlog logger) and answered with the key "internal" and a generic message naming only
// the request id, so no detail of the failure leaks to the client.
Response ErrorResponse(const Error& error, std::string_view request_id = {});
// The same with more members in `data` (an object) beside "error", for answers that carry
// more than field problems (the rows of an import). Not for internal errors.
Response ErrorResponse(const Error& error, std::string_view request_id,
                       const nlohmann::json& details);

// The envelope as JSON text; invalid UTF-8 in strings is replaced, never thrown on.
std::string DumpJson(const nlohmann::json& value);

// A file download: `bytes` of `content_type`, saved as `file_name` (UTF-8, sent as RFC 5987
// filename* beside the plain `ascii_name` for old clients), never cached.
Response FileResponse(std::string bytes, std::string_view content_type, std::string_view ascii_name,
                      std::string_view file_name);

}  // namespace dj::http
