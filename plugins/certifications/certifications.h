// The `certifications` built-in plugin: does the provider hold the required
// certifications, valid on the engagement start date.
#pragma once

#include <span>
#include <string>

#include "absl/strings/string_view.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Codes are compared ignoring case and the separators ' ', '-' and '_'
// ("PCI DSS" == "pci_dss"). A certification counts only when
// Certification::ValidOn(requirement().start_date): issued on or before,
// and expiring on or after, the start date. Repeated requested codes count
// once.
//
// Filter: checking the required codes in request order, a candidate fails
// with
//   "expired_certification:CODE"  when it holds CODE but every copy expired
//                                 before the start date, else
//   "missing_certification:CODE"  when it holds no copy valid on the start
//                                 date (none at all, or only one issued
//                                 after the start date: it does not hold it
//                                 yet).
// CODE is spelt as requested.
//
// Score: raw = points for valid certifications that matter:
// kRequiredPoints per valid required code, plus, per valid security code
// (ISO27001, SOC2, ISO27701, PCI_DSS, HIPAA, GDPR) not already required,
// kSecurityPoints, or kSensitiveSecurityPoints when data sensitivity is
// HIGH. Reason, e.g. "2 of 2 required certifications valid; security:
// ISO27001, SOC2 (weighted up for highly sensitive data)".
//
// Normalize: not implemented (Info().normalize is false). Points are
// relative (holding two security certificates means little on its own), so
// the framework's min-max over the eligible candidates ranks them.
//
// Relax: "drop certification CODE", the required code whose removal alone
// would admit the most removed candidates (those failing only on it); on a
// tie, or when no single code admits any, the code most removed candidates
// fail on, then the earlier in the request; "" when none fails.
//
// Settings: none (any key is INVALID_ARGUMENT). Thread-safe: no state.
class CertificationsPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Configure(const sdk::Settings& settings) override;
  absl::Status Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                      std::span<sdk::FilterResult> out) const override;
  absl::Status Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                     std::span<sdk::ScoreResult> out) const override;
  std::string Relax(const sdk::MatchContext& ctx,
                    std::span<const sdk::Candidate> removed) const override;

  static constexpr double kRequiredPoints = 3;
  static constexpr double kSecurityPoints = 1;
  static constexpr double kSensitiveSecurityPoints = 2;

  // Whether two certification codes name the same certification.
  static bool SameCode(absl::string_view a, absl::string_view b);
};

}  // namespace vendormatch::plugins
