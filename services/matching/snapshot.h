// The in-memory registry snapshot matching reads from, laid out for the
// pipeline:
//  - Segments: immutable runs of providers in compact form (sdk::Provider
//    views into a few flat arrays; codes interned as Symbols in the
//    server's Dictionary), sorted by id, each with bitmap indexes over
//    services, service models, languages (tags and primary subtags),
//    certifications, industries, centre and headquarters countries and
//    declared delivery models.
//  - Liveness: per segment a bitmap of the rows that are current and ACTIVE
//    (the status index; suspended, pending and offboarded providers are not
//    held). A change clears its old row's bit and adds the new version to a
//    new small segment, so a refresh copies one bitmap per touched segment,
//    never the registry.
// Snapshots are immutable once published and shared by the matches that
// started on them; segments are shared between successive snapshots.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/matching/bitmap.h"
#include "services/matching/dictionary.h"
#include "services/storage/storage.h"
#include "vendormatch/plugin_sdk.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

using matching::Bitmap;
using matching::Dictionary;

// The key of an index posting set.
inline uint64_t IndexKey(sdk::IndexField field, sdk::Symbol value) {
  return (uint64_t{static_cast<uint8_t>(field)} << 32) | value;
}

class Segment {
 public:
  std::span<const sdk::Provider> providers() const { return providers_; }
  size_t size() const { return providers_.size(); }
  // The rows that have `value` in `field`, or nullptr when none has.
  const Bitmap* Postings(sdk::IndexField field, sdk::Symbol value) const {
    auto it = index_.find(IndexKey(field, value));
    return it == index_.end() ? nullptr : &it->second;
  }
  // The row of provider `id`, or -1.
  int64_t Find(absl::string_view id) const;
  // Bytes held (arrays and indexes, by capacity).
  size_t MemoryBytes() const;
  size_t IndexBytes() const;

 private:
  friend class SegmentBuilder;
  std::string text_;                   // ids and display names
  std::vector<sdk::Symbol> symbols_;   // every row's code lists, in CodeList order
  std::vector<sdk::DatedCode> dated_;  // every row's dated lists, in DatedList order
  std::vector<sdk::Centre> centres_;
  std::vector<sdk::Rate> rates_;
  std::vector<sdk::Provider> providers_;  // sorted by id
  absl::flat_hash_map<uint64_t, Bitmap> index_;
};

// Builds one Segment. Not thread-safe; Dictionary calls are.
class SegmentBuilder {
 public:
  explicit SegmentBuilder(Dictionary& dictionary) : dictionary_(dictionary) {}
  void Reserve(size_t providers);
  // Adds a registry record (whatever its status; callers pass active ones).
  // Codes are interned as stored (the registry stores them canonical; tags
  // are lower-cased here). Errors: RESOURCE_EXHAUSTED when the dictionary is
  // full.
  absl::Status Add(const v1::Provider& provider);
  // Adds a copy of `provider`, a row of a segment over the same dictionary.
  void AddCopy(const sdk::Provider& provider);
  size_t size() const { return rows_.size(); }
  // Sorts by id, lays the rows out and builds the indexes. The builder is
  // empty afterwards.
  std::shared_ptr<const Segment> Finish();

 private:
  struct Row {
    uint32_t text = 0, symbols = 0, dated = 0, centres = 0, rates = 0;
    uint16_t id_size = 0, name_size = 0;
    uint16_t codes[sdk::kCodeLists] = {};
    uint16_t n_dated[sdk::kDatedLists] = {};
    uint16_t n_centres = 0, n_rates = 0;
    sdk::Symbol headquarters_country = sdk::kNoSymbol;
    uint8_t service_models = 0, declared_delivery_models = 0;
    double rating = 0, sla = 0, qualified = 0;
    int32_t review_count = 0, min_headcount = 0;
  };
  absl::StatusOr<sdk::Symbol> Intern(absl::string_view text);
  // The row's lists of codes (provider_fields.inc) and centres.
  absl::Status AddLists(const v1::Provider& p, Row& row);
  absl::Status AddCentres(const v1::Provider& p, Row& row);
  // Posts row `r`'s codes to the indexes.
  void Index(const sdk::Provider& p, size_t r);
  sdk::Symbol PrimaryLanguage(sdk::Symbol tag);

