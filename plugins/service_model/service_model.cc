#include "service_model.h"

#include <algorithm>
#include <cmath>

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

ServiceModel Other(ServiceModel model) {
  return model == ServiceModel::kBpo ? ServiceModel::kKpo : ServiceModel::kBpo;
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("service_model: ", out, " results for a batch of ", batch, " candidates"));
}

}  // namespace

sdk::PluginInfo ServiceModelPlugin::Info() const {
  sdk::PluginInfo info;
  info.description = "Service model fit: offers the requested (or advised) BPO or KPO model";
  info.filter = true;
  info.score = true;
  info.normalize = true;
  info.default_settings = {{"filter_advised", "false"}};
  return info;
}

absl::Status ServiceModelPlugin::Configure(const sdk::Settings& settings) {
  for (const auto& [key, value] : settings.values()) {
    if (key != "filter_advised") {
      return absl::InvalidArgumentError(
          absl::StrCat("setting ", key, ": unknown (service_model takes: filter_advised)"));
    }
  }
  absl::StatusOr<bool> filter_advised = settings.Bool("filter_advised", false);
  if (!filter_advised.ok()) return filter_advised.status();
  filter_advised_ = *filter_advised;
  return absl::OkStatus();
}

absl::Status ServiceModelPlugin::Filter(const sdk::MatchContext& ctx,
                                        std::span<const sdk::Candidate> batch,
                                        std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  const bool filters = req.service_model != ServiceModel::kUnspecified &&
                       (!req.service_model_advised || filter_advised_);
  const uint8_t wanted = Bit(req.service_model);
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::FilterResult& result = out[i];
    result.pass = !filters || (batch[i].provider->service_models & wanted) != 0;
    if (result.pass) {
      result.reason.clear();
    } else {
      result.reason = absl::StrCat("service_model_mismatch:", Name(req.service_model));
    }
  }
  return absl::OkStatus();
}

absl::Status ServiceModelPlugin::Score(const sdk::MatchContext& ctx,
                                       std::span<const sdk::Candidate> batch,
                                       std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  const ServiceModel model = req.service_model;
  if (model == ServiceModel::kUnspecified) {
    for (sdk::ScoreResult& result : out) {
      result.raw = kNoModelScore;
      result.reason = "no service model requested";
    }
    return absl::OkStatus();
  }
  // " (KPO requested)" or " (KPO advised, 80% confidence)".
  const std::string source =
      req.service_model_advised
          ? absl::StrCat(" (", Name(model), " advised, ",
                         std::lround(std::clamp(req.advice_confidence, 0.0, 1.0) * 100),
                         "% confidence)")
          : absl::StrCat(" (", Name(model), " requested)");
  const uint8_t wanted = Bit(model), other = Bit(Other(model));
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::ScoreResult& result = out[i];
    const uint8_t offered = batch[i].provider->service_models;
    result.reason.clear();
    if ((offered & wanted) == 0) {
      result.raw = kMismatchScore;
      absl::StrAppend(&result.reason, "does not offer ", Name(model), source);
    } else if ((offered & other) != 0) {
      result.raw = kBothScore;
      absl::StrAppend(&result.reason, "offers both BPO and KPO", source);
    } else {
      result.raw = kSpecialistScore;
      absl::StrAppend(&result.reason, Name(model), " specialist", source);
    }
  }
  return absl::OkStatus();
}

absl::Status ServiceModelPlugin::Normalize(const sdk::MatchContext& ctx,
                                           std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string ServiceModelPlugin::Relax(const sdk::MatchContext& ctx,
                                      std::span<const sdk::Candidate> removed) const {
  (void)ctx;
  return removed.empty() ? "" : "accept either service model";
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::ServiceModelPlugin, "service_model", "1.0.0")
