// The authorisation matrix (issue 3): every registered route, called by every role on targets
// inside and outside the caller's scope, against the allow or deny the access rules promise.
// Also: 401 without a valid session and 403 outside the scope, both in the standard envelope;
// refusals that look the same whether or not the target exists; lists filtered in the query;
// identity numbers masked for those who may only read a file; accounts linked only to members
// the admin reaches (a link opens the member's file through the self rule).
//
// The roles are six accounts with one grant each (kAccounts). "Inside" targets lie in kBranch,
// which every grant reaches; "outside" targets lie under kUnit2 (kOtherBranch), which only the
// committee admin of the root reaches. Destructive probes get a fresh target per call.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/id_number.h"
#include "http/api/access.h"
#include "http/api/member_sheet_controller.h"
#include "integration/test_server.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::string Str(int64_t n) { return std::to_string(n); }

// An id that names nothing: no node, member, account or grant has it.
constexpr int64_t kMissing = 999999;
const std::string kMissingText = Str(kMissing);

struct RoleAccount {
  Role role;
  const char* username;
  int64_t node;  // the one grant: `role` on `node`
};

// One account per role. The member account is linked to a full member of kBranch.
constexpr RoleAccount kAccounts[] = {
    {Role::kCommitteeAdmin, "authz-committee-admin", kRoot},
    {Role::kUnitAdmin, "authz-unit-admin", kUnit1},
    {Role::kBranchSecretary, "authz-branch-secretary", kBranch},
    {Role::kMember, "authz-member", kBranch},
    {Role::kReviewer, "authz-reviewer", kUnit1},
    {Role::kAuditor, "authz-auditor", kUnit1},
};

const RoleAccount& AccountOf(Role role) {
  for (const RoleAccount& a : kAccounts) {
    if (a.role == role) return a;
  }
  throw std::logic_error("no account for a role");
}

constexpr RoleSet kEveryRole{Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary,
                             Role::kMember,         Role::kReviewer,  Role::kAuditor};
constexpr RoleSet kCommitteeAdminOnly{Role::kCommitteeAdmin};
constexpr RoleSet kAdmins{Role::kCommitteeAdmin, Role::kUnitAdmin};
constexpr RoleSet kWriters{Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary};
constexpr RoleSet kReaders{Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary,
                           Role::kAuditor};
constexpr RoleSet kReadersAndSelf{Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary,
                                  Role::kAuditor, Role::kMember};
constexpr RoleSet kAuditReaders{Role::kCommitteeAdmin, Role::kAuditor};

// The exact 403 of the guard and of http::Authorize.
const json kForbiddenEnvelope = {
    {"code", 403}, {"message", "没有权限访问该内容"}, {"data", {{"error", "auth.forbidden"}}}};
// The exact 401 of a request without a session.
const json kUnauthenticatedEnvelope = {
    {"code", 401}, {"message", "请先登录"}, {"data", {{"error", "auth.required"}}}};

// One request of a probe.
struct Call {
  std::string method;
  std::string target;
  std::optional<json> body;
  std::string token;  // sent instead of the role's own token when not empty
  // A body that is not JSON (an uploaded file), sent when `content_type` is not empty.
  std::string raw_body;
  std::string content_type;
};

Call Get(std::string target) { return {"GET", std::move(target), std::nullopt, ""}; }
Call Delete(std::string target) { return {"DELETE", std::move(target), std::nullopt, ""}; }
Call Post(std::string target, json body) {
  return {"POST", std::move(target), std::move(body), ""};
}
Call Put(std::string target, json body) { return {"PUT", std::move(target), std::move(body), ""}; }

std::ostream& operator<<(std::ostream& out, const Call& call) {
  out << call.method << " " << call.target;
  if (call.body) out << " " << call.body->dump();
  return out;
}

// Where a probe's target lies for the roles with a grant on kBranch, kUnit1 or kRoot.
enum class Where {
  kInside,    // in kBranch: inside every scope
  kOutside,   // under kUnit2: outside every scope but the committee admin's (for some probes
              // only outside the branch secretary's, as named)
  kSelf,      // the member account's own file
  kNoTarget,  // the route names no node; the probe's name says why one probe suffices
};

// One row of a route's matrix: a fresh request per role and the roles it must let through.
struct Probe {
  std::string name;
  Where where = Where::kInside;
  RoleSet allowed;
  bool happy = true;  // allowed roles get a 2xx answer; otherwise anything but 401 and 403
  std::function<Call(Role)> call;
  // The same request naming a target that does not exist; empty when there is none.
  std::function<Call()> missing;
  // The refusal key for roles of the route's policy whose scope misses the target (roles
  // outside the policy always get auth.forbidden from the guard).
  std::string out_of_scope_error = "auth.forbidden";
  // Its status: 403, or 400 for routes that refuse such rows one by one, the same whether or
  // not the target exists (the import names each row's unknown or unreachable branch code).
  int out_of_scope_status = 403;
};

struct RouteCase {
  http::Method method;
  std::string pattern;
  std::string policy;  // as the route declares it
  std::vector<Probe> probes;
};

std::string RouteName(http::Method method, const std::string& pattern) {
  return std::string(http::MethodName(method)) + " " + pattern;
}

bool Is2xx(int status) { return status >= 200 && status < 300; }

class AuthzMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    admin_ = std::make_unique<Api>(server_->port(), server_->admin_token());

    // Two full members of kBranch who lead no node: the member account's own file, and a
    // colleague's.
    MemberQuery query;
    query.subtree = kBranch;
    query.statuses = {MemberStatus::kFull};
    query.sort = MemberSort::kId;
    query.limit = 1000;
    Result<MemberPage> page = server_->app().roster().Search(query);
    if (!page.ok()) throw std::runtime_error("Search: " + page.error().message);
    std::vector<MemberId> plain;
    for (MemberId id : page->ids) {
      if (server_->app().roster().NodesLedBy(id).empty()) plain.push_back(id);
    }
    if (plain.size() < 2) throw std::runtime_error("kBranch has fewer than two plain members");
    self_member_ = plain[0];
    colleague_ = plain[1];
    query.subtree = kOtherBranch;
    page = server_->app().roster().Search(query);
    if (!page.ok() || page->ids.empty()) throw std::runtime_error("kOtherBranch has no member");
    outside_member_ = page->ids.front();

    for (const RoleAccount& a : kAccounts) {
      std::optional<MemberId> member;
      if (a.role == Role::kMember) member = self_member_;
      std::string token = server_->CreateAccount(a.username, {{0, 0, a.role, a.node}}, member);
      apis_.emplace(a.role, std::make_unique<Api>(server_->port(), token));
    }
  }

  static void TearDownTestSuite() {
    apis_.clear();
    admin_.reset();
    server_.reset();
  }

  // --- Fresh targets, made as the test server's root account. Throw when that fails.

  static int64_t Next() { return ++counter_; }

  static json GroupBody(int64_t parent) {
    int64_t n = Next();
    return {{"kind", "group"},
            {"name", "矩阵党小组" + Str(n)},
            {"code", "AZ-G-" + Str(n)},
            {"parent_id", parent}};
  }

  static json MemberBody(int64_t branch) {
    // Odd sequences keep the ID number male, as ValidMember's gender says; after 500 of them
    // the birth date moves on a day.
    int64_t n = Next();
    int sequence = static_cast<int>(2 * (n % 500) + 1);
    json m = ValidMember(sequence);
    Date birth = D("1990-03-15").AddDays(static_cast<int32_t>(n / 500));
    m["birth_date"] = birth.ToString();
    m["id_number"] = MakeIdNumber(birth, sequence);
    m["branch_id"] = branch;
    return m;
  }

  // POST /api/members/import of a roster .xlsx holding `members` (as MemberBody makes them).
  static Call ImportOf(const std::vector<json>& members) {
    std::vector<json> rows;
    for (json m : members) {
      int64_t branch = m["branch_id"].get<int64_t>();
      m["branch_code"] = branch == kMissing ? std::string("AZ-NO-SUCH-CODE")
                                            : server_->app().roster().GetNode(branch)->code;
      rows.push_back(std::move(m));
    }
    return {"POST", "/api/members/import", std::nullopt,
            "",     RosterWorkbook(rows),  std::string(http::kXlsxContentType)};
  }

  static int64_t Created(const ApiReply& reply, const std::string& what) {
    if (reply.status != 201) {
      std::ostringstream text;
      text << "cannot create " << what << ": " << reply;
      throw std::runtime_error(text.str());
    }
    return reply.data()["id"].get<int64_t>();
  }

  static int64_t FreshGroup(int64_t parent) {
    return Created(admin_->Post("/api/orgs", GroupBody(parent)), "a group");
  }

  static int64_t FreshMember(int64_t branch) {
    return Created(admin_->Post("/api/members", MemberBody(branch)), "a member");
  }

  // A pending transfer of a fresh member of `from` to `to`.
  static int64_t FreshTransfer(int64_t from, int64_t to) {
    return Created(admin_->Post("/api/members/" + Str(FreshMember(from)) + "/transfer-requests",
                                {{"to_branch_id", to}}),
                   "a transfer request");
  }

  // A new question of the bank, distinct from every other.
  static json QuestionBody() {
    return {{"kind", "single"},
            {"stem", "矩阵试题 " + Str(Next())},
            {"options", {"甲", "乙"}},
            {"answer", "A"}};
  }
  static int64_t FreshQuestion() {
    return Created(admin_->Post("/api/contest/questions", QuestionBody()), "a question");
  }

  // A contest for the members under `scope`, on a paper of one fresh question, from tomorrow.
  static json ContestBody(int64_t scope) {
    const int64_t now = server_->clock().NowUnixSeconds();
    return {{"title", "矩阵竞答 " + Str(Next())},
            {"starts_at", now + 86400},
            {"ends_at", now + 8 * 86400},
            {"scope", scope},
            {"fixed", {FreshQuestion()}}};
  }
  static int64_t FreshContest(int64_t scope) {
    return Created(admin_->Post("/api/contests", ContestBody(scope)), "a contest");
  }
  static int64_t FreshPublishedContest(int64_t scope) {
    int64_t id = FreshContest(scope);
    ApiReply published = admin_->Post("/api/contests/" + Str(id) + "/publish", json::object());
    if (published.status != 200) throw std::runtime_error("cannot publish a contest");
    return id;
  }

  // A meeting body for `node` that passes every check, `attendee` being on its rolls.
  static json MeetingBody(int64_t node, int64_t attendee) {
    return {{"node_id", node},
            {"type", "theme_day"},
            {"date", Today().ToString()},
            {"topics", {{{"title", "矩阵主题党日"}}}},
            {"attendees", {attendee}}};
  }

  // A fresh theme day of kBranch (attended by colleague_) or of kOtherBranch.
  static int64_t FreshMeeting(int64_t branch) {
    int64_t attendee = branch == kBranch ? colleague_ : outside_member_;
    return Created(admin_->Post("/api/meetings", MeetingBody(branch, attendee)), "a meeting");
  }

  // A fresh PNG attachment of a fresh meeting of `branch`: "/api/meetings/<id>/attachments/<aid>".
  static std::string FreshAttachment(int64_t branch) {
    int64_t meeting = FreshMeeting(branch);
    std::string target = "/api/meetings/" + Str(meeting) + "/attachments";
    ApiReply reply = admin_->Send("POST", target + "?name=a.png", kPng, "image/png");
    return target + "/" + Str(Created(reply, "an attachment"));
  }

  static inline const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "matrix";

  // A new account whose only grant is member on `node`.
  static User FreshAccount(int64_t node) {
    NewUser user;
    user.username = "authz-target-" + Str(Next());
    user.display_name = "矩阵目标账号";
    user.password = kTestPassword;
    user.grants = {{0, 0, Role::kMember, node}};
    user.must_change_password = false;
    Result<User> created = server_->app().auth().CreateUserAsSystem(
        WriteContext{}, std::move(user), server_->clock().NowUnixSeconds());
    if (!created.ok()) throw std::runtime_error("CreateUserAsSystem: " + created.error().message);
    return *created;
  }

  // The id of the only grant of a fresh account (member on `node`).
  static int64_t FreshGrant(int64_t node) {
    User user = FreshAccount(node);
    ApiReply reply = admin_->Get("/api/users/" + Str(user.id) + "/grants");
    if (reply.status != 200 || reply.data().size() != 1) {
      throw std::runtime_error("cannot read the grants of a fresh account");
    }
    return reply.data()[0]["id"].get<int64_t>();
  }

  // The username of a fresh account (member on `node`) locked by five wrong passwords.
  static std::string FreshLockedAccount(int64_t node) {
    User user = FreshAccount(node);
    for (int i = 0; i < server_->app().auth().policy().account_lock.threshold; ++i) {
      (void)server_->app().auth().Login({user.username, "Wrong-Pass-0000", "", "authz"},
                                        server_->clock().NowUnixSeconds());
    }
    return user.username;
  }

  // --- The matrix.

  static std::vector<RouteCase> Matrix();

  static ApiReply Send(Role role, const Call& call) {
    std::string body = call.body ? call.body->dump() : call.raw_body;
    std::string content_type = call.body ? "application/json" : call.content_type;
    if (!call.token.empty()) {
      Api api(server_->port(), call.token);
      return api.Send(call.method, call.target, body, content_type);
    }
    return apis_.at(role)->Send(call.method, call.target, body, content_type);
  }

  static ApiReply SendWithToken(const std::string& token, const Call& call) {
    Api api(server_->port(), token);
    return api.Send(call.method, call.target, call.body ? call.body->dump() : "",
                    call.body ? "application/json" : "");
  }

  // The roles of `policy`; empty for public, session and authenticated.
  static RoleSet PolicyRoleSet(const std::string& policy) {
    const RoleSet* roles = http::PolicyRoles(policy);
    return roles != nullptr ? *roles : RoleSet{};
  }

  // Runs every probe of the matrix rows whose policy is one of `policies`.
  void RunMatrix(const std::set<std::string>& policies) {
    int rows = 0;
    for (const RouteCase& route : Matrix()) {
      if (!policies.count(route.policy)) continue;
      ++rows;
      for (const Probe& probe : route.probes) {
        for (const RoleAccount& account : kAccounts) {
          ExpectAnswer(route, probe, account.role);
        }
      }
    }
    EXPECT_GT(rows, 0);
  }

  void ExpectAnswer(const RouteCase& route, const Probe& probe, Role role) {
    Call call = probe.call(role);
    SCOPED_TRACE(RouteName(route.method, route.pattern) + " — " + probe.name + " — as " +
                 RoleId(role));
    StoreState before = server_->ReadState();
    ApiReply reply = Send(role, call);
    if (call.method == "GET") {
      Call head = call;
      head.method = "HEAD";
      EXPECT_EQ(Send(role, head).status, reply.status) << "HEAD is guarded as GET: " << call;
    }
    if (probe.allowed.Contains(role)) {
      EXPECT_NE(reply.status, 401) << call << " → " << reply;
      EXPECT_NE(reply.status, 403) << call << " → " << reply;
      if (probe.happy) {
        EXPECT_TRUE(Is2xx(reply.status)) << call << " → " << reply;
      }
      return;
    }
    const bool in_policy = PolicyRoleSet(route.policy).Contains(role);
    EXPECT_EQ(reply.status, in_policy ? probe.out_of_scope_status : 403)
        << "expected a refusal: " << call << " → " << reply;
    std::string key = in_policy ? probe.out_of_scope_error : "auth.forbidden";
    if (key == "auth.forbidden") {
      EXPECT_EQ(reply.envelope, kForbiddenEnvelope) << call << " → " << reply;
    } else if (reply.status != 403) {
      EXPECT_EQ(reply.data()["error"], key) << call << " → " << reply;
    } else {
      ExpectRefusalEnvelope(reply, key);
    }
    EXPECT_EQ(server_->ReadState(), before) << "a refused request wrote: " << call;
  }

  // {"code":403,"message":<text>,"data":{"error":key}} and nothing else.
  static void ExpectRefusalEnvelope(const ApiReply& reply, const std::string& key) {
    ASSERT_TRUE(reply.envelope.is_object()) << reply;
    EXPECT_EQ(reply.envelope.size(), 3u) << reply;
    EXPECT_EQ(reply.envelope["code"], 403) << reply;
    EXPECT_TRUE(reply.envelope["message"].is_string()) << reply;
    EXPECT_FALSE(reply.message().empty()) << reply;
    EXPECT_EQ(reply.data(), json({{"error", key}})) << reply;
  }

  json GetData(Role role, const std::string& target) {
    ApiReply reply = apis_.at(role)->Get(target);
    EXPECT_EQ(reply.status, 200) << RoleId(role) << " GET " << target << ": " << reply;
    return reply.data();
  }

  std::string IdNumberOf(MemberId id) {
    Result<Member> member = server_->app().members().Get(id);
    if (!member.ok()) {
      ADD_FAILURE() << "member " << id << ": " << member.error().message;
      return "";
    }
    return member->id_number;
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<Api> admin_;
  static inline std::map<Role, std::unique_ptr<Api>> apis_;
  static inline MemberId self_member_ = 0;     // the member account's own file, in kBranch
  static inline MemberId colleague_ = 0;       // another plain full member of kBranch
  static inline MemberId outside_member_ = 0;  // a member of kOtherBranch
  static inline int64_t counter_ = 0;
};