  Dictionary& dictionary_;
  std::unique_ptr<Segment> segment_ = std::make_unique<Segment>();
  std::vector<Row> rows_;
  absl::flat_hash_map<sdk::Symbol, sdk::Symbol> primary_language_;
};

struct SegmentRef {
  std::shared_ptr<const Segment> segment;
  std::shared_ptr<const Bitmap> live;  // rows current and ACTIVE
  size_t live_count = 0;
};

struct Snapshot {
  // The newest audit event id the snapshot includes.
  int64_t revision = 0;
  // Where the registry was last read in its change feed; the next refresh
  // reads what changed since. Default for snapshots built without storage.
  FeedPosition position;
  absl::Time built_at;
  std::shared_ptr<Dictionary> dictionary;
  std::vector<SegmentRef> segments;
  // The registry's providers that are not ACTIVE (pending, suspended,
  // offboarded) by id, for explaining why one never matches; shared
  // between snapshots until a change touches it. Never null.
  using StatusMap = absl::flat_hash_map<std::string, v1::Provider::Status>;
  std::shared_ptr<const StatusMap> inactive = std::make_shared<const StatusMap>();

  // Live providers.
  size_t size() const;
  // The live provider with `id`, or nullptr.
  const sdk::Provider* Find(absl::string_view id) const;
  // The status of provider `id`: ACTIVE when live, its status when held
  // inactive, nullopt when the registry has no such provider.
  std::optional<v1::Provider::Status> StatusOf(absl::string_view id) const;
  // Calls fn(provider) for every live provider, segment by segment.
  template <typename Fn>
  void ForEachLive(Fn fn) const {
    for (const SegmentRef& ref : segments) {
      const auto rows = ref.segment->providers();
      ref.live->ForEach([&](size_t row) { fn(rows[row]); });
    }
  }
  size_t MemoryBytes() const;
};

// A one-segment snapshot of the ACTIVE providers among `providers`, with a
// new dictionary unless one is given. Errors: as SegmentBuilder::Add.
absl::StatusOr<std::shared_ptr<const Snapshot>> BuildSnapshot(
    std::span<const v1::Provider> providers, std::shared_ptr<Dictionary> dictionary = nullptr,
    int64_t revision = 0);

// `base` with `changed` applied: each record replaces the provider with its
// id (or is added); a record that is not ACTIVE removes it. Shares the
// untouched segments with `base`. Keeps the segment count small: more than
// 8 segments merge all but the first (the base) into one; changes holding
// over a quarter of the live providers merge everything.
// `position` (with its revision) is where the result stands in the feed.
absl::StatusOr<std::shared_ptr<const Snapshot>> ApplyChanges(const Snapshot& base,
                                                             std::span<const v1::Provider> changed,
                                                             const FeedPosition& position);

// Reads every active provider and the inactive ones' statuses in one
// consistent read of `feed`. Errors: as RegistryFeed::ReadAll, or a record
// the snapshot cannot hold (as SegmentBuilder::Add).
absl::StatusOr<std::shared_ptr<const Snapshot>> LoadSnapshot(
    RegistryFeed& feed, std::shared_ptr<Dictionary> dictionary = nullptr);

// Reads the providers changed since `base` was read (their current records,
// whatever their status) and applies them; returns `base` itself when
// nothing changed. Errors: as RegistryFeed::ReadChanges.
absl::StatusOr<std::shared_ptr<const Snapshot>> RefreshSnapshot(
    RegistryFeed& feed, const std::shared_ptr<const Snapshot>& base);

}  // namespace vendormatch
