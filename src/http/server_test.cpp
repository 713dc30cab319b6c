#include "http/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "http/envelope.h"
#include "http/json_body.h"
#include "testutil/http_client.h"
#include "testutil/temp_dir.h"

namespace dj::http {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using testutil::HttpClient;
using testutil::HttpResponse;

// Tests wait at least this long for things that should happen at once.
constexpr milliseconds kPatience{5000};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void ExpectSecurityHeaders(const HttpResponse& response) {
  EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.Header("Referrer-Policy"), "same-origin");
  EXPECT_TRUE(IsSaneRequestId(response.Header("X-Request-Id"))) << response.Header("X-Request-Id");
}

class ServerTest : public ::testing::Test {
 protected:
  ServerOptions Options() {
    ServerOptions options;
    options.access_log_file = (dir_.path() / "access.log").string();
    return options;
  }

  Router MakeRouter() {
    Router router;
    router.Add(Method::kGet, "/api/health", [](Request&) -> Result<Response> {
      return JsonOk({{"status", "ok"}});
    });
    router.Add(Method::kPost, "/api/echo", [](Request& request) -> Result<Response> {
      DJ_ASSIGN_OR_RETURN(json body, ParseJsonObject(request));
      JsonReader in(body);
      std::string name = in.Required<std::string>("name");
      DJ_RETURN_IF_ERROR(in.Finish());
      return JsonOk({{"name", name}});
    });
    router.Add(Method::kGet, "/api/slow", [this](Request&) -> Result<Response> {
      slow_entered_ = true;
      std::this_thread::sleep_for(milliseconds(500));
      return JsonOk("slow done");
    });
    // Answered later by the test (pending_), or answered before the handler returns.
    router.Add(Method::kGet, "/api/later", [this](Request&) -> Result<Response> {
      Response response;
      response.later = std::make_shared<Later>();
      std::lock_guard lock(pending_mu_);
      pending_.push_back(response.later);
      return response;
    });
    router.Add(Method::kGet, "/api/later-now", [](Request&) -> Result<Response> {
      Response response;
      response.later = std::make_shared<Later>();
      response.later->Answer(JsonOk("now"));
      return response;
    });
    router.Add(Method::kGet, "/api/whoami", [](Request& request) -> Result<Response> {
      return JsonOk({{"request_id", request.request_id}, {"remote", request.remote_address}});
    });
    router.Add(Method::kGet, "/api/status/:code", [](Request& request) -> Result<Response> {
      Response response = JsonOk("body");
      response.status = std::stoi(std::string(request.Param("code")));
      return response;
    });
    router.Add(Method::kGet, "/api/throw",
               [](Request&) -> Result<Response> { throw std::runtime_error("secret detail"); });
    router.Add(
        Method::kPost, "/api/upload/:kind",
        [](Request& request) -> Result<Response> {
          return JsonOk({{"bytes", request.body().size()}});
        },
        {}, 3 << 20);
    return router;
  }

  void Start(ServerOptions options, bool stop_on_signals = false) {
    server_ = std::make_unique<Server>(std::move(options), MakeRouter());
    if (stop_on_signals) server_->StopOnSignals();
    Result<uint16_t> port = server_->Listen();
    ASSERT_TRUE(port.ok()) << port.error().message;
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }

  // Stops the server, waits for Run to return and destroys the server (which drains the
  // access log).
  void StopServer() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
    server_.reset();
  }

  void TearDown() override { StopServer(); }

  testutil::TempDir dir_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  uint16_t port_ = 0;
  std::atomic<bool> slow_entered_{false};
  std::mutex pending_mu_;
  std::vector<std::shared_ptr<Later>> pending_;
};

