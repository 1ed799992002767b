// The `service_model` built-in plugin: does the provider work in the BPO or
// KPO model the client asked for (or the advisor chose).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// The model is requirement().service_model; it was advised (chosen by the
// BPO-vs-KPO advisor, not the client) when service_model_advised is set.
//
// Filter: passes everyone when no model is given, or when the model was
// advised and `filter_advised` is false. Otherwise a candidate whose
// service_models lack the model fails with "service_model_mismatch:BPO" or
// "service_model_mismatch:KPO" (the model asked for; one literal reason
// code, no detail Symbol).
//
// Prefilter: when (and only when) Filter filters, one kServiceModel clause
// with any_of {static_cast<Symbol>(model)} and Filter's reason.
//
// Score: raw = 100 for a specialist (offers the model and not the other),
// 70 when it offers both, 0 when it does not offer the model; 50 for every
// candidate when no model is given. Explain, e.g. "KPO specialist (KPO
// requested)", "offers both BPO and KPO (KPO advised, 80% confidence)",
// "no service model requested".
//
// Normalize: identity, clamped to 0..100; the
// raw values are the spec's absolute scale (a lone generalist stays at 70).
//
// Verdicts: Filter's reason with a sentence, "does not offer KPO work (KPO
// requested)". Fixes: buyer side kAcceptAnyServiceModel; provider side
// kOfferServiceModel with the model.
//
// Settings (declared in Info(), checked by the framework): `filter_advised`
// (bool, false): whether an advised model filters.
// Thread-safe after Configure: the other stages only read.
class ServiceModelPlugin final : public sdk::Plugin {
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

  static constexpr double kSpecialistScore = 100;
  static constexpr double kBothScore = 70;
  static constexpr double kMismatchScore = 0;
  static constexpr double kNoModelScore = 50;

  bool filter_advised() const { return filter_advised_; }

 private:
  // Whether Filter checks the model for `req` (else everyone passes).
  bool Filters(const sdk::Requirement& req) const;

  bool filter_advised_ = false;
};

}  // namespace vendormatch::plugins
