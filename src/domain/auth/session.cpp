#include "domain/auth/session.h"

#include <algorithm>

#include "domain/auth/crypto.h"

namespace dj {
namespace {

constexpr size_t kTokenBytes = 32;

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string NewSessionToken() { return auth_internal::RandomBase64Url(kTokenBytes); }

std::string NewCsrfToken() { return auth_internal::RandomBase64Url(kTokenBytes); }

std::string SessionTokenHash(std::string_view token) { return auth_internal::Sha256Hex(token); }

bool IsWellFormedSessionToken(std::string_view token) {
  return token.size() == kSessionTokenLength &&
         std::all_of(token.begin(), token.end(), IsBase64UrlChar);
}

bool CsrfTokenMatches(const Session& session, std::string_view presented) {
  return !session.csrf_token.empty() &&
         auth_internal::ConstantTimeEquals(session.csrf_token, presented);
}

}  // namespace dj
