// The `services` built-in plugin: does the provider offer the requested
// services.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Service codes are compared exactly: they are interned catalogue codes, so
// equal codes are equal Symbols.
//
// Prefilter: nothing when no service is requested. In ALL mode one kService
// clause per distinct requested service; in ANY mode one kService clause
// with all of them; reason "service_not_offered", no detail. Each is
// necessary for Filter to pass.
//
// Filter: with no requested service every candidate passes. Otherwise a
// candidate fails with "service_not_offered" when it lacks any requested
// service (ALL, the default) or offers none of them (requirement().any_service).
//
// Score: raw = 100 * offered / requested (100 when nothing is requested),
// the same in ALL and ANY mode. Explain, e.g. "offers 2 of 2 requested
// services", "no services requested".
//
// Normalize: identity, clamped to 0..100. The raw
// share is already on a meaningful 0..100 scale, so a lone candidate (or a
// field where everyone offers everything) keeps its real score instead of a
// min-max artefact.
//
// Verdicts ("service_not_offered", as Filter): in ALL mode one per missing
// distinct service, detail the service ("does not offer PAYROLL"); in ANY
// mode one ("offers none of DATA_ENTRY, PAYROLL").
//
// Fixes: buyer side kAcceptAnyService in ALL mode when it offers at least
// one requested service; provider side kOfferService per missing service
// (ALL), or for the first requested one (ANY).
//
// Settings: none. Thread-safe: no state.
class ServicesPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
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

  // How many of `requested` the provider offers (a service requested twice
  // counts twice).
  static size_t CountOffered(const sdk::Provider& provider, std::span<const sdk::Symbol> requested);
};

}  // namespace vendormatch::plugins
