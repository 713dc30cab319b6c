// Compliance of branches with the rules on organisational life, structure and terms, for any
// node and period, computed from the records (life_index.h) and the roster: nothing is
// entered twice.
//
// Each rule in force on the period's reference day (its last day, or today while it runs) is
// checked per branch. A frequency rule (ZB-18-5..11) is checked in each of its windows
// (month, quarter or year) that meet the period: a window is met with enough held records,
// missing once it ended without them, due soon within 30 days of its end, else pending. The
// branch's state for the rule is the worst of its windows. A branch is compliant when no
// check is missing.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "domain/life/life_index.h"
#include "domain/life/period.h"
#include "domain/roster/roster.h"
#include "domain/roster/structure.h"
#include "domain/rules/rule_set.h"

namespace dj {

enum class CheckState { kMet, kMissing, kDueSoon, kPending, kNotApplicable };
inline constexpr int kCheckStateCount = 5;
const char* CheckStateId(CheckState state);     // "met", "missing", "due_soon", "pending", ...
const char* CheckStateLabel(CheckState state);  // "已落实", "未落实", "即将到期", ...

// Days before a window's end from which an unrecorded obligation is "due soon".
inline constexpr int kDueSoonDays = 30;

struct RuleCheck {
  const Rule* rule = nullptr;
  CheckState state = CheckState::kNotApplicable;
  int required = 0;  // records (or members, for coverage) required over the period
  int recorded = 0;
  std::optional<Date> due;  // end of the earliest window not yet met
  std::string message;      // Chinese, for people
};

struct BranchCompliance {
  NodeId branch_id = 0;
  bool compliant = true;
  std::vector<RuleCheck> checks;  // in rule-file order
};

// A unit's party body (JG-19-1/2): by its members, an organ committee or a general branch.
struct UnitCompliance {
  NodeId unit_id = 0;
  int64_t members = 0;  // active members in the unit's branches
  bool compliant = true;
  std::vector<RuleCheck> checks;  // in the order of ComplianceReport::unit_rules
};

struct ComplianceReport {
  NodeId node_id = 0;
  Period period = Period::Containing(PeriodKind::kMonth, Date());
  Date as_of;                              // the reference day the rules and states are taken at
  std::vector<const Rule*> rules;          // the rules checked per branch, in file order
  std::vector<BranchCompliance> branches;  // the subtree's branches in pre-order
  std::vector<const Rule*> unit_rules;     // the rules checked per unit (kind "body")
  std::vector<UnitCompliance> units;       // the subtree's units in pre-order
};

// What the engine needs of the tree and members, taken from the Roster by the caller.
struct ComplianceInput {
  std::vector<NodeHeadcount> nodes;  // the subtree in pre-order (Roster::Headcounts)
  std::vector<MemberBrief> members;  // active members under the node (ActiveMembersUnder)
  // Transfers pending today from or to a branch under the node (PendingTransfersUnder).
  std::vector<PendingTransfer> transfers;
};

// A member as the per-member rules read them: the id and the month key of `since`.
struct MemberMonth {
  MemberId id = 0;
  int32_t since_key = 0;
};

// A unit of the input with what its body rules need.
struct UnitView {
  const NodeHeadcount* unit = nullptr;
  int64_t members = 0;  // the sum over its branches
  bool organ_committee = false;
  bool general_branch = false;
};
// The units of `input` in pre-order; the views point into `input`.
std::vector<UnitView> UnitViewsOf(const ComplianceInput& input);

// A branch of the input with its groups and its active members.
struct BranchView {
  const NodeHeadcount* branch = nullptr;
  std::vector<const NodeHeadcount*> groups;
  std::vector<const MemberBrief*> members;
  std::vector<MemberMonth> member_months;         // the same members, side by side in memory
  std::vector<const PendingTransfer*> transfers;  // pending from or to the branch
};
// The branches of `input` in pre-order; the views point into `input`.
std::vector<BranchView> BranchViewsOf(const ComplianceInput& input);

// An input with its branch views, built once and then read by any number of evaluations
// (the views point into the input, so a scope is neither copied nor moved).
class ComplianceScope {
 public:
  explicit ComplianceScope(ComplianceInput input);
  ComplianceScope(const ComplianceScope&) = delete;
  ComplianceScope& operator=(const ComplianceScope&) = delete;

  const ComplianceInput& input() const { return input_; }
  const std::vector<BranchView>& branches() const { return branches_; }
  const std::vector<UnitView>& units() const { return units_; }

 private:
  ComplianceInput input_;
  std::vector<BranchView> branches_;
  std::vector<UnitView> units_;
};

// The scope of a node as the roster has it today: its headcounts and active members. Taking
// them from a roster of 120,000 members costs more than the whole roll-up, and they change
// only when the tree or the members do, so the latest few are kept and handed out again while
// Roster::Version() and the day are unchanged. Thread-safe.
class ComplianceScopes {
 public:
  explicit ComplianceScopes(const Roster& roster, size_t capacity = 8)
      : roster_(roster), capacity_(capacity) {}

  // NotFound when the node does not exist.
  Result<std::shared_ptr<const ComplianceScope>> For(NodeId node, Date today);

 private:
  struct Kept {
    NodeId node = 0;
    uint64_t version = 0;
    Date today;
    std::shared_ptr<const ComplianceScope> scope;
  };
  const Roster& roster_;
  const size_t capacity_;
  std::mutex mu_;
  std::vector<Kept> kept_;  // guarded by mu_; the most recently used last
};
// The nodes that must hold meetings under frequency rule `rule` in branch `b`: the branch,
// the branch when it has a committee, or its groups with members (params.applies_to).
std::vector<const OrgNode*> RuleHolders(const Rule& rule, const BranchView& b);

// Which checks carry their message. Building a sentence for each of the province's 80,000
// checks costs more than the checks; a roll-up shows the messages of the branches that fall
// short only.
enum class ComplianceDetail {
  kAll,
  kNonCompliant,  // the checks of compliant branches have an empty message
};

// Evaluates every branch under input.nodes.front() for `period` as of `today`. Reads `index`
// under its read lock. Pure otherwise: the same inputs give the same report.
ComplianceReport EvaluateCompliance(const RuleBook& rules, const LifeIndex& index,
                                    const ComplianceScope& scope, const Period& period, Date today,
                                    ComplianceDetail detail = ComplianceDetail::kAll);
// The same for an input used once.
ComplianceReport EvaluateCompliance(const RuleBook& rules, const LifeIndex& index,
                                    const ComplianceInput& input, const Period& period, Date today);

// The number of whole calendar months between the member's last organisational life (or the
// month they joined their branch, whichever is later) and the month of `as_of` (DZ-22-3).
int MonthsWithoutOrgLife(std::optional<int> last_attended_month, Date since, Date as_of);

}  // namespace dj
