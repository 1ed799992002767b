// The `industry` built-in plugin: has the provider served the client's
// industry.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// A provider "served" the requested industry when requirement().industry
// is one of provider->industries(). Industry codes are interned upper case,
// so Symbol equality is the old case-insensitive comparison. No industry is
// asked when requirement().industry is kNoSymbol.
//
// Filter: only with the setting `required`, and only when the requirement
// names an industry; otherwise every candidate passes. A provider that has not
// served it fails with "no_industry_experience" (no detail). (Info().filter is
// always true: Info() is read before Configure.)
//
// Prefilter: in the same case, one kIndustry clause with any_of {industry}
// and reason "no_industry_experience"; otherwise none.
//
// Score, in 0..100: 100 served, 0 not; 50 for every candidate when no
// industry is asked. Explain: "served BANKING", "no BANKING experience
// listed", "no industry requested".
//
// Normalize: identity, clamped to 0..100.
//
// Verdicts: Filter's reason with a sentence, "has not served BANKING".
// Fixes: buyer side kDropIndustry; provider side kServeIndustry.
//
// Settings (declared in Info(), checked by the framework): required (bool,
// false). Thread-safe: only Configure writes.
class IndustryPlugin final : public sdk::Plugin {
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
  void Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
             std::vector<sdk::Change>& out) const override;

 private:
  bool required_ = false;
};

}  // namespace vendormatch::plugins