std::vector<RouteCase> AuthzMatrixTest::Matrix() {
  using http::Method;
  const std::string today = Today().ToString();
  const std::string login_password = kTestPassword;

  // A life read that takes "node": without it, with kBranch, with kOtherBranch.
  auto life_node = [](const std::string& target) {
    std::string sep = target.back() == '?' ? "" : "&";
    return std::vector<Probe>{
        {"no target: without node, the caller's own first root", Where::kNoTarget, kReaders, true,
         [target](Role) { return Get(target); }},
        {"inside: node kBranch", Where::kInside, kReaders, true,
         [target, sep](Role) { return Get(target + sep + "node=" + Str(kBranch)); }},
        {"outside: node kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [target, sep](Role) { return Get(target + sep + "node=" + Str(kOtherBranch)); },
         [target, sep] { return Get(target + sep + "node=" + kMissingText); }}};
  };
  // A request on a fresh meeting of kBranch (inside) or of kOtherBranch (outside).
  auto meeting_probes = [](RoleSet allowed, std::function<Call(int64_t)> call) {
    return std::vector<Probe>{
        {"inside: a fresh meeting of kBranch", Where::kInside, allowed, true,
         [call](Role) { return call(FreshMeeting(kBranch)); }},
        {"outside: a fresh meeting of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [call](Role) { return call(FreshMeeting(kOtherBranch)); },
         [call] { return call(kMissing); }}};
  };
  // The four org reads answer for one node on the path.
  auto org_read = [](const std::string& suffix) {
    auto at = [suffix](int64_t node) { return "/api/orgs/" + Str(node) + suffix; };
    return std::vector<Probe>{
        {"inside: kBranch", Where::kInside, kEveryRole, true,
         [at](Role) { return Get(at(kBranch)); }},
        {"outside: kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [at](Role) { return Get(at(kOtherBranch)); }, [at] { return Get(at(kMissing)); }},
    };
  };
  // A member file read: a colleague in kBranch, the member's own file, one under kUnit2.
  auto member_read = [](const std::string& suffix) {
    auto at = [suffix](int64_t member) { return "/api/members/" + Str(member) + suffix; };
    return std::vector<Probe>{
        {"inside: a colleague in kBranch", Where::kInside, kReaders, true,
         [at](Role) { return Get(at(colleague_)); }},
        {"self: the member account's own file", Where::kSelf, kReadersAndSelf, true,
         [at](Role) { return Get(at(self_member_)); }},
        {"outside: a member of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [at](Role) { return Get(at(outside_member_)); }, [at] { return Get(at(kMissing)); }},
    };
  };
  // A user-admin route on one account: a fresh one with member on kBranch (inside) or on
  // kOtherBranch (outside). The AuthService refuses unit admins with auth.user_forbidden.
  auto user_admin = [](std::function<Call(int64_t)> on_user) {
    return std::vector<Probe>{
        {"inside: an account with member on kBranch", Where::kInside, kAdmins, true,
         [on_user](Role) { return on_user(FreshAccount(kBranch).id); }},
        {"outside: an account with member on kOtherBranch", Where::kOutside, kCommitteeAdminOnly,
         true, [on_user](Role) { return on_user(FreshAccount(kOtherBranch).id); },
         [on_user] { return on_user(kMissing); }, "auth.user_forbidden"},
    };
  };
  auto transfer = [today](int64_t member, int64_t to_branch) {
    return Post("/api/members/" + Str(member) + "/transfer",
                {{"to_branch_id", to_branch}, {"date", today}});
  };

  return {
      // --- Public and session routes: they name no node.
      {Method::kGet,
       "/api/health",
       "public",
       {{"no target: public, answers the same to everyone", Where::kNoTarget, kEveryRole, true,
         [](Role) { return Get("/api/health"); }}}},
      {Method::kPost,
       "/api/auth/login",
       "public",
       {{"no target: public, each role logs in to its own account", Where::kNoTarget, kEveryRole,
         true,
         [login_password](Role role) {
           return Post("/api/auth/login", {{"username", AccountOf(role).username},
                                           {"password", login_password},
                                           {"session", "bearer"}});
         }}}},
      {Method::kPost,
       "/api/auth/logout",
       "session",
       {{"no target: ends the caller's own (fresh) session", Where::kNoTarget, kEveryRole, true,
         [login_password](Role role) {
           Call call = Post("/api/auth/logout", json::object());
           call.token = server_->Login(AccountOf(role).username, login_password);
           return call;
         }}}},
      {Method::kGet,
       "/api/auth/me",
       "session",
       {{"no target: the caller's own session", Where::kNoTarget, kEveryRole, true,
         [](Role) { return Get("/api/auth/me"); }}}},
      {Method::kPost,
       "/api/auth/password",
       "session",
       {{"no target: the caller's own password (unchanged, so 400 and no write)", Where::kNoTarget,
         kEveryRole, false,
         [login_password](Role) {
           return Post("/api/auth/password",
                       {{"old_password", login_password}, {"new_password", login_password}});
         }}}},

      // --- Organisation.
      {Method::kGet,
       "/api/orgs/root",
       "org.read",
       {{"no target: the top of the caller's own scope", Where::kNoTarget, kEveryRole, true,
         [](Role) { return Get("/api/orgs/root"); }}}},
      {Method::kPost,
       "/api/orgs",
       "org.write",
       {{"inside: a group under kBranch", Where::kInside, kAdmins, true,
         [](Role) { return Post("/api/orgs", GroupBody(kBranch)); }},
        {"outside: a group under kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Post("/api/orgs", GroupBody(kOtherBranch)); },
         [] { return Post("/api/orgs", GroupBody(kMissing)); }},
        {"outside: a second root (no parent; 409 for the committee admin)", Where::kOutside,
         kCommitteeAdminOnly, false,
         [](Role) {
           return Post("/api/orgs", {{"kind", "committee"},
                                     {"name", "第二个机关工委"},
                                     {"code", "AZ-ROOT-" + Str(Next())}});
         }}}},
      {Method::kGet, "/api/orgs/:id", "org.read", org_read("")},
      {Method::kPut,
       "/api/orgs/:id",
       "org.write",
       {{"inside: rename a fresh group of kBranch", Where::kInside, kAdmins, true,
         [](Role) {
           return Put("/api/orgs/" + Str(FreshGroup(kBranch)),
                      {{"name", "矩阵改名" + Str(Next())}});
         }},
        {"outside: rename a fresh group of kOtherBranch", Where::kOutside, kCommitteeAdminOnly,
         true,
         [](Role) {
           return Put("/api/orgs/" + Str(FreshGroup(kOtherBranch)),
                      {{"name", "矩阵改名" + Str(Next())}});
         },
         [] {
           return Put("/api/orgs/" + kMissingText, {{"name", "矩阵改名"}});
         }},
        {"outside: move a fresh group of kBranch under kOtherBranch", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Put("/api/orgs/" + Str(FreshGroup(kBranch)), {{"parent_id", kOtherBranch}});
         },
         [] {
           return Put("/api/orgs/" + Str(FreshGroup(kBranch)), {{"parent_id", kMissing}});
         }}}},
      {Method::kDelete,
       "/api/orgs/:id",
       "org.write",
       {{"inside: a fresh empty group of kBranch", Where::kInside, kAdmins, true,
         [](Role) { return Delete("/api/orgs/" + Str(FreshGroup(kBranch))); }},
        {"outside: a fresh empty group of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Delete("/api/orgs/" + Str(FreshGroup(kOtherBranch))); },
         [] { return Delete("/api/orgs/" + kMissingText); }}}},
      {Method::kGet, "/api/orgs/:id/children", "org.read", org_read("/children")},
      {Method::kGet, "/api/orgs/:id/path", "org.read", org_read("/path")},
      {Method::kGet, "/api/orgs/:id/stats", "org.read", org_read("/stats")},
      {Method::kGet, "/api/orgs/:id/overview", "org.read", org_read("/overview")},
      {Method::kGet,
       "/api/orgs/search",
       "org.read",
       {{"no target: finds nodes in the caller's own scope", Where::kNoTarget, kEveryRole, true,
         [](Role) { return Get("/api/orgs/search?q=%E5%85%9A"); }}}},
      {Method::kGet, "/api/orgs/:id/warnings", "org.read", org_read("/warnings")},

      // --- Members.
      {Method::kGet,
       "/api/members",
       "member.read",
       {{"no target: without subtree, the caller's own scope", Where::kNoTarget, kReaders, true,
         [](Role) { return Get("/api/members?page_size=1"); }},
        {"inside: subtree kBranch", Where::kInside, kReaders, true,
         [](Role) { return Get("/api/members?page_size=1&subtree=" + Str(kBranch)); }},
        {"outside: subtree kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/members?page_size=1&subtree=" + Str(kOtherBranch)); },
         [] { return Get("/api/members?page_size=1&subtree=" + kMissingText); }}}},
      {Method::kPost,
       "/api/members",
       "member.write",
       {{"inside: a new member of kBranch", Where::kInside, kWriters, true,
         [](Role) { return Post("/api/members", MemberBody(kBranch)); }},
        {"outside: a new member of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Post("/api/members", MemberBody(kOtherBranch)); },
         [] { return Post("/api/members", MemberBody(kMissing)); }}}},
      {Method::kPost,
       "/api/members/batch",
       "member.write",
       {{"inside: two new members of kBranch", Where::kInside, kWriters, true,
         [](Role) {
           return Post("/api/members/batch",
                       {{"members", {MemberBody(kBranch), MemberBody(kBranch)}}});
         }},
        {"outside: two new members of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) {
           return Post("/api/members/batch",
                       {{"members", {MemberBody(kOtherBranch), MemberBody(kOtherBranch)}}});
         },
         [] {
           return Post("/api/members/batch",
                       {{"members", {MemberBody(kMissing), MemberBody(kMissing)}}});
         }},
        {"outside: one row in kBranch, one in kOtherBranch", Where::kOutside, kCommitteeAdminOnly,
         true,
         [](Role) {
           return Post("/api/members/batch",
                       {{"members", {MemberBody(kBranch), MemberBody(kOtherBranch)}}});
         },
         [] {
           return Post("/api/members/batch",
                       {{"members", {MemberBody(kBranch), MemberBody(kMissing)}}});
         }}}},
      {Method::kGet,
       "/api/members/export",
       "member.read",
       {{"no target: without subtree, the caller's own scope", Where::kNoTarget, kReaders, true,
         [](Role) { return Get("/api/members/export?columns=name&age_min=150"); }},
        {"inside: subtree kBranch", Where::kInside, kReaders, true,
         [](Role) { return Get("/api/members/export?columns=name&subtree=" + Str(kBranch)); }},
        {"outside: subtree kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/members/export?columns=name&subtree=" + Str(kOtherBranch)); },
         [] { return Get("/api/members/export?columns=name&subtree=" + kMissingText); }}}},
      {Method::kGet,
       "/api/members/import/template",
       "member.write",
       {{"no target: the same template for every writer", Where::kNoTarget, kWriters, true,
         [](Role) { return Get("/api/members/import/template"); }}}},
      {Method::kPost,
       "/api/members/import",
       "member.write",
       {{"inside: a roster of two new members of kBranch", Where::kInside, kWriters, true,
         [](Role) {
           return ImportOf({MemberBody(kBranch), MemberBody(kBranch)});
         }},
        {"outside: one row in kBranch, one in kOtherBranch", Where::kOutside, kCommitteeAdminOnly,
         true,
         [](Role) {
           return ImportOf({MemberBody(kBranch), MemberBody(kOtherBranch)});
         },
         [] {
           return ImportOf({MemberBody(kBranch), MemberBody(kMissing)});
         },
         "import.invalid_rows", 400}}},
      {Method::kGet, "/api/members/:id", "member.read", member_read("")},
      {Method::kPut,
       "/api/members/:id",
       "member.write",
       {{"inside: a fresh member of kBranch", Where::kInside, kWriters, true,
         [](Role) {
           return Put("/api/members/" + Str(FreshMember(kBranch)), {{"post", "组织委员"}});
         }},
        {"self: the member account's own file (no change)", Where::kSelf, kWriters, true,
         [](Role) {
           Result<Member> self = server_->app().members().Get(self_member_);
           return Put("/api/members/" + Str(self_member_), {{"post", self.ok() ? self->post : ""}});
         }},
        {"outside: a fresh member of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) {
           return Put("/api/members/" + Str(FreshMember(kOtherBranch)), {{"post", "组织委员"}});
         },
         [] {
           return Put("/api/members/" + kMissingText, {{"post", "组织委员"}});
         }}}},
      {Method::kDelete,
       "/api/members/:id",
       "member.write",
       {{"inside: a fresh member of kBranch", Where::kInside, kWriters, true,
         [](Role) { return Delete("/api/members/" + Str(FreshMember(kBranch))); }},
        {"outside: a fresh member of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Delete("/api/members/" + Str(FreshMember(kOtherBranch))); },
         [] { return Delete("/api/members/" + kMissingText); }}}},
      {Method::kGet, "/api/members/:id/history", "member.read", member_read("/history")},
      {Method::kPost,
       "/api/members/:id/transfer",
       "member.write",
       {{"inside: a fresh member of kBranch to kBranch (400 same branch)", Where::kInside, kWriters,
         false, [transfer](Role) { return transfer(FreshMember(kBranch), kBranch); }},
        {"outside the branch secretary's scope only: kBranch to another branch of kUnit1",
         Where::kOutside, kAdmins, true,
         [transfer](Role) { return transfer(FreshMember(kBranch), kLastBranchOfOrganCommittee); },
         [transfer] { return transfer(FreshMember(kBranch), kMissing); }},
        {"outside: a fresh member of kOtherBranch to kBranch", Where::kOutside, kCommitteeAdminOnly,
         true, [transfer](Role) { return transfer(FreshMember(kOtherBranch), kBranch); },
         [transfer] { return transfer(kMissing, kBranch); }},
        {"outside: a fresh member of kBranch to kOtherBranch", Where::kOutside, kCommitteeAdminOnly,
         true, [transfer](Role) { return transfer(FreshMember(kBranch), kOtherBranch); },
         [transfer] { return transfer(FreshMember(kBranch), kMissing); }}}},

      // --- Two-step transfers: the sending side starts and withdraws, the receiving side
      // accepts or returns; either side reads.
      {Method::kGet,
       "/api/transfers",
       "member.read",
       {{"no target: without node, the caller's own scope", Where::kNoTarget, kReaders, true,
         [](Role) { return Get("/api/transfers"); }},
        {"inside: node kBranch", Where::kInside, kReaders, true,
         [](Role) { return Get("/api/transfers?status=pending&node=" + Str(kBranch)); }},
        {"outside: node kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/transfers?node=" + Str(kOtherBranch)); },
         [] { return Get("/api/transfers?node=" + kMissingText); }}}},
      {Method::kGet,
       "/api/transfers/:id",
       "member.read",
       {{"inside: kOtherBranch to kBranch (the receiving end)", Where::kInside, kReaders, true,
         [](Role) { return Get("/api/transfers/" + Str(FreshTransfer(kOtherBranch, kBranch))); }},
        {"outside: kOtherBranch to branch 46, neither end in scope", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/transfers/" + Str(FreshTransfer(kOtherBranch, 46))); },
         [] { return Get("/api/transfers/" + kMissingText); }}}},
      {Method::kGet,
       "/api/transfers/branches",
       "member.write",
       {{"no target: branches of the whole tree, for the receiving end", Where::kNoTarget, kWriters,
         true, [](Role) { return Get("/api/transfers/branches?q=%E6%94%AF%E9%83%A8"); }}}},
      {Method::kPost,
       "/api/members/:id/transfer-requests",
       "member.write",
       {{"inside: a fresh member of kBranch to kOtherBranch (only the sending end counts)",
         Where::kInside, kWriters, true,
         [](Role) {
           return Post("/api/members/" + Str(FreshMember(kBranch)) + "/transfer-requests",
                       {{"to_branch_id", kOtherBranch}});
         }},
        {"outside: a fresh member of kOtherBranch to kBranch", Where::kOutside, kCommitteeAdminOnly,
         true,
         [](Role) {
           return Post("/api/members/" + Str(FreshMember(kOtherBranch)) + "/transfer-requests",
                       {{"to_branch_id", kBranch}});
         },
         [] {
           return Post("/api/members/" + kMissingText + "/transfer-requests",
                       {{"to_branch_id", kBranch}});
         }}}},
      {Method::kPost,
       "/api/transfers/:id/accept",
       "member.write",
       {{"inside: kOtherBranch to kBranch", Where::kInside, kWriters, true,
         [](Role) {
           return Post("/api/transfers/" + Str(FreshTransfer(kOtherBranch, kBranch)) + "/accept",
                       json::object());
         }},
        {"outside: kBranch to kOtherBranch (only the receiving end may accept)", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Post("/api/transfers/" + Str(FreshTransfer(kBranch, kOtherBranch)) + "/accept",
                       json::object());
         },
         [] { return Post("/api/transfers/" + kMissingText + "/accept", json::object()); }}}},
      {Method::kPost,
       "/api/transfers/:id/return",
       "member.write",
       {{"inside: kOtherBranch to kBranch", Where::kInside, kWriters, true,
         [](Role) {
           return Post("/api/transfers/" + Str(FreshTransfer(kOtherBranch, kBranch)) + "/return",
                       {{"reason", "本支部不是该党员的工作单位"}});
         }},
        {"outside: kBranch to kOtherBranch (only the receiving end may return)", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Post("/api/transfers/" + Str(FreshTransfer(kBranch, kOtherBranch)) + "/return",
                       {{"reason", "矩阵退回"}});
         },
         [] {
           return Post("/api/transfers/" + kMissingText + "/return", {{"reason", "矩阵退回"}});
         }}}},
      {Method::kPost,
       "/api/transfers/:id/cancel",
       "member.write",
       {{"inside: kBranch to kOtherBranch", Where::kInside, kWriters, true,
         [](Role) {
           return Post("/api/transfers/" + Str(FreshTransfer(kBranch, kOtherBranch)) + "/cancel",
                       json::object());
         }},
        {"outside: kOtherBranch to kBranch (only the sending end may withdraw)", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Post("/api/transfers/" + Str(FreshTransfer(kOtherBranch, kBranch)) + "/cancel",
                       json::object());
         },
         [] { return Post("/api/transfers/" + kMissingText + "/cancel", json::object()); }}}},

      // --- Audit.
      {Method::kGet,
       "/api/audit",
       "audit.read",
       {{"no target: without subtree, the caller's own scope", Where::kNoTarget, kAuditReaders,
         true, [](Role) { return Get("/api/audit?page_size=1"); }},
        {"inside: subtree kBranch", Where::kInside, kAuditReaders, true,
         [](Role) { return Get("/api/audit?page_size=1&subtree=" + Str(kBranch)); }},
        {"outside: subtree kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/audit?page_size=1&subtree=" + Str(kOtherBranch)); },
         [] { return Get("/api/audit?page_size=1&subtree=" + kMissingText); }}}},

      // --- Organisational life.
      {Method::kGet,
       "/api/life/rules",
       "authenticated",
       {{"no target: the rule set is the same for everyone", Where::kNoTarget, kEveryRole, true,
         [](Role) { return Get("/api/life/rules"); }}}},
      {Method::kGet,
       "/api/life/templates",
       "life.read",
       {{"no target: the templates are the same for everyone", Where::kNoTarget, kReaders, true,
         [](Role) { return Get("/api/life/templates"); }}}},
      {Method::kGet, "/api/meetings", "life.read", life_node("/api/meetings?page_size=1")},
      {Method::kPost,
       "/api/meetings",
       "life.write",
       {{"inside: a theme day of kBranch", Where::kInside, kWriters, true,
         [](Role) { return Post("/api/meetings", MeetingBody(kBranch, colleague_)); }},
        {"outside: a theme day of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Post("/api/meetings", MeetingBody(kOtherBranch, outside_member_)); },
         [] { return Post("/api/meetings", MeetingBody(kMissing, outside_member_)); }}}},
      {Method::kGet, "/api/meetings/:id", "life.read",
       meeting_probes(kReaders, [](int64_t id) { return Get("/api/meetings/" + Str(id)); })},
      {Method::kPut, "/api/meetings/:id", "life.write",
       meeting_probes(kWriters,
                      [](int64_t id) {
                        int64_t node = kBranch;
                        int64_t attendee = colleague_;
                        if (id != kMissing) {
                          Result<Meeting> m = server_->app().meetings().Get(id);
                          if (m.ok() && m->node_id != kBranch) {
                            node = m->node_id;
                            attendee = outside_member_;
                          }
                        }
                        return Put("/api/meetings/" + Str(id), MeetingBody(node, attendee));
                      })},
      {Method::kDelete, "/api/meetings/:id", "life.write",
       meeting_probes(kWriters, [](int64_t id) { return Delete("/api/meetings/" + Str(id)); })},
      {Method::kPost, "/api/meetings/:id/review", "life.review",
       meeting_probes(kAdmins,
                      [](int64_t id) {
                        return Post("/api/meetings/" + Str(id) + "/review",
                                    {{"decision", "return"}, {"reason", "矩阵退回"}});
                      })},
      {Method::kPost, "/api/meetings/:id/attachments", "life.write",
       meeting_probes(kWriters,
                      [](int64_t id) {
                        return Call{
                            "POST",       "/api/meetings/" + Str(id) + "/attachments?name=a.png",
                            std::nullopt, "",
                            kPng,         "image/png"};
                      })},
      {Method::kGet,
       "/api/meetings/:id/attachments/:aid",
       "life.read",
       {{"inside: an attachment of kBranch", Where::kInside, kReaders, true,
         [](Role) { return Get(FreshAttachment(kBranch)); }},
        {"outside: an attachment of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get(FreshAttachment(kOtherBranch)); },
         [] { return Get("/api/meetings/" + kMissingText + "/attachments/1"); }}}},
      {Method::kDelete,
       "/api/meetings/:id/attachments/:aid",
       "life.write",
       {{"inside: an attachment of kBranch", Where::kInside, kWriters, true,
         [](Role) { return Delete(FreshAttachment(kBranch)); }},
        {"outside: an attachment of kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Delete(FreshAttachment(kOtherBranch)); },
         [] { return Delete("/api/meetings/" + kMissingText + "/attachments/1"); }}}},
      {Method::kGet, "/api/life/compliance", "life.read",
       life_node("/api/life/compliance?period=month")},
      {Method::kGet,
       "/api/life/compliance/branch/:id",
       "life.read",
       {{"inside: kBranch", Where::kInside, kReaders, true,
         [](Role) { return Get("/api/life/compliance/branch/" + Str(kBranch)); }},
        {"outside: kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/life/compliance/branch/" + Str(kOtherBranch)); },
         [] { return Get("/api/life/compliance/branch/" + kMissingText); }}}},
      {Method::kGet, "/api/life/reminders", "life.read", life_node("/api/life/reminders?limit=1")},
      {Method::kGet, "/api/life/calendar", "life.read", life_node("/api/life/calendar?")},
      {Method::kGet,
       "/api/life/ledger",
       "life.read",
       {{"no target: the caller's first root (400 for roots that keep no ledger)", Where::kNoTarget,
         kReaders, false, [](Role) { return Get("/api/life/ledger"); }},
        {"inside: node kBranch", Where::kInside, kReaders, true,
         [](Role) { return Get("/api/life/ledger?node=" + Str(kBranch)); }},
        {"outside: node kOtherBranch", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/life/ledger?format=docx&node=" + Str(kOtherBranch)); },
         [] { return Get("/api/life/ledger?node=" + kMissingText); }}}},

      // --- Accounts, grants and locks: the AuthService decides per target account.
      // --- The question bank: the committee's, no org node involved.
      {Method::kGet,
       "/api/contest/questions",
       "contest.bank",
       {{"no target: the whole bank", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/contest/questions?page_size=1"); }}}},
      {Method::kGet,
       "/api/contest/questions/tags",
       "contest.bank",
       {{"no target: the tags of the bank", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/contest/questions/tags"); }}}},
      {Method::kGet,
       "/api/contest/questions/import/template",
       "contest.bank",
       {{"no target: the template", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/contest/questions/import/template"); }}}},
      {Method::kPost,
       "/api/contest/questions/import",
       "contest.bank",
       {{"no target: a sheet of one new question", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) {
           return Call{"POST",
                       "/api/contest/questions/import",
                       std::nullopt,
                       "",
                       QuestionWorkbook({{"单选题", "矩阵导入题 " + Str(Next()), "甲", "乙", "A"}}),
                       std::string(http::kXlsxContentType)};
         }}}},
      {Method::kGet,
       "/api/contest/questions/export",
       "contest.bank",
       {{"no target: the bank as .xlsx", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/contest/questions/export?kind=single"); }}}},
      {Method::kGet,
       "/api/contest/questions/:id",
       "contest.bank",
       {{"no target: a question", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/contest/questions/" + Str(FreshQuestion())); }}}},
      {Method::kPost,
       "/api/contest/questions",
       "contest.bank",
       {{"no target: a new question", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) { return Post("/api/contest/questions", QuestionBody()); }}}},
      {Method::kPut,
       "/api/contest/questions/:id",
       "contest.bank",
       {{"no target: a question replaced", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) {
           return Put("/api/contest/questions/" + Str(FreshQuestion()), QuestionBody());
         }}}},
      {Method::kDelete,
       "/api/contest/questions/:id",
       "contest.bank",
       {{"no target: a question removed", Where::kNoTarget, kCommitteeAdminOnly, true,
         [](Role) { return Delete("/api/contest/questions/" + Str(FreshQuestion())); }}}},

      // --- Contests: each within its organiser's scope (the contest's scope node).
      {Method::kGet,
       "/api/contests",
       "contest.manage",
       {{"no target: the contests whose scope the caller reaches", Where::kNoTarget, kAdmins, true,
         [](Role) { return Get("/api/contests"); }}}},
      {Method::kGet,
       "/api/contests/:id",
       "contest.manage",
       {{"inside: a contest of kUnit1", Where::kInside, kAdmins, true,
         [](Role) { return Get("/api/contests/" + Str(FreshContest(kUnit1))); }},
        {"outside: a contest of kUnit2", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Get("/api/contests/" + Str(FreshContest(kUnit2))); },
         [] { return Get("/api/contests/" + kMissingText); }}}},
      {Method::kPost,
       "/api/contests",
       "contest.manage",
       {{"inside: a draft for kUnit1", Where::kInside, kAdmins, true,
         [](Role) { return Post("/api/contests", ContestBody(kUnit1)); }},
        {"outside: a draft for kUnit2", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) { return Post("/api/contests", ContestBody(kUnit2)); },
         [] { return Post("/api/contests", ContestBody(kMissing)); }}}},
      {Method::kPut,
       "/api/contests/:id",
       "contest.manage",
       {{"inside: a draft of kUnit1 edited", Where::kInside, kAdmins, true,
         [](Role) {
           return Put("/api/contests/" + Str(FreshContest(kUnit1)), ContestBody(kUnit1));
         }},
        {"outside: a draft of kUnit2 edited", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) {
           return Put("/api/contests/" + Str(FreshContest(kUnit2)), ContestBody(kUnit2));
         },
         [] { return Put("/api/contests/" + kMissingText, ContestBody(kUnit1)); }}}},
      {Method::kPost,
       "/api/contests/:id/publish",
       "contest.manage",
       {{"inside: a draft of kUnit1", Where::kInside, kAdmins, true,
         [](Role) {
           return Post("/api/contests/" + Str(FreshContest(kUnit1)) + "/publish", json::object());
         }},
        {"outside: a draft of kUnit2", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) {
           return Post("/api/contests/" + Str(FreshContest(kUnit2)) + "/publish", json::object());
         },
         [] { return Post("/api/contests/" + kMissingText + "/publish", json::object()); }}}},
      {Method::kPost,
       "/api/contests/:id/close",
       "contest.manage",
       {{"inside: a published contest of kUnit1", Where::kInside, kAdmins, true,
         [](Role) {
           return Post("/api/contests/" + Str(FreshPublishedContest(kUnit1)) + "/close",
                       json::object());
         }},
        {"outside: a published contest of kUnit2", Where::kOutside, kCommitteeAdminOnly, true,
         [](Role) {
           return Post("/api/contests/" + Str(FreshPublishedContest(kUnit2)) + "/close",
                       json::object());
         },
         [] { return Post("/api/contests/" + kMissingText + "/close", json::object()); }}}},
      {Method::kGet,
       "/api/contests/:id/ranking",
       "contest.manage",
       {{"inside: its ranking by unit, a published contest of kUnit1", Where::kInside, kAdmins,
         true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit1)) + "/ranking?by=unit");
         }},
        {"outside: its ranking by unit, a published contest of kUnit2", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit2)) + "/ranking?by=unit");
         },
         [] { return Get("/api/contests/" + kMissingText + "/ranking?by=unit"); }}}},
      {Method::kGet,
       "/api/contests/:id/ranking/export",
       "contest.manage",
       {{"inside: its ranking workbook, a published contest of kUnit1", Where::kInside, kAdmins,
         true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit1)) + "/ranking/export");
         }},
        {"outside: its ranking workbook, a published contest of kUnit2", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit2)) + "/ranking/export");
         },
         [] { return Get("/api/contests/" + kMissingText + "/ranking/export"); }}}},
      {Method::kGet,
       "/api/contests/:id/monitor",
       "contest.manage",
       {{"inside: its monitor, a published contest of kUnit1", Where::kInside, kAdmins, true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit1)) + "/monitor");
         }},
        {"outside: its monitor, a published contest of kUnit2", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit2)) + "/monitor");
         },
         [] { return Get("/api/contests/" + kMissingText + "/monitor"); }}}},
      {Method::kGet,
       "/api/contests/:id/passes",
       "contest.manage",
       {{"inside: its members' links, a published contest of kUnit1", Where::kInside, kAdmins, true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit1)) + "/passes");
         }},
        {"outside: its members' links, a published contest of kUnit2", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Get("/api/contests/" + Str(FreshPublishedContest(kUnit2)) + "/passes");
         },
         [] { return Get("/api/contests/" + kMissingText + "/passes"); }}}},
      {Method::kGet,
       "/api/my/contests",
       "authenticated",
       {{"no target: the contests of the caller's own member file", Where::kNoTarget, kEveryRole,
         true, [](Role) { return Get("/api/my/contests"); }}}},

      // --- Taking part: a contest pass, not a session (TakeApiTest checks the passes).
      {Method::kGet,
       "/api/take/:id",
       "contest.take",
       {{"no target: the pass names the member and the contest", Where::kNoTarget, RoleSet{}, false,
         [](Role) { return Get("/api/take/1"); }}}},
      {Method::kPost,
       "/api/take/:id/attempts",
       "contest.take",
       {{"no target: the pass names the member and the contest", Where::kNoTarget, RoleSet{}, false,
         [](Role) { return Post("/api/take/1/attempts", json::object()); }}}},
      {Method::kGet,
       "/api/take/:id/attempts/current",
       "contest.take",
       {{"no target: the pass names the member and the contest", Where::kNoTarget, RoleSet{}, false,
         [](Role) { return Get("/api/take/1/attempts/current"); }}}},
      {Method::kPost,
       "/api/take/:id/attempts/:attempt/submit",
       "contest.take",
       {{"no target: the pass names the member and the contest", Where::kNoTarget, RoleSet{}, false,
         [](Role) {
           return Post("/api/take/1/attempts/1/submit", {{"answers", json::array()}});
         }}}},
      {Method::kGet,
       "/api/take/:id/attempts/:attempt",
       "contest.take",
       {{"no target: the pass names the member and the contest", Where::kNoTarget, RoleSet{}, false,
         [](Role) { return Get("/api/take/1/attempts/1"); }}}},

      {Method::kGet,
       "/api/users",
       "user.admin",
       {{"no target: lists the accounts in the caller's own scope", Where::kNoTarget, kAdmins, true,
         [](Role) { return Get("/api/users?page_size=1"); }}}},
      {Method::kPost,
       "/api/users",
       "user.admin",
       {{"inside: a new account with member on kBranch", Where::kInside, kAdmins, true,
         [login_password](Role) {
           return Post("/api/users", {{"username", "authz-new-" + Str(Next())},
                                      {"display_name", "矩阵新账号"},
                                      {"password", login_password},
                                      {"grants", {{{"role", "member"}, {"node_id", kBranch}}}}});
         }},
        {"outside: a new account with member on kOtherBranch", Where::kOutside, kCommitteeAdminOnly,
         true,
         [login_password](Role) {
           return Post("/api/users",
                       {{"username", "authz-new-" + Str(Next())},
                        {"display_name", "矩阵新账号"},
                        {"password", login_password},
                        {"grants", {{{"role", "member"}, {"node_id", kOtherBranch}}}}});
         },
         [login_password] {
           return Post("/api/users", {{"username", "authz-new-" + Str(Next())},
                                      {"display_name", "矩阵新账号"},
                                      {"password", login_password},
                                      {"grants", {{{"role", "member"}, {"node_id", kMissing}}}}});
         },
         "auth.grant_not_allowed"}}},
      {Method::kGet, "/api/users/:id", "user.admin",
       user_admin([](int64_t id) { return Get("/api/users/" + Str(id)); })},
      {Method::kPut, "/api/users/:id", "user.admin", user_admin([](int64_t id) {
         return Put("/api/users/" + Str(id), {{"display_name", "矩阵改名"}});
       })},
      {Method::kDelete, "/api/users/:id", "user.admin",
       user_admin([](int64_t id) { return Delete("/api/users/" + Str(id)); })},
      {Method::kPost, "/api/users/:id/password", "user.admin", user_admin([](int64_t id) {
         return Post("/api/users/" + Str(id) + "/password", {{"password", "Reset-Pass-2027"}});
       })},
      {Method::kGet, "/api/users/:id/grants", "user.admin",
       user_admin([](int64_t id) { return Get("/api/users/" + Str(id) + "/grants"); })},
      {Method::kPost, "/api/users/:id/grants", "user.admin",
       [&] {
         std::vector<Probe> probes = user_admin([](int64_t id) {
           return Post("/api/users/" + Str(id) + "/grants",
                       {{"role", "branch_secretary"}, {"node_id", kBranch}});
         });
         probes.push_back({"outside: an account of kBranch given member on kOtherBranch",
                           Where::kOutside, kCommitteeAdminOnly, true,
                           [](Role) {
                             return Post("/api/users/" + Str(FreshAccount(kBranch).id) + "/grants",
                                         {{"role", "member"}, {"node_id", kOtherBranch}});
                           },
                           [] {
                             return Post("/api/users/" + Str(FreshAccount(kBranch).id) + "/grants",
                                         {{"role", "member"}, {"node_id", kMissing}});
                           },
                           "auth.grant_not_allowed"});
         return probes;
       }()},
      {Method::kDelete,
       "/api/grants/:id",
       "user.admin",
       {{"inside: member on kBranch of a fresh account", Where::kInside, kAdmins, true,
         [](Role) { return Delete("/api/grants/" + Str(FreshGrant(kBranch))); }},
        {"outside: member on kOtherBranch of a fresh account", Where::kOutside, kCommitteeAdminOnly,
         true, [](Role) { return Delete("/api/grants/" + Str(FreshGrant(kOtherBranch))); },
         [] { return Delete("/api/grants/" + kMissingText); }, "auth.grant_not_allowed"}}},
      {Method::kGet,
       "/api/auth/locks",
       "user.admin",
       {{"no target: lists the locks of accounts in the caller's own scope", Where::kNoTarget,
         kAdmins, true, [](Role) { return Get("/api/auth/locks"); }}}},
      {Method::kPost,
       "/api/auth/locks/lift",
       "user.admin",
       {{"inside: the lock of a fresh account with member on kBranch", Where::kInside, kAdmins,
         true,
         [](Role) {
           return Post("/api/auth/locks/lift",
                       {{"kind", "account"}, {"subject", FreshLockedAccount(kBranch)}});
         }},
        {"outside: the lock of a fresh account with member on kOtherBranch", Where::kOutside,
         kCommitteeAdminOnly, true,
         [](Role) {
           return Post("/api/auth/locks/lift",
                       {{"kind", "account"}, {"subject", FreshLockedAccount(kOtherBranch)}});
         },
         [] {
           return Post("/api/auth/locks/lift", {{"kind", "account"}, {"subject", "authz-nobody"}});
         },
         "auth.user_forbidden"},
        {"outside: an address lock (404 for the committee admin: none is set)",
         Where::kOutside,
         kCommitteeAdminOnly,
         false,
         [](Role) {
           return Post("/api/auth/locks/lift", {{"kind", "address"}, {"subject", "192.0.2.7"}});
         },
         {},
         "auth.user_forbidden"}}},
  };
}

