// dj_bench_contest: the knowledge-contest benchmark of issue 6 (scripts/bench runs it and
// writes docs/perf.md).
//
//   dj_bench_contest setup --db PATH --passes FILE
//       A database with the contest-scale roster (DemoScale::kContest, ~300,000 members, no
//       meetings), a bank of 60 questions, a contest for the whole tree drawing 20 of them,
//       published and open for the next two hours, and the committee admin account
//       bench_admin (password kAdminPassword). Writes one line per eligible member to FILE:
//       "<contest> <member> <pass>".
//   dj_bench_contest load --port N --passes FILE [--connections 1000] [--limit N]
//       Plays every member of FILE (or the first N) on 127.0.0.1:N over `connections`
//       keep-alive connections: the start burst (GET /api/take/:id, then POST
//       /api/take/:id/attempts: the paper), then the submit burst (POST .../submit with an
//       answer to every question). During the submit burst bench_admin reads the top 20 of
//       the ranking every 100 ms. Then reads GET /api/contests/:id/monitor to count what was
//       stored. Prints one line per figure (see Report).
//   dj_bench_contest hello --port N [--connections 1000] [--requests 300000]
//       GET / on a hello-world server with the same client and connections: the reference.
//
// One client thread: the machine's other core is the server's.
#include <utility>  // before Asio: its awaitable.hpp uses std::exchange

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/app.h"
#include "demo/demo_generator.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr char kAdminUser[] = "bench_admin";
constexpr char kAdminPassword[] = "Bench#2026contest";

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "dj_bench_contest: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Must(dj::Result<T> r, const char* what) {
  if (!r.ok()) Fail(std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}

void Must(const dj::Status& s, const char* what) {
  if (!s.ok()) Fail(std::string(what) + ": " + s.error().message);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// --- setup

int Setup(const std::string& db, const std::string& passes_file) {
  if (std::filesystem::exists(db)) Fail(db + " exists; setup writes a fresh database");
  auto started = Clock::now();
  dj::SystemClock clock;
  auto store = Must(dj::OpenSqliteStore(db), "open");
  dj::RosterSnapshot roster =
      Must(dj::GenerateDemo({.scale = dj::DemoScale::kContest, .seed = 1, .today = clock.Today()}),
           "generate");
  dj::WriteContext ctx;
  ctx.user_name = "bench";
  Must(store->members().Seed(ctx, roster), "seed");
  store.reset();
  std::printf("roster %zu nodes %zu members in %.1f s\n", roster.nodes.size(),
              roster.members.size(), Seconds(Clock::now() - started));

  dj::AppOptions options{.db_path = db};
  auto app = Must(dj::App::Open(options), "open app");
  // 60 questions: 30 single, 20 multiple, 10 true/false, tagged by chapter.
  std::vector<dj::Question> bank;
  for (int i = 0; i < 60; ++i) {
    dj::Question q;
    q.tags = {"第" + std::to_string(i % 6 + 1) + "章"};
    q.stem = "压测题 " + std::to_string(i + 1) + "：下列说法正确的是";
    if (i < 30) {
      q.kind = dj::QuestionKind::kSingle;
      q.options = {"选项甲", "选项乙", "选项丙", "选项丁"};
      q.answer = static_cast<dj::OptionSet>(1u << (i % 4));
    } else if (i < 50) {
      q.kind = dj::QuestionKind::kMultiple;
      q.options = {"选项甲", "选项乙", "选项丙", "选项丁"};
      q.answer = 0b0101;
    } else {
      q.kind = dj::QuestionKind::kTrueFalse;
      q.options = {"正确", "错误"};
      q.answer = 0b01;
    }
    q.explanation = "见党章第" + std::to_string(i % 6 + 1) + "章";
    bank.push_back(std::move(q));
  }
  std::vector<int> rows(bank.size());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int>(i + 2);
  Must(app->questions().AddAll(ctx, bank, rows), "questions");

  const int64_t now = clock.NowUnixSeconds();
  dj::ContestSettings s;
  s.title = "压测：全省机关党员党章党规知识竞答";
  s.starts_at = now - 60;
  s.ends_at = now + 2 * 3600;
  s.scope = app->roster().Root()->id;
  s.draw = {{"", dj::QuestionKind::kSingle, 10},
            {"", dj::QuestionKind::kMultiple, 5},
            {"", dj::QuestionKind::kTrueFalse, 5}};
  s.time_limit_seconds = 1800;
  s.attempts_allowed = 1;
  dj::Contest contest = Must(app->contests().Create(ctx, s), "create contest");
  Must(app->contests().Publish(ctx, contest.id), "publish");

  dj::NewUser admin;
  admin.username = kAdminUser;
  admin.display_name = "压测管理员";
  admin.password = kAdminPassword;
  admin.must_change_password = false;
  admin.grants = {{0, 0, dj::Role::kCommitteeAdmin, s.scope}};
  Must(app->auth().CreateUserAsSystem(ctx, admin, now), "admin");

  std::ofstream out(passes_file);
  size_t written = 0;
  for (const dj::MemberBrief& m : app->roster().ActiveMembersUnder(s.scope)) {
    out << contest.id << ' ' << m.id << ' ' << app->passes().Issue(contest.id, m.id) << '\n';
    ++written;
  }
  if (!out) Fail("cannot write " + passes_file);
  std::printf("contest %lld, %zu passes in %.1f s\n", static_cast<long long>(contest.id), written,
              Seconds(Clock::now() - started));
  return 0;
}

// --- the client

struct Participant {
  std::string pass;
  int64_t attempt = 0;
  std::string answers;  // the submit body, made from the paper
};

struct Latencies {
  std::vector<double> ms;
  int64_t errors = 0;
  std::string first_error;
  Clock::time_point first{Clock::time_point::max()}, last{Clock::time_point::min()};

  void Add(Clock::time_point start, Clock::time_point end) {
    ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    first = std::min(first, start);
    last = std::max(last, end);
  }
  void Error(const std::string& what) {
    if (errors++ == 0) first_error = what;
  }
  double Percentile(double p) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    size_t i = static_cast<size_t>(p * static_cast<double>(ms.size() - 1) + 0.5);
    return ms[std::min(i, ms.size() - 1)];
  }
};

