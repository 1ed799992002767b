#include "timezone_overlap.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Candidate;

// Overlaps are averages of minutes; tolerate rounding noise in comparisons.
constexpr double kEpsilon = 1e-6;

bool Accepted(uint8_t mask, sdk::DeliveryModel model) {
  return mask == 0 || (mask & sdk::Bit(model)) != 0;
}

// Index of the accepted centre with the largest overlap (the first on a tie),
// or -1 when no centre is accepted.
int BestCentre(const Candidate& c, uint8_t mask) {
  int best = -1;
  for (size_t i = 0; i < c.centres.size(); ++i) {
    if (!Accepted(mask, c.centres[i].delivery_model)) continue;
    if (best < 0 || c.centres[i].overlap_hours > c.centres[best].overlap_hours) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

double BestOverlap(const Candidate& c, uint8_t mask) {
  const int best = BestCentre(c, mask);
  return best < 0 ? 0.0 : std::max(c.centres[best].overlap_hours, 0.0);
}

// 7.46 -> "7.5", 6.0 -> "6" (non-negative values).
std::string Hours(double hours) {
  const int64_t tenths = std::llround(hours * 10);
  if (tenths % 10 == 0) return absl::StrCat(tenths / 10);
  return absl::StrCat(tenths / 10, ".", tenths % 10);
}

// "America/New_York" -> "New York"; "UTC" -> "UTC".
std::string PlaceOfZone(absl::string_view zone) {
  const size_t slash = zone.rfind('/');
  std::string place(slash == absl::string_view::npos ? zone : zone.substr(slash + 1));
  std::replace(place.begin(), place.end(), '_', ' ');
  return place;
}

std::string CentrePlace(const sdk::MatchContext& ctx, const sdk::Centre& centre) {
  if (absl::string_view city = ctx.Name(centre.city); !city.empty()) return std::string(city);
  if (absl::string_view country = ctx.Name(centre.country); !country.empty()) {
    return std::string(country);
  }
  return PlaceOfZone(ctx.Name(centre.time_zone));
}

// Index of the centre the score counts (BestCentre, when its centre exists),
// or -1 when there is none.
int ScoredCentre(const Candidate& c, uint8_t mask) {
  const int best = BestCentre(c, mask);
  return best >= 0 && static_cast<size_t>(best) < c.provider->centres().size() ? best : -1;
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("timezone_overlap: batch has ", batch, " candidates but ", out, " results"));
}

}  // namespace

sdk::PluginInfo TimezoneOverlapPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Daily overlap of the client's business hours with the provider's best accepted delivery "
      "centre must reach min_overlap_hours; scores that overlap in hours.";
  info.filter = true;
  info.score = true;
  info.normalize = false;
  return info;
}

absl::Status TimezoneOverlapPlugin::Filter(const sdk::MatchContext& ctx,
                                           std::span<const Candidate> batch,
                                           std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  if (req.min_overlap_hours <= 0) {  // no minimum: everyone passes
    std::fill(out.begin(), out.end(), sdk::FilterResult{});
    return absl::OkStatus();
  }
  const uint8_t mask = req.delivery_models;
  const double minimum = req.min_overlap_hours;
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i] = BestOverlap(batch[i], mask) + kEpsilon < minimum
                 ? sdk::FilterResult::Fail("insufficient_overlap")
                 : sdk::FilterResult{};
  }
  return absl::OkStatus();
}

absl::Status TimezoneOverlapPlugin::Score(const sdk::MatchContext& ctx,
                                          std::span<const Candidate> batch,
                                          std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const uint8_t mask = ctx.requirement().delivery_models;
  for (size_t i = 0; i < batch.size(); ++i) {
    const Candidate& c = batch[i];
    const int best = ScoredCentre(c, mask);
    out[i].raw = best < 0 ? 0.0 : std::max(c.centres[best].overlap_hours, 0.0);
  }
  return absl::OkStatus();
}

std::string TimezoneOverlapPlugin::Explain(const sdk::MatchContext& ctx, const Candidate& candidate,
                                           double raw) const {
  (void)raw;
  const sdk::Requirement& req = ctx.requirement();
  const int best = ScoredCentre(candidate, req.delivery_models);
  if (best < 0) return "no delivery centre in an accepted delivery model";
  return absl::StrCat(Hours(std::max(candidate.centres[best].overlap_hours, 0.0)),
                      " h overlap with ", PlaceOfZone(req.client_time_zone.name()),
                      " business hours from ",
                      CentrePlace(ctx, candidate.provider->centres()[best]));
}

std::string TimezoneOverlapPlugin::Relax(const sdk::MatchContext& ctx,
                                         std::span<const Candidate> removed) const {
  const sdk::Requirement& req = ctx.requirement();
  if (removed.empty() || req.min_overlap_hours <= 0) return "";
  double smallest = req.min_overlap_hours;
  for (const Candidate& c : removed) {
    smallest = std::min(smallest, BestOverlap(c, req.delivery_models));
  }
  // Round down (with the filter's tolerance), so that the suggested minimum
  // admits every removed candidate.
  const int64_t tenths = static_cast<int64_t>(std::floor((smallest + kEpsilon) * 10));
  return absl::StrCat("lower min_overlap_hours to ", tenths / 10, ".", tenths % 10);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::TimezoneOverlapPlugin, "timezone_overlap", "1.0.0")
