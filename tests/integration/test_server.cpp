#include "integration/test_server.h"

#include <stdexcept>

#include "common/id_number.h"
#include "exchange/member_sheet.h"
#include "office/xlsx_writer.h"
#include "storage/sqlite/audit_log.h"

namespace dj::integration {

Date Today() { return D("2026-06-15"); }

Date D(std::string_view text) {
  std::optional<Date> date = Date::Parse(text);
  if (!date) throw std::invalid_argument("bad test date " + std::string(text));
  return *date;
}

std::ostream& operator<<(std::ostream& out, const StoreState& s) {
  return out << "{audit_head " << s.audit_head << " " << s.audit_hash.substr(0, 12) << ", nodes "
             << s.nodes << ", members " << s.members << ", periods " << s.periods << "}";
}

const nlohmann::json& ApiReply::data() const {
  static const nlohmann::json kNull;
  if (!envelope.is_object()) return kNull;
  auto it = envelope.find("data");
  return it == envelope.end() ? kNull : *it;
}

std::string ApiReply::error() const {
  const nlohmann::json& d = data();
  if (!d.is_object() || !d.contains("error") || !d["error"].is_string()) return "";
  return d["error"].get<std::string>();
}

std::string ApiReply::message() const {
  if (!envelope.is_object() || !envelope.contains("message") || !envelope["message"].is_string()) {
    return "";
  }
  return envelope["message"].get<std::string>();
}

std::string ApiReply::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return "";
}

std::ostream& operator<<(std::ostream& out, const ApiReply& reply) {
  out << "HTTP " << reply.status;
  if (!reply.transport_error.empty()) out << " (" << reply.transport_error << ")";
  std::string body = reply.body.size() > 2000 ? reply.body.substr(0, 2000) + "…" : reply.body;
  return out << " " << body;
}

namespace {

ApiReply ToReply(testutil::HttpResponse response) {
  ApiReply reply;
  reply.status = response.status;
  reply.transport_error = std::move(response.error);
  reply.envelope = response.Json();
  reply.body = std::move(response.body);
  reply.headers = std::move(response.headers);
  return reply;
}

}  // namespace

void Api::SetHeader(const std::string& name, std::string value) {
  std::erase_if(headers_, [&](const auto& h) { return h.first == name; });
  if (!value.empty()) headers_.emplace_back(name, std::move(value));
}

ApiReply Api::Send(std::string_view method, std::string_view target, std::string body,
                   std::string_view content_type) {
  testutil::Headers headers = headers_;
  if (!content_type.empty()) headers.emplace_back("Content-Type", std::string(content_type));
  return ToReply(client_.Send(method, target, std::move(body), headers));
}

ApiReply Api::Get(std::string_view target) { return ToReply(client_.Get(target, headers_)); }

ApiReply Api::Post(std::string_view target, const nlohmann::json& body) {
  return Send("POST", target, body.dump());
}

ApiReply Api::Put(std::string_view target, const nlohmann::json& body) {
  return Send("PUT", target, body.dump());
}

ApiReply Api::Delete(std::string_view target) { return Send("DELETE", target, "", ""); }

TestServer::TestServer() : clock_(FixedClock::AtNoon(Today())) {}

TestServer::~TestServer() {
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  app_.reset();
}

std::unique_ptr<TestServer> TestServer::Start(int64_t failed_login_delay_ms) {
  std::unique_ptr<TestServer> s(new TestServer());
  s->db_path_ = s->dir_.path() / "data" / "dangjian.db";
  AppOptions options{.db_path = s->db_path_.string(),
                     .demo = true,
                     .demo_scale = DemoScale::kSmall,
                     .demo_seed = 1,
                     .clock = &s->clock_};
  options.auth_policy.password_cost = kTestPasswordCost;
  options.auth_policy.failed_login_delay_ms = failed_login_delay_ms;
  Result<std::unique_ptr<App>> app = App::Open(options);
  if (!app.ok()) throw std::runtime_error("App::Open: " + app.error().message);
  s->app_ = std::move(*app);
  s->admin_token_ = s->CreateAccount("root", {{0, 0, Role::kCommitteeAdmin, kRoot}});

  http::Router router;
  s->app_->AddRoutes(router);
  http::ServerOptions server_options;
  server_options.address = "127.0.0.1";
  server_options.port = 0;
  server_options.access_log = false;
  s->server_ = std::make_unique<http::Server>(server_options, std::move(router));
  Result<uint16_t> port = s->server_->Listen();
  if (!port.ok()) throw std::runtime_error("Listen: " + port.error().message);
  s->port_ = *port;
  s->thread_ = std::thread([server = s->server_.get()] { server->Run(); });
  return s;
}

std::string TestServer::CreateAccount(const std::string& username,
                                      const std::vector<RoleGrant>& grants,
                                      std::optional<MemberId> member) {
  NewUser user;
  user.username = username;
  user.display_name = "测试" + username;
  user.member_id = member;
  user.password = kTestPassword;
  user.grants = grants;
  user.must_change_password = false;
  Result<User> created =
      app_->auth().CreateUserAsSystem(WriteContext{}, std::move(user), clock_.NowUnixSeconds());
  if (!created.ok()) throw std::runtime_error("CreateUserAsSystem: " + created.error().message);
  return Login(username, kTestPassword);
}

