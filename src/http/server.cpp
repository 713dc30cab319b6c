#include <utility>  // before Boost: g++ 12 needs it for Asio's coroutine support

#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/access_log.h"
#include "http/envelope.h"
#include "http/static_files.h"

namespace dj::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// After an error answer that closes the connection, unread request bytes are drained for this
// long, so that closing does not reset the connection before the client has read the answer.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kLingerBytes = 8 << 20;
// Once shutdown_timeout has passed, connections still open are closed and given this long to
// finish.
constexpr std::chrono::milliseconds kForcedCloseGrace{1000};
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// Milliseconds on the steady clock.
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             SteadyClock::now().time_since_epoch())
      .count();
}

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

auto Redirect(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

Method FromVerb(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

std::string SizeText(size_t bytes) {
  if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1 << 10) && bytes % (1 << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " 字节";
}

bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

void LogCoroutineFailure(std::exception_ptr failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    spdlog::error("http connection failed: {}", e.what());
  } catch (...) {
    spdlog::error("http connection failed with an unknown exception");
  }
}

}  // namespace

// Timeouts: rather than arming a timer around every read and write (which costs a timer-queue
// insertion, a cancellation and an extra completion per operation), each session publishes a
// deadline and one sweeper on the control strand closes the connections whose deadline has
// passed. Timeouts are therefore enforced within one sweep interval.
struct Server::Impl {
  // One client connection. Its fields are touched only on its strand, except `id`
  // (immutable) and `deadline`.
  struct Session {
    Session(Impl& server, tcp::socket socket, uint64_t id)
        : server(server), socket(std::move(socket)), id(id) {
      beast::error_code ec;
      tcp::endpoint peer = this->socket.remote_endpoint(ec);
      if (!ec) remote = peer.address().to_string();
    }
    ~Session() { server.Forget(id); }

    // The next I/O must finish within `timeout`, or the sweeper closes the connection.
    void ExpireAfter(std::chrono::milliseconds timeout) {
      deadline.store(NowMs() + timeout.count(), std::memory_order_relaxed);
    }
    void ExpireNever() { deadline.store(kNever, std::memory_order_relaxed); }

    Impl& server;
    tcp::socket socket;
    beast::flat_buffer buffer;
    const uint64_t id;
    std::string remote;
    bool idle = false;  // waiting for the first byte of the next request
    // Steady-clock milliseconds; written on the strand, read by the sweeper.
    std::atomic<int64_t> deadline{kNever};
  };

  struct SessionEntry {
    // Valid while the entry exists: ~Session removes the entry (under mu) before any member
    // is destroyed.
    Session* session;
    std::weak_ptr<Session> owner;
  };

  Impl(ServerOptions options, Router router)
      : options(std::move(options)),
        router(std::move(router)),
        ioc(std::max(1, this->options.threads)),
        control(asio::make_strand(ioc)),
        acceptor(control),
        sweep_timer(control) {
    if (!this->options.static_dir.empty()) static_files.emplace(this->options.static_dir);
    auto shortest = std::min({this->options.idle_timeout, this->options.request_timeout,
                              std::chrono::duration_cast<std::chrono::milliseconds>(kLingerTime)});
    sweep_interval =
        std::clamp(shortest / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(250));
  }

  Result<uint16_t> Listen();
  void Run();
  void RequestStop();
  void Forget(uint64_t session_id);
  std::vector<std::shared_ptr<Session>> LiveSessions();

  asio::awaitable<void> Accept();
  asio::awaitable<void> Sweep();
  asio::awaitable<void> Serve(std::shared_ptr<Session> session);
  asio::awaitable<size_t> Write(Session& session, Response response, unsigned version,
                                bool keep_alive, bool head, const std::string& request_id,
                                beast::error_code& ec);
  asio::awaitable<void> AnswerReadFailure(Session& session, const Error& error,
                                          SteadyClock::time_point start);
  Response Handle(Request& request) const;
  // The answer given to `later`, waited for on a timer of the connection's strand.
  static asio::awaitable<Response> AwaitLater(std::shared_ptr<Later> later);
  void LogAccess(std::string_view request_id, std::string_view remote, std::string_view method,
                 std::string_view target, int status, size_t bytes,
                 SteadyClock::time_point start) const;

