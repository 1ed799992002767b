#include "certifications.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "vendormatch/dated.h"

namespace vendormatch::plugins {
namespace {

using sdk::DayNumber;
using sdk::kNoDay;
using sdk::kNoSymbol;
using sdk::Symbol;

constexpr std::array<absl::string_view, 6> kSecurityCodes = {"ISO27001", "SOC2",  "ISO27701",
                                                             "PCI_DSS",  "HIPAA", "GDPR"};

// The days a required certification must cover: the start day, and with
// `through_end` every day to `end` (kNoDay: no end given).
struct Window {
  DayNumber start = 0;
  DayNumber end = kNoDay;
  bool through_end = false;
  bool Whole() const { return through_end && end != kNoDay; }
};

Window WindowOf(const sdk::Requirement& req) {
  return Window{req.start_day, req.end_day, req.certifications_through_end};
}

using sdk::Holding;

// How `provider` holds required `code` over `window`.
Holding Hold(const sdk::Provider& provider, Symbol code, const Window& window) {
  return sdk::HoldingOf(provider.certifications(), code, window.start,
                        window.Whole() ? window.end : window.start, window.end);
}

const char* ReasonOf(Holding holding) {
  switch (holding) {
    case Holding::kExpiresInWindow:
      return "certification_expires_in_window";
    case Holding::kValidFrom:
      return "certification_valid_from";
    case Holding::kExpired:
      return "expired_certification";
    case Holding::kMissing:
    case Holding::kValid:
      break;
  }
  return "missing_certification";
}

bool ValidOnStart(const sdk::Provider& provider, Symbol code, DayNumber start) {
  if (code == kNoSymbol) return false;
  for (const sdk::Certification& cert : provider.certifications()) {
    if (cert.code == code && cert.ValidOn(start)) return true;
  }
  return false;
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
    Symbol code = kNoSymbol;  // kNoSymbol: nobody lists it, so nobody holds it
    absl::string_view name;
  };
  std::vector<Symbol> required;    // distinct, in request order
  std::vector<Security> security;  // the fixed list's codes not required, in its order
  bool sensitive = false;
  double security_points = 0;
  double max_points = 0;  // never depends on which codes the registry's providers list
};

Scoring ScoringOf(const sdk::MatchContext& ctx) {
  const sdk::Requirement& req = ctx.requirement();
  Scoring scoring;
  scoring.required = DistinctRequired(req);
  for (absl::string_view name : kSecurityCodes) {
    const Symbol code = ctx.Find(name);
    if (code != kNoSymbol && std::find(scoring.required.begin(), scoring.required.end(), code) !=
                                 scoring.required.end()) {
      continue;
    }
    scoring.security.push_back({code, name});
  }
  scoring.sensitive = req.data_sensitivity == sdk::Level::kHigh;
  scoring.security_points = scoring.sensitive ? CertificationsPlugin::kSensitiveSecurityPoints
                                              : CertificationsPlugin::kSecurityPoints;
  scoring.max_points =
      CertificationsPlugin::kRequiredPoints * static_cast<double>(scoring.required.size()) +
      scoring.security_points * static_cast<double>(scoring.security.size());
  return scoring;
}

size_t RequiredValid(const Scoring& scoring, const sdk::Provider& provider, DayNumber day) {
  size_t valid = 0;
  for (Symbol code : scoring.required) {
    if (ValidOnStart(provider, code, day)) ++valid;
  }
  return valid;
}

// The sentence for buyers on required `code` failing with `holding`.
std::string FailureSentence(const sdk::MatchContext& ctx, const sdk::Provider& provider,
                            Symbol code, Holding holding, const Window& window) {
  const absl::string_view name = ctx.Name(code);
  const std::string start = sdk::DateText(window.start);
  switch (holding) {
    case Holding::kExpiresInWindow:
      return absl::StrCat(
          name, " expires on ",
          sdk::DateText(sdk::LatestExpiryFrom(provider.certifications(), code, window.start)),
          ", before the end of the engagement on ", sdk::DateText(window.end));
    case Holding::kExpired:
      return absl::StrCat(
          name, " expired on ",
          sdk::DateText(sdk::LatestExpiryBefore(provider.certifications(), code, window.start)),
          ", before the start on ", start);
    case Holding::kValidFrom:
    case Holding::kMissing:
    case Holding::kValid:
      break;
  }
  const DayNumber from = sdk::EarliestIssueAfter(provider.certifications(), code, window.start);
  if (from == kNoDay) return absl::StrCat("no ", name, " certification is listed");
  return absl::StrCat(name, " is valid only from ", sdk::DateText(from), ", after the start on ",
                      start);
}

}  // namespace

sdk::PluginInfo CertificationsPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Certifications: every required one valid on the start date (or through the engagement's "
      "end, when the request says so); scores the share of the points for the required and "
      "security certifications it could hold";
  return info;
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
  const sdk::Requirement& req = ctx.requirement();
  const std::vector<Symbol> required = DistinctRequired(req);
  const Window window = WindowOf(req);
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::FilterResult result;
    for (Symbol code : required) {
      const Holding holding = Hold(*batch[i].provider, code, window);
      if (holding == Holding::kValid) continue;
      result = sdk::FilterResult::Fail(ReasonOf(holding), code);
      break;
    }
    out[i] = result;
  }
  return absl::OkStatus();
}

