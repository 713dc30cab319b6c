// The dangjian command line: serve, migrate, demo, check, user add, version.
//
// Every failure ends with one line "错误：<message>（<key>）" on stderr and a non-zero exit
// status: 1 for a failure of the command, 2 for bad arguments (CLI11 prints those).
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "app/demo_accounts.h"
#include "common/text.h"
#include "domain/auth/password.h"
#include "http/server.h"
#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/migrations.h"

namespace dj {
namespace {

// A validation error with several problems names them all, still on one line.
int Fail(const Error& error) {
  std::string message = error.message;
  if (error.fields.size() > 1) {
    message.clear();
    for (const FieldError& field : error.fields) {
      if (!message.empty()) message += "；";
      message += field.message;
    }
  }
  std::fprintf(stderr, "错误：%s（%s）\n", message.c_str(), error.key.c_str());
  return 1;
}

// The writer the audit log names for changes made at the command line.
constexpr char kCommandLineWriter[] = "cli";

// `text` followed by spaces up to `width` terminal columns (CJK characters take two).
std::string PadTo(const std::string& text, size_t width) {
  const size_t chars = IsValidUtf8(text) ? Utf8Length(text) : text.size();
  const size_t columns = chars + (text.size() - chars) / 2;
  return text + std::string(columns < width ? width - columns : 0, ' ');
}

void PrintDemoAccounts(const std::vector<DemoAccount>& accounts) {
  std::printf("演示账号（首次登录无需改密码）：\n");
  std::printf("  %s%s%s%s\n", PadTo("用户名", 16).c_str(), PadTo("密码", 16).c_str(),
              PadTo("角色", 12).c_str(), "组织");
  for (const DemoAccount& a : accounts) {
    std::printf("  %s%s%s%s\n", PadTo(a.username, 16).c_str(), PadTo(a.password, 16).c_str(),
                PadTo(RoleLabel(a.role), 12).c_str(), a.node_name.c_str());
  }
}

struct ServeArgs {
  std::string db = "var/dangjian.db";
  std::string address = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 2;
  bool demo = false;
  int demo_years = 5;
  std::string static_dir;
  std::string access_log_file;
  bool no_access_log = false;
};

int RunServe(const ServeArgs& args) {
  if (args.demo) std::printf("正在准备演示数据库 %s …\n", args.db.c_str());
  std::fflush(stdout);
  AppOptions options{.db_path = args.db, .demo = args.demo, .demo_years = args.demo_years};
  Result<std::unique_ptr<App>> app = App::Open(options);
  if (!app.ok()) return Fail(app.error());
  // Demo accounts have a published password: only a database the demo filled gets them.
  std::optional<std::vector<DemoAccount>> demo_accounts;
  if (args.demo) {
    Result<bool> is_demo = IsDemoDatabase((*app)->store());
    if (!is_demo.ok()) return Fail(is_demo.error());
    if (*is_demo) {
      Result<std::vector<DemoAccount>> accounts =
          EnsureDemoAccounts((*app)->auth(), (*app)->roster(), (*app)->clock().NowUnixSeconds());
      if (!accounts.ok()) return Fail(accounts.error());
      demo_accounts = std::move(*accounts);
    }
  }

  http::Router router;
  (*app)->AddRoutes(router);
  http::ServerOptions server_options;
  server_options.address = args.address;
  server_options.port = args.port;
  server_options.threads = args.threads;
  server_options.static_dir = args.static_dir;
  server_options.access_log = !args.no_access_log;
  server_options.access_log_file = args.access_log_file;
  http::Server server(server_options, std::move(router));
  Result<uint16_t> port = server.Listen();
  if (!port.ok()) return Fail(port.error());
  server.StopOnSignals();

  if ((*app)->demo_created()) {
    std::printf("已生成演示数据（省级规模，种子 1）。\n");
  }
  if (demo_accounts) {
    PrintDemoAccounts(*demo_accounts);
  } else if (args.demo) {
    std::printf("数据库 %s 不是演示数据库：未写入演示数据，也未创建演示账号。\n", args.db.c_str());
  }
  std::printf("dangjian %s 已启动：http://%s:%u\n", AppVersion(), args.address.c_str(),
              static_cast<unsigned>(*port));
  std::printf("数据库 %s：%zu 个组织，%zu 名党员档案。按 Ctrl+C 停止。\n", args.db.c_str(),
              (*app)->nodes_at_start(), (*app)->members_at_start());
  if (!demo_accounts) {
    std::printf("登录：POST /api/auth/login；新数据库请先用 dangjian user add 创建管理员账号。\n");
  }
  std::fflush(stdout);
  // Expired sessions are deleted when they are presented; those never presented again, and
  // failure counters past their window, go at start and then hourly.
  std::jthread purger([&app = **app](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any wake;
    do {
      Result<PurgeCounts> purged = app.auth().PurgeExpired(app.clock().NowUnixSeconds());
      if (purged.ok()) {
        spdlog::info("purged {} expired sessions and {} stale login counters", purged->sessions,
                     purged->login_counters);
      } else {
        spdlog::warn("purging expired sessions failed: {}", purged.error().message);
      }
      std::unique_lock lock(mu);
      wake.wait_for(lock, stop, std::chrono::hours(1), [] { return false; });
    } while (!stop.stop_requested());
  });
  server.Run();
  purger.request_stop();
  purger.join();
  spdlog::info("server stopped; closing database {}", args.db);
  return 0;
}

int RunMigrate(const std::string& db) {
  if (Status s = EnsureDatabaseDirectory(db); !s.ok()) return Fail(s.error());
  Result<std::unique_ptr<SqliteStore>> store = OpenSqliteStore(db);
  if (!store.ok()) return Fail(store.error());
  ConnectionPool::Lease reader = (*store)->pool().BorrowReader();
  Result<int> version = SchemaVersion(reader.db());
  if (!version.ok()) return Fail(version.error());
  std::printf("数据库 %s 已是最新结构（版本 %d）。\n", db.c_str(), *version);
  return 0;
}

int RunDemo(const std::string& db, const std::string& scale_id, uint64_t seed) {
  std::optional<DemoScale> scale = ParseDemoScale(scale_id);
  if (!scale) {
    return Fail(Error::InvalidArgument(
        "demo.bad_scale", "规模 " + scale_id + " 无效，可选：small、city、province、contest"));
  }
  if (Status s = EnsureDatabaseDirectory(db); !s.ok()) return Fail(s.error());
  Result<std::unique_ptr<SqliteStore>> store = OpenSqliteStore(db);
  if (!store.ok()) return Fail(store.error());
  SystemClock clock;
  Result<DemoWritten> written = WriteDemo(**store, *scale, seed, clock.Today(), 5);
  if (!written.ok()) return Fail(written.error());
  std::printf(
      "已写入演示数据（%s，种子 %llu）到 %s：%zu 个组织，%zu 名党员，%zu 条组织生活记录。\n",
      DemoScaleId(*scale), static_cast<unsigned long long>(seed), db.c_str(),
      written->roster.nodes.size(), written->roster.members.size(), written->meetings);
  return 0;
}

int RunCheck(const std::string& db) {
  // Checking must not create an empty database where the path was mistyped.
  StoreOptions options{.migrate = false};
  options.open.create = false;
  Result<std::unique_ptr<SqliteStore>> store = OpenSqliteStore(db, options);
  if (!store.ok()) return Fail(store.error());
  ConnectionPool::Lease reader = (*store)->pool().BorrowReader();
  int64_t broken = 0;
  Status chain = VerifyAuditChain(reader.db(), &broken);
  if (!chain.ok()) {
    if (broken != 0) {
      std::fprintf(stderr, "操作日志校验失败：第 %lld 条记录被改动、插入或删除。\n",
                   static_cast<long long>(broken));
    }
    return Fail(chain.error());
  }
  Result<AuditHead> head = ReadAuditHead(reader.db());
  if (!head.ok()) return Fail(head.error());
  std::printf("操作日志完整：共 %lld 条，链尾哈希 %s\n", static_cast<long long>(head->id),
              head->hash.c_str());
  return 0;
}

struct UserAddArgs {
  std::string db;
  std::string username;
  std::string role;
  std::string org;
  std::string name;
  std::string phone;
  std::optional<MemberId> member_id;
};

// The terminal settings to restore when Ctrl+C interrupts a password prompt.
termios saved_terminal;

void RestoreTerminalAndDie(int signal) {
  tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// One line of standard input without its line ending; empty at the end of input.
std::string ReadLine() {
  std::string line;
  if (!std::getline(std::cin, line)) return "";
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Asks for `prompt` on stderr and reads the answer from the terminal without echoing it.
// Echo goes off (and what was typed ahead is dropped) before the prompt appears.
std::string ReadHidden(const char* prompt) {
  termios quiet = saved_terminal;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  quiet.c_lflag |= ECHONL;  // the Enter key still ends the line on screen
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  std::string line = ReadLine();
  tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
  return line;
}

// The new account's password, never taken from the arguments (they show in `ps` and in the
// shell's history): typed twice at a terminal, else the first line of standard input.
Result<std::string> ReadNewPassword() {
  if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_terminal) == 0) {
    std::signal(SIGINT, RestoreTerminalAndDie);
    std::signal(SIGTERM, RestoreTerminalAndDie);
    std::string password = ReadHidden("请输入密码：");
    if (password.empty()) return Error::InvalidArgument("user.password_empty", "密码不能为空");
    if (ReadHidden("请再次输入密码：") != password) {
      return Error::InvalidArgument("user.password_mismatch", "两次输入的密码不一致");
    }
    return password;
  }
  std::string password = ReadLine();
  if (password.empty()) {
    return Error::InvalidArgument("user.password_empty",
                                  "密码不能为空：请在标准输入中提供一行密码");
  }
  return password;
}

int RunUserAdd(const UserAddArgs& args) {
  std::optional<Role> role = ParseRole(args.role);
  if (!role) {
    std::string choices;
    for (int i = 0; i < kRoleCount; ++i) {
      choices += std::string(i == 0 ? "" : "、") + RoleId(static_cast<Role>(i));
    }
    return Fail(
        Error::InvalidArgument("user.bad_role", "角色 " + args.role + " 无效，可选：" + choices));
  }
  // Adding a user must not create an empty database where the path was mistyped.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(args.db, ec)) {
    return Fail(Error::NotFound("app.db_missing", "数据库文件 " + args.db + " 不存在"));
  }
  Result<std::unique_ptr<App>> opened = App::Open(AppOptions{.db_path = args.db});
  if (!opened.ok()) return Fail(opened.error());
  App& app = **opened;

