// Every tunable of accounts and sessions, in one place: the password hashing cost, session
// lifetimes and the limits on failed logins. The server uses AuthPolicy{} as is; tests
// shorten or cheapen what they need.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dj {

// argon2id cost: passes over memory (opslimit) and memory in bytes (memlimit).
struct PasswordCost {
  uint64_t opslimit = 0;
  size_t memlimit = 0;

  bool operator==(const PasswordCost&) const = default;
};

// argon2id with t=2 passes over m=19 MiB, p=1 (the OWASP minimum for argon2id).
//
// Measured (docs/perf.md, row 6; libsodium 1.0.18 from Debian, built -O2 whatever our own
// build type): 15 ms to hash or verify on a quiet 2-core AMD EPYC, 26 ms on a loaded 2-core
// Xeon; libsodium's INTERACTIVE preset (t=2, m=64 MiB, the "56 ms" the architecture note warns
// about) costs about 4 to 5 times as much.
// Why this point: an attacker holding a stolen hash pays 19 MiB of memory per guess, which
// is what makes GPU/ASIC guessing expensive; we pay 15-26 ms of one core per login, i.e. 80
// to 130 logins per second on 2 cores, and 19 MiB per login in flight (a few hundred MiB even
// with dozens at once). A contest burst of hundreds of thousands of logins is served by
// sessions that last the whole contest (kSessionLifetimeSeconds), not by hashing faster.
// Raising the cost later is safe: hashes carry their own parameters and are upgraded at the
// next successful login (PasswordNeedsRehash).
inline constexpr PasswordCost kDefaultPasswordCost{2, 19u * 1024 * 1024};
// libsodium's minimum (t=1, m=8 KiB): for tests only, about 0.05 ms.
inline constexpr PasswordCost kTestPasswordCost{1, 8192};

// Idle expiry: a session unused this long is over.
inline constexpr int64_t kSessionIdleSeconds = 30 * 60;
// Absolute expiry: every session ends this long after login, used or not. Long enough for a
// working day and a two-hour contest that starts late in it.
inline constexpr int64_t kSessionLifetimeSeconds = 12 * 60 * 60;
// Authenticate writes the last-seen time at most this often per session, so a busy page does
// not cost a database write per request; idle expiry is therefore exact to within this.
inline constexpr int64_t kSessionTouchSeconds = 60;

// Limits on failed logins for one subject (an account or a client address): `threshold`
// failures counted from the first one within `window_seconds` lock the subject for
// `lock_seconds`. A success forgets an account's failures (they are consecutive ones); an
// address's failures are only forgotten when its window passes.
struct LockRule {
  int threshold = 0;
  int64_t window_seconds = 0;
  int64_t lock_seconds = 0;
};

// 5 wrong passwords in a row (within an hour) lock the account for 15 minutes.
inline constexpr LockRule kAccountLockRule{5, 60 * 60, 15 * 60};
// 20 failures from one address within 15 minutes lock that address for 15 minutes. Higher
// than the account's because many people share one address (a unit's office network behind
// one NAT); the server may raise it further for a contest.
inline constexpr LockRule kAddressLockRule{20, 15 * 60, 15 * 60};

// A failed login is answered this long after it was checked, so guessing one password after
// another is slow even before the lock; the server waits on a timer, holding no thread.
inline constexpr int64_t kFailedLoginDelayMs = 1000;

struct AuthPolicy {
  PasswordCost password_cost = kDefaultPasswordCost;
  int64_t session_idle_seconds = kSessionIdleSeconds;
  int64_t session_lifetime_seconds = kSessionLifetimeSeconds;
  int64_t session_touch_seconds = kSessionTouchSeconds;
  LockRule account_lock = kAccountLockRule;
  LockRule address_lock = kAddressLockRule;
  int64_t failed_login_delay_ms = kFailedLoginDelayMs;
};

}  // namespace dj
