#include "demo/demo_random.h"

#include <algorithm>
#include <cassert>

namespace dj::demo {
namespace {

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Rng::Rng(uint64_t seed, uint64_t stream) {
  uint64_t mix = stream;
  uint64_t state = seed ^ SplitMix64(mix);
  for (uint64_t& s : s_) s = SplitMix64(state);
}

Rng Rng::FromState(const std::array<uint64_t, 4>& state) {
  Rng rng;
  rng.s_ = state;
  return rng;
}

uint64_t Rng::Next() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

int64_t Rng::Uniform(int64_t lo, int64_t hi) {
  assert(lo <= hi);
  const uint64_t range = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  if (range == 0) return static_cast<int64_t>(Next());  // the whole 64-bit range
  // Values below `threshold` (2^64 mod range) would make the low residues more likely.
  const uint64_t threshold = (0 - range) % range;
  for (;;) {
    uint64_t r = Next();
    if (r >= threshold) {
      return static_cast<int64_t>(static_cast<uint64_t>(lo) + r % range);
    }
  }
}

bool Rng::Chance(int64_t numerator, int64_t denominator) {
  assert(denominator > 0 && numerator >= 0 && numerator <= denominator);
  return Uniform(0, denominator - 1) < numerator;
}

Date Rng::DateBetween(Date lo, Date hi) {
  return Date::FromDays(static_cast<int32_t>(Uniform(lo.days(), hi.days())));
}

WeightedIndex::WeightedIndex(std::span<const int> weights) {
  cumulative_.reserve(weights.size());
  int64_t sum = 0;
  for (int w : weights) {
    assert(w >= 0);
    sum += w;
    cumulative_.push_back(sum);
  }
  assert(sum > 0);
}

size_t WeightedIndex::Pick(Rng& rng) const {
  int64_t r = rng.Uniform(0, cumulative_.back() - 1);
  return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                             cumulative_.begin());
}

}  // namespace dj::demo
