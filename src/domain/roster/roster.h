// The in-memory read model of the organisation tree and its members.
//
// The database is the source of truth; the roster is built from a snapshot at start and kept
// current by the services after each committed write. It answers the questions that must be
// fast at province scale (subtree statistics as of any date, member search with totals) by
// scanning compact arrays against the tree's pre-order ranges.
//
// Thread-safe: queries take a shared lock, writes an exclusive one. Writers that validate
// against the roster, write the database and then apply the change hold WriteLock() for the
// whole sequence so the roster and the database change in the same order.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/member/member.h"
#include "domain/member/member_repository.h"
#include "domain/org/org_tree.h"
#include "domain/roster/structure.h"

namespace dj {

// 年龄段 as in the Party's statistical tables.
inline constexpr int kAgeBandCount = 8;
// "30岁及以下", "31至35岁", ..., "61岁及以上".
const char* AgeBandLabel(int band);
int AgeBandOf(int age);

// 党龄段, counted from the full-membership date (DZ-22-2); probationary members have none.
inline constexpr int kPartyAgeBandCount = 7;
// "5年及以下", "6至10年", "11至20年", "21至30年", "31至40年", "41至50年", "51年及以上".
const char* PartyAgeBandLabel(int band);
int PartyAgeBandOf(int party_age);

// Figures for the members on the rolls of a subtree on one date.
struct SubtreeStats {
  NodeId node_id = 0;
  Date as_of;
  int64_t total = 0;  // probationary + full
  int64_t probationary = 0;
  int64_t full = 0;
  std::array<int64_t, 2> by_gender{};  // indexed by Gender
  std::array<int64_t, kMemberCategoryCount> by_category{};
  std::array<int64_t, kEducationCount> by_education{};
  std::array<int64_t, kAgeBandCount> by_age_band{};
  std::array<int64_t, kPartyAgeBandCount> by_party_age_band{};  // full members only
  // Members who left from this subtree between 1 January of as_of's year and as_of inclusive,
  // by status: transferred_out, deceased, lapsed.
  std::array<int64_t, 3> left_this_year{};
  // Nodes in the subtree today, by kind.
  std::array<int64_t, kNodeKindCount> nodes_by_kind{};
};

enum class MemberSort { kName, kBirthDate, kProbationaryDate, kFullDate, kId };

struct MemberQuery {
  NodeId subtree = 0;  // required: members whose current (or last) branch lies below
  // When not empty, also below one of these nodes (the caller's scope).
  std::vector<NodeId> within;
  std::string name_contains;           // substring of the name; empty for any
  std::vector<MemberStatus> statuses;  // empty for any
  std::optional<MemberCategory> category;
  std::optional<int> age_min;  // inclusive, as of today
  std::optional<int> age_max;  // inclusive
  std::optional<Gender> gender;
  std::vector<Education> educations;  // empty for any
  std::optional<int> age_band;        // AgeBandOf(age today)
  // PartyAgeBandOf(party age today); only members with a full-membership date by today match.
  std::optional<int> party_age_band;
  MemberSort sort = MemberSort::kName;
  bool descending = false;
  int64_t offset = 0;
  int64_t limit = 20;
};

// A member on the rolls of a node on one day (RollOn).
struct RollEntry {
  MemberId id = 0;
  std::string name;
  NodeId place = 0;   // the branch or group they were in that day
  bool full = false;  // a full member that day (only full members vote, XJ-20-3)
};

// What reminders and compliance need of an active member (ActiveMembersUnder).
struct MemberBrief {
  MemberId id = 0;
  std::string name;
  NodeId branch_id = 0;
  NodeId place = 0;  // group, or branch when in no group
  Date since;        // start of the current membership period
  Date probationary_date;
  std::optional<Date> full_date;
  MemberStatus status = MemberStatus::kProbationary;
};

struct MemberPage {
  int64_t total = 0;  // matches before paging
  std::vector<MemberId> ids;
};

class Roster {
 public:
  explicit Roster(const Clock& clock) : clock_(clock) {}
  Roster(const Roster&) = delete;
  Roster& operator=(const Roster&) = delete;

  // Replaces the contents with `snapshot`. Internal error when the nodes do not form a tree
  // or a member or period names a node that does not exist.
  Status Load(const RosterSnapshot& snapshot);

  // Held by writers from validation to applying the change; see the file comment.
  std::unique_lock<std::mutex> WriteLock() { return std::unique_lock(write_mutex_); }

  // --- Tree reads (copies, so no lock is held afterwards).
  std::optional<OrgNode> GetNode(NodeId id) const;
  std::optional<NodeId> FindNodeByCode(const std::string& code) const;
  std::optional<OrgNode> Root() const;
  std::vector<OrgNode> Children(NodeId id) const;
  // From the root down to `id` inclusive.
  std::vector<OrgNode> PathTo(NodeId id) const;
  bool IsInSubtree(NodeId id, NodeId ancestor) const;
  // Every node in the subtrees of `roots` (each subtree once per root given; roots that do not
  // exist are left out), for filters that list nodes.
  std::vector<NodeId> NodesUnder(const std::vector<NodeId>& roots) const;
  size_t NodeCount() const;
  // A number that changes with every change of the tree or the members: what was read from
  // the roster while it was unchanged is still current. Read it before reading the roster.
  uint64_t Version() const { return version_.load(std::memory_order_relaxed); }
  // Nodes under `roots` whose name or code contains `text` (codes ignoring ASCII case), in
  // tree order, at most `limit`, only of `kind` when given; `total` gets the number of matches.
  std::vector<OrgNode> FindNodes(std::string_view text, const std::vector<NodeId>& roots,
                                 size_t limit, size_t* total,
                                 std::optional<NodeKind> kind = std::nullopt) const;