// "phase requests seconds rps p50_ms p99_ms errors", one line.
void Report(const char* phase, Latencies& l) {
  const double seconds = l.ms.empty() ? 0 : Seconds(l.last - l.first);
  std::printf("%s %zu %.3f %.0f %.2f %.2f %lld\n", phase, l.ms.size(), seconds,
              seconds > 0 ? static_cast<double>(l.ms.size()) / seconds : 0, l.Percentile(0.5),
              l.Percentile(0.99), static_cast<long long>(l.errors));
  if (l.errors > 0) std::printf("# %s first error: %s\n", phase, l.first_error.c_str());
  std::fflush(stdout);
}

// The attempt id and the submit body (the first option of every question) from a paper.
bool ReadPaper(const std::string& body, Participant& p) {
  const size_t data = body.find("\"data\":{");
  if (data == std::string::npos) return false;
  const size_t questions = body.find("\"questions\":[", data);
  const size_t id = body.find("\"id\":", data);
  if (questions == std::string::npos || id == std::string::npos || id > questions) return false;
  p.attempt = std::atoll(body.c_str() + id + 5);
  std::string answers = "{\"answers\":[";
  for (size_t at = body.find("{\"id\":", questions); at != std::string::npos;
       at = body.find("{\"id\":", at + 1)) {
    if (answers.back() != '[') answers += ',';
    answers +=
        "{\"question\":" + std::to_string(std::atoll(body.c_str() + at + 6)) + ",\"chosen\":[0]}";
  }
  p.answers = answers + "]}";
  return p.attempt > 0;
}

class Client {
 public:
  explicit Client(uint16_t port) : endpoint_(asio::ip::make_address("127.0.0.1"), port) {}

  asio::io_context& io() { return io_; }

  // Sends one request on `stream` (connecting it first when needed); the status, 0 on a
  // transport error (the stream is then closed).
  asio::awaitable<int> Exchange(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                http::verb verb, const std::string& target, const std::string& body,
                                const std::string& header_name, const std::string& header_value,
                                std::string* answer) {
    try {
      if (!stream.socket().is_open()) {
        co_await stream.async_connect(endpoint_, asio::use_awaitable);
        stream.socket().set_option(tcp::no_delay(true));
      }
      http::request<http::string_body> request{verb, target, 11};
      request.set(http::field::host, "127.0.0.1");
      if (!header_name.empty()) request.set(header_name, header_value);
      if (verb == http::verb::post) {
        request.set(http::field::content_type, "application/json");
        request.body() = body;
      }
      request.keep_alive(true);
      request.prepare_payload();
      co_await http::async_write(stream, request, asio::use_awaitable);
      http::response<http::string_body> response;
      co_await http::async_read(stream, buffer, response, asio::use_awaitable);
      if (answer != nullptr) *answer = std::move(response.body());
      if (!response.keep_alive()) stream.close();
      co_return response.result_int();
    } catch (const std::exception& e) {
      stream.close();
      if (answer != nullptr) *answer = e.what();
      co_return 0;
    }
  }

