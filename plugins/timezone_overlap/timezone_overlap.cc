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
std::string PlaceOfZone(const std::string& zone) {
  std::string place = zone.substr(zone.rfind('/') + 1);
  std::replace(place.begin(), place.end(), '_', ' ');
  return place;
}

std::string CentrePlace(const sdk::Centre& centre) {
  if (!centre.city.empty()) return centre.city;
  if (!centre.country.empty()) return centre.country;
  return PlaceOfZone(centre.time_zone_name);
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
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i] = sdk::FilterResult{};
    if (req.min_overlap_hours <= 0) continue;
    if (BestOverlap(batch[i], req.delivery_models) + kEpsilon < req.min_overlap_hours) {
      out[i] = {false, "insufficient_overlap"};
    }
  }
  return absl::OkStatus();
}

absl::Status TimezoneOverlapPlugin::Score(const sdk::MatchContext& ctx,
                                          std::span<const Candidate> batch,
                                          std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  const std::string client_hours = absl::StrCat(
      " h overlap with ", PlaceOfZone(req.client_time_zone.name()), " business hours from ");
  for (size_t i = 0; i < batch.size(); ++i) {
    const Candidate& c = batch[i];
    const int best = BestCentre(c, req.delivery_models);
    if (best < 0 || static_cast<size_t>(best) >= c.provider->centres.size()) {
      out[i].raw = 0;
      out[i].reason = "no delivery centre in an accepted delivery model";
      continue;
    }
    out[i].raw = std::max(c.centres[best].overlap_hours, 0.0);
    out[i].reason =
        absl::StrCat(Hours(out[i].raw), client_hours, CentrePlace(c.provider->centres[best]));
  }
  return absl::OkStatus();
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
