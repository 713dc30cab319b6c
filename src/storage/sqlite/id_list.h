// A compact encoding of an ascending list of ids: each id as the difference from the one
// before (the first from 0), in unsigned LEB128. Ids of one branch are close together, so a
// meeting's attendees take one or two bytes each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace dj {

// `ids` must be ascending and positive.
std::string EncodeIdList(const std::vector<int64_t>& ids);
// Internal "storage.corrupt" for a truncated or overlong encoding.
Result<std::vector<int64_t>> DecodeIdList(std::string_view bytes);

}  // namespace dj
