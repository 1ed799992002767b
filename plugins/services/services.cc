#include "services.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace vendormatch::plugins {
namespace {

constexpr const char* kNotOffered = "service_not_offered";

}  // namespace

sdk::PluginInfo ServicesPlugin::Info() const {
  sdk::PluginInfo info;
  info.description = "Service capability: offers every requested service (or any one of them)";
  return info;
}

size_t ServicesPlugin::CountOffered(const sdk::Provider& provider,
                                    std::span<const sdk::Symbol> requested) {
  size_t offered = 0;
  for (sdk::Symbol service : requested) {
    if (provider.Offers(service)) ++offered;
  }
  return offered;
}

absl::Status ServicesPlugin::Prefilter(const sdk::MatchContext& ctx,
                                       std::vector<sdk::IndexClause>& clauses) const {
  const sdk::Requirement& req = ctx.requirement();
  if (req.services.empty()) return absl::OkStatus();
  // The distinct requested services, in request order.
  std::vector<sdk::Symbol> distinct;
  for (sdk::Symbol service : req.services) {
    if (std::find(distinct.begin(), distinct.end(), service) == distinct.end()) {
      distinct.push_back(service);
    }
  }
  if (req.any_service) {
    clauses.push_back({sdk::IndexField::kService, std::move(distinct), kNotOffered});
  } else {
    for (sdk::Symbol service : distinct) {
      clauses.push_back({sdk::IndexField::kService, {service}, kNotOffered});
    }
  }
  return absl::OkStatus();
}

absl::Status ServicesPlugin::Filter(const sdk::MatchContext& ctx,
                                    std::span<const sdk::Candidate> batch,
                                    std::span<sdk::FilterResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  const std::span<const sdk::Symbol> requested = req.services;
  const bool any = req.any_service;
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Provider& provider = *batch[i].provider;
    const auto offers = [&](sdk::Symbol service) { return provider.Offers(service); };
    // Nothing requested passes everyone (any_of of nothing would not).
    const bool pass =
        requested.empty() || (any ? std::any_of(requested.begin(), requested.end(), offers)
                                  : std::all_of(requested.begin(), requested.end(), offers));
    out[i] = pass ? sdk::FilterResult{} : sdk::FilterResult::Fail(kNotOffered);
  }
  return absl::OkStatus();
}

absl::Status ServicesPlugin::Score(const sdk::MatchContext& ctx,
                                   std::span<const sdk::Candidate> batch,
                                   std::span<sdk::ScoreResult> out) const {
  const std::span<const sdk::Symbol> requested = ctx.requirement().services;
  if (requested.empty()) {
    for (sdk::ScoreResult& result : out) result.raw = 100;
    return absl::OkStatus();
  }
  const double n = static_cast<double>(requested.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i].raw = 100.0 * static_cast<double>(CountOffered(*batch[i].provider, requested)) / n;
  }
  return absl::OkStatus();
}

absl::Status ServicesPlugin::Normalize(const sdk::MatchContext& ctx,
                                       std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string ServicesPlugin::Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                    double raw) const {
  (void)raw;
  const std::vector<sdk::Symbol>& requested = ctx.requirement().services;
  if (requested.empty()) return "no services requested";
  return absl::StrCat("offers ", CountOffered(*candidate.provider, requested), " of ",
                      requested.size(), " requested ",
                      requested.size() == 1 ? "service" : "services");
}

namespace {

// The distinct requested services `provider` lacks, in request order.
std::vector<sdk::Symbol> Missing(const sdk::Requirement& req, const sdk::Provider& provider) {
  std::vector<sdk::Symbol> missing;
  for (sdk::Symbol service : req.services) {
    if (provider.Offers(service) ||
        std::find(missing.begin(), missing.end(), service) != missing.end()) {
      continue;
    }
    missing.push_back(service);
  }
  return missing;
}

// Whether Filter fails `provider`.
bool Fails(const sdk::Requirement& req, const sdk::Provider& provider) {
  if (req.services.empty()) return false;
  const size_t offered = ServicesPlugin::CountOffered(provider, req.services);
  return req.any_service ? offered == 0 : offered < req.services.size();
}

}  // namespace

absl::Status ServicesPlugin::Verdicts(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                      std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Fails(req, *candidate.provider)) return absl::OkStatus();
  const std::vector<sdk::Symbol> missing = Missing(req, *candidate.provider);
  if (req.any_service) {
    std::vector<absl::string_view> names;
    for (sdk::Symbol service : missing) names.push_back(ctx.Name(service));
    out.push_back(
        {kNotOffered, sdk::kNoSymbol, absl::StrCat("offers none of ", absl::StrJoin(names, ", "))});
    return absl::OkStatus();
  }
  for (sdk::Symbol service : missing) {
    out.push_back({kNotOffered, service, absl::StrCat("does not offer ", ctx.Name(service))});
  }
  return absl::OkStatus();
}

void ServicesPlugin::Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                           std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Fails(req, *candidate.provider)) return;
  const std::vector<sdk::Symbol> missing = Missing(req, *candidate.provider);
  if (!req.any_service && CountOffered(*candidate.provider, req.services) > 0) {
    out.push_back(sdk::Change{sdk::ChangeKind::kAcceptAnyService});
  }
  for (sdk::Symbol service : missing) {
    sdk::Change offer{sdk::ChangeKind::kOfferService};
    offer.symbol = service;
    out.push_back(offer);
    if (req.any_service) break;  // one is enough
  }
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::ServicesPlugin, "services", "1.0.0")
