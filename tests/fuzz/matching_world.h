// What the matching fuzzers run against: the built-in plugins linked in (as
// LoadPluginDirectory would present them), a small generated registry
// snapshot, the default exchange rates and the default profiles compiled.
#pragma once

#include <memory>
#include <vector>

#include "services/matching/exchange_rates.h"
#include "services/matching/pipeline.h"
#include "services/matching/plugin_loader.h"
#include "services/matching/snapshot.h"

namespace vendormatch::fuzz {

struct MatchingWorld {
  std::vector<LoadedPlugin> plugins;  // sorted by name
  std::shared_ptr<const Snapshot> snapshot;
  ExchangeRates rates = ExchangeRates::Default();
  std::vector<std::shared_ptr<const CompiledProfile>> profiles;  // DefaultProfiles()
  // The day matches run on (requirements start no earlier).
  absl::CivilDay today;

  static const MatchingWorld& Get();
};

// Runs `profile` on `requirement` over the world's snapshot, on the indexed
// and the reference path, and aborts (a fuzz crash) when either fails, when
// they differ, or when the response breaks its promises: totals and
// normalised scores within 0..100, ranks 1..n in order, and, when the profile
// and requirement could come over the wire (`wire`), strings valid UTF-8.
void CheckMatch(const CompiledProfile& profile, const ValidRequirement& requirement, int top_k,
                bool wire, absl::string_view context);

}  // namespace vendormatch::fuzz
