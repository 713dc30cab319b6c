#include "app/demo_accounts.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "testutil/temp_dir.h"

namespace dj {
namespace {

class DemoAccountsTest : public ::testing::Test {
 protected:
  // A small demo (or, with demo = false, an empty database) behind a fixed clock.
  std::unique_ptr<App> OpenApp(bool demo, const std::string& name = "demo.db") {
    AppOptions options{.db_path = (dir_.path() / name).string(),
                       .demo = demo,
                       .demo_scale = DemoScale::kSmall,
                       .demo_seed = 1,
                       .clock = &clock_};
    options.auth_policy.password_cost = kTestPasswordCost;
    Result<std::unique_ptr<App>> app = App::Open(options);
    EXPECT_TRUE(app.ok()) << app.error().message;
    return app.ok() ? std::move(*app) : nullptr;
  }

  int64_t now() const { return clock_.NowUnixSeconds(); }

  // Every stored account, through the service as a committee admin of the whole tree.
  std::vector<User> AllUsers(App& app) {
    Scope system(app.roster(), 0, {{0, 0, Role::kCommitteeAdmin, app.roster().Root()->id}});
    UserQuery query;
    query.limit = 1000;
    Result<UserPage> page = app.auth().ListUsers(system, query);
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? page->users : std::vector<User>{};
  }

  FixedClock clock_ = FixedClock::AtNoon(*Date::FromYmd(2024, 6, 1));
  testutil::TempDir dir_;
};

TEST_F(DemoAccountsTest, CreatesOneAccountPerRoleOnTheExpectedNodes) {
  std::unique_ptr<App> app = OpenApp(true);
  ASSERT_NE(app, nullptr);
  const Roster& roster = app->roster();
  Result<std::vector<DemoAccount>> accounts = EnsureDemoAccounts(app->auth(), roster, now());
  ASSERT_TRUE(accounts.ok()) << accounts.error().message;
  ASSERT_EQ(accounts->size(), 6u);

  const OrgNode root = *roster.Root();
  const std::vector<std::string> usernames = {"demo_admin",  "demo_unit",     "demo_secretary",
                                              "demo_member", "demo_reviewer", "demo_auditor"};
  for (size_t i = 0; i < accounts->size(); ++i) {
    const DemoAccount& a = (*accounts)[i];
    EXPECT_EQ(a.username, usernames[i]);
    EXPECT_EQ(a.role, static_cast<Role>(i)) << a.username;
    EXPECT_EQ(a.password, kDemoPassword);
    EXPECT_EQ(a.node_name, roster.GetNode(a.node)->name) << a.username;
  }
  const DemoAccount& admin = (*accounts)[0];
  const DemoAccount& unit = (*accounts)[1];
  const DemoAccount& secretary = (*accounts)[2];
  const DemoAccount& member = (*accounts)[3];
  const DemoAccount& reviewer = (*accounts)[4];
  const DemoAccount& auditor = (*accounts)[5];
  for (const DemoAccount* on_root : {&admin, &reviewer, &auditor}) {
    EXPECT_EQ(on_root->node, root.id) << on_root->username;
    EXPECT_EQ(on_root->member_id, std::nullopt) << on_root->username;
  }

  // The unit with the lowest id: the demo numbers nodes in creation order, zones first.
  EXPECT_EQ(roster.GetNode(unit.node)->kind, NodeKind::kUnit);
  EXPECT_EQ(roster.GetNode(unit.node)->code, "HB-U001");
  EXPECT_EQ(unit.member_id, std::nullopt);

  // Secretary and member share a branch of that unit and are linked to its people.
  EXPECT_EQ(secretary.node, member.node);
  std::optional<OrgNode> branch = roster.GetNode(secretary.node);
  ASSERT_TRUE(branch.has_value());
  EXPECT_EQ(branch->kind, NodeKind::kBranch);
  EXPECT_TRUE(roster.IsInSubtree(branch->id, unit.node));
  EXPECT_EQ(secretary.member_id, branch->secretary_id);
  ASSERT_TRUE(member.member_id.has_value());
  EXPECT_NE(member.member_id, secretary.member_id);
  EXPECT_EQ(roster.BranchOf(*member.member_id), branch->id);
  EXPECT_EQ(roster.StatusOf(*member.member_id), MemberStatus::kFull);

  // Stored as listed: each logs in with the printed password, needs no change, and holds the
  // one grant listed.
  for (const DemoAccount& a : *accounts) {
    Result<LoginResult> login = app->auth().Login({a.username, kDemoPassword, "", ""}, now());
    ASSERT_TRUE(login.ok()) << a.username << ": " << login.error().message;
    EXPECT_FALSE(login->caller.user.must_change_password) << a.username;
    EXPECT_EQ(login->caller.user.member_id, a.member_id) << a.username;
    ASSERT_EQ(login->caller.grants.size(), 1u) << a.username;
    EXPECT_EQ(login->caller.grants[0].role, a.role) << a.username;
    EXPECT_EQ(login->caller.grants[0].node_id, a.node) << a.username;
  }
}

TEST_F(DemoAccountsTest, IsIdempotent) {
  std::unique_ptr<App> app = OpenApp(true);
  ASSERT_NE(app, nullptr);
  Result<std::vector<DemoAccount>> first = EnsureDemoAccounts(app->auth(), app->roster(), now());
  ASSERT_TRUE(first.ok()) << first.error().message;
  std::vector<User> users = AllUsers(*app);
  ASSERT_EQ(users.size(), 6u);

  Result<std::vector<DemoAccount>> second = EnsureDemoAccounts(app->auth(), app->roster(), now());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(AllUsers(*app), users);  // same rows, same hashes: nothing rewritten
}

TEST_F(DemoAccountsTest, LeavesAnExistingAccountAloneAndListsItAsStored) {
  std::unique_ptr<App> app = OpenApp(true);
  ASSERT_NE(app, nullptr);
  const NodeId unit = *app->roster().FindNodeByCode("HB-U002");
  NewUser auditor;
  auditor.username = "demo_auditor";
  auditor.display_name = "单位审计员";
  auditor.password = "another-password";
  auditor.grants = {{0, 0, Role::kAuditor, unit}};
  WriteContext ctx;
  ctx.user_name = "test";
  Result<User> stored = app->auth().CreateUserAsSystem(ctx, auditor, now());
  ASSERT_TRUE(stored.ok()) << stored.error().message;

  Result<std::vector<DemoAccount>> accounts = EnsureDemoAccounts(app->auth(), app->roster(), now());
  ASSERT_TRUE(accounts.ok()) << accounts.error().message;
  ASSERT_EQ(accounts->size(), 6u);
  const DemoAccount& listed = accounts->back();
  EXPECT_EQ(listed.username, "demo_auditor");
  EXPECT_EQ(listed.node, unit);
  EXPECT_EQ(listed.node_name, app->roster().GetNode(unit)->name);
  std::vector<User> users = AllUsers(*app);
  ASSERT_EQ(users.size(), 6u);
  EXPECT_EQ(users.front(), *stored);  // its password and name untouched
}

TEST_F(DemoAccountsTest, RefusesATreeWithoutAUnit) {
  std::unique_ptr<App> app = OpenApp(false);
  ASSERT_NE(app, nullptr);
  Result<std::vector<DemoAccount>> none = EnsureDemoAccounts(app->auth(), app->roster(), now());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().key, "demo.no_unit");
  EXPECT_EQ(none.error().message, "数据库中没有组织，无法创建演示账号");

