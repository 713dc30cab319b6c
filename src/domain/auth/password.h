// Password hashing (argon2id through libsodium) and the password policy.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/auth/auth_policy.h"

namespace dj {

// The argon2id string of `password` with a fresh random salt, at `cost`.
// Internal "auth.hash_failed" when libsodium cannot allocate the memory.
// Takes about 15 ms at kDefaultPasswordCost (see auth_policy.h); thread-safe.
Result<std::string> HashPassword(std::string_view password,
                                 PasswordCost cost = kDefaultPasswordCost);

// True when `password` matches `hash` (any argon2 string libsodium understands, whatever its
// cost); false for a wrong password or a malformed hash. Thread-safe.
bool VerifyPassword(std::string_view password, const std::string& hash);

// True when `hash` was made with another cost than `cost` (or is not a valid argon2id
// string), so it should be replaced after the next successful login.
bool PasswordNeedsRehash(const std::string& hash, PasswordCost cost);

// Checks a new password against the policy: at least 8 characters, at most 128, not all
// digits, not the username (ignoring ASCII case). Returns InvalidArgument with the first
// rule broken as key and message, and one FieldError per rule broken on `field` (the value
// is never echoed):
//   "auth.password_too_short"       密码至少需要8个字符
//   "auth.password_too_long"        密码不能超过128个字符
//   "auth.password_all_digits"      密码不能全是数字
//   "auth.password_same_as_username" 密码不能与用户名相同
Status CheckPasswordPolicy(std::string_view password, std::string_view username,
                           std::string_view field = "password");

}  // namespace dj
