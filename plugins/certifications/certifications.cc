#include "certifications.h"

#include <algorithm>
#include <array>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

constexpr std::array<absl::string_view, 6> kSecurityCodes = {"ISO27001", "SOC2",  "ISO27701",
                                                             "PCI_DSS",  "HIPAA", "GDPR"};

enum class Holding { kValid, kExpired, kMissing };

Holding Hold(const sdk::Provider& provider, absl::string_view code, absl::CivilDay day) {
  Holding holding = Holding::kMissing;
  for (const sdk::Certification& cert : provider.certifications) {
    if (!CertificationsPlugin::SameCode(cert.code, code)) continue;
    if (cert.ValidOn(day)) return Holding::kValid;
    if (cert.expires && *cert.expires < day) holding = Holding::kExpired;
  }
  return holding;
}

// Whether required[i] repeats an earlier required code.
bool Repeated(const std::vector<std::string>& required, size_t i) {
  for (size_t j = 0; j < i; ++j) {
    if (CertificationsPlugin::SameCode(required[j], required[i])) return true;
  }
  return false;
}

bool IsRequired(const std::vector<std::string>& required, absl::string_view code) {
  return std::any_of(required.begin(), required.end(), [code](const std::string& r) {
    return CertificationsPlugin::SameCode(r, code);
  });
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("certifications: ", out, " results for a batch of ", batch, " candidates"));
}

}  // namespace

bool CertificationsPlugin::SameCode(absl::string_view a, absl::string_view b) {
  auto separator = [](char c) { return c == ' ' || c == '-' || c == '_'; };
  size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && separator(a[i])) ++i;
    while (j < b.size() && separator(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (absl::ascii_tolower(static_cast<unsigned char>(a[i])) !=
        absl::ascii_tolower(static_cast<unsigned char>(b[j]))) {
      return false;
    }
    ++i;
    ++j;
  }
}

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

absl::Status CertificationsPlugin::Filter(const sdk::MatchContext& ctx,
                                          std::span<const sdk::Candidate> batch,
                                          std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::FilterResult& result = out[i];
    result.pass = true;
    result.reason.clear();
    for (const std::string& code : req.certifications) {
      const Holding holding = Hold(*batch[i].provider, code, req.start_date);
      if (holding == Holding::kValid) continue;
      result.pass = false;
      absl::StrAppend(
          &result.reason,
          holding == Holding::kExpired ? "expired_certification:" : "missing_certification:", code);
      break;
    }
  }
  return absl::OkStatus();
}

absl::Status CertificationsPlugin::Score(const sdk::MatchContext& ctx,
                                         std::span<const sdk::Candidate> batch,
                                         std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  const bool sensitive = req.data_sensitivity == sdk::Level::kHigh;
  const double security_points = sensitive ? kSensitiveSecurityPoints : kSecurityPoints;
  size_t required_count = 0;
  for (size_t r = 0; r < req.certifications.size(); ++r) {
    if (!Repeated(req.certifications, r)) ++required_count;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Provider& provider = *batch[i].provider;
    sdk::ScoreResult& result = out[i];
    result.reason.clear();
    size_t required_valid = 0;
    for (size_t r = 0; r < req.certifications.size(); ++r) {
      if (!Repeated(req.certifications, r) &&
          Hold(provider, req.certifications[r], req.start_date) == Holding::kValid) {
        ++required_valid;
      }
    }
    if (required_count > 0) {
      absl::StrAppend(&result.reason, required_valid, " of ", required_count,
                      " required certifications valid");
    }
    size_t security_valid = 0;
    for (absl::string_view code : kSecurityCodes) {
      if (IsRequired(req.certifications, code) ||
          Hold(provider, code, req.start_date) != Holding::kValid) {
        continue;
      }
      absl::StrAppend(&result.reason,
                      security_valid > 0      ? ", "
                      : result.reason.empty() ? "security: "
                                              : "; security: ",
                      code);
      ++security_valid;
    }
    if (security_valid > 0 && sensitive) {
      result.reason += " (weighted up for highly sensitive data)";
    }
    if (result.reason.empty()) result.reason = "no required or security certification";
    result.raw = kRequiredPoints * static_cast<double>(required_valid) +
                 security_points * static_cast<double>(security_valid);
  }
  return absl::OkStatus();
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
          Hold(*candidate.provider, req.certifications[r], req.start_date) == Holding::kValid) {
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
  return absl::StrCat("drop certification ", req.certifications[best]);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::CertificationsPlugin, "certifications", "1.0.0")
