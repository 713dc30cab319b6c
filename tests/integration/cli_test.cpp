// The dangjian command, run as a process: exit codes, what it prints, and the files it leaves.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "app/app.h"
#include "testutil/http_client.h"
#include "testutil/temp_dir.h"

extern char** environ;

namespace dj {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr milliseconds kPatience{20000};  // the ASan build starts slowly on a busy machine

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The binary running with stdout and stderr going to files in `dir`.
class Process {
 public:
  Process(const testutil::TempDir& dir, const std::vector<std::string>& args)
      : out_(dir.path() / ("out-" + std::to_string(++count_))),
        err_(dir.path() / ("err-" + std::to_string(count_))) {
    std::vector<std::string> argv_text = {DJ_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_text) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
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

struct Outcome {
  int exit_code;
  std::string out, err;
};

Outcome RunToEnd(const testutil::TempDir& dir, const std::vector<std::string>& args) {
  Process process(dir, args);
  int code = process.Wait();
  return {code, process.out(), process.err()};
}

std::ostream& operator<<(std::ostream& out, const Outcome& run) {
  return out << "exit " << run.exit_code << "\nstdout: " << run.out << "\nstderr: " << run.err;
}

// Executes `sql` on the file with the SQLite C API, behind the program's back.
void ExecSql(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_free(error);
  sqlite3_close(db);
}

class CliTest : public ::testing::Test {
 protected:
  std::string Db(const std::string& name = "data/dangjian.db") {
    return (dir_.path() / name).string();
  }

  testutil::TempDir dir_;
};

TEST_F(CliTest, VersionPrintsTheVersion) {
  Outcome run = RunToEnd(dir_, {"version"});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out, std::string("dangjian ") + AppVersion() + "\n");
  EXPECT_EQ(run.err, "");
  Outcome flag = RunToEnd(dir_, {"--version"});
  EXPECT_EQ(flag.exit_code, 0) << flag;
  EXPECT_EQ(flag.out, std::string(AppVersion()) + "\n");
}

TEST_F(CliTest, MissingOrUnknownSubcommandIsAUsageError) {
  for (std::vector<std::string> args :
       {std::vector<std::string>{}, std::vector<std::string>{"bogus"},
        std::vector<std::string>{"demo"}, std::vector<std::string>{"serve", "--port", "70000"}}) {
    Outcome run = RunToEnd(dir_, args);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_NE(run.err, "") << run;
  }
  Outcome none = RunToEnd(dir_, {});
  EXPECT_NE(none.err.find("A subcommand is required"), std::string::npos) << none;
}

TEST_F(CliTest, DemoFillsAnEmptyDatabaseOnceAndThenRefuses) {
  Outcome first = RunToEnd(dir_, {"demo", "--scale", "small", "--seed", "1", "--db", Db()});
  EXPECT_EQ(first.exit_code, 0) << first;
  EXPECT_TRUE(std::regex_search(first.out, std::regex("^已写入演示数据（small，种子 1）到 " + Db() +
                                                      "：61 个组织，[0-9]+ 名党员。\n$")))
      << first;
  EXPECT_EQ(first.err, "");

  Outcome again = RunToEnd(dir_, {"demo", "--scale", "small", "--seed", "1", "--db", Db()});
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_EQ(again.err,
            "错误：数据库中已有组织或党员数据，不能再导入整套数据（storage.not_empty）\n");
  EXPECT_EQ(again.out, "");
}

TEST_F(CliTest, DemoWithAnUnknownScaleFailsBeforeTouchingTheDisk) {
  Outcome run = RunToEnd(dir_, {"demo", "--scale", "huge", "--db", Db()});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.err, "错误：规模 huge 无效，可选：small、city、province（demo.bad_scale）\n");
  EXPECT_FALSE(std::filesystem::exists(Db()));
}

TEST_F(CliTest, MigrateCreatesAnUpToDateDatabaseAndCanRunAgain) {
  for (int i = 0; i < 2; ++i) {
    Outcome run = RunToEnd(dir_, {"migrate", "--db", Db("new/dir/m.db")});
    EXPECT_EQ(run.exit_code, 0) << run;
    EXPECT_TRUE(std::regex_match(
        run.out, std::regex("数据库 " + Db("new/dir/m.db") + " 已是最新结构（版本 [0-9]+）。\n")))
        << run;
  }
  EXPECT_TRUE(std::filesystem::exists(Db("new/dir/m.db")));
}

TEST_F(CliTest, CheckPassesOnAFreshDemo) {
  ASSERT_EQ(RunToEnd(dir_, {"demo", "--db", Db()}).exit_code, 0);
  Outcome run = RunToEnd(dir_, {"check", "--db", Db()});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_TRUE(
      std::regex_match(run.out, std::regex("操作日志完整：共 1 条，链尾哈希 [0-9a-f]{64}\n")))
      << run;
}

TEST_F(CliTest, CheckNamesTheAuditEntryEditedByHand) {
  ASSERT_EQ(RunToEnd(dir_, {"demo", "--db", Db()}).exit_code, 0);
  {  // Entries 2..4: three nodes added through the service, as the API would.
    Result<std::unique_ptr<App>> app = App::Open(AppOptions{.db_path = Db()});
    ASSERT_TRUE(app.ok()) << app.error().message;
    WriteContext ctx;
    ctx.user_name = "cli-test";
    for (int i = 1; i <= 3; ++i) {
      OrgNode node;
      node.kind = NodeKind::kBranch;
      node.name = "测试党支部" + std::to_string(i);
      node.code = "HB-CLI-" + std::to_string(i);
      node.parent_id = 5;
      Result<OrgNode> created = (*app)->orgs().Create(ctx, node);
      ASSERT_TRUE(created.ok()) << created.error().message;
    }
  }
  Outcome intact = RunToEnd(dir_, {"check", "--db", Db()});
  ASSERT_EQ(intact.exit_code, 0) << intact;
  EXPECT_EQ(intact.out.rfind("操作日志完整：共 4 条", 0), 0u) << intact;

  ExecSql(Db(), "UPDATE audit_log SET user_name = 'mallory' WHERE id = 3");
  Outcome run = RunToEnd(dir_, {"check", "--db", Db()});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.err,
            "操作日志校验失败：第 3 条记录被改动、插入或删除。\n"
            "错误：审计日志第 3 条记录与哈希链不符：该记录或其前一条被修改、删除或插入"
            "（audit.chain_broken）\n");
  EXPECT_EQ(run.out, "");
}

