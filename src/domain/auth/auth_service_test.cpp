#include "domain/auth/auth_service.h"

#include <gtest/gtest.h>

#include "domain/auth/password.h"
#include "domain/testing/auth_fixtures.h"
#include "domain/testing/fake_auth_store.h"

namespace dj {
namespace {

using namespace dj::testing;  // NOLINT: the tree's node ids

constexpr char kPassword[] = "Dangjian#2026";
constexpr char kAddress[] = "10.1.2.3";

AuthPolicy TestPolicy() {
  AuthPolicy p;
  p.password_cost = kTestPasswordCost;
  return p;
}

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(roster_.Load(AuthTestTree()).ok());
    admin_ = AddUser("admin", {{Role::kCommitteeAdmin, kCommittee}});
    unit_admin_ = AddUser("unit3", {{Role::kUnitAdmin, kUnit3}});
    secretary_ = AddUser("secretary", {{Role::kBranchSecretary, kBranchA}}, "13912345678");
  }

  // A user who need not change their password, created by the system.
  UserId AddUser(std::string username, std::vector<std::pair<Role, NodeId>> grants,
                 std::optional<std::string> phone = std::nullopt) {
    NewUser nu;
    nu.username = std::move(username);
    nu.display_name = "用户" + nu.username;
    nu.phone = std::move(phone);
    nu.password = kPassword;
    nu.must_change_password = false;
    for (auto [role, node] : grants) nu.grants.push_back({0, 0, role, node});
    Result<User> user = auth_.CreateUserAsSystem(system_, nu, now_);
    EXPECT_TRUE(user.ok()) << (user.ok() ? "" : user.error().message);
    return user.ok() ? user->id : 0;
  }

  Result<LoginResult> Login(std::string identifier, std::string password,
                            std::string address = kAddress) {
    return auth_.Login({std::move(identifier), std::move(password), std::move(address), "req"},
                       now_);
  }

  // A login that must fail (wrong password, unknown name or a lock).
  void Fail(std::string identifier, std::string password, std::string address = kAddress) {
    EXPECT_FALSE(Login(std::move(identifier), std::move(password), std::move(address)).ok());
  }

  // The scope of a signed-in user.
  Scope ScopeOfUser(UserId id) { return Scope(roster_, id, store_.ListGrants(id).value()); }

  static std::string KeyOf(const Status& s) { return s.ok() ? "ok" : s.error().key; }
  template <typename T>
  static std::string KeyOf(const Result<T>& r) {
    return r.ok() ? "ok" : r.error().key;
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  Roster roster_{clock_};
  FakeAuthStore store_{&roster_};
  AuthService auth_{store_, roster_, TestPolicy()};
  WriteContext system_;
  int64_t now_ = clock_.NowUnixSeconds();
  UserId admin_ = 0, unit_admin_ = 0, secretary_ = 0;
};

// --- Login.

TEST_F(AuthServiceTest, LogsInByUsernameOrPhone) {
  for (const char* identifier : {"secretary", " SECRETARY ", "ｓｅｃｒｅｔａｒｙ", "13912345678"}) {
    Result<LoginResult> r = Login(identifier, kPassword);
    ASSERT_TRUE(r.ok()) << identifier << ": " << r.error().message;
    EXPECT_EQ(r->caller.user.id, secretary_);
    EXPECT_TRUE(IsWellFormedSessionToken(r->token));
    EXPECT_EQ(r->caller.session.token_hash, SessionTokenHash(r->token));
    EXPECT_EQ(r->caller.session.user_id, secretary_);
    EXPECT_EQ(r->caller.session.address, kAddress);
    EXPECT_EQ(r->caller.session.created_at, now_);
    EXPECT_EQ(r->caller.session.expires_at, now_ + kSessionLifetimeSeconds);
    EXPECT_TRUE(IsWellFormedSessionToken(r->caller.session.csrf_token));
    ASSERT_EQ(r->caller.grants.size(), 1u);
    EXPECT_EQ(r->caller.grants[0].role, Role::kBranchSecretary);
    EXPECT_FALSE(r->caller.user.must_change_password);
  }
  EXPECT_EQ(store_.session_count(), 4u);
}

TEST_F(AuthServiceTest, StoresOnlyTheTokensHash) {
  Result<LoginResult> r = Login("admin", kPassword);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(store_.FindSession(r->token).value());
  EXPECT_TRUE(store_.FindSession(SessionTokenHash(r->token)).value());
}

TEST_F(AuthServiceTest, BadCredentialsLookTheSameWhetherOrNotTheAccountExists) {
  Result<LoginResult> wrong_password = Login("admin", "wrong-password");
  Result<LoginResult> unknown_user = Login("nobody", kPassword);
  Result<LoginResult> unknown_phone = Login("13800000000", kPassword);
  for (const auto* r : {&wrong_password, &unknown_user, &unknown_phone}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(r->error().key, "auth.bad_credentials");
    EXPECT_EQ(r->error().message, "用户名或密码错误");
  }
  EXPECT_EQ(store_.session_count(), 0u);
}

TEST_F(AuthServiceTest, EmptyCredentialsAreRefusedWithoutCounting) {
  for (auto [id, pw] : {std::pair{"", kPassword}, std::pair{"admin", ""}, std::pair{"  ", "x"}}) {
    Result<LoginResult> r = Login(id, pw);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().key, "auth.credentials_required");
    EXPECT_EQ(r.error().message, "请输入用户名（或手机号）和密码");
  }
  EXPECT_EQ(store_.counter_writes(), 0);
}