 private:
  asio::io_context io_{1};
  tcp::endpoint endpoint_;
};

// Runs `connections` coroutines, each taking the next index below `count` and calling
// `one(stream, buffer, index)` until none is left.
template <typename One>
void RunConnections(Client& client, int connections, size_t count, One one) {
  size_t next = 0;
  for (int c = 0; c < connections; ++c) {
    asio::co_spawn(
        client.io(),
        [&client, &next, count, one]() -> asio::awaitable<void> {
          beast::tcp_stream stream(co_await asio::this_coro::executor);
          beast::flat_buffer buffer;
          for (size_t i = next++; i < count; i = next++) co_await one(stream, buffer, i);
        },
        asio::detached);
  }
  client.io().restart();
  client.io().run();
}

int Load(uint16_t port, const std::string& passes_file, int connections, size_t limit) {
  std::ifstream in(passes_file);
  std::vector<Participant> people;
  int64_t contest = 0;
  int64_t member = 0;
  std::string pass;
  while (in >> contest >> member >> pass && people.size() < limit) {
    people.push_back({pass, 0, {}});
  }
  if (people.empty()) Fail("no passes in " + passes_file);
  const std::string base = "/api/take/" + std::to_string(contest);
  Client client(port);

  // The admin's session, for the ranking and the monitor.
  std::string token;
  {
    beast::tcp_stream stream(client.io());
    beast::flat_buffer buffer;
    std::string answer;
    asio::co_spawn(
        client.io(),
        [&]() -> asio::awaitable<void> {
          nlohmann::json login = {
              {"username", kAdminUser}, {"password", kAdminPassword}, {"session", "bearer"}};
          co_await client.Exchange(stream, buffer, http::verb::post, "/api/auth/login",
                                   login.dump(), "", "", &answer);
        },
        asio::detached);
    client.io().run();
    nlohmann::json reply = nlohmann::json::parse(answer, nullptr, false);
    if (reply.is_discarded() || !reply["data"].contains("token")) Fail("login: " + answer);
    token = reply["data"]["token"];
  }

  Latencies open, start, submit, ranking;
  const auto burst = Clock::now();
  RunConnections(client, connections, people.size(),
                 [&](beast::tcp_stream& stream, beast::flat_buffer& buffer,
                     size_t i) -> asio::awaitable<void> {
                   Participant& p = people[i];
                   std::string answer;
                   auto t0 = Clock::now();
                   int status = co_await client.Exchange(stream, buffer, http::verb::get, base, "",
                                                         "X-Contest-Pass", p.pass, &answer);
                   auto t1 = Clock::now();
                   open.Add(t0, t1);
                   if (status != 200) open.Error(std::to_string(status) + " " + answer);
                   status = co_await client.Exchange(stream, buffer, http::verb::post,
                                                     base + "/attempts", "{}", "X-Contest-Pass",
                                                     p.pass, &answer);
                   start.Add(t1, Clock::now());
                   if (status != 201 || !ReadPaper(answer, p)) {
                     start.Error(std::to_string(status) + " " + answer.substr(0, 200));
                   }
                 });
  Report("open", open);
  Report("start", start);

  // The submit burst, with the ranking read every 100 ms meanwhile.
  bool submitting = true;
  asio::co_spawn(
      client.io(),
      [&]() -> asio::awaitable<void> {
        beast::tcp_stream stream(co_await asio::this_coro::executor);
        beast::flat_buffer buffer;
        asio::steady_timer timer(co_await asio::this_coro::executor);
        const std::string target = "/api/contests/" + std::to_string(contest) + "/ranking?limit=20";
        while (submitting) {
          std::string answer;
          auto t0 = Clock::now();
          int status = co_await client.Exchange(stream, buffer, http::verb::get, target, "",
                                                "Authorization", "Bearer " + token, &answer);
          ranking.Add(t0, Clock::now());
          if (status != 200) ranking.Error(std::to_string(status) + " " + answer);
          timer.expires_after(std::chrono::milliseconds(100));
          co_await timer.async_wait(asio::use_awaitable);
        }
      },
      asio::detached);
  size_t remaining = people.size();
  RunConnections(client, connections, people.size(),
                 [&](beast::tcp_stream& stream, beast::flat_buffer& buffer,
                     size_t i) -> asio::awaitable<void> {
                   Participant& p = people[i];
                   if (p.attempt > 0) {
                     std::string answer;
                     auto t0 = Clock::now();
                     int status = co_await client.Exchange(
                         stream, buffer, http::verb::post,
                         base + "/attempts/" + std::to_string(p.attempt) + "/submit", p.answers,
                         "X-Contest-Pass", p.pass, &answer);
                     submit.Add(t0, Clock::now());
                     if (status != 200) submit.Error(std::to_string(status) + " " + answer);
                   }
                   if (--remaining == 0) submitting = false;
                 });
  const double total = Seconds(Clock::now() - burst);
  Report("submit", submit);
  Report("ranking", ranking);

  // What the server stored, counted by the server.
  std::string answer;
  {
    beast::tcp_stream stream(client.io());
    beast::flat_buffer buffer;
    asio::co_spawn(
        client.io(),
        [&]() -> asio::awaitable<void> {
          co_await client.Exchange(stream, buffer, http::verb::get,
                                   "/api/contests/" + std::to_string(contest) + "/monitor", "",
                                   "Authorization", "Bearer " + token, &answer);
        },
        asio::detached);
    client.io().restart();
    client.io().run();
  }
  nlohmann::json monitor = nlohmann::json::parse(answer, nullptr, false);
  if (monitor.is_discarded()) Fail("monitor: " + answer);
  std::printf("participants %zu\n", people.size());
  std::printf("total_seconds %.3f\n", total);
  std::printf("stored_submissions %lld\n",
              static_cast<long long>(monitor["data"]["submitted"].get<int64_t>()));
  std::printf("stored_starts %lld\n",
              static_cast<long long>(monitor["data"]["started"].get<int64_t>()));
  return 0;
}

