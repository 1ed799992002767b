#include "delivery_model.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::DeliveryModel;

const char* ModelName(DeliveryModel model) {
  switch (model) {
    case DeliveryModel::kOnshore:
      return "onshore";
    case DeliveryModel::kNearshore:
      return "nearshore";
    case DeliveryModel::kOffshore:
      return "offshore";
    case DeliveryModel::kUnspecified:
      break;
  }
  return "unspecified";
}

bool Accepted(uint8_t mask, DeliveryModel model) {
  return model != DeliveryModel::kUnspecified && (mask & sdk::Bit(model)) != 0;
}

// The deciding centre's index, or -1 when there is none.
int DecidingCentre(const sdk::Candidate& c) {
  const int d = c.deciding_centre;
  return d >= 0 && static_cast<size_t>(d) < c.centres.size() &&
                 static_cast<size_t>(d) < c.provider->centres().size()
             ? d
             : -1;
}

// The deciding centre's model; without one, the closest derived model.
DeliveryModel ModelOf(const sdk::Candidate& c) {
  if (const int d = DecidingCentre(c); d >= 0) {
    return c.delivery_model != DeliveryModel::kUnspecified ? c.delivery_model
                                                           : c.centres[d].delivery_model;
  }
  DeliveryModel closest = DeliveryModel::kUnspecified;
  for (const sdk::CentreFacts& facts : c.centres) {
    if (facts.delivery_model == DeliveryModel::kUnspecified) continue;
    if (closest == DeliveryModel::kUnspecified || facts.delivery_model < closest) {
      closest = facts.delivery_model;
    }
  }
  return closest;
}

// "centre in the client's country (New York)" and the like.
std::string DescribeCentre(const sdk::MatchContext& ctx, const sdk::Centre& centre,
                           const sdk::CentreFacts& facts) {
  const absl::string_view rule = facts.rule == nullptr ? "" : facts.rule;
  const absl::string_view city = ctx.Name(centre.city);
  const absl::string_view country = ctx.Name(centre.country);
  std::string place(city.empty() ? country : city);
  if (rule == "same_country") return absl::StrCat("centre in the client's country (", place, ")");
  if (!city.empty() && !country.empty()) absl::StrAppend(&place, ", ", country);
  if (rule == "shared_border") {
    return absl::StrCat("centre in a country bordering the client's (", place, ")");
  }
  if (rule == "same_subregion") return absl::StrCat("centre in the client's region (", place, ")");
  if (rule == "time_zone_distance" || rule == "farther") {
    return absl::StrCat("centre ", facts.hours_apart, " h from the client's time zone (", place,
                        ")");
  }
  return absl::StrCat("centre in ", place);
}

}  // namespace

sdk::PluginInfo DeliveryModelPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Delivery model relative to the client: onshore, nearshore or offshore, as accepted";
  info.settings = {
      sdk::SettingSpec::Number("onshore", 100, 0, 100, "score of an onshore deciding centre"),
      sdk::SettingSpec::Number("nearshore", 75, 0, 100, "score of a nearshore deciding centre"),
      sdk::SettingSpec::Number("offshore", 50, 0, 100, "score of an offshore deciding centre")};
  return info;
}

absl::Status DeliveryModelPlugin::Configure(const sdk::Settings& settings) {
  onshore_ = settings.Number("onshore");
  nearshore_ = settings.Number("nearshore");
  offshore_ = settings.Number("offshore");
  return absl::OkStatus();
}

double DeliveryModelPlugin::ScoreOf(DeliveryModel model) const {
  switch (model) {
    case DeliveryModel::kOnshore:
      return onshore_;
    case DeliveryModel::kNearshore:
      return nearshore_;
    case DeliveryModel::kOffshore:
      return offshore_;
    case DeliveryModel::kUnspecified:
      break;
  }
  return 0;
}

absl::Status DeliveryModelPlugin::Filter(const sdk::MatchContext& ctx,
                                         std::span<const sdk::Candidate> batch,
                                         std::span<sdk::FilterResult> out) const {
  const uint8_t mask = ctx.requirement().delivery_models;
  for (size_t i = 0; i < batch.size(); ++i) {
    const std::span<const sdk::CentreFacts> centres = batch[i].centres;
    const bool pass =
        mask == 0 || std::any_of(centres.begin(), centres.end(), [mask](const sdk::CentreFacts& f) {
          return Accepted(mask, f.delivery_model);
        });
    out[i] = pass ? sdk::FilterResult{} : sdk::FilterResult::Fail("delivery_model_not_accepted");
  }
  return absl::OkStatus();
}

