#include "domain/member/transfer.h"

#include <array>

#include "common/enum_table.h"

namespace dj {
namespace {

constexpr std::array<EnumInfo<TransferStatus>, 4> kStatuses = {{
    {TransferStatus::kPending, "pending", "待接收"},
    {TransferStatus::kAccepted, "accepted", "已接收"},
    {TransferStatus::kReturned, "returned", "已退回"},
    {TransferStatus::kCancelled, "cancelled", "已撤回"},
}};

}  // namespace

const char* TransferStatusId(TransferStatus status) { return InfoOf(kStatuses, status).id; }
std::optional<TransferStatus> ParseTransferStatus(std::string_view id) {
  return FindById(kStatuses, id);
}
const char* TransferStatusLabel(TransferStatus status) { return InfoOf(kStatuses, status).label; }

}  // namespace dj
