#include "industry.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Candidate;

constexpr const char* kNoExperience = "no_industry_experience";

bool Served(const sdk::Provider& provider, sdk::Symbol industry) {
  for (sdk::Symbol served : provider.industries()) {
    if (served == industry) return true;
  }
  return false;
}

}  // namespace

sdk::PluginInfo IndustryPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Experience in the client's industry: scores 100 served, 0 not (50 for all when no "
      "industry is asked); with `required`, removes providers that have not served it.";
  info.settings = {sdk::SettingSpec::Bool(
      "required", false, "remove providers that have not served the requested industry")};
  return info;
}

absl::Status IndustryPlugin::Configure(const sdk::Settings& settings) {
  required_ = settings.Bool("required");
  return absl::OkStatus();
}

absl::Status IndustryPlugin::Prefilter(const sdk::MatchContext& ctx,
                                       std::vector<sdk::IndexClause>& clauses) const {
  const sdk::Symbol industry = ctx.requirement().industry;
  if (!required_ || industry == sdk::kNoSymbol) return absl::OkStatus();
  clauses.push_back({sdk::IndexField::kIndustry, {industry}, kNoExperience});
  return absl::OkStatus();
}

absl::Status IndustryPlugin::Filter(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                    std::span<sdk::FilterResult> out) const {
  const sdk::Symbol industry = ctx.requirement().industry;
  if (!required_ || industry == sdk::kNoSymbol) {
    for (sdk::FilterResult& result : out) result = sdk::FilterResult{};
    return absl::OkStatus();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i] = Served(*batch[i].provider, industry) ? sdk::FilterResult{}
                                                  : sdk::FilterResult::Fail(kNoExperience);
  }
  return absl::OkStatus();
}

absl::Status IndustryPlugin::Score(const sdk::MatchContext& ctx, std::span<const Candidate> batch,
                                   std::span<sdk::ScoreResult> out) const {
  const sdk::Symbol industry = ctx.requirement().industry;
  if (industry == sdk::kNoSymbol) {
    for (sdk::ScoreResult& result : out) result.raw = 50;
    return absl::OkStatus();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i].raw = Served(*batch[i].provider, industry) ? 100 : 0;
  }
  return absl::OkStatus();
}

absl::Status IndustryPlugin::Normalize(const sdk::MatchContext& ctx,
                                       std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string IndustryPlugin::Explain(const sdk::MatchContext& ctx, const Candidate& candidate,
                                    double raw) const {
  (void)raw;
  const sdk::Symbol industry = ctx.requirement().industry;
  if (industry == sdk::kNoSymbol) return "no industry requested";
  const absl::string_view name = ctx.Name(industry);
  if (Served(*candidate.provider, industry)) return absl::StrCat("served ", name);
  return absl::StrCat("no ", name, " experience listed");
}

absl::Status IndustryPlugin::Verdicts(const sdk::MatchContext& ctx, const Candidate& candidate,
                                      std::vector<sdk::Verdict>& out) const {
  const sdk::Symbol industry = ctx.requirement().industry;
  if (!required_ || industry == sdk::kNoSymbol || Served(*candidate.provider, industry)) {
    return absl::OkStatus();
  }
  out.push_back(
      {kNoExperience, sdk::kNoSymbol, absl::StrCat("has not served ", ctx.Name(industry))});
  return absl::OkStatus();
}

void IndustryPlugin::Fixes(const sdk::MatchContext& ctx, const Candidate& candidate,
                           std::vector<sdk::Change>& out) const {
  const sdk::Symbol industry = ctx.requirement().industry;
  if (!required_ || industry == sdk::kNoSymbol || Served(*candidate.provider, industry)) return;
  out.push_back(sdk::Change{sdk::ChangeKind::kDropIndustry});
  sdk::Change serve{sdk::ChangeKind::kServeIndustry};
  serve.symbol = industry;
  out.push_back(serve);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::IndustryPlugin, "industry", "1.0.0")
