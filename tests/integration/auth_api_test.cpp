// Signing in and staying signed in, through the real server: login by username and by phone
// (session cookie or bearer token), the lock after repeated failures, session expiry and
// logout, forged tokens, CSRF protection of cookie sessions, the forced password change, the
// audit trail of a logged-in user's writes and the administration of accounts.
//
// Servers that move the clock or count failed logins are started fresh for each test; the
// others are shared by their suite. Every login over HTTP comes from 127.0.0.1 and so counts
// against that address's limit (20 failures in 15 minutes): a shared server stays below it.
#include <gtest/gtest.h>

#include <chrono>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "integration/test_server.h"

namespace dj::integration {
namespace {

using nlohmann::json;

constexpr char kLoopback[] = "127.0.0.1";
constexpr int64_t kMinute = 60;
constexpr int64_t kIdleLimit = 30 * kMinute;
constexpr int64_t kLockLength = 15 * kMinute;
constexpr int64_t kLifetime = 12 * 60 * kMinute;

constexpr char kBadCredentials[] = "用户名或密码错误";
constexpr char kLoginRequired[] = "请先登录";
constexpr char kSessionInvalid[] = "登录状态无效，请重新登录";
constexpr char kSessionExpired[] = "登录已超时，请重新登录";
constexpr char kCsrfFailed[] = "请求未携带有效的安全令牌，请刷新页面后重试";
constexpr char kChangeRequired[] = "请先修改初始密码";
// A lock set at noon (the test servers' time) ends at 12:15.
constexpr char kAccountLocked[] = "连续登录失败次数过多，账号已锁定，请于 12:15 后再试";
constexpr char kAddressLocked[] = "该网络地址登录失败次数过多，已暂停登录，请于 12:15 后再试";

constexpr char kWrongPassword[] = "Wrong-Pass-2026";
constexpr char kNewPassword[] = "Changed-Pass-2027";

std::string Str(int64_t n) { return std::to_string(n); }

int64_t Noon() { return FixedClock::AtNoon(Today()).NowUnixSeconds(); }

void SetClock(TestServer& server, int64_t unix_seconds) { server.clock().Set(unix_seconds); }

// The refusal `status` / `key` / `message` in the standard envelope {code, message, data}.
::testing::AssertionResult Refused(const ApiReply& reply, int status, std::string_view key,
                                   std::string_view message) {
  const bool envelope_ok = reply.envelope.is_object() && reply.envelope.contains("code") &&
                           reply.envelope["code"] == status && reply.data().is_object();
  if (reply.status == status && envelope_ok && reply.error() == key && reply.message() == message) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "expected HTTP " << status << " " << key << " 「" << message << "」, got " << reply;
}

// POST /api/auth/login from a fresh client; `mode` is the "session" field ("" leaves it out).
ApiReply LogIn(uint16_t port, const std::string& identifier, const std::string& password,
               const std::string& mode = "") {
  json body = {{"username", identifier}, {"password", password}};
  if (!mode.empty()) body["session"] = mode;
  Api api(port);
  return api.Post("/api/auth/login", body);
}

// The token set by "Set-Cookie: dj_session=<token>; ...", or "" when there is none.
std::string CookieToken(const ApiReply& reply) {
  const std::string cookie = reply.Header("Set-Cookie");
  const std::string prefix = "dj_session=";
  if (cookie.rfind(prefix, 0) != 0) return "";
  return cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
}

// A client that presents `token` as the session cookie, and `csrf` (when not empty) in
// X-CSRF-Token, as the web app does.
std::unique_ptr<Api> CookieClient(uint16_t port, const std::string& token,
                                  const std::string& csrf = "") {
  auto api = std::make_unique<Api>(port);
  api->SetHeader("Cookie", "dj_session=" + token);
  api->SetHeader("X-CSRF-Token", csrf);
  return api;
}

// A browser session: the cookie's token and the CSRF token of a cookie login.
struct BrowserSession {
  std::string token;
  std::string csrf;
};

BrowserSession CookieLogIn(uint16_t port, const std::string& username,
                           const std::string& password) {
  ApiReply login = LogIn(port, username, password, "cookie");
  EXPECT_EQ(login.status, 200) << login;
  return {CookieToken(login), login.data().value("csrf_token", "")};
}

// The account id behind a session token.
int64_t UserIdOf(uint16_t port, const std::string& token) {
  ApiReply me = Api(port, token).Get("/api/auth/me");
  EXPECT_EQ(me.status, 200) << me;
  return me.data()["user"].value("id", int64_t{0});
}

// True when nothing in the answer looks like a stored password.
::testing::AssertionResult RevealsNoPassword(const ApiReply& reply) {
  for (const char* secret : {"password_hash", "argon2", kTestPassword}) {
    if (reply.body.find(secret) != std::string::npos) {
      return ::testing::AssertionFailure() << "\"" << secret << "\" in " << reply;
    }
  }
  return ::testing::AssertionSuccess();
}

// 43 random base64url characters: the form of a session token, but no session's.
std::string ForgedToken() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::mt19937 random(20260615);
  std::string token;
  for (int i = 0; i < 43; ++i) token += kAlphabet[random() % 64];
  return token;
}

// The lock on `kind`/`subject` in GET /api/auth/locks, or null.
json FindLock(const json& locks, const std::string& kind, const std::string& subject) {
  for (const json& lock : locks) {
    if (lock["kind"] == kind && lock["subject"] == subject) return lock;
  }
  return nullptr;
}

// A member of kBranch, as the list shows it.
json SomeMemberOfBranch(uint16_t port, const std::string& token) {
  ApiReply found = Api(port, token).Get("/api/members?page_size=1&subtree=" + Str(kBranch));
  EXPECT_EQ(found.status, 200) << found;
  EXPECT_EQ(found.data()["items"].size(), 1u) << found;
  return found.data()["items"].empty() ? json::object() : found.data()["items"][0];
}

// --- Logging in, on one server for the suite.

class LoginTest : public ::testing::Test {
 protected:
  static constexpr char kPhone[] = "13912345678";

  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    server_->CreateAccount("alice", {{0, 0, Role::kBranchSecretary, kBranch}});
    NewUser user;
    user.username = "phoneuser";
    user.display_name = "手机用户";
    user.phone = kPhone;
    user.password = kTestPassword;
    user.grants = {{0, 0, Role::kBranchSecretary, kBranch}};
    user.must_change_password = false;
    Result<User> created = server_->app().auth().CreateUserAsSystem(
        WriteContext{}, std::move(user), server_->clock().NowUnixSeconds());
    ASSERT_TRUE(created.ok()) << created.error().message;
  }
  static void TearDownTestSuite() { server_.reset(); }

