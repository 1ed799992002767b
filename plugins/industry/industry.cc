#include "industry.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Candidate;

bool Served(const sdk::Provider& provider, const std::string& industry) {
  return std::any_of(
      provider.industries.begin(), provider.industries.end(), [&](const std::string& served) {
        return absl::EqualsIgnoreCase(absl::string_view(served), absl::string_view(industry));
      });
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("industry: batch has ", batch, " candidates but ", out, " results"));
}

}  // namespace

sdk::PluginInfo IndustryPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Experience in the client's industry: scores 100 served, 0 not (50 for all when no "
      "industry is asked); with `required`, removes providers that have not served it.";
  info.filter = true;
  info.score = true;
  info.normalize = true;
  info.default_settings = {{"required", "false"}};
  return info;
}

absl::Status IndustryPlugin::Configure(const sdk::Settings& settings) {
  absl::StatusOr<bool> required = settings.Bool("required", false);
  if (!required.ok()) return required.status();
  required_ = *required;
  return absl::OkStatus();
}

absl::Status IndustryPlugin::Filter(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                    std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const std::string& industry = ctx.requirement().industry;
  const bool constrains = required_ && !industry.empty();
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i] = sdk::FilterResult{};
    if (constrains && !Served(*batch[i].provider, industry)) {
      out[i] = {false, "no_industry_experience"};
    }
  }
  return absl::OkStatus();
}

absl::Status IndustryPlugin::Score(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                   std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const std::string& industry = ctx.requirement().industry;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (industry.empty()) {
      out[i].raw = 50;
      out[i].reason = "no industry requested";
    } else if (Served(*batch[i].provider, industry)) {
      out[i].raw = 100;
      out[i].reason = absl::StrCat("served ", industry);
    } else {
      out[i].raw = 0;
      out[i].reason = absl::StrCat("no ", industry, " experience listed");
    }
  }
  return absl::OkStatus();
}

absl::Status IndustryPlugin::Normalize(const sdk::MatchContext& ctx,
                                       std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string IndustryPlugin::Relax(const sdk::MatchContext& ctx,
                                  std::span<const Candidate> removed) const {
  if (!required_ || removed.empty() || ctx.requirement().industry.empty()) return "";
  return "drop the industry requirement";
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::IndustryPlugin, "industry", "1.0.0")
