// Accounts for trying the platform on the demo tree: one per role, with a fixed password that
// `dangjian serve --demo` prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/auth/auth_service.h"
#include "domain/auth/user.h"
#include "domain/roster/roster.h"
#include "storage/sqlite/sqlite_store.h"

namespace dj {

// The password of every demo account. Public by design: it is printed at start.
inline constexpr char kDemoPassword[] = "dangjian-demo";

// The writer the audit log names for the demo data and the demo accounts; IsDemoDatabase
// recognises a demo database by it.
inline constexpr char kDemoWriter[] = "demo";

struct DemoAccount {
  std::string username;
  std::string password;
  Role role;
  NodeId node;  // the node the role is granted on
  std::string node_name;
  std::optional<MemberId> member_id;  // the member the account belongs to, if any

  bool operator==(const DemoAccount&) const = default;
};

// One account per role on the demo tree, created if absent (idempotent: accounts that already
// exist are left alone and still listed, with their stored member link and grant). The demo
// password is fixed and printed; a non-demo database never gets these (callers check
// IsDemoDatabase first). None has to change the password at first login.
//
// Listed in Role order, as demo_admin, demo_unit, demo_secretary, demo_member, demo_reviewer,
// demo_auditor: committee_admin, reviewer and auditor on the root; unit_admin on the unit with
// the lowest id; branch_secretary on the lowest-id branch of that unit that has a secretary
// and another full member, linked to the secretary; member on the same branch, linked to its
// full member with the lowest id other than the secretary. The audit log names "demo" as the
// writer, as for the demo data.
//
// NotFound "demo.no_unit" / "demo.no_branch" when the tree has no such unit or branch; the
// errors of AuthService::CreateUserAsSystem (e.g. Conflict "auth.member_has_account" when the
// chosen member already has another account).
Result<std::vector<DemoAccount>> EnsureDemoAccounts(AuthService& auth, const Roster& roster,
                                                    int64_t now);

// True when the organisation in `store` was written by the demo generator (`dangjian demo` or
// `serve --demo` on an empty database), as its audit log's seed entry says; false for a
// database filled any other way, or empty.
Result<bool> IsDemoDatabase(SqliteStore& store);

}  // namespace dj
