#include "storage/sqlite/sqlite_auth_repository.h"

#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "domain/auth/auth_service.h"
#include "domain/auth/password.h"
#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;
using testing::MakeNode;
using testing::QueryInt;

constexpr char kHash[] = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

class SqliteAuthRepositoryTest : public testing::StoreTest {
 protected:
  AuthRepository& auth() { return store_->auth(); }

  User MakeUser(std::string username) {
    User u;
    u.username = std::move(username);
    u.display_name = "用户" + u.username;
    u.password_hash = kHash;
    u.created_at = clock_.NowUnixSeconds();
    u.password_changed_at = u.created_at;
    return u;
  }

  UserId Insert(std::string username, std::vector<RoleGrant> grants = {}) {
    Result<User> user = auth().InsertUser(ctx_, MakeUser(std::move(username)), grants);
    EXPECT_TRUE(user.ok()) << user.error().message;
    return user.ok() ? user->id : 0;
  }

  MemberId AddMember(int serial, NodeId branch) {
    Result<std::vector<Member>> m = members().InsertMembers(
        ctx_, {{MakeMember("党员" + std::to_string(serial), serial, branch), D("2020-01-01")}});
    EXPECT_TRUE(m.ok()) << m.error().message;
    return m.ok() ? (*m)[0].id : 0;
  }

  int64_t AuditRows(const char* entity) {
    Result<Statement> st = inspect_->Prepare("SELECT count(*) FROM audit_log WHERE entity = ?");
    EXPECT_TRUE(st.ok());
    st->Bind(1, entity);
    EXPECT_TRUE(st->Step().value());
    return st->ColumnInt64(0);
  }

  // No audit entry may hold a password hash (or anything that looks like one).
  void ExpectNoSecretsInAudit() {
    EXPECT_EQ(QueryInt(*inspect_,
                       "SELECT count(*) FROM audit_log WHERE before_json LIKE '%argon2%' "
                       "OR after_json LIKE '%argon2%' OR before_json LIKE '%password_hash%' "
                       "OR after_json LIKE '%password_hash%'"),
              0);
  }

  Session MakeSession(std::string hash, UserId user, int64_t seen, int64_t expires) {
    return {std::move(hash), user, "csrf-" + std::to_string(user), "10.0.0.1", seen, seen, expires};
  }
};

TEST_F(SqliteAuthRepositoryTest, InsertAndReadRoundTripEveryField) {
  AddTree();
  MemberId member = AddMember(1, branch_a_);
  User user = MakeUser("zhangwei");
  user.phone = "13912345678";
  user.member_id = member;
  user.must_change_password = true;
  user.disabled = true;
  user.password_changed_at = user.created_at + 5;
  const int64_t audit_before = Count("audit_log");
  Result<User> stored = auth().InsertUser(
      ctx_, user, {{0, 0, Role::kBranchSecretary, branch_a_}, {0, 0, Role::kMember, group_a1_}});
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_GT(stored->id, 0);
  user.id = stored->id;
  EXPECT_EQ(*stored, user);
  EXPECT_EQ(auth().GetUser(user.id).value(), user);
  EXPECT_EQ(auth().FindUserByUsername("zhangwei").value(), user);
  EXPECT_EQ(auth().FindUserByPhone("13912345678").value(), user);
  EXPECT_EQ(auth().FindUserByUsername("ZhangWei").value(), std::nullopt);
  EXPECT_EQ(auth().FindUserByPhone("13900000000").value(), std::nullopt);

  Result<std::vector<RoleGrant>> grants = auth().ListGrants(user.id);
  ASSERT_TRUE(grants.ok());
  ASSERT_EQ(grants->size(), 2u);
  EXPECT_EQ((*grants)[0], (RoleGrant{(*grants)[0].id, user.id, Role::kBranchSecretary, branch_a_}));
  EXPECT_EQ((*grants)[1].role, Role::kMember);
  EXPECT_EQ(auth().GetGrant((*grants)[1].id).value(), (*grants)[1]);

  EXPECT_EQ(Count("audit_log"), audit_before + 3);
  EXPECT_EQ(AuditRows("user"), 1);
  EXPECT_EQ(AuditRows("role_grant"), 2);
  EXPECT_EQ(UserAuditJson(user),
            "{\"id\":" + std::to_string(user.id) +
                ",\"username\":\"zhangwei\",\"phone\":\"13912345678\",\"display_name\":"
                "\"用户zhangwei\",\"member_id\":" +
                std::to_string(member) +
                ",\"must_change_password\":true,\"disabled\":true,\"created_at\":1714536000,"
                "\"password_changed_at\":1714536005}");
  ExpectNoSecretsInAudit();
}

