#include "http/envelope.h"

#include <gtest/gtest.h>

namespace dj::http {
namespace {

using nlohmann::json;

TEST(EnvelopeTest, OkWrapsData) {
  Response response = JsonOk({{"id", 7}, {"name", "第一党支部"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(response.body, R"({"code":0,"message":"","data":{"id":7,"name":"第一党支部"}})");
  EXPECT_EQ(JsonOk(nullptr).body, R"({"code":0,"message":"","data":null})");
  EXPECT_EQ(JsonOk(json::array(), 201).status, 201);
}

TEST(EnvelopeTest, EveryErrorCodeHasItsStatus) {
  struct Case {
    ErrorCode code;
    int status;
  };
  const Case cases[] = {
      {ErrorCode::kInvalidArgument, 400}, {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kForbidden, 403},       {ErrorCode::kNotFound, 404},
      {ErrorCode::kConflict, 409},        {ErrorCode::kTooLarge, 413},
      {ErrorCode::kUnavailable, 503},     {ErrorCode::kInternal, 500},
  };
  for (const Case& c : cases) {
    Error error{c.code, "x.key", "出错了", {}};
    EXPECT_EQ(HttpStatusFor(error), c.status) << ErrorCodeName(c.code);
    Response response = ErrorResponse(error, "rid-1");
    EXPECT_EQ(response.status, c.status);
    json body = json::parse(response.body);
    EXPECT_EQ(body["code"], c.status);
    if (c.code != ErrorCode::kInternal) {
      EXPECT_EQ(body["message"], "出错了");
      EXPECT_EQ(body["data"], json({{"error", "x.key"}}));
    }
  }
}

TEST(EnvelopeTest, KeysWithTheirOwnStatus) {
  EXPECT_EQ(HttpStatusFor(Error::InvalidArgument("request.unsupported_media_type", "")), 415);
  EXPECT_EQ(HttpStatusFor({ErrorCode::kTooLarge, "request.header_too_large", "", {}}), 431);
  EXPECT_EQ(HttpStatusFor({ErrorCode::kTooLarge, "request.body_too_large", "", {}}), 413);
  EXPECT_EQ(HttpStatusFor(Error::InvalidArgument("route.method_not_allowed", "")), 405);
}

TEST(EnvelopeTest, ValidationListsFields) {
  Error error = Error::Validation({{2, "name", "", "request.missing_field", "缺少必填字段 name"},
                                   {2, "age", "x", "request.wrong_type", "字段 age 应为整数"}});
  Response response = ErrorResponse(error);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json::parse(response.body),
            json::parse(R"({"code":400,"message":"输入有 2 处错误，首个：缺少必填字段 name",
              "data":{"error":"validation_failed","fields":[
                {"row":2,"field":"name","value":"","error":"request.missing_field",
                 "message":"缺少必填字段 name"},
                {"row":2,"field":"age","value":"x","error":"request.wrong_type",
                 "message":"字段 age 应为整数"}]}})"));
}

TEST(EnvelopeTest, InternalErrorsDoNotLeak) {
  Error error = Error::Internal("sqlite: disk I/O error at /var/lib/dangjian/db.sqlite");
  error.fields.push_back({0, "secret", "v", "k", "m"});
  Response response = ErrorResponse(error, "abc-1");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(json::parse(response.body),
            json({{"code", 500},
                  {"message", "服务器内部错误，请稍后重试（请求编号 abc-1）"},
                  {"data", {{"error", "internal"}}}}));
  EXPECT_EQ(json::parse(ErrorResponse(error).body)["message"], "服务器内部错误，请稍后重试");
}

TEST(EnvelopeTest, InvalidUtf8IsReplacedNotThrown) {
  Response response = ErrorResponse(Error::InvalidArgument("x", "bad \xFF byte"));
  EXPECT_EQ(json::parse(response.body)["message"], "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace dj::http
