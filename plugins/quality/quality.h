// The `quality` built-in plugin: a provider's rating, shrunk towards a prior
// when it has few reviews, blended with its SLA attainment.
#pragma once

#include <span>
#include <string>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Filter: when requirement().min_rating <= 0 every candidate passes.
// Otherwise a candidate whose (unadjusted) provider->rating() is below
// min_rating fails with "rating_below_minimum" (no detail). No Prefilter:
// ratings are not indexed.
//
// Score, in 0..100:
//   adjusted = (prior_rating * prior_reviews + rating * reviews)
//              / (prior_reviews + reviews)        (prior_rating if both are 0)
//   raw      = (1 - sla_weight) * adjusted / 5 * 100
//              + sla_weight * sla_attainment_percent
// so a provider with no reviews gets the prior and one with many reviews
// gets close to its own rating. Ratings are clamped to 0..5, SLA to 0..100
// and review counts to >= 0; an SLA of 0 counts as 0 (the registry has no
// "unknown"). Explain, e.g. "4.6 from 212 reviews (adjusted 4.5), SLA
// 98.1%", or "no reviews (prior 3.5), SLA 98.1%".
//
// Normalize: identity, clamped to 0..100 (Info().normalize is true): the raw
// score already means the same in every match.
//
// Relax: "lower min_rating to X", X the lowest rating among the removed
// candidates, rounded down to one decimal; "" when nothing was removed.
//
// Settings: prior_rating (3.5, in 0..5), prior_reviews (20, >= 0),
// sla_weight (0.3, in 0..1); Configure returns INVALID_ARGUMENT naming the
// setting on a value that does not parse, is not finite or is out of range
// (then the previous settings stay).
//
// Thread-safe: the settings are only written by Configure.
class QualityPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Configure(const sdk::Settings& settings) override;
  absl::Status Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                      std::span<sdk::FilterResult> out) const override;
  absl::Status Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                     std::span<sdk::ScoreResult> out) const override;
  absl::Status Normalize(const sdk::MatchContext& ctx,
                         std::span<sdk::ScoreResult> scores) const override;
  std::string Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                      double raw) const override;
  std::string Relax(const sdk::MatchContext& ctx,
                    std::span<const sdk::Candidate> removed) const override;

  // The Bayesian (adjusted) rating of `provider` under the current settings.
  double AdjustedRating(const sdk::Provider& provider) const;

 private:
  double prior_rating_ = 3.5;
  double prior_reviews_ = 20;
  double sla_weight_ = 0.3;
};

}  // namespace vendormatch::plugins
