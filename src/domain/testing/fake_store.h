// An in-memory OrgRepository and MemberRepository for the domain's own tests: the same
// contract as the real stores (errors, all-or-nothing writes), with no audit log.
#pragma once

#include <map>
#include <mutex>

#include "domain/member/member_repository.h"
#include "domain/org/org_repository.h"

namespace dj::testing {

class FakeStore final : public OrgRepository, public MemberRepository {
 public:
  // Makes the next write fail with Internal, to test that services change nothing then.
  void FailNextWrite() { fail_next_write_ = true; }
  int writes() const { return writes_; }

  Result<std::vector<OrgNode>> ListNodes() override;
  Result<OrgNode> GetNode(NodeId id) override;
  Result<OrgNode> InsertNode(const WriteContext& ctx, const OrgNode& node) override;
  Status UpdateNode(const WriteContext& ctx, const OrgNode& before, const OrgNode& after) override;
  Status DeleteNode(const WriteContext& ctx, const OrgNode& node) override;

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
  Status BeginWrite();

  std::mutex mu_;
  std::map<NodeId, OrgNode> nodes_;
  std::map<MemberId, Member> members_;
  std::vector<MembershipPeriod> periods_;
  NodeId next_node_ = 1;
  MemberId next_member_ = 1;
  std::map<TransferId, TransferRequest> transfers_;
  TransferId next_transfer_ = 1;
  bool fail_next_write_ = false;
  int writes_ = 0;
};

}  // namespace dj::testing
