// Use cases on members: create, read, update, transfer between branches, delete, search.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/member/member.h"
#include "domain/member/member_repository.h"
#include "domain/roster/roster.h"
#include "domain/write_context.h"

namespace dj {

struct MemberSearchResult {
  int64_t total = 0;
  std::vector<Member> members;  // the requested page, in order
};

// Thread-safe. Writes are serialised through the roster's write lock so validation, the
// database write and the roster update happen as one step.
class MemberService {
 public:
  MemberService(MemberRepository& repo, Roster& roster, const Clock& clock)
      : repo_(repo), roster_(roster), clock_(clock) {}

  // NotFound "member.not_found".
  Result<Member> Get(MemberId id);
  // The member's periods in branches, oldest first. NotFound "member.not_found".
  Result<std::vector<MembershipPeriod>> History(MemberId id);

  // Adds a member who belongs to their branch from `branch_since` (default: the date they
  // were admitted). Validation errors list every field problem; Conflict
  // "member.id_number_duplicate" when the ID number is on file.
  Result<Member> Create(const WriteContext& ctx, Member member,
                        std::optional<Date> branch_since = std::nullopt);
  // Adds many members, all or nothing. Every row is checked before anything is written and
  // every problem of every row is reported (rows numbered `first_row`, `first_row`+1, ...),
  // including ID numbers repeated inside the batch or already on file.
  Result<std::vector<Member>> CreateMany(const WriteContext& ctx, std::vector<NewMember> members,
                                         int first_row = 1);
  // The checks of CreateMany without the write: every problem of every row (normalising the
  // members in place), empty when all of them could be created now.
  Result<std::vector<FieldError>> CheckMany(std::vector<NewMember>& members, int first_row = 1);
  // Replaces the member's fields. The branch cannot change here (InvalidArgument
  // "member.branch_change_requires_transfer"): moves go through Transfer so history is kept.
  // The admission date cannot move after the first membership period began, nor a leaving
  // date before the current one began. A secretary who leaves, or stops being a full
  // member, leaves their post empty (recorded in the audit log).
  Result<Member> Update(const WriteContext& ctx, MemberId id, Member after);
  // Moves an active member to `to_branch` (and optionally one of its groups) on `date`. Nodes
  // they were secretary of and that the new branch is not part of lose their secretary.
  Result<Member> Transfer(const WriteContext& ctx, MemberId id, NodeId to_branch,
                          std::optional<NodeId> to_group, Date date);
  // Deletes the member and their history.
  Status Delete(const WriteContext& ctx, MemberId id);

  // --- Two-step transfers (transfer.h). Each keeps the roster's pending transfers current.
  // Reads the pending transfers into the roster (at start).
  Status LoadTransfers();
  // The sending side starts a transfer of an active member to another branch (and
  // optionally one of its groups) today; `note` says why. Conflict "member.not_active",
  // "transfer.pending_exists"; field errors "to_branch_id" (same_branch, placement),
  // "note" (note_too_long).
  Result<TransferRequest> RequestTransfer(const WriteContext& ctx, MemberId id, NodeId to_branch,
                                          std::optional<NodeId> to_group, std::string note);
  // NotFound "transfer.not_found".
  Result<TransferRequest> GetTransfer(TransferId id);
  // Every request, or those in `status`, newest first.
  Result<std::vector<TransferRequest>> ListTransfers(std::optional<TransferStatus> status);
  // The receiving side accepts: the member moves today, to `to_group` when given (else the
  // request's). Conflict "transfer.not_pending", "transfer.member_moved" (no longer in the
  // sending branch), and the errors of Transfer.
  Result<Member> AcceptTransfer(const WriteContext& ctx, TransferId id,
                                std::optional<NodeId> to_group);
  // The receiving side returns it with a reason (field error "reason" reason_required);
  // the member stays. Conflict "transfer.not_pending".
  Result<TransferRequest> ReturnTransfer(const WriteContext& ctx, TransferId id,
                                         std::string reason);
  // The sending side withdraws it. Conflict "transfer.not_pending".
  Result<TransferRequest> CancelTransfer(const WriteContext& ctx, TransferId id);

  // NotFound "org.not_found" when the subtree does not exist.
  Result<MemberSearchResult> Search(const MemberQuery& query);

 private:
  // Problems with where the member is placed: the branch must be a branch, the group one of
  // its groups.
  std::vector<FieldError> CheckPlacement(NodeId branch_id, std::optional<NodeId> group_id,
                                         int row) const;
  Status ReloadIntoRoster(MemberId id);
  // Transfer under the roster's write lock; with `accepted`, that request is closed with it.
  Result<Member> TransferLocked(const WriteContext& ctx, MemberId id, NodeId to_branch,
                                std::optional<NodeId> to_group, Date date,
                                const TransferRequest* accepted);
  // A pending request closed as `status` with `note`, written and taken off the roster.
  Result<TransferRequest> DecideLocked(const WriteContext& ctx, TransferId id,
                                       TransferStatus status, std::string note);
  // The checks of CreateMany; requires the roster's write lock.
  Result<std::vector<FieldError>> CheckNewLocked(std::vector<NewMember>& members,
                                                 int first_row) const;
  // The nodes naming the member as secretary that cannot keep them once the member is
  // `after`: they left, are no longer a full member, or moved out of the node's subtree.
  std::vector<NodeId> PostsVacatedBy(const Member& after) const;

  MemberRepository& repo_;
  Roster& roster_;
  const Clock& clock_;
};

}  // namespace dj