TEST_F(SqliteAuthRepositoryTest, MissingUserAndGrant) {
  Result<User> user = auth().GetUser(42);
  ASSERT_FALSE(user.ok());
  EXPECT_EQ(user.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(user.error().key, "auth.user_not_found");
  EXPECT_EQ(user.error().message, "账号 42 不存在");
  Result<RoleGrant> grant = auth().GetGrant(7);
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.error().key, "auth.grant_not_found");
  EXPECT_EQ(grant.error().message, "角色授予 7 不存在");
}

TEST_F(SqliteAuthRepositoryTest, UniqueFieldsConflictAndWriteNothing) {
  AddTree();
  MemberId member = AddMember(1, branch_a_);
  User first = MakeUser("zhangwei");
  first.phone = "13912345678";
  first.member_id = member;
  ASSERT_TRUE(auth().InsertUser(ctx_, first, {}).ok());
  const int64_t users = Count("users"), audit = Count("audit_log");

  struct Case {
    std::function<void(User&)> change;
    std::vector<RoleGrant> grants;
    const char* key;
    std::string message;
  };
  std::vector<Case> cases = {
      {[](User&) {}, {}, "auth.username_taken", "用户名 zhangwei 已被使用"},
      {[](User& u) {
         u.username = "other";
         u.phone = "13912345678";
       },
       {},
       "auth.phone_taken",
       "手机号 13912345678 已被其他账号使用"},
      {[&](User& u) {
         u.username = "other";
         u.member_id = member;
       },
       {},
       "auth.member_has_account",
       "党员（编号 " + std::to_string(member) + "）已有账号"},
      {[](User& u) { u.username = "other"; },
       {{0, 0, Role::kMember, branch_a_}, {0, 0, Role::kMember, branch_a_}},
       "auth.grant_duplicate",
       "该账号已有此角色"},
  };
  for (const Case& c : cases) {
    User u = MakeUser("zhangwei");
    c.change(u);
    Result<User> r = auth().InsertUser(ctx_, u, c.grants);
    ASSERT_FALSE(r.ok()) << c.key;
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_EQ(r.error().key, c.key);
    EXPECT_EQ(r.error().message, c.message);
  }
  EXPECT_EQ(Count("users"), users);
  EXPECT_EQ(Count("role_grants"), 0);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteAuthRepositoryTest, UpdateIsAuditedWithTheChangeAndNoHash) {
  UserId id = Insert("zhangwei");
  User before = auth().GetUser(id).value();
  User after = before;
  after.display_name = "张伟";
  after.phone = "13912345678";
  after.disabled = true;
  ASSERT_TRUE(auth().UpdateUser(ctx_, before, after, UserChange::kProfile).ok());
  EXPECT_EQ(auth().GetUser(id).value(), after);

  User changed = after;
  changed.password_hash = "$argon2id$v=19$m=8,t=1,p=1$b3RoZXJzYWx0$bmV3aGFzaG5ld2hhc2g";
  changed.must_change_password = false;
  changed.password_changed_at += 60;
  ASSERT_TRUE(auth().UpdateUser(ctx_, after, changed, UserChange::kPasswordChange).ok());
  EXPECT_EQ(auth().GetUser(id).value(), changed);

  Result<Statement> st = inspect_->Prepare(
      "SELECT action, before_json, after_json, user_id, address FROM audit_log "
      "WHERE entity = 'user' ORDER BY id");
  ASSERT_TRUE(st.ok());
  std::vector<std::string> actions;
  while (st->Step().value()) {
    actions.push_back(st->ColumnString(0));
    EXPECT_EQ(st->ColumnInt64(3), 7);
    EXPECT_EQ(st->ColumnString(4), "10.0.0.8");
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "update", "password_change"}));
  ExpectNoSecretsInAudit();

  // Unchanged: nothing written.
  const int64_t audit = Count("audit_log");
  ASSERT_TRUE(auth().UpdateUser(ctx_, changed, changed, UserChange::kProfile).ok());
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteAuthRepositoryTest, UpdateErrors) {
  UserId id = Insert("zhangwei");
  Insert("lina");
  User before = auth().GetUser(id).value();
  const int64_t audit = Count("audit_log");

  User stale = before;
  stale.display_name = "旧名字";
  User after = before;
  after.display_name = "新名字";
  Status s = auth().UpdateUser(ctx_, stale, after, UserChange::kProfile);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.error().key, "auth.user_stale");
  EXPECT_EQ(s.error().message, "账号 zhangwei 已被他人修改，请刷新后重试");

  User renamed = before;
  renamed.username = "lina";
  EXPECT_EQ(auth().UpdateUser(ctx_, before, renamed, UserChange::kProfile).error().key,
            "auth.username_immutable");
  User gone = before;
  gone.id = 404;
  EXPECT_EQ(auth().UpdateUser(ctx_, gone, gone, UserChange::kProfile).error().key,
            "auth.user_not_found");
  User other = before;
  other.id = before.id + 1;
  EXPECT_EQ(auth().UpdateUser(ctx_, before, other, UserChange::kProfile).error().key,
            "auth.id_mismatch");

  Insert("wangfang");
  User phone_clash = auth().FindUserByUsername("wangfang")->value();
  User with_phone = before;
  with_phone.phone = "13912345678";
  ASSERT_TRUE(auth().UpdateUser(ctx_, before, with_phone, UserChange::kProfile).ok());
  User clash = phone_clash;
  clash.phone = "13912345678";
  EXPECT_EQ(auth().UpdateUser(ctx_, phone_clash, clash, UserChange::kProfile).error().key,
            "auth.phone_taken");
  EXPECT_EQ(Count("audit_log"), audit + 2);  // wangfang's creation and the phone
}

