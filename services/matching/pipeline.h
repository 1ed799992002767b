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
};

// A profile ready to run: immutable, shared by the matches that use it.
struct CompiledProfile {
  v1::Profile proto;
  std::vector<ProfilePlugin> plugins;
};

// Checks `profile` against the loaded plugins and configures one instance
// per plugin. Violations are named "profile.plugins[i].<field>": unknown
// plugin, duplicate, a stage the plugin lacks, weight outside 0..100 or
// outside [min_weight, max_weight], a setting the plugin rejects, no scorer
// with weight. Thread-safe.
absl::StatusOr<std::shared_ptr<const CompiledProfile>> CompileProfile(
    const v1::Profile& profile, const std::vector<LoadedPlugin>& plugins);

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
};

// Runs one match. Errors: INVALID_ARGUMENT naming "weights[<plugin>]" for an
// unknown plugin or a weight outside the profile's bounds; INTERNAL naming
// the plugin when a plugin fails (throws, returns an error, or returns a
// score that is not a number or outside 0..100 after normalising) and its
// profile says FAIL — with SKIP the plugin is left out and listed in
// skipped_plugins. The same input always gives the same answer.
absl::StatusOr<v1::MatchProvidersResponse> RunPipeline(const MatchInput& input);

}  // namespace vendormatch
