// The matching service's logic, without gRPC: plugins, profiles, the
// registry snapshot kept fresh from storage notifications, and one method
// per MatchingService RPC.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/domain/call_context.h"
#include "services/matching/exchange_rates.h"
#include "services/matching/pipeline.h"
#include "services/matching/plugin_loader.h"
#include "services/matching/profile_service.h"
#include "services/matching/relaxation.h"
#include "services/matching/snapshot_keeper.h"
#include "services/storage/storage.h"
#include "vendormatch/v1/matching_service.pb.h"

namespace vendormatch {

// Told about every match, for metrics. Implementations must be thread-safe:
// matches run on many threads at once.
class MatchObserver {
 public:
  virtual ~MatchObserver() = default;
  // A match ran to the end: the providers it considered and the eligible.
  virtual void MatchRan(int considered, int eligible) = 0;
  // `plugin` failed in a match: skipped (its profile says SKIP) or failing
  // the match (FAIL).
  virtual void PluginFailed(const std::string& plugin) = 0;
};

// The largest max_top_k a server accepts: a response of this many matches,
// each explained, stays well within gRPC's message limit.
inline constexpr int kMaxTopK = 1000;

struct MatcherOptions {
  std::string plugin_dir;
  ExchangeRates exchange_rates = ExchangeRates::Default();
  FactsOptions facts;
  int default_top_k = 10;
  int max_top_k = 100;
  // A full reload even without notifications, in case one was missed.
  absl::Duration full_refresh_interval = absl::Minutes(5);
  // Tests: run every match on the indexed and on the reference path too,
  // and fail it (INTERNAL, naming the difference) when they disagree.
  bool check_reference = false;
  // Not owned; when set, must outlive the Matcher.
  MatchObserver* observer = nullptr;
};

// The match itself, over the parts it holds: the loaded plugins, the
// profiles (ProfileService) and the registry snapshot (SnapshotKeeper),
// both kept current from storage notifications; one method per matching
// RPC. Thread-safe: matches read the snapshot and profile they started
// with; refreshes swap new ones in atomically. Does not own `storage`.
class Matcher {
 public:
  // Loads the plugins (refusing bad ones), seeds the default profiles,
  // builds the first snapshot and subscribes to changes. Errors:
  // FAILED_PRECONDITION naming a refused plugin; UNAVAILABLE when storage
  // cannot be reached.
  static absl::StatusOr<std::unique_ptr<Matcher>> Start(Storage& storage, MatcherOptions options);
  ~Matcher();

  absl::StatusOr<v1::MatchProvidersResponse> Match(const v1::MatchProvidersRequest& request) const;
  // Errors: as Match, a side's bad profile or weights named for that side
  // ("profile_b", "weights_a[rate]").
  absl::StatusOr<v1::CompareProfilesResponse> Compare(
      const v1::CompareProfilesRequest& request) const;
  absl::StatusOr<v1::RecommendServiceModelResponse> Recommend(
      const v1::RecommendServiceModelRequest& request) const;
  v1::ListPluginsResponse ListPlugins() const;

  ProfileService& profiles() { return *profiles_; }
  const ProfileService& profiles() const { return *profiles_; }
  const SnapshotKeeper& snapshots() const { return *snapshots_; }

  // Reloads the snapshot and the profiles now (start-up and tests).
  absl::Status Refresh();
  int64_t snapshot_revision() const { return snapshots_->revision(); }
  // When the current snapshot was swapped in. Thread-safe.
  absl::Time snapshot_time() const { return snapshots_->time(); }

 private:
  explicit Matcher(MatcherOptions options) : options_(std::move(options)) {}
  // Follows changes on the subscription's thread: false when it should try
  // again (storage unavailable).
  bool OnChange(Topic topic);
  // Tests: the reference path must give the same answer.
  absl::Status CheckReference(MatchInput input, const v1::MatchProvidersResponse& response) const;

  const MatcherOptions options_;
  std::vector<LoadedPlugin> plugins_;
  std::unique_ptr<ProfileService> profiles_;
  std::unique_ptr<SnapshotKeeper> snapshots_;
  std::unique_ptr<Subscription> subscription_;  // last: stopped first
};

}  // namespace vendormatch
