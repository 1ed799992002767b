// The matching pipeline, after the Kubernetes scheduler framework:
//  1. Prefilter: every filter plugin names index clauses; the snapshot's
//     bitmap indexes answer them segment by segment (AND of posting sets,
//     with the live set), so only providers that can pass become candidates.
//  2. Filter: the candidates run through the filters in profile order, each
//     seeing only those the earlier ones passed.
//  3. Score: the eligible are scored, normalised to 0..100 and weighted by
//     the profile; a bounded heap keeps the top K; only those are explained.
//  Diagnostics count each removed provider once, against the first step
//  that removed it: the clauses in profile order, then the filters in
//  profile order. When fewer than top K are eligible, each filter gets a
//  relaxation hint from the providers that filter alone removed (failing it,
//  passing every other plugin's clauses and filters).
// The reference path (MatchInput::reference) runs every filter on every live
// provider without the indexes and must give the same answer; the tests
// hold the two together.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/matching/centre_facts.h"
#include "services/matching/exchange_rates.h"
#include "services/matching/plugin_loader.h"
#include "services/matching/requirement.h"
#include "services/matching/snapshot.h"
#include "vendormatch/v1/matching_service.pb.h"

namespace vendormatch {

using matching::FactsOptions;

// One plugin as a profile configured it.
struct ProfilePlugin {
  std::string name;
  const LoadedPlugin* loaded = nullptr;
  std::shared_ptr<const sdk::Plugin> instance;  // configured with the profile's settings
  bool run_filter = false;
  bool run_score = false;
  double weight = 0;
  double min_weight = 0;
  double max_weight = 0;
  v1::FailurePolicy on_error = v1::FAILURE_POLICY_FAIL;
  // Rescale its normalised scores over the eligible (the profile's
  // NORMALIZATION_MIN_MAX).
  bool min_max = false;
};

// A profile ready to run: immutable, shared by the matches that use it.
struct CompiledProfile {
  v1::Profile proto;
  std::vector<ProfilePlugin> plugins;
  // Whether every scorer's score depends on the provider and the
  // requirement alone (no min-max over the eligible).
  bool Absolute() const {
    for (const ProfilePlugin& p : plugins) {
      if (p.run_score && p.min_max) return false;
    }
    return true;
  }
};

// Checks `profile` against the loaded plugins and configures one instance
// per plugin. Violations are named "profile.plugins[i].<field>": unknown
// plugin, duplicate, a stage the plugin lacks (its class does not override
// it), weight outside 0..100 or outside [min_weight, max_weight], a setting
// its specs refuse ("profile.plugins[i].settings[<name>]": unknown, wrong
// type, out of range, not one of the choices) or its Configure rejects, no
// scorer with weight. Thread-safe.
absl::StatusOr<std::shared_ptr<const CompiledProfile>> CompileProfile(
    const v1::Profile& profile, const std::vector<LoadedPlugin>& plugins);

// A plugin's Change with the text of its codes (the match's context knows
// codes no provider uses; the callers do not).
struct NamedChange {
  sdk::Change change;
  std::string symbol;    // the text of change.symbol ("" for none)
  std::string currency;  // the text of change.currency
  // Drop the constraint of change.kind altogether (no rate ceiling, no
  // headcount, no minimum rating or overlap) instead of setting a value.
  bool drop = false;
};

// What a match learnt about one named provider, for the callers that
// verify "what it would take" (relaxation.h).
struct NamedDetail {
  std::string id;
  const sdk::Provider* provider = nullptr;  // live or the substitute; null when not active
  bool eligible = false;
  int rank = 0;  // among all eligible, 1 for the best; 0 when not eligible
  double total = 0;
  // What the failing filters say would let it through (both sides).
  std::vector<NamedChange> fixes;
  // Index of the centre that decides its delivery model (-1 for none).
  int deciding_centre = -1;
};

struct MatchInput {
  const Snapshot* snapshot = nullptr;
  const CompiledProfile* profile = nullptr;
  const ValidRequirement* requirement = nullptr;
  const ExchangeRates* exchange_rates = nullptr;
  std::map<std::string, double> weights;  // overrides by plugin name
  int top_k = 10;
  FactsOptions facts;
  // The plain path: no indexes; every filter judges every live provider.
  bool reference = false;
  // Whether to use (and fill) the dictionary's CentreFactsCache.
  bool cache_facts = true;
  // Provider ids (without "providers/") to explain; the caller has checked
  // that each is known to the snapshot (Snapshot::StatusOf).
  std::vector<std::string> explain;
  // At most so many per country in the top K.
  v1::Diversity diversity;
  // A provider to use instead of the snapshot's provider with the same id
  // (or in addition, when the snapshot has none): how "what it would take"
  // tries a change to a provider's record. Not owned.
  const sdk::Provider* substitute = nullptr;
  // Consider the substitute alone: its verdicts and total without scanning
  // the registry (with scorers whose scales depend on the provider and the
  // requirement alone, the total a full match would give it).
  bool substitute_only = false;
  // Filled when set: the eligible providers, in no particular order
  // (pointers into the snapshot or to the substitute).
  std::vector<const sdk::Provider*>* eligible_out = nullptr;
  // Filled when set: one entry per explained provider, in `explain` order.
  std::vector<NamedDetail>* named_out = nullptr;
  // Filled when set: every eligible provider's total, in no particular order.
  std::vector<std::pair<double, const sdk::Provider*>>* totals_out = nullptr;
};

// What the failing filters of the profile say would let each of
// `providers` (snapshot providers) through, under `input`'s requirement:
// out[i] for providers[i].
// Errors: as RunPipeline's for a failing plugin.
absl::StatusOr<std::vector<std::vector<NamedChange>>> CollectFixes(
    const MatchInput& input, std::span<const sdk::Provider* const> providers);

// The google.rpc.ErrorInfo reason (services/common/error_info.h) on the
// status of a match a plugin failed; its metadata names the "plugin" and the
// "stage" (filter, score, normalize, explain, ...).
inline constexpr absl::string_view kPluginFailed = "PLUGIN_FAILED";

// Runs one match. Errors: INVALID_ARGUMENT naming "weights[<plugin>]" for an
// unknown plugin or a weight outside the profile's bounds; INTERNAL naming
// the plugin, in the message and as an ErrorInfo (kPluginFailed), when a
// plugin fails (throws, returns an error, or returns a score that is not a
// number or outside 0..100 after normalising) and its profile says FAIL — with SKIP the plugin is
// left out and listed in skipped_plugins. The same input always gives the same answer. It does not
// compute relaxation hints (relaxation.h does, by running it again).
absl::StatusOr<v1::MatchProvidersResponse> RunPipeline(const MatchInput& input);

}  // namespace vendormatch
