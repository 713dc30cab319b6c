#include "domain/auth/lockout.h"

#include <gtest/gtest.h>

namespace dj {
namespace {

constexpr LockRule kRule{3, 600, 900};  // 3 failures within 10 minutes lock for 15
const LoginCounterKey kKey{LockKind::kAccount, "zhangwei"};
constexpr int64_t kT0 = 1'800'000'000;

TEST(LockoutTest, KindsRoundTrip) {
  EXPECT_STREQ(LockKindId(LockKind::kAccount), "account");
  EXPECT_STREQ(LockKindId(LockKind::kAddress), "address");
  EXPECT_EQ(ParseLockKind("account"), LockKind::kAccount);
  EXPECT_EQ(ParseLockKind("address"), LockKind::kAddress);
  EXPECT_EQ(ParseLockKind("user"), std::nullopt);
}

TEST(LockoutTest, ThresholdLocksForTheLockTime) {
  std::optional<LoginCounter> c;
  c = CountAttempt(c, kKey, kRule, kT0);
  EXPECT_EQ(c->failures, 1);
  EXPECT_EQ(c->subject, "zhangwei");
  EXPECT_EQ(c->first_failed_at, kT0);
  EXPECT_FALSE(IsLocked(c, kT0));
  c = CountAttempt(c, kKey, kRule, kT0 + 10);
  EXPECT_FALSE(IsLocked(c, kT0 + 10));
  c = CountAttempt(c, kKey, kRule, kT0 + 20);
  EXPECT_EQ(c->failures, 3);
  EXPECT_EQ(c->first_failed_at, kT0);
  EXPECT_EQ(c->last_failed_at, kT0 + 20);
  EXPECT_EQ(c->locked_until, kT0 + 20 + 900);
  EXPECT_TRUE(IsLocked(c, kT0 + 20));
  EXPECT_TRUE(IsLocked(c, kT0 + 919));
  EXPECT_FALSE(IsLocked(c, kT0 + 920));
  // After the lock a new count starts.
  c = CountAttempt(c, kKey, kRule, kT0 + 920);
  EXPECT_EQ(c->failures, 1);
  EXPECT_EQ(c->first_failed_at, kT0 + 920);
  EXPECT_EQ(c->locked_until, 0);
}

TEST(LockoutTest, ClosedWindowStartsANewCount) {
  std::optional<LoginCounter> c;
  c = CountAttempt(c, kKey, kRule, kT0);
  c = CountAttempt(c, kKey, kRule, kT0 + 100);
  c = CountAttempt(c, kKey, kRule, kT0 + 600);  // the window opened at kT0 has closed
  EXPECT_EQ(c->failures, 1);
  EXPECT_EQ(c->first_failed_at, kT0 + 600);
  EXPECT_FALSE(IsLocked(c, kT0 + 600));
}

TEST(LockoutTest, NoCounterIsNoLock) { EXPECT_FALSE(IsLocked(std::nullopt, kT0)); }

TEST(LockoutTest, SuccessForgetsAnAccountButOnlyOneFailureOfAnAddress) {
  std::optional<LoginCounter> account;
  for (int i = 0; i < 3; ++i) account = CountAttempt(account, kKey, kRule, kT0);
  EXPECT_EQ(ForgetSuccess(account, kRule), std::nullopt);

  const LoginCounterKey address{LockKind::kAddress, "10.0.0.1"};
  std::optional<LoginCounter> c;
  for (int i = 0; i < 3; ++i) c = CountAttempt(c, address, kRule, kT0);
  ASSERT_TRUE(IsLocked(c, kT0));
  c = ForgetSuccess(c, kRule);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->failures, 2);
  EXPECT_FALSE(IsLocked(c, kT0));
  c = ForgetSuccess(c, kRule);
  EXPECT_EQ(c->failures, 1);
  EXPECT_EQ(ForgetSuccess(c, kRule), std::nullopt);
  EXPECT_EQ(ForgetSuccess(std::nullopt, kRule), std::nullopt);
}

TEST(LockoutTest, UnlockTimeIsShanghaiMinuteRoundedUp) {
  // 2027-01-15 08:00:00 UTC = 16:00 in Shanghai.
  constexpr int64_t k16h = 1'800'000'000 - (1'800'000'000 % 86400) + 8 * 3600;
  EXPECT_EQ(UnlockTimeText(k16h), "16:00");
  EXPECT_EQ(UnlockTimeText(k16h + 1), "16:01");
  EXPECT_EQ(UnlockTimeText(k16h + 59), "16:01");
  EXPECT_EQ(UnlockTimeText(k16h + 60), "16:01");
  EXPECT_EQ(UnlockTimeText(k16h + 8 * 3600), "00:00");
}

}  // namespace
}  // namespace dj