  uint16_t port() const { return server_->port(); }

  static inline std::unique_ptr<TestServer> server_;
};

TEST_F(LoginTest, ByUsernameSetsAnHttpOnlyStrictCookieForTheWholeSite) {
  ApiReply login = LogIn(port(), "alice", kTestPassword);
  ASSERT_EQ(login.status, 200) << login;
  const std::string token = CookieToken(login);
  ASSERT_EQ(token.size(), 43u) << login.Header("Set-Cookie");
  EXPECT_EQ(
      login.Header("Set-Cookie"),
      "dj_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + Str(kLifetime));
  // The page's scripts must never see the token: only the HttpOnly cookie carries it.
  EXPECT_FALSE(login.data().contains("token")) << login;
  EXPECT_EQ(login.body.find(token), std::string::npos);
  EXPECT_EQ(login.data()["user"]["username"], "alice");
  EXPECT_EQ(login.data()["must_change_password"], false);
  EXPECT_EQ(login.data()["expires_at"], Noon() + kLifetime);
  EXPECT_EQ(login.data()["csrf_token"].get<std::string>().size(), 43u);
  ASSERT_EQ(login.data()["grants"].size(), 1u);
  EXPECT_EQ(login.data()["grants"][0]["role"], "branch_secretary");
  EXPECT_EQ(login.data()["grants"][0]["node_id"], kBranch);

  // "session": "cookie" is the default, said explicitly.
  ApiReply explicit_cookie = LogIn(port(), "alice", kTestPassword, "cookie");
  ASSERT_EQ(explicit_cookie.status, 200) << explicit_cookie;
  EXPECT_EQ(CookieToken(explicit_cookie).size(), 43u);
  EXPECT_NE(CookieToken(explicit_cookie), token);
}

TEST_F(LoginTest, BehindAnHttpsProxyTheCookieIsAlsoSecure) {
  Api api(port());
  api.SetHeader("X-Forwarded-Proto", "https");
  ApiReply login =
      api.Post("/api/auth/login", {{"username", "alice"}, {"password", kTestPassword}});
  ASSERT_EQ(login.status, 200) << login;
  EXPECT_EQ(login.Header("Set-Cookie"),
            "dj_session=" + CookieToken(login) +
                "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + Str(kLifetime) + "; Secure");
}

TEST_F(LoginTest, TheSessionCookieAuthenticatesMe) {
  ApiReply login = LogIn(port(), "alice", kTestPassword);
  ASSERT_EQ(login.status, 200) << login;
  std::unique_ptr<Api> browser = CookieClient(port(), CookieToken(login));
  ApiReply me = browser->Get("/api/auth/me");
  ASSERT_EQ(me.status, 200) << me;
  EXPECT_EQ(me.data()["user"]["username"], "alice");
  EXPECT_EQ(me.data()["user"]["display_name"], "测试alice");
  EXPECT_EQ(me.data()["csrf_token"], login.data()["csrf_token"]);
  EXPECT_EQ(me.data()["expires_at"], login.data()["expires_at"]);
  ASSERT_EQ(me.data()["roots"].size(), 1u) << me;
  EXPECT_EQ(me.data()["roots"][0]["id"], kBranch);
  EXPECT_EQ(me.data()["roots"][0]["name"], kBranchName);

  // The cookie also opens the routes the account's role allows.
  ApiReply members = browser->Get("/api/members?page_size=1");
  EXPECT_EQ(members.status, 200) << members;
  // Without it, the same client is nobody.
  browser->SetHeader("Cookie", "");
  EXPECT_TRUE(Refused(browser->Get("/api/auth/me"), 401, "auth.required", kLoginRequired));
}

TEST_F(LoginTest, ByPhoneNumberOpensTheAccountWithThatPhone) {
  ApiReply login = LogIn(port(), kPhone, kTestPassword, "bearer");
  ASSERT_EQ(login.status, 200) << login;
  EXPECT_EQ(login.data()["user"]["username"], "phoneuser");
  EXPECT_EQ(login.data()["user"]["phone"], kPhone);
  ApiReply me = Api(port(), login.data().value("token", "")).Get("/api/auth/me");
  ASSERT_EQ(me.status, 200) << me;
  EXPECT_EQ(me.data()["user"]["username"], "phoneuser");

  // The phone's wrong password is refused like a username's.
  EXPECT_TRUE(
      Refused(LogIn(port(), kPhone, kWrongPassword), 401, "auth.bad_credentials", kBadCredentials));
}

TEST_F(LoginTest, BearerModeAnswersATokenAndSetsNoCookie) {
  ApiReply login = LogIn(port(), "alice", kTestPassword, "bearer");
  ASSERT_EQ(login.status, 200) << login;
  EXPECT_EQ(login.Header("Set-Cookie"), "");
  const std::string token = login.data().value("token", "");
  ASSERT_EQ(token.size(), 43u) << login;

  Api program(port(), token);
  ApiReply me = program.Get("/api/auth/me");
  ASSERT_EQ(me.status, 200) << me;
  EXPECT_EQ(me.data()["user"]["username"], "alice");
  EXPECT_EQ(me.data()["csrf_token"], login.data()["csrf_token"]);
  ApiReply members = program.Get("/api/members?page_size=1&subtree=" + Str(kBranch));
  EXPECT_EQ(members.status, 200) << members;
}

TEST_F(LoginTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  ApiReply wrong = LogIn(port(), "alice", kWrongPassword);
  ApiReply unknown = LogIn(port(), "nobody-here", kTestPassword);
  EXPECT_TRUE(Refused(wrong, 401, "auth.bad_credentials", kBadCredentials));
  EXPECT_TRUE(Refused(unknown, 401, "auth.bad_credentials", kBadCredentials));
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.Header("Set-Cookie"), "");
  EXPECT_EQ(unknown.Header("Set-Cookie"), "");
}

TEST_F(LoginTest, MissingCredentialsAndUnknownSessionModesAreRefused) {
  EXPECT_TRUE(Refused(LogIn(port(), "  ", kTestPassword), 400, "auth.credentials_required",
                      "请输入用户名（或手机号）和密码"));
  EXPECT_TRUE(Refused(LogIn(port(), "alice", ""), 400, "auth.credentials_required",
                      "请输入用户名（或手机号）和密码"));
  ApiReply jwt = LogIn(port(), "alice", kTestPassword, "jwt");
  EXPECT_TRUE(
      Refused(jwt, 400, "validation_failed", "字段 session 的取值 jwt 无效，可选：cookie、bearer"));
  EXPECT_EQ(jwt.Header("Set-Cookie"), "");
}

TEST_F(LoginTest, NoAnswerRevealsAPasswordHash) {
  const std::string& admin = server_->admin_token();
  ApiReply cookie_login = LogIn(port(), "alice", kTestPassword, "cookie");
  ApiReply bearer_login = LogIn(port(), "phoneuser", kTestPassword, "bearer");
  ASSERT_EQ(cookie_login.status, 200) << cookie_login;
  ASSERT_EQ(bearer_login.status, 200) << bearer_login;
  EXPECT_TRUE(RevealsNoPassword(cookie_login));
  EXPECT_TRUE(RevealsNoPassword(bearer_login));
  EXPECT_TRUE(
      RevealsNoPassword(CookieClient(port(), CookieToken(cookie_login))->Get("/api/auth/me")));

  Api api(port(), admin);
  ApiReply users = api.Get("/api/users?page_size=200");
  ASSERT_EQ(users.status, 200) << users;
  EXPECT_GE(users.data()["total"], 3);
  EXPECT_TRUE(RevealsNoPassword(users));
  const int64_t alice = cookie_login.data()["user"]["id"].get<int64_t>();
  ApiReply detail = api.Get("/api/users/" + Str(alice));
  ASSERT_EQ(detail.status, 200) << detail;
  EXPECT_TRUE(RevealsNoPassword(detail));
  ApiReply audit = api.Get("/api/audit?entity=user&page_size=200");
  ASSERT_EQ(audit.status, 200) << audit;
  EXPECT_GE(audit.data()["total"], 3);
  EXPECT_TRUE(RevealsNoPassword(audit));
}

// --- Locks after failed logins; each test on a fresh server (they move the clock).

class LoginLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::Start();
    server_->CreateAccount("bob", {{0, 0, Role::kBranchSecretary, kBranch}});
    server_->CreateAccount("carol", {{0, 0, Role::kBranchSecretary, kBranch}});
  }

  uint16_t port() const { return server_->port(); }

  void FailFiveTimes(const std::string& username) {
    for (int i = 1; i <= 5; ++i) {
      EXPECT_TRUE(Refused(LogIn(port(), username, kWrongPassword), 401, "auth.bad_credentials",
                          kBadCredentials))
          << "attempt " << i;
    }
  }

  json Locks() {
    ApiReply locks = Api(port(), server_->admin_token()).Get("/api/auth/locks");
    EXPECT_EQ(locks.status, 200) << locks;
    return locks.data();
  }

  ApiReply Lift(const std::string& kind, const std::string& subject) {
    return Api(port(), server_->admin_token())
        .Post("/api/auth/locks/lift", {{"kind", kind}, {"subject", subject}});
  }

  std::unique_ptr<TestServer> server_;
};

