// Chinese sort order: names sort by pinyin (ICU's "zh" collation), as people expect in lists.
#pragma once

#include <string>
#include <string_view>

namespace dj {

// A byte string whose memcmp order is the pinyin order of the UTF-8 `text`.
// Thread-safe. Invalid UTF-8 sorts after valid text with the same prefix.
std::string PinyinSortKey(std::string_view text);

}  // namespace dj