// Fails today: check opens the file with create=true, so a mistyped path leaves an empty
// database file behind, and the message sends the user to "dangjian migrate"
// ("数据库结构版本 0 低于本程序所需的 2…（storage.schema_outdated）") instead of saying the file
// does not exist.
TEST_F(CliTest, CheckOfAMissingFileFailsWithoutCreatingIt) {
  Outcome run = RunToEnd(dir_, {"check", "--db", Db("missing.db")});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_FALSE(std::filesystem::exists(Db("missing.db"))) << "check created the file";
  EXPECT_EQ(run.err.find("migrate"), std::string::npos) << run;
}

TEST_F(CliTest, ServeOnAPortInUseFails) {
  int blocker = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(blocker, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ASSERT_EQ(bind(blocker, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(blocker, 1), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(blocker, reinterpret_cast<sockaddr*>(&address), &length), 0);
  std::string port = std::to_string(ntohs(address.sin_port));

  Outcome run = RunToEnd(dir_, {"serve", "--db", Db(), "--port", port, "--no-access-log"});
  close(blocker);
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("错误：端口 " + port + " 已被占用（server.port_in_use）\n"),
            std::string::npos)
      << run;
}

TEST_F(CliTest, ServeWithADatabaseThatCannotBeOpenedFails) {
  struct Case {
    std::string db;
    std::string error;
  };
  const Case cases[] = {
      {dir_.path().string(), "错误：无法打开数据库 " + dir_.path().string() +
                                 "：unable to open database file（storage.open_failed）\n"},
      {"/dev/null/x.db", "错误：无法创建数据库目录 /dev/null：Not a directory（app.db_dir）\n"},
  };
  for (const Case& c : cases) {
    Outcome run = RunToEnd(dir_, {"serve", "--db", c.db, "--port", "0", "--no-access-log"});
    EXPECT_EQ(run.exit_code, 1) << run;
    EXPECT_EQ(run.err, c.error);
  }
}

TEST_F(CliTest, ServeAnswersOnAnEphemeralPortAndStopsOnSigterm) {
  Process serve(dir_, {"serve", "--db", Db(), "--port", "0", "--no-access-log"});
  std::smatch match;
  std::string out;
  static const std::regex kStarted("已启动：http://127\\.0\\.0\\.1:([0-9]+)\n");
  auto deadline = steady_clock::now() + kPatience;
  while (!std::regex_search(out, match, kStarted) && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(20));
    out = serve.out();
  }
  ASSERT_TRUE(std::regex_search(out, match, kStarted)) << out << serve.err();
  uint16_t port = static_cast<uint16_t>(std::stoi(match[1]));
  EXPECT_NE(port, 0);
  EXPECT_NE(out.find("数据库 " + Db() + "：0 个组织，0 名党员档案。"), std::string::npos) << out;

  {
    testutil::HttpClient client(port);
    testutil::HttpResponse health = client.Get("/api/health");
    EXPECT_EQ(health.status, 200) << health.error << health.body;
    EXPECT_EQ(
        health.Json(),
        nlohmann::json({{"code", 0},
                        {"message", ""},
                        {"data", {{"status", "ok"}, {"version", AppVersion()}, {"nodes", 0}}}}));
  }

  auto asked = steady_clock::now();
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.Wait(milliseconds(5000)), 0) << serve.err();
  EXPECT_LT(steady_clock::now() - asked, milliseconds(5000));
}

}  // namespace
}  // namespace dj
