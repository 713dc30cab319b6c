#pragma once

#include <span>
#include <vector>

#include "common/date.h"
#include "domain/member/member_repository.h"
#include "storage/sqlite/pool.h"

namespace dj {

// MemberRepository on SQLite. Thread-safe: reads use the pool's reader connections, writes its
// writer connection. `pool` and `clock` (the audit timestamps) must outlive the repository.
//
// Audit entries: one per member for InsertMembers ("create"), UpdateMember ("update"),
// TransferMember ("transfer") and DeleteMember ("delete"), plus an org_node "update" for each
// node that loses the member as secretary; a single "seed" entry with the counts for Seed.
//
// Beyond the interface's errors: NotFound "member.not_found" from the writes when the member
// is gone; Conflict "member.stale" when the stored member no longer equals `before`;
// InvalidArgument "member.branch_change_requires_transfer" when UpdateMember changes the
// branch; InvalidArgument "member.left_date_required" when a member who leaves or left has no
// left_date; Conflict "member.no_open_period" when TransferMember finds the member in no
// branch; Conflict "member.no_period_to_reopen" when a restored member has no period closed
// at before.left_date; and the storage.* errors of database.h (e.g. a branch that does not
// exist, a period that would end before it starts).
class SqliteMemberRepository final : public MemberRepository {
 public:
  SqliteMemberRepository(ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<RosterSnapshot> LoadSnapshot() override;
  Result<Member> GetMember(MemberId id) override;
  Result<std::vector<Member>> GetMembers(std::span<const MemberId> ids) override;
  Result<std::vector<MembershipPeriod>> GetPeriods(MemberId id) override;
  Result<std::optional<MemberId>> FindByIdNumber(const std::string& id_number) override;
  Result<std::vector<Member>> InsertMembers(const WriteContext& ctx,
                                            const std::vector<NewMember>& members) override;
  Status UpdateMember(const WriteContext& ctx, const Member& before, const Member& after,
                      const std::vector<NodeId>& vacated) override;
  Status TransferMember(const WriteContext& ctx, const Member& before, const Member& after,
                        Date date, const std::vector<NodeId>& vacated,
                        const TransferRequest* accepted) override;
  Status DeleteMember(const WriteContext& ctx, const Member& member) override;
  Status Seed(const WriteContext& ctx, const RosterSnapshot& snapshot) override;
  Result<TransferRequest> InsertTransfer(const WriteContext& ctx,
                                         const TransferRequest& request) override;
  Result<TransferRequest> GetTransfer(TransferId id) override;
  Result<std::vector<TransferRequest>> ListTransfers(std::optional<TransferStatus> status) override;
  Status DecideTransfer(const WriteContext& ctx, const TransferRequest& before,
                        const TransferRequest& after) override;

 private:
  ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace dj
