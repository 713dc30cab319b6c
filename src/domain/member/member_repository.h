#pragma once

#include <span>
#include <vector>

#include "common/result.h"
#include "domain/member/member.h"
#include "domain/member/transfer.h"
#include "domain/org/org_node.h"
#include "domain/write_context.h"

namespace dj {

// Everything the in-memory read model is built from.
struct RosterSnapshot {
  std::vector<OrgNode> nodes;
  std::vector<Member> members;
  std::vector<MembershipPeriod> periods;
};

// A member to add, with the date from which they belong to their branch.
struct NewMember {
  Member member;  // id ignored
  Date branch_since;
};

// Storage of members and their membership periods. Each write is one transaction that
// includes its audit entry. Implementations are thread-safe.
class MemberRepository {
 public:
  virtual ~MemberRepository() = default;

  // All nodes, members and periods, read in one transaction.
  virtual Result<RosterSnapshot> LoadSnapshot() = 0;

  // NotFound "member.not_found" when absent.
  virtual Result<Member> GetMember(MemberId id) = 0;
  // The members with these ids, in the order given; ids that do not exist are skipped.
  virtual Result<std::vector<Member>> GetMembers(std::span<const MemberId> ids) = 0;
  // The member's periods, oldest first.
  virtual Result<std::vector<MembershipPeriod>> GetPeriods(MemberId id) = 0;
  // The id of the member holding `id_number`, if any.
  virtual Result<std::optional<MemberId>> FindByIdNumber(const std::string& id_number) = 0;

  // Stores the members and opens one period each at `branch_since`, all or nothing, and
  // returns them with their assigned ids, in input order.
  // Conflict "member.id_number_duplicate" when an ID number is taken.
  virtual Result<std::vector<Member>> InsertMembers(const WriteContext& ctx,
                                                    const std::vector<NewMember>& members) = 0;
  // Replaces `before` with `after` (same id and branch). When `after` has left (status not
  // active), the open period is closed at after.left_date; when a member who had left is
  // restored, the period closed at before.left_date is reopened; a group change within the
  // branch is written to the open period. The nodes in `vacated` named the member as their
  // secretary and lose them in the same transaction, each with its own audit entry.
  virtual Status UpdateMember(const WriteContext& ctx, const Member& before, const Member& after,
                              const std::vector<NodeId>& vacated) = 0;
  // Closes the open period at `date` and opens one in `to_branch` from `date`; `after` is the
  // member with the new branch and group. `vacated` as for UpdateMember. With `accepted`, the
  // pending transfer request of that id becomes `*accepted` in the same transaction
  // (Conflict "transfer.not_pending" when it is no longer pending).
  virtual Status TransferMember(const WriteContext& ctx, const Member& before, const Member& after,
                                Date date, const std::vector<NodeId>& vacated,
                                const TransferRequest* accepted = nullptr) = 0;
  // Removes the member and their periods.
  virtual Status DeleteMember(const WriteContext& ctx, const Member& member) = 0;

  // Writes a whole snapshot, ids as given, into a database holding no nodes or members; one
  // transaction. Conflict "storage.not_empty" otherwise.
  virtual Status Seed(const WriteContext& ctx, const RosterSnapshot& snapshot) = 0;

  // --- Transfer requests (transfer.h).
  // Stores a new pending request and returns it with its id. Conflict
  // "transfer.pending_exists" when the member has one pending already.
  virtual Result<TransferRequest> InsertTransfer(const WriteContext& ctx,
                                                 const TransferRequest& request) = 0;
  // NotFound "transfer.not_found" when absent.
  virtual Result<TransferRequest> GetTransfer(TransferId id) = 0;
  // Every request, or those in `status`, newest first.
  virtual Result<std::vector<TransferRequest>> ListTransfers(
      std::optional<TransferStatus> status) = 0;
  // Replaces the pending `before` with `after` (returned or cancelled). Conflict
  // "transfer.not_pending" when it is no longer pending.
  virtual Status DecideTransfer(const WriteContext& ctx, const TransferRequest& before,
                                const TransferRequest& after) = 0;
};

}  // namespace dj