TEST_F(LoginLockTest, FiveWrongPasswordsInARowLockTheAccountFor15Minutes) {
  FailFiveTimes("bob");
  // The right password no longer helps, nor another wrong one.
  EXPECT_TRUE(Refused(LogIn(port(), "bob", kTestPassword), 401, "auth.locked", kAccountLocked));
  EXPECT_TRUE(Refused(LogIn(port(), "bob", kWrongPassword), 401, "auth.locked", kAccountLocked));
  EXPECT_TRUE(
      Refused(LogIn(port(), "bob", kTestPassword, "bearer"), 401, "auth.locked", kAccountLocked));
  // Other accounts are not affected.
  EXPECT_EQ(LogIn(port(), "carol", kTestPassword).status, 200);

  SetClock(*server_, Noon() + kLockLength - 1);
  EXPECT_TRUE(Refused(LogIn(port(), "bob", kTestPassword), 401, "auth.locked", kAccountLocked));
  SetClock(*server_, Noon() + kLockLength);
  ApiReply after = LogIn(port(), "bob", kTestPassword);
  EXPECT_EQ(after.status, 200) << after;
  EXPECT_EQ(CookieToken(after).size(), 43u);
}

// Failed logins are answered slowly (the server holds the answer on a timer); a success is
// not held. Only the lower bound is checked: it cannot fail on a slow machine.
TEST(LoginDelayTest, AFailedLoginIsAnsweredAfterTheDelay) {
  constexpr int64_t kDelayMs = 400;
  std::unique_ptr<TestServer> server = TestServer::Start(kDelayMs);
  server->CreateAccount("bob", {{0, 0, Role::kBranchSecretary, kBranch}});
  for (const char* password : {kWrongPassword, kWrongPassword}) {
    auto start = std::chrono::steady_clock::now();
    ApiReply refused = LogIn(server->port(), "bob", password);
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(Refused(refused, 401, "auth.bad_credentials", kBadCredentials));
    EXPECT_GE(elapsed, std::chrono::milliseconds(kDelayMs));
  }
  // An unknown account is held just as long, so timing does not tell who exists.
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(Refused(LogIn(server->port(), "nobody", kWrongPassword), 401, "auth.bad_credentials",
                      kBadCredentials));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(kDelayMs));
  EXPECT_EQ(LogIn(server->port(), "bob", kTestPassword).status, 200);
}

TEST_F(LoginLockTest, ASuccessStartsTheCountAgain) {
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i) {
      EXPECT_TRUE(Refused(LogIn(port(), "bob", kWrongPassword), 401, "auth.bad_credentials",
                          kBadCredentials));
    }
    ApiReply ok = LogIn(port(), "bob", kTestPassword);
    EXPECT_EQ(ok.status, 200) << "round " << round << ": " << ok;
  }
  EXPECT_TRUE(FindLock(Locks(), "account", "bob").is_null());
}

TEST_F(LoginLockTest, TheAdminSeesTheAccountLockAndLiftingItLetsTheRightPasswordIn) {
  FailFiveTimes("bob");
  json lock = FindLock(Locks(), "account", "bob");
  ASSERT_FALSE(lock.is_null()) << Locks();
  EXPECT_EQ(lock["failures"], 5);
  EXPECT_EQ(lock["locked_until"], Noon() + kLockLength);
  EXPECT_EQ(lock["unlocks_at"], "12:15");
  EXPECT_TRUE(Refused(LogIn(port(), "bob", kTestPassword), 401, "auth.locked", kAccountLocked));

  ApiReply lifted = Lift("account", "bob");
  ASSERT_EQ(lifted.status, 200) << lifted;
  EXPECT_EQ(lifted.data(), json({{"kind", "account"}, {"subject", "bob"}}));
  ApiReply audited = Api(port(), server_->admin_token()).Get("/api/audit?entity=login_lock");
  ASSERT_EQ(audited.status, 200) << audited;
  ASSERT_EQ(audited.data()["total"], 1) << audited;
  EXPECT_EQ(audited.data()["items"][0]["action"], "unlock");
  EXPECT_EQ(audited.data()["items"][0]["before"]["subject"], "bob");
  EXPECT_EQ(audited.data()["items"][0]["user_name"], "测试root（root）");
  EXPECT_TRUE(FindLock(Locks(), "account", "bob").is_null());
  ApiReply login = LogIn(port(), "bob", kTestPassword);
  EXPECT_EQ(login.status, 200) << login;

  EXPECT_TRUE(Refused(Lift("account", "bob"), 404, "auth.lock_not_found", "没有该锁定记录"));
  EXPECT_TRUE(Refused(Lift("user", "bob"), 400, "validation_failed",
                      "字段 kind 的取值 user 无效，可选：account、address"));
}

