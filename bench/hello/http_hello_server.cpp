// dj_bench_http_hello: the hello-world answer of dj_bench_hello, served through
// dj::http::Server (router, guard, envelope, request ids, security headers, and optionally
// the access log), so the cost of the real server stack is measured against the bare one.
//
//   dj_bench_http_hello --port 8082 [--threads 2] [--access-log off|stderr|FILE]
//
// Answers GET / and GET /api/health.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "http/envelope.h"
#include "http/router.h"
#include "http/server.h"

int main(int argc, char** argv) {
  dj::http::ServerOptions options;
  options.port = 8082;
  options.access_log = false;
  bool usage = (argc - 1) % 2 != 0;
  for (int i = 1; !usage && i + 1 < argc; i += 2) {
    std::string value = argv[i + 1];
    if (std::strcmp(argv[i], "--port") == 0) {
      options.port = static_cast<uint16_t>(std::atoi(value.c_str()));
    } else if (std::strcmp(argv[i], "--threads") == 0) {
      options.threads = std::atoi(value.c_str());
    } else if (std::strcmp(argv[i], "--access-log") == 0) {
      options.access_log = value != "off";
      if (value != "off" && value != "stderr") options.access_log_file = value;
    } else {
      usage = true;
    }
  }
  if (usage) {
    std::fprintf(stderr, "usage: %s [--port N] [--threads N] [--access-log off|stderr|FILE]\n",
                 argv[0]);
    return 2;
  }

  dj::http::Router router;
  auto health = [](dj::http::Request&) -> dj::Result<dj::http::Response> {
    return dj::http::JsonOk({{"status", "ok"}});
  };
  router.Add(dj::http::Method::kGet, "/", health, {"public"});
  router.Add(dj::http::Method::kGet, "/api/health", health, {"public"});
  router.SetGuard([](dj::http::Request&, const dj::http::RouteInfo&) { return dj::Ok(); });

  dj::http::Server server(options, std::move(router));
  dj::Result<uint16_t> port = server.Listen();
  if (!port.ok()) {
    std::fprintf(stderr, "%s\n", port.error().message.c_str());
    return 1;
  }
  std::printf("listening on 127.0.0.1:%u\n", *port);
  std::fflush(stdout);
  server.StopOnSignals();
  server.Run();
  return 0;
}
