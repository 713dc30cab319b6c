// The real App on a fresh SQLite file (small demo, seed 1, as of kToday) behind the real HTTP
// server on 127.0.0.1, and a small JSON client for it. Shared by the integration tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/app.h"
#include "common/date.h"
#include "http/server.h"
#include "testutil/http_client.h"
#include "testutil/temp_dir.h"

namespace dj::integration {

// "Today" for every test server: the demo is generated as of this day and the API's clock
// stands at noon on it.
Date Today();

// Nodes of the small demo with seed 1 (ids are assigned in creation order, so they do not
// depend on the date). OrgReadTest.DemoHasTheNodesTheTestsName checks them against the server.
inline constexpr int64_t kRoot = 1;            // committee 湖北省直机关工委
inline constexpr int64_t kZone1 = 2;           // zone 第一协作区
inline constexpr int64_t kUnit1 = 4;           // unit 省委办公厅
inline constexpr int64_t kOrganCommittee = 5;  // organ_committee 省委办公厅机关党委, 9 branches
inline constexpr int64_t kBranch = 6;  // branch 省委办公厅办公室党支部, groups 7..10
inline constexpr int64_t kGroup = 7;   // group 第一党小组 of kBranch
inline constexpr int64_t kLastBranchOfOrganCommittee = 18;
inline constexpr int64_t kUnit2 = 19;           // unit 省发展和改革委员会
inline constexpr int64_t kOtherCommittee = 20;  // organ_committee of kUnit2
inline constexpr int64_t kOtherBranch = 21;     // branch without groups under kOtherCommittee
inline constexpr int64_t kForeignGroup = 47;    // group of branch 46 (省财政厅第二党支部)
inline constexpr int64_t kNodeCount = 61;
inline constexpr char kBranchName[] = "省委办公厅办公室党支部";
inline constexpr char kOrganCommitteeName[] = "省委办公厅机关党委";
inline constexpr char kRootName[] = "湖北省直机关工委";

// What the database holds, coarsely: any write moves the audit head.
struct StoreState {
  int64_t audit_head = 0;
  std::string audit_hash;
  int64_t nodes = 0;
  int64_t members = 0;
  int64_t periods = 0;

  bool operator==(const StoreState&) const = default;
};
std::ostream& operator<<(std::ostream& out, const StoreState& state);

// One answer of the API, with the envelope parsed.
struct ApiReply {
  int status = 0;  // 0 when the exchange failed (see transport_error)
  std::string transport_error;
  std::string body;
  nlohmann::json envelope;  // discarded when the body is not JSON
  testutil::Headers headers;

  // envelope["data"], or null.
  const nlohmann::json& data() const;
  // data.error, or "" on success.
  std::string error() const;
  std::string message() const;
  std::string Header(std::string_view name) const;
};
std::ostream& operator<<(std::ostream& out, const ApiReply& reply);

// A keep-alive JSON client. Not thread-safe. With a token, every request carries it as
// "Authorization: Bearer"; SetHeader adds any other header (a session cookie, a CSRF token).
class Api {
 public:
  // The generous timeout keeps large requests (a 5,000-row batch under ASan on a loaded
  // 2-core machine) from failing on time rather than on behaviour.
  explicit Api(uint16_t port, std::string token = {}) : client_(port, std::chrono::seconds(60)) {
    if (!token.empty()) SetHeader("Authorization", "Bearer " + token);
  }

  // Sends `name: value` with every later request, replacing an earlier value; an empty value
  // stops sending it.
  void SetHeader(const std::string& name, std::string value);

  ApiReply Get(std::string_view target);
  ApiReply Post(std::string_view target, const nlohmann::json& body);
  ApiReply Put(std::string_view target, const nlohmann::json& body);
  ApiReply Delete(std::string_view target);
  // `body` as given, with `content_type` unless it is empty (then no Content-Type header).
  ApiReply Send(std::string_view method, std::string_view target, std::string body,
                std::string_view content_type = "application/json");

 private:
  testutil::HttpClient client_;
  testutil::Headers headers_;
};

class TestServer {
 public:
  // Opens the App on a new database in a temp dir (the small demo, seed 1, as of Today()) and
  // serves it on an ephemeral port. Throws std::runtime_error when any step fails.
  // Failed logins are answered at once unless `failed_login_delay_ms` says otherwise.
  static std::unique_ptr<TestServer> Start(int64_t failed_login_delay_ms = 0);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  uint16_t port() const { return port_; }
  App& app() { return *app_; }
  // A bearer token of "root", a committee_admin of the whole tree, created at start.
  const std::string& admin_token() const { return admin_token_; }
  // Creates an account holding `grants` (linked to `member` when given) with password
  // kTestPassword and no forced change, and returns a bearer token of a fresh session.
  std::string CreateAccount(const std::string& username, const std::vector<RoleGrant>& grants,
                            std::optional<MemberId> member = std::nullopt);
  // A bearer token for an existing account; throws when the login fails.
  std::string Login(const std::string& username, const std::string& password);
  FixedClock& clock() { return clock_; }
  const std::filesystem::path& db_path() const { return db_path_; }

  // Read through a reader connection of the App's own pool.
  StoreState ReadState();

 private:
  TestServer();

  testutil::TempDir dir_;
  std::filesystem::path db_path_;
  FixedClock clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  uint16_t port_ = 0;
  std::string admin_token_;
};

inline constexpr char kTestPassword[] = "Test-Pass-2026";

// An 18-character ID number for `birth` in region 420106 with sequence `sequence` (0..999;
// odd for men, even for women) and the right check character.
std::string MakeIdNumber(Date birth, int sequence);

// A body for POST /api/members that passes every check: a full member of kBranch born
// 1990-03-15, admitted 2015-07-01, full 2016-07-01. `sequence` varies the ID number (odd).
nlohmann::json ValidMember(int sequence = 901);

// A roster .xlsx as the import template asks: the header, then one row per member given as a
// POST /api/members body with "branch_code" (and optionally "group_code") instead of ids.
// Fields are written as text, dates as real Excel dates. Throws when writing fails.
std::string RosterWorkbook(const std::vector<nlohmann::json>& members);

// An .xlsx of `header` and `rows` of text cells (an empty string leaves its cell empty).
// Throws when writing fails.
std::string TextWorkbook(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows);
// A question sheet with the columns 题型, 题干, 选项A, 选项B, 答案.
std::string QuestionWorkbook(const std::vector<std::vector<std::string>>& rows);

// Parses "YYYY-MM-DD"; throws on a bad date (test data only).
Date D(std::string_view text);

}  // namespace dj::integration
