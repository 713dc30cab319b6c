#include "domain/auth/lockout.h"

#include <cstdio>

namespace dj {

const char* LockKindId(LockKind kind) { return kind == LockKind::kAccount ? "account" : "address"; }

std::optional<LockKind> ParseLockKind(std::string_view id) {
  if (id == "account") return LockKind::kAccount;
  if (id == "address") return LockKind::kAddress;
  return std::nullopt;
}

bool IsLocked(const std::optional<LoginCounter>& counter, int64_t now) {
  return counter && now < counter->locked_until;
}

LoginCounter CountAttempt(const std::optional<LoginCounter>& counter, const LoginCounterKey& key,
                          const LockRule& rule, int64_t now) {
  LoginCounter next;
  const bool lock_passed = counter && counter->locked_until != 0 && now >= counter->locked_until;
  const bool window_closed = counter && now - counter->first_failed_at >= rule.window_seconds;
  if (counter && !lock_passed && !window_closed) {
    next = *counter;
  } else {
    next.kind = key.kind;
    next.subject = key.subject;
    next.first_failed_at = now;
  }
  ++next.failures;
  next.last_failed_at = now;
  if (next.failures >= rule.threshold) next.locked_until = now + rule.lock_seconds;
  return next;
}

std::optional<LoginCounter> ForgetSuccess(const std::optional<LoginCounter>& counter,
                                          const LockRule& rule) {
  if (!counter || counter->kind == LockKind::kAccount || counter->failures <= 1) {
    return std::nullopt;
  }
  LoginCounter next = *counter;
  --next.failures;
  if (next.failures < rule.threshold) next.locked_until = 0;
  return next;
}

std::string UnlockTimeText(int64_t locked_until) {
  constexpr int64_t kShanghaiOffset = 8 * 3600;
  const int64_t minute = (locked_until + kShanghaiOffset + 59) / 60;  // rounded up
  const int64_t minute_of_day = ((minute % 1440) + 1440) % 1440;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return buf;
}

}  // namespace dj
