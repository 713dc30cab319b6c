// Serves the built web app from a directory: files by path, index.html for client-side routes,
// and nothing outside the directory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "http/request.h"

namespace dj::http {

// The Content-Type for a file name by its extension ("app.js" -> "text/javascript;
// charset=utf-8"); "application/octet-stream" when unknown.
std::string_view ContentTypeFor(std::string_view file_name);

// True when the decoded request path may name a file under the root: it starts with '/', and
// no segment is empty-then-something-else, "..", ".", or starts with '.' (hidden files), and
// it holds no NUL or backslash.
bool IsSafeStaticPath(std::string_view decoded_path);

class StaticFiles {
 public:
  // `root` must exist; it is resolved once here. Thread-safe after construction.
  explicit StaticFiles(std::filesystem::path root);

  // Answers a GET or HEAD for `request.path()` (the caller routes only those, and never
  // /api/): the file when it exists under the root; index.html (no-cache) for a path whose
  // last segment has no extension, so the web app's router can handle it; else the 404
  // envelope (static.not_found). Unsafe paths get 400 (request.bad_path). Files under
  // /assets/ are cached as immutable (their names carry a content hash).
  Response Serve(const Request& request) const;

 private:
  std::filesystem::path root_;
};

}  // namespace dj::http
