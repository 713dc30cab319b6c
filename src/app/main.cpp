// The dangjian command line: serve, migrate, demo, check, version.
//
// Every failure ends with one line "错误：<message>（<key>）" on stderr and a non-zero exit
// status: 1 for a failure of the command, 2 for bad arguments (CLI11 prints those).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "app/app.h"
#include "http/server.h"
#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/migrations.h"

namespace dj {
namespace {

int Fail(const Error& error) {
  std::fprintf(stderr, "错误：%s（%s）\n", error.message.c_str(), error.key.c_str());
  return 1;
}

struct ServeArgs {
  std::string db = "var/dangjian.db";
  std::string address = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 2;
  bool demo = false;
  std::string static_dir;
  std::string access_log_file;
  bool no_access_log = false;
};

int RunServe(const ServeArgs& args) {
  if (args.demo) std::printf("正在准备演示数据库 %s …\n", args.db.c_str());
  std::fflush(stdout);
  AppOptions options{.db_path = args.db, .demo = args.demo};
  Result<std::unique_ptr<App>> app = App::Open(options);
  if (!app.ok()) return Fail(app.error());

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
  std::printf("dangjian %s 已启动：http://%s:%u\n", AppVersion(), args.address.c_str(),
              static_cast<unsigned>(*port));
  std::printf("数据库 %s：%zu 个组织，%zu 名党员档案。按 Ctrl+C 停止。\n", args.db.c_str(),
              (*app)->nodes_at_start(), (*app)->members_at_start());
  std::printf("尚无登录：账号与权限在下一阶段（issue 3）加入，目前请只在本机访问。\n");
  std::fflush(stdout);
  server.Run();
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
    return Fail(Error::InvalidArgument("demo.bad_scale",
                                       "规模 " + scale_id + " 无效，可选：small、city、province"));
  }
  if (Status s = EnsureDatabaseDirectory(db); !s.ok()) return Fail(s.error());
  Result<std::unique_ptr<SqliteStore>> store = OpenSqliteStore(db);
  if (!store.ok()) return Fail(store.error());
  SystemClock clock;
  Result<RosterSnapshot> written = WriteDemo(**store, *scale, seed, clock.Today());
  if (!written.ok()) return Fail(written.error());
  std::printf("已写入演示数据（%s，种子 %llu）到 %s：%zu 个组织，%zu 名党员。\n",
              DemoScaleId(*scale), static_cast<unsigned long long>(seed), db.c_str(),
              written->nodes.size(), written->members.size());
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
  demo_cmd->add_option("--scale", demo_scale, "规模：small、city、province")->capture_default_str();
  demo_cmd->add_option("--seed", demo_seed, "随机种子（同一种子生成同样的数据）")
      ->capture_default_str();

  std::string check_db;
  CLI::App* check_cmd = cli.add_subcommand("check", "校验操作日志的哈希链");
  check_cmd->add_option("--db", check_db, "SQLite 数据库文件")->required();

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
  if (*version_cmd) {
    std::printf("dangjian %s\n", dj::AppVersion());
    return 0;
  }
  return 2;
}