TEST_F(ServerTest, HealthRoundTrip) {
  Start(Options());
  HttpClient client(port_);
  HttpResponse response = client.Get("/api/health");
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.body, R"({"code":0,"message":"","data":{"status":"ok"}})");
  EXPECT_EQ(response.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(response.Header("Content-Length"), std::to_string(response.body.size()));
  ExpectSecurityHeaders(response);
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
  Start(Options());
  HttpClient client(port_);
  for (int i = 0; i < 5; ++i) {
    HttpResponse response = client.Get("/api/health");
    ASSERT_EQ(response.status, 200) << response.error;
    EXPECT_TRUE(response.keep_alive);
  }
  EXPECT_EQ(client.PostJson("/api/echo", R"({"name":"张三"})").Json()["data"]["name"], "张三");
  EXPECT_EQ(client.Get("/api/missing").status, 404);  // errors keep the connection too
  EXPECT_EQ(client.Get("/api/health").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);

  // HTTP/1.0 closes unless asked to keep alive.
  HttpClient old(port_);
  HttpResponse closed = old.Send("GET", "/api/health", {}, {}, 10);
  ASSERT_EQ(closed.status, 200) << closed.error;
  EXPECT_FALSE(closed.keep_alive);
  EXPECT_FALSE(old.connected());
  HttpResponse kept = old.Send("GET", "/api/health", {}, {{"Connection", "keep-alive"}}, 10);
  EXPECT_TRUE(kept.keep_alive);
  EXPECT_EQ(old.Send("GET", "/api/health", {}, {{"Connection", "keep-alive"}}, 10).status, 200);
  EXPECT_EQ(old.connections_opened(), 2);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start(Options());
  testutil::RawReply reply = testutil::SendRaw(port_,
                                               "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
                                               "GET /api/nope HTTP/1.1\r\nHost: x\r\n"
                                               "Connection: close\r\n\r\n",
                                               kPatience);
  EXPECT_TRUE(reply.closed_by_peer);
  size_t second = reply.data.find("HTTP/1.1 404");
  ASSERT_NE(second, std::string::npos) << reply.data;
  std::optional<HttpResponse> first = testutil::ParseResponse(reply.data.substr(0, second));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(testutil::ParseResponse(reply.data.substr(second))->Json()["data"]["error"],
            "route.not_found");
}

TEST_F(ServerTest, BodyTooLargeIs413AndCloses) {
  Start(Options());
  std::string body(1024 * 1024 + 1, 'x');
  testutil::RawReply reply =
      testutil::SendRaw(port_,
                        "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: " +
                            std::to_string(body.size()) + "\r\n\r\n" + body,
                        kPatience, /*half_close=*/true);
  EXPECT_TRUE(reply.closed_by_peer);
  std::optional<HttpResponse> response = testutil::ParseResponse(reply.data);
  ASSERT_TRUE(response.has_value()) << reply.data;
  EXPECT_EQ(response->status, 413);
  EXPECT_FALSE(response->keep_alive);
  EXPECT_EQ(response->Json(), json::parse(R"({"code":413,"message":"请求体过大（上限 1 MiB）",
                                               "data":{"error":"request.body_too_large"}})"));
  ExpectSecurityHeaders(*response);
}

TEST_F(ServerTest, UploadRoutesHaveTheirOwnBodyLimit) {
  Start(Options());
  auto post = [&](const std::string& target, size_t bytes) {
    testutil::RawReply reply =
        testutil::SendRaw(port_,
                          "POST " + target +
                              " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                              "Content-Type: application/octet-stream\r\nContent-Length: " +
                              std::to_string(bytes) + "\r\n\r\n" + std::string(bytes, 'x'),
                          kPatience, /*half_close=*/true);
    return testutil::ParseResponse(reply.data);
  };
  std::optional<HttpResponse> ok = post("/api/upload/xlsx?dry=1", 2 << 20);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->Json()["data"]["bytes"], 2 << 20);
  std::optional<HttpResponse> big = post("/api/upload/xlsx", (3 << 20) + 1);
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(big->Json()["message"], "请求体过大（上限 3 MiB）");
  // Other routes keep the server's limit.
  std::optional<HttpResponse> echo = post("/api/echo", (1 << 20) + 1);
  ASSERT_TRUE(echo.has_value());
  EXPECT_EQ(echo->status, 413);
}

