#include "domain/auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include "common/text.h"
#include "domain/auth/crypto.h"
#include "domain/auth/user.h"

namespace dj {
namespace {

static_assert(kTestPasswordCost.opslimit == crypto_pwhash_argon2id_OPSLIMIT_MIN);
static_assert(kTestPasswordCost.memlimit == crypto_pwhash_argon2id_MEMLIMIT_MIN);

constexpr size_t kMinPasswordLength = 8;
constexpr size_t kMaxPasswordLength = 128;

size_t CharacterCount(std::string_view text) {
  return IsValidUtf8(text) ? Utf8Length(text) : text.size();
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  auth_internal::EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.opslimit, cost.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{ErrorCode::kInternal, "auth.hash_failed", "密码哈希失败：内存不足", {}};
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  auth_internal::EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(const std::string& hash, PasswordCost cost) {
  auth_internal::EnsureSodium();
  if (hash.rfind("$argon2id$", 0) != 0) return true;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), cost.opslimit, cost.memlimit) != 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           std::string_view field) {
  std::vector<FieldError> problems;
  auto add = [&](const char* key, const char* message) {
    problems.push_back({0, std::string(field), "", key, message});
  };
  const size_t length = CharacterCount(password);
  if (length < kMinPasswordLength) add("password_too_short", "密码至少需要8个字符");
  if (length > kMaxPasswordLength) add("password_too_long", "密码不能超过128个字符");
  if (!password.empty() &&
      std::all_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    add("password_all_digits", "密码不能全是数字");
  }
  if (!username.empty() && CanonicalLoginName(password) == CanonicalLoginName(username)) {
    add("password_same_as_username", "密码不能与用户名相同");
  }
  if (problems.empty()) return Ok();
  Error error = Error::InvalidArgument("auth." + problems.front().key, problems.front().message);
  error.fields = std::move(problems);
  return error;
}

}  // namespace dj
