#include "capacity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Candidate;

bool Accepted(uint8_t mask, sdk::DeliveryModel model) {
  return mask == 0 || (mask & sdk::Bit(model)) != 0;
}

// Seats available in the candidate's accepted centres (64-bit: no overflow).
int64_t AcceptedSeats(const Candidate& c, uint8_t mask) {
  const std::span<const sdk::Centre> centres = c.provider->centres();
  const size_t n = std::min(centres.size(), c.centres.size());
  int64_t seats = 0;
  for (size_t i = 0; i < n; ++i) {
    if (Accepted(mask, c.centres[i].delivery_model)) {
      seats += std::max<int64_t>(centres[i].seats_available, 0);
    }
  }
  return seats;
}

// 1200 -> "1,200".
std::string WithThousands(int64_t value) {
  std::string digits = absl::StrCat(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? absl::StrCat("-", out) : out;
}

// 8.04 -> "8.0" (non-negative values).
std::string OneDecimal(double value) {
  const int64_t tenths = std::llround(value * 10);
  return absl::StrCat(tenths / 10, ".", tenths % 10);
}

}  // namespace

sdk::PluginInfo CapacityPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Seats available in the accepted delivery centres must cover the headcount, and the "
      "headcount must meet the provider's minimum; scores headroom h = seats / headcount as "
      "100 h^2 / (h^2 + 1) (exactly covering 50, 2x 80, 3x 90).";
  return info;
}

absl::Status CapacityPlugin::Filter(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                    std::span<sdk::FilterResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.headcount <= 0) {  // the request does not constrain
    std::fill(out.begin(), out.end(), sdk::FilterResult{});
    return absl::OkStatus();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i] = sdk::FilterResult{};
    if (AcceptedSeats(batch[i], req.delivery_models) < req.headcount) {
      out[i] = sdk::FilterResult::Fail("insufficient_seats");
    } else if (req.headcount < batch[i].provider->min_headcount()) {
      out[i] = sdk::FilterResult::Fail("below_minimum_headcount");
    }
  }
  return absl::OkStatus();
}

absl::Status CapacityPlugin::Score(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                   std::span<sdk::ScoreResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.headcount <= 0) {  // equal for all
    for (sdk::ScoreResult& r : out) r.raw = kNoHeadcountScore;
    return absl::OkStatus();
  }
  const double headcount = req.headcount;
  for (size_t i = 0; i < batch.size(); ++i) {
    const int64_t seats = AcceptedSeats(batch[i], req.delivery_models);
    out[i].raw = HeadroomScore(static_cast<double>(seats) / headcount);
  }
  return absl::OkStatus();
}

double CapacityPlugin::HeadroomScore(double headroom) {
  const double h2 = std::max(headroom, 0.0) * std::max(headroom, 0.0);
  return 100 * h2 / (h2 + 1);
}

absl::Status CapacityPlugin::Normalize(const sdk::MatchContext& ctx,
                                       std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

absl::Status CapacityPlugin::Verdicts(const sdk::MatchContext& ctx, const Candidate& candidate,
                                      std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.headcount <= 0) return absl::OkStatus();
  const int64_t seats = AcceptedSeats(candidate, req.delivery_models);
  if (seats < req.headcount) {
    out.push_back(
        {"insufficient_seats", sdk::kNoSymbol,
         absl::StrCat(WithThousands(seats), seats == 1 ? " seat" : " seats",
                      " in accepted centres for ", WithThousands(req.headcount), " needed")});
  }
  const int32_t minimum = candidate.provider->min_headcount();
  if (req.headcount < minimum) {
    out.push_back({"below_minimum_headcount", sdk::kNoSymbol,
                   absl::StrCat("a team of ", WithThousands(req.headcount),
                                " is below the provider's minimum of ", WithThousands(minimum))});
  }
  return absl::OkStatus();
}

void CapacityPlugin::Fixes(const sdk::MatchContext& ctx, const Candidate& candidate,
                           std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.headcount <= 0) return;
  const int64_t seats = AcceptedSeats(candidate, req.delivery_models);
  const int64_t minimum = candidate.provider->min_headcount();
  const bool short_of_seats = seats < req.headcount;
  const bool below_minimum = req.headcount < minimum;
  if (!short_of_seats && !below_minimum) return;
  // Buyer side: a headcount it can seat and that meets its minimum.
  sdk::Change headcount{sdk::ChangeKind::kSetHeadcount};
  headcount.amount = short_of_seats ? seats : minimum;
  if (headcount.amount > 0 && headcount.amount >= minimum && headcount.amount <= seats) {
    out.push_back(headcount);
  }
  // Provider side: the missing seats (in an accepted centre), a lower minimum.
  if (short_of_seats) {
    bool accepted_centre = false;
    for (const sdk::CentreFacts& facts : candidate.centres) {
      accepted_centre = accepted_centre || Accepted(req.delivery_models, facts.delivery_model);
    }
    if (!accepted_centre || candidate.provider->centres().empty()) return;
    sdk::Change seats_change{sdk::ChangeKind::kAddSeats};
    seats_change.amount = req.headcount - seats;
    out.push_back(seats_change);
  }
  if (below_minimum) {
    sdk::Change lower{sdk::ChangeKind::kLowerMinimumHeadcount};
    lower.amount = req.headcount;
    out.push_back(lower);
  }
}

std::string CapacityPlugin::Explain(const sdk::MatchContext& ctx, const Candidate& candidate,
                                    double raw) const {
  (void)raw;  // recomputed with the counts the words name
  const sdk::Requirement& req = ctx.requirement();
  const int64_t seats = AcceptedSeats(candidate, req.delivery_models);
  const std::string seat_text =
      absl::StrCat(WithThousands(seats), seats == 1 ? " seat" : " seats", " in accepted centres");
  if (req.headcount <= 0) return absl::StrCat(seat_text, " (no headcount requested)");
  const double ratio = static_cast<double>(seats) / req.headcount;
  return absl::StrCat(seat_text, " for ", WithThousands(req.headcount), " needed (",
                      OneDecimal(ratio), "x)");
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::CapacityPlugin, "capacity", "1.0.0")
