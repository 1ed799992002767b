// The `timezone_overlap` built-in plugin: how many hours a day the client's
// business hours overlap the provider's best accepted delivery centre.
#pragma once

#include <span>
#include <string>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// A candidate's "best overlap" is the largest CentreFacts.overlap_hours (the
// framework's daily overlap of client and centre hours on the start date)
// among its accepted centres: those whose derived delivery model is in
// requirement().delivery_models (a 0 mask accepts every centre). With no
// accepted centre the best overlap is 0.
//
// Prefilter: none (overlaps are derived per request, not indexed).
//
// Filter: when requirement().min_overlap_hours <= 0 every candidate passes.
// Otherwise a candidate whose best overlap is below min_overlap_hours fails
// with reason code "insufficient_overlap" (no detail).
//
// Score: raw = best overlap in hours (0..24); 0 without an accepted centre.
//
// Explain (shown candidates only), e.g.
// "7.5 h overlap with New York business hours from Manila" (the client's
// time-zone city; the centre's city, else its country, else its time zone's
// city, from the centre's Symbols); "no delivery centre in an accepted
// delivery model" without one.
//
// Normalize: not implemented (Info().normalize is false); the framework maps
// min..max of the eligible candidates to 0..100, so the pool's best overlap
// ranks first. Mapping hours against the client's day instead would rate
// every full-overlap provider equally; profiles assume the relative ranking.
//
// Relax: "lower min_overlap_hours to X", X the smallest best overlap among the
// removed candidates, rounded down to one decimal so that it lets them all
// through; "" when nothing was removed or no minimum was set.
//
// Settings: none. Thread-safe: no state.
class TimezoneOverlapPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                      std::span<sdk::FilterResult> out) const override;
  absl::Status Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                     std::span<sdk::ScoreResult> out) const override;
  std::string Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                      double raw) const override;
  std::string Relax(const sdk::MatchContext& ctx,
                    std::span<const sdk::Candidate> removed) const override;
};

}  // namespace vendormatch::plugins
