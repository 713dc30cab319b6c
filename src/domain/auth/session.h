// Login sessions and their tokens.
//
// A session token is 256 random bits, given to the client once as 43 base64url characters
// (cookie or `Authorization: Bearer`). The server stores only its SHA-256, so a copy of the
// database does not let anyone act as a logged-in user. Each session also carries a CSRF
// token for the browser to echo in a header on state-changing requests; it is useless
// without the session cookie and so is stored as is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/auth/user.h"

namespace dj {

inline constexpr size_t kSessionTokenLength = 43;  // base64url of 32 bytes, no padding

struct Session {
  std::string token_hash;  // SessionTokenHash(token): 64 hex characters; the key
  UserId user_id = 0;
  std::string csrf_token;  // 43 base64url characters
  std::string address;     // the client address at login
  int64_t created_at = 0;  // Unix seconds
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;  // absolute expiry: created_at + the session lifetime

  bool operator==(const Session&) const = default;
};

// A fresh token of 256 random bits (43 base64url characters). Thread-safe.
std::string NewSessionToken();
// A fresh CSRF token, of the same form.
std::string NewCsrfToken();
// Lower-case hex SHA-256 of the token's text, as stored in Session::token_hash.
std::string SessionTokenHash(std::string_view token);
// True when `token` has the form NewSessionToken() produces: exactly 43 characters of
// A-Z a-z 0-9 - _. Anything else (truncated, padded, forged by hand) is refused before any
// lookup.
bool IsWellFormedSessionToken(std::string_view token);
// Whether `presented` is the session's CSRF token, compared in constant time.
bool CsrfTokenMatches(const Session& session, std::string_view presented);

}  // namespace dj