TEST_F(LoginLockTest, TwentyFailuresFromOneAddressLockItForEveryAccount) {
  // One failure each for twenty names (none reaches the account limit).
  for (int i = 1; i <= 20; ++i) {
    EXPECT_TRUE(Refused(LogIn(port(), "guess" + Str(i), kWrongPassword), 401,
                        "auth.bad_credentials", kBadCredentials))
        << "attempt " << i;
  }
  EXPECT_TRUE(
      Refused(LogIn(port(), "carol", kTestPassword), 401, "auth.address_locked", kAddressLocked));
  EXPECT_TRUE(Refused(LogIn(port(), "bob", kTestPassword, "bearer"), 401, "auth.address_locked",
                      kAddressLocked));

  json lock = FindLock(Locks(), "address", kLoopback);
  ASSERT_FALSE(lock.is_null()) << Locks();
  EXPECT_EQ(lock["failures"], 20);
  EXPECT_EQ(lock["locked_until"], Noon() + kLockLength);
  EXPECT_EQ(lock["unlocks_at"], "12:15");

  SetClock(*server_, Noon() + kLockLength);
  ApiReply login = LogIn(port(), "carol", kTestPassword);
  EXPECT_EQ(login.status, 200) << login;
}

TEST_F(LoginLockTest, LiftingTheAddressLockLetsLoginsInAtOnce) {
  for (int i = 1; i <= 20; ++i) LogIn(port(), "guess" + Str(i), kWrongPassword);
  ASSERT_TRUE(
      Refused(LogIn(port(), "carol", kTestPassword), 401, "auth.address_locked", kAddressLocked));
  ApiReply lifted = Lift("address", kLoopback);
  ASSERT_EQ(lifted.status, 200) << lifted;
  EXPECT_TRUE(FindLock(Locks(), "address", kLoopback).is_null());
  ApiReply login = LogIn(port(), "carol", kTestPassword);
  EXPECT_EQ(login.status, 200) << login;
}

// --- Session expiry and logout; each test on a fresh server.

class SessionApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::Start();
    server_->CreateAccount("dave", {{0, 0, Role::kBranchSecretary, kBranch}});
  }

  uint16_t port() const { return server_->port(); }

  std::unique_ptr<TestServer> server_;
};

TEST_F(SessionApiTest, ASessionUnused30MinutesIsOver) {
  ApiReply login = LogIn(port(), "dave", kTestPassword, "bearer");
  ASSERT_EQ(login.status, 200) << login;
  Api api(port(), login.data().value("token", ""));
  ApiReply browser_login = LogIn(port(), "dave", kTestPassword);
  std::unique_ptr<Api> browser = CookieClient(port(), CookieToken(browser_login));

  SetClock(*server_, Noon() + kIdleLimit - 1);
  EXPECT_EQ(api.Get("/api/auth/me").status, 200);  // used: idle time starts again
  SetClock(*server_, Noon() + 2 * kIdleLimit - 2);
  EXPECT_EQ(api.Get("/api/auth/me").status, 200);
  EXPECT_TRUE(Refused(browser->Get("/api/auth/me"), 401, "auth.session_expired", kSessionExpired));

  SetClock(*server_, Noon() + 3 * kIdleLimit - 2);
  EXPECT_TRUE(Refused(api.Get("/api/auth/me"), 401, "auth.session_expired", kSessionExpired));
  // An expired session is gone for good.
  EXPECT_TRUE(Refused(api.Get("/api/auth/me"), 401, "auth.session_invalid", kSessionInvalid));
  SetClock(*server_, Noon());
  EXPECT_TRUE(Refused(api.Get("/api/auth/me"), 401, "auth.session_invalid", kSessionInvalid));
}

TEST_F(SessionApiTest, ASessionEnds12HoursAfterLoginHoweverBusy) {
  ApiReply login = LogIn(port(), "dave", kTestPassword, "bearer");
  ASSERT_EQ(login.status, 200) << login;
  EXPECT_EQ(login.data()["expires_at"], Noon() + kLifetime);
  Api api(port(), login.data().value("token", ""));
  for (int64_t t = 10 * kMinute; t < kLifetime; t += 10 * kMinute) {
    SetClock(*server_, Noon() + t);
    ApiReply me = api.Get("/api/auth/me");
    ASSERT_EQ(me.status, 200) << "after " << t / kMinute << " minutes: " << me;
  }
  SetClock(*server_, Noon() + kLifetime);
  EXPECT_TRUE(Refused(api.Get("/api/auth/me"), 401, "auth.session_expired", kSessionExpired));
  // A new login is a new session of 12 hours.
  ApiReply again = LogIn(port(), "dave", kTestPassword, "bearer");
  ASSERT_EQ(again.status, 200) << again;
  EXPECT_EQ(again.data()["expires_at"], Noon() + 2 * kLifetime);
}