TEST_F(ServerTest, ChunkedBodyTooLargeIs413) {
  ServerOptions options = Options();
  options.body_limit = 1000;
  Start(options);
  std::string chunk(600, 'x');
  std::string request =
      "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "258\r\n" +
      chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n";
  std::optional<HttpResponse> response =
      testutil::ParseResponse(testutil::SendRaw(port_, request, kPatience, true).data);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->Json()["message"], "请求体过大（上限 1000 字节）");
}

TEST_F(ServerTest, HugeHeaderIs431) {
  Start(Options());
  testutil::RawReply reply = testutil::SendRaw(
      port_,
      "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n",
      kPatience);
  EXPECT_TRUE(reply.closed_by_peer);
  std::optional<HttpResponse> response = testutil::ParseResponse(reply.data);
  ASSERT_TRUE(response.has_value()) << reply.data;
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(response->Json(), json::parse(R"({"code":431,"message":"请求头过大（上限 16 KiB）",
                                               "data":{"error":"request.header_too_large"}})"));
}

TEST_F(ServerTest, MalformedHttpIs400AndCloses) {
  Start(Options());
  for (std::string garbage : {std::string("\x16\x03\x01\x02\x00garbage\r\n\r\n", 16),
                              std::string("GET / HTTP/1.1\r\nBad Header\r\n\r\n"),
                              std::string("GET / HTTP/2.0\r\nHost: x\r\n\r\n"),
                              std::string("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")}) {
    testutil::RawReply reply = testutil::SendRaw(port_, garbage, kPatience, /*half_close=*/true);
    EXPECT_TRUE(reply.closed_by_peer);
    std::optional<HttpResponse> response = testutil::ParseResponse(reply.data);
    ASSERT_TRUE(response.has_value()) << reply.data;
    EXPECT_EQ(response->status, 400);
    EXPECT_EQ(response->Json(), json::parse(R"({"code":400,"message":"请求格式不正确",
                                                 "data":{"error":"request.malformed_http"}})"));
  }
  // Still serving.
  EXPECT_EQ(HttpClient(port_).Get("/api/health").status, 200);
}

TEST_F(ServerTest, JsonErrorsAreEnvelopes) {
  Start(Options());
  HttpClient client(port_);
  HttpResponse malformed = client.PostJson("/api/echo", "{bad");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.Json(), json::parse(R"({"code":400,
      "message":"请求体不是合法的 JSON：第 2 字节处有语法错误",
      "data":{"error":"request.malformed_json"}})"));

  HttpResponse wrong_type =
      client.Send("POST", "/api/echo", "{}", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(wrong_type.Json()["data"]["error"], "request.unsupported_media_type");

  HttpResponse invalid = client.PostJson("/api/echo", R"({"name":1,"x":true})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(invalid.Json(), json::parse(R"({"code":400,
      "message":"输入有 2 处错误，首个：字段 name 应为字符串",
      "data":{"error":"validation_failed","fields":[
        {"row":0,"field":"name","value":"1","error":"request.wrong_type",
         "message":"字段 name 应为字符串"},
        {"row":0,"field":"x","value":"true","error":"request.unknown_field",
         "message":"未知字段 x"}]}})"));
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ServerTest, UnknownRouteAndWrongMethod) {
  Start(Options());
  HttpClient client(port_);
  HttpResponse missing = client.Get("/api/nothing/here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json(), json::parse(R"({"code":404,"message":"请求的接口或页面不存在",
                                             "data":{"error":"route.not_found"}})"));
  ExpectSecurityHeaders(missing);
  HttpResponse wrong = client.Send("DELETE", "/api/health");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("Allow"), "GET, HEAD");
  EXPECT_EQ(wrong.Json()["data"]["error"], "route.method_not_allowed");
  HttpResponse odd = client.Send("PROPFIND", "/api/health");
  EXPECT_EQ(odd.status, 405);
  HttpResponse bad_target = client.Get("/api/%zz");
  EXPECT_EQ(bad_target.status, 400);
  EXPECT_EQ(bad_target.Json()["data"]["error"], "request.malformed_target");
}

TEST_F(ServerTest, HandlerExceptionIsGeneric500) {
  Start(Options());
  HttpClient client(port_);
  HttpResponse response = client.Get("/api/throw", {{"X-Request-Id", "trace-1"}});
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.Json(), json::parse(R"({"code":500,
      "message":"服务器内部错误，请稍后重试（请求编号 trace-1）",
      "data":{"error":"internal"}})"));
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_EQ(client.Get("/api/health").status, 200);
}

