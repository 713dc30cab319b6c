#include "storage/sqlite/sqlite_audit_repository.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/sqlite/audit_log.h"
#include "storage/sqlite/json_codec.h"
#include "storage/sqlite/sqlite_auth_repository.h"
#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;

constexpr char kHash[] = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

std::vector<int64_t> Ids(const AuditPage& page) {
  std::vector<int64_t> ids;
  for (const AuditRecord& r : page.entries) ids.push_back(r.id);
  return ids;
}

// The page `query` returns; an empty page after a failed expectation when it fails.
AuditPage ListOk(AuditRepository& audit, const AuditQuery& query) {
  Result<AuditPage> page = audit.List(query);
  EXPECT_TRUE(page.ok()) << page.error().message;
  return page.ok() ? std::move(page).value() : AuditPage{};
}

// A log written by real repository writes, by two users at five instants a minute apart:
//   t0 admin      org_node create x5 (AddTree)
//   t1 secretary  member create: alice (branch A), bob (branch B), carol (branch A)
//   t2 admin      org_node update (branch B renamed), member update (alice)
//   t3 secretary  member delete (carol: only before_json)
//   t4 admin      user create with grants on branch A and B, grant on B revoked (only
//                 before_json), bob transferred from branch B to branch A
class SqliteAuditRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    t0_ = clock_.NowUnixSeconds();
    AddTree();
    node_committee_ = 1, node_unit_ = 2, node_branch_a_ = 3, node_branch_b_ = 4, node_group_ = 5;
    ASSERT_EQ(LastEntry(), 5);

    clock_.Set(t0_ + 60);
    Result<std::vector<Member>> added =
        members().InsertMembers(secretary_, {{MakeMember("艾丽", 1, branch_a_), D("2020-01-01")},
                                             {MakeMember("鲍勃", 2, branch_b_), D("2020-01-01")},
                                             {MakeMember("卡罗", 3, branch_a_), D("2020-01-01")}});
    ASSERT_TRUE(added.ok()) << added.error().message;
    alice_ = (*added)[0], bob_ = (*added)[1], carol_ = (*added)[2];
    alice_create_ = 6, bob_create_ = 7, carol_create_ = 8;
    ASSERT_EQ(LastEntry(), 8);

    clock_.Set(t0_ + 120);
    OrgNode branch_b = orgs().GetNode(branch_b_).value();
    OrgNode renamed = branch_b;
    renamed.name = "第二党支部（机关）";
    ASSERT_TRUE(orgs().UpdateNode(ctx_, branch_b, renamed).ok());
    branch_b_update_ = LastEntry();
    Member alice_after = alice_;
    alice_after.post = "副处长";
    ASSERT_TRUE(members().UpdateMember(ctx_, alice_, alice_after, {}).ok());
    alice_update_ = LastEntry();

    clock_.Set(t0_ + 180);
    ASSERT_TRUE(members().DeleteMember(secretary_, carol_).ok());
    carol_delete_ = LastEntry();

    clock_.Set(t0_ + 240);
    User user;
    user.username = "lisi";
    user.display_name = "李四";
    user.password_hash = kHash;
    user.created_at = user.password_changed_at = clock_.NowUnixSeconds();
    Result<User> stored = store_->auth().InsertUser(
        ctx_, user, {{0, 0, Role::kBranchSecretary, branch_a_}, {0, 0, Role::kMember, branch_b_}});
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    user_id_ = stored->id;
    user_create_ = 12, grant_a_create_ = 13, grant_b_create_ = 14;
    ASSERT_EQ(LastEntry(), 14);
    std::vector<RoleGrant> grants = store_->auth().ListGrants(user_id_).value();
    ASSERT_EQ(grants.size(), 2u);
    grant_a_ = grants[0], grant_b_ = grants[1];
    ASSERT_EQ(grant_b_.node_id, branch_b_);
    ASSERT_TRUE(store_->auth().DeleteGrant(ctx_, grant_b_).ok());
    grant_b_delete_ = LastEntry();
    bob_after_ = bob_;
    bob_after_.branch_id = branch_a_;
    ASSERT_TRUE(members().TransferMember(ctx_, bob_, bob_after_, D("2024-04-15"), {}).ok());
    bob_transfer_ = LastEntry();
    ASSERT_EQ(bob_transfer_, 16);

    // A fresh database numbers every table from 1, so entity id 1 names a node, a member, a
    // user and a grant: the entity_id filter must not mix them up unless asked to.
    ASSERT_EQ(committee_, 1);
    ASSERT_EQ(alice_.id, 1);
    ASSERT_EQ(user_id_, 1);
    ASSERT_EQ(grant_a_.id, 1);
  }

  AuditRepository& audit() { return store_->audit(); }
  int64_t LastEntry() { return testing::QueryInt(*inspect_, "SELECT max(id) FROM audit_log"); }

  WriteContext secretary_{9, "书记", "10.0.0.9", "req-2"};
  int64_t t0_ = 0;
  Member alice_, bob_, carol_, bob_after_;
  UserId user_id_ = 0;
  RoleGrant grant_a_, grant_b_;
  // The ids of the entries, named after what they record.
  int64_t node_committee_ = 0, node_unit_ = 0, node_branch_a_ = 0, node_branch_b_ = 0,
          node_group_ = 0;
  int64_t alice_create_ = 0, bob_create_ = 0, carol_create_ = 0;
  int64_t branch_b_update_ = 0, alice_update_ = 0, carol_delete_ = 0;
  int64_t user_create_ = 0, grant_a_create_ = 0, grant_b_create_ = 0, grant_b_delete_ = 0,
          bob_transfer_ = 0;
};