TEST_F(AuthServiceTest, FiveWrongPasswordsLockTheAccountEvenForTheRightOne) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(KeyOf(Login("admin", "wrong-password")), "auth.bad_credentials") << i;
  }
  Result<LoginResult> r = Login("admin", kPassword);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(r.error().key, "auth.locked");
  EXPECT_EQ(r.error().message, "连续登录失败次数过多，账号已锁定，请于 12:15 后再试");
  // From another address too: the lock is the account's.
  EXPECT_EQ(KeyOf(Login("admin", kPassword, "10.9.9.9")), "auth.locked");
  // Refused attempts are not counted, so the lock ends on time.
  now_ += 15 * 60 - 1;
  EXPECT_EQ(KeyOf(Login("admin", kPassword)), "auth.locked");
  now_ += 1;
  EXPECT_EQ(KeyOf(Login("admin", kPassword)), "ok");
}

TEST_F(AuthServiceTest, LockHoldsWhicheverNameTheAccountIsReachedBy) {
  for (int i = 0; i < 5; ++i) Fail("13912345678", "wrong-password");
  EXPECT_EQ(KeyOf(Login("secretary", kPassword)), "auth.locked");
}

TEST_F(AuthServiceTest, SuccessForgetsEarlierFailures) {
  for (int i = 0; i < 4; ++i) Fail("admin", "wrong-password");
  ASSERT_EQ(KeyOf(Login("admin", kPassword)), "ok");
  for (int i = 0; i < 4; ++i) Fail("admin", "wrong-password");
  EXPECT_EQ(KeyOf(Login("admin", kPassword)), "ok");
}

TEST_F(AuthServiceTest, UnknownNamesLockLikeAccounts) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(KeyOf(Login("ghost", "wrong-password")), "auth.bad_credentials");
  EXPECT_EQ(KeyOf(Login("ghost", "wrong-password")), "auth.locked");
}

TEST_F(AuthServiceTest, TwentyFailuresFromOneAddressLockTheAddress) {
  // Spread over accounts, so no account locks.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(KeyOf(Login("user" + std::to_string(i % 5), "wrong-password")),
              "auth.bad_credentials")
        << i;
  }
  Result<LoginResult> r = Login("admin", kPassword);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "auth.address_locked");
  EXPECT_EQ(r.error().message, "该网络地址登录失败次数过多，已暂停登录，请于 12:15 后再试");
  EXPECT_EQ(KeyOf(Login("admin", kPassword, "10.1.2.4")), "ok");
}

TEST_F(AuthServiceTest, SuccessesDoNotCountAgainstTheAddress) {
  for (int i = 0; i < 19; ++i) Fail("user" + std::to_string(i % 4), "wrong-password");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(KeyOf(Login("admin", kPassword)), "ok") << i;
  EXPECT_EQ(KeyOf(Login("ghost", "wrong-password")), "auth.bad_credentials");
  EXPECT_EQ(KeyOf(Login("admin", kPassword)), "auth.address_locked");
}

