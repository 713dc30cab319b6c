#include "http/static_files.h"

#include <fstream>
#include <iterator>
#include <utility>

#include "http/envelope.h"

namespace dj::http {
namespace {

namespace fs = std::filesystem;

constexpr std::pair<std::string_view, std::string_view> kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".ttf", "font/ttf"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {".pdf", "application/pdf"},
};

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

std::string_view LastSegment(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ReadFile(const fs::path& file, std::string* out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  std::string_view name = LastSegment(file_name);
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string_view extension = name.substr(dot);
    for (const auto& [known, type] : kContentTypes) {
      if (EqualsIgnoreCase(extension, known)) return type;
    }
  }
  return "application/octet-stream";
}

bool IsSafeStaticPath(std::string_view decoded_path) {
  if (decoded_path.empty() || decoded_path.front() != '/') return false;
  if (decoded_path.find('\0') != std::string_view::npos) return false;
  if (decoded_path.find('\\') != std::string_view::npos) return false;
  size_t start = 1;
  while (start <= decoded_path.size()) {
    size_t slash = decoded_path.find('/', start);
    std::string_view segment = decoded_path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!segment.empty() && segment.front() == '.') return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec) root_ = std::move(root);
}

Response StaticFiles::Serve(const Request& request) const {
  const std::string& path = request.path();
  if (!IsSafeStaticPath(path)) {
    return ErrorResponse(Error::InvalidArgument("request.bad_path", "请求路径不合法"),
                         request.request_id);
  }
  std::string_view relative = path;
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  std::error_code ec;
  fs::path file = root_ / fs::path(relative);
  bool is_index = false;
  if (!fs::is_regular_file(file, ec)) {
    if (LastSegment(path).find('.') != std::string_view::npos) {
      return ErrorResponse(Error::NotFound("static.not_found", "文件不存在"), request.request_id);
    }
    file = root_ / "index.html";
    is_index = true;
  }
  // A symbolic link inside the root must not lead out of it.
  fs::path real = fs::canonical(file, ec);
  std::string root_prefix = root_.string() + "/";
  if (ec || real.string().rfind(root_prefix, 0) != 0) {
    return ErrorResponse(Error::NotFound("static.not_found", "文件不存在"), request.request_id);
  }
  Response response;
  if (!ReadFile(real, &response.body)) {
    return ErrorResponse(Error::Internal("无法读取静态文件 " + real.string()), request.request_id);
  }
  response.content_type = std::string(ContentTypeFor(file.filename().string()));
  bool hashed = !is_index && path.rfind("/assets/", 0) == 0;
  response.SetHeader("Cache-Control", std::string(hashed ? kImmutable : kNoCache));
  return response;
}

}  // namespace dj::http
