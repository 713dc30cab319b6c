// Tables that map an enumeration to its stable identifier and its Chinese label, and the
// look-ups over them. Each enumeration keeps its table in its own .cpp file.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace dj {

template <typename E>
struct EnumInfo {
  E value;
  const char* id;
  const char* label;
};

template <typename E, size_t N>
std::optional<E> FindById(const std::array<EnumInfo<E>, N>& table, std::string_view id) {
  for (const auto& e : table) {
    if (id == e.id) return e.value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::optional<E> FindByLabel(const std::array<EnumInfo<E>, N>& table, std::string_view label) {
  for (const auto& e : table) {
    if (label == e.label) return e.value;
  }
  return std::nullopt;
}

// The entry for `value`; tables list their enumerators in order, so this is an index.
template <typename E, size_t N>
const EnumInfo<E>& InfoOf(const std::array<EnumInfo<E>, N>& table, E value) {
  return table[static_cast<size_t>(value)];
}

}  // namespace dj
