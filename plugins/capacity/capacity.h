// The `capacity` built-in plugin: can the provider seat the team, and how
// much room does it have left.
#pragma once

#include <span>
#include <string>
#include <vector>

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
// Score, 0..100, from the candidate and the requirement alone: with
// headroom h = accepted seats / headcount, raw = 100 * h^2 / (h^2 + 1)
// (HeadroomScore: exactly covering 50, 1.5x 69, 2x 80, 3x 90; smooth and
// rising, no cap). kNoHeadcountScore (100) for every candidate when no
// headcount is given (equal, so neutral).
//
// Explain (shown candidates only), e.g.
// "1,200 seats in accepted centres for 150 needed (8.0x)" (uncapped ratio),
// "1 seat in accepted centres (no headcount requested)".
//
// Normalize: raw clamped to 0..100; never
// depends on the other candidates.
//
// Verdicts (with a headcount): "insufficient_seats" ("54 seats in accepted
// centres for 80 needed") and/or "below_minimum_headcount" ("a team of 40
// is below the provider's minimum of 50"), in that order, no detail.
//
// Fixes: buyer side kSetHeadcount to the accepted seats when short of seats
// (if that is > 0 and meets the minimum), or to the minimum when below it
// (if the seats cover it); provider side kAddSeats (the missing seats, when
// it has an accepted centre) and/or kLowerMinimumHeadcount to the headcount.
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
  absl::Status Normalize(const sdk::MatchContext& ctx,
                         std::span<sdk::ScoreResult> scores) const override;
  absl::Status Verdicts(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                        std::vector<sdk::Verdict>& out) const override;
  void Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
             std::vector<sdk::Change>& out) const override;

  // The score 0..100 of headroom `headroom` (seats / headcount; negative
  // counts as 0): 100 * h^2 / (h^2 + 1).
  static double HeadroomScore(double headroom);
  // Every candidate's score when the request gives no headcount.
  static constexpr double kNoHeadcountScore = 100;
};

}  // namespace vendormatch::plugins
