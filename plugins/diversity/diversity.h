// The `diversity` built-in plugin: supplier-diversity classifications
// (women-owned, minority-owned, veteran-owned, small or disadvantaged
// business, social enterprise, B Corp, ...). Not to be confused with the
// request's `diversity` option, which spreads the answer over countries.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// The requirement lists classifications in
// requirement().diversity_classifications; any one of them suffices. The
// engagement is start_day..end_day, or start_day alone when it has no end.
// A copy of a classification *covers the engagement* when it is valid on
// every one of those days (issued on or before the start, expiring on or
// after the end, or never).
//
// Prefilter: with a list, one clause: the provider lists one of its codes
// (kDiversityClassification, valid or not), else "missing_classification".
//
// Filter: nothing listed passes everyone. Otherwise a candidate passes when
// a copy of a listed code covers the engagement; else it fails with the
// nearest miss among the listed codes, with that code as detail:
//   "classification_expires_in_window" valid on the start day, lapses before
//                                      the end;
//   "classification_valid_from"        issued after the start, by the end;
//   "expired_classification"           lapsed before the start;
//   "missing_classification"           none of the codes listed (no detail).
//
// Verdicts: every reason, in request order: one per listed code held but not
// covering the engagement, with a sentence ("WOMEN_OWNED expires on
// 2027-06-30, before the end of the engagement on 2027-12-31"), and one
// "missing_classification" naming the listed codes not held at all and the
// classifications the provider does hold.
//
// Score, 0..100, from the provider and the requirement alone: 100 times the
// best share of the scored period one copy covers, among the listed codes
// (every code the provider holds, when none is listed). The scored period
// is the engagement, or the `horizon_days` days from the start when it has
// no end, so a classification that lapses a month in scores less than one
// valid for years, and the score moves smoothly with the expiry date.
// Explain: "WOMEN_OWNED covers the engagement", "MINORITY_OWNED covers 45%
// of the engagement (expires 2027-06-30)", "none of VETERAN_OWNED,
// WOMEN_OWNED held", "no supplier-diversity classification".
//
// Warnings (a list and no end): the best listed copy valid on the start
// day lapses within horizon_days: {"classification_expires_soon", code,
// "WOMEN_OWNED expires on 2027-04-30, 8 weeks after the start"}.
//
// Fixes: buyer side, kAcceptClassification for a classification the
// provider holds that covers the engagement, else kDropDiversity; provider
// side, kHoldClassification of the listed code it is nearest to (renewing a
// lapsing one first), valid through the end (or the start day).
//
// Settings: horizon_days (integer, 30 to 3650, default 365).
// Thread-safe: Configure before use, then read-only.
class DiversityPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Configure(const sdk::Settings& settings) override;
  absl::Status Prefilter(const sdk::MatchContext& ctx,
                         std::vector<sdk::IndexClause>& clauses) const override;
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
  void Warnings(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                std::vector<sdk::Verdict>& out) const override;
  void Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
             std::vector<sdk::Change>& out) const override;

 private:
  int64_t horizon_days_ = 365;
};

}  // namespace vendormatch::plugins