TEST_F(AuthServiceTest, DisabledAccountIsRefusedOnlyAfterTheRightPassword) {
  Scope admin = ScopeOfUser(admin_);
  ASSERT_TRUE(auth_
                  .UpdateUser(system_, admin, secretary_,
                              {"13912345678", "用户secretary", std::nullopt, true})
                  .ok());
  EXPECT_EQ(KeyOf(Login("secretary", "wrong-password")), "auth.bad_credentials");
  Result<LoginResult> r = Login("secretary", kPassword);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(r.error().key, "auth.account_disabled");
  EXPECT_EQ(r.error().message, "账号已停用，请联系管理员");
}

TEST_F(AuthServiceTest, UpgradesAHashMadeAtAnotherCost) {
  User before = store_.GetUser(admin_).value();
  User old_cost = before;
  old_cost.password_hash = HashPassword(kPassword, {2, 16384}).value();
  ASSERT_TRUE(store_.UpdateUser(system_, before, old_cost, UserChange::kPasswordRehash).ok());
  ASSERT_EQ(KeyOf(Login("admin", kPassword)), "ok");
  User after = store_.GetUser(admin_).value();
  EXPECT_NE(after.password_hash, old_cost.password_hash);
  EXPECT_FALSE(PasswordNeedsRehash(after.password_hash, kTestPasswordCost));
  EXPECT_EQ(after.password_changed_at, before.password_changed_at);
  EXPECT_EQ(KeyOf(Login("admin", kPassword)), "ok");
}

// --- Sessions.

TEST_F(AuthServiceTest, AuthenticatesTheSessionsToken) {
  LoginResult login = Login("secretary", kPassword).value();
  Result<Caller> caller = auth_.Authenticate(login.token, now_ + 10);
  ASSERT_TRUE(caller.ok()) << caller.error().message;
  EXPECT_EQ(caller->user.id, secretary_);
  EXPECT_EQ(caller->grants, login.caller.grants);
  EXPECT_EQ(caller->session, login.caller.session);
  EXPECT_TRUE(CsrfTokenMatches(caller->session, login.caller.session.csrf_token));
}

TEST_F(AuthServiceTest, RefusesForgedAndTruncatedTokens) {
  LoginResult login = Login("secretary", kPassword).value();
  std::string forged = login.token;
  forged[5] = forged[5] == 'a' ? 'b' : 'a';
  for (const std::string& token :
       {forged, login.token.substr(0, 42), login.token + "x", std::string(), NewSessionToken(),
        login.caller.session.token_hash, login.caller.session.csrf_token}) {
    Result<Caller> r = auth_.Authenticate(token, now_);
    ASSERT_FALSE(r.ok()) << token;
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(r.error().key, "auth.session_invalid");
    EXPECT_EQ(r.error().message, "登录状态无效，请重新登录");
  }
}

TEST_F(AuthServiceTest, IdleSessionExpires) {
  LoginResult login = Login("secretary", kPassword).value();
  ASSERT_TRUE(auth_.Authenticate(login.token, now_ + 29 * 60).ok());   // touches it
  ASSERT_TRUE(auth_.Authenticate(login.token, now_ + 58 * 60).ok());   // idle 29 minutes
  Result<Caller> r = auth_.Authenticate(login.token, now_ + 88 * 60);  // idle 30 minutes
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "auth.session_expired");
  EXPECT_EQ(r.error().message, "登录已超时，请重新登录");
  // The expired session is gone.
  EXPECT_EQ(KeyOf(auth_.Authenticate(login.token, now_ + 88 * 60)), "auth.session_invalid");
  EXPECT_EQ(store_.session_count(), 0u);
}

TEST_F(AuthServiceTest, SessionEndsTwelveHoursAfterLoginHoweverBusy) {
  LoginResult login = Login("secretary", kPassword).value();
  int64_t t = now_;
  for (; t < now_ + 12 * 3600; t += 20 * 60) {
    ASSERT_TRUE(auth_.Authenticate(login.token, t).ok()) << t - now_;
  }
  EXPECT_EQ(KeyOf(auth_.Authenticate(login.token, now_ + 12 * 3600)), "auth.session_expired");
}