TEST_F(ServerTest, StatusesWithoutBodyAndInvalidStatuses) {
  Start(Options());
  HttpClient client(port_);
  HttpResponse no_content = client.Get("/api/status/204");
  EXPECT_EQ(no_content.status, 204);
  EXPECT_EQ(no_content.body, "");
  EXPECT_EQ(client.Get("/api/status/201").status, 201);
  HttpResponse invalid = client.Get("/api/status/42", {{"X-Request-Id", "s-1"}});
  EXPECT_EQ(invalid.status, 500);
  EXPECT_EQ(invalid.Json()["message"], "服务器内部错误，请稍后重试（请求编号 s-1）");
  EXPECT_EQ(client.Get("/api/health").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ServerTest, SlowHandlerIsNotCutByTheRequestTimeout) {
  ServerOptions options = Options();
  options.request_timeout = milliseconds(200);
  Start(options);
  HttpClient client(port_);
  HttpResponse slow = client.Get("/api/slow");  // 500 ms
  EXPECT_EQ(slow.status, 200) << slow.error;
  EXPECT_EQ(slow.Json()["data"], "slow done");
}

TEST_F(ServerTest, ALaterAnswerHoldsNoThread) {
  ServerOptions options = Options();
  options.threads = 1;
  Start(options);
  // Three requests wait for their answers on the one io thread, which still serves others.
  std::vector<HttpResponse> answers(3);
  std::vector<std::thread> clients;
  for (size_t i = 0; i < answers.size(); ++i) {
    clients.emplace_back([this, &answers, i] { answers[i] = HttpClient(port_).Get("/api/later"); });
  }
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  for (;;) {
    {
      std::lock_guard lock(pending_mu_);
      if (pending_.size() == answers.size()) break;
    }
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the requests did not arrive";
    std::this_thread::sleep_for(milliseconds(5));
  }
  EXPECT_EQ(HttpClient(port_).Get("/api/health").status, 200);

  // Answered from another thread; each connection gets the answer given to its request.
  std::thread([this] {
    std::lock_guard lock(pending_mu_);
    for (size_t i = 0; i < pending_.size(); ++i) {
      pending_[i]->Answer(JsonOk({{"n", i}}, 201));
    }
  }).join();
  for (std::thread& c : clients) c.join();
  std::vector<int> seen;
  for (const HttpResponse& a : answers) {
    ASSERT_EQ(a.status, 201) << a.error;
    seen.push_back(a.Json()["data"]["n"].get<int>());
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2}));

  // An answer given before the handler returned is sent at once.
  EXPECT_EQ(HttpClient(port_).Get("/api/later-now").Json()["data"], "now");
}

TEST_F(ServerTest, RequestIdIsEchoedOrGenerated) {
  Start(Options());
  HttpClient client(port_);
  HttpResponse sent = client.Get("/api/whoami", {{"X-Request-Id", "abc-DEF_123"}});
  EXPECT_EQ(sent.Header("X-Request-Id"), "abc-DEF_123");
  EXPECT_EQ(sent.Json()["data"]["request_id"], "abc-DEF_123");
  EXPECT_EQ(sent.Json()["data"]["remote"], "127.0.0.1");
  for (std::string bad : {std::string("has space"), std::string(65, 'a'), std::string("a;b")}) {
    HttpResponse replaced = client.Get("/api/whoami", {{"X-Request-Id", bad}});
    std::string id = replaced.Header("X-Request-Id");
    EXPECT_TRUE(IsSaneRequestId(id)) << id;
    EXPECT_NE(id, bad);
    EXPECT_EQ(replaced.Json()["data"]["request_id"], id);
  }
  std::string first = client.Get("/api/health").Header("X-Request-Id");
  std::string second = client.Get("/api/health").Header("X-Request-Id");
  EXPECT_NE(first, second);
}

