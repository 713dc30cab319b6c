#include "http/json_body.h"

#include <gtest/gtest.h>

namespace dj::http {
namespace {

using nlohmann::json;

Request JsonRequest(std::string body, std::string content_type = "application/json") {
  return std::move(Request::Make(Method::kPost, "/api/x", std::move(body),
                                 {{"Content-Type", content_type}}))
      .value();
}

TEST(IsJsonContentTypeTest, Table) {
  struct Case {
    std::string_view content_type;
    bool want;
  };
  const Case cases[] = {
      {"application/json", true},
      {"Application/JSON", true},
      {"application/json; charset=utf-8", true},
      {"application/json;charset=UTF-8", true},
      {"application/json; charset=\"utf-8\"", true},
      {"application/json; charset=gbk", false},
      {"application/json; nonsense", false},
      {"text/json", false},
      {"application/jsonp", false},
      {"text/plain", false},
      {"", false},
  };
  for (const Case& c : cases)
    EXPECT_EQ(IsJsonContentType(c.content_type), c.want) << c.content_type;
}

TEST(ParseJsonObjectTest, Accepts) {
  Result<json> parsed = ParseJsonObject(JsonRequest(R"({"name":"第一党支部","n":[1,2]})"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(*parsed, json({{"name", "第一党支部"}, {"n", {1, 2}}}));
  EXPECT_TRUE(ParseJsonObject(JsonRequest(" {} \n")).ok());
}

TEST(ParseJsonObjectTest, RefusesWithExactErrors) {
  struct Case {
    std::string body;
    std::string content_type;
    std::string key;
    std::string message;
  };
  const std::string nested(kMaxJsonDepth + 1, '[');
  const Case cases[] = {
      {"{}", "text/plain", "request.unsupported_media_type",
       "请求体应为 JSON，Content-Type 须为 application/json"},
      {"{}", "", "request.unsupported_media_type",
       "请求体应为 JSON，Content-Type 须为 application/json"},
      {"", "application/json", "request.malformed_json", "请求体不是合法的 JSON：请求体为空"},
      {R"({"a":1,})", "application/json", "request.malformed_json",
       "请求体不是合法的 JSON：第 8 字节处有语法错误"},
      {R"({"a":tru})", "application/json", "request.malformed_json",
       "请求体不是合法的 JSON：第 9 字节处有语法错误"},
      {R"({"a":1)", "application/json", "request.malformed_json",
       "请求体不是合法的 JSON：内容在第 6 字节后意外结束"},
      {R"({"a":1} x)", "application/json", "request.malformed_json",
       "请求体不是合法的 JSON：第 9 字节处有语法错误"},
      {"{\"a\":\"\xE5\x85\"}", "application/json", "request.invalid_utf8",
       "请求体不是合法的 UTF-8 文本：第 7 字节处"},
      {"{\"a\":\"\xC0\xAF\"}", "application/json", "request.invalid_utf8",
       "请求体不是合法的 UTF-8 文本：第 7 字节处"},
      {"[1,2]", "application/json", "request.body_not_object", "请求体应为 JSON 对象"},
      {"\"text\"", "application/json", "request.body_not_object", "请求体应为 JSON 对象"},
      {"null", "application/json", "request.body_not_object", "请求体应为 JSON 对象"},
      {R"({"a":1,"b":{"c":1,"c":2}})", "application/json", "request.duplicate_key",
       "请求体中字段 c 重复出现"},
      {R"({"a":1,"a":1})", "application/json", "request.duplicate_key", "请求体中字段 a 重复出现"},
      {nested, "application/json", "request.json_too_deep", "请求体 JSON 嵌套超过 64 层"},
  };
  for (const Case& c : cases) {
    Result<json> parsed = ParseJsonObject(JsonRequest(c.body, c.content_type));
    ASSERT_FALSE(parsed.ok()) << c.body;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << c.body;
    EXPECT_EQ(parsed.error().key, c.key) << c.body;
    EXPECT_EQ(parsed.error().message, c.message) << c.body;
  }
}

TEST(ParseJsonObjectTest, DepthLimitIsInclusive) {
  std::string deep = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(ParseJsonBody(JsonRequest(deep)).ok());
  std::string deeper = "[" + deep + "]";
  EXPECT_EQ(ParseJsonBody(JsonRequest(deeper)).error().key, "request.json_too_deep");
}

TEST(JsonReaderTest, ReadsEveryType) {
  json object = json::parse(R"({
    "name": "张三", "count": -5, "small": 12, "active": true, "ratio": 0.5, "whole": 3,
    "born": "1990-02-28", "extra": {"k": [1]}, "tags": ["a", "b"], "ids": [1, 2, 3],
    "nothing": null
  })");
  JsonReader in(object);
  EXPECT_EQ(in.Required<std::string>("name"), "张三");
  EXPECT_EQ(in.Required<int64_t>("count"), -5);
  EXPECT_EQ(in.Required<int>("small"), 12);
  EXPECT_EQ(in.Required<bool>("active"), true);
  EXPECT_EQ(in.Required<double>("ratio"), 0.5);
  EXPECT_EQ(in.Required<double>("whole"), 3.0);
  EXPECT_EQ(in.Required<Date>("born"), Date::FromYmd(1990, 2, 28));
  EXPECT_EQ(in.Required<json>("extra"), json({{"k", {1}}}));
  EXPECT_EQ(in.Required<std::vector<std::string>>("tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(in.Required<std::vector<int64_t>>("ids"), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(in.Optional<std::string>("nothing"), std::nullopt);
  EXPECT_EQ(in.Optional<int64_t>("absent"), std::nullopt);
  EXPECT_FALSE(in.Has("absent"));
  EXPECT_TRUE(in.Has("name"));
  Status finished = in.Finish();
  EXPECT_TRUE(finished.ok()) << finished.error().message;
}

// Each case reads one field of one type from {"f": <value>} and expects one problem.
TEST(JsonReaderTest, ProblemsWithExactMessages) {
  struct Case {
    std::string value;  // JSON text of field "f"; "" when the field is absent
    std::function<void(JsonReader&)> read;
    FieldError want;
  };
  auto req = [](auto type_tag) {
    return [](JsonReader& in) { (void)in.Required<decltype(type_tag)>("f"); };
  };
  auto opt = [](auto type_tag) {
    return [](JsonReader& in) { (void)in.Optional<decltype(type_tag)>("f"); };
  };
  const Case cases[] = {
      {"", req(std::string()), {0, "f", "", "request.missing_field", "缺少必填字段 f"}},
      {"null", req(int64_t()), {0, "f", "", "request.missing_field", "缺少必填字段 f"}},
      {"1", req(std::string()), {0, "f", "1", "request.wrong_type", "字段 f 应为字符串"}},
      {"\"1\"", req(int64_t()), {0, "f", "1", "request.wrong_type", "字段 f 应为整数"}},
      {"1.5", req(int64_t()), {0, "f", "1.5", "request.wrong_type", "字段 f 应为整数"}},
      {"true", opt(int()), {0, "f", "true", "request.wrong_type", "字段 f 应为整数"}},
      {"18446744073709551615",
       req(int64_t()),
       {0, "f", "18446744073709551615", "request.out_of_range", "字段 f 超出范围"}},
      {"2147483648", req(int()), {0, "f", "2147483648", "request.out_of_range", "字段 f 超出范围"}},
      {"-2147483649",
       opt(int()),
       {0, "f", "-2147483649", "request.out_of_range", "字段 f 超出范围"}},
      {"\"yes\"", req(bool()), {0, "f", "yes", "request.wrong_type", "字段 f 应为布尔值"}},
      {"0", opt(bool()), {0, "f", "0", "request.wrong_type", "字段 f 应为布尔值"}},
      {"\"0.5\"", req(double()), {0, "f", "0.5", "request.wrong_type", "字段 f 应为数字"}},
      {"20240101",
       req(Date()),
       {0, "f", "20240101", "request.wrong_type", "字段 f 应为日期（YYYY-MM-DD）"}},
      {"\"2023-02-29\"",
       req(Date()),
       {0, "f", "2023-02-29", "request.invalid_date", "字段 f 不是有效日期（YYYY-MM-DD）"}},
      {"\"2024/01/01\"",
       opt(Date()),
       {0, "f", "2024/01/01", "request.invalid_date", "字段 f 不是有效日期（YYYY-MM-DD）"}},
      {"[\"a\",1]",
       req(std::vector<std::string>()),
       {0, "f", "[\"a\",1]", "request.wrong_type", "字段 f 应为字符串数组"}},
      {"\"a\"",
       req(std::vector<std::string>()),
       {0, "f", "a", "request.wrong_type", "字段 f 应为字符串数组"}},
      {"[1,2.5]",
       req(std::vector<int64_t>()),
       {0, "f", "[1,2.5]", "request.wrong_type", "字段 f 应为整数数组"}},
      {"{}",
       req(std::vector<int64_t>()),
       {0, "f", "{}", "request.wrong_type", "字段 f 应为整数数组"}},
  };
  for (const Case& c : cases) {
    json object = c.value.empty() ? json::object() : json::parse("{\"f\":" + c.value + "}");
    JsonReader in(object);
    c.read(in);
    Status finished = in.Finish();
    ASSERT_FALSE(finished.ok()) << c.value;
    EXPECT_EQ(finished.error().key, "validation_failed");
    EXPECT_EQ(finished.error().message, c.want.message) << c.value;
    ASSERT_EQ(finished.error().fields.size(), 1u) << c.value;
    EXPECT_EQ(finished.error().fields[0], c.want) << c.value;
  }
}

TEST(JsonReaderTest, ReportsEveryProblemAtOnceWithRow) {
  json object = json::parse(R"({"name": 5, "age": "x", "zeta": 1, "alpha": "x", "skip": 0})");
  JsonReader in(object, /*row=*/3);
  EXPECT_EQ(in.Required<std::string>("name"), "");
  EXPECT_EQ(in.Required<int>("age"), 0);
  EXPECT_EQ(in.Required<Date>("joined"), Date());
  in.Ignore("skip");
  in.AddError("name", "5", "member.name_invalid", "姓名不合规");
  EXPECT_FALSE(in.ok());
  Status finished = in.Finish();
  ASSERT_FALSE(finished.ok());
  const std::vector<FieldError> want = {
      {3, "name", "5", "request.wrong_type", "字段 name 应为字符串"},
      {3, "age", "x", "request.wrong_type", "字段 age 应为整数"},
      {3, "joined", "", "request.missing_field", "缺少必填字段 joined"},
      {3, "name", "5", "member.name_invalid", "姓名不合规"},
      {3, "alpha", "x", "request.unknown_field", "未知字段 alpha"},
      {3, "zeta", "1", "request.unknown_field", "未知字段 zeta"},
  };
  EXPECT_EQ(finished.error().fields, want);
  EXPECT_EQ(finished.error().message, "输入有 6 处错误，首个：字段 name 应为字符串");
  // A second Finish does not report the unknown fields again.
  EXPECT_EQ(in.Finish().error().fields.size(), want.size());
}

TEST(JsonReaderTest, LongValuesAreCut) {
  json object = {{"f", std::string(150, 'x')}};
  JsonReader in(object);
  (void)in.Required<int64_t>("f");
  ASSERT_EQ(in.errors().size(), 1u);
  EXPECT_EQ(in.errors()[0].value, std::string(100, 'x') + "…");
  EXPECT_EQ(FieldValueText(json("党" + std::string(99, 'a') + "尾")),
            "党" + std::string(99, 'a') + "…");
}

TEST(JsonReaderTest, NonObjectReadsAsEmpty) {
  json array = json::array({1});
  JsonReader in(array);
  EXPECT_EQ(in.Optional<int64_t>("f"), std::nullopt);
  EXPECT_TRUE(in.Finish().ok());
}

}  // namespace
}  // namespace dj::http