TEST_F(SqliteAuthRepositoryTest, DeleteUserTakesGrantsAndSessionsAlong) {
  AddTree();
  UserId id = Insert("zhangwei", {{0, 0, Role::kMember, branch_a_}});
  UserId other = Insert("lina", {{0, 0, Role::kMember, branch_a_}});
  const int64_t now = clock_.NowUnixSeconds();
  ASSERT_TRUE(auth().InsertSession(MakeSession("h1", id, now, now + 100)).ok());
  ASSERT_TRUE(auth().InsertSession(MakeSession("h2", other, now, now + 100)).ok());
  User user = auth().GetUser(id).value();
  ASSERT_TRUE(auth().DeleteUser(ctx_, user).ok());
  EXPECT_EQ(auth().GetUser(id).error().key, "auth.user_not_found");
  EXPECT_EQ(Count("role_grants"), 1);
  EXPECT_EQ(Count("sessions"), 1);
  EXPECT_EQ(auth().FindSession("h1").value(), std::nullopt);
  EXPECT_EQ(AuditRows("role_grant"), 3);  // two created, one deleted
  EXPECT_EQ(AuditRows("user"), 3);        // two created, one deleted
  EXPECT_EQ(auth().DeleteUser(ctx_, user).error().key, "auth.user_not_found");
  ExpectNoSecretsInAudit();
}