  const ServerOptions options;
  const Router router;
  std::optional<StaticFiles> static_files;
  std::shared_ptr<spdlog::logger> access_log;

  std::mutex mu;
  std::condition_variable cv;                           // signals both fields below
  bool stop_requested = false;                          // guarded by mu
  std::unordered_map<uint64_t, SessionEntry> sessions;  // guarded by mu
  uint64_t next_session_id = 0;                         // guarded by mu
  // Set once shutdown begins; read by sessions to stop keeping connections alive.
  std::atomic<bool> stopping{false};
  bool listening = false;

  // Declared after everything that handlers and sessions touch, so that it is destroyed (with
  // any handler still queued) first.
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;  // runs the acceptor and signals
  tcp::acceptor acceptor;
  std::optional<asio::signal_set> signals;
  asio::steady_timer sweep_timer;  // used on `control`
  std::chrono::milliseconds sweep_interval;
  bool sweeper_stopped = false;  // used on `control`
};

Result<uint16_t> Server::Impl::Listen() {
  if (listening) return Error::Internal("Listen called twice");
  if (!options.static_dir.empty()) {
    std::error_code missing;
    if (!std::filesystem::is_directory(options.static_dir, missing)) {
      return Error::Unavailable("server.static_dir_missing",
                                "静态文件目录不存在：" + options.static_dir);
    }
  }
  if (options.access_log) {
    DJ_ASSIGN_OR_RETURN(access_log, MakeAccessLog(options.access_log_file));
  }

  beast::error_code ec;
  asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) {
    return Error::InvalidArgument("server.bad_address", "监听地址不正确：" + options.address);
  }
  tcp::endpoint endpoint(address, options.port);
  std::string port_text = std::to_string(options.port);
  auto failed = [&](beast::error_code cause) -> Error {
    beast::error_code ignored;
    acceptor.close(ignored);
    if (cause == asio::error::address_in_use) {
      return Error::Unavailable("server.port_in_use", "端口 " + port_text + " 已被占用");
    }
    if (cause == asio::error::access_denied) {
      return Error::Unavailable("server.port_forbidden", "无权限监听端口 " + port_text);
    }
    return Error::Unavailable("server.listen_failed", "无法监听 " + options.address + ":" +
                                                          port_text + "：" + cause.message());
  };
  if (acceptor.open(endpoint.protocol(), ec); ec) return failed(ec);
  if (acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec) return failed(ec);
  if (acceptor.bind(endpoint, ec); ec) return failed(ec);
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) return failed(ec);
  uint16_t port = acceptor.local_endpoint(ec).port();
  if (ec) return failed(ec);
  asio::co_spawn(control, Accept(), LogCoroutineFailure);
  asio::co_spawn(control, Sweep(), LogCoroutineFailure);
  listening = true;
  return port;
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await acceptor.async_accept(asio::any_io_executor(asio::make_strand(ioc)), Redirect(ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || stopping.load()) co_return;
      // Out of descriptors, or the like: wait instead of spinning; the condition may pass.
      spdlog::warn("http accept failed: {}", ec.message());
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
      co_await pause.async_wait(Redirect(ec));
      continue;
    }
    std::shared_ptr<Session> session;
    {
      std::lock_guard lock(mu);
      if (stopping.load()) continue;  // closes the socket
      uint64_t id = next_session_id++;
      session = std::make_shared<Session>(*this, std::move(socket), id);
      sessions.emplace(id, SessionEntry{session.get(), session});
    }
    asio::co_spawn(session->socket.get_executor(), Serve(session), LogCoroutineFailure);
  }
}