// --- Coverage: the matrix names exactly the registered routes.

TEST_F(AuthzMatrixTest, EveryRegisteredRouteIsInTheMatrixAndNoOtherRoute) {
  // The routes are read from a router of a second App (on an empty database): AddRoutes
  // replaces the App's guard, so calling it again on the server's App would leave the running
  // router with a dangling guard.
  testutil::TempDir dir;
  AppOptions options{.db_path = (dir.path() / "routes.db").string(), .clock = &server_->clock()};
  options.auth_policy.password_cost = kTestPasswordCost;
  Result<std::unique_ptr<App>> app = App::Open(options);
  ASSERT_TRUE(app.ok()) << app.error().message;
  http::Router router;
  (*app)->AddRoutes(router);

  std::vector<RouteCase> matrix = Matrix();
  std::map<std::string, const RouteCase*> table;
  for (const RouteCase& row : matrix) {
    EXPECT_TRUE(table.emplace(RouteName(row.method, row.pattern), &row).second)
        << RouteName(row.method, row.pattern) << " is in the matrix twice";
  }
  std::set<std::string> registered;
  for (const http::RouteInfo& route : router.routes()) {
    std::string name = RouteName(route.method, route.pattern);
    registered.insert(name);
    auto row = table.find(name);
    if (row == table.end()) {
      ADD_FAILURE() << "route " << name << " (policy " << route.access.policy
                    << ") is not in the authorisation matrix: add a RouteCase to "
                       "AuthzMatrixTest::Matrix with probes inside and outside the caller's scope";
      continue;
    }
    EXPECT_EQ(row->second->policy, route.access.policy) << name << " changed its policy";

    std::set<Where> where;
    for (const Probe& probe : row->second->probes) where.insert(probe.where);
    bool scoped = route.access.target != http::AccessTarget::kNone ||
                  (route.access.policy == "user.admin" && !where.count(Where::kNoTarget));
    if (scoped) {
      EXPECT_TRUE(where.count(Where::kInside)) << name << " has no probe inside the scope";
      EXPECT_TRUE(where.count(Where::kOutside)) << name << " has no probe outside the scope";
    } else {
      EXPECT_TRUE(where.count(Where::kNoTarget)) << name << " names no target but no probe says so";
    }
    for (const Probe& probe : row->second->probes) {
      if (probe.where == Where::kOutside) {
        EXPECT_FALSE(probe.allowed.Contains(Role::kReviewer)) << name << ": " << probe.name;
      }
    }
  }
  for (const auto& [name, row] : table) {
    EXPECT_TRUE(registered.count(name))
        << "the matrix names " << name << ", which is not a registered route";
  }
}

