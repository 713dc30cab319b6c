#include "http/request.h"

#include <gtest/gtest.h>

#include <set>

namespace dj::http {
namespace {

TEST(PercentDecodeTest, Table) {
  struct Case {
    std::string_view in;
    bool plus_is_space;
    std::optional<std::string> want;
  };
  const Case cases[] = {
      {"/api/orgs", false, "/api/orgs"},
      {"%E5%85%9A%E5%A7%94", false, "党委"},
      {"a+b", false, "a+b"},
      {"a+b", true, "a b"},
      {"%2F", false, "/"},
      {"%2e%2E", false, ".."},
      {"100%", false, std::nullopt},
      {"%4", false, std::nullopt},
      {"%zz", false, std::nullopt},
      {"%00", false, std::nullopt},
      {"%FF", false, std::nullopt},     // not UTF-8
      {"%E5%85", false, std::nullopt},  // truncated UTF-8
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PercentDecode(c.in, c.plus_is_space), c.want) << c.in;
  }
}

TEST(RequestTest, ParsesPathAndQuery) {
  Result<Request> made =
      Request::Make(Method::kGet, "/api/orgs/%E5%85%9A?q=%E6%94%AF%E9%83%A8+1&id=1&id=2&flag&e=");
  ASSERT_TRUE(made.ok());
  const Request& r = *made;
  EXPECT_EQ(r.method(), Method::kGet);
  EXPECT_EQ(r.path(), "/api/orgs/党");
  EXPECT_EQ(r.raw_path(), "/api/orgs/%E5%85%9A");
  EXPECT_EQ(r.Query("q"), "支部 1");
  EXPECT_EQ(r.Query("id"), "1");
  EXPECT_EQ(r.QueryAll("id"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_EQ(r.Query("e"), "");
  EXPECT_EQ(r.Query("missing"), std::nullopt);
  EXPECT_TRUE(r.QueryAll("missing").empty());
}

TEST(RequestTest, RefusesMalformedTargets) {
  for (std::string_view target :
       {"", "api/orgs", "*", "http://example.com/", "/a%zz", "/a%00b", "/?q=%FF", "/?q=%"}) {
    Result<Request> made = Request::Make(Method::kGet, target);
    ASSERT_FALSE(made.ok()) << target;
    EXPECT_EQ(made.error().key, "request.malformed_target");
    EXPECT_EQ(made.error().message, "请求地址格式不正确");
  }
}

TEST(RequestTest, HeadersAreCaseInsensitive) {
  Result<Request> made =
      Request::Make(Method::kPost, "/", "{}", {{"Content-Type", "application/json"}, {"X-A", "1"}});
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->Header("content-type"), "application/json");
  EXPECT_EQ(made->Header("CONTENT-TYPE"), "application/json");
  EXPECT_TRUE(made->HasHeader("x-a"));
  EXPECT_FALSE(made->HasHeader("x-b"));
  EXPECT_EQ(made->Header("x-b"), "");
  EXPECT_EQ(made->body(), "{}");
}

TEST(RequestTest, ParamsAndAttributes) {
  Result<Request> made = Request::Make(Method::kGet, "/x");
  ASSERT_TRUE(made.ok());
  made->SetParams({{"id", "42"}});
  EXPECT_EQ(made->Param("id"), "42");
  EXPECT_EQ(made->Param("other"), "");
  made->attributes["auth"] = 7;
  EXPECT_EQ(std::any_cast<int>(made->attributes.at("auth")), 7);
}

TEST(MethodTest, NamesRoundTrip) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete, Method::kOptions}) {
    EXPECT_EQ(MethodFromName(MethodName(m)), m);
  }
  EXPECT_EQ(MethodFromName("get"), Method::kOther);
  EXPECT_EQ(MethodFromName("PROPFIND"), Method::kOther);
}

TEST(ResponseTest, SetHeaderReplaces) {
  Response response;
  response.SetHeader("Cache-Control", "no-cache");
  response.SetHeader("cache-control", "no-store");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.Header("CACHE-CONTROL"), "no-store");
}

TEST(RequestIdTest, SaneIds) {
  EXPECT_TRUE(IsSaneRequestId("abc-DEF_123"));
  EXPECT_TRUE(IsSaneRequestId(std::string(64, 'a')));
  EXPECT_FALSE(IsSaneRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsSaneRequestId(""));
  EXPECT_FALSE(IsSaneRequestId("a b"));
  EXPECT_FALSE(IsSaneRequestId("a\r\nX-Evil: 1"));
  EXPECT_FALSE(IsSaneRequestId("党"));
}

TEST(RequestIdTest, NewIdsAreSaneAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewRequestId();
    EXPECT_TRUE(IsSaneRequestId(id)) << id;
    EXPECT_TRUE(seen.insert(id).second) << id;
  }
}

}  // namespace
}  // namespace dj::http
