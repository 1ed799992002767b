#include "quality.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Candidate;

constexpr double kEpsilon = 1e-9;
constexpr double kMaxRating = 5;

// 4.56 -> "4.6" (non-negative values).
std::string OneDecimal(double value) {
  const int64_t tenths = std::llround(value * 10);
  return absl::StrCat(tenths / 10, ".", tenths % 10);
}

// 3.6 -> "3.6", 3.65 -> "3.65", 4 -> "4.0": a rating as given, to 2 decimals.
std::string RatingText(double value) {
  const int64_t hundredths = std::llround(std::max(value, 0.0) * 100);
  std::string out = absl::StrCat(hundredths / 100, ".", (hundredths % 100) / 10);
  if (hundredths % 10 != 0) absl::StrAppend(&out, hundredths % 10);
  return out;
}

}  // namespace

sdk::PluginInfo QualityPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Rating must reach min_rating; scores the rating adjusted towards a prior for providers "
      "with few reviews, from rating_floor (0) to 5 (100), blended with SLA attainment from "
      "sla_floor (0) to 100% (100).";
  using sdk::SettingSpec;
  info.settings = {
      SettingSpec::Number("prior_rating", 3.5, 0, kMaxRating,
                          "the rating a provider without reviews is assumed to have"),
      SettingSpec::Number("prior_reviews", 20, 0, SettingSpec::kUnbounded,
                          "how many reviews the prior rating counts as"),
      SettingSpec::Number("sla_weight", 0.3, 0, 1, "share of SLA attainment in the score"),
      SettingSpec::Number("rating_floor", 3, 0, kMaxRating, "the adjusted rating that scores 0")
          .MaxExclusive(),
      SettingSpec::Number("sla_floor", 80, 0, 100, "the SLA attainment (%) that scores 0")
          .MaxExclusive()};
  return info;
}

absl::Status QualityPlugin::Configure(const sdk::Settings& settings) {
  prior_rating_ = settings.Number("prior_rating");
  prior_reviews_ = settings.Number("prior_reviews");
  sla_weight_ = settings.Number("sla_weight");
  rating_floor_ = settings.Number("rating_floor");
  sla_floor_ = settings.Number("sla_floor");
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
  for (size_t i = 0; i < batch.size(); ++i) out[i].raw = ScoreOf(*batch[i].provider);
  return absl::OkStatus();
}

double QualityPlugin::ScoreOf(const sdk::Provider& provider) const {
  const double rating_part =
      100 * std::clamp((AdjustedRating(provider) - rating_floor_) / (kMaxRating - rating_floor_),
                       0.0, 1.0);
  const double sla = std::clamp(provider.sla_attainment_percent(), 0.0, 100.0);
  const double sla_part = 100 * std::clamp((sla - sla_floor_) / (100 - sla_floor_), 0.0, 1.0);
  return (1 - sla_weight_) * rating_part + sla_weight_ * sla_part;
}

absl::Status QualityPlugin::Verdicts(const sdk::MatchContext& ctx, const Candidate& candidate,
                                     std::vector<sdk::Verdict>& out) const {
  const double min_rating = ctx.requirement().min_rating;
  const double rating = candidate.provider->rating();
  if (min_rating <= 0 || rating + kEpsilon >= min_rating) return absl::OkStatus();
  out.push_back({"rating_below_minimum", sdk::kNoSymbol,
                 absl::StrCat("rating ", RatingText(rating), " is below the minimum ",
                              RatingText(min_rating))});
  return absl::OkStatus();
}

void QualityPlugin::Fixes(const sdk::MatchContext& ctx, const Candidate& candidate,
                          std::vector<sdk::Change>& out) const {
  const double min_rating = ctx.requirement().min_rating;
  const double rating = candidate.provider->rating();
  if (min_rating <= 0 || rating + kEpsilon >= min_rating) return;
  sdk::Change lower{sdk::ChangeKind::kLowerMinRating};
  lower.number = RoundedDown(rating);
  out.push_back(lower);
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

double QualityPlugin::RoundedDown(double rating) {
  // With the filter's tolerance, so that the result admits `rating`.
  return static_cast<double>(std::floor((std::max(rating, 0.0) + kEpsilon) * 10)) / 10;
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::QualityPlugin, "quality", "1.0.0")