// --- The matrix, one test per module.

TEST_F(AuthzMatrixTest, PublicAndSessionRoutesAnswerEveryRole) {
  RunMatrix({"public", "session", "authenticated"});
}

TEST_F(AuthzMatrixTest, OrgRoutesAllowEachRoleOnlyInItsScope) {
  RunMatrix({"org.read", "org.write"});
}

TEST_F(AuthzMatrixTest, MemberRoutesAllowEachRoleOnlyInItsScope) {
  RunMatrix({"member.read", "member.write"});
}

TEST_F(AuthzMatrixTest, AuditRouteAllowsEachRoleOnlyInItsScope) { RunMatrix({"audit.read"}); }

TEST_F(AuthzMatrixTest, LifeRoutesAllowEachRoleOnlyInItsScope) {
  RunMatrix({"life.read", "life.write", "life.review"});
}

TEST_F(AuthzMatrixTest, UserAdminRoutesAllowEachRoleOnlyInItsScope) { RunMatrix({"user.admin"}); }

TEST_F(AuthzMatrixTest, QuestionBankRoutesAllowOnlyTheCommittee) { RunMatrix({"contest.bank"}); }

TEST_F(AuthzMatrixTest, ContestRoutesAllowEachAdminOnlyInItsScope) {
  RunMatrix({"contest.manage"});
}