asio::awaitable<void> Server::Impl::Sweep() {
  for (;;) {
    beast::error_code ec;
    sweep_timer.expires_after(sweep_interval);
    co_await sweep_timer.async_wait(Redirect(ec));
    if (sweeper_stopped) co_return;
    int64_t now = NowMs();
    std::vector<std::shared_ptr<Session>> expired;
    {
      std::lock_guard lock(mu);
      for (auto& [id, entry] : sessions) {
        if (entry.session->deadline.load(std::memory_order_relaxed) > now) continue;
        if (auto session = entry.owner.lock()) expired.push_back(std::move(session));
      }
    }
    for (auto& session : expired) {
      asio::post(session->socket.get_executor(), [session] {
        // Checked again on the strand: the session may have moved on to a new deadline.
        if (session->deadline.load(std::memory_order_relaxed) > NowMs()) return;
        beast::error_code ignored;
        session->socket.close(ignored);
      });
    }
  }
}

void Server::Impl::Forget(uint64_t session_id) {
  std::lock_guard lock(mu);
  sessions.erase(session_id);
  if (sessions.empty()) cv.notify_all();
}

std::vector<std::shared_ptr<Server::Impl::Session>> Server::Impl::LiveSessions() {
  std::lock_guard lock(mu);
  std::vector<std::shared_ptr<Session>> live;
  for (auto& [id, entry] : sessions) {
    if (auto session = entry.owner.lock()) live.push_back(std::move(session));
  }
  return live;
}

asio::awaitable<void> Server::Impl::Serve(std::shared_ptr<Session> session) {
  tcp::socket& socket = session->socket;
  beast::flat_buffer& buffer = session->buffer;
  beast::error_code ec;
  for (;;) {
    // Checked and followed by the idle read without suspending in between, so that a stop
    // request posted to this strand either sees `idle` or is seen here.
    if (stopping.load()) break;
    if (buffer.size() == 0) {
      session->idle = true;
      session->ExpireAfter(options.idle_timeout);
      size_t n = co_await socket.async_read_some(buffer.prepare(4096), Redirect(ec));
      session->idle = false;
      if (ec) break;  // closed by the client, idle too long, or shutting down
      buffer.commit(n);
    }

    SteadyClock::time_point start = SteadyClock::now();
    session->ExpireAfter(options.request_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(options.header_limit));
    // Beast checks Content-Length against the limit while reading the head, before the route
    // is known: read the head under the largest limit, then apply the route's own (upload
    // routes declare theirs) before the body.
    parser.body_limit(std::max(options.body_limit, router.MaxBodyLimit()));
    co_await bhttp::async_read_header(socket, buffer, parser, Redirect(ec));
    size_t body_limit = options.body_limit;
    if (!ec || ec == bhttp::error::body_limit) {  // the request line has been read
      size_t route_limit =
          router.BodyLimit(FromVerb(parser.get().method()), View(parser.get().target()));
      if (route_limit > 0) body_limit = route_limit;
    }
    if (!ec) {
      parser.body_limit(body_limit);
      if (auto length = parser.content_length(); length && *length > body_limit) {
        ec = bhttp::error::body_limit;
      }
    }
    bool bad_version = !ec && parser.get().version() != 10 && parser.get().version() != 11;
    if (!ec && !bad_version && !parser.is_done()) {
      if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
        co_await bhttp::async_write(socket, go_on, Redirect(ec));
      }
      if (!ec) co_await bhttp::async_read(socket, buffer, parser, Redirect(ec));
    }
    session->ExpireNever();  // a handler may take as long as it needs
    if (ec || bad_version) {
      std::optional<Error> answer;
      if (ec == bhttp::error::body_limit) {
        answer = Error{ErrorCode::kTooLarge,
                       "request.body_too_large",
                       "请求体过大（上限 " + SizeText(body_limit) + "）",
                       {}};
      } else if (ec == bhttp::error::header_limit) {
        answer = Error{ErrorCode::kTooLarge,
                       "request.header_too_large",
                       "请求头过大（上限 " + SizeText(options.header_limit) + "）",
                       {}};
      } else if (bad_version ||
                 (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                  ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)) {
        answer = Error::InvalidArgument("request.malformed_http", "请求格式不正确");
      }
      // Otherwise the client went away or was too slow: close without an answer.
      if (answer) co_await AnswerReadFailure(*session, *answer, start);
      break;
    }

    bhttp::request<bhttp::string_body>& message = parser.get();
    std::string_view sent_id = View(message["X-Request-Id"]);
    std::string request_id = IsSaneRequestId(sent_id) ? std::string(sent_id) : NewRequestId();
    Method method = FromVerb(message.method());
    std::string target(View(message.target()));
    HeaderList headers;
    for (const auto& field : message) {
      headers.emplace_back(std::string(View(field.name_string())),
                           std::string(View(field.value())));
    }
    Result<Request> request =
        Request::Make(method, target, std::move(message.body()), std::move(headers));
    Response response;
    if (request.ok()) {
      request->remote_address = session->remote;
      request->request_id = request_id;
      response = Handle(*request);
    } else {
      response = ErrorResponse(request.error(), request_id);
    }
    if (response.later) {
      response = co_await AwaitLater(std::move(response.later));
    }
    if (response.status < 200 || response.status > 599) {
      response = ErrorResponse(
          Error::Internal("handler answered HTTP status " + std::to_string(response.status)),
          request_id);
    }
    if (response.delay.count() > 0) {
      asio::steady_timer hold(co_await asio::this_coro::executor, response.delay);
      co_await hold.async_wait(Redirect(ec));
      ec = {};
    }
    int status = response.status;
    bool keep_alive = message.keep_alive() && !stopping.load();
    size_t bytes = co_await Write(*session, std::move(response), message.version(), keep_alive,
                                  method == Method::kHead, request_id, ec);
    LogAccess(request_id, session->remote, View(message.method_string()), target, status, bytes,
              start);
    if (ec || !keep_alive) break;
  }
  // A FIN after the last response, rather than a reset, so the client reads all of it.
  beast::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  socket.close(ignored);
}

