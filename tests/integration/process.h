// The dangjian binary (DJ_BINARY, defined by the test target) run as a child process, for the
// tests of the command and of the server as a process (cli_test, contest_kill_test).
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "testutil/temp_dir.h"

extern char** environ;

namespace dj {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

inline constexpr milliseconds kPatience{20000};  // the ASan build starts slowly on a busy machine

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The binary running with stdout and stderr going to files in `dir`, and standard input read
// from `input` when given (a file, or a terminal's device), else inherited.
class Process {
 public:
  Process(const testutil::TempDir& dir, const std::vector<std::string>& args,
          const std::filesystem::path& input = {})
      : out_(dir.path() / ("out-" + std::to_string(++count_))),
        err_(dir.path() / ("err-" + std::to_string(count_))) {
    std::vector<std::string> argv_text = {DJ_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_text) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!input.empty()) {
      posix_spawn_file_actions_addopen(&actions, 0, input.c_str(), O_RDWR | O_NOCTTY, 0);
    }
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int rc = posix_spawn(&pid_, DJ_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      ADD_FAILURE() << "posix_spawn: " << rc;
      pid_ = 0;
    }
  }

  ~Process() {
    if (pid_ != 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  // The exit status, or -1 (after killing it) when it did not exit within `timeout`, or -2
  // when it died of a signal.
  int Wait(milliseconds timeout = kPatience) {
    auto deadline = steady_clock::now() + timeout;
    while (pid_ != 0) {
      int status = 0;
      pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        pid_ = 0;
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        return -2;
      }
      if (steady_clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = 0;
        return -1;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
    return -1;
  }

  void Signal(int signal) {
    if (pid_ != 0) kill(pid_, signal);
  }

  std::string out() const { return ReadFile(out_); }
  std::string err() const { return ReadFile(err_); }

 private:
  static inline int count_ = 0;
  std::filesystem::path out_, err_;
  pid_t pid_ = 0;
};

}  // namespace dj
