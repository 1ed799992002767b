// The `capacity` built-in plugin: can the provider seat the team, and how
// much room does it have left.
#pragma once

#include <span>
#include <string>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// "Accepted seats" are the `seats_available` summed over the provider's
// accepted centres: those whose derived delivery model (CentreFacts) is in
// requirement().delivery_models (a 0 mask accepts every centre). Seats in
// other centres never count.
//
// Prefilter: none (seats depend on the request's accepted delivery models).
//
// Filter: when requirement().headcount <= 0 every candidate passes (the
// request does not constrain). Otherwise a candidate fails with reason code
//   "insufficient_seats"      when accepted seats < headcount, else
//   "below_minimum_headcount" when headcount < provider->min_headcount().
// (no detail). A provider failing both has fewer seats than its own minimum;
// it is reported as insufficient_seats.
//
// Score: raw = accepted seats / headcount, capped at 3.0 (headroom); 3.0 for
// every candidate when no headcount is given.
//
// Explain (shown candidates only), e.g.
// "1,200 seats in accepted centres for 150 needed (8.0x)" (uncapped ratio),
// "1 seat in accepted centres (no headcount requested)".
//
// Normalize: not implemented (Info().normalize is false). The raw headroom
// has no absolute meaning on its own (1.2x is tight for a team of 500, ample
// for a team of 5), so the framework's min-max over the eligible candidates
// ranks by relative headroom, which is what profiles weight.
//
// Relax: among the removed candidates that can pass at some headcount (seats
// >= max(min_headcount, 1)), picks the headcount that lets the most of them
// through, the one nearest the requested headcount on a tie:
// "lower headcount to N" or "raise headcount to N"; "" when none can pass.
// When every removed candidate lacked seats only, N is the largest headcount
// all of them can seat.
//
// Settings: none. Thread-safe: no state.
class CapacityPlugin final : public sdk::Plugin {
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

  // Headroom cap for the raw score.
  static constexpr double kMaxHeadroom = 3.0;
};

}  // namespace vendormatch::plugins
