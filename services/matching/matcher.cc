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
#include "services/common/field_violations.h"
#include "services/common/message_diff.h"
#include "services/common/status_macros.h"
#include "services/matching/advisor.h"
#include "services/matching/profiles.h"
#include "services/matching/relaxation.h"
#include "services/matching/requirement.h"
#include "services/registry/etag.h"
#include "services/registry/page_token.h"

namespace vendormatch {
namespace {

constexpr char kDefaultProfile[] = "profiles/balanced";

absl::CivilDay Today() { return absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()); }

// Tells `observer` how a match went: the plugins skipped or failing it
// (RunPipeline's INTERNAL status names the plugin) and the counts.
void Observe(MatchObserver& observer, const CompiledProfile& profile,
             const absl::StatusOr<v1::MatchProvidersResponse>& result) {
  if (!result.ok()) {
    for (const auto& p : profile.plugins) {
      if (absl::StartsWith(result.status().message(), absl::StrCat("plugin ", p.name, " failed"))) {
        observer.PluginFailed(p.name);
      }
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

absl::StatusOr<std::unique_ptr<Matcher>> Matcher::Start(Database& db, MatcherOptions options) {
  std::unique_ptr<Matcher> m(new Matcher(db, std::move(options)));
  VM_ASSIGN_OR_RETURN(m->plugins_, LoadPluginDirectory(m->options_.plugin_dir));
  for (const auto& p : m->plugins_) {
    spdlog::info("plugin {} {} loaded from {}", p.name, p.version, p.file);
  }
  VM_RETURN_IF_ERROR(db.InTransaction([](pqxx::work& txn) {
    SeedProfiles(txn, DefaultProfiles());
    return absl::OkStatus();
  }));
  // Listen first, then read: a change committed in between is then either
  // in the first snapshot or announced to the listener, never lost.
  m->next_full_refresh_ = absl::Now() + m->options_.full_refresh_interval;
  m->listener_ = std::make_unique<ChangeListener>(
      db.options().url, std::vector<std::string>{"vendormatch_registry", "vendormatch_profiles"},
      [raw = m.get()](const std::string& channel) { return raw->OnChange(channel); },
      [raw = m.get()] { raw->FullRefreshWhenDue(); });
  VM_RETURN_IF_ERROR(m->Refresh());
  return m;
}

Matcher::~Matcher() { listener_.reset(); }

absl::Status Matcher::Refresh() {
  VM_RETURN_IF_ERROR(ReloadProfiles());
  return ReloadSnapshot();
}

absl::Status Matcher::ReloadSnapshot() {
  std::lock_guard reload(reload_mu_);
  return ReloadSnapshotLocked();
}

absl::Status Matcher::ReloadSnapshotLocked() {
  const absl::Time started = absl::Now();
  VM_ASSIGN_OR_RETURN(auto snapshot, LoadSnapshot(db_, dictionary_));
  spdlog::info("snapshot r{}: {} active providers loaded in {}", snapshot->revision,
               snapshot->size(), absl::FormatDuration(absl::Now() - started));
  std::lock_guard lock(mu_);
  snapshot_ = std::move(snapshot);
  snapshot_time_ = absl::Now();
  return absl::OkStatus();
}

absl::Status Matcher::UpdateSnapshot() {
  std::lock_guard reload(reload_mu_);
  std::shared_ptr<const Snapshot> base;
  {
    std::lock_guard lock(mu_);
    base = snapshot_;
  }
  if (!base) return ReloadSnapshotLocked();
  const absl::Time started = absl::Now();
  VM_ASSIGN_OR_RETURN(auto next, RefreshSnapshot(db_, base));
  if (next == base) return absl::OkStatus();
  spdlog::info("snapshot r{} -> r{}: {} active providers in {} segments, updated in {}",
               base->revision, next->revision, next->size(), next->segments.size(),
               absl::FormatDuration(absl::Now() - started));
  std::lock_guard lock(mu_);
  snapshot_ = std::move(next);
  snapshot_time_ = absl::Now();
  return absl::OkStatus();
}

absl::Status Matcher::ReloadProfiles() {
  std::lock_guard reload(reload_mu_);
  std::vector<v1::Profile> stored;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) {
    stored = LoadProfiles(txn);
    return absl::OkStatus();
  }));
  std::map<std::string, std::shared_ptr<const CompiledProfile>> compiled;
  std::map<std::string, std::string> errors;
  for (const auto& p : stored) {
    auto c = CompileProfile(p, plugins_);
    if (c.ok()) {
      compiled[p.name()] = *std::move(c);
    } else {
      // A stored profile may name a plugin this server has not loaded.
      errors[p.name()] = std::string(c.status().message());
      spdlog::warn("profile {} is unusable on this server: {}", p.name(),
                   std::string(c.status().message()));
    }
  }
  std::lock_guard lock(mu_);
  profiles_ = std::move(compiled);
  profile_errors_ = std::move(errors);
  return absl::OkStatus();
}

int64_t Matcher::snapshot_revision() const {
  std::lock_guard lock(mu_);
  return snapshot_ ? snapshot_->revision : 0;
}

absl::Time Matcher::snapshot_time() const {
  std::lock_guard lock(mu_);
  return snapshot_time_;
}

bool Matcher::OnChange(const std::string& channel) {
  // A reload that finds PostgreSQL unavailable (e.g. pooled connections
  // from before a restart) is tried again on the next round.
  const bool profiles = channel == "vendormatch_profiles";
  absl::Status s = profiles ? ReloadProfiles() : UpdateSnapshot();
  if (!s.ok())
    spdlog::warn("{}: {}", profiles ? "profile reload" : "snapshot update", s.ToString());
  return !absl::IsUnavailable(s);
}

void Matcher::FullRefreshWhenDue() {
  if (absl::Now() < next_full_refresh_) return;
  // A full rebuild now and then, in the background like every refresh:
  // matches keep reading the current snapshot meanwhile.
  absl::Status s = ReloadSnapshot();
  if (!s.ok()) spdlog::warn("snapshot reload: {}", s.ToString());
  if (!absl::IsUnavailable(s)) next_full_refresh_ = absl::Now() + options_.full_refresh_interval;
}

absl::StatusOr<v1::MatchProvidersResponse> Matcher::MatchWith(
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
  std::shared_ptr<const Snapshot> snapshot;
  std::shared_ptr<const CompiledProfile> profile;
  {
    std::lock_guard lock(mu_);
    snapshot = snapshot_;
    if (auto it = profiles_.find(name); it != profiles_.end()) profile = it->second;
    if (!profile) {
      if (auto it = profile_errors_.find(name); it != profile_errors_.end()) {
        return absl::FailedPreconditionError(
            absl::StrCat("profile ", name, " cannot run on this server: ", it->second));
      }
    }
  }
  if (!profile) return InvalidField("profile", absl::StrCat("unknown profile \"", name, "\""));
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
  if (options_.observer != nullptr) Observe(*options_.observer, *profile, result);
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

absl::StatusOr<v1::MatchProvidersResponse> Matcher::Match(
    const v1::MatchProvidersRequest& request) const {
  return MatchWith(request);
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
                      for_side("a", MatchWith(side(request.profile_a(), request.weights_a()))));
  VM_ASSIGN_OR_RETURN(*response.mutable_result_b(),
                      for_side("b", MatchWith(side(b, request.weights_b()))));
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
      return c.rank_b() > 0 ? c.rank_b() : 1000 + c.rank_a();
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
    if (p.info.filter) info->add_stages("filter");
    if (p.info.score) info->add_stages("score");
    if (p.info.normalize) info->add_stages("normalize");
    info->set_file(p.file);
    info->set_sdk_version(absl::StrCat(p.sdk_major, ".", p.sdk_minor));
    info->mutable_default_settings()->insert(p.info.default_settings.begin(),
                                             p.info.default_settings.end());
    info->set_description(p.info.description);
  }
  return response;
}

