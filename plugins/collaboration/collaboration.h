// The `collaboration` built-in plugin: for work that needs close coordination
// with the client, favours providers that can work with it day to day.
#pragma once

#include <span>
#include <string>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec). Score only; no filter.
//
// The work needs coordination when requirement().collaboration is HIGH, or
// MEDIUM and requirement().service_model is KPO (knowledge work is
// judgment-based and needs the client in the loop; BPO work at MEDIUM does
// not).
//
// When it does, raw (0..100) =
//     best over the accepted centres (derived delivery model in
//       requirement().delivery_models; a 0 mask accepts all) of
//       0.4 * overlap   (100 * min(overlap_hours / client day length, 1); the
//                        client day length is the average daily span of
//                        requirement().client_hours, 8 h by default)
//     + 0.3 * proximity (onshore 100, nearshore 75, offshore 0)
//   + 0.3 * qualified staff (provider->qualified_staff_percent(), 0..100).
// With no accepted centre only the qualified-staff part counts.
// Otherwise raw = 50 for every candidate (neutral).
//
// Explain (shown candidates only; recomputes the best centre), e.g.
// "high-coordination KPO work: 6 h overlap, nearshore, 80% qualified staff",
// "high-coordination KPO work: no accepted centre, 90% qualified staff", or
// for neutral work "low-coordination work: neutral".
//
// Normalize: identity, clamped to 0..100, so a
// neutral 50 stays 50 and a pool of equally good providers is not stretched.
//
// Settings: none. Thread-safe: no state.
class CollaborationPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                     std::span<sdk::ScoreResult> out) const override;
  std::string Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                      double raw) const override;
  absl::Status Normalize(const sdk::MatchContext& ctx,
                         std::span<sdk::ScoreResult> scores) const override;

  // Weights of the parts of the score; they sum to 1.
  static constexpr double kOverlapWeight = 0.4;
  static constexpr double kProximityWeight = 0.3;
  static constexpr double kQualifiedWeight = 0.3;
};

}  // namespace vendormatch::plugins
