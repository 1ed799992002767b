#include "services.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("services: ", out, " results for a batch of ", batch, " candidates"));
}

}  // namespace

sdk::PluginInfo ServicesPlugin::Info() const {
  sdk::PluginInfo info;
  info.description = "Service capability: offers every requested service (or any one of them)";
  info.filter = true;
  info.score = true;
  info.normalize = true;
  return info;
}

absl::Status ServicesPlugin::Configure(const sdk::Settings& settings) {
  if (!settings.values().empty()) {
    return absl::InvalidArgumentError(absl::StrCat("setting ", settings.values().begin()->first,
                                                   ": unknown (services takes no settings)"));
  }
  return absl::OkStatus();
}

size_t ServicesPlugin::CountOffered(const sdk::Provider& provider,
                                    const std::vector<std::string>& requested) {
  size_t offered = 0;
  for (const std::string& service : requested) {
    if (std::find(provider.services.begin(), provider.services.end(), service) !=
        provider.services.end()) {
      ++offered;
    }
  }
  return offered;
}

absl::Status ServicesPlugin::Filter(const sdk::MatchContext& ctx,
                                    std::span<const sdk::Candidate> batch,
                                    std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  const size_t needed = req.services.empty() ? 0 : req.any_service ? 1 : req.services.size();
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i].pass = CountOffered(*batch[i].provider, req.services) >= needed;
    if (out[i].pass) {
      out[i].reason.clear();
    } else {
      out[i].reason = "service_not_offered";
    }
  }
  return absl::OkStatus();
}

absl::Status ServicesPlugin::Score(const sdk::MatchContext& ctx,
                                   std::span<const sdk::Candidate> batch,
                                   std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const std::vector<std::string>& requested = ctx.requirement().services;
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::ScoreResult& result = out[i];
    result.reason.clear();
    if (requested.empty()) {
      result.raw = 100;
      result.reason = "no services requested";
      continue;
    }
    const size_t offered = CountOffered(*batch[i].provider, requested);
    result.raw = 100.0 * static_cast<double>(offered) / static_cast<double>(requested.size());
    absl::StrAppend(&result.reason, "offers ", offered, " of ", requested.size(), " requested ",
                    requested.size() == 1 ? "service" : "services");
  }
  return absl::OkStatus();
}

absl::Status ServicesPlugin::Normalize(const sdk::MatchContext& ctx,
                                       std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string ServicesPlugin::Relax(const sdk::MatchContext& ctx,
                                  std::span<const sdk::Candidate> removed) const {
  if (removed.empty()) return "";
  const sdk::Requirement& req = ctx.requirement();
  if (!req.any_service) {
    const bool any_helps = std::any_of(
        removed.begin(), removed.end(),
        [&](const sdk::Candidate& c) { return CountOffered(*c.provider, req.services) > 0; });
    if (any_helps) return "accept any of the services (service_match ANY)";
  }
  return "add more services";
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::ServicesPlugin, "services", "1.0.0")