absl::Status CertificationsPlugin::Score(const sdk::MatchContext& ctx,
                                         std::span<const sdk::Candidate> batch,
                                         std::span<sdk::ScoreResult> out) const {
  const Scoring scoring = ScoringOf(ctx);
  const DayNumber day = ctx.requirement().start_day;
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Provider& provider = *batch[i].provider;
    size_t security_valid = 0;
    for (const Scoring::Security& security : scoring.security) {
      if (ValidOnStart(provider, security.code, day)) ++security_valid;
    }
    const double points =
        kRequiredPoints * static_cast<double>(RequiredValid(scoring, provider, day)) +
        scoring.security_points * static_cast<double>(security_valid);
    out[i].raw = scoring.max_points > 0 ? 100 * points / scoring.max_points : 0;
  }
  return absl::OkStatus();
}

absl::Status CertificationsPlugin::Normalize(const sdk::MatchContext& ctx,
                                             std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string CertificationsPlugin::Explain(const sdk::MatchContext& ctx,
                                          const sdk::Candidate& candidate, double raw) const {
  (void)raw;  // recomputed with the codes the words name
  const Scoring scoring = ScoringOf(ctx);
  const sdk::Requirement& req = ctx.requirement();
  const DayNumber day = req.start_day;
  const sdk::Provider& provider = *candidate.provider;
  std::vector<std::string> parts;
  std::vector<absl::string_view> expiring;  // valid on the start day, expiring inside the window
  auto expires_inside = [&](Symbol code) {
    if (req.end_day == kNoDay || !ValidOnStart(provider, code, day)) return false;
    const DayNumber expiry = sdk::LatestExpiryFrom(provider.certifications(), code, day);
    return expiry != kNoDay && expiry <= req.end_day;
  };
  if (!scoring.required.empty()) {
    parts.push_back(absl::StrCat(RequiredValid(scoring, provider, day), " of ",
                                 scoring.required.size(), " required certifications valid on ",
                                 sdk::DateText(day)));
    for (Symbol code : scoring.required) {
      if (expires_inside(code)) expiring.push_back(ctx.Name(code));
    }
  }
  std::vector<absl::string_view> security;
  for (const Scoring::Security& s : scoring.security) {
    if (!ValidOnStart(provider, s.code, day)) continue;
    security.push_back(s.name);
    if (expires_inside(s.code)) expiring.push_back(s.name);
  }
  if (!expiring.empty()) {
    parts.push_back(absl::StrCat(absl::StrJoin(expiring, ", "),
                                 expiring.size() == 1 ? " expires" : " expire",
                                 " inside the engagement"));
  }
  if (!security.empty()) {
    parts.push_back(
        absl::StrCat("security: ", absl::StrJoin(security, ", "),
                     scoring.sensitive ? " (weighted up for highly sensitive data)" : ""));
  }
  if (parts.empty()) return "no required or security certification";
  return absl::StrJoin(parts, "; ");
}

absl::Status CertificationsPlugin::Verdicts(const sdk::MatchContext& ctx,
                                            const sdk::Candidate& candidate,
                                            std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  const Window window = WindowOf(req);
  for (Symbol code : DistinctRequired(req)) {
    const Holding holding = Hold(*candidate.provider, code, window);
    if (holding == Holding::kValid) continue;
    out.push_back({ReasonOf(holding), code,
                   FailureSentence(ctx, *candidate.provider, code, holding, window)});
  }
  return absl::OkStatus();
}

void CertificationsPlugin::Warnings(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                    std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.end_day == kNoDay) return;
  const Scoring scoring = ScoringOf(ctx);
  std::vector<Symbol> codes = scoring.required;
  for (const Scoring::Security& s : scoring.security) {
    if (s.code != kNoSymbol) codes.push_back(s.code);
  }
  const DayNumber start = req.start_day;
  for (Symbol code : codes) {
    if (!ValidOnStart(*candidate.provider, code, start)) continue;
    const DayNumber expiry =
        sdk::LatestExpiryFrom(candidate.provider->certifications(), code, start);
    if (expiry == kNoDay || expiry > req.end_day) continue;
    out.push_back({"certification_expires_in_window", code,
                   absl::StrCat(ctx.Name(code), " expires ", sdk::DateText(expiry), ", ",
                                sdk::DaysText(expiry - start), " into the engagement (",
                                sdk::DateText(start), " to ", sdk::DateText(req.end_day), ")")});
  }
}

void CertificationsPlugin::Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                 std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  const Window window = WindowOf(req);
  std::vector<Symbol> failing;
  bool only_window = true;
  for (Symbol code : DistinctRequired(req)) {
    const Holding holding = Hold(*candidate.provider, code, window);
    if (holding == Holding::kValid) continue;
    failing.push_back(code);
    only_window = only_window && holding == Holding::kExpiresInWindow;
  }
  if (failing.empty()) return;
  if (only_window) {
    out.push_back(sdk::Change{sdk::ChangeKind::kCertificationsOnStartDay});
  } else {
    for (Symbol code : failing) {
      sdk::Change drop{sdk::ChangeKind::kDropCertification};
      drop.symbol = code;
      out.push_back(drop);
    }
  }
  for (Symbol code : failing) {
    sdk::Change hold{sdk::ChangeKind::kHoldCertification};
    hold.symbol = code;
    hold.day = window.Whole() ? window.end : window.start;
    out.push_back(hold);
  }
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::CertificationsPlugin, "certifications", "1.0.0")