  std::optional<NodeId> node_id = app.roster().FindNodeByCode(args.org);
  std::optional<OrgNode> node = node_id ? app.roster().GetNode(*node_id) : std::nullopt;
  if (!node) {
    return Fail(Error::NotFound("org.not_found", "组织代码 " + args.org + " 不存在"));
  }
  // What can be checked before the password is typed, is.
  const std::string username = CanonicalLoginName(args.username);
  if (std::string reason = ValidateUsername(username); !reason.empty()) {
    return Fail(Error::InvalidArgument("auth.username_invalid", reason));
  }
  Result<std::optional<User>> taken = app.store().auth().FindUserByUsername(username);
  if (!taken.ok()) return Fail(taken.error());
  if (*taken) {
    return Fail(Error::Conflict("auth.username_taken", "用户名 " + username + " 已被使用"));
  }
  if (args.member_id && !app.roster().HasMember(*args.member_id)) {
    return Fail(Error::NotFound("member.not_found",
                                "党员（编号 " + std::to_string(*args.member_id) + "）不存在"));
  }

  Result<std::string> password = ReadNewPassword();
  if (!password.ok()) return Fail(password.error());
  if (Status policy = CheckPasswordPolicy(*password, username); !policy.ok()) {
    return Fail(policy.error());
  }