  // --- Member reads.
  // Active members whose current branch or group is exactly `id`.
  int64_t ActiveMembersAt(NodeId id) const;
  // Members with any period, current or past, in exactly `id`.
  bool HasMemberHistory(NodeId id) const;
  bool HasMember(MemberId id) const;
  // The member's current status, or nullopt when unknown.
  std::optional<MemberStatus> StatusOf(MemberId id) const;
  // Current (or last) branch of the member.
  std::optional<NodeId> BranchOf(MemberId id) const;
  // The member's name.
  std::optional<std::string> NameOf(MemberId id) const;
  // Current (or last) group of the member, or their branch when they are in no group.
  std::optional<NodeId> PlaceOf(MemberId id) const;
  // The nodes naming the member as their secretary, in id order.
  std::vector<NodeId> NodesLedBy(MemberId id) const;
  // The members on the rolls of any branch or group in the subtree of `node` on `date`, by
  // id; empty when the node does not exist.
  std::vector<RollEntry> RollOn(NodeId node, Date date) const;
  // The active members whose current branch lies in the subtree of `node`, in no particular
  // order (the whole province is 120,000 of them: callers sort what they show).
  std::vector<MemberBrief> ActiveMembersUnder(NodeId node) const;

  // --- Writes, applied after the database committed them.
  // Inserts or replaces a node; Internal error (roster unchanged) if the result is not a tree.
  Status PutNode(const OrgNode& node);
  void RemoveNode(NodeId id);
  // Inserts or replaces a member with all of their periods.
  void PutMember(const Member& member, const std::vector<MembershipPeriod>& periods);
  // Removes a member; nodes naming them as secretary lose their secretary.
  void RemoveMember(MemberId id);
  // The listed nodes lose their secretary (the member left them or the party).
  void ClearSecretary(const std::vector<NodeId>& nodes);

  // --- Queries.
  // NotFound "org.not_found" when the node does not exist.
  Result<SubtreeStats> Stats(NodeId node, Date as_of) const;
  // NotFound "org.not_found" when the subtree node does not exist.
  Result<MemberPage> Search(const MemberQuery& query) const;
  // Every node of the subtree of `node` in pre-order, with the members on the rolls of each
  // branch or group today (a branch counts the members of its groups too). NotFound
  // "org.not_found" when the node does not exist.
  Result<std::vector<NodeHeadcount>> Headcounts(NodeId node) const;

  // --- Pending transfers (transfer.h), kept by MemberService.
  void SetPendingTransfers(std::vector<PendingTransfer> pending);
  void AddPendingTransfer(const PendingTransfer& pending);
  void RemovePendingTransfer(TransferId id);
  // Those whose sending or receiving branch lies under `node`, by id.
  std::vector<PendingTransfer> PendingTransfersUnder(NodeId node) const;

 private:
  struct Span {
    NodeId where;  // group if the member was in one, else branch
    int32_t from;  // days
    int32_t to;    // days, exclusive; INT32_MAX while open
  };
  // Compact facts about one member, enough for statistics and search.
  struct Facts {
    MemberId id;
    NodeId branch_id;
    NodeId where;          // current (or last) group or branch
    int32_t birth;         // yyyymmdd
    int32_t probationary;  // yyyymmdd
    int32_t full;          // yyyymmdd, 0 when none
    int32_t left_days;     // days, INT32_MAX when active
    MemberStatus status;
    Gender gender;
    Education education;
    MemberCategory category;
    std::string name;
    std::string sort_key;  // pinyin collation key of the name
    std::vector<Span> spans;
  };

  static Facts MakeFacts(const Member& m, const std::vector<MembershipPeriod>& periods);
  Status RebuildTree(std::vector<OrgNode> nodes);  // requires mu_ held exclusively
  // Adds `delta` to the active-member counts `f` contributes to (its branch and group).
  static void CountActive(std::unordered_map<NodeId, int64_t>& counts, const Facts& f, int delta);
  void AddFactsLocked(Facts facts);
  // Adds or removes `f` in places_ (every node any of its spans names).
  void IndexPlacesLocked(const Facts& f, bool add);
  void RemoveFactsLocked(MemberId id);
  // Clears the secretary of every node for which `vacate` is true; requires mu_ exclusively.
  template <typename Pred>
  void ClearSecretaryLocked(Pred vacate);

  const Clock& clock_;
  std::mutex write_mutex_;
  mutable std::shared_mutex mu_;
  // Bumped by every change, under the exclusive lock (see Version()).
  std::atomic<uint64_t> version_{0};
  OrgTree tree_;                                       // guarded by mu_
  std::unordered_map<std::string, NodeId> by_code_;    // guarded by mu_
  std::vector<Facts> members_;                         // guarded by mu_
  std::unordered_map<MemberId, size_t> member_index_;  // guarded by mu_
  // Active members directly at each branch or group (ActiveMembersAt), kept with members_.
  std::unordered_map<NodeId, int64_t> active_at_;  // guarded by mu_
  // Members with a span, current or past, at each branch or group (RollOn).
  std::unordered_map<NodeId, std::vector<MemberId>> places_;  // guarded by mu_
  std::vector<PendingTransfer> pending_transfers_;            // guarded by mu_; by id
};

}  // namespace dj
