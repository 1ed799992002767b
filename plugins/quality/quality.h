// The `quality` built-in plugin: a provider's rating, shrunk towards a prior
// when it has few reviews, blended with its SLA attainment.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Filter: when requirement().min_rating <= 0 every candidate passes.
// Otherwise a candidate whose (unadjusted) provider->rating() is below
// min_rating fails with "rating_below_minimum" (no detail). No Prefilter:
// ratings are not indexed.
//
// Score, in 0..100, from the provider and the settings alone:
//   adjusted    = (prior_rating * prior_reviews + rating * reviews)
//                 / (prior_reviews + reviews)     (prior_rating if both are 0)
//   rating part = 100 * clamp((adjusted - rating_floor) / (5 - rating_floor), 0, 1)
//   SLA part    = 100 * clamp((sla - sla_floor) / (100 - sla_floor), 0, 1)
//   raw         = (1 - sla_weight) * rating part + sla_weight * SLA part
// so a provider with no reviews gets the prior and one with many reviews
// gets close to its own rating; the floors spread the scale over the
// ratings and SLAs providers actually have (3.0..5 and 80..100% by
// default) instead of squeezing everyone into 88..92. Ratings are clamped to 0..5, SLA to 0..100
// and review counts to >= 0; an SLA of 0 counts as 0 (the registry has no
// "unknown"). Explain, e.g. "4.6 from 212 reviews (adjusted 4.5), SLA
// 98.1%", or "no reviews (prior 3.5), SLA 98.1%".
//
// Normalize: identity, clamped to 0..100: the raw
// score already means the same in every match.
//
// Verdicts: "rating_below_minimum", "rating 3.6 is below the minimum 4.0".
// Fixes: buyer side kLowerMinRating to the rating rounded down to 0.1 (with
// the filter's tolerance); nothing on the provider side.
//
// Settings (numbers, declared in Info() and checked by the framework before
// Configure): prior_rating (3.5, in 0..5), prior_reviews (20, >= 0),
// sla_weight (0.3, in 0..1), rating_floor (3, at least 0 and below 5),
// sla_floor (80, at least 0 and below 100).
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

  absl::Status Verdicts(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                        std::vector<sdk::Verdict>& out) const override;
  void Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
             std::vector<sdk::Change>& out) const override;

  // The Bayesian (adjusted) rating of `provider` under the current settings.
  double AdjustedRating(const sdk::Provider& provider) const;
  // The score (0..100) of `provider` under the current settings.
  double ScoreOf(const sdk::Provider& provider) const;
  // `rating` (negative: 0) rounded down to 0.1, allowing the filter's
  // tolerance, so that a minimum of the result admits `rating`.
  static double RoundedDown(double rating);

 private:
  double prior_rating_ = 3.5;
  double prior_reviews_ = 20;
  double sla_weight_ = 0.3;
  double rating_floor_ = 3;
  double sla_floor_ = 80;
};

}  // namespace vendormatch::plugins
