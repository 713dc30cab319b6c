#include "http/access_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "testutil/temp_dir.h"

namespace dj::http {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AccessLogTest, WritesEveryLineInOrderFromManyThreads) {
  testutil::TempDir dir;
  std::filesystem::path file = dir.path() / "access.log";
  {
    auto logger = MakeAccessLog(file.string());
    ASSERT_TRUE(logger.ok());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 5000; ++i) (*logger)->info("t{} line {}", t, i);
      });
    }
    for (auto& thread : threads) thread.join();
  }  // destroying the logger writes what is left
  std::istringstream lines(ReadFile(file));
  std::string line;
  int count = 0;
  std::vector<int> next(4, 0);
  while (std::getline(lines, line)) {
    ++count;
    // "2024-05-01 12:00:00.123 t2 line 17"
    ASSERT_GT(line.size(), 24u) << line;
    EXPECT_EQ(line[4], '-');
    EXPECT_EQ(line[23], ' ');
    int t = line[25] - '0';
    ASSERT_GE(t, 0);
    ASSERT_LT(t, 4);
    EXPECT_EQ(line.substr(24), "t" + std::to_string(t) + " line " + std::to_string(next[t]));
    ++next[t];
  }
  EXPECT_EQ(count, 20000);
}

TEST(AccessLogTest, LinesArriveWithoutAnExplicitFlush) {
  testutil::TempDir dir;
  std::filesystem::path file = dir.path() / "access.log";
  auto logger = MakeAccessLog(file.string(), std::chrono::milliseconds(20));
  ASSERT_TRUE(logger.ok());
  (*logger)->info("hello {}", 1);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (ReadFile(file).find("hello 1\n") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_NE(ReadFile(file).find("hello 1\n"), std::string::npos);
}

TEST(AccessLogTest, UnopenableFile) {
  testutil::TempDir dir;
  std::string file = (dir.path() / "missing-dir" / "access.log").string();
  auto logger = MakeAccessLog(file);
  ASSERT_FALSE(logger.ok());
  EXPECT_EQ(logger.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(logger.error().key, "server.log_failed");
  EXPECT_EQ(logger.error().message, "无法打开访问日志文件 " + file);
}

}  // namespace
}  // namespace dj::http