TEST_F(AuthServiceTest, TouchesTheSessionAtMostOncePerMinute) {
  LoginResult login = Login("secretary", kPassword).value();
  const int writes = store_.session_writes();
  for (int s = 1; s < 60; s += 7) ASSERT_TRUE(auth_.Authenticate(login.token, now_ + s).ok());
  EXPECT_EQ(store_.session_writes(), writes);
  ASSERT_TRUE(auth_.Authenticate(login.token, now_ + 60).ok());
  EXPECT_EQ(store_.session_writes(), writes + 1);
  EXPECT_EQ(store_.FindSession(login.caller.session.token_hash).value()->last_seen_at, now_ + 60);
  ASSERT_TRUE(auth_.Authenticate(login.token, now_ + 61).ok());
  EXPECT_EQ(store_.session_writes(), writes + 1);
}

TEST_F(AuthServiceTest, LogoutInvalidatesTheToken) {
  LoginResult first = Login("secretary", kPassword).value();
  LoginResult second = Login("secretary", kPassword).value();
  ASSERT_TRUE(auth_.Logout(first.token).ok());
  EXPECT_EQ(KeyOf(auth_.Authenticate(first.token, now_)), "auth.session_invalid");
  EXPECT_EQ(KeyOf(auth_.Authenticate(second.token, now_)), "ok");
  EXPECT_TRUE(auth_.Logout(first.token).ok());  // again: nothing to do
  EXPECT_TRUE(auth_.Logout("not a token").ok());
}

TEST_F(AuthServiceTest, DisablingOrDeletingAUserEndsTheirSessions) {
  LoginResult login = Login("secretary", kPassword).value();
  Scope admin = ScopeOfUser(admin_);
  ASSERT_TRUE(auth_
                  .UpdateUser(system_, admin, secretary_,
                              {std::nullopt, "用户secretary", std::nullopt, true})
                  .ok());
  EXPECT_EQ(KeyOf(auth_.Authenticate(login.token, now_)), "auth.session_invalid");

  LoginResult other = Login("unit3", kPassword).value();
  ASSERT_TRUE(auth_.DeleteUser(system_, admin, unit_admin_).ok());
  EXPECT_EQ(KeyOf(auth_.Authenticate(other.token, now_)), "auth.session_invalid");
}

TEST_F(AuthServiceTest, PurgeDeletesExpiredSessionsAndStaleCounters) {
  LoginResult old_login = Login("secretary", kPassword).value();
  Fail("ghost", "wrong-password");
  now_ += 2 * 3600;
  LoginResult fresh = Login("admin", kPassword, "10.1.2.4").value();
  Result<PurgeCounts> purged = auth_.PurgeExpired(now_);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(purged->sessions, 1);
  EXPECT_EQ(purged->login_counters, 2);  // ghost's and kAddress's
  EXPECT_EQ(KeyOf(auth_.Authenticate(fresh.token, now_)), "ok");
  EXPECT_EQ(KeyOf(auth_.Authenticate(old_login.token, now_)), "auth.session_invalid");
}

// --- Passwords.

TEST_F(AuthServiceTest, ChangePasswordKeepsOnlyTheCurrentSession) {
  LoginResult here = Login("secretary", kPassword).value();
  LoginResult elsewhere = Login("secretary", kPassword).value();
  WriteContext ctx = CallerContext(here.caller, kAddress, "req-2");
  EXPECT_EQ(ctx.user_name, "用户secretary（secretary）");
  now_ += 100;
  ASSERT_TRUE(auth_.ChangePassword(ctx, here.caller, kPassword, "New-secret-1", now_).ok());
  EXPECT_EQ(KeyOf(auth_.Authenticate(here.token, now_)), "ok");
  EXPECT_EQ(KeyOf(auth_.Authenticate(elsewhere.token, now_)), "auth.session_invalid");
  EXPECT_EQ(KeyOf(Login("secretary", kPassword)), "auth.bad_credentials");
  EXPECT_EQ(KeyOf(Login("secretary", "New-secret-1")), "ok");
  EXPECT_EQ(store_.GetUser(secretary_)->password_changed_at, now_);
}

TEST_F(AuthServiceTest, ChangePasswordErrors) {
  LoginResult login = Login("secretary", kPassword).value();
  WriteContext ctx = CallerContext(login.caller, kAddress, "req");
  struct Case {
    const char* old_password;
    const char* new_password;
    const char* key;
    const char* message;
  };
  const Case cases[] = {
      {"wrong-password", "New-secret-1", "auth.old_password_wrong", "原密码不正确"},
      {kPassword, kPassword, "auth.password_unchanged", "新密码不能与原密码相同"},
      {kPassword, "short", "auth.password_too_short", "密码至少需要8个字符"},
      {kPassword, "20261122", "auth.password_all_digits", "密码不能全是数字"},
      {kPassword, "Secretary", "auth.password_same_as_username", "密码不能与用户名相同"},
  };
  for (const Case& c : cases) {
    Status s = auth_.ChangePassword(ctx, login.caller, c.old_password, c.new_password, now_);
    ASSERT_FALSE(s.ok()) << c.new_password;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.error().key, c.key);
    EXPECT_EQ(s.error().message, c.message);
  }
  EXPECT_EQ(KeyOf(Login("secretary", kPassword)), "ok");
}