// An account link is removed explicitly, so the change is audited; deleting the member while
// linked is refused with a clear key, and nothing changes.
TEST_F(SqliteAuthRepositoryTest, MemberWithAnAccountIsNotDeleted) {
  AddTree();
  MemberId member = AddMember(1, branch_a_);
  User user = MakeUser("zhangwei");
  user.member_id = member;
  User stored = auth().InsertUser(ctx_, user, {}).value();
  const int64_t audit_before = Count("audit_log");

  Status refused = members().DeleteMember(ctx_, members().GetMember(member).value());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "member.has_account");
  EXPECT_EQ(Count("audit_log"), audit_before);
  EXPECT_EQ(Count("members"), 1);

  User unlinked = stored;
  unlinked.member_id.reset();
  ASSERT_TRUE(auth().UpdateUser(ctx_, stored, unlinked, UserChange::kProfile).ok());
  EXPECT_TRUE(members().DeleteMember(ctx_, members().GetMember(member).value()).ok());
}

TEST_F(SqliteAuthRepositoryTest, GrantsAreAuditedAndChecked) {
  AddTree();
  UserId id = Insert("zhangwei");
  const int64_t audit = Count("audit_log");
  Result<RoleGrant> grant = auth().InsertGrant(ctx_, {0, id, Role::kUnitAdmin, unit_});
  ASSERT_TRUE(grant.ok()) << grant.error().message;
  EXPECT_EQ(*grant, (RoleGrant{grant->id, id, Role::kUnitAdmin, unit_}));
  EXPECT_EQ(auth().InsertGrant(ctx_, {0, id, Role::kUnitAdmin, unit_}).error().key,
            "auth.grant_duplicate");
  Result<RoleGrant> no_node = auth().InsertGrant(ctx_, {0, id, Role::kMember, 404});
  ASSERT_FALSE(no_node.ok());
  EXPECT_EQ(no_node.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(no_node.error().key, "org.not_found");
  EXPECT_EQ(no_node.error().message, "组织 404 不存在");
  EXPECT_EQ(auth().InsertGrant(ctx_, {0, 999, Role::kMember, unit_}).error().key,
            "auth.user_not_found");
  EXPECT_EQ(Count("audit_log"), audit + 1);

  // An org node holding a grant cannot be deleted until the grant is revoked.
  Result<OrgNode> empty_branch =
      orgs().InsertNode(ctx_, MakeNode(NodeKind::kBranch, "第三党支部", "U1-B3", unit_));
  ASSERT_TRUE(empty_branch.ok());
  Result<RoleGrant> on_branch = auth().InsertGrant(ctx_, {0, id, Role::kMember, empty_branch->id});
  ASSERT_TRUE(on_branch.ok());
  EXPECT_EQ(orgs().DeleteNode(ctx_, *empty_branch).error().key, "org.has_grants");
  ASSERT_TRUE(auth().DeleteGrant(ctx_, *on_branch).ok());
  EXPECT_TRUE(orgs().DeleteNode(ctx_, *empty_branch).ok());
  EXPECT_EQ(auth().DeleteGrant(ctx_, *on_branch).error().key, "auth.grant_not_found");

  Result<Statement> st = inspect_->Prepare(
      "SELECT action, before_json, after_json FROM audit_log WHERE entity = 'role_grant' "
      "AND entity_id = ? ORDER BY id");
  ASSERT_TRUE(st.ok());
  st->Bind(1, on_branch->id);
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnString(0), "create");
  EXPECT_TRUE(st->IsNull(1));
  const std::string json =
      "{\"id\":" + std::to_string(on_branch->id) + ",\"user_id\":" + std::to_string(id) +
      ",\"role\":\"member\",\"node_id\":" + std::to_string(empty_branch->id) + "}";
  EXPECT_EQ(st->ColumnString(2), json);
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnString(0), "delete");
  EXPECT_EQ(st->ColumnString(1), json);
  EXPECT_TRUE(st->IsNull(2));
}