TEST_F(ServerTest, StalledPartialRequestIsCut) {
  ServerOptions options = Options();
  options.request_timeout = milliseconds(300);
  Start(options);
  testutil::RawReply reply =
      testutil::SendRaw(port_, "GET /api/health HTTP/1.1\r\nHost: x\r\n", kPatience);
  EXPECT_TRUE(reply.closed_by_peer);
  EXPECT_EQ(reply.data, "");
  EXPECT_GE(reply.elapsed, milliseconds(250));
  EXPECT_LT(reply.elapsed, milliseconds(2500));

  // A body that stops short is cut the same way.
  reply = testutil::SendRaw(port_,
                            "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: "
                            "application/json\r\nContent-Length: 100\r\n\r\n{\"na",
                            kPatience);
  EXPECT_TRUE(reply.closed_by_peer);
  EXPECT_EQ(reply.data, "");
  EXPECT_LT(reply.elapsed, milliseconds(2500));
}

TEST_F(ServerTest, IdleConnectionIsClosed) {
  ServerOptions options = Options();
  options.idle_timeout = milliseconds(300);
  Start(options);
  testutil::RawReply reply = testutil::SendRaw(port_, "", kPatience);
  EXPECT_TRUE(reply.closed_by_peer);
  EXPECT_GE(reply.elapsed, milliseconds(250));
  EXPECT_LT(reply.elapsed, milliseconds(2500));
}

TEST_F(ServerTest, ExpectContinue) {
  Start(Options());
  testutil::RawReply reply = testutil::SendRaw(
      port_,
      "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nConnection: close\r\nContent-Length: 12\r\n\r\n{\"name\":\"a\"}",
      kPatience);
  ASSERT_EQ(reply.data.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0), 0u) << reply.data;
  std::optional<HttpResponse> response = testutil::ParseResponse(
      reply.data.substr(std::string("HTTP/1.1 100 Continue\r\n\r\n").size()));
  ASSERT_TRUE(response.has_value()) << reply.data;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Json()["data"]["name"], "a");
}

TEST_F(ServerTest, GracefulStopFinishesRequestsInFlight) {
  Start(Options());
  HttpClient idle(port_);
  ASSERT_EQ(idle.Get("/api/health").status, 200);  // now an idle keep-alive connection

  HttpResponse slow;
  std::thread caller([&] {
    HttpClient client(port_);
    slow = client.Get("/api/slow");
  });
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!slow_entered_ && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  ASSERT_TRUE(slow_entered_);
  auto stop_started = std::chrono::steady_clock::now();
  server_->Stop();
  thread_.join();  // Run returns once the slow request is answered
  auto stop_took = std::chrono::steady_clock::now() - stop_started;
  caller.join();
  EXPECT_EQ(slow.status, 200) << slow.error;
  EXPECT_EQ(slow.Json()["data"], "slow done");
  EXPECT_FALSE(slow.keep_alive);             // answered with Connection: close
  EXPECT_LT(stop_took, milliseconds(2500));  // idle connections did not hold it up

  // The idle connection was closed and nothing listens any more.
  HttpResponse after = idle.Get("/api/health");
  EXPECT_EQ(after.status, 0);
  EXPECT_EQ(HttpClient(port_).Get("/api/health").status, 0);
  server_.reset();
}

TEST_F(ServerTest, StopBeforeRunReturnsAtOnce) {
  Server server(Options(), MakeRouter());
  ASSERT_TRUE(server.Listen().ok());
  server.Stop();
  server.Run();
}

TEST_F(ServerTest, SignalStopsTheServer) {
  Start(Options(), /*stop_on_signals=*/true);
  ASSERT_EQ(HttpClient(port_).Get("/api/health").status, 200);
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  thread_.join();
  server_.reset();
}