TEST_F(AuthServiceTest, WrongOldPasswordsCountTowardsTheLock) {
  LoginResult login = Login("secretary", kPassword).value();
  WriteContext ctx = CallerContext(login.caller, kAddress, "req");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(KeyOf(auth_.ChangePassword(ctx, login.caller, "guess" + std::to_string(i),
                                         "New-secret-1", now_)),
              "auth.old_password_wrong");
  }
  EXPECT_EQ(KeyOf(auth_.ChangePassword(ctx, login.caller, kPassword, "New-secret-1", now_)),
            "auth.locked");
}

TEST_F(AuthServiceTest, AccountsCreatedByAnAdminMustChangeTheirPassword) {
  Scope admin = ScopeOfUser(admin_);
  NewUser nu{.username = "Li.Na",
             .phone = " 13800001111 ",
             .display_name = " 李娜 ",
             .member_id = kMemberInGroup6,
             .password = "Initial-2026",
             .grants = {{0, 0, Role::kMember, kBranchA}},
             .must_change_password = false};  // ignored for admins
  Result<User> created = auth_.CreateUser(system_, admin, nu, now_);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->username, "li.na");
  EXPECT_EQ(created->phone, "13800001111");
  EXPECT_EQ(created->display_name, "李娜");
  EXPECT_EQ(created->member_id, kMemberInGroup6);
  EXPECT_TRUE(created->must_change_password);
  EXPECT_EQ(created->created_at, now_);
  EXPECT_TRUE(VerifyPassword("Initial-2026", created->password_hash));

  LoginResult login = Login("13800001111", "Initial-2026").value();
  EXPECT_TRUE(login.caller.user.must_change_password);
  ASSERT_TRUE(auth_
                  .ChangePassword(CallerContext(login.caller, kAddress, "r"), login.caller,
                                  "Initial-2026", "My-own-2026", now_)
                  .ok());
  EXPECT_FALSE(auth_.Authenticate(login.token, now_)->user.must_change_password);
}

TEST_F(AuthServiceTest, ResetPasswordForcesAChangeEndsSessionsAndLiftsTheLock) {
  LoginResult login = Login("secretary", kPassword).value();
  for (int i = 0; i < 5; ++i) Fail("secretary", "wrong-password");
  ASSERT_EQ(KeyOf(Login("secretary", kPassword)), "auth.locked");
  Scope unit = ScopeOfUser(unit_admin_);
  EXPECT_EQ(KeyOf(auth_.ResetPassword(system_, unit, secretary_, "1234", now_)),
            "auth.password_too_short");
  ASSERT_TRUE(auth_.ResetPassword(system_, unit, secretary_, "Temp-pass-1", now_).ok());
  EXPECT_EQ(KeyOf(auth_.Authenticate(login.token, now_)), "auth.session_invalid");
  Result<LoginResult> again = Login("secretary", "Temp-pass-1");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->caller.user.must_change_password);
}

// --- Administration.

TEST_F(AuthServiceTest, CreateUserListsEveryProblem) {
  Scope admin = ScopeOfUser(admin_);
  NewUser nu{.username = "12",
             .phone = "12345",
             .display_name = "",
             .member_id = 99,
             .password = "1234",
             .grants = {{0, 0, Role::kMember, 404}}};
  Result<User> r = auth_.CreateUser(system_, admin, nu, now_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "validation_failed");
  std::vector<std::string> problems;
  for (const FieldError& f : r.error().fields) problems.push_back(f.field + "/" + f.key);
  EXPECT_EQ(problems,
            (std::vector<std::string>{"username/username_invalid", "display_name/required",
                                      "phone/phone_invalid", "member_id/member_not_found",
                                      "password/password_too_short", "password/password_all_digits",
                                      "grants[0].node_id/node_not_found"}));
  EXPECT_EQ(r.error().fields[0].message, "用户名不能全是数字");
  EXPECT_EQ(r.error().fields[3].message, "党员（编号 99）不存在");
}