  OrgNode root;
  root.kind = NodeKind::kCommittee;
  root.name = "某机关工委";
  root.code = "X";
  WriteContext ctx;
  ctx.user_name = "test";
  ASSERT_TRUE(app->orgs().Create(ctx, root).ok());
  Result<std::vector<DemoAccount>> no_unit = EnsureDemoAccounts(app->auth(), app->roster(), now());
  ASSERT_FALSE(no_unit.ok());
  EXPECT_EQ(no_unit.error().key, "demo.no_unit");
  EXPECT_EQ(no_unit.error().message, "数据库中没有单位，无法创建演示账号");
  EXPECT_TRUE(AllUsers(*app).empty());
}

TEST_F(DemoAccountsTest, OnlyADatabaseSeededByTheDemoIsADemoDatabase) {
  std::unique_ptr<App> demo = OpenApp(true, "demo.db");
  ASSERT_NE(demo, nullptr);
  EXPECT_EQ(IsDemoDatabase(demo->store()).value(), true);

  std::unique_ptr<App> real = OpenApp(false, "real.db");
  ASSERT_NE(real, nullptr);
  EXPECT_EQ(IsDemoDatabase(real->store()).value(), false);
  OrgNode root;
  root.kind = NodeKind::kCommittee;
  root.name = "某机关工委";
  root.code = "HB";
  WriteContext ctx;
  ctx.user_name = "admin";
  ASSERT_TRUE(real->orgs().Create(ctx, root).ok());
  EXPECT_EQ(IsDemoDatabase(real->store()).value(), false);
}

}  // namespace
}  // namespace dj