TEST_F(SessionApiTest, LogoutEndsTheCookieSessionAndClearsTheCookie) {
  BrowserSession session = CookieLogIn(port(), "dave", kTestPassword);
  std::unique_ptr<Api> browser = CookieClient(port(), session.token, session.csrf);
  ApiReply logout = browser->Post("/api/auth/logout", json::object());
  ASSERT_EQ(logout.status, 200) << logout;
  EXPECT_EQ(logout.Header("Set-Cookie"),
            "dj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  EXPECT_TRUE(Refused(browser->Get("/api/auth/me"), 401, "auth.session_invalid", kSessionInvalid));
  EXPECT_TRUE(Refused(Api(port(), session.token).Get("/api/auth/me"), 401, "auth.session_invalid",
                      kSessionInvalid));
}

TEST_F(SessionApiTest, LogoutEndsOnlyTheBearerSessionItWasSentWith) {
  ApiReply first = LogIn(port(), "dave", kTestPassword, "bearer");
  ApiReply second = LogIn(port(), "dave", kTestPassword, "bearer");
  Api api(port(), first.data().value("token", ""));
  ApiReply logout = api.Post("/api/auth/logout", json::object());
  ASSERT_EQ(logout.status, 200) << logout;
  EXPECT_EQ(logout.Header("Set-Cookie"), "");
  EXPECT_TRUE(Refused(api.Get("/api/auth/me"), 401, "auth.session_invalid", kSessionInvalid));
  EXPECT_TRUE(Refused(api.Post("/api/auth/logout", json::object()), 401, "auth.session_invalid",
                      kSessionInvalid));
  EXPECT_EQ(Api(port(), second.data().value("token", "")).Get("/api/auth/me").status, 200);
}

TEST_F(SessionApiTest, ForgedOrMangledTokensAreRefused) {
  ApiReply login = LogIn(port(), "dave", kTestPassword, "bearer");
  const std::string token = login.data().value("token", "");
  ASSERT_EQ(token.size(), 43u) << login;
  std::string flipped = token;
  flipped[20] = flipped[20] == 'A' ? 'B' : 'A';

  struct Case {
    std::string name;
    std::string header;  // "Authorization" or "Cookie"
    std::string value;
    std::string error;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"forged", "Authorization", "Bearer " + ForgedToken(), "auth.session_invalid",
       kSessionInvalid},
      {"truncated", "Authorization", "Bearer " + token.substr(0, 42), "auth.session_invalid",
       kSessionInvalid},
      {"one character changed", "Authorization", "Bearer " + flipped, "auth.session_invalid",
       kSessionInvalid},
      {"one character more", "Authorization", "Bearer " + token + "A", "auth.session_invalid",
       kSessionInvalid},
      {"space inside", "Authorization", "Bearer " + token + " x", "auth.session_invalid",
       kSessionInvalid},
      {"two spaces after Bearer", "Authorization", "Bearer  " + token, "auth.session_invalid",
       kSessionInvalid},
      {"empty bearer", "Authorization", "Bearer ", "auth.required", kLoginRequired},
      {"no scheme", "Authorization", token, "auth.required", kLoginRequired},
      {"basic scheme", "Authorization", "Basic " + token, "auth.required", kLoginRequired},
      {"forged cookie", "Cookie", "dj_session=" + ForgedToken(), "auth.session_invalid",
       kSessionInvalid},
      {"truncated cookie", "Cookie", "dj_session=" + token.substr(0, 42), "auth.session_invalid",
       kSessionInvalid},
      {"empty cookie", "Cookie", "dj_session=", "auth.required", kLoginRequired},
      {"other cookie", "Cookie", "session=" + token, "auth.required", kLoginRequired},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Api api(port());
    api.SetHeader(c.header, c.value);
    EXPECT_TRUE(Refused(api.Get("/api/auth/me"), 401, c.error, c.message));
    EXPECT_TRUE(Refused(api.Get("/api/members?page_size=1"), 401, c.error, c.message));
  }
  // None of them disturbed the real session.
  EXPECT_EQ(Api(port(), token).Get("/api/auth/me").status, 200);
}

// A trailing space can only reach the server inside a cookie: HTTP strips the whitespace
// around a header's value (RFC 9110 5.5), so "Bearer <token> " is the token itself.
TEST_F(SessionApiTest, ATrailingSpaceMakesACookieTokenInvalid) {
  ApiReply login = LogIn(port(), "dave", kTestPassword, "bearer");
  const std::string token = login.data().value("token", "");
  ASSERT_EQ(token.size(), 43u) << login;

  Api cookie(port());
  cookie.SetHeader("Cookie", "dj_session=" + token + " ; theme=dark");
  EXPECT_TRUE(Refused(cookie.Get("/api/auth/me"), 401, "auth.session_invalid", kSessionInvalid));
  cookie.SetHeader("Cookie", "dj_session=" + token + "; theme=dark");
  EXPECT_EQ(cookie.Get("/api/auth/me").status, 200);

  Api bearer(port());
  bearer.SetHeader("Authorization", "Bearer " + token + " ");
  EXPECT_EQ(bearer.Get("/api/auth/me").status, 200);
}

// --- CSRF protection of cookie sessions, on one server for the suite.

class CsrfTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    session_ = CookieLogIn(server_->port(), "root", kTestPassword);
  }
  static void TearDownTestSuite() { server_.reset(); }

  uint16_t port() const { return server_->port(); }

  struct Write {
    std::string method;
    std::string target;
    json body;
  };

  ApiReply Send(Api& api, const Write& w) {
    if (w.method == "DELETE") return api.Delete(w.target);
    return api.Send(w.method, w.target, w.body.dump());
  }

  // Writes of every kind a browser page makes, none of which may pass without the token.
  std::vector<Write> Writes() {
    const int64_t member = SomeMemberOfBranch(port(), server_->admin_token())["id"];
    return {
        {"POST", "/api/members", ValidMember(951)},
        {"PUT", "/api/members/" + Str(member), {{"post", "伪造的职务"}}},
        {"DELETE", "/api/members/" + Str(member), nullptr},
        {"POST",
         "/api/members/" + Str(member) + "/transfer",
         {{"to_branch_id", kOtherBranch}, {"date", "2026-06-01"}}},
        {"POST",
         "/api/orgs",
         {{"kind", "branch"}, {"name", "伪造的支部"}, {"parent_id", kOrganCommittee}}},
        {"PUT", "/api/orgs/" + Str(kBranch), {{"name", "伪造的名称"}}},
        {"DELETE", "/api/orgs/" + Str(kGroup), nullptr},
        {"POST",
         "/api/users",
         {{"username", "intruder"},
          {"display_name", "入侵者"},
          {"password", "Intruder-Pass-1"},
          {"grants", {{{"role", "committee_admin"}, {"node_id", kRoot}}}}}},
        {"POST",
         "/api/auth/password",
         {{"old_password", kTestPassword}, {"new_password", "Stolen-Pass-99"}}},
        {"POST", "/api/auth/logout", json::object()},
    };
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline BrowserSession session_;
};

TEST_F(CsrfTest, CookieWritesWithoutTheTokenAreRefusedAndChangeNothing) {
  const StoreState before = server_->ReadState();
  std::unique_ptr<Api> page = CookieClient(port(), session_.token);
  for (const Write& w : Writes()) {
    SCOPED_TRACE(w.method + " " + w.target);
    EXPECT_TRUE(Refused(Send(*page, w), 403, "auth.csrf_failed", kCsrfFailed));
  }
  EXPECT_EQ(server_->ReadState(), before);
  // Neither the logout nor the password change went through.
  EXPECT_EQ(page->Get("/api/auth/me").status, 200);
  EXPECT_EQ(LogIn(port(), "root", kTestPassword, "bearer").status, 200);
}