TEST_F(AuthServiceTest, CreateUserConflicts) {
  Scope admin = ScopeOfUser(admin_);
  NewUser nu{.username = "ADMIN", .display_name = "重名", .password = "Initial-2026"};
  EXPECT_EQ(KeyOf(auth_.CreateUser(system_, admin, nu, now_)), "auth.username_taken");
  nu.username = "other";
  nu.phone = "13912345678";
  EXPECT_EQ(KeyOf(auth_.CreateUser(system_, admin, nu, now_)), "auth.phone_taken");
}

TEST_F(AuthServiceTest, AdminsCreateOnlyWhatTheyCouldGrant) {
  Scope unit = ScopeOfUser(unit_admin_);
  Scope secretary = ScopeOfUser(secretary_);
  NewUser nu{.username = "newbie", .display_name = "新人", .password = "Initial-2026"};

  nu.grants = {{0, 0, Role::kBranchSecretary, kBranchB}};
  EXPECT_EQ(KeyOf(auth_.CreateUser(system_, secretary, nu, now_)), "auth.not_admin");

  nu.grants = {{0, 0, Role::kAuditor, kUnit3}};
  Result<User> r = auth_.CreateUser(system_, unit, nu, now_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(r.error().key, "auth.grant_not_allowed");
  EXPECT_EQ(r.error().message, "无权在该组织授予“审计员”角色");
  // A node that does not exist is refused the same way, so the answer reveals nothing.
  nu.grants = {{0, 0, Role::kAuditor, 999}};
  Result<User> missing = auth_.CreateUser(system_, unit, nu, now_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().key, r.error().key);
  EXPECT_EQ(missing.error().message, r.error().message);

  nu.grants = {{0, 0, Role::kBranchSecretary, kBranchC}};
  EXPECT_EQ(KeyOf(auth_.CreateUser(system_, unit, nu, now_)), "auth.grant_not_allowed");

  nu.grants = {};
  r = auth_.CreateUser(system_, unit, nu, now_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "auth.grants_required");
  EXPECT_EQ(r.error().message, "请为新账号至少授予一个您管辖范围内的角色");

  // A member outside the admin's reach, or one that does not exist: the same refusal, so an
  // admin cannot link their way to another unit's files or probe who exists.
  nu.grants = {{0, 0, Role::kMember, kBranchA}};
  nu.member_id = kMemberInC;
  Result<User> outside = auth_.CreateUser(system_, unit, nu, now_);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().key, "auth.member_not_allowed");
  nu.member_id = 999;
  Result<User> nobody = auth_.CreateUser(system_, unit, nu, now_);
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().key, outside.error().key);
  EXPECT_EQ(nobody.error().message, outside.error().message);
  nu.grants = {};

  nu.member_id = kMemberInA;  // reachable through the member's branch
  EXPECT_EQ(KeyOf(auth_.CreateUser(system_, unit, nu, now_)), "ok");

  nu = {.username = "newbie2", .display_name = "新人二", .password = "Initial-2026"};
  nu.grants = {{0, 0, Role::kBranchSecretary, kBranchB}, {0, 0, Role::kBranchSecretary, kBranchB}};
  Result<User> two = auth_.CreateUser(system_, unit, nu, now_);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(store_.ListGrants(two->id)->size(), 1u);  // duplicates collapse
}

TEST_F(AuthServiceTest, ManagingUsersOutsideOnesReachIsForbidden) {
  UserId other_unit = AddUser("unit7", {{Role::kUnitAdmin, kUnit7}});
  Scope unit = ScopeOfUser(unit_admin_);
  Scope admin = ScopeOfUser(admin_);

  EXPECT_EQ(KeyOf(auth_.GetUser(unit, secretary_)), "ok");
  for (UserId target : {other_unit, admin_, UserId{999}}) {
    Result<User> r = auth_.GetUser(unit, target);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(r.error().key, "auth.user_forbidden");
    EXPECT_EQ(r.error().message, "无权管理该账号");
    EXPECT_EQ(
        KeyOf(auth_.UpdateUser(system_, unit, target, {std::nullopt, "改名", std::nullopt, false})),
        "auth.user_forbidden");
    EXPECT_EQ(KeyOf(auth_.ResetPassword(system_, unit, target, "Temp-pass-1", now_)),
              "auth.user_forbidden");
    EXPECT_EQ(KeyOf(auth_.DeleteUser(system_, unit, target)), "auth.user_forbidden");
    EXPECT_EQ(KeyOf(auth_.ListGrants(unit, target)), "auth.user_forbidden");
  }
  // Only a committee admin of the whole tree learns that an account does not exist.
  EXPECT_EQ(KeyOf(auth_.GetUser(admin, 999)), "auth.user_not_found");
  EXPECT_EQ(KeyOf(auth_.GetUser(ScopeOfUser(secretary_), secretary_)), "auth.not_admin");
}