absl::StatusOr<v1::ListProfilesResponse> Matcher::ListProfiles(
    const v1::ListProfilesRequest& request) const {
  if (request.page_size() < 0) return InvalidField("page_size", "must not be negative");
  VM_ASSIGN_OR_RETURN(const int64_t offset,
                      DecodePositionToken(request.page_token(), "profiles", 0));
  const size_t start = static_cast<size_t>(offset);
  std::vector<v1::Profile> profiles;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) {
    profiles = LoadProfiles(txn);
    return absl::OkStatus();
  }));
  const size_t end = request.page_size() == 0
                         ? profiles.size()
                         : std::min(profiles.size(), start + request.page_size());
  v1::ListProfilesResponse response;
  for (size_t i = start; i < end; ++i) *response.add_profiles() = std::move(profiles[i]);
  if (end < profiles.size()) {
    response.set_next_page_token(EncodePositionToken("profiles", static_cast<int64_t>(end)));
  }
  return response;
}

absl::StatusOr<v1::Profile> Matcher::GetProfile(const v1::GetProfileRequest& request) const {
  auto id = ProfileIdOf(request.name());
  if (!id) return InvalidField("name", "expected \"profiles/{id}\"");
  std::optional<v1::Profile> found;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) {
    found = LoadProfile(txn, *id, false);
    return absl::OkStatus();
  }));
  if (!found)
    return absl::NotFoundError(absl::StrCat("profile \"", request.name(), "\" not found"));
  return *found;
}

