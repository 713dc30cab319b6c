// dj_bench_excel: the Excel figures of issue 4 on a copy of a province database.
//
//  - export: what GET /api/members/export does for the whole committee with every column —
//    MemberService::Search for all members, then WriteMemberExport — with the two parts timed
//    apart and the file read back (row count checked);
//  - import: what POST /api/members/import does with a roster of --rows new members spread over
//    every branch — ReadMemberImport, then MemberService::CreateMany (every check, one
//    transaction, an audit entry per member) — on a fresh copy of the database each run, with
//    the parts timed apart and the members counted afterwards.
//
//   dj_bench_excel --db PATH [--rows 100000] [--runs 3] [--results FILE]
//                  [--write-import FILE]
//
// --db            a database written by `dangjian demo` (only copied, never changed)
// --write-import  also save the generated roster there (scripts/bench uploads it over HTTP)
//
// Prints medians over --runs; exit status 1 on any error or a wrong count, 2 for bad arguments.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "common/id_number.h"
#include "exchange/member_sheet.h"
#include "office/xlsx_reader.h"
#include "office/xlsx_writer.h"

namespace dj {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "dj_bench_excel: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Fail(std::string(what) + ": " + r.error().message);
  return std::move(r).value();
}

std::unique_ptr<App> OpenCopy(const std::string& db, const fs::path& dir, const char* name) {
  fs::path copy = dir / name;
  fs::remove(copy);
  fs::copy_file(db, copy);
  AppOptions options;
  options.db_path = copy.string();
  return Must(App::Open(options), "App::Open");
}

// A roster of `rows` new members, round-robin over the branches, with ID numbers of region
// 110101 (the demo uses Hubei's), as a person would fill in the template.
std::string MakeRoster(App& app, int64_t rows) {
  std::vector<std::string> branches;
  for (NodeId id : app.roster().NodesUnder({app.roster().Root()->id})) {
    std::optional<OrgNode> n = app.roster().GetNode(id);
    if (n->kind == NodeKind::kBranch) branches.push_back(n->code);
  }
  auto writer = Must(XlsxWriter::Create(), "XlsxWriter::Create");
  std::vector<XlsxColumn> columns;
  for (const ImportColumn& c : MemberImportColumns()) columns.push_back({c.header, 12});
  if (!writer->AddSheet("党员信息", columns).ok()) Fail("AddSheet");
  const Date first_birth = *Date::Parse("1960-01-01");
  static const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
  static const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰"};
  for (int64_t i = 0; i < rows; ++i) {
    Date birth = first_birth.AddDays(static_cast<int32_t>(i / 400));
    int sequence = static_cast<int>(i % 400) * 2 + 1;  // odd: men
    char body[18];
    std::snprintf(body, sizeof body, "110101%04d%02d%02d%03d", birth.year(), birth.month(),
                  birth.day(), sequence);
    std::string id(body, 17);
    id.push_back(IdNumberCheckChar(id));
    std::string name = std::string(kSurnames[i % 8]) + kGiven[(i / 8) % 10] + kGiven[(i / 80) % 10];
    char phone[16];
    std::snprintf(phone, sizeof phone, "139%08lld", static_cast<long long>(i));
    std::vector<XlsxCell> row = {name,
                                 std::string("男"),
                                 std::string("汉族"),
                                 birth,
                                 id,
                                 std::string("大学本科"),
                                 std::string(phone),
                                 birth.AddYears(25),
                                 birth.AddYears(26),
                                 std::string("在职"),
                                 branches[static_cast<size_t>(i) % branches.size()],
                                 std::monostate{},
                                 std::string("科员")};
    if (!writer->AddRow(row).ok()) Fail("AddRow");
  }
  return Must(writer->Finish(), "Finish");
}