TEST_F(AuthServiceTest, UpdateUserValidatesAndRefusesSelfDisable) {
  Scope admin = ScopeOfUser(admin_);
  Result<User> r = auth_.UpdateUser(system_, admin, secretary_, {"1391234", "", 77, false});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 3u);
  EXPECT_EQ(
      KeyOf(auth_.UpdateUser(system_, admin, admin_, {std::nullopt, "我", std::nullopt, true})),
      "auth.cannot_disable_self");
  EXPECT_EQ(KeyOf(auth_.DeleteUser(system_, admin, admin_)), "auth.cannot_delete_self");

  r = auth_.UpdateUser(system_, admin, secretary_, {std::nullopt, " 王书记 ", kMemberInA, false});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->display_name, "王书记");
  EXPECT_EQ(r->phone, std::nullopt);
  EXPECT_EQ(store_.GetUser(secretary_).value(), *r);
  const int writes = store_.record_writes();
  ASSERT_TRUE(
      auth_.UpdateUser(system_, admin, secretary_, {std::nullopt, "王书记", kMemberInA, false})
          .ok());
  EXPECT_EQ(store_.record_writes(), writes);  // nothing changed, nothing written
}

TEST_F(AuthServiceTest, GrantsAreAddedAndRemovedWithinReach) {
  Scope unit = ScopeOfUser(unit_admin_);
  Result<RoleGrant> added = auth_.AddGrant(system_, unit, secretary_, Role::kMember, kGroup6);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->user_id, secretary_);
  EXPECT_EQ(KeyOf(auth_.AddGrant(system_, unit, secretary_, Role::kMember, kGroup6)),
            "auth.grant_duplicate");
  EXPECT_EQ(KeyOf(auth_.AddGrant(system_, unit, secretary_, Role::kMember, kBranchC)),
            "auth.grant_not_allowed");
  EXPECT_EQ(KeyOf(auth_.AddGrant(system_, unit, secretary_, Role::kReviewer, kBranchA)),
            "auth.grant_not_allowed");
  EXPECT_EQ(KeyOf(auth_.AddGrant(system_, unit, secretary_, Role::kMember, 404)),
            "auth.grant_not_allowed");
  EXPECT_EQ(KeyOf(auth_.AddGrant(system_, ScopeOfUser(admin_), secretary_, Role::kMember, 404)),
            "org.not_found");
  EXPECT_EQ(KeyOf(auth_.AddGrant(system_, unit, unit_admin_, Role::kMember, kBranchA)),
            "auth.cannot_change_own_grants");
  EXPECT_EQ(auth_.ListGrants(unit, secretary_)->size(), 2u);
  EXPECT_EQ(auth_.ListGrants(ScopeOfUser(secretary_), secretary_)->size(), 2u);  // own

  ASSERT_TRUE(auth_.RemoveGrant(system_, unit, added->id).ok());
  EXPECT_EQ(KeyOf(auth_.RemoveGrant(system_, unit, added->id)), "auth.grant_not_allowed");
  EXPECT_EQ(KeyOf(auth_.RemoveGrant(system_, ScopeOfUser(admin_), added->id)),
            "auth.grant_not_found");
  GrantId admins_grant = store_.ListGrants(admin_)->front().id;
  EXPECT_EQ(KeyOf(auth_.RemoveGrant(system_, unit, admins_grant)), "auth.grant_not_allowed");
  GrantId own = store_.ListGrants(unit_admin_)->front().id;
  EXPECT_EQ(KeyOf(auth_.RemoveGrant(system_, unit, own)), "auth.cannot_change_own_grants");
}

