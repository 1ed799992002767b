#include "collaboration.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Candidate;
using sdk::DeliveryModel;
using sdk::Level;
using sdk::ServiceModel;

constexpr double kNeutral = 50;
constexpr double kDefaultDayHours = 8;

bool Accepted(uint8_t mask, DeliveryModel model) {
  return mask == 0 || (mask & sdk::Bit(model)) != 0;
}

double Proximity(DeliveryModel model) {
  switch (model) {
    case DeliveryModel::kOnshore:
      return 100;
    case DeliveryModel::kNearshore:
      return 75;
    default:
      return 0;
  }
}

const char* ModelName(DeliveryModel model) {
  switch (model) {
    case DeliveryModel::kOnshore:
      return "onshore";
    case DeliveryModel::kNearshore:
      return "nearshore";
    case DeliveryModel::kOffshore:
      return "offshore";
    default:
      return "unknown delivery model";
  }
}

// Average hours of a client business day: shift minutes per week over the
// number of weekdays that have any; 8 when the hours say nothing.
double ClientDayHours(const std::vector<sdk::Shift>& hours) {
  int64_t weekly_minutes = 0;
  uint8_t days = 0;
  for (const sdk::Shift& shift : hours) {
    const uint8_t shift_days = shift.days & 0x7f;
    int minutes = shift.end_minute - shift.start_minute;
    if (minutes <= 0) minutes += 24 * 60;  // ends the next day
    weekly_minutes += int64_t{minutes} * std::popcount(shift_days);
    days |= shift_days;
  }
  const int active_days = std::popcount(days);
  if (active_days == 0 || weekly_minutes <= 0) return kDefaultDayHours;
  return std::min(weekly_minutes / 60.0 / active_days, 24.0);
}

// "high-coordination KPO work".
std::string WorkLabel(const sdk::Requirement& req) {
  const char* level = req.collaboration == Level::kHigh     ? "high"
                      : req.collaboration == Level::kMedium ? "medium"
                                                            : "low";
  const char* model = req.service_model == ServiceModel::kKpo   ? " KPO"
                      : req.service_model == ServiceModel::kBpo ? " BPO"
                                                                : "";
  return absl::StrCat(level, "-coordination", model, " work");
}

// Whether the work needs coordination: HIGH, or MEDIUM and KPO.
bool CoordinationNeeded(const sdk::Requirement& req) {
  return req.collaboration == Level::kHigh ||
         (req.collaboration == Level::kMedium && req.service_model == ServiceModel::kKpo);
}

// The accepted centre with the best overlap-and-proximity part (the first on
// a tie), or -1 when no centre is accepted; its part in `*part` (0 for none).
int BestCentre(const Candidate& c, uint8_t mask, double day_hours, double* part) {
  int best = -1;
  double best_part = 0;
  for (size_t j = 0; j < c.centres.size(); ++j) {
    const sdk::CentreFacts& f = c.centres[j];
    if (!Accepted(mask, f.delivery_model)) continue;
    const double overlap = 100 * std::clamp(f.overlap_hours / day_hours, 0.0, 1.0);
    const double p = CollaborationPlugin::kOverlapWeight * overlap +
                     CollaborationPlugin::kProximityWeight * Proximity(f.delivery_model);
    if (best < 0 || p > best_part) {
      best = static_cast<int>(j);
      best_part = p;
    }
  }
  *part = best_part;
  return best;
}

double QualifiedPercent(const Candidate& c) {
  return std::clamp(c.provider->qualified_staff_percent(), 0.0, 100.0);
}

// 7.46 -> "7.5", 6.0 -> "6" (non-negative values).
std::string Hours(double hours) {
  const int64_t tenths = std::llround(hours * 10);
  if (tenths % 10 == 0) return absl::StrCat(tenths / 10);
  return absl::StrCat(tenths / 10, ".", tenths % 10);
}

}  // namespace

sdk::PluginInfo CollaborationPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "For work needing coordination (collaboration HIGH, or MEDIUM and KPO): time-zone overlap, "
      "proximity (onshore/nearshore) and qualified staff, 0-100; neutral 50 otherwise.";
  return info;
}

absl::Status CollaborationPlugin::Score(const sdk::MatchContext& ctx,
                                        std::span<const Candidate> batch,
                                        std::span<sdk::ScoreResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!CoordinationNeeded(req)) {
    for (sdk::ScoreResult& r : out) r.raw = kNeutral;
    return absl::OkStatus();
  }
  const double day_hours = ClientDayHours(req.client_hours);
  const uint8_t mask = req.delivery_models;
  for (size_t i = 0; i < batch.size(); ++i) {
    double centre_part = 0;
    BestCentre(batch[i], mask, day_hours, &centre_part);
    out[i].raw = centre_part + kQualifiedWeight * QualifiedPercent(batch[i]);
  }
  return absl::OkStatus();
}

std::string CollaborationPlugin::Explain(const sdk::MatchContext& ctx, const Candidate& candidate,
                                         double raw) const {
  (void)raw;
  const sdk::Requirement& req = ctx.requirement();
  const std::string label = req.collaboration == Level::kUnspecified
                                ? std::string("no collaboration level given")
                                : WorkLabel(req);
  if (!CoordinationNeeded(req)) return absl::StrCat(label, ": neutral");
  double centre_part = 0;
  const int best =
      BestCentre(candidate, req.delivery_models, ClientDayHours(req.client_hours), &centre_part);
  const std::string centre_text =
      best < 0 ? std::string("no accepted centre")
               : absl::StrCat(Hours(std::max(candidate.centres[best].overlap_hours, 0.0)),
                              " h overlap, ", ModelName(candidate.centres[best].delivery_model));
  return absl::StrCat(label, ": ", centre_text, ", ", std::llround(QualifiedPercent(candidate)),
                      "% qualified staff");
}

absl::Status CollaborationPlugin::Normalize(const sdk::MatchContext& ctx,
                                            std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::CollaborationPlugin, "collaboration", "1.0.0")
