#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "http/envelope.h"

namespace dj::http {
namespace {

using nlohmann::json;

// Each handler answers its own name and the parameters it saw, e.g. "child id=7".
Handler Named(std::string name) {
  return [name](Request& request) -> Result<Response> {
    std::string text = name;
    for (const auto& [key, value] : request.params()) text += " " + key + "=" + value;
    return JsonOk(text);
  };
}

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/", Named("root"));
  router.Add(Method::kGet, "/api/orgs", Named("list"));
  router.Add(Method::kPost, "/api/orgs", Named("create"));
  router.Add(Method::kGet, "/api/orgs/:id", Named("get"));
  router.Add(Method::kPut, "/api/orgs/:id", Named("update"));
  router.Add(Method::kDelete, "/api/orgs/:id", Named("delete"));
  router.Add(Method::kGet, "/api/orgs/:id/children", Named("children"));
  router.Add(Method::kGet, "/api/orgs/tree", Named("tree"));
  router.Add(Method::kPost, "/api/orgs/:id/members/:member_id", Named("add-member"));
  router.Add(Method::kGet, "/api/members/:id/history", Named("history"));
  router.Add(Method::kGet, "/api/members/search/history", Named("search-history"));
  return router;
}

struct Answer {
  int status;
  json body;
  std::string allow;
};

Answer Call(const Router& router, Method method, std::string_view target) {
  Result<Request> request = Request::Make(method, target);
  EXPECT_TRUE(request.ok()) << target;
  Response response = router.Dispatch(*request);
  return {response.status, json::parse(response.body), std::string(response.Header("Allow"))};
}

TEST(RouterTest, MatchingTable) {
  Router router = MakeRouter();
  struct Case {
    Method method;
    std::string_view target;
    std::string want;  // the handler's answer
  };
  const Case cases[] = {
      {Method::kGet, "/", "root"},
      {Method::kGet, "/api/orgs", "list"},
      {Method::kGet, "/api/orgs?page=2", "list"},
      {Method::kPost, "/api/orgs", "create"},
      {Method::kGet, "/api/orgs/7", "get id=7"},
      {Method::kPut, "/api/orgs/7", "update id=7"},
      {Method::kDelete, "/api/orgs/7", "delete id=7"},
      {Method::kGet, "/api/orgs/7/children", "children id=7"},
      {Method::kGet, "/api/orgs/tree", "tree"},            // exact beats parameter
      {Method::kPut, "/api/orgs/tree", "update id=tree"},  // the parameter when exact lacks PUT
      {Method::kPost, "/api/orgs/7/members/9", "add-member id=7 member_id=9"},
      {Method::kGet, "/api/orgs/%E5%85%9A%2F1", "get id=党/1"},  // decoded, %2F stays inside
      {Method::kGet, "/api/%6Frgs", "list"},
      // Backtracking: "search" matches the exact branch first, which has no "/x/history".
      {Method::kGet, "/api/members/search/history", "search-history"},
      {Method::kGet, "/api/members/42/history", "history id=42"},
      {Method::kHead, "/api/orgs/7", "get id=7"},  // HEAD is served by GET
  };
  for (const Case& c : cases) {
    Answer answer = Call(router, c.method, c.target);
    EXPECT_EQ(answer.status, 200) << c.target;
    EXPECT_EQ(answer.body["data"], c.want) << c.target;
  }
}

TEST(RouterTest, NotFoundTable) {
  Router router = MakeRouter();
  for (std::string_view target :
       {"/api", "/api/orgs/", "/api//orgs", "/api/orgs/7/", "/api/orgs//children",
        "/api/orgs/7/children/8", "/api/unknown", "/API/orgs", "/index.html"}) {
    Answer answer = Call(router, Method::kGet, target);
    EXPECT_EQ(answer.status, 404) << target;
    EXPECT_EQ(answer.body, json::parse(R"({"code":404,"message":"请求的接口或页面不存在",
                                           "data":{"error":"route.not_found"}})"))
        << target;
  }
  Result<Request> request = Request::Make(Method::kGet, "/nowhere");
  EXPECT_FALSE(router.TryDispatch(*request).has_value());
}

TEST(RouterTest, MethodNotAllowed) {
  Router router = MakeRouter();
  struct Case {
    Method method;
    std::string_view target;
    std::string message;
    std::string allow;
  };
  const Case cases[] = {
      {Method::kDelete, "/api/orgs", "该接口不支持 DELETE 方法", "GET, HEAD, POST"},
      {Method::kPatch, "/api/orgs/7", "该接口不支持 PATCH 方法", "GET, HEAD, PUT, DELETE"},
      // Both "/api/orgs/tree" (GET) and "/api/orgs/:id" (GET, PUT, DELETE) match the path.
      {Method::kPost, "/api/orgs/tree", "该接口不支持 POST 方法", "GET, HEAD, PUT, DELETE"},
      {Method::kOther, "/", "该接口不支持 OTHER 方法", "GET, HEAD"},
      {Method::kHead, "/api/orgs/7/members/9", "该接口不支持 HEAD 方法", "POST"},
  };
  for (const Case& c : cases) {
    Answer answer = Call(router, c.method, c.target);
    EXPECT_EQ(answer.status, 405) << c.target;
    EXPECT_EQ(answer.body["code"], 405);
    EXPECT_EQ(answer.body["message"], c.message);
    EXPECT_EQ(answer.body["data"], json({{"error", "route.method_not_allowed"}}));
    EXPECT_EQ(answer.allow, c.allow) << c.target;
  }
}

TEST(RouterTest, ExplicitHeadRouteWins) {
  Router router;
  router.Add(Method::kGet, "/x", Named("get"));
  router.Add(Method::kHead, "/x", Named("head"));
  EXPECT_EQ(Call(router, Method::kHead, "/x").body["data"], "head");
}

TEST(RouterTest, ListsRoutesWithAccess) {
  Router router;
  router.Add(Method::kGet, "/api/orgs", Named("list"), {"org.read"});
  router.Add(Method::kPost, "/api/orgs", Named("create"), {"org.write"});
  router.Add(Method::kGet, "/api/health", Named("health"));
  ASSERT_EQ(router.routes().size(), 3u);
  EXPECT_EQ(router.routes()[0].method, Method::kGet);
  EXPECT_EQ(router.routes()[0].pattern, "/api/orgs");
  EXPECT_EQ(router.routes()[0].access.policy, "org.read");
  EXPECT_EQ(router.routes()[1].access.policy, "org.write");
  EXPECT_EQ(router.routes()[2].access.policy, "");
}

TEST(RouterTest, GuardRunsBeforeHandlersAndCanRefuse) {
  Router router;
  int handler_calls = 0;
  router.Add(Method::kGet, "/api/open",
             [&](Request& request) -> Result<Response> {
               ++handler_calls;
               return JsonOk(std::any_cast<std::string>(request.attributes.at("user")));
             },
             {"public"});
  router.Add(Method::kGet, "/api/secret/:id",
             [&](Request&) -> Result<Response> {
               ++handler_calls;
               return JsonOk("secret");
             },
             {"admin"});
  std::vector<std::string> seen;
  router.SetGuard([&](Request& request, const RouteInfo& route) -> Status {
    seen.push_back(route.pattern + " " + route.access.policy + " " +
                   std::string(request.Param("id")));
    if (route.access.policy == "admin") {
      return Error::Forbidden("auth.forbidden", "无权访问");
    }
    request.attributes["user"] = std::string("张三");
    return Ok();
  });
  Answer open = Call(router, Method::kGet, "/api/open");
  EXPECT_EQ(open.status, 200);
  EXPECT_EQ(open.body["data"], "张三");
  Answer secret = Call(router, Method::kGet, "/api/secret/5");
  EXPECT_EQ(secret.status, 403);
  EXPECT_EQ(secret.body, json::parse(R"({"code":403,"message":"无权访问",
                                          "data":{"error":"auth.forbidden"}})"));
  EXPECT_EQ(handler_calls, 1);
  // Not called for unknown paths.
  EXPECT_EQ(Call(router, Method::kGet, "/api/none").status, 404);
  EXPECT_EQ(seen, (std::vector<std::string>{"/api/open public ", "/api/secret/:id admin 5"}));
}

TEST(RouterTest, HandlerErrorsAndExceptions) {
  Router router;
  router.Add(Method::kGet, "/conflict", [](Request&) -> Result<Response> {
    return Error::Conflict("org.code_duplicate", "组织编码已存在");
  });
  router.Add(Method::kGet, "/throws",
             [](Request&) -> Result<Response> { throw std::runtime_error("boom"); });
  router.Add(Method::kGet, "/throws-int", [](Request&) -> Result<Response> { throw 42; });
  Answer conflict = Call(router, Method::kGet, "/conflict");
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.body, json::parse(R"({"code":409,"message":"组织编码已存在",
                                            "data":{"error":"org.code_duplicate"}})"));
  for (std::string_view target : {"/throws", "/throws-int"}) {
    Result<Request> request = Request::Make(Method::kGet, target);
    request->request_id = "rid-9";
    Response response = router.Dispatch(*request);
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(json::parse(response.body),
              json::parse(R"({"code":500,"message":"服务器内部错误，请稍后重试（请求编号 rid-9）",
                              "data":{"error":"internal"}})"));
  }
}

TEST(RouterTest, BadPatternsAreProgrammerErrors) {
  Router router;
  router.Add(Method::kGet, "/a/:id", Named("a"));
  struct Case {
    Method method;
    std::string_view pattern;
  };
  const Case cases[] = {
      {Method::kGet, ""},         {Method::kGet, "a"},        {Method::kGet, "/a/"},
      {Method::kGet, "/a//b"},    {Method::kGet, "/:"},       {Method::kGet, "/:a-b"},
      {Method::kGet, "/x/:p/:p"}, {Method::kGet, "/a/:name"}, {Method::kGet, "/a/:id"},
      {Method::kGet, "/a b"},     {Method::kGet, "/a%20"},    {Method::kGet, "/a?b"},
      {Method::kOther, "/z"},
  };
  for (const Case& c : cases) {
    EXPECT_THROW(router.Add(c.method, c.pattern, Named("x")), std::invalid_argument) << c.pattern;
  }
  EXPECT_THROW(router.Add(Method::kGet, "/ok", Handler()), std::invalid_argument);
  EXPECT_NO_THROW(router.Add(Method::kPost, "/a/:id", Named("b")));
}

}  // namespace
}  // namespace dj::http
