#include "timezone_overlap.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

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

// `hours` rounded down to 0.1 h, allowing the filter's tolerance, so that a
// minimum of the result admits `hours`.
double RoundedDown(double hours) {
  return static_cast<double>(std::floor((std::max(hours, 0.0) + kEpsilon) * 10)) / 10;
}

}  // namespace

sdk::PluginInfo TimezoneOverlapPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Daily overlap of the client's business hours with the provider's best accepted delivery "
      "centre must reach min_overlap_hours; scores that overlap as a share of the client's "
      "business day (0-100).";
  return info;
}

absl::Status TimezoneOverlapPlugin::Filter(const sdk::MatchContext& ctx,
                                           std::span<const Candidate> batch,
                                           std::span<sdk::FilterResult> out) const {
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
  const sdk::Requirement& req = ctx.requirement();
  const uint8_t mask = req.delivery_models;
  const double day = ClientDayHours(req);
  for (size_t i = 0; i < batch.size(); ++i) {
    const Candidate& c = batch[i];
    const int best = ScoredCentre(c, mask);
    const double overlap = best < 0 ? 0.0 : std::max(c.centres[best].overlap_hours, 0.0);
    out[i].raw = day > 0 ? 100 * std::clamp(overlap / day, 0.0, 1.0) : 0.0;
  }
  return absl::OkStatus();
}

double TimezoneOverlapPlugin::ClientDayHours(const sdk::Requirement& req) {
  static constexpr sdk::Shift kDefaultHours{0x1F, 9 * 60, 17 * 60};
  const std::span<const sdk::Shift> shifts = req.client_hours.empty()
                                                 ? std::span<const sdk::Shift>(&kDefaultHours, 1)
                                                 : std::span<const sdk::Shift>(req.client_hours);
  uint8_t days = 0;
  for (const sdk::Shift& shift : shifts) days |= shift.days;
  const int working_days = std::popcount(static_cast<uint8_t>(days & 0x7F));
  if (working_days == 0) return 0;
  // The client's hours over the week from the start date, as absolute
  // intervals (so a daylight-saving change counts as the framework counts it).
  std::vector<std::pair<absl::Time, absl::Time>> hours;
  for (int d = 0; d < 7; ++d) {
    const absl::CivilDay day = req.start_date + d;
    const int weekday = static_cast<int>(absl::GetWeekday(day));  // 0 = Monday
    for (const sdk::Shift& shift : shifts) {
      if (((shift.days >> weekday) & 1) == 0) continue;
      const int end =
          shift.end_minute <= shift.start_minute ? shift.end_minute + 24 * 60 : shift.end_minute;
      const absl::Time begin =
          absl::FromCivil(absl::CivilMinute(day) + shift.start_minute, req.client_time_zone);
      const absl::Time finish = absl::FromCivil(absl::CivilMinute(day) + end, req.client_time_zone);
      if (begin < finish) hours.emplace_back(begin, finish);
    }
  }
  std::sort(hours.begin(), hours.end());
  absl::Duration total;
  absl::Time covered = absl::InfinitePast();  // merged: overlapping shifts count once
  for (const auto& [begin, end] : hours) {
    const absl::Time from = std::max(begin, covered);
    if (end > from) total += end - from;
    covered = std::max(covered, end);
  }
  return absl::ToDoubleHours(total) / working_days;
}

absl::Status TimezoneOverlapPlugin::Normalize(const sdk::MatchContext& ctx,
                                              std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

absl::Status TimezoneOverlapPlugin::Verdicts(const sdk::MatchContext& ctx,
                                             const Candidate& candidate,
                                             std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.min_overlap_hours <= 0) return absl::OkStatus();
  const double best = BestOverlap(candidate, req.delivery_models);
  if (best + kEpsilon >= req.min_overlap_hours) return absl::OkStatus();
  const int centre = ScoredCentre(candidate, req.delivery_models);
  const std::string minimum =
      absl::StrCat(" is below the minimum of ", Hours(req.min_overlap_hours), " h a day");
  if (centre < 0) {
    out.push_back({"insufficient_overlap", sdk::kNoSymbol,
                   absl::StrCat("no delivery centre in an accepted delivery model, so an overlap "
                                "of 0 h",
                                minimum)});
    return absl::OkStatus();
  }
  out.push_back(
      {"insufficient_overlap", sdk::kNoSymbol,
       absl::StrCat("the best overlap with ", PlaceOfZone(req.client_time_zone.name()),
                    " business hours, ", Hours(best), " h a day from ",
                    CentrePlace(ctx, candidate.provider->centres()[centre]), ",", minimum)});
  return absl::OkStatus();
}

void TimezoneOverlapPlugin::Fixes(const sdk::MatchContext& ctx, const Candidate& candidate,
                                  std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.min_overlap_hours <= 0) return;
  const double best = BestOverlap(candidate, req.delivery_models);
  if (best + kEpsilon >= req.min_overlap_hours) return;
  sdk::Change lower{sdk::ChangeKind::kLowerMinOverlap};
  lower.number = RoundedDown(best);
  out.push_back(lower);
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

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::TimezoneOverlapPlugin, "timezone_overlap", "1.0.0")
