// The `timezone_overlap` built-in plugin: how many hours a day the client's
// business hours overlap the provider's best accepted delivery centre.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// A candidate's "best overlap" is the largest CentreFacts.overlap_hours (the
// framework's daily overlap of client and centre hours on the start date)
// among its accepted centres: those whose derived delivery model is in
// requirement().delivery_models (a 0 mask accepts every centre). With no
// accepted centre the best overlap is 0.
//
// Prefilter: none (overlaps are derived per request, not indexed).
//
// Filter: when requirement().min_overlap_hours <= 0 every candidate passes.
// Otherwise a candidate whose best overlap is below min_overlap_hours fails
// with reason code "insufficient_overlap" (no detail).
//
// Score, 0..100, from the candidate and the requirement alone: raw = 100 *
// clamp(best overlap / the client's daily business hours, 0, 1); 0 without
// an accepted centre. The client's daily hours (ClientDayHours) are worked
// out as the framework averages CentreFacts::overlap_hours: the client's
// hours over the week from the start date (overlapping shifts once, in
// absolute time) over its working days (weekdays with any shift), so a
// centre open all the client's hours scores 100.
//
// Explain (shown candidates only), e.g.
// "7.5 h overlap with New York business hours from Manila" (the client's
// time-zone city; the centre's city, else its country, else its time zone's
// city, from the centre's Symbols); "no delivery centre in an accepted
// delivery model" without one.
//
// Normalize: raw clamped to 0..100.
//
// Verdicts: "insufficient_overlap", e.g. "the best overlap with New York
// business hours, 3.5 h a day from Manila, is below the minimum of 4 h a
// day". Fixes: buyer side kLowerMinOverlap to the best overlap rounded down
// to 0.1 h; nothing on the provider side.
//
// Settings: none. Thread-safe: no state.
class TimezoneOverlapPlugin final : public sdk::Plugin {
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

  // The client's business hours per working day for `req` (0 when it works
  // no day), as described above.
  static double ClientDayHours(const sdk::Requirement& req);
};

}  // namespace vendormatch::plugins