TEST_F(AuthServiceTest, ListUsersIsFilteredByScope) {
  AddUser("unit7", {{Role::kUnitAdmin, kUnit7}});
  NewUser linked{.username = "linked",
                 .display_name = "关联党员",
                 .member_id = kMemberInGroup6,
                 .password = "Initial-2026"};
  ASSERT_TRUE(auth_.CreateUserAsSystem(system_, linked, now_).ok());

  auto names = [](const UserPage& page) {
    std::vector<std::string> out;
    for (const User& u : page.users) out.push_back(u.username);
    return out;
  };
  Result<UserPage> all = auth_.ListUsers(ScopeOfUser(admin_), {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 5);
  Result<UserPage> unit = auth_.ListUsers(ScopeOfUser(unit_admin_), {});
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(names(*unit), (std::vector<std::string>{"unit3", "secretary", "linked"}));
  Result<UserPage> paged = auth_.ListUsers(ScopeOfUser(admin_), {.text = "unit", .limit = 1});
  ASSERT_TRUE(paged.ok());
  EXPECT_EQ(paged->total, 2);
  EXPECT_EQ(names(*paged), std::vector<std::string>{"unit3"});
  // The caller's node filter is replaced by their scope.
  Result<UserPage> widened =
      auth_.ListUsers(ScopeOfUser(unit_admin_), {.nodes = std::vector<NodeId>{kCommittee}});
  EXPECT_EQ(widened->total, 3);
  EXPECT_EQ(KeyOf(auth_.ListUsers(ScopeOfUser(secretary_), {})), "auth.not_admin");
}

TEST_F(AuthServiceTest, AdminsSeeAndLiftLocks) {
  for (int i = 0; i < 5; ++i) Fail("secretary", "wrong-password");
  for (int i = 0; i < 5; ++i) Fail("ghost", "wrong-password");
  for (int i = 0; i < 10; ++i) Fail("g" + std::to_string(i), "wrong-password");  // 20th: address

  Result<std::vector<LoginCounter>> all = auth_.ListLocks(ScopeOfUser(admin_), now_);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  Result<std::vector<LoginCounter>> unit = auth_.ListLocks(ScopeOfUser(unit_admin_), now_);
  ASSERT_TRUE(unit.ok());
  ASSERT_EQ(unit->size(), 1u);
  EXPECT_EQ(unit->front().subject, "secretary");
  EXPECT_EQ(unit->front().failures, 5);
  EXPECT_EQ(unit->front().locked_until, now_ + 15 * 60);

  Scope unit_scope = ScopeOfUser(unit_admin_);
  EXPECT_EQ(KeyOf(auth_.Unlock(system_, unit_scope, {LockKind::kAddress, kAddress})),
            "auth.user_forbidden");
  EXPECT_EQ(KeyOf(auth_.Unlock(system_, unit_scope, {LockKind::kAccount, "ghost"})),
            "auth.user_forbidden");
  EXPECT_EQ(KeyOf(auth_.Unlock(system_, unit_scope, {LockKind::kAccount, "admin"})),
            "auth.user_forbidden");
  ASSERT_TRUE(auth_.Unlock(system_, unit_scope, {LockKind::kAccount, "secretary"}).ok());
  EXPECT_EQ(KeyOf(auth_.Unlock(system_, unit_scope, {LockKind::kAccount, "secretary"})),
            "auth.lock_not_found");
  ASSERT_TRUE(auth_.Unlock(system_, ScopeOfUser(admin_), {LockKind::kAddress, kAddress}).ok());
  EXPECT_EQ(KeyOf(Login("secretary", kPassword)), "ok");
  EXPECT_EQ(KeyOf(auth_.ListLocks(ScopeOfUser(secretary_), now_)), "auth.not_admin");
}

TEST_F(AuthServiceTest, FailedWriteChangesNothing) {
  Scope admin = ScopeOfUser(admin_);
  store_.FailNextWrite();
  NewUser nu{.username = "newbie",
             .display_name = "新人",
             .password = "Initial-2026",
             .grants = {{0, 0, Role::kMember, kBranchA}}};
  EXPECT_EQ(KeyOf(auth_.CreateUser(system_, admin, nu, now_)), "internal");
  EXPECT_EQ(store_.FindUserByUsername("newbie").value(), std::nullopt);
  EXPECT_EQ(KeyOf(auth_.CreateUser(system_, admin, nu, now_)), "ok");
}

}  // namespace
}  // namespace dj
