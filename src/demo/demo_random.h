// Deterministic pseudo-random numbers for the demo generator.
//
// The demo data must be the same for the same seed with every compiler and standard library,
// so this uses its own generator (xoshiro256**, seeded through splitmix64) and its own
// integer distributions rather than <random>'s distributions, whose output is
// implementation-defined. Nothing here uses floating point.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/date.h"

namespace dj::demo {

// Advances `state` by the splitmix64 increment and returns the mixed value.
uint64_t SplitMix64(uint64_t& state);

class Rng {
 public:
  // The generator for `stream` of `seed`; streams of one seed are independent sequences, so a
  // change in how much one part of the generator draws does not shift the others.
  Rng(uint64_t seed, uint64_t stream);
  // A generator in exactly this xoshiro256** state (which must not be all zero).
  static Rng FromState(const std::array<uint64_t, 4>& state);

  uint64_t Next();
  // Uniform in [lo, hi], without modulo bias; requires lo <= hi.
  int64_t Uniform(int64_t lo, int64_t hi);
  // True with probability numerator / denominator (0 <= numerator <= denominator).
  bool Chance(int64_t numerator, int64_t denominator);
  // Uniform in [lo, hi]; requires lo <= hi.
  Date DateBetween(Date lo, Date hi);

 private:
  Rng() = default;
  std::array<uint64_t, 4> s_{};
};

// Draws indices 0..n-1 with probability proportional to integer weights.
class WeightedIndex {
 public:
  WeightedIndex() = default;
  // Weights must be >= 0 with a positive sum.
  explicit WeightedIndex(std::span<const int> weights);
  // Builds the weights from `table` with `weight_of(entry)`.
  template <typename T, typename F>
  static WeightedIndex Of(std::span<const T> table, F weight_of) {
    std::vector<int> w;
    w.reserve(table.size());
    for (const T& t : table) w.push_back(weight_of(t));
    return WeightedIndex(w);
  }

  size_t Pick(Rng& rng) const;
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<int64_t> cumulative_;  // running sums of the weights
};

}  // namespace dj::demo