TEST_F(SqliteAuthRepositoryTest, ListUsersFiltersInTheQuery) {
  AddTree();
  MemberId member_b = AddMember(1, branch_b_);
  UserId admin = Insert("admin", {{0, 0, Role::kCommitteeAdmin, committee_}});
  UserId sec_a = Insert("sec.a", {{0, 0, Role::kBranchSecretary, branch_a_}});
  UserId grp = Insert("group.a1", {{0, 0, Role::kMember, group_a1_}});
  User linked = MakeUser("linked.b");
  linked.member_id = member_b;
  linked.phone = "13800001111";
  UserId linked_b = auth().InsertUser(ctx_, linked, {}).value().id;
  UserId nobody = Insert("nobody");

  auto ids = [&](UserQuery q) {
    Result<UserPage> page = auth().ListUsers(q);
    EXPECT_TRUE(page.ok()) << page.error().message;
    std::vector<UserId> out;
    for (const User& u : page->users) out.push_back(u.id);
    out.insert(out.begin(), page->total);  // total first
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<UserId>{5, admin, sec_a, grp, linked_b, nobody}));
  EXPECT_EQ(ids({.text = "a"}), (std::vector<UserId>{3, admin, sec_a, grp}));
  EXPECT_EQ(ids({.text = "用户sec"}), (std::vector<UserId>{1, sec_a}));
  EXPECT_EQ(ids({.text = "0001111"}), (std::vector<UserId>{1, linked_b}));
  EXPECT_EQ(ids({.nodes = std::vector<NodeId>{branch_a_, group_a1_}}),
            (std::vector<UserId>{2, sec_a, grp}));
  EXPECT_EQ(ids({.nodes = std::vector<NodeId>{branch_b_}}), (std::vector<UserId>{1, linked_b}));
  EXPECT_EQ(ids({.nodes = std::vector<NodeId>{}}), (std::vector<UserId>{0}));
  EXPECT_EQ(ids({.text = "a", .nodes = std::vector<NodeId>{committee_, branch_a_}}),
            (std::vector<UserId>{2, admin, sec_a}));
  EXPECT_EQ(ids({.offset = 1, .limit = 2}), (std::vector<UserId>{5, sec_a, grp}));
}

