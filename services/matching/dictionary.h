// The interned codes matching works with: one Dictionary per server,
// shared by every snapshot (old and new), append-only, never shrinking.
// Symbols (sdk::Symbol) name codes; centre kinds name the distinct
// (country, time zone, hours) combinations of delivery centres, so the
// per-match centre facts are derived once per kind rather than per centre.
//
// Thread safety: Intern*/Find take a mutex; Name() and Kind() are lock-free
// reads of entries published before (everything a snapshot or a resolved
// requirement refers to was interned before either was published).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::matching {

// An append-only array whose elements never move: reads of published
// indexes need no lock while one writer (holding the owner's mutex) appends.
template <typename T>
class StableArray {
 public:
  static constexpr size_t kChunkBits = 12;
  static constexpr size_t kChunk = size_t{1} << kChunkBits;
  static constexpr size_t kMaxChunks = 4096;  // 16M entries

  StableArray() : chunks_(new std::atomic<T*>[kMaxChunks]) {
    for (size_t i = 0; i < kMaxChunks; ++i) chunks_[i].store(nullptr, std::memory_order_relaxed);
  }
  ~StableArray() {
    for (size_t i = 0; i < kMaxChunks; ++i) delete[] chunks_[i].load();
  }
  StableArray(const StableArray&) = delete;
  StableArray& operator=(const StableArray&) = delete;

  size_t size() const { return size_.load(std::memory_order_acquire); }
  bool full() const { return size() == kChunk * kMaxChunks; }
  // Index `i` < size().
  const T& operator[](size_t i) const {
    return chunks_[i >> kChunkBits].load(std::memory_order_acquire)[i & (kChunk - 1)];
  }
  // Appends `value` and returns its index. One writer at a time; !full().
  size_t Append(T value) {
    const size_t i = size_.load(std::memory_order_relaxed);
    T* chunk = chunks_[i >> kChunkBits].load(std::memory_order_relaxed);
    if (chunk == nullptr) {
      chunk = new T[kChunk];
      chunks_[i >> kChunkBits].store(chunk, std::memory_order_release);
    }
    chunk[i & (kChunk - 1)] = std::move(value);
    size_.store(i + 1, std::memory_order_release);
    return i;
  }

 private:
  std::unique_ptr<std::atomic<T*>[]> chunks_;
  std::atomic<size_t> size_{0};
};

// What the centre facts need to know about a delivery centre.
struct CentreKind {
  sdk::Symbol country = sdk::kNoSymbol;
  sdk::Symbol zone = sdk::kNoSymbol;
  absl::TimeZone time_zone;        // loaded; UTC when the name is unknown
  std::vector<sdk::Shift> shifts;  // empty: 09:00-17:00 Monday to Friday
  bool round_the_clock = false;
};

// Centre facts per kind of centre (kind ids of one Dictionary), kept across
// matches for the same client context (country, time zone, hours, start
// date, nearshore limit): they are a pure function of the two, and
// procurement systems match many requirements for the same client. Bounded
// (the least recently used half goes at 256 contexts). Thread-safe.
class CentreFactsCache {
 public:
  struct Table {
    std::vector<sdk::CentreFacts> facts;  // by kind id
    std::vector<uint8_t> known;
  };
  std::shared_ptr<const Table> Get(const std::string& key);
  void Put(const std::string& key, std::shared_ptr<const Table> table);

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::pair<uint64_t, std::shared_ptr<const Table>>> tables_
      ABSL_GUARDED_BY(mu_);
  uint64_t clock_ ABSL_GUARDED_BY(mu_) = 0;
};

class Dictionary {
 public:
  // Starts with every ISO 4217 code interned: currency i of
  // reference_data's Currencies() is Symbol CurrencySymbol(i).
  Dictionary();
  static constexpr sdk::Symbol CurrencySymbol(size_t iso_index) {
    return static_cast<sdk::Symbol>(iso_index + 1);
  }

  // The Symbol of `text` (taken as given: callers pass canonical forms),
  // interning it on first use. Errors: RESOURCE_EXHAUSTED when 16M codes
  // are interned.
  absl::StatusOr<sdk::Symbol> Intern(absl::string_view text);
  // The Symbol of `text`, or kNoSymbol.
  sdk::Symbol Find(absl::string_view text) const;
  // The text of a published symbol; "" for kNoSymbol or an unknown one.
  absl::string_view Name(sdk::Symbol symbol) const;
  size_t symbol_count() const { return names_.size(); }

  // The kind id of a centre in `country` and `zone` with these hours
  // (interned on first use; the zone is loaded once per kind).
  absl::StatusOr<uint32_t> InternKind(sdk::Symbol country, sdk::Symbol zone,
                                      std::span<const sdk::Shift> shifts, bool round_the_clock);
  const CentreKind& Kind(uint32_t kind) const { return kinds_[kind]; }
  size_t kind_count() const { return kinds_.size(); }

  // Facts already derived for this dictionary's kinds.
  CentreFactsCache& facts_cache() const { return facts_cache_; }

 private:
  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, sdk::Symbol> symbols_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, uint32_t> kind_ids_ ABSL_GUARDED_BY(mu_);
  StableArray<std::string> names_;
  StableArray<CentreKind> kinds_;
  mutable CentreFactsCache facts_cache_;
};

}  // namespace vendormatch::matching