absl::Status DeliveryModelPlugin::Score(const sdk::MatchContext& ctx,
                                        std::span<const sdk::Candidate> batch,
                                        std::span<sdk::ScoreResult> out) const {
  (void)ctx;
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Candidate& candidate = batch[i];
    const DeliveryModel model =
        DecidingCentre(candidate) < 0 ? DeliveryModel::kUnspecified : ModelOf(candidate);
    out[i].raw = ScoreOf(model);  // 0 for kUnspecified
  }
  return absl::OkStatus();
}

std::string DeliveryModelPlugin::Explain(const sdk::MatchContext& ctx,
                                         const sdk::Candidate& candidate, double raw) const {
  (void)raw;
  const int d = DecidingCentre(candidate);
  const DeliveryModel model = d < 0 ? DeliveryModel::kUnspecified : ModelOf(candidate);
  if (model == DeliveryModel::kUnspecified) {
    return "no delivery centre in an accepted delivery model";
  }
  return absl::StrCat(ModelName(model), ": ",
                      DescribeCentre(ctx, candidate.provider->centres()[d], candidate.centres[d]));
}

absl::Status DeliveryModelPlugin::Normalize(const sdk::MatchContext& ctx,
                                            std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

namespace {

// The index of the centre closest to the client (closest derived model,
// then fewest hours apart), or -1 when no centre has a derived model.
int ClosestCentre(const sdk::Candidate& c) {
  const size_t n = std::min(c.centres.size(), c.provider->centres().size());
  int best = -1;
  for (size_t i = 0; i < n; ++i) {
    const sdk::CentreFacts& f = c.centres[i];
    if (f.delivery_model == DeliveryModel::kUnspecified) continue;
    if (best < 0 || f.delivery_model < c.centres[best].delivery_model ||
        (f.delivery_model == c.centres[best].delivery_model &&
         f.hours_apart < c.centres[best].hours_apart)) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

// "onshore or nearshore" for the models in `mask`.
std::string AcceptedModels(uint8_t mask) {
  std::string out;
  for (DeliveryModel model :
       {DeliveryModel::kOnshore, DeliveryModel::kNearshore, DeliveryModel::kOffshore}) {
    if (!Accepted(mask, model)) continue;
    absl::StrAppend(&out, out.empty() ? "" : " or ", ModelName(model));
  }
  return out;
}

bool Fails(uint8_t mask, const sdk::Candidate& c) {
  return mask != 0 &&
         std::none_of(c.centres.begin(), c.centres.end(), [mask](const sdk::CentreFacts& f) {
           return Accepted(mask, f.delivery_model);
         });
}

}  // namespace

absl::Status DeliveryModelPlugin::Verdicts(const sdk::MatchContext& ctx,
                                           const sdk::Candidate& candidate,
                                           std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Fails(req.delivery_models, candidate)) return absl::OkStatus();
  const absl::string_view country = ctx.Name(req.client_country);
  const std::string client =
      country.empty() ? std::string("the client") : absl::StrCat("a ", country, " client");
  const int closest = ClosestCentre(candidate);
  if (closest < 0) {
    out.push_back({"delivery_model_not_accepted", sdk::kNoSymbol,
                   absl::StrCat("has no delivery centre ", AcceptedModels(req.delivery_models),
                                " for ", client)});
    return absl::OkStatus();
  }
  const sdk::Centre& centre = candidate.provider->centres()[closest];
  const absl::string_view city = ctx.Name(centre.city);
  const absl::string_view place = city.empty() ? ctx.Name(centre.country) : city;
  out.push_back(
      {"delivery_model_not_accepted", sdk::kNoSymbol,
       absl::StrCat("no delivery centre is ", AcceptedModels(req.delivery_models), " for ", client,
                    " (closest: ", ModelName(candidate.centres[closest].delivery_model),
                    place.empty() ? "" : ", ", place, ")")});
  return absl::OkStatus();
}

void DeliveryModelPlugin::Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!Fails(req.delivery_models, candidate)) return;
  const int closest = ClosestCentre(candidate);
  if (closest < 0) return;
  sdk::Change accept{sdk::ChangeKind::kAcceptDeliveryModel};
  accept.delivery_model = candidate.centres[closest].delivery_model;
  out.push_back(accept);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::DeliveryModelPlugin, "delivery_model", "1.0.0")