  NewUser user;
  user.username = username;
  if (!args.phone.empty()) user.phone = args.phone;
  user.display_name = NormalizeInput(args.name);
  if (user.display_name.empty() && args.member_id) {
    Result<Member> member = app.members().Get(*args.member_id);
    if (member.ok()) user.display_name = member->name;
  }
  if (user.display_name.empty()) user.display_name = username;
  user.member_id = args.member_id;
  user.password = std::move(*password);
  user.grants = {{0, 0, *role, node->id}};
  // The person at the keyboard chose this password: there is nothing to change at login.
  user.must_change_password = false;
  WriteContext ctx;
  ctx.user_name = kCommandLineWriter;
  Result<User> created =
      app.auth().CreateUserAsSystem(ctx, std::move(user), app.clock().NowUnixSeconds());
  if (!created.ok()) return Fail(created.error());
  std::printf("已创建账号 %s（角色 %s，组织 %s）\n", created->username.c_str(), RoleLabel(*role),
              node->name.c_str());
  return 0;
}

}  // namespace
}  // namespace dj

int main(int argc, char** argv) {
  CLI::App cli{"dangjian — 机关党建工作平台"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", dj::AppVersion());

  dj::ServeArgs serve;
  CLI::App* serve_cmd = cli.add_subcommand("serve", "启动 HTTP 服务");
  serve_cmd->add_option("--db", serve.db, "SQLite 数据库文件")->capture_default_str();
  serve_cmd->add_option("--address", serve.address, "监听地址")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "监听端口（0 为任选空闲端口）")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--threads", serve.threads, "I/O 线程数")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve_cmd->add_flag("--demo", serve.demo, "数据库为空时先写入省级演示数据");
  serve_cmd->add_option("--demo-years", serve.demo_years, "演示数据中组织生活记录的年数")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  serve_cmd->add_option("--static-dir", serve.static_dir, "网页文件目录（如 web/dist）");
  serve_cmd->add_option("--access-log", serve.access_log_file, "访问日志文件（默认标准错误）");
  serve_cmd->add_flag("--no-access-log", serve.no_access_log, "不写访问日志（压测用）");

  std::string migrate_db;
  CLI::App* migrate_cmd = cli.add_subcommand("migrate", "把数据库升级到最新结构");
  migrate_cmd->add_option("--db", migrate_db, "SQLite 数据库文件")->required();

  std::string demo_db, demo_scale = "small";
  uint64_t demo_seed = 1;
  CLI::App* demo_cmd = cli.add_subcommand("demo", "生成演示数据写入空数据库");
  demo_cmd->add_option("--db", demo_db, "SQLite 数据库文件")->required();
  demo_cmd
      ->add_option("--scale", demo_scale,
                   "规模：small、city、province、contest（约 30 万党员，竞答压测用）")
      ->capture_default_str();
  demo_cmd->add_option("--seed", demo_seed, "随机种子（同一种子生成同样的数据）")
      ->capture_default_str();

  std::string check_db;
  CLI::App* check_cmd = cli.add_subcommand("check", "校验操作日志的哈希链");
  check_cmd->add_option("--db", check_db, "SQLite 数据库文件")->required();

  dj::UserAddArgs user_add;
  CLI::App* user_cmd = cli.add_subcommand("user", "管理账号");
  user_cmd->require_subcommand(1);
  CLI::App* user_add_cmd = user_cmd->add_subcommand(
      "add",
      "新建账号并授予一个角色。密码不作为参数：在终端上输入两次（不回显），否则从标准输入"
      "读取一行。账号首次登录无需修改密码（密码由本人在此设定），适合安装后创建第一个管理员");
  user_add_cmd->add_option("--db", user_add.db, "SQLite 数据库文件（须已存在）")->required();
  user_add_cmd->add_option("--username", user_add.username, "用户名（登录名）")->required();
  user_add_cmd
      ->add_option("--role", user_add.role,
                   "角色：committee_admin、unit_admin、branch_secretary、member、reviewer、"
                   "auditor")
      ->required();
  user_add_cmd->add_option("--org", user_add.org, "授予角色的组织代码")->required();
  user_add_cmd->add_option("--name", user_add.name, "显示名（默认为关联党员的姓名或用户名）");
  user_add_cmd->add_option("--phone", user_add.phone, "手机号（也可用于登录）");
  user_add_cmd->add_option("--member-id", user_add.member_id, "关联的党员编号");

  CLI::App* version_cmd = cli.add_subcommand("version", "显示版本");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? 0 : 2;
  }

  if (*serve_cmd) return dj::RunServe(serve);
  if (*migrate_cmd) return dj::RunMigrate(migrate_db);
  if (*demo_cmd) return dj::RunDemo(demo_db, demo_scale, demo_seed);
  if (*check_cmd) return dj::RunCheck(check_db);
  if (*user_add_cmd) return dj::RunUserAdd(user_add);
  if (*version_cmd) {
    std::printf("dangjian %s\n", dj::AppVersion());
    return 0;
  }
  return 2;
}