int Hello(uint16_t port, int connections, size_t requests) {
  Client client(port);
  Latencies hello;
  RunConnections(
      client, connections, requests,
      [&](beast::tcp_stream& stream, beast::flat_buffer& buffer, size_t) -> asio::awaitable<void> {
        std::string answer;
        auto t0 = Clock::now();
        int status =
            co_await client.Exchange(stream, buffer, http::verb::get, "/", "", "", "", &answer);
        hello.Add(t0, Clock::now());
        if (status != 200) hello.Error(std::to_string(status) + " " + answer);
      });
  Report("hello", hello);
  return 0;
}

std::string Option(int argc, char** argv, const char* name, const char* fallback) {
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  }
  if (fallback == nullptr) Fail(std::string("missing ") + name);
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "setup") {
    return Setup(Option(argc, argv, "--db", nullptr), Option(argc, argv, "--passes", nullptr));
  }
  if (mode == "load") {
    const long long limit = std::atoll(Option(argc, argv, "--limit", "0").c_str());
    return Load(static_cast<uint16_t>(std::atoi(Option(argc, argv, "--port", nullptr).c_str())),
                Option(argc, argv, "--passes", nullptr),
                std::atoi(Option(argc, argv, "--connections", "1000").c_str()),
                limit > 0 ? static_cast<size_t>(limit) : SIZE_MAX);
  }
  if (mode == "hello") {
    return Hello(
        static_cast<uint16_t>(std::atoi(Option(argc, argv, "--port", nullptr).c_str())),
        std::atoi(Option(argc, argv, "--connections", "1000").c_str()),
        static_cast<size_t>(std::atoll(Option(argc, argv, "--requests", "300000").c_str())));
  }
  std::fprintf(stderr,
               "usage: %s setup --db PATH --passes FILE\n"
               "       %s load --port N --passes FILE [--connections N] [--limit N]\n"
               "       %s hello --port N [--connections N] [--requests N]\n",
               argv[0], argv[0], argv[0]);
  return 2;
}