TEST_F(ServerTest, PortInUseIsUnavailable) {
  Start(Options());
  ServerOptions options = Options();
  options.port = port_;
  Server second(options, Router());
  Result<uint16_t> port = second.Listen();
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(port.error().key, "server.port_in_use");
  EXPECT_EQ(port.error().message, "端口 " + std::to_string(port_) + " 已被占用");

  options.address = "not an address";
  Result<uint16_t> bad = Server(options, Router()).Listen();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().key, "server.bad_address");
}

TEST_F(ServerTest, AccessLogHasOneLinePerRequest) {
  Start(Options());
  HttpClient client(port_);
  ASSERT_EQ(client.Get("/api/health", {{"X-Request-Id", "log-1"}}).status, 200);
  ASSERT_EQ(client.Get("/api/missing?x=1", {{"X-Request-Id", "log-2"}}).status, 404);
  StopServer();
  std::string log = ReadFile(dir_.path() / "access.log");
  EXPECT_NE(log.find(" log-1 127.0.0.1 GET /api/health 200 "), std::string::npos) << log;
  EXPECT_NE(log.find(" log-2 127.0.0.1 GET /api/missing?x=1 404 "), std::string::npos) << log;
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 2) << log;
}

TEST_F(ServerTest, AccessLogFileThatCannotBeOpened) {
  ServerOptions options = Options();
  options.access_log_file = (dir_.path() / "no-such-dir/sub/x.log").string();
  dir_.Write("no-such-dir", "a file, not a directory");
  Result<uint16_t> port = Server(options, Router()).Listen();
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().key, "server.log_failed");
}

TEST_F(ServerTest, MissingStaticDirIsRefused) {
  ServerOptions options = Options();
  options.static_dir = (dir_.path() / "no-web").string();
  Result<uint16_t> port = Server(options, Router()).Listen();
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().key, "server.static_dir_missing");
  EXPECT_EQ(port.error().message, "静态文件目录不存在：" + options.static_dir);
}

class StaticServerTest : public ServerTest {
 protected:
  void SetUp() override {
    dir_.Write("web/index.html", "<!doctype html>");
    dir_.Write("web/assets/app-1a2b.js", "console.log(1)");
    dir_.Write("secret.txt", "outside");
    ServerOptions options = Options();
    options.static_dir = (dir_.path() / "web").string();
    Start(options);
  }
};

TEST_F(StaticServerTest, ServesFilesAndFallsBackToIndex) {
  HttpClient client(port_);
  HttpResponse index = client.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html>");
  EXPECT_EQ(index.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("Cache-Control"), "no-cache");
  ExpectSecurityHeaders(index);

  HttpResponse script = client.Get("/assets/app-1a2b.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.body, "console.log(1)");
  EXPECT_EQ(script.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script.Header("Cache-Control"), "public, max-age=31536000, immutable");

  HttpResponse head = client.Send("HEAD", "/assets/app-1a2b.js");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("Content-Length"), "14");

  HttpResponse route = client.Get("/orgs/7/members");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<!doctype html>");

  HttpResponse missing = client.Get("/assets/gone.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json()["data"]["error"], "static.not_found");

  // /api/ never falls back to the web app.
  HttpResponse api = client.Get("/api/orgs");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.Json()["data"]["error"], "route.not_found");
  EXPECT_EQ(client.Send("POST", "/index.html", "x").status, 404);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(StaticServerTest, TraversalIsRefused) {
  HttpClient client(port_);
  for (std::string_view target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/.%2e/secret.txt",
        "/assets/%2E%2E/%2E%2E/secret.txt"}) {
    HttpResponse response = client.Get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(response.Json()["data"]["error"], "request.bad_path") << target;
  }
  HttpResponse nul = client.Get("/index.html%00.js");
  EXPECT_EQ(nul.status, 400);
  EXPECT_EQ(nul.Json()["data"]["error"], "request.malformed_target");
}

}  // namespace
}  // namespace dj::http