TEST_F(CsrfTest, CookieWritesWithAWrongTokenAreRefusedAndChangeNothing) {
  BrowserSession other = CookieLogIn(port(), "root", kTestPassword);
  ASSERT_NE(other.csrf, session_.csrf);
  std::string almost = session_.csrf;
  almost.back() = almost.back() == 'A' ? 'B' : 'A';
  const StoreState before = server_->ReadState();
  for (const std::string& wrong :
       {other.csrf, almost, session_.csrf.substr(0, 42), session_.token, ForgedToken()}) {
    SCOPED_TRACE(wrong);
    std::unique_ptr<Api> page = CookieClient(port(), session_.token, wrong);
    for (const Write& w : Writes()) {
      SCOPED_TRACE(w.method + " " + w.target);
      EXPECT_TRUE(Refused(Send(*page, w), 403, "auth.csrf_failed", kCsrfFailed));
    }
  }
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(CsrfTest, CookieWritesWithTheRightTokenAreAllowed) {
  // The token the login answered is the one GET /api/auth/me repeats.
  ApiReply me = CookieClient(port(), session_.token)->Get("/api/auth/me");
  ASSERT_EQ(me.status, 200) << me;
  ASSERT_EQ(me.data()["csrf_token"], session_.csrf);

  std::unique_ptr<Api> page = CookieClient(port(), session_.token, session_.csrf);
  const StoreState before = server_->ReadState();
  ApiReply created = page->Post("/api/members", ValidMember(953));
  ASSERT_EQ(created.status, 201) << created;
  const int64_t id = created.data()["id"].get<int64_t>();
  ApiReply updated = page->Put("/api/members/" + Str(id), {{"post", "组织委员"}});
  EXPECT_EQ(updated.status, 200) << updated;
  EXPECT_EQ(updated.data()["post"], "组织委员");
  ApiReply deleted = page->Delete("/api/members/" + Str(id));
  EXPECT_EQ(deleted.status, 200) << deleted;
  const StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, before.audit_head + 3);
  EXPECT_EQ(after.members, before.members);
}

TEST_F(CsrfTest, CookieReadsNeedNoToken) {
  std::unique_ptr<Api> page = CookieClient(port(), session_.token);
  for (const char* target : {"/api/auth/me", "/api/members?page_size=1", "/api/orgs/root",
                             "/api/users", "/api/audit?page_size=1", "/api/auth/locks"}) {
    ApiReply reply = page->Get(target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply;
  }
}

TEST_F(CsrfTest, BearerWritesNeedNoToken) {
  Api program(port(), server_->admin_token());
  const StoreState before = server_->ReadState();
  ApiReply created = program.Post("/api/members", ValidMember(955));
  ASSERT_EQ(created.status, 201) << created;
  ApiReply deleted = program.Delete("/api/members/" + Str(created.data()["id"].get<int64_t>()));
  EXPECT_EQ(deleted.status, 200) << deleted;
  EXPECT_EQ(server_->ReadState().audit_head, before.audit_head + 2);
}

// --- The forced password change; each test on a fresh server.

class ForcedPasswordChangeTest : public ::testing::Test {
 protected:
  static constexpr char kInitialPassword[] = "Initial-Pass-1";

  void SetUp() override {
    server_ = TestServer::Start();
    ApiReply created =
        Api(port(), server_->admin_token())
            .Post("/api/users",
                  {{"username", "newclerk"},
                   {"display_name", "新文书"},
                   {"password", kInitialPassword},
                   {"grants", {{{"role", "branch_secretary"}, {"node_id", kBranch}}}}});
    ASSERT_EQ(created.status, 201) << created;
    ASSERT_EQ(created.data()["must_change_password"], true) << created;
  }

  uint16_t port() const { return server_->port(); }

  std::unique_ptr<TestServer> server_;
};

TEST_F(ForcedPasswordChangeTest, AnAccountAnAdminCreatedMayOnlyChangeItsPasswordFirst) {
  ApiReply login = LogIn(port(), "newclerk", kInitialPassword);
  ASSERT_EQ(login.status, 200) << login;
  EXPECT_EQ(login.data()["must_change_password"], true);
  const BrowserSession session{CookieToken(login), login.data().value("csrf_token", "")};
  std::unique_ptr<Api> page = CookieClient(port(), session.token, session.csrf);

  const StoreState before = server_->ReadState();
  EXPECT_TRUE(
      Refused(page->Get("/api/members"), 403, "auth.password_change_required", kChangeRequired));
  EXPECT_TRUE(Refused(page->Get("/api/members?subtree=" + Str(kBranch)), 403,
                      "auth.password_change_required", kChangeRequired));
  EXPECT_TRUE(Refused(page->Get("/api/orgs/" + Str(kBranch)), 403, "auth.password_change_required",
                      kChangeRequired));
  EXPECT_TRUE(Refused(page->Post("/api/members", ValidMember(961)), 403,
                      "auth.password_change_required", kChangeRequired));
  EXPECT_EQ(server_->ReadState(), before);

  ApiReply me = page->Get("/api/auth/me");
  ASSERT_EQ(me.status, 200) << me;
  EXPECT_EQ(me.data()["must_change_password"], true);

  EXPECT_TRUE(Refused(page->Post("/api/auth/password", {{"old_password", kWrongPassword},
                                                        {"new_password", kNewPassword}}),
                      400, "auth.old_password_wrong", "原密码不正确"));
  EXPECT_TRUE(Refused(page->Post("/api/auth/password", {{"old_password", kInitialPassword},
                                                        {"new_password", kInitialPassword}}),
                      400, "auth.password_unchanged", "新密码不能与原密码相同"));
  ApiReply changed = page->Post(
      "/api/auth/password", {{"old_password", kInitialPassword}, {"new_password", kNewPassword}});
  ASSERT_EQ(changed.status, 200) << changed;

  // The same session now reaches everything its role allows.
  me = page->Get("/api/auth/me");
  ASSERT_EQ(me.status, 200) << me;
  EXPECT_EQ(me.data()["must_change_password"], false);
  EXPECT_EQ(me.data()["user"]["must_change_password"], false);
  ApiReply members = page->Get("/api/members?page_size=1&subtree=" + Str(kBranch));
  EXPECT_EQ(members.status, 200) << members;
  EXPECT_EQ(page->Get("/api/orgs/" + Str(kBranch)).status, 200);

  EXPECT_TRUE(Refused(LogIn(port(), "newclerk", kInitialPassword), 401, "auth.bad_credentials",
                      kBadCredentials));
  ApiReply again = LogIn(port(), "newclerk", kNewPassword, "bearer");
  ASSERT_EQ(again.status, 200) << again;
  EXPECT_EQ(again.data()["must_change_password"], false);
}

TEST_F(ForcedPasswordChangeTest, ChangingThePasswordEndsTheUsersOtherSessions) {
  ApiReply first = LogIn(port(), "newclerk", kInitialPassword, "bearer");
  ApiReply second = LogIn(port(), "newclerk", kInitialPassword, "bearer");
  BrowserSession browser = CookieLogIn(port(), "newclerk", kInitialPassword);
  Api changer(port(), first.data().value("token", ""));
  Api other(port(), second.data().value("token", ""));
  ASSERT_EQ(other.Get("/api/auth/me").status, 200);

  ApiReply changed = changer.Post(
      "/api/auth/password", {{"old_password", kInitialPassword}, {"new_password", kNewPassword}});
  ASSERT_EQ(changed.status, 200) << changed;
  EXPECT_EQ(changer.Get("/api/auth/me").status, 200);
  EXPECT_TRUE(Refused(other.Get("/api/auth/me"), 401, "auth.session_invalid", kSessionInvalid));
  EXPECT_TRUE(Refused(CookieClient(port(), browser.token)->Get("/api/auth/me"), 401,
                      "auth.session_invalid", kSessionInvalid));
  // Someone else's sessions are untouched.
  EXPECT_EQ(Api(port(), server_->admin_token()).Get("/api/auth/me").status, 200);
}

// --- The audit trail of a logged-in user's writes.

TEST(AuthAuditTest, AWriteIsRecordedWithTheUserAndTheirAddress) {
  std::unique_ptr<TestServer> server = TestServer::Start();
  server->CreateAccount("clerk", {{0, 0, Role::kBranchSecretary, kBranch}});
  const uint16_t port = server->port();
  BrowserSession session = CookieLogIn(port, "clerk", kTestPassword);
  std::unique_ptr<Api> page = CookieClient(port, session.token, session.csrf);
  const int64_t clerk = UserIdOf(port, session.token);

  const json member = SomeMemberOfBranch(port, server->admin_token());
  const int64_t id = member["id"].get<int64_t>();
  const std::string old_post = member["post"].is_string() ? member["post"].get<std::string>() : "";
  ASSERT_NE(old_post, "组织委员");
  ApiReply updated = page->Put("/api/members/" + Str(id), {{"post", "组织委员"}});
  ASSERT_EQ(updated.status, 200) << updated;

  ApiReply audit =
      Api(port, server->admin_token()).Get("/api/audit?entity=member&entity_id=" + Str(id));
  ASSERT_EQ(audit.status, 200) << audit;
  ASSERT_GE(audit.data()["items"].size(), 1u) << audit;
  const json& entry = audit.data()["items"][0];  // newest first
  EXPECT_EQ(entry["action"], "update");
  EXPECT_EQ(entry["entity"], "member");
  EXPECT_EQ(entry["entity_id"], id);
  EXPECT_EQ(entry["user_id"], clerk);
  EXPECT_EQ(entry["user_name"], "测试clerk（clerk）");
  EXPECT_EQ(entry["address"], kLoopback);
  EXPECT_EQ(entry["at_unix"], Noon());
  EXPECT_EQ(entry["before"]["post"], member["post"]);
  EXPECT_EQ(entry["after"]["post"], "组织委员");
  EXPECT_EQ(entry["before"]["name"], entry["after"]["name"]);
}

// --- Administration of accounts, on one server for the suite.

class UserAdminTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = TestServer::Start(); }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override { admin_ = std::make_unique<Api>(port(), server_->admin_token()); }

  uint16_t port() const { return server_->port(); }

  static json NewAccount(const std::string& username, const std::string& role, int64_t node) {
    return {{"username", username},
            {"display_name", "新账号" + username},
            {"password", "Initial-Pass-1"},
            {"grants", {{{"role", role}, {"node_id", node}}}}};
  }

  static inline std::unique_ptr<TestServer> server_;
  std::unique_ptr<Api> admin_;
};

