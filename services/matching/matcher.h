// The matching service's logic, without gRPC: plugins, profiles, the
// registry snapshot kept fresh from PostgreSQL notifications, and one
// method per MatchingService RPC.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/matching/exchange_rates.h"
#include "services/matching/pipeline.h"
#include "services/matching/plugin_loader.h"
#include "services/matching/relaxation.h"
#include "services/matching/snapshot.h"
#include "services/registry/registry.h"
#include "services/storage/change_listener.h"
#include "services/storage/database.h"
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

// Thread-safe. Matches read the snapshot and profiles they started with;
// refreshes swap new ones in atomically. Does not own `db`.
class Matcher {
 public:
  // Loads the plugins (refusing bad ones), seeds the default profiles,
  // builds the first snapshot and starts listening for changes. Errors:
  // FAILED_PRECONDITION naming a refused plugin; UNAVAILABLE when PostgreSQL
  // cannot be reached.
  static absl::StatusOr<std::unique_ptr<Matcher>> Start(Database& db, MatcherOptions options);
  ~Matcher();

  absl::StatusOr<v1::MatchProvidersResponse> Match(const v1::MatchProvidersRequest& request) const;
  absl::StatusOr<v1::CompareProfilesResponse> Compare(
      const v1::CompareProfilesRequest& request) const;
  absl::StatusOr<v1::RecommendServiceModelResponse> Recommend(
      const v1::RecommendServiceModelRequest& request) const;
  v1::ListPluginsResponse ListPlugins() const;

  absl::StatusOr<v1::ListProfilesResponse> ListProfiles(
      const v1::ListProfilesRequest& request) const;
  absl::StatusOr<v1::Profile> GetProfile(const v1::GetProfileRequest& request) const;
  // Writes apply on this server at once and on others through NOTIFY.
  absl::StatusOr<v1::Profile> CreateProfile(const v1::CreateProfileRequest& request,
                                            const CallContext& context);
  absl::StatusOr<v1::Profile> UpdateProfile(const v1::UpdateProfileRequest& request,
                                            const CallContext& context);

  // Reloads the snapshot and the profiles now (start-up and tests).
  absl::Status Refresh();
  int64_t snapshot_revision() const;
  // When the current snapshot was swapped in (a refresh that finds nothing
  // new keeps the snapshot and this time). Thread-safe.
  absl::Time snapshot_time() const;

 private:
  Matcher(Database& db, MatcherOptions options) : db_(db), options_(std::move(options)) {}
  // A full rebuild from PostgreSQL.
  absl::Status ReloadSnapshot();
  absl::Status ReloadSnapshotLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(reload_mu_);
  // Applies what changed since the current snapshot (the change feed).
  absl::Status UpdateSnapshot();
  absl::Status ReloadProfiles();
  // Follows changes on the listener's thread: false when it should try
  // again (PostgreSQL unavailable).
  bool OnChange(const std::string& channel);
  // The full rebuild every full_refresh_interval, on the listener's thread.
  void FullRefreshWhenDue();
  // One match with everything the request asks for: the ranking, the
  // named providers' explanations, verified hints and suggestions.
  absl::StatusOr<v1::MatchProvidersResponse> MatchWith(
      const v1::MatchProvidersRequest& request) const;
  // Tests: the reference path must give the same answer.
  absl::Status CheckReference(MatchInput input, const v1::MatchProvidersResponse& response) const;

  Database& db_;
  const MatcherOptions options_;
  std::vector<LoadedPlugin> plugins_;
  // Interned codes, shared by every snapshot this matcher builds.
  const std::shared_ptr<Dictionary> dictionary_ = std::make_shared<Dictionary>();
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> snapshot_ ABSL_GUARDED_BY(mu_);
  absl::Time snapshot_time_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::map<std::string, std::shared_ptr<const CompiledProfile>> profiles_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> profile_errors_ ABSL_GUARDED_BY(mu_);
  std::mutex reload_mu_;          // one reload at a time
  absl::Time next_full_refresh_;  // listener thread only
  std::unique_ptr<ChangeListener> listener_;
};

}  // namespace vendormatch
