// The `certifications` built-in plugin: does the provider hold the required
// certifications, valid on the engagement start date.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Codes are Symbols of canonical catalogue codes ("PCI_DSS"), so the same
// certification is the same Symbol. A certification counts only when
// Certification::ValidOn(requirement().start_day): issued on or before,
// and expiring on or after, the start date. Repeated requested codes count
// once.
//
// Prefilter: one clause per distinct required code: the provider lists the
// code (kCertification, valid or not), else "missing_certification" with
// the code as detail. Necessary: a valid copy is a listed one; validity on
// the start date stays with Filter. A candidate a clause removes is
// reported with that clause's code, which may not be the first failing
// code in request order that Filter would name.
//
// Filter: checking the required codes in request order, a candidate fails
// with (detail: the code)
//   "expired_certification"  when it holds the code but every copy expired
//                            before the start date, else
//   "missing_certification"  when it holds no copy valid on the start date
//                            (none at all, or only one issued after the
//                            start date: it does not hold it yet).
//
// Score: raw = points for valid certifications that matter:
// kRequiredPoints per valid required code, plus, per valid security code
// (ISO27001, SOC2, ISO27701, PCI_DSS, HIPAA, GDPR) not already required,
// kSecurityPoints, or kSensitiveSecurityPoints when data sensitivity is
// HIGH. Explain words it, e.g. "2 of 2 required certifications valid;
// security: ISO27001, SOC2 (weighted up for highly sensitive data)", or
// "no required or security certification".
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
  absl::Status Prefilter(const sdk::MatchContext& ctx,
                         std::vector<sdk::IndexClause>& clauses) const override;
  absl::Status Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                      std::span<sdk::FilterResult> out) const override;
  absl::Status Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                     std::span<sdk::ScoreResult> out) const override;
  std::string Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                      double raw) const override;
  std::string Relax(const sdk::MatchContext& ctx,
                    std::span<const sdk::Candidate> removed) const override;

  static constexpr double kRequiredPoints = 3;
  static constexpr double kSecurityPoints = 1;
  static constexpr double kSensitiveSecurityPoints = 2;
};

}  // namespace vendormatch::plugins
