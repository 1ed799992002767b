// A fixed-size dense bitmap over a segment's rows: the posting sets of the
// snapshot's indexes and the working set of a match. Plain value type; not
// thread-safe to mutate, safe to read from many threads.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vendormatch::matching {

class Bitmap {
 public:
  Bitmap() = default;
  explicit Bitmap(size_t bits) : words_((bits + 63) / 64, 0), bits_(bits) {}

  size_t size() const { return bits_; }
  bool Test(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  void Set(size_t i) { words_[i >> 6] |= uint64_t{1} << (i & 63); }
  void Reset(size_t i) { words_[i >> 6] &= ~(uint64_t{1} << (i & 63)); }
  void SetAll() {
    for (auto& w : words_) w = ~uint64_t{0};
    if (bits_ & 63) words_.back() = (uint64_t{1} << (bits_ & 63)) - 1;
  }
  size_t Count() const {
    size_t n = 0;
    for (uint64_t w : words_) n += static_cast<size_t>(std::popcount(w));
    return n;
  }
  // this |= other (same size).
  void OrWith(const Bitmap& other) {
    for (size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
  }
  // this &= other (same size); returns how many bits were cleared.
  size_t AndWith(const Bitmap& other) {
    size_t cleared = 0;
    for (size_t w = 0; w < words_.size(); ++w) {
      const uint64_t gone = words_[w] & ~other.words_[w];
      cleared += static_cast<size_t>(std::popcount(gone));
      words_[w] &= other.words_[w];
    }
    return cleared;
  }
  // Clears everything; returns how many bits were set.
  size_t Clear() {
    const size_t n = Count();
    for (auto& w : words_) w = 0;
    return n;
  }
  // Calls fn(i) for every set bit, in increasing order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (size_t w = 0; w < words_.size(); ++w) {
      uint64_t bits = words_[w];
      while (bits != 0) {
        fn(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
        bits &= bits - 1;
      }
    }
  }
  size_t MemoryBytes() const { return words_.capacity() * sizeof(uint64_t); }

 private:
  std::vector<uint64_t> words_;
  size_t bits_ = 0;
};

}  // namespace vendormatch::matching
