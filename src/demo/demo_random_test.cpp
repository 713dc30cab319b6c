#include "demo/demo_random.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace dj::demo {
namespace {

TEST(DemoRandomTest, SplitMix64MatchesReference) {
  // Reference outputs of splitmix64 (Vigna) from state 0.
  uint64_t state = 0;
  EXPECT_EQ(SplitMix64(state), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(SplitMix64(state), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(SplitMix64(state), 0x06C45D188009454FULL);
}

TEST(DemoRandomTest, Xoshiro256StarStarMatchesReference) {
  // Reference outputs of xoshiro256** (Blackman & Vigna) from state {1, 2, 3, 4}.
  Rng rng = Rng::FromState({1, 2, 3, 4});
  const std::array<uint64_t, 6> want = {0x0000000000002D00ULL, 0x0000000000000000ULL,
                                        0x000000005A007080ULL, 0x10E0000000009D80ULL,
                                        0x10E0B61CE1009D80ULL, 0x0870021CE143AD00ULL};
  for (uint64_t w : want) EXPECT_EQ(rng.Next(), w);
}

TEST(DemoRandomTest, StreamsAreReproducibleAndDistinct) {
  Rng a(42, 7), b(42, 7), c(42, 8), d(43, 7);
  uint64_t first_a = a.Next();
  EXPECT_EQ(first_a, b.Next());
  EXPECT_NE(first_a, c.Next());
  EXPECT_NE(first_a, d.Next());
}

TEST(DemoRandomTest, UniformStaysInRangeAndCoversIt) {
  Rng rng(1, 1);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) {
    int64_t v = rng.Uniform(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    ++seen[v + 3];
  }
  for (int count : seen) {
    EXPECT_GT(count, 800);
    EXPECT_LT(count, 1200);
  }
  EXPECT_EQ(rng.Uniform(5, 5), 5);
  // The full 64-bit range must not divide by zero.
  (void)rng.Uniform(INT64_MIN, INT64_MAX);
}

TEST(DemoRandomTest, ChanceAndDatesRespectBounds) {
  Rng rng(9, 9);
  int hits = 0;
  for (int i = 0; i < 10'000; ++i) hits += rng.Chance(3, 10);
  EXPECT_GT(hits, 2700);
  EXPECT_LT(hits, 3300);
  EXPECT_FALSE(rng.Chance(0, 10));
  EXPECT_TRUE(rng.Chance(10, 10));
  Date lo = *Date::FromYmd(2024, 2, 28), hi = *Date::FromYmd(2024, 3, 1);
  for (int i = 0; i < 100; ++i) {
    Date d = rng.DateBetween(lo, hi);
    EXPECT_GE(d, lo);
    EXPECT_LE(d, hi);
  }
}

TEST(DemoRandomTest, WeightedIndexFollowsWeights) {
  Rng rng(5, 5);
  const std::vector<int> weights = {0, 1, 3};
  WeightedIndex index(weights);
  std::vector<int> seen(3, 0);
  for (int i = 0; i < 8000; ++i) ++seen[index.Pick(rng)];
  EXPECT_EQ(seen[0], 0);
  EXPECT_GT(seen[1], 1700);
  EXPECT_LT(seen[1], 2300);
  EXPECT_EQ(seen[1] + seen[2], 8000);
}

}  // namespace
}  // namespace dj::demo