TEST_F(UserAdminTest, CreateAnswers201WithTheGrants) {
  ApiReply created =
      admin_->Post("/api/users", {{"username", "Secretary.One"},
                                  {"display_name", " 一号书记 "},
                                  {"phone", "13700000001"},
                                  {"password", "Initial-Pass-1"},
                                  {"grants",
                                   {{{"role", "branch_secretary"}, {"node_id", kBranch}},
                                    {{"role", "member"}, {"node_id", kBranch}}}}});
  ASSERT_EQ(created.status, 201) << created;
  EXPECT_TRUE(RevealsNoPassword(created));
  const json& user = created.data();
  EXPECT_EQ(user["username"], "secretary.one");
  EXPECT_EQ(user["display_name"], "一号书记");
  EXPECT_EQ(user["phone"], "13700000001");
  EXPECT_EQ(user["must_change_password"], true);
  EXPECT_EQ(user["disabled"], false);
  EXPECT_EQ(user["created_at"], Noon());
  ASSERT_EQ(user["grants"].size(), 2u) << created;
  std::set<std::string> roles;
  for (const json& g : user["grants"]) {
    roles.insert(g["role"].get<std::string>());
    EXPECT_EQ(g["node_id"], kBranch);
    EXPECT_EQ(g["node_name"], kBranchName);
    EXPECT_EQ(g["user_id"], user["id"]);
  }
  EXPECT_EQ(roles, (std::set<std::string>{"branch_secretary", "member"}));

  ApiReply detail = admin_->Get("/api/users/" + Str(user["id"].get<int64_t>()));
  ASSERT_EQ(detail.status, 200) << detail;
  EXPECT_EQ(detail.data(), user);
  EXPECT_TRUE(RevealsNoPassword(detail));
  ApiReply found = admin_->Get("/api/users?q=secretary.one");
  ASSERT_EQ(found.status, 200) << found;
  EXPECT_EQ(found.data()["total"], 1);

  // Recorded as the admin's doing, from their address, without the password.
  ApiReply audit =
      admin_->Get("/api/audit?entity=user&entity_id=" + Str(user["id"].get<int64_t>()));
  ASSERT_EQ(audit.status, 200) << audit;
  ASSERT_EQ(audit.data()["items"].size(), 1u) << audit;
  EXPECT_EQ(audit.data()["items"][0]["action"], "create");
  EXPECT_EQ(audit.data()["items"][0]["user_name"], "测试root（root）");
  EXPECT_EQ(audit.data()["items"][0]["address"], kLoopback);
  EXPECT_TRUE(RevealsNoPassword(audit));
}