// --- Without a valid session.

TEST_F(AuthzMatrixTest, EveryNonPublicRouteAnswers401WithoutAValidSession) {
  std::string forged = server_->admin_token();
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  const json invalid_session = {{"code", 401},
                                {"message", "登录状态无效，请重新登录"},
                                {"data", {{"error", "auth.session_invalid"}}}};
  for (const RouteCase& route : Matrix()) {
    SCOPED_TRACE(RouteName(route.method, route.pattern));
    // The committee admin's request reaches the handler; without a session, it must not.
    Call call = route.probes.front().call(Role::kCommitteeAdmin);
    std::vector<Call> missing;
    for (const Probe& probe : route.probes) {
      if (probe.missing) missing.push_back(probe.missing());
    }
    StoreState before = server_->ReadState();
    if (route.policy == "contest.take") {
      // No session opens these, nor does a missing pass read as a missing session.
      for (const std::string& token : {std::string(), server_->admin_token()}) {
        ApiReply reply = SendWithToken(token, call);
        EXPECT_EQ(reply.status, 401) << call << " → " << reply;
        EXPECT_EQ(reply.error(), "contest.pass_invalid") << reply;
      }
      EXPECT_EQ(server_->ReadState(), before) << "a request without a pass wrote";
      continue;
    }
    if (route.policy == "public") {
      EXPECT_EQ(SendWithToken("", call).status, 200) << call;
      EXPECT_EQ(SendWithToken(forged, call).status, 200) << call;
      continue;
    }
    ApiReply anonymous = SendWithToken("", call);
    EXPECT_EQ(anonymous.status, 401) << call << " → " << anonymous;
    EXPECT_EQ(anonymous.envelope, kUnauthenticatedEnvelope) << anonymous;
    for (const std::string& token : {forged, std::string("not-a-session-token")}) {
      ApiReply bad = SendWithToken(token, call);
      EXPECT_EQ(bad.status, 401) << call << " with token " << token << " → " << bad;
      EXPECT_EQ(bad.envelope, invalid_session) << bad;
    }
    // Nor does a 401 say whether the target exists.
    for (const Call& absent : missing) {
      ApiReply reply = SendWithToken("", absent);
      EXPECT_EQ(reply.envelope, kUnauthenticatedEnvelope) << absent << " → " << reply;
    }
    EXPECT_EQ(server_->ReadState(), before) << "an unauthenticated request wrote";
  }
}