// A query and the entry ids it must return, oldest first.
struct Case {
  const char* name;
  AuditQuery query;
  std::vector<int64_t> ids;
};

void ExpectCases(AuditRepository& audit, std::vector<Case> cases) {
  for (Case& c : cases) {
    SCOPED_TRACE(c.name);
    c.query.newest_first = false;
    AuditPage page = ListOk(audit, c.query);
    EXPECT_EQ(Ids(page), c.ids);
    EXPECT_EQ(page.total, static_cast<int64_t>(c.ids.size()));
  }
}

std::vector<int64_t> Range(int64_t first, int64_t last) {
  std::vector<int64_t> ids;
  for (int64_t id = first; id <= last; ++id) ids.push_back(id);
  return ids;
}

TEST_F(SqliteAuditRepositoryTest, ReadsEveryColumnAsWritten) {
  AuditPage page = ListOk(audit(), {});
  EXPECT_EQ(page.total, 16);
  ASSERT_EQ(Ids(page),
            (std::vector<int64_t>{16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));

  const AuditRecord& transfer = page.entries[0];
  EXPECT_EQ(transfer.id, bob_transfer_);
  EXPECT_EQ(transfer.at_unix, t0_ + 240);
  EXPECT_EQ(transfer.at_text, "2024-05-01T12:04:00+08:00");
  EXPECT_EQ(transfer.user_id, 7);
  EXPECT_EQ(transfer.user_name, "管理员");
  EXPECT_EQ(transfer.address, "10.0.0.8");
  EXPECT_EQ(transfer.request_id, "req-1");
  EXPECT_EQ(transfer.entity, "member");
  EXPECT_EQ(transfer.entity_id, bob_.id);
  EXPECT_EQ(transfer.action, "transfer");
  EXPECT_EQ(transfer.before_json, MemberToJson(bob_));
  EXPECT_EQ(transfer.after_json, MemberToJson(bob_after_));

  const AuditRecord& revoke = page.entries[16 - grant_b_delete_];
  EXPECT_EQ(revoke.entity, "role_grant");
  EXPECT_EQ(revoke.entity_id, grant_b_.id);
  EXPECT_EQ(revoke.action, "delete");
  EXPECT_EQ(revoke.before_json, GrantAuditJson(grant_b_));
  EXPECT_EQ(revoke.after_json, std::nullopt);

  const AuditRecord& deleted = page.entries[16 - carol_delete_];
  EXPECT_EQ(deleted.at_unix, t0_ + 180);
  EXPECT_EQ(deleted.at_text, "2024-05-01T12:03:00+08:00");
  EXPECT_EQ(deleted.user_id, 9);
  EXPECT_EQ(deleted.user_name, "书记");
  EXPECT_EQ(deleted.address, "10.0.0.9");
  EXPECT_EQ(deleted.request_id, "req-2");
  EXPECT_EQ(deleted.entity_id, carol_.id);
  EXPECT_EQ(deleted.action, "delete");
  EXPECT_EQ(deleted.before_json, MemberToJson(carol_));
  EXPECT_EQ(deleted.after_json, std::nullopt);

  const AuditRecord& created = page.entries[16 - node_committee_];
  EXPECT_EQ(created.entity, "org_node");
  EXPECT_EQ(created.action, "create");
  EXPECT_EQ(created.before_json, std::nullopt);
  EXPECT_EQ(created.after_json, OrgNodeToJson(orgs().GetNode(committee_).value()));

  // Every column feeds the hash, so the chain recomputed from the records read checks that
  // each column was read from the right place.
  std::string prev = kAuditGenesisHash;
  for (auto it = page.entries.rbegin(); it != page.entries.rend(); ++it) {
    SCOPED_TRACE(it->id);
    AuditEntry e{it->id,          it->at_unix,    it->at_text, it->user_id,   it->user_name,
                 it->address,     it->request_id, it->entity,  it->entity_id, it->action,
                 it->before_json, it->after_json, prev,        it->hash};
    EXPECT_EQ(AuditEntryHash(e), it->hash);
    prev = it->hash;
  }
}

TEST_F(SqliteAuditRepositoryTest, EachFilterAlone) {
  const int64_t t0 = t0_;
  ExpectCases(audit(),
              {
                  {"no filter", {}, Range(1, 16)},
                  {"entity member",
                   {.entity = "member"},
                   {alice_create_, bob_create_, carol_create_, alice_update_, carol_delete_,
                    bob_transfer_}},
                  {"entity org_node",
                   {.entity = "org_node"},
                   {node_committee_, node_unit_, node_branch_a_, node_branch_b_, node_group_,
                    branch_b_update_}},
                  {"entity user", {.entity = "user"}, {user_create_}},
                  {"entity role_grant",
                   {.entity = "role_grant"},
                   {grant_a_create_, grant_b_create_, grant_b_delete_}},
                  {"entity never written", {.entity = "meeting"}, {}},
                  {"entity is matched exactly", {.entity = "Member"}, {}},
                  {"entity_id alone spans entities",
                   {.entity_id = 1},
                   {node_committee_, alice_create_, alice_update_, user_create_, grant_a_create_}},
                  {"entity_id of no entry", {.entity_id = 999}, {}},
                  {"user_id secretary",
                   {.user_id = 9},
                   {alice_create_, bob_create_, carol_create_, carol_delete_}},
                  {"user_id admin",
                   {.user_id = 7},
                   {1, 2, 3, 4, 5, branch_b_update_, alice_update_, user_create_, grant_a_create_,
                    grant_b_create_, grant_b_delete_, bob_transfer_}},
                  {"user_id 0 is a value, not unset", {.user_id = 0}, {}},
                  {"from_unix", {.from_unix = t0 + 120}, Range(9, 16)},
                  {"to_unix", {.to_unix = t0 + 120}, Range(1, 8)},
              });
}

TEST_F(SqliteAuditRepositoryTest, FiltersCombine) {
  const int64_t t0 = t0_;
  ExpectCases(
      audit(),
      {
          {"one member's history",
           {.entity = "member", .entity_id = alice_.id},
           {alice_create_, alice_update_}},
          {"one node's history",
           {.entity = "org_node", .entity_id = branch_b_},
           {node_branch_b_, branch_b_update_}},
          {"a deleted member's history",
           {.entity = "member", .entity_id = carol_.id},
           {carol_create_, carol_delete_}},
          {"entity and user", {.entity = "member", .user_id = 7}, {alice_update_, bob_transfer_}},
          {"entity and window",
           {.entity = "member", .from_unix = t0 + 60, .to_unix = t0 + 180},
           {alice_create_, bob_create_, carol_create_, alice_update_}},
          {"user and window",
           {.user_id = 7, .from_unix = t0 + 60, .to_unix = t0 + 240},
           {branch_b_update_, alice_update_}},
          {"user and scope",
           {.user_id = 9, .nodes = std::vector<NodeId>{branch_a_}},
           {alice_create_, carol_create_, carol_delete_}},
          {"entity, id and scope: bob left branch B",
           {.entity = "member", .entity_id = bob_.id, .nodes = std::vector<NodeId>{branch_b_}},
           {bob_create_}},
          {"every filter",
           {.entity = "role_grant",
            .entity_id = grant_b_.id,
            .user_id = 7,
            .from_unix = t0 + 240,
            .to_unix = t0 + 241,
            .nodes = std::vector<NodeId>{branch_b_}},
           {grant_b_create_, grant_b_delete_}},
          {"every filter, one of them off",
           {.entity = "role_grant",
            .entity_id = grant_b_.id,
            .user_id = 9,
            .from_unix = t0 + 240,
            .to_unix = t0 + 241,
            .nodes = std::vector<NodeId>{branch_b_}},
           {}},
      });
}

TEST_F(SqliteAuditRepositoryTest, TimeWindowIncludesFromAndExcludesTo) {
  const int64_t t0 = t0_, t1 = t0_ + 60, t3 = t0_ + 180, t4 = t0_ + 240;
  ExpectCases(audit(),
              {
                  {"from is inclusive", {.from_unix = t1}, Range(6, 16)},
                  {"a second after from", {.from_unix = t1 + 1}, Range(9, 16)},
                  {"to is exclusive", {.to_unix = t1}, Range(1, 5)},
                  {"a second after to", {.to_unix = t1 + 1}, Range(1, 8)},
                  {"one second", {.from_unix = t1, .to_unix = t1 + 1}, Range(6, 8)},
                  {"from equals to", {.from_unix = t1, .to_unix = t1}, {}},
                  {"from after to", {.from_unix = t4, .to_unix = t1}, {}},
                  {"between two instants", {.from_unix = t3, .to_unix = t4}, {carol_delete_}},
                  {"first instant", {.from_unix = t0, .to_unix = t0 + 1}, Range(1, 5)},
                  {"before everything", {.to_unix = t0}, {}},
                  {"after everything", {.from_unix = t4 + 1}, {}},
                  {"last instant", {.from_unix = t4}, Range(12, 16)},
              });
}

TEST_F(SqliteAuditRepositoryTest, ScopeKeepsEntriesAboutTheListedNodes) {
  using Nodes = std::vector<NodeId>;
  ExpectCases(
      audit(),
      {
          {"no scope: every entry", {.nodes = std::nullopt}, Range(1, 16)},
          {"empty scope: nothing", {.nodes = Nodes{}}, {}},
          // Carol through her before_json, the grant on A through its after_json, Bob's
          // transfer through its after_json (he moved into A).
          // The group's node entry counts under its parent too.
          {"branch A",
           {.nodes = Nodes{branch_a_}},
           {node_branch_a_, node_group_, alice_create_, carol_create_, alice_update_, carol_delete_,
            grant_a_create_, bob_transfer_}},
          // The revoked grant through its before_json; Bob's transfer is not B's any more.
          {"branch B",
           {.nodes = Nodes{branch_b_}},
           {node_branch_b_, bob_create_, branch_b_update_, grant_b_create_, grant_b_delete_}},
          {"a group: its own node entries only", {.nodes = Nodes{group_a1_}}, {node_group_}},
          // The list is not expanded to the subtree: only the children's own node entries
          // count under their parent.
          {"the committee alone", {.nodes = Nodes{committee_}}, {node_committee_, node_unit_}},
          {"every node: all but the user entry",
           {.nodes = Nodes{committee_, unit_, branch_a_, branch_b_, group_a1_}},
           {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16}},
          {"order and repeats do not matter",
           {.nodes = Nodes{branch_b_, committee_, branch_b_}},
           {node_committee_, node_unit_, node_branch_b_, bob_create_, branch_b_update_,
            grant_b_create_, grant_b_delete_}},
          {"a node that does not exist", {.nodes = Nodes{999}}, {}},
          // Entity ids of other entities must not leak in: member 1, user 1 and grant 1 all
          // have entity_id 1, the committee's id.
          {"scope by id is per entity", {.nodes = Nodes{1}}, {node_committee_, node_unit_}},
          {"user entries are in no scope",
           {.entity = "user", .nodes = Nodes{committee_, unit_, branch_a_, branch_b_, group_a1_}},
           {}},
      });
}

TEST_F(SqliteAuditRepositoryTest, PagesCountTheTotalBeforePaging) {
  struct PageCase {
    const char* name;
    int64_t offset, limit;
    std::vector<int64_t> ids;
  };
  // Branch A's eight entries, newest first: 16, 13, 11, 10, 8, 6, 5, 3.
  const std::vector<PageCase> cases = {
      {"first page", 0, 3, {16, 13, 11}},
      {"second page", 3, 3, {10, 8, 6}},
      {"last, short page", 6, 3, {5, 3}},
      {"just past the end", 8, 3, {}},
      {"far past the end", 100, 3, {}},
      {"one page holds all", 0, 50, {16, 13, 11, 10, 8, 6, 5, 3}},
      {"limit 0: count only", 0, 0, {}},
      {"negative limit: count only", 0, -1, {}},
      {"negative offset counts as 0", -5, 2, {16, 13}},
  };
  for (const PageCase& c : cases) {
    SCOPED_TRACE(c.name);
    AuditPage page = ListOk(
        audit(), {.nodes = std::vector<NodeId>{branch_a_}, .offset = c.offset, .limit = c.limit});
    EXPECT_EQ(page.total, 8);
    EXPECT_EQ(Ids(page), c.ids);
  }

  // Pages of five over the whole log add up to the whole log.
  std::vector<int64_t> walked;
  for (int64_t offset = 0; offset < 20; offset += 5) {
    AuditPage page = ListOk(audit(), {.offset = offset, .limit = 5});
    EXPECT_EQ(page.total, 16);
    EXPECT_LE(page.entries.size(), 5u);
    for (int64_t id : Ids(page)) walked.push_back(id);
  }
  EXPECT_EQ(walked, (std::vector<int64_t>{16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
}

TEST_F(SqliteAuditRepositoryTest, OrdersNewestOrOldestFirst) {
  EXPECT_EQ(Ids(ListOk(audit(), {.limit = 100})),
            (std::vector<int64_t>{16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
  EXPECT_EQ(Ids(ListOk(audit(), {.limit = 100, .newest_first = false})), Range(1, 16));
  EXPECT_EQ(Ids(ListOk(audit(), {.offset = 1, .limit = 2})), (std::vector<int64_t>{15, 14}));
  EXPECT_EQ(Ids(ListOk(audit(), {.offset = 1, .limit = 2, .newest_first = false})),
            (std::vector<int64_t>{2, 3}));
  AuditPage members_oldest =
      ListOk(audit(), {.entity = "member", .offset = 4, .limit = 5, .newest_first = false});
  EXPECT_EQ(members_oldest.total, 6);
  EXPECT_EQ(Ids(members_oldest), (std::vector<int64_t>{carol_delete_, bob_transfer_}));
  AuditPage members_newest = ListOk(audit(), {.entity = "member", .offset = 4, .limit = 5});
  EXPECT_EQ(members_newest.total, 6);
  EXPECT_EQ(Ids(members_newest), (std::vector<int64_t>{bob_create_, alice_create_}));
}

TEST_F(SqliteAuditRepositoryTest, SeesEntriesWrittenAfterItWasCreated) {
  ASSERT_EQ(ListOk(audit(), {.limit = 0}).total, 16);
  clock_.Set(t0_ + 300);
  Member alice = members().GetMember(alice_.id).value();
  Member after = alice;
  after.phone = "13900001111";
  ASSERT_TRUE(members().UpdateMember(secretary_, alice, after, {}).ok());
  AuditPage page = ListOk(audit(), {.from_unix = t0_ + 300});
  EXPECT_EQ(page.total, 1);
  ASSERT_EQ(page.entries.size(), 1u);
  EXPECT_EQ(page.entries[0].id, 17);
  EXPECT_EQ(page.entries[0].after_json, MemberToJson(after));
}

using SqliteAuditRepositoryEmptyTest = testing::StoreTest;

TEST_F(SqliteAuditRepositoryEmptyTest, AnEmptyLogListsNothing) {
  for (const AuditQuery& query :
       {AuditQuery{}, AuditQuery{.newest_first = false}, AuditQuery{.nodes = std::vector<NodeId>{}},
        AuditQuery{.entity = "member", .nodes = std::vector<NodeId>{1}}}) {
    AuditPage page = ListOk(store_->audit(), query);
    EXPECT_EQ(page.total, 0);
    EXPECT_TRUE(page.entries.empty());
  }
}

}  // namespace
}  // namespace dj
