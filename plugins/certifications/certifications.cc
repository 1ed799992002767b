#include "certifications.h"

#include <algorithm>
#include <array>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace vendormatch::plugins {
namespace {

using sdk::DayNumber;
using sdk::kNoSymbol;
using sdk::Symbol;

constexpr std::array<absl::string_view, 6> kSecurityCodes = {"ISO27001", "SOC2",  "ISO27701",
                                                             "PCI_DSS",  "HIPAA", "GDPR"};

enum class Holding { kValid, kExpired, kMissing };

Holding Hold(const sdk::Provider& provider, Symbol code, DayNumber day) {
  Holding holding = Holding::kMissing;
  for (const sdk::Certification& cert : provider.certifications()) {
    if (cert.code != code) continue;
    if (cert.ValidOn(day)) return Holding::kValid;
    if (cert.ExpiredOn(day)) holding = Holding::kExpired;
  }
  return holding;
}

// Whether codes[i] repeats an earlier code.
bool Repeated(const std::vector<Symbol>& codes, size_t i) {
  for (size_t j = 0; j < i; ++j) {
    if (codes[j] == codes[i]) return true;
  }
  return false;
}

// The required codes, each once, in request order.
std::vector<Symbol> DistinctRequired(const sdk::Requirement& req) {
  std::vector<Symbol> codes;
  codes.reserve(req.certifications.size());
  for (size_t i = 0; i < req.certifications.size(); ++i) {
    if (!Repeated(req.certifications, i)) codes.push_back(req.certifications[i]);
  }
  return codes;
}

// What scoring needs of one match, derived once for the batch.
struct Scoring {
  struct Security {
    Symbol code = kNoSymbol;
    absl::string_view name;
  };
  std::vector<Symbol> required;    // distinct, in request order
  std::vector<Security> security;  // not required and used by someone, in kSecurityCodes order
  bool sensitive = false;
  double security_points = 0;
};

Scoring ScoringOf(const sdk::MatchContext& ctx) {
  const sdk::Requirement& req = ctx.requirement();
  Scoring scoring;
  scoring.required = DistinctRequired(req);
  for (absl::string_view name : kSecurityCodes) {
    // kNoSymbol: no provider lists it, so none holds it.
    const Symbol code = ctx.Find(name);
    if (code == kNoSymbol || std::find(scoring.required.begin(), scoring.required.end(), code) !=
                                 scoring.required.end()) {
      continue;
    }
    scoring.security.push_back({code, name});
  }
  scoring.sensitive = req.data_sensitivity == sdk::Level::kHigh;
  scoring.security_points = scoring.sensitive ? CertificationsPlugin::kSensitiveSecurityPoints
                                              : CertificationsPlugin::kSecurityPoints;
  return scoring;
}

size_t RequiredValid(const Scoring& scoring, const sdk::Provider& provider, DayNumber day) {
  size_t valid = 0;
  for (Symbol code : scoring.required) {
    if (Hold(provider, code, day) == Holding::kValid) ++valid;
  }
  return valid;
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("certifications: ", out, " results for a batch of ", batch, " candidates"));
}

}  // namespace

sdk::PluginInfo CertificationsPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Certifications: every required one valid on the start date; security ones count more for "
      "sensitive data";
  info.filter = true;
  info.score = true;
  info.normalize = false;
  return info;
}

absl::Status CertificationsPlugin::Configure(const sdk::Settings& settings) {
  if (!settings.values().empty()) {
    return absl::InvalidArgumentError(absl::StrCat("setting ", settings.values().begin()->first,
                                                   ": unknown (certifications takes no settings)"));
  }
  return absl::OkStatus();
}

absl::Status CertificationsPlugin::Prefilter(const sdk::MatchContext& ctx,
                                             std::vector<sdk::IndexClause>& clauses) const {
  for (Symbol code : DistinctRequired(ctx.requirement())) {
    clauses.push_back(
        sdk::IndexClause{sdk::IndexField::kCertification, {code}, "missing_certification", code});
  }
  return absl::OkStatus();
}

absl::Status CertificationsPlugin::Filter(const sdk::MatchContext& ctx,
                                          std::span<const sdk::Candidate> batch,
                                          std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  const std::vector<Symbol> required = DistinctRequired(req);
  const DayNumber day = req.start_day;
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::FilterResult result;
    for (Symbol code : required) {
      const Holding holding = Hold(*batch[i].provider, code, day);
      if (holding == Holding::kValid) continue;
      result = sdk::FilterResult::Fail(
          holding == Holding::kExpired ? "expired_certification" : "missing_certification", code);
      break;
    }
    out[i] = result;
  }
  return absl::OkStatus();
}

absl::Status CertificationsPlugin::Score(const sdk::MatchContext& ctx,
                                         std::span<const sdk::Candidate> batch,
                                         std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const Scoring scoring = ScoringOf(ctx);
  const DayNumber day = ctx.requirement().start_day;
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Provider& provider = *batch[i].provider;
    size_t security_valid = 0;
    for (const Scoring::Security& security : scoring.security) {
      if (Hold(provider, security.code, day) == Holding::kValid) ++security_valid;
    }
    out[i].raw = kRequiredPoints * static_cast<double>(RequiredValid(scoring, provider, day)) +
                 scoring.security_points * static_cast<double>(security_valid);
  }
  return absl::OkStatus();
}

std::string CertificationsPlugin::Explain(const sdk::MatchContext& ctx,
                                          const sdk::Candidate& candidate, double raw) const {
  (void)raw;  // recomputed with the codes the words name
  const Scoring scoring = ScoringOf(ctx);
  const DayNumber day = ctx.requirement().start_day;
  const sdk::Provider& provider = *candidate.provider;
  std::string reason;
  if (!scoring.required.empty()) {
    absl::StrAppend(&reason, RequiredValid(scoring, provider, day), " of ", scoring.required.size(),
                    " required certifications valid");
  }
  size_t security_valid = 0;
  for (const Scoring::Security& security : scoring.security) {
    if (Hold(provider, security.code, day) != Holding::kValid) continue;
    absl::StrAppend(&reason,
                    security_valid > 0 ? ", "
                    : reason.empty()   ? "security: "
                                       : "; security: ",
                    security.name);
    ++security_valid;
  }
  if (security_valid > 0 && scoring.sensitive) {
    reason += " (weighted up for highly sensitive data)";
  }
  if (reason.empty()) reason = "no required or security certification";
  return reason;
}

std::string CertificationsPlugin::Relax(const sdk::MatchContext& ctx,
                                        std::span<const sdk::Candidate> removed) const {
  const sdk::Requirement& req = ctx.requirement();
  const size_t n = req.certifications.size();
  std::vector<int> admits(n, 0), fails(n, 0);
  for (const sdk::Candidate& candidate : removed) {
    int failing = 0;
    size_t only = 0;
    for (size_t r = 0; r < n; ++r) {
      if (Repeated(req.certifications, r) ||
          Hold(*candidate.provider, req.certifications[r], req.start_day) == Holding::kValid) {
        continue;
      }
      ++fails[r];
      ++failing;
      only = r;
    }
    if (failing == 1) ++admits[only];
  }
  size_t best = n;
  for (size_t r = 0; r < n; ++r) {
    if (fails[r] == 0) continue;
    if (best == n || admits[r] > admits[best] ||
        (admits[r] == admits[best] && fails[r] > fails[best])) {
      best = r;
    }
  }
  if (best == n) return "";
  return absl::StrCat("drop certification ", ctx.Name(req.certifications[best]));
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::CertificationsPlugin, "certifications", "1.0.0")