// --- Refusals do not reveal whether the target exists.

// An envelope without the texts that repeat what the caller typed (an import's row errors
// quote the branch code of the row), so two refusals can be compared.
json WithoutTypedValues(json envelope) {
  if (!envelope.contains("data") || !envelope["data"].contains("errors")) return envelope;
  envelope.erase("message");
  for (json& e : envelope["data"]["errors"]) {
    e.erase("value");
    e.erase("message");
  }
  return envelope;
}

TEST_F(AuthzMatrixTest, RefusalsLookTheSameWhetherOrNotTheTargetExists) {
  int compared = 0;
  for (const RouteCase& route : Matrix()) {
    for (const Probe& probe : route.probes) {
      if (!probe.missing) continue;
      for (const RoleAccount& account : kAccounts) {
        SCOPED_TRACE(RouteName(route.method, route.pattern) + " — " + probe.name + " — as " +
                     RoleId(account.role));
        Call missing = probe.missing();
        if (account.role == Role::kCommitteeAdmin) {
          // Reaching the whole tree, the caller learns nothing new from a 404.
          ApiReply reply = Send(account.role, missing);
          EXPECT_NE(reply.status, 401) << missing << " → " << reply;
          EXPECT_NE(reply.status, 403) << missing << " → " << reply;
          continue;
        }
        if (probe.allowed.Contains(account.role)) continue;
        ApiReply outside = Send(account.role, probe.call(account.role));
        StoreState before = server_->ReadState();
        ApiReply absent = Send(account.role, missing);
        EXPECT_EQ(absent.status, PolicyRoleSet(route.policy).Contains(account.role)
                                     ? probe.out_of_scope_status
                                     : 403)
            << missing << " → " << absent;
        EXPECT_EQ(WithoutTypedValues(absent.envelope), WithoutTypedValues(outside.envelope))
            << "the refusal differs when the target does not exist:\n  existing: " << outside
            << "\n  missing:  " << missing << " → " << absent;
        EXPECT_EQ(server_->ReadState(), before) << "a refused request wrote";
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 100);
}

// --- Lists are filtered in the query.

TEST_F(AuthzMatrixTest, MemberListWithoutSubtreeCountsOnlyTheCallersScope) {
  auto scope_total = [](int64_t node) {
    MemberQuery query;
    query.subtree = node;
    query.limit = 1;
    Result<MemberPage> page = server_->app().roster().Search(query);
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->total : -1;
  };
  struct Case {
    Role role;
    int64_t scope;
  };
  for (const Case& c : {Case{Role::kCommitteeAdmin, kRoot}, Case{Role::kUnitAdmin, kUnit1},
                        Case{Role::kBranchSecretary, kBranch}, Case{Role::kAuditor, kUnit1}}) {
    SCOPED_TRACE(RoleId(c.role));
    json found = GetData(c.role, "/api/members?page_size=200&sort=id");
    EXPECT_EQ(found["total"], scope_total(c.scope));
    for (const json& m : found["items"]) {
      std::optional<NodeId> branch = server_->app().roster().BranchOf(m["id"].get<int64_t>());
      ASSERT_TRUE(branch.has_value()) << m;
      EXPECT_TRUE(server_->app().roster().IsInSubtree(*branch, c.scope)) << m;
    }
  }
  EXPECT_LT(scope_total(kBranch), scope_total(kUnit1));
  EXPECT_LT(scope_total(kUnit1), scope_total(kRoot));
}

TEST_F(AuthzMatrixTest, AuditListOfAScopedAuditorHoldsOnlyEntriesInTheirScope) {
  // A write under kUnit2 that the auditor of kUnit1 must not see.
  int64_t foreign = FreshMember(kOtherBranch);
  const std::string about_foreign = "/api/audit?entity=member&entity_id=" + Str(foreign);
  EXPECT_EQ(GetData(Role::kAuditor, about_foreign)["total"], 0);
  EXPECT_GE(GetData(Role::kCommitteeAdmin, about_foreign)["total"], 1);
  // And one under kBranch that they must see.
  int64_t local = FreshMember(kBranch);
  EXPECT_GE(GetData(Role::kAuditor, "/api/audit?entity=member&entity_id=" + Str(local))["total"],
            1);

  const Roster& roster = server_->app().roster();
  int64_t seen = 0;
  for (int page = 1;; ++page) {
    json found = GetData(Role::kAuditor, "/api/audit?page_size=200&page=" + Str(page));
    for (const json& entry : found["items"]) {
      SCOPED_TRACE(entry.dump());
      ++seen;
      const json& state = entry["after"].is_null() ? entry["before"] : entry["after"];
      std::optional<int64_t> node;
      if (entry["entity"] == "org_node") {
        // The node as the entry recorded it: a node deleted or moved since (its id perhaps
        // reused) counts under the parent it had then.
        node = entry["entity_id"].get<int64_t>();
        if (!roster.IsInSubtree(*node, kUnit1)) node = state["parent_id"].get<int64_t>();
      }
      if (entry["entity"] == "member") node = state["branch_id"].get<int64_t>();
      if (entry["entity"] == "role_grant") node = state["node_id"].get<int64_t>();
      ASSERT_TRUE(node.has_value()) << "an entry about " << entry["entity"];
      EXPECT_TRUE(roster.IsInSubtree(*node, kUnit1)) << "node " << *node << " is outside kUnit1";
    }
    if (found["items"].size() < 200) {
      EXPECT_EQ(found["total"], seen);
      break;
    }
  }
  EXPECT_GT(seen, 0);
  json all = GetData(Role::kCommitteeAdmin, "/api/audit?page_size=1");
  EXPECT_GT(all["total"].get<int64_t>(), seen);
}

TEST_F(AuthzMatrixTest, ScopedAuditorSeesTheDeletionOfANodeInTheirScope) {
  // The deletion of a group of kBranch is a change inside kUnit1: its auditor must see it,
  // as the committee admin does, both in the default list and with subtree=kBranch.
  int64_t group = FreshGroup(kBranch);
  ApiReply deleted = admin_->Delete("/api/orgs/" + Str(group));
  ASSERT_EQ(deleted.status, 200) << deleted;
  const std::string about = "/api/audit?entity=org_node&entity_id=" + Str(group);
  json everything = GetData(Role::kCommitteeAdmin, about);
  ASSERT_EQ(everything["total"], 2) << everything;  // create and delete
  EXPECT_EQ(GetData(Role::kAuditor, about)["total"], 2);
  EXPECT_EQ(GetData(Role::kAuditor, about + "&subtree=" + Str(kBranch))["total"], 2);
}

// --- Linking an account to a member is reaching that member's file.

TEST_F(AuthzMatrixTest, AccountsCannotBeLinkedToAMemberOutsideTheAdminsScope) {
  // An account linked to a member reads that member's file, unmasked, through the self rule
  // of member.read; so a unit admin may link an account only to a member they reach, and a
  // refusal reads the same for a member that does not exist. A second unit admin of kUnit1
  // keeps the matrix's own accounts untouched.
  std::string token =
      server_->CreateAccount("authz-unit-admin-2", {{0, 0, Role::kUnitAdmin, kUnit1}});
  Api unit_admin(server_->port(), token);
  const int64_t own_id = unit_admin.Get("/api/auth/me").data()["user"]["id"].get<int64_t>();
  ASSERT_EQ(unit_admin.Get("/api/members/" + Str(outside_member_)).envelope, kForbiddenEnvelope);

  const int64_t inside_account = FreshAccount(kBranch).id;
  auto link_own = [&](int64_t member) {
    return Put("/api/users/" + Str(own_id),
               {{"display_name", "单位管理员二"}, {"member_id", member}});
  };
  auto link_other = [&](int64_t member) {
    return Put("/api/users/" + Str(inside_account),
               {{"display_name", "矩阵目标账号"}, {"member_id", member}});
  };
  auto create_linked = [&](int64_t member) {
    return Post("/api/users", {{"username", "authz-linked-" + Str(Next())},
                               {"display_name", "矩阵新账号"},
                               {"password", kTestPassword},
                               {"member_id", member},
                               {"grants", {{{"role", "member"}, {"node_id", kBranch}}}}});
  };
  // Three more full members of kOtherBranch, one per case (a member has at most one account).
  MemberQuery query;
  query.subtree = kOtherBranch;
  query.statuses = {MemberStatus::kFull};
  query.sort = MemberSort::kId;
  query.limit = 4;
  Result<MemberPage> page = server_->app().roster().Search(query);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->ids.size(), 4u);
  ASSERT_EQ(page->ids[0], outside_member_);
  struct Case {
    const char* name;
    std::function<Call(int64_t)> call;
    MemberId member;
  };
  // Their own account last: if that link is let through, the file reads below show what it
  // gives.
  for (const Case& c : {Case{"link an account of kBranch", link_other, page->ids[1]},
                        Case{"create an account of kBranch linked", create_linked, page->ids[2]},
                        Case{"link their own account", link_own, page->ids[3]}}) {
    SCOPED_TRACE(c.name);
    StoreState before = server_->ReadState();
    Call outside = c.call(c.member);
    ApiReply refused = SendWithToken(token, outside);
    EXPECT_EQ(refused.status, 403) << outside << " → " << refused;
    EXPECT_EQ(server_->ReadState(), before) << "a refused request wrote";
    Call absent = c.call(kMissing);
    ApiReply missing = SendWithToken(token, absent);
    EXPECT_EQ(missing.envelope, refused.envelope)
        << "the refusal differs when the member does not exist:\n  existing: " << refused
        << "\n  missing:  " << absent << " → " << missing;
  }
  for (MemberId member : page->ids) {
    EXPECT_EQ(unit_admin.Get("/api/members/" + Str(member)).envelope, kForbiddenEnvelope)
        << "the unit admin reads the file of member " << member << ", outside kUnit1";
  }
}

// --- Masking.

TEST_F(AuthzMatrixTest, IdNumbersAreShownOnlyToThoseWhoMayWriteTheFileAndToItsOwner) {
  const std::string full = IdNumberOf(colleague_);
  ASSERT_EQ(full.size(), 18u);
  const std::string masked = MaskIdNumber(full);
  ASSERT_NE(masked, full);
  const std::string target = "/api/members/" + Str(colleague_);
  EXPECT_EQ(GetData(Role::kCommitteeAdmin, target)["id_number"], full);
  EXPECT_EQ(GetData(Role::kUnitAdmin, target)["id_number"], full);
  EXPECT_EQ(GetData(Role::kBranchSecretary, target)["id_number"], full);
  json read_only = GetData(Role::kAuditor, target);
  EXPECT_EQ(read_only["id_number"], masked);
  std::string phone = GetData(Role::kUnitAdmin, target)["phone"];
  ASSERT_EQ(phone.size(), 11u);
  EXPECT_EQ(read_only["phone"], phone.substr(0, 3) + "****" + phone.substr(7));

  // The member sees their own file whole.
  EXPECT_EQ(GetData(Role::kMember, "/api/members/" + Str(self_member_))["id_number"],
            IdNumberOf(self_member_));

  // Lists are masked for everyone, the committee admin included.
  for (Role role :
       {Role::kCommitteeAdmin, Role::kUnitAdmin, Role::kBranchSecretary, Role::kAuditor}) {
    SCOPED_TRACE(RoleId(role));
    json found = GetData(role, "/api/members?page_size=200&sort=id&subtree=" + Str(kBranch));
    ASSERT_FALSE(found["items"].empty());
    for (const json& m : found["items"]) {
      EXPECT_EQ(m["id_number"], MaskIdNumber(IdNumberOf(m["id"].get<int64_t>()))) << m["id"];
    }
  }
}

// --- Routes without a target answer for the caller's own scope.

TEST_F(AuthzMatrixTest, RootIsTheTopOfTheCallersOwnScope) {
  for (const RoleAccount& account : kAccounts) {
    SCOPED_TRACE(account.username);
    EXPECT_EQ(GetData(account.role, "/api/orgs/root")["id"], account.node);
    json me = GetData(account.role, "/api/auth/me");
    EXPECT_EQ(me["user"]["username"], account.username);
    ASSERT_EQ(me["roots"].size(), 1u) << me;
    EXPECT_EQ(me["roots"][0]["id"], account.node);
  }
}

}  // namespace
}  // namespace dj::integration
