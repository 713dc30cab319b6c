#include "common/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace dj {
namespace {

// ICU collators are not safe for concurrent use: one clone per thread.
const icu::Collator* ThreadCollator() {
  static const std::unique_ptr<icu::Collator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) c.reset();
    return c;
  }();
  thread_local std::unique_ptr<icu::Collator> local(prototype ? prototype->clone() : nullptr);
  return local.get();
}

}  // namespace

std::string PinyinSortKey(std::string_view text) {
  const icu::Collator* collator = ThreadCollator();
  if (collator == nullptr) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  uint8_t buf[128];
  int32_t len = collator->getSortKey(u, buf, sizeof buf);
  if (len <= static_cast<int32_t>(sizeof buf)) {
    // The key ends with a NUL byte, which memcmp order does not need.
    return std::string(reinterpret_cast<const char*>(buf), len > 0 ? len - 1 : 0);
  }
  std::string big(len, '\0');
  collator->getSortKey(u, reinterpret_cast<uint8_t*>(big.data()), len);
  big.pop_back();
  return big;
}

}  // namespace dj
