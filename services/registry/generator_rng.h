// Internal to vm_generator: the generator's PRNG and its draws.
//
// splitmix64 with our own mapping of draws to ranges, so every platform and
// compiler draws the same numbers. The draws are those the sample registry
// was first written with (a Python script, retired): `Sample` is a partial
// Fisher-Yates shuffle returning indexes in table order, `Chance` works in
// tenths of a percent, and so on; keep their order and count when changing
// the generator, or every provider after the change moves.
#pragma once

#include <bit>
#include <cstdint>

namespace vendormatch::gen {

inline constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The most items `Rng::Sample` draws from.
inline constexpr int kMaxSample = 32;

class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}

  uint64_t Next() {
    state_ += kGolden;
    return Mix64(state_);
  }
  // An integer in [0, n) for 0 < n < 2^32 (multiply-shift; the bias of at
  // most n / 2^32 does not matter here).
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * n) >> 32); }
  // An integer in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
  // True with probability percent / 100 (drawn in tenths of a percent).
  bool Chance(int percent) { return Below(1000) < static_cast<uint32_t>(percent * 10); }
  // True with probability threshold / 2^32.
  bool Under(uint64_t threshold) { return (Next() >> 32) < threshold; }
  // One of items[0, n).
  template <typename T>
  const T& Pick(const T* items, int n) {
    return items[Below(n)];
  }
  template <typename T, int N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
  // One entry of a List (generator_tables.h).
  template <typename L>
  auto Pick(const L& list) -> decltype(list.data[0]) {
    return list.data[Below(list.size)];
  }
  // Writes min(k, n) distinct indexes of [0, n) to `out` in increasing
  // order and returns how many (n <= kMaxSample): the first min(k, n) steps
  // of a Fisher-Yates shuffle, sorted.
  int Sample(int n, int k, uint8_t* out) {
    const int m = k < n ? k : n;
    if (m <= 0) return 0;
    uint8_t index[kMaxSample];
    for (int i = 0; i < kMaxSample; ++i) index[i] = static_cast<uint8_t>(i);
    uint32_t chosen = 0;
    for (int i = 0; i < m; ++i) {
      const int j = i + static_cast<int>(Below(n - i));
      const uint8_t picked = index[j];
      index[j] = index[i];
      chosen |= uint32_t{1} << picked;
    }
    for (int i = 0; i < m; ++i) {  // In increasing order: the set bits.
      out[i] = static_cast<uint8_t>(std::countr_zero(chosen));
      chosen &= chosen - 1;
    }
    return m;
  }

 private:
  uint64_t state_;
};

// A share in [0, 1] as a threshold on 32-bit draws.
inline uint64_t Threshold(double share) {
  if (!(share > 0)) return 0;
  if (share >= 1) return uint64_t{1} << 32;
  return static_cast<uint64_t>(share * 4294967296.0);
}

// x rounded to the nearest integer, ties to even (as Python's round()),
// whatever the floating-point environment's rounding mode; |x| < 2^52.
// Without branches on the fraction: they would be mispredicted half the time.
inline int64_t RoundHalfEven(double x) {
  if (x < 0) return -RoundHalfEven(-x);
  const int64_t n = static_cast<int64_t>(x);           // Truncated.
  const double fraction = x - static_cast<double>(n);  // Exact.
  return n + static_cast<int64_t>((fraction > 0.5) | ((fraction == 0.5) & (n & 1)));
}

}  // namespace vendormatch::gen
