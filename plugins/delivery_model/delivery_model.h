// The `delivery_model` built-in plugin: is the provider onshore, nearshore or
// offshore relative to the client, and does the client accept that.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// The framework derives each centre's delivery model (Candidate::centres,
// parallel to provider->centres()) and picks the deciding centre; this
// plugin only reads those facts. Declared delivery models are not used.
//
// Prefilter: none (the derived model is per request, not indexed).
//
// Filter: with requirement().delivery_models == 0 (accept all) everyone
// passes. Otherwise a candidate passes when some centre's derived model is
// in the mask, and fails with reason code "delivery_model_not_accepted" (no
// detail; also when it has no centre).
//
// Score: raw = the setting for the deciding centre's model (onshore 100,
// nearshore 75, offshore 50 by default); 0 without a deciding centre or
// model.
//
// Explain (shown candidates only; place names come from the centre's city
// and country Symbols): e.g. "onshore: centre in the client's country (New
// York)", "offshore: centre 12.5 h from the client's time zone (Manila, PH)";
// "no delivery centre in an accepted delivery model" without one.
//
// Normalize: identity, clamped to 0..100; the
// settings are absolute scores, so a lone offshore candidate keeps 50.
//
// Verdicts: "delivery_model_not_accepted" with a sentence naming the
// accepted models, the client's country and the closest centre: "no
// delivery centre is onshore or nearshore for a US client (closest:
// offshore, Manila)", "has no delivery centre for a US client".
//
// Fixes: buyer side kAcceptDeliveryModel with the closest derived model
// among its centres (none when it has no centre with one); nothing on the
// provider side.
//
// Settings (declared in Info(), checked by the framework): `onshore` (100),
// `nearshore` (75), `offshore` (50): numbers in 0..100. Thread-safe after
// Configure: the stages only read.
class DeliveryModelPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Configure(const sdk::Settings& settings) override;
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

  // The configured score of `model`; 0 for kUnspecified.
  double ScoreOf(sdk::DeliveryModel model) const;

 private:
  double onshore_ = 100;
  double nearshore_ = 75;
  double offshore_ = 50;
};

}  // namespace vendormatch::plugins
