// The few libsodium primitives accounts and sessions need, behind plain C++ types so that no
// domain header exposes libsodium. Internal to domain/auth.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dj::auth_internal {

// Initialises libsodium once per process; aborts the program if the system has no source of
// randomness (nothing here can work without one). Thread-safe.
void EnsureSodium();

// `bytes` random bytes as base64url without padding.
std::string RandomBase64Url(size_t bytes);

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// Compares in time that depends only on the lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace dj::auth_internal
