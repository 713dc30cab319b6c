#include "app/demo_accounts.h"

#include <algorithm>
#include <utility>

#include "domain/auth/scope.h"

namespace dj {
namespace {

// The writer WriteDemo names in the audit log; the accounts are demo data too.

constexpr char kDemoSeedExists[] =
    "SELECT EXISTS (SELECT 1 FROM audit_log"
    " WHERE entity = 'roster' AND action = 'seed' AND user_name = ?1)";

// Every node below `top` (excluded) for which `take` is true, not descending below the nodes
// taken, in ascending id order.
template <typename Pred>
std::vector<OrgNode> NodesBelow(const Roster& roster, NodeId top, Pred take) {
  std::vector<OrgNode> found;
  std::vector<NodeId> pending{top};
  while (!pending.empty()) {
    NodeId id = pending.back();
    pending.pop_back();
    for (OrgNode& child : roster.Children(id)) {
      if (take(child)) {
        found.push_back(std::move(child));
      } else {
        pending.push_back(child.id);
      }
    }
  }
  std::sort(found.begin(), found.end(),
            [](const OrgNode& a, const OrgNode& b) { return a.id < b.id; });
  return found;
}

// The full member of `branch` with the lowest id other than `secretary`, if any.
Result<std::optional<MemberId>> OtherFullMember(const Roster& roster, NodeId branch,
                                                MemberId secretary) {
  MemberQuery query;
  query.subtree = branch;
  query.statuses = {MemberStatus::kFull};
  query.sort = MemberSort::kId;
  query.limit = 2;
  DJ_ASSIGN_OR_RETURN(MemberPage page, roster.Search(query));
  for (MemberId id : page.ids) {
    if (id != secretary) return std::optional<MemberId>(id);
  }
  return std::optional<MemberId>();
}

struct DemoBranch {
  OrgNode branch;
  MemberId secretary = 0;
  MemberId member = 0;
};

// The lowest-id branch under `unit` with an active secretary and another full member.
Result<DemoBranch> FindDemoBranch(const Roster& roster, const OrgNode& unit) {
  std::vector<OrgNode> branches =
      NodesBelow(roster, unit.id, [](const OrgNode& n) { return n.kind == NodeKind::kBranch; });
  for (OrgNode& branch : branches) {
    if (!branch.secretary_id) continue;
    const MemberId secretary = *branch.secretary_id;
    std::optional<MemberStatus> status = roster.StatusOf(secretary);
    if (!status || !IsActive(*status)) continue;
    DJ_ASSIGN_OR_RETURN(std::optional<MemberId> member,
                        OtherFullMember(roster, branch.id, secretary));
    if (member) return DemoBranch{std::move(branch), secretary, *member};
  }
  return Error::NotFound("demo.no_branch",
                         unit.name + "没有既有书记又有其他正式党员的支部，无法创建演示账号");
}

// The stored account named `username`, if any.
Result<std::optional<User>> FindUser(AuthService& auth, const Scope& system,
                                     const std::string& username) {
  UserQuery query;
  query.text = username;
  query.limit = 100;
  DJ_ASSIGN_OR_RETURN(UserPage page, auth.ListUsers(system, query));
  for (User& user : page.users) {
    if (user.username == username) return std::optional<User>(std::move(user));
  }
  return std::optional<User>();
}

}  // namespace

Result<std::vector<DemoAccount>> EnsureDemoAccounts(AuthService& auth, const Roster& roster,
                                                    int64_t now) {
  std::optional<OrgNode> root = roster.Root();
  if (!root) return Error::NotFound("demo.no_unit", "数据库中没有组织，无法创建演示账号");
  std::vector<OrgNode> units =
      NodesBelow(roster, root->id, [](const OrgNode& n) { return n.kind == NodeKind::kUnit; });
  if (units.empty()) {
    return Error::NotFound("demo.no_unit", "数据库中没有单位，无法创建演示账号");
  }
  const OrgNode& unit = units.front();
  DJ_ASSIGN_OR_RETURN(DemoBranch branch, FindDemoBranch(roster, unit));

  auto plan = [&](const char* username, Role role, const OrgNode& node,
                  std::optional<MemberId> member) {
    return DemoAccount{username, kDemoPassword, role, node.id, node.name, member};
  };
  std::vector<DemoAccount> accounts = {
      plan("demo_admin", Role::kCommitteeAdmin, *root, std::nullopt),
      plan("demo_unit", Role::kUnitAdmin, unit, std::nullopt),
      plan("demo_secretary", Role::kBranchSecretary, branch.branch, branch.secretary),
      plan("demo_member", Role::kMember, branch.branch, branch.member),
      plan("demo_reviewer", Role::kReviewer, *root, std::nullopt),
      plan("demo_auditor", Role::kAuditor, *root, std::nullopt),
  };

  // Looking accounts up goes through the service as a committee admin of the whole tree.
  const Scope system(roster, 0, {{0, 0, Role::kCommitteeAdmin, root->id}});
  WriteContext ctx;
  ctx.user_name = kDemoWriter;
  for (DemoAccount& account : accounts) {
    DJ_ASSIGN_OR_RETURN(std::optional<User> existing, FindUser(auth, system, account.username));
    if (existing) {
      account.member_id = existing->member_id;
      DJ_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, auth.ListGrants(system, existing->id));
      for (const RoleGrant& grant : grants) {
        if (grant.role != account.role) continue;
        account.node = grant.node_id;
        std::optional<OrgNode> node = roster.GetNode(grant.node_id);
        account.node_name = node ? node->name : "";
        break;
      }
      continue;
    }
    NewUser user;
    user.username = account.username;
    user.display_name = std::string("演示") + RoleLabel(account.role);
    user.member_id = account.member_id;
    user.password = account.password;
    user.grants = {{0, 0, account.role, account.node}};
    user.must_change_password = false;
    DJ_RETURN_IF_ERROR(auth.CreateUserAsSystem(ctx, std::move(user), now));
  }
  return accounts;
}

Result<bool> IsDemoDatabase(SqliteStore& store) {
  ConnectionPool::Lease reader = store.pool().BorrowReader();
  DJ_ASSIGN_OR_RETURN(Statement query, reader.db().Prepare(kDemoSeedExists));
  query.Bind(1, kDemoWriter);
  DJ_RETURN_IF_ERROR(query.Step());
  return query.ColumnInt64(0) != 0;
}

}  // namespace dj