TEST_F(SqliteAuthRepositoryTest, SessionsAreStoredWithoutAudit) {
  UserId id = Insert("zhangwei");
  UserId other = Insert("lina");
  const int64_t audit = Count("audit_log");
  const int64_t t = clock_.NowUnixSeconds();
  Session s = MakeSession(std::string(64, 'a'), id, t, t + 3600);
  ASSERT_TRUE(auth().InsertSession(s).ok());
  EXPECT_EQ(auth().FindSession(s.token_hash).value(), s);
  EXPECT_EQ(auth().FindSession(std::string(64, 'b')).value(), std::nullopt);
  EXPECT_EQ(auth().InsertSession(s).error().key, "storage.unique_violation");

  ASSERT_TRUE(auth().TouchSession(s.token_hash, t + 90).ok());
  EXPECT_EQ(auth().FindSession(s.token_hash).value()->last_seen_at, t + 90);
  EXPECT_TRUE(auth().TouchSession("gone", t).ok());

  ASSERT_TRUE(auth().InsertSession(MakeSession("s2", id, t, t + 3600)).ok());
  ASSERT_TRUE(auth().InsertSession(MakeSession("s3", id, t, t + 3600)).ok());
  ASSERT_TRUE(auth().InsertSession(MakeSession("o1", other, t, t + 3600)).ok());
  EXPECT_EQ(auth().DeleteSessionsOfUser(id, "s2").value(), 2);
  EXPECT_TRUE(auth().FindSession("s2").value());
  EXPECT_TRUE(auth().FindSession("o1").value());
  EXPECT_EQ(auth().DeleteSessionsOfUser(id, "").value(), 1);

  ASSERT_TRUE(auth().InsertSession(MakeSession("old", id, t - 3600, t + 3600)).ok());
  ASSERT_TRUE(auth().InsertSession(MakeSession("done", id, t, t)).ok());
  ASSERT_TRUE(auth().InsertSession(MakeSession("live", id, t - 60, t + 3600)).ok());
  EXPECT_EQ(auth().DeleteExpiredSessions(t, t - 1800).value(), 2);
  EXPECT_TRUE(auth().FindSession("live").value());
  EXPECT_TRUE(auth().FindSession("o1").value());

  ASSERT_TRUE(auth().DeleteSession("live").ok());
  EXPECT_TRUE(auth().DeleteSession("live").ok());
  EXPECT_EQ(auth().FindSession("live").value(), std::nullopt);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteAuthRepositoryTest, LoginCountersUpdateAtomicallyWithoutAudit) {
  const int64_t audit = Count("audit_log");
  const std::vector<LoginCounterKey> keys = {{LockKind::kAccount, "zhangwei"},
                                             {LockKind::kAddress, "10.0.0.1"}};
  auto put = [&](int failures, int64_t locked_until) {
    return auth().UpdateLoginCounters(keys, [&](const auto& current) {
      std::vector<std::optional<LoginCounter>> next;
      for (const auto& c : current) {
        LoginCounter n = c.value_or(LoginCounter{});
        n.failures = failures;
        n.first_failed_at = 100;
        n.last_failed_at = 200;
        n.locked_until = locked_until;
        next.push_back(n);
      }
      return next;
    });
  };
  Result<std::vector<std::optional<LoginCounter>>> written = put(3, 0);
  ASSERT_TRUE(written.ok()) << written.error().message;
  ASSERT_TRUE((*written)[1]);
  EXPECT_EQ(*(*written)[1], (LoginCounter{LockKind::kAddress, "10.0.0.1", 3, 100, 200, 0}));
  EXPECT_EQ(Count("login_failures"), 2);
  ASSERT_TRUE(put(5, 1000).ok());

  std::vector<std::optional<LoginCounter>> seen;
  ASSERT_TRUE(auth()
                  .UpdateLoginCounters(
                      keys,
                      [&](const auto& current) {
                        seen = current;
                        return std::vector<std::optional<LoginCounter>>{current[0], std::nullopt};
                      })
                  .ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(*seen[0], (LoginCounter{LockKind::kAccount, "zhangwei", 5, 100, 200, 1000}));
  EXPECT_EQ(Count("login_failures"), 1);

  Result<std::vector<LoginCounter>> locks = auth().ListLoginLocks(999);
  ASSERT_TRUE(locks.ok());
  ASSERT_EQ(locks->size(), 1u);
  EXPECT_EQ(locks->front().subject, "zhangwei");
  EXPECT_TRUE(auth().ListLoginLocks(1000)->empty());

  EXPECT_EQ(auth().DeleteStaleLoginCounters(999, 300).value(), 0);   // still locked
  EXPECT_EQ(auth().DeleteStaleLoginCounters(1000, 200).value(), 0);  // failed too recently
  EXPECT_EQ(auth().DeleteLoginCounter(keys[0]).value(), true);
  EXPECT_EQ(auth().DeleteLoginCounter(keys[0]).value(), false);
  ASSERT_TRUE(put(1, 0).ok());
  EXPECT_EQ(auth().DeleteStaleLoginCounters(1000, 201).value(), 2);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteAuthRepositoryTest, ConcurrentAttemptsAreAllCounted) {
  const LoginCounterKey key{LockKind::kAccount, "zhangwei"};
  constexpr int kThreads = 4, kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        auto r = auth().UpdateLoginCounters({key}, [&](const auto& current) {
          return std::vector<std::optional<LoginCounter>>{
              CountAttempt(current[0], key, {1000, 3600, 60}, 100)};
        });
        EXPECT_TRUE(r.ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(QueryInt(*inspect_, "SELECT failures FROM login_failures"), kThreads * kPerThread);
}

// The whole path over SQLite: create, log in, authenticate, lock, and an intact audit chain.
TEST_F(SqliteAuthRepositoryTest, ServiceOverSqlite) {
  AddTree();
  Roster roster(clock_);
  ASSERT_TRUE(roster.Load(members().LoadSnapshot().value()).ok());
  AuthPolicy policy;
  policy.password_cost = kTestPasswordCost;
  AuthService service(auth(), roster, policy);
  int64_t now = clock_.NowUnixSeconds();

  NewUser nu{.username = "Admin",
             .display_name = "管理员",
             .password = "Dangjian#2026",
             .grants = {{0, 0, Role::kCommitteeAdmin, committee_}},
             .must_change_password = false};
  Result<User> admin = service.CreateUserAsSystem(ctx_, nu, now);
  ASSERT_TRUE(admin.ok()) << admin.error().message;
  Result<LoginResult> login = service.Login({"admin", "Dangjian#2026", "10.0.0.9", "r1"}, now);
  ASSERT_TRUE(login.ok()) << login.error().message;
  Result<Caller> caller = service.Authenticate(login->token, now + 120);
  ASSERT_TRUE(caller.ok()) << caller.error().message;
  EXPECT_EQ(caller->user.username, "admin");
  EXPECT_EQ(caller->grants.size(), 1u);
  EXPECT_EQ(QueryInt(*inspect_, "SELECT last_seen_at FROM sessions"), now + 120);

  Scope scope = service.ScopeOf(*caller);
  WriteContext ctx = CallerContext(*caller, "10.0.0.9", "r2");
  Result<User> clerk = service.CreateUser(ctx, scope,
                                          {.username = "clerk",
                                           .display_name = "办事员",
                                           .password = "Initial-2026",
                                           .grants = {{0, 0, Role::kBranchSecretary, branch_a_}}},
                                          now);
  ASSERT_TRUE(clerk.ok()) << clerk.error().message;
  EXPECT_TRUE(clerk->must_change_password);

  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(service.Login({"clerk", "wrong-password", "10.0.0.7", "r"}, now).error().key,
              "auth.bad_credentials");
  }
  EXPECT_EQ(service.Login({"clerk", "Initial-2026", "10.0.0.7", "r"}, now).error().key,
            "auth.locked");
  Result<std::vector<LoginCounter>> locks = service.ListLocks(scope, now);
  ASSERT_TRUE(locks.ok());
  ASSERT_EQ(locks->size(), 1u);
  ASSERT_TRUE(service.Unlock(ctx_, scope, locks->front().key()).ok());
  EXPECT_TRUE(service.Login({"clerk", "Initial-2026", "10.0.0.7", "r"}, now).ok());
  // Lifting a lock is an admin's write: audited with the counter as it was.
  EXPECT_EQ(QueryInt(*inspect_,
                     "SELECT count(*) FROM audit_log WHERE entity = 'login_lock' AND "
                     "action = 'unlock' AND after_json IS NULL AND "
                     "json_extract(before_json, '$.subject') = 'clerk' AND "
                     "json_extract(before_json, '$.failures') = 5"),
            1);
  EXPECT_EQ(service.Unlock(ctx_, scope, locks->front().key()).error().key, "auth.lock_not_found");

  ASSERT_TRUE(service.Logout(login->token).ok());
  EXPECT_EQ(service.Authenticate(login->token, now).error().key, "auth.session_invalid");

  Result<Statement> st = inspect_->Prepare(
      "SELECT user_id, user_name, address, request_id FROM audit_log WHERE entity = 'user' "
      "ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->Step().value());
  EXPECT_EQ(st->ColumnInt64(0), admin->id);
  EXPECT_EQ(st->ColumnString(1), "管理员（admin）");
  EXPECT_EQ(st->ColumnString(2), "10.0.0.9");
  EXPECT_EQ(st->ColumnString(3), "r2");
  ExpectNoSecretsInAudit();
  int64_t broken = -1;
  EXPECT_TRUE(VerifyAuditChain(*inspect_, &broken).ok());
  EXPECT_EQ(broken, 0);
}

}  // namespace
}  // namespace dj
