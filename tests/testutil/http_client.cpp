#include <utility>  // before Boost: g++ 12 needs it

#include "testutil/http_client.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>

namespace dj::testutil {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string ToString(beast::string_view text) { return std::string(text.data(), text.size()); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return beast::iequals(beast::string_view(a.data(), a.size()),
                        beast::string_view(b.data(), b.size()));
}

// Runs the operation that `start` initiates on `ioc` to completion; returns its error.
template <typename Start>
beast::error_code RunOne(asio::io_context& ioc, Start start) {
  beast::error_code result;
  start([&](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

HttpResponse FromMessage(bhttp::response<bhttp::string_body>& message) {
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(ToString(field.name_string()), ToString(field.value()));
  }
  response.body = std::move(message.body());
  response.keep_alive = message.keep_alive();
  return response;
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

nlohmann::json HttpResponse::Json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

struct HttpClient::Impl {
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  uint16_t port;
  std::chrono::milliseconds timeout;
};

HttpClient::HttpClient(uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;

bool HttpClient::connected() const { return impl_->stream.has_value(); }

void HttpClient::Close() {
  if (!impl_->stream) return;
  beast::error_code ignored;
  impl_->stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
  impl_->stream.reset();
  impl_->buffer.clear();
}

HttpResponse HttpClient::Send(std::string_view method, std::string_view target, std::string body,
                              const Headers& headers, int version) {
  Impl& impl = *impl_;
  HttpResponse failed;
  if (!impl.stream) {
    impl.stream.emplace(impl.ioc);
    impl.buffer.clear();
    impl.stream->expires_after(impl.timeout);
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), impl.port);
    beast::error_code ec = RunOne(
        impl.ioc, [&](auto handler) { impl.stream->async_connect(endpoint, std::move(handler)); });
    if (ec) {
      impl.stream.reset();
      failed.error = "connect: " + ec.message();
      return failed;
    }
    ++connections_opened_;
  }

  bhttp::request<bhttp::string_body> request;
  request.method_string(beast::string_view(method.data(), method.size()));
  request.target(beast::string_view(target.data(), target.size()));
  request.version(version);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(impl.port));
  request.set(bhttp::field::user_agent, "dj-testutil");
  for (const auto& [name, value] : headers) request.insert(name, value);
  request.body() = std::move(body);
  if (!request.body().empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.content_length(request.body().size());
  }
  if (version == 11 && headers.end() == std::find_if(headers.begin(), headers.end(), [](auto& h) {
                         return EqualsIgnoreCase(h.first, "Connection");
                       })) {
    request.keep_alive(true);
  }

  impl.stream->expires_after(impl.timeout);
  beast::error_code ec = RunOne(impl.ioc, [&](auto handler) {
    bhttp::async_write(*impl.stream, request, std::move(handler));
  });
  if (ec) {
    Close();
    failed.error = "write: " + ec.message();
    return failed;
  }
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  if (method == "HEAD") parser.skip(true);
  ec = RunOne(impl.ioc, [&](auto handler) {
    bhttp::async_read(*impl.stream, impl.buffer, parser, std::move(handler));
  });
  if (ec) {
    Close();
    failed.error = "read: " + ec.message();
    return failed;
  }
  HttpResponse response = FromMessage(parser.get());
  if (!response.keep_alive) Close();
  return response;
}

HttpResponse HttpClient::Get(std::string_view target, const Headers& headers) {
  return Send("GET", target, {}, headers);
}

HttpResponse HttpClient::PostJson(std::string_view target, std::string body) {
  return Send("POST", target, std::move(body), {{"Content-Type", "application/json"}});
}

RawReply SendRaw(uint16_t port, std::string_view bytes, std::chrono::milliseconds wait,
                 bool half_close) {
  RawReply reply;
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  auto start = std::chrono::steady_clock::now();
  stream.expires_after(wait);
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  beast::error_code ec =
      RunOne(ioc, [&](auto handler) { stream.async_connect(endpoint, std::move(handler)); });
  if (ec) {
    reply.error = "connect: " + ec.message();
    return reply;
  }
  ec = RunOne(ioc, [&](auto handler) {
    asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), std::move(handler));
  });
  if (ec && ec != asio::error::connection_reset && ec != asio::error::broken_pipe) {
    reply.error = "write: " + ec.message();
    return reply;
  }
  if (!ec && half_close) stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (!ec) {
    char chunk[4096];
    for (;;) {
      size_t received = 0;
      ec = RunOne(ioc, [&](auto handler) {
        stream.async_read_some(asio::buffer(chunk), [&, handler](beast::error_code e, size_t n) {
          received = n;
          handler(e);
        });
      });
      reply.data.append(chunk, received);
      if (ec) break;
    }
  }
  reply.closed_by_peer = ec != beast::error::timeout;
  reply.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return reply;
}

std::optional<HttpResponse> ParseResponse(std::string_view raw) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  while (!parser.is_done()) {
    ec = {};
    size_t used = parser.put(asio::buffer(raw.data(), raw.size()), ec);
    raw.remove_prefix(used);
    if (ec == bhttp::error::need_more) {
      if (used > 0 && !raw.empty()) continue;
      if (!parser.got_some()) return std::nullopt;
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return std::nullopt;
      break;
    }
    if (ec) return std::nullopt;
  }
  return FromMessage(parser.get());
}

}  // namespace dj::testutil