std::string TestServer::Login(const std::string& username, const std::string& password) {
  Result<LoginResult> login = app_->auth().Login(LoginRequest{username, password, "", "test-login"},
                                                 clock_.NowUnixSeconds());
  if (!login.ok()) throw std::runtime_error("Login: " + login.error().message);
  return login->token;
}

StoreState TestServer::ReadState() {
  ConnectionPool::Lease reader = app_->store().pool().BorrowReader();
  StoreState state;
  Result<AuditHead> head = ReadAuditHead(reader.db());
  if (!head.ok()) throw std::runtime_error("ReadAuditHead: " + head.error().message);
  state.audit_head = head->id;
  state.audit_hash = head->hash;
  auto count = [&](const char* sql) -> int64_t {
    Result<Statement> st = reader.db().Prepare(sql);
    if (!st.ok()) throw std::runtime_error(st.error().message);
    Result<bool> row = st->Step();
    if (!row.ok() || !*row) throw std::runtime_error(std::string("no count from ") + sql);
    return st->ColumnInt64(0);
  };
  state.nodes = count("SELECT count(*) FROM org_nodes");
  state.members = count("SELECT count(*) FROM members");
  state.periods = count("SELECT count(*) FROM membership_periods");
  return state;
}

std::string MakeIdNumber(Date birth, int sequence) {
  char first17[64];
  std::snprintf(first17, sizeof first17, "420106%04d%02d%02d%03d", birth.year(), birth.month(),
                birth.day(), sequence % 1000);
  std::string id(first17);
  id += IdNumberCheckChar(id);
  return id;
}

std::string TextWorkbook(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) {
  Result<std::unique_ptr<XlsxWriter>> writer = XlsxWriter::Create();
  if (!writer.ok()) throw std::runtime_error(writer.error().message);
  std::vector<XlsxColumn> columns;
  for (const std::string& h : header) columns.push_back({h, 12});
  if (!(*writer)->AddSheet("Sheet1", columns).ok()) throw std::runtime_error("AddSheet");
  for (const std::vector<std::string>& texts : rows) {
    std::vector<XlsxCell> row;
    for (const std::string& text : texts) {
      row.push_back(text.empty() ? XlsxCell{} : XlsxCell{text});
    }
    if (!(*writer)->AddRow(row).ok()) throw std::runtime_error("AddRow");
  }
  Result<std::string> bytes = (*writer)->Finish();
  if (!bytes.ok()) throw std::runtime_error(bytes.error().message);
  return *bytes;
}

std::string QuestionWorkbook(const std::vector<std::vector<std::string>>& rows) {
  return TextWorkbook({"题型", "题干", "选项A", "选项B", "答案"}, rows);
}

std::string RosterWorkbook(const std::vector<nlohmann::json>& members) {
  Result<std::unique_ptr<XlsxWriter>> writer = XlsxWriter::Create();
  if (!writer.ok()) throw std::runtime_error(writer.error().message);
  std::vector<XlsxColumn> columns;
  for (const ImportColumn& c : MemberImportColumns()) columns.push_back({c.header, 12});
  if (!(*writer)->AddSheet("党员信息", columns).ok()) throw std::runtime_error("AddSheet");
  for (const nlohmann::json& m : members) {
    std::vector<XlsxCell> row;
    for (const ImportColumn& c : MemberImportColumns()) {
      std::string field = c.field;
      const nlohmann::json* value = m.contains(field) ? &m[field] : nullptr;
      if (value == nullptr || value->is_null()) {
        row.emplace_back(std::monostate{});
      } else if (field == "gender") {
        row.emplace_back(std::string(GenderLabel(*ParseGender(value->get<std::string>()))));
      } else if (field == "education") {
        row.emplace_back(std::string(EducationLabel(*ParseEducation(value->get<std::string>()))));
      } else if (field == "category") {
        row.emplace_back(
            std::string(MemberCategoryLabel(*ParseMemberCategory(value->get<std::string>()))));
      } else if (field.ends_with("_date")) {
        row.emplace_back(D(value->get<std::string>()));
      } else {
        row.emplace_back(value->get<std::string>());
      }
    }
    if (!(*writer)->AddRow(row).ok()) throw std::runtime_error("AddRow");
  }
  Result<std::string> bytes = (*writer)->Finish();
  if (!bytes.ok()) throw std::runtime_error(bytes.error().message);
  return *bytes;
}

nlohmann::json ValidMember(int sequence) {
  return {
      {"name", "测试党员"},
      {"gender", "male"},
      {"ethnicity", "汉族"},
      {"birth_date", "1990-03-15"},
      {"id_number", MakeIdNumber(D("1990-03-15"), sequence)},
      {"education", "bachelor"},
      {"phone", "13800138000"},
      {"probationary_date", "2015-07-01"},
      {"full_date", "2016-07-01"},
      {"status", "full"},
      {"category", "in_service"},
      {"branch_id", kBranch},
      {"post", "科员"},
  };
}

}  // namespace dj::integration
