#include "service_model.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
using sdk::ServiceModel;

const char* Name(ServiceModel model) {
  switch (model) {
    case ServiceModel::kBpo:
      return "BPO";
    case ServiceModel::kKpo:
      return "KPO";
    case ServiceModel::kUnspecified:
      break;
  }
  return "unspecified";
}

// Filter's reason code for a candidate lacking `model`.
const char* MismatchReason(ServiceModel model) {
  switch (model) {
    case ServiceModel::kBpo:
      return "service_model_mismatch:BPO";
    case ServiceModel::kKpo:
      return "service_model_mismatch:KPO";
    case ServiceModel::kUnspecified:
      break;
  }
  return "service_model_mismatch:unspecified";
}

ServiceModel Other(ServiceModel model) {
  return model == ServiceModel::kBpo ? ServiceModel::kKpo : ServiceModel::kBpo;
}

}  // namespace

sdk::PluginInfo ServiceModelPlugin::Info() const {
  sdk::PluginInfo info;
  info.description = "Service model fit: offers the requested (or advised) BPO or KPO model";
  info.settings = {sdk::SettingSpec::Bool("filter_advised", false,
                                          "also remove providers without a model the advisor chose "
                                          "(not only one the client asked for)")};
  return info;
}

absl::Status ServiceModelPlugin::Configure(const sdk::Settings& settings) {
  filter_advised_ = settings.Bool("filter_advised");
  return absl::OkStatus();
}

bool ServiceModelPlugin::Filters(const sdk::Requirement& req) const {
  return req.service_model != ServiceModel::kUnspecified &&
         (!req.service_model_advised || filter_advised_);
}

absl::Status ServiceModelPlugin::Prefilter(const sdk::MatchContext& ctx,
                                           std::vector<sdk::IndexClause>& clauses) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Filters(req)) return absl::OkStatus();
  clauses.push_back({sdk::IndexField::kServiceModel,
                     {static_cast<sdk::Symbol>(req.service_model)},
                     MismatchReason(req.service_model)});
  return absl::OkStatus();
}

absl::Status ServiceModelPlugin::Filter(const sdk::MatchContext& ctx,
                                        std::span<const sdk::Candidate> batch,
                                        std::span<sdk::FilterResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Filters(req)) {
    for (sdk::FilterResult& result : out) result = sdk::FilterResult{};
    return absl::OkStatus();
  }
  const uint8_t wanted = Bit(req.service_model);
  const char* const reason = MismatchReason(req.service_model);
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i] = (batch[i].provider->service_models() & wanted) != 0 ? sdk::FilterResult{}
                                                                 : sdk::FilterResult::Fail(reason);
  }
  return absl::OkStatus();
}

absl::Status ServiceModelPlugin::Score(const sdk::MatchContext& ctx,
                                       std::span<const sdk::Candidate> batch,
                                       std::span<sdk::ScoreResult> out) const {
  const ServiceModel model = ctx.requirement().service_model;
  if (model == ServiceModel::kUnspecified) {
    for (sdk::ScoreResult& result : out) result.raw = kNoModelScore;
    return absl::OkStatus();
  }
  const uint8_t wanted = Bit(model), other = Bit(Other(model));
  for (size_t i = 0; i < batch.size(); ++i) {
    const uint8_t offered = batch[i].provider->service_models();
    out[i].raw = (offered & wanted) == 0  ? kMismatchScore
                 : (offered & other) != 0 ? kBothScore
                                          : kSpecialistScore;
  }
  return absl::OkStatus();
}

absl::Status ServiceModelPlugin::Normalize(const sdk::MatchContext& ctx,
                                           std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string ServiceModelPlugin::Explain(const sdk::MatchContext& ctx,
                                        const sdk::Candidate& candidate, double raw) const {
  (void)raw;
  const sdk::Requirement& req = ctx.requirement();
  const ServiceModel model = req.service_model;
  if (model == ServiceModel::kUnspecified) return "no service model requested";
  // " (KPO requested)" or " (KPO advised, 80% confidence)".
  const std::string source =
      req.service_model_advised
          ? absl::StrCat(" (", Name(model), " advised, ",
                         std::lround(std::clamp(req.advice_confidence, 0.0, 1.0) * 100),
                         "% confidence)")
          : absl::StrCat(" (", Name(model), " requested)");
  const uint8_t offered = candidate.provider->service_models();
  if ((offered & Bit(model)) == 0) return absl::StrCat("does not offer ", Name(model), source);
  if ((offered & Bit(Other(model))) != 0) return absl::StrCat("offers both BPO and KPO", source);
  return absl::StrCat(Name(model), " specialist", source);
}

absl::Status ServiceModelPlugin::Verdicts(const sdk::MatchContext& ctx,
                                          const sdk::Candidate& candidate,
                                          std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Filters(req) || (candidate.provider->service_models() & Bit(req.service_model)) != 0) {
    return absl::OkStatus();
  }
  out.push_back(
      {MismatchReason(req.service_model), sdk::kNoSymbol,
       absl::StrCat("does not offer ", Name(req.service_model), " work (", Name(req.service_model),
                    req.service_model_advised ? " advised)" : " requested)")});
  return absl::OkStatus();
}

void ServiceModelPlugin::Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                               std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Filters(req) || (candidate.provider->service_models() & Bit(req.service_model)) != 0) {
    return;
  }
  out.push_back(sdk::Change{sdk::ChangeKind::kAcceptAnyServiceModel});
  sdk::Change offer{sdk::ChangeKind::kOfferServiceModel};
  offer.service_model = req.service_model;
  out.push_back(offer);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::ServiceModelPlugin, "service_model", "1.0.0")