absl::StatusOr<v1::Profile> Matcher::CreateProfile(const v1::CreateProfileRequest& request,
                                                   const CallContext& context) {
  const std::string name = absl::StrCat("profiles/", request.profile_id());
  auto id = ProfileIdOf(name);
  if (!id) {
    return InvalidField("profile_id", "3-63 characters [a-z0-9_-] starting with a letter");
  }
  v1::Profile p = request.profile();
  p.set_name(name);
  VM_RETURN_IF_ERROR(CompileProfile(p, plugins_).status());
  p.set_revision(1);
  p.set_etag(ProviderEtag(*id, 1));
  *p.mutable_update_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) -> absl::Status {
    if (LoadProfile(txn, *id, false)) {
      return absl::AlreadyExistsError(absl::StrCat("profile \"", name, "\" already exists"));
    }
    InsertProfile(txn, p);
    InsertProfileAudit(txn, *id, context, "CREATE", 0, 1, {"plugins"});
    return absl::OkStatus();
  }));
  VM_RETURN_IF_ERROR(ReloadProfiles());
  return p;
}

absl::StatusOr<v1::Profile> Matcher::UpdateProfile(const v1::UpdateProfileRequest& request,
                                                   const CallContext& context) {
  auto id = ProfileIdOf(request.profile().name());
  if (!id) return InvalidField("profile.name", "expected \"profiles/{id}\"");
  google::protobuf::FieldMask mask = request.update_mask();
  if (mask.paths().empty()) {
    for (const char* f : {"display_name", "description", "plugins"}) {
      const auto* field = v1::Profile::descriptor()->FindFieldByName(f);
      const auto* refl = request.profile().GetReflection();
      if (field->is_repeated() ? refl->FieldSize(request.profile(), field) > 0
                               : refl->HasField(request.profile(), field)) {
        mask.add_paths(f);
      }
    }
  }
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    if (path != "display_name" && path != "description" && path != "plugins") {
      return InvalidField(absl::StrCat("update_mask.paths[", i, "]"),
                          "only display_name, description and plugins can change");
    }
  }
  v1::Profile result;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) -> absl::Status {
    auto current = LoadProfile(txn, *id, true);
    if (!current) return absl::NotFoundError(absl::StrCat("profile \"", *id, "\" not found"));
    if (!EtagMatches(request.profile().etag(), current->etag())) {
      return absl::AbortedError(absl::StrCat("etag mismatch: profile changed (current \"",
                                             current->etag(), "\"); read it again"));
    }
    v1::Profile merged = *current;
    google::protobuf::util::FieldMaskUtil::MergeOptions options;
    options.set_replace_repeated_fields(true);
    google::protobuf::util::FieldMaskUtil::MergeMessageTo(request.profile(), mask, options,
                                                          &merged);
    VM_RETURN_IF_ERROR(CompileProfile(merged, plugins_).status());
    std::vector<std::string> changed =
        ChangedTopLevelFields(*current, merged, {"revision", "etag", "update_time"});
    if (changed.empty()) {
      result = *current;
      return absl::OkStatus();
    }
    merged.set_revision(current->revision() + 1);
    merged.set_etag(ProviderEtag(*id, merged.revision()));
    *merged.mutable_update_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
    if (!ReplaceProfile(txn, merged, current->revision())) {
      return absl::AbortedError("concurrent change, retry");
    }
    InsertProfileAudit(txn, *id, context, "UPDATE", current->revision(), merged.revision(),
                       changed);
    result = std::move(merged);
    return absl::OkStatus();
  }));
  VM_RETURN_IF_ERROR(ReloadProfiles());
  return result;
}

}  // namespace vendormatch
