// Counting failed logins per account and per client address, and the locks they lead to.
//
// Attempts are counted before the password is checked (and forgotten again when it was
// right), in one atomic step per attempt: parallel guesses cannot all slip in before the lock,
// because the sixth waits for the fifth's count and sees the lock it set.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/auth/auth_policy.h"

namespace dj {

enum class LockKind {
  kAccount,  // subject: the account's username, or the identifier typed when no account has it
  kAddress,  // subject: the client's IP address
};

// "account" / "address".
const char* LockKindId(LockKind kind);
std::optional<LockKind> ParseLockKind(std::string_view id);

struct LoginCounterKey {
  LockKind kind = LockKind::kAccount;
  std::string subject;

  bool operator==(const LoginCounterKey&) const = default;
};

struct LoginCounter {
  LockKind kind = LockKind::kAccount;
  std::string subject;
  int failures = 0;             // attempts counted in the current window
  int64_t first_failed_at = 0;  // Unix seconds: start of the window
  int64_t last_failed_at = 0;
  int64_t locked_until = 0;  // Unix seconds; locked while now < locked_until; 0 when never

  LoginCounterKey key() const { return {kind, subject}; }
  bool operator==(const LoginCounter&) const = default;
};

// True when `counter` refuses attempts at `now`.
bool IsLocked(const std::optional<LoginCounter>& counter, int64_t now);

// The counter after one more attempt at `now`, which must not be locked. A lock that has
// passed or a window that has closed starts a new count; reaching `rule.threshold` locks the
// subject until now + rule.lock_seconds.
LoginCounter CountAttempt(const std::optional<LoginCounter>& counter, const LoginCounterKey& key,
                          const LockRule& rule, int64_t now);

// The counter once an attempt counted by CountAttempt turned out to be a success: nothing
// for an account (its failures were consecutive ones); for an address one failure fewer,
// unlocked again below the threshold, and nothing once no failure is left.
std::optional<LoginCounter> ForgetSuccess(const std::optional<LoginCounter>& counter,
                                          const LockRule& rule);

// "12:15": the Shanghai wall-clock minute by which a lock ending at `locked_until` is over
// (rounded up), for messages such as "请于 12:15 后再试".
std::string UnlockTimeText(int64_t locked_until);

}  // namespace dj
