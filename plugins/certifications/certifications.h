// The `certifications` built-in plugin: does the provider hold the required
// certifications, valid on the engagement start date (or through its end).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Codes are Symbols of canonical catalogue codes ("PCI_DSS"), so the same
// certification is the same Symbol. Repeated requested codes count once.
// A required certification is valid for the engagement when a copy is
// Certification::ValidOn(requirement().start_day) (issued on or before,
// expiring on or after, the start date) and, when
// requirement().certifications_through_end and an end_day are given, that
// copy does not expire before end_day (no expiry, or expires >= end_day):
// valid on every day start..end.
//
// Prefilter: one clause per distinct required code: the provider lists the
// code (kCertification, valid or not), else "missing_certification" with
// the code as detail. Necessary: a valid copy is a listed one; validity
// stays with Filter. A candidate a clause removes is reported with that
// clause's code, which may not be the first failing code in request order
// that Filter would name.
//
// Filter: checking the required codes in request order, a candidate fails
// on the first code without a valid copy with (detail: the code)
//   "certification_expires_in_window" when a copy is valid on the start day
//                            but expires inside the engagement (only with
//                            certifications_through_end and an end_day), else
//   "certification_valid_from" when an end_day is given and a copy is issued
//                            after the start day, on or before end_day, else
//   "expired_certification"  when a copy expired before the start date, else
//   "missing_certification"  (none at all, or only copies issued after the
//                            start date and, with an end_day, after it).
//
// Score, 0..100, from the provider and the requirement alone: 100 * points
// / max_points. Points: kRequiredPoints per required code valid on the start
// date, plus, per valid security code (ISO27001, SOC2, ISO27701, PCI_DSS,
// HIPAA, GDPR) not already required, kSecurityPoints, or
// kSensitiveSecurityPoints when data sensitivity is HIGH. max_points =
// kRequiredPoints * distinct required codes + security points * security
// codes of that fixed list not required: never a number that depends on
// which codes the registry's providers happen to list. Explain words it,
// e.g. "1 of 1 required certifications valid on 2027-01-04; ISO27001
// expires inside the engagement; security: ISO27001, SOC2 (weighted up for
// highly sensitive data)", or "no required or security certification".
//
// Normalize: raw clamped to 0..100.
//
// Verdicts: one per failing distinct required code, in request order, with
// Filter's reason codes and a sentence: "ISO27001 expired on 2026-10-01,
// before the start on 2027-01-04", "SOC2 expires on 2027-02-20, before the
// end of the engagement on 2027-12-31", "HIPAA is valid only from
// 2027-02-01, after the start on 2027-01-04", "no GDPR certification is
// listed".
//
// Warnings (with an end_day): for each code that matters (required, or in
// the security list) whose copies valid on the start day all expire on or
// before end_day: {"certification_expires_in_window", code, "ISO27001
// expires 2027-02-20, 7 weeks into the engagement (2027-01-04 to
// 2027-12-31)"}.
//
// Fixes: buyer side kCertificationsOnStartDay when every failing code is
// valid on the start day (fails only through the end), else
// kDropCertification per failing code; provider side kHoldCertification per
// failing code, valid through end_day (with certifications_through_end and
// an end_day) or the start day.
//
// Settings: none. Thread-safe: no state.
class CertificationsPlugin final : public sdk::Plugin {
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
  void Warnings(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                std::vector<sdk::Verdict>& out) const override;
  void Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
             std::vector<sdk::Change>& out) const override;

  static constexpr double kRequiredPoints = 3;
  static constexpr double kSecurityPoints = 1;
  static constexpr double kSensitiveSecurityPoints = 2;
};

}  // namespace vendormatch::plugins
