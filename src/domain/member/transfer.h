// Transfers of organisational relations (组织关系转接) between branches, in two steps: the
// sending side starts one, the receiving side accepts it (the member then moves) or returns it
// with a reason (不得无故拒绝接收). Until then the member stays with the sending branch, which
// stays responsible for them (ZZ-19-2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "domain/member/member.h"
#include "domain/org/org_node.h"

namespace dj {

using TransferId = int64_t;

enum class TransferStatus {
  kPending,    // 待接收
  kAccepted,   // 已接收
  kReturned,   // 已退回
  kCancelled,  // 已撤回
};
const char* TransferStatusId(TransferStatus status);  // "pending", "accepted", ...
std::optional<TransferStatus> ParseTransferStatus(std::string_view id);
const char* TransferStatusLabel(TransferStatus status);

struct TransferRequest {
  TransferId id = 0;
  MemberId member_id = 0;
  NodeId from_branch_id = 0;
  NodeId to_branch_id = 0;
  std::optional<NodeId> to_group_id;
  Date initiated_on;
  std::string note;  // why (工作调动, 居住地变更, ...)
  TransferStatus status = TransferStatus::kPending;
  std::optional<Date> decided_on;
  std::string decision_note;  // the reason of a return
  int64_t created_by = 0;     // user ids, 0 for the system
  int64_t decided_by = 0;
  int64_t created_at = 0;  // unix seconds
  int64_t updated_at = 0;

  bool operator==(const TransferRequest&) const = default;
};

// A pending transfer as the roster keeps it, for compliance and listings.
struct PendingTransfer {
  TransferId id = 0;
  MemberId member_id = 0;
  NodeId from_branch_id = 0;
  NodeId to_branch_id = 0;
  Date initiated_on;

  bool operator==(const PendingTransfer&) const = default;
};

inline PendingTransfer PendingOf(const TransferRequest& t) {
  return {t.id, t.member_id, t.from_branch_id, t.to_branch_id, t.initiated_on};
}

}  // namespace dj
