#include "storage/sqlite/id_list.h"

namespace dj {

std::string EncodeIdList(const std::vector<int64_t>& ids) {
  std::string out;
  out.reserve(ids.size() * 2);
  int64_t previous = 0;
  for (int64_t id : ids) {
    uint64_t delta = static_cast<uint64_t>(id - previous);
    previous = id;
    do {
      uint8_t byte = delta & 0x7F;
      delta >>= 7;
      if (delta != 0) byte |= 0x80;
      out.push_back(static_cast<char>(byte));
    } while (delta != 0);
  }
  return out;
}

Result<std::vector<int64_t>> DecodeIdList(std::string_view bytes) {
  std::vector<int64_t> ids;
  int64_t previous = 0;
  size_t i = 0;
  while (i < bytes.size()) {
    uint64_t delta = 0;
    int shift = 0;
    for (;;) {
      if (i >= bytes.size() || shift > 56) {
        return Error{ErrorCode::kInternal, "storage.corrupt", "参会人员列表已损坏", {}};
      }
      uint8_t byte = static_cast<uint8_t>(bytes[i++]);
      delta |= static_cast<uint64_t>(byte & 0x7F) << shift;
      shift += 7;
      if ((byte & 0x80) == 0) break;
    }
    previous += static_cast<int64_t>(delta);
    ids.push_back(previous);
  }
  return ids;
}

}  // namespace dj
