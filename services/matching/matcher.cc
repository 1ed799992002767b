#include "services/matching/matcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/field_mask_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/error_info.h"
#include "services/common/field_violations.h"
#include "services/common/message_diff.h"
#include "services/common/status_macros.h"
#include "services/domain/etag.h"
#include "services/domain/page_token.h"
#include "services/matching/advisor.h"
#include "services/matching/profiles.h"
#include "services/matching/relaxation.h"
#include "services/matching/requirement.h"

namespace vendormatch {
namespace {

constexpr char kDefaultProfile[] = "profiles/balanced";

absl::CivilDay Today() { return absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()); }

// Tells `observer` how a match went: the plugins skipped or failing it
// (RunPipeline's status carries the failing plugin as an ErrorInfo) and the
// counts.
void Observe(MatchObserver& observer, const absl::StatusOr<v1::MatchProvidersResponse>& result) {
  if (!result.ok()) {
    const auto info = ErrorInfoOf(result.status());
    if (info && info->reason() == kPluginFailed && info->metadata().contains("plugin")) {
      observer.PluginFailed(info->metadata().at("plugin"));
    }
    return;
  }
  for (const auto& skipped : result->skipped_plugins()) observer.PluginFailed(skipped.plugin());
  observer.MatchRan(result->candidates_considered(), result->eligible_count());
}

constexpr int kMaxExplained = 20;
constexpr int kMaxPerCountry = 100;

// The request's diversity and explain list, as far as they can be checked
// without the snapshot.
absl::Status CheckMatchOptions(const v1::MatchProvidersRequest& request) {
  FieldViolations v;
  if (request.explain_providers_size() > kMaxExplained) {
    v.Add("explain_providers", absl::StrCat("at most ", kMaxExplained, " providers, not ",
                                            request.explain_providers_size()));
  }
  if (!v1::HintPolicy_IsValid(request.hints())) v.Add("hints", "unknown hint policy");
  const v1::Diversity& d = request.diversity();
  if (!v1::DiversityScope_IsValid(d.scope())) {
    v.Add("diversity.scope", "unknown scope");
  } else if (d.scope() != v1::DIVERSITY_SCOPE_UNSPECIFIED &&
             (d.max_per_country() < 1 || d.max_per_country() > kMaxPerCountry)) {
    v.Add("diversity.max_per_country", absl::StrCat("must be within 1 and ", kMaxPerCountry));
  } else if (d.scope() == v1::DIVERSITY_SCOPE_UNSPECIFIED && d.max_per_country() != 0) {
    v.Add("diversity.scope",
          "set a scope (HEADQUARTERS_COUNTRY or DELIVERY_COUNTRY) for the limit");
  }
  return v.ToStatus("invalid match options");
}

// The ids of explain_providers ("providers/{id}" or the bare id), each
// known to `snapshot`, none twice.
absl::StatusOr<std::vector<std::string>> ExplainIds(const v1::MatchProvidersRequest& request,
                                                    const Snapshot& snapshot) {
  FieldViolations v;
  std::vector<std::string> ids;
  for (int i = 0; i < request.explain_providers_size(); ++i) {
    const std::string& name = request.explain_providers(i);
    const std::string field = absl::StrCat("explain_providers[", i, "]");
    const std::string id =
        absl::StartsWith(name, "providers/") ? name.substr(std::strlen("providers/")) : name;
    if (id.empty()) {
      v.Add(field, "expected \"providers/{provider}\"");
    } else if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
      v.Add(field, absl::StrCat("\"", name, "\" is named twice"));
    } else if (!snapshot.StatusOf(id)) {
      v.Add(field, absl::StrCat("no provider \"", name, "\" in the registry"));
    } else {
      ids.push_back(id);
    }
  }
  if (!v.empty()) return v.ToStatus("invalid explain_providers");
  return ids;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Matcher>> Matcher::Start(Storage& storage, MatcherOptions options) {
  std::unique_ptr<Matcher> m(new Matcher(std::move(options)));
  VM_ASSIGN_OR_RETURN(m->plugins_, LoadPluginDirectory(m->options_.plugin_dir));
  for (const auto& p : m->plugins_) {
    spdlog::info("plugin {} {} loaded from {}", p.name, p.version, p.file);
  }
  VM_RETURN_IF_ERROR(SeedProfiles(storage, DefaultProfiles()));
  m->profiles_ = std::make_unique<ProfileService>(storage, m->plugins_);
  m->snapshots_ =
      std::make_unique<SnapshotKeeper>(storage.feed(), m->options_.full_refresh_interval);
  // Subscribe first, then read: a change committed in between is then
  // either in the first snapshot or announced, never lost.
  m->subscription_ = storage.Subscribe(
      {Topic::kRegistry, Topic::kProfiles},
      {.on_change = [raw = m.get()](Topic topic) { return raw->OnChange(topic); },
       .every_round = [raw = m.get()] { raw->snapshots_->FullRefreshWhenDue(); }});
  VM_RETURN_IF_ERROR(m->Refresh());
  return m;
}

Matcher::~Matcher() { subscription_.reset(); }

absl::Status Matcher::Refresh() {
  VM_RETURN_IF_ERROR(profiles_->Reload());
  return snapshots_->Reload();
}

bool Matcher::OnChange(Topic topic) {
  // A reload that finds storage unavailable (e.g. pooled connections from
  // before a restart) is tried again on the next round.
  const bool profiles = topic == Topic::kProfiles;
  absl::Status s = profiles ? profiles_->Reload() : snapshots_->Update();
  if (!s.ok()) {
    spdlog::warn("{}: {}", profiles ? "profile reload" : "snapshot update", s.ToString());
  }
  return !absl::IsUnavailable(s);
}

absl::StatusOr<v1::MatchProvidersResponse> Matcher::Match(
    const v1::MatchProvidersRequest& request) const {
  const int top_k = request.top_k();
  if (top_k < 0 || top_k > options_.max_top_k) {
    return InvalidField("top_k", absl::StrCat("must be within 0 and ", options_.max_top_k));
  }
  VM_RETURN_IF_ERROR(CheckMatchOptions(request));
  v1::RecommendServiceModelResponse advice;
  VM_ASSIGN_OR_RETURN(ValidRequirement req,
                      ValidateRequirement(request.requirement(), Today(), &advice));
  const std::string name = request.profile().empty() ? kDefaultProfile : request.profile();
  VM_ASSIGN_OR_RETURN(std::shared_ptr<const CompiledProfile> profile, profiles_->Find(name));
  const std::shared_ptr<const Snapshot> snapshot = snapshots_->current();
  if (!snapshot) {
    return WithErrorInfo(absl::UnavailableError("the registry snapshot is not loaded yet"),
                         "SNAPSHOT_NOT_READY");
  }
  VM_ASSIGN_OR_RETURN(std::vector<std::string> explain, ExplainIds(request, *snapshot));
  MatchInput input;
  input.snapshot = snapshot.get();
  input.profile = profile.get();
  input.requirement = &req;
  input.exchange_rates = &options_.exchange_rates;
  input.weights = {request.weights().begin(), request.weights().end()};
  input.top_k = top_k == 0 ? options_.default_top_k : top_k;
  input.facts = options_.facts;
  input.explain = explain;
  input.diversity = request.diversity();
  absl::StatusOr<v1::MatchProvidersResponse> result = Answer(input, request, Today());
  if (options_.observer != nullptr) Observe(*options_.observer, result);
  VM_ASSIGN_OR_RETURN(auto response, std::move(result));
  if (options_.check_reference) VM_RETURN_IF_ERROR(CheckReference(input, response));
  if (req.req.service_model_advised) {
    *response.mutable_service_model_advice() = std::move(advice);
  }
  return response;
}

absl::Status Matcher::CheckReference(MatchInput input,
                                     const v1::MatchProvidersResponse& response) const {
  input.reference = true;
  VM_ASSIGN_OR_RETURN(auto reference, RunPipeline(input));
  // The reference path gives the match; hints and suggestions come after.
  v1::MatchProvidersResponse indexed = response;
  indexed.clear_relaxation_hints();
  indexed.clear_hint_report();
  for (auto& e : *indexed.mutable_explanations()) e.clear_suggestions();
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  if (!differencer.Compare(reference, indexed)) {
    return absl::InternalError(
        absl::StrCat("indexed and reference matching paths differ: ", difference));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::CompareProfilesResponse> Matcher::Compare(
    const v1::CompareProfilesRequest& request) const {
  v1::CompareProfilesResponse response;
  const std::string& b = request.profile_b().empty() ? request.profile_a() : request.profile_b();
  // A side's bad profile or weights are named for that side ("profile_b",
  // "weights_a[rate]"); requirement and top_k are shared.
  auto for_side = [](const char* side, absl::StatusOr<v1::MatchProvidersResponse> result)
      -> absl::StatusOr<v1::MatchProvidersResponse> {
    const std::vector<FieldViolation> violations =
        result.ok() ? std::vector<FieldViolation>() : ViolationsOf(result.status());
    if (violations.empty()) return result;
    FieldViolations renamed;
    for (const FieldViolation& v : violations) {
      std::string field = v.field;
      if (field == "profile") field = absl::StrCat("profile_", side);
      if (absl::StartsWith(field, "weights["))
        field = absl::StrCat("weights_", side, field.substr(7));
      renamed.Add(field, v.description);
    }
    return renamed.ToStatus();
  };
  auto side = [&](const std::string& profile, const auto& weights) {
    v1::MatchProvidersRequest one;
    *one.mutable_requirement() = request.requirement();
    one.set_profile(profile);
    one.mutable_weights()->insert(weights.begin(), weights.end());
    one.set_top_k(request.top_k());
    return one;
  };
  VM_ASSIGN_OR_RETURN(*response.mutable_result_a(),
                      for_side("a", Match(side(request.profile_a(), request.weights_a()))));
  VM_ASSIGN_OR_RETURN(*response.mutable_result_b(),
                      for_side("b", Match(side(b, request.weights_b()))));
  std::map<std::string, std::pair<int, int>> ranks;
  for (const auto& m : response.result_a().matches()) ranks[m.provider()].first = m.rank();
  for (const auto& m : response.result_b().matches()) ranks[m.provider()].second = m.rank();
  std::vector<v1::RankChange> changes;
  for (const auto& [provider, r] : ranks) {
    v1::RankChange c;
    c.set_provider(provider);
    c.set_rank_a(r.first);
    c.set_rank_b(r.second);
    c.set_change(r.first > 0 && r.second > 0 ? r.first - r.second : 0);
    changes.push_back(std::move(c));
  }
  // In B's order, then those only A ranked, in A's order.
  std::stable_sort(changes.begin(), changes.end(), [](const auto& x, const auto& y) {
    auto key = [](const v1::RankChange& c) {
      return c.rank_b() > 0 ? std::make_pair(0, c.rank_b()) : std::make_pair(1, c.rank_a());
    };
    return key(x) < key(y);
  });
  for (auto& c : changes) *response.add_rank_changes() = std::move(c);
  return response;
}

absl::StatusOr<v1::RecommendServiceModelResponse> Matcher::Recommend(
    const v1::RecommendServiceModelRequest& request) const {
  VM_RETURN_IF_ERROR(ValidateWork(request.work(), ""));
  return RecommendServiceModel(request.work());
}

v1::ListPluginsResponse Matcher::ListPlugins() const {
  v1::ListPluginsResponse response;
  for (const auto& p : plugins_) {
    auto* info = response.add_plugins();
    info->set_name(p.name);
    info->set_version(p.version);
    // The stages come from the class's overrides (the plugin's entry).
    if (p.Has(sdk::kStageFilter)) info->add_stages("filter");
    if (p.Has(sdk::kStageScore)) info->add_stages("score");
    if (p.Has(sdk::kStageNormalize)) info->add_stages("normalize");
    info->set_file(p.file);
    info->set_sdk_version(absl::StrCat(p.sdk_major, ".", p.sdk_minor));
    for (const sdk::SettingSpec& spec : p.info.settings) {
      (*info->mutable_default_settings())[spec.name] = spec.default_value;
      v1::SettingSpec& out = *info->add_settings();
      out.set_name(spec.name);
      // SettingType's values in order, after TYPE_UNSPECIFIED.
      static_assert(
          static_cast<int>(sdk::SettingType::kNumber) + 1 == v1::SettingSpec::TYPE_NUMBER &&
          static_cast<int>(sdk::SettingType::kChoice) + 1 == v1::SettingSpec::TYPE_CHOICE);
      out.set_type(static_cast<v1::SettingSpec::Type>(static_cast<int>(spec.type) + 1));
      out.set_min(spec.min);
      out.set_max(spec.max);
      out.set_max_exclusive(spec.max_exclusive);
      out.set_default_value(spec.default_value);
      out.set_description(spec.description);
      for (const std::string& choice : spec.choices) out.add_choices(choice);
    }
    info->set_description(p.info.description);
  }
  return response;
}

}  // namespace vendormatch