TEST_F(UserAdminTest, DuplicateUsernameIsAConflict) {
  ASSERT_EQ(admin_->Post("/api/users", NewAccount("dup.user", "member", kBranch)).status, 201);
  const StoreState before = server_->ReadState();
  EXPECT_TRUE(Refused(admin_->Post("/api/users", NewAccount("dup.user", "member", kBranch)), 409,
                      "auth.username_taken", "用户名 dup.user 已被使用"));
  EXPECT_TRUE(Refused(admin_->Post("/api/users", NewAccount("DUP.User", "member", kBranch)), 409,
                      "auth.username_taken", "用户名 dup.user 已被使用"));
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(UserAdminTest, AUnitAdminGrantsOnlyLesserRolesInTheirUnit) {
  const std::string unit_admin =
      server_->CreateAccount("unitadmin", {{0, 0, Role::kUnitAdmin, kUnit1}});
  Api api(port(), unit_admin);
  // The refusal names no node, so it reads the same for a node out of reach (kOtherBranch)
  // as for one in reach with too high a role.
  const StoreState before = server_->ReadState();
  EXPECT_TRUE(Refused(api.Post("/api/users", NewAccount("wannabe", "committee_admin", kUnit1)), 403,
                      "auth.grant_not_allowed", "无权在该组织授予“工委管理员”角色"));
  EXPECT_TRUE(Refused(api.Post("/api/users", NewAccount("wannabe", "auditor", kBranch)), 403,
                      "auth.grant_not_allowed", "无权在该组织授予“审计员”角色"));
  EXPECT_TRUE(
      Refused(api.Post("/api/users", NewAccount("wannabe", "branch_secretary", kOtherBranch)), 403,
              "auth.grant_not_allowed", "无权在该组织授予“支部书记”角色"));
  EXPECT_EQ(server_->ReadState(), before);

  ApiReply allowed = api.Post("/api/users", NewAccount("unitclerk", "branch_secretary", kBranch));
  EXPECT_EQ(allowed.status, 201) << allowed;
}

TEST_F(UserAdminTest, ResetPasswordEndsSessionsAndForcesAChange) {
  const std::string token =
      server_->CreateAccount("resetme", {{0, 0, Role::kBranchSecretary, kBranch}});
  const int64_t id = UserIdOf(port(), token);
  ApiReply reset =
      admin_->Post("/api/users/" + Str(id) + "/password", {{"password", "Temp-Pass-42"}});
  ASSERT_EQ(reset.status, 200) << reset;
  EXPECT_EQ(reset.data(), json({{"id", id}}));

  EXPECT_TRUE(Refused(Api(port(), token).Get("/api/auth/me"), 401, "auth.session_invalid",
                      kSessionInvalid));
  EXPECT_TRUE(Refused(LogIn(port(), "resetme", kTestPassword), 401, "auth.bad_credentials",
                      kBadCredentials));
  ApiReply login = LogIn(port(), "resetme", "Temp-Pass-42", "bearer");
  ASSERT_EQ(login.status, 200) << login;
  EXPECT_EQ(login.data()["must_change_password"], true);
  Api api(port(), login.data().value("token", ""));
  EXPECT_TRUE(Refused(api.Get("/api/members?subtree=" + Str(kBranch)), 403,
                      "auth.password_change_required", kChangeRequired));
  ASSERT_EQ(api.Post("/api/auth/password",
                     {{"old_password", "Temp-Pass-42"}, {"new_password", kNewPassword}})
                .status,
            200);
  EXPECT_EQ(api.Get("/api/members?subtree=" + Str(kBranch)).status, 200);
}

TEST_F(UserAdminTest, DisablingEndsSessionsAndRefusesLogin) {
  const std::string token =
      server_->CreateAccount("leaver", {{0, 0, Role::kBranchSecretary, kBranch}});
  const int64_t id = UserIdOf(port(), token);
  ApiReply disabled =
      admin_->Put("/api/users/" + Str(id), {{"display_name", "离职者"}, {"disabled", true}});
  ASSERT_EQ(disabled.status, 200) << disabled;
  EXPECT_EQ(disabled.data()["disabled"], true);
  EXPECT_EQ(disabled.data()["display_name"], "离职者");

  EXPECT_TRUE(Refused(Api(port(), token).Get("/api/auth/me"), 401, "auth.session_invalid",
                      kSessionInvalid));
  ApiReply login = LogIn(port(), "leaver", kTestPassword);
  EXPECT_TRUE(Refused(login, 403, "auth.account_disabled", "账号已停用，请联系管理员"));
  EXPECT_EQ(login.Header("Set-Cookie"), "");

  const int64_t self = UserIdOf(port(), server_->admin_token());
  EXPECT_TRUE(Refused(
      admin_->Put("/api/users/" + Str(self), {{"display_name", "测试root"}, {"disabled", true}}),
      400, "auth.cannot_disable_self", "不能停用自己的账号"));

  // Enabled again, the account logs in with its password.
  ApiReply enabled =
      admin_->Put("/api/users/" + Str(id), {{"display_name", "离职者"}, {"disabled", false}});
  ASSERT_EQ(enabled.status, 200) << enabled;
  EXPECT_EQ(LogIn(port(), "leaver", kTestPassword).status, 200);
}

TEST_F(UserAdminTest, DeleteRemovesTheAccountAndItsSessions) {
  const std::string token =
      server_->CreateAccount("gone", {{0, 0, Role::kBranchSecretary, kBranch}});
  const int64_t id = UserIdOf(port(), token);
  ApiReply deleted = admin_->Delete("/api/users/" + Str(id));
  ASSERT_EQ(deleted.status, 200) << deleted;
  EXPECT_EQ(deleted.data(), json({{"id", id}}));

  EXPECT_TRUE(Refused(admin_->Get("/api/users/" + Str(id)), 404, "auth.user_not_found",
                      "账号 " + Str(id) + " 不存在"));
  EXPECT_TRUE(Refused(Api(port(), token).Get("/api/auth/me"), 401, "auth.session_invalid",
                      kSessionInvalid));
  EXPECT_TRUE(
      Refused(LogIn(port(), "gone", kTestPassword), 401, "auth.bad_credentials", kBadCredentials));

  const int64_t self = UserIdOf(port(), server_->admin_token());
  EXPECT_TRUE(Refused(admin_->Delete("/api/users/" + Str(self)), 400, "auth.cannot_delete_self",
                      "不能删除自己的账号"));
}

}  // namespace
}  // namespace dj::integration