asio::awaitable<Response> Server::Impl::AwaitLater(std::shared_ptr<Later> later) {
  auto executor = co_await asio::this_coro::executor;
  auto timer =
      std::make_shared<asio::steady_timer>(executor, asio::steady_timer::time_point::max());
  auto answer = std::make_shared<std::optional<Response>>();
  later->OnAnswer([executor, timer, answer](Response given) {
    // Runs on the strand only once this coroutine waits (it holds the strand until then), so
    // the cancel always finds the wait.
    asio::post(executor, [timer, answer, given = std::move(given)]() mutable {
      *answer = std::move(given);
      timer->cancel();
    });
  });
  while (!answer->has_value()) {
    beast::error_code ec;
    co_await timer->async_wait(Redirect(ec));
  }
  co_return std::move(**answer);
}

Response Server::Impl::Handle(Request& request) const {
  std::optional<Response> routed = router.TryDispatch(request);
  if (routed) return std::move(*routed);
  const std::string& path = request.path();
  bool api = path == "/api" || path.rfind("/api/", 0) == 0;
  if (static_files && !api &&
      (request.method() == Method::kGet || request.method() == Method::kHead)) {
    return static_files->Serve(request);
  }
  return NotFoundResponse(request);
}

asio::awaitable<size_t> Server::Impl::Write(Session& session, Response response, unsigned version,
                                            bool keep_alive, bool head,
                                            const std::string& request_id, beast::error_code& ec) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  if (!response.content_type.empty() && !HasLineBreak(response.content_type)) {
    message.set(bhttp::field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || HasLineBreak(name) || HasLineBreak(value)) continue;
    message.insert(name, value);
  }
  message.set("X-Request-Id", request_id);
  message.set("X-Content-Type-Options", "nosniff");
  message.set("X-Frame-Options", "DENY");
  message.set("Referrer-Policy", "same-origin");
  message.keep_alive(keep_alive);
  // These statuses have no body; Beast refuses to frame one.
  if (response.status != 204 && response.status != 304) message.body() = std::move(response.body);
  message.prepare_payload();
  session.ExpireAfter(options.request_timeout);
  if (head) {
    // The head of the GET answer, Content-Length included, without its body.
    bhttp::response<bhttp::empty_body> head_only{std::move(message.base())};
    co_return co_await bhttp::async_write(session.socket, head_only, Redirect(ec));
  }
  co_return co_await bhttp::async_write(session.socket, message, Redirect(ec));
}

