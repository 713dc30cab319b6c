#include "http/static_files.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testutil/temp_dir.h"

namespace dj::http {
namespace {

using nlohmann::json;

TEST(ContentTypeForTest, Table) {
  struct Case {
    std::string_view name;
    std::string_view want;
  };
  const Case cases[] = {
      {"index.html", "text/html; charset=utf-8"},
      {"/assets/app-3f2a.js", "text/javascript; charset=utf-8"},
      {"style.CSS", "text/css; charset=utf-8"},
      {"logo.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"a.jpg", "image/jpeg"},
      {"a.jpeg", "image/jpeg"},
      {"font.woff2", "font/woff2"},
      {"data.json", "application/json; charset=utf-8"},
      {"favicon.ico", "image/x-icon"},
      {"app.js.map", "application/json; charset=utf-8"},
      {"robots.txt", "text/plain; charset=utf-8"},
      {"archive.tar.zst", "application/octet-stream"},
      {"README", "application/octet-stream"},
      {"dir.d/file", "application/octet-stream"},
  };
  for (const Case& c : cases) EXPECT_EQ(ContentTypeFor(c.name), c.want) << c.name;
}

TEST(IsSafeStaticPathTest, Table) {
  struct Case {
    std::string_view path;
    bool want;
  };
  const Case cases[] = {
      {"/", true},
      {"/index.html", true},
      {"/assets/app.js", true},
      {"/orgs/7/members", true},
      {"/a..b/c", true},
      {"", false},
      {"index.html", false},
      {"/..", false},
      {"/../etc/passwd", false},
      {"/assets/../../etc/passwd", false},
      {"/assets/..", false},
      {"/./index.html", false},
      {"/.env", false},
      {"/.git/config", false},
      {"/a\\..\\b", false},
      {std::string_view("/a\0b", 4), false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsSafeStaticPath(c.path), c.want) << c.path;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("web/index.html", "<!doctype html><title>党建</title>");
    dir_.Write("web/assets/app-3f2a.js", "console.log(1)");
    dir_.Write("web/favicon.ico", "ico");
    dir_.Write("web/.env", "SECRET=1");
    dir_.Write("secret.txt", "outside");
    std::filesystem::create_symlink(dir_.path() / "secret.txt", dir_.path() / "web/link.txt");
    files_.emplace(dir_.path() / "web");
  }

  Response Get(std::string_view target) {
    Result<Request> request = Request::Make(Method::kGet, target);
    EXPECT_TRUE(request.ok()) << target;
    return files_->Serve(*request);
  }

  testutil::TempDir dir_;
  std::optional<StaticFiles> files_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  struct Case {
    std::string_view target;
    std::string_view body;
    std::string_view content_type;
    std::string_view cache_control;
  };
  const std::string_view kIndex = "<!doctype html><title>党建</title>";
  const Case cases[] = {
      {"/", kIndex, "text/html; charset=utf-8", "no-cache"},
      {"/index.html", kIndex, "text/html; charset=utf-8", "no-cache"},
      {"/assets/app-3f2a.js", "console.log(1)", "text/javascript; charset=utf-8",
       "public, max-age=31536000, immutable"},
      {"/favicon.ico", "ico", "image/x-icon", "no-cache"},
      // Client-side routes: no extension, no such file.
      {"/orgs/7/members", kIndex, "text/html; charset=utf-8", "no-cache"},
      {"/assets/", kIndex, "text/html; charset=utf-8", "no-cache"},
      {"/login?next=%2Forgs", kIndex, "text/html; charset=utf-8", "no-cache"},
  };
  for (const Case& c : cases) {
    Response response = Get(c.target);
    EXPECT_EQ(response.status, 200) << c.target;
    EXPECT_EQ(response.body, c.body) << c.target;
    EXPECT_EQ(response.content_type, c.content_type) << c.target;
    EXPECT_EQ(response.Header("Cache-Control"), c.cache_control) << c.target;
  }
}

TEST_F(StaticFilesTest, RefusesMissingAndUnsafe) {
  struct Case {
    std::string_view target;
    int status;
    std::string_view key;
  };
  const Case cases[] = {
      {"/assets/missing.js", 404, "static.not_found"},
      {"/missing.png", 404, "static.not_found"},
      {"/link.txt", 404, "static.not_found"},  // a symlink leading out of the root
      {"/../secret.txt", 400, "request.bad_path"},
      {"/%2e%2e/secret.txt", 400, "request.bad_path"},
      {"/%2E%2E%2Fsecret.txt", 400, "request.bad_path"},
      {"/assets/%2e%2e/%2e%2e/secret.txt", 400, "request.bad_path"},
      {"/.env", 400, "request.bad_path"},
      {"/%2eenv", 400, "request.bad_path"},
      {"/..%5csecret.txt", 400, "request.bad_path"},
  };
  for (const Case& c : cases) {
    Response response = Get(c.target);
    EXPECT_EQ(response.status, c.status) << c.target;
    json body = json::parse(response.body);
    EXPECT_EQ(body["data"]["error"], c.key) << c.target;
    EXPECT_EQ(body["code"], c.status) << c.target;
    EXPECT_EQ(response.body.find("outside"), std::string::npos) << c.target;
    EXPECT_EQ(response.body.find("SECRET"), std::string::npos) << c.target;
  }
}

TEST_F(StaticFilesTest, MissingIndexIsNotFound) {
  std::filesystem::remove(dir_.path() / "web/index.html");
  Response response = Get("/orgs");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(json::parse(response.body)["message"], "文件不存在");
}

}  // namespace
}  // namespace dj::http