int Run(int argc, char** argv) {
  std::string db, results_path, write_import;
  int64_t rows = 100'000;
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--db")
      db = next();
    else if (a == "--rows")
      rows = std::stoll(next());
    else if (a == "--runs")
      runs = std::stoi(next());
    else if (a == "--results")
      results_path = next();
    else if (a == "--write-import")
      write_import = next();
    else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (db.empty() || runs < 1 || rows < 1) {
    std::fprintf(stderr,
                 "usage: dj_bench_excel --db PATH [--rows N] [--runs N] [--results FILE]\n");
    return 2;
  }
  fs::path dir = fs::temp_directory_path() / ("dj_bench_excel." + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<std::pair<std::string, std::string>> out;
  auto put = [&](const std::string& key, double v) {
    out.emplace_back(key, std::to_string(v));
    std::printf("%-32s %.3f\n", key.c_str(), v);
  };

  // --- Export.
  std::unique_ptr<App> app = OpenCopy(db, dir, "export.db");
  std::vector<size_t> all_columns;
  for (size_t i = 0; i < MemberExportColumns().size(); ++i) all_columns.push_back(i);
  std::vector<double> search_s, write_s, total_s;
  size_t exported = 0, bytes = 0;
  for (int run = 0; run <= runs; ++run) {  // run 0 warms up
    auto start = Clock::now();
    MemberQuery query;
    query.subtree = app->roster().Root()->id;
    query.limit = INT64_MAX;
    MemberSearchResult found = Must(app->members().Search(query), "Search");
    double searched = Seconds(start);
    auto write_start = Clock::now();
    std::string file = Must(
        WriteMemberExport(found.members, all_columns, app->roster(), app->clock().Today(), true),
        "WriteMemberExport");
    double written = Seconds(write_start);
    double total = Seconds(start);
    if (run > 0) {
      search_s.push_back(searched);
      write_s.push_back(written);
      total_s.push_back(total);
    }
    exported = found.members.size();
    bytes = file.size();
    if (run == runs) {  // read it back: a header and one row per member
      auto reader = Must(XlsxReader::Open(file), "XlsxReader::Open");
      size_t read_rows = 0;
      if (!reader->ReadRows([&](int, auto) { return ++read_rows > 0; }).ok()) Fail("ReadRows");
      if (read_rows != exported + 1)
        Fail("the export holds " + std::to_string(read_rows) + " rows");
    }
  }
  app.reset();
  put("export_rows", static_cast<double>(exported));
  put("export_columns", static_cast<double>(all_columns.size()));
  put("export_bytes", static_cast<double>(bytes));
  put("export_search_median_s", Median(search_s));
  put("export_write_median_s", Median(write_s));
  put("export_total_median_s", Median(total_s));

  // --- Import.
  app = OpenCopy(db, dir, "import.db");
  std::string roster = MakeRoster(*app, rows);
  if (!write_import.empty()) std::ofstream(write_import, std::ios::binary) << roster;
  app.reset();
  put("import_rows", static_cast<double>(rows));
  put("import_bytes", static_cast<double>(roster.size()));
  std::vector<double> read_s, create_s, import_s;
  for (int run = 0; run < runs; ++run) {
    app = OpenCopy(db, dir, "import.db");
    MemberQuery all;
    all.subtree = app->roster().Root()->id;
    all.limit = 0;
    const int64_t before = Must(app->roster().Search(all), "Search").total;
    Roster& r = app->roster();
    NodeCodeLookup lookup = [&r](std::string_view code) {
      return r.FindNodeByCode(std::string(code));
    };
    auto start = Clock::now();
    MemberImport import = Must(ReadMemberImport(roster, lookup, 200'000), "ReadMemberImport");
    double read = Seconds(start);
    if (!import.problems.empty()) Fail("the roster has problems: " + import.problems[0].message);
    auto create_start = Clock::now();
    WriteContext ctx{0, "bench", "", "bench"};
    auto created = Must(app->members().CreateMany(ctx, std::move(import.members)), "CreateMany");
    double create = Seconds(create_start);
    import_s.push_back(Seconds(start));
    read_s.push_back(read);
    create_s.push_back(create);
    if (static_cast<int64_t>(created.size()) != rows)
      Fail("created " + std::to_string(created.size()));
    if (Must(r.Search(all), "Search").total != before + rows) {
      Fail("the roster does not hold the imported members");
    }
    app.reset();
  }
  put("import_read_median_s", Median(read_s));
  put("import_create_median_s", Median(create_s));
  put("import_total_median_s", Median(import_s));
  fs::remove_all(dir);
  if (!results_path.empty()) {
    std::ofstream results(results_path);
    for (const auto& [k, v] : out) results << k << '\t' << v << '\n';
  }
  return 0;
}

}  // namespace
}  // namespace dj

int main(int argc, char** argv) { return dj::Run(argc, argv); }
