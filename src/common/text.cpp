#include "common/text.h"

#include <cstdint>

namespace dj {
namespace {

// Decodes one code point at `i`; returns its length, or 0 if the sequence is not valid.
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len;
  uint32_t v;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    v = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(i + k) & 0x3F);
  }
  static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

std::string NormalizeInput(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp;
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
    } else if (cp == 0x3000 || cp == 0x00A0) {
      out.push_back(' ');
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t start = 0;
  while (start < out.size() && is_space(out[start])) ++start;
  size_t end = out.size();
  while (end > start && is_space(out[end - 1])) --end;
  return out.substr(start, end - start);
}

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    uint32_t cp;
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsValidPhone(std::string_view phone) {
  if (phone.size() == 11 && phone[0] == '1' && phone[1] >= '3' && IsDigits(phone)) return true;
  if (phone.empty() || phone[0] != '0') return false;
  auto dash = phone.find('-');
  if (dash == std::string_view::npos)
    return phone.size() >= 10 && phone.size() <= 12 && IsDigits(phone);
  std::string_view area = phone.substr(0, dash), local = phone.substr(dash + 1);
  return area.size() >= 3 && area.size() <= 4 && IsDigits(area) && local.size() >= 7 &&
         local.size() <= 8 && IsDigits(local);
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() == 11 && phone[0] == '1') {
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(7));
  }
  if (phone.size() <= 4) return std::string(phone.size(), '*');
  return std::string(phone.size() - 4, '*') + std::string(phone.substr(phone.size() - 4));
}

}  // namespace dj
