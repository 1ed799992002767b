#include "quality.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Candidate;

constexpr double kEpsilon = 1e-9;
constexpr double kMaxRating = 5;
constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// 4.56 -> "4.6" (non-negative values).
std::string OneDecimal(double value) {
  const int64_t tenths = std::llround(value * 10);
  return absl::StrCat(tenths / 10, ".", tenths % 10);
}

// The setting `key` as a number in [low, high], or INVALID_ARGUMENT naming it.
absl::StatusOr<double> InRange(const sdk::Settings& settings, absl::string_view key,
                               double fallback, double low, double high) {
  absl::StatusOr<double> value = settings.Double(key, fallback);
  if (!value.ok()) return value.status();
  if (!std::isfinite(*value) || *value < low || *value > high) {
    return absl::InvalidArgumentError(
        std::isinf(high)
            ? absl::StrCat("setting ", key, ": ", *value, " must be at least ", low)
            : absl::StrCat("setting ", key, ": ", *value, " must be between ", low, " and ", high));
  }
  return value;
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("quality: batch has ", batch, " candidates but ", out, " results"));
}

}  // namespace

sdk::PluginInfo QualityPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Rating must reach min_rating; scores the rating adjusted towards a prior for providers "
      "with few reviews, blended with SLA attainment (0-100).";
  info.filter = true;
  info.score = true;
  info.normalize = true;
  info.default_settings = {{"prior_rating", "3.5"}, {"prior_reviews", "20"}, {"sla_weight", "0.3"}};
  return info;
}

absl::Status QualityPlugin::Configure(const sdk::Settings& settings) {
  absl::StatusOr<double> prior_rating = InRange(settings, "prior_rating", 3.5, 0, kMaxRating);
  if (!prior_rating.ok()) return prior_rating.status();
  absl::StatusOr<double> prior_reviews = InRange(settings, "prior_reviews", 20, 0, kUnbounded);
  if (!prior_reviews.ok()) return prior_reviews.status();
  absl::StatusOr<double> sla_weight = InRange(settings, "sla_weight", 0.3, 0, 1);
  if (!sla_weight.ok()) return sla_weight.status();
  prior_rating_ = *prior_rating;
  prior_reviews_ = *prior_reviews;
  sla_weight_ = *sla_weight;
  return absl::OkStatus();
}

double QualityPlugin::AdjustedRating(const sdk::Provider& provider) const {
  const double reviews = std::max(provider.review_count(), 0);
  const double rating = std::clamp(provider.rating(), 0.0, kMaxRating);
  const double weight = prior_reviews_ + reviews;
  if (weight <= 0) return prior_rating_;
  return (prior_rating_ * prior_reviews_ + rating * reviews) / weight;
}

absl::Status QualityPlugin::Filter(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                   std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const double min_rating = ctx.requirement().min_rating;
  if (min_rating <= 0) {
    for (sdk::FilterResult& result : out) result = sdk::FilterResult{};
    return absl::OkStatus();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i] = batch[i].provider->rating() + kEpsilon < min_rating
                 ? sdk::FilterResult::Fail("rating_below_minimum")
                 : sdk::FilterResult{};
  }
  return absl::OkStatus();
}

absl::Status QualityPlugin::Score(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                  std::span<sdk::ScoreResult> out) const {
  (void)ctx;
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Provider& p = *batch[i].provider;
    const double adjusted = AdjustedRating(p);
    const double sla = std::clamp(p.sla_attainment_percent(), 0.0, 100.0);
    out[i].raw = (1 - sla_weight_) * adjusted / kMaxRating * 100 + sla_weight_ * sla;
  }
  return absl::OkStatus();
}

absl::Status QualityPlugin::Normalize(const sdk::MatchContext& ctx,
                                      std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string QualityPlugin::Explain(const sdk::MatchContext& ctx, const Candidate& candidate,
                                   double raw) const {
  (void)ctx, (void)raw;
  const sdk::Provider& p = *candidate.provider;
  const std::string sla_text =
      absl::StrCat(", SLA ", OneDecimal(std::clamp(p.sla_attainment_percent(), 0.0, 100.0)), "%");
  if (p.review_count() <= 0) {
    return absl::StrCat("no reviews (prior ", OneDecimal(prior_rating_), ")", sla_text);
  }
  return absl::StrCat(OneDecimal(std::clamp(p.rating(), 0.0, kMaxRating)), " from ",
                      p.review_count(), p.review_count() == 1 ? " review" : " reviews",
                      " (adjusted ", OneDecimal(AdjustedRating(p)), ")", sla_text);
}

std::string QualityPlugin::Relax(const sdk::MatchContext& ctx,
                                 std::span<const Candidate> removed) const {
  const double min_rating = ctx.requirement().min_rating;
  if (removed.empty() || min_rating <= 0) return "";
  double lowest = min_rating;
  for (const Candidate& c : removed) lowest = std::min(lowest, c.provider->rating());
  lowest = std::max(lowest, 0.0);
  // Round down (with the filter's tolerance) so that X admits every removed one.
  const int64_t tenths = static_cast<int64_t>(std::floor((lowest + kEpsilon) * 10));
  return absl::StrCat("lower min_rating to ", tenths / 10, ".", tenths % 10);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::QualityPlugin, "quality", "1.0.0")