asio::awaitable<void> Server::Impl::AnswerReadFailure(Session& session, const Error& error,
                                                      SteadyClock::time_point start) {
  std::string request_id = NewRequestId();
  Response response = ErrorResponse(error, request_id);
  int status = response.status;
  beast::error_code ec;
  size_t bytes = co_await Write(session, std::move(response), 11, /*keep_alive=*/false,
                                /*head=*/false, request_id, ec);
  LogAccess(request_id, session.remote, "-", "-", status, bytes, start);
  if (ec) co_return;
  session.socket.shutdown(tcp::socket::shutdown_send, ec);
  session.ExpireAfter(kLingerTime);
  char scratch[4096];
  for (size_t drained = 0; drained < kLingerBytes;) {
    size_t n = co_await session.socket.async_read_some(asio::buffer(scratch), Redirect(ec));
    if (ec) break;
    drained += n;
  }
}

void Server::Impl::LogAccess(std::string_view request_id, std::string_view remote,
                             std::string_view method, std::string_view target, int status,
                             size_t bytes, SteadyClock::time_point start) const {
  if (!access_log) return;
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start).count();
  access_log->info("{} {} {} {} {} {} {}us", request_id, remote.empty() ? "-" : remote, method,
                   target, status, bytes, micros);
}

void Server::Impl::RequestStop() {
  {
    std::lock_guard lock(mu);
    stop_requested = true;
  }
  cv.notify_all();
}

void Server::Impl::Run() {
  if (!listening) return;
  auto work = asio::make_work_guard(ioc);
  std::vector<std::thread> threads;
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    threads.emplace_back([this] {
      for (;;) {
        try {
          ioc.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("http io thread: {}", e.what());
        }
      }
    });
  }

  {
    std::unique_lock lock(mu);
    cv.wait(lock, [this] { return stop_requested; });
    stopping.store(true);
  }
  asio::post(control, [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    if (signals) signals->cancel(ignored);
  });
  // Idle keep-alive connections close now; busy ones close after their current response.
  for (auto& session : LiveSessions()) {
    asio::post(session->socket.get_executor(), [session] {
      beast::error_code ignored;
      if (session->idle) session->socket.cancel(ignored);
    });
  }
  bool drained;
  {
    std::unique_lock lock(mu);
    drained = cv.wait_for(lock, options.shutdown_timeout, [this] { return sessions.empty(); });
  }
  if (!drained) {
    std::vector<std::shared_ptr<Session>> left = LiveSessions();
    spdlog::warn("http shutdown: closing {} connections still busy after {} ms", left.size(),
                 options.shutdown_timeout.count());
    for (auto& session : left) {
      asio::post(session->socket.get_executor(), [session] {
        beast::error_code ignored;
        session->socket.close(ignored);
      });
    }
    left.clear();
    std::unique_lock lock(mu);
    drained = cv.wait_for(lock, kForcedCloseGrace, [this] { return sessions.empty(); });
  }
  asio::post(control, [this] {
    sweeper_stopped = true;
    sweep_timer.cancel();
  });
  work.reset();
  // Handlers still running block their thread's join; nothing else is waited for.
  if (!drained) ioc.stop();
  for (std::thread& thread : threads) thread.join();
  if (access_log) access_log->flush();
}

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() = default;

Result<uint16_t> Server::Listen() { return impl_->Listen(); }

void Server::Run() { impl_->Run(); }

void Server::Stop() { impl_->RequestStop(); }

void Server::StopOnSignals() {
  Impl& impl = *impl_;
  impl.signals.emplace(impl.control, SIGINT, SIGTERM);
  impl.signals->async_wait([&impl](const beast::error_code& ec, int signal_number) {
    if (ec) return;
    spdlog::info("signal {} received: stopping the http server", signal_number);
    impl.RequestStop();
  });
}

const Router& Server::router() const { return impl_->router; }

}  // namespace dj::http
