#include "services/matching/profile_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/field_mask_util.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/error_details.h"
#include "services/common/field_violations.h"
#include "services/common/message_diff.h"
#include "services/common/status_macros.h"
#include "services/domain/etag.h"
#include "services/domain/page_token.h"
#include "services/matching/profiles.h"

namespace vendormatch {

absl::StatusOr<std::shared_ptr<const CompiledProfile>> ProfileService::Find(
    const std::string& name) const {
  std::lock_guard lock(mu_);
  if (auto it = profiles_.find(name); it != profiles_.end()) return it->second;
  if (auto it = profile_errors_.find(name); it != profile_errors_.end()) {
    return FailedPrecondition(
        "PROFILE_NOT_RUNNABLE", "PLUGINS", name,
        absl::StrCat("profile ", name, " cannot run on this server: ", it->second));
  }
  return InvalidField("profile", absl::StrCat("unknown profile \"", name, "\""));
}

absl::Status ProfileService::Reload() {
  std::lock_guard reload(reload_mu_);
  std::vector<v1::Profile> stored;
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) {
    stored = storage_.profiles().LoadAll(txn);
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

absl::StatusOr<v1::ListProfilesResponse> ProfileService::List(
    const v1::ListProfilesRequest& request) const {
  if (request.page_size() < 0) return InvalidField("page_size", "must not be negative");
  VM_ASSIGN_OR_RETURN(const int64_t offset,
                      DecodePositionToken(request.page_token(), "profiles", 0));
  const size_t start = static_cast<size_t>(offset);
  std::vector<v1::Profile> profiles;
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) {
    profiles = storage_.profiles().LoadAll(txn);
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

absl::StatusOr<v1::Profile> ProfileService::Get(const v1::GetProfileRequest& request) const {
  auto id = ProfileIdOf(request.name());
  if (!id) return InvalidField("name", "expected \"profiles/{id}\"");
  std::optional<v1::Profile> found;
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) {
    found = storage_.profiles().Load(txn, *id, false);
    return absl::OkStatus();
  }));
  if (!found) {
    return NotFound(Resource::kProfile, request.name(),
                    absl::StrCat("profile \"", request.name(), "\" not found"));
  }
  return *found;
}

absl::StatusOr<v1::Profile> ProfileService::Create(const v1::CreateProfileRequest& request,
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
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) -> absl::Status {
    if (storage_.profiles().Load(txn, *id, false)) {
      return AlreadyExists(Resource::kProfile, name,
                           absl::StrCat("profile \"", name, "\" already exists"));
    }
    VM_RETURN_IF_ERROR(storage_.profiles().Insert(txn, *id, p, /*if_absent=*/false).status());
    storage_.profiles().AppendAudit(txn, {*id, context, "CREATE", 0, 1, {"plugins"}});
    return absl::OkStatus();
  }));
  VM_RETURN_IF_ERROR(Reload());
  return p;
}

absl::StatusOr<v1::Profile> ProfileService::Update(const v1::UpdateProfileRequest& request,
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
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) -> absl::Status {
    auto current = storage_.profiles().Load(txn, *id, true);
    const std::string& name = request.profile().name();
    if (!current) {
      return NotFound(Resource::kProfile, name, absl::StrCat("profile \"", name, "\" not found"));
    }
    if (!EtagMatches(request.profile().etag(), current->etag())) {
      return EtagMismatch(name, absl::StrCat("etag mismatch: ", name, " changed (current \"",
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
    if (!storage_.profiles().Replace(txn, *id, merged, current->revision())) {
      return ConcurrentChange("concurrent change, retry");
    }
    storage_.profiles().AppendAudit(
        txn, {*id, context, "UPDATE", current->revision(), merged.revision(), changed});
    result = std::move(merged);
    return absl::OkStatus();
  }));
  VM_RETURN_IF_ERROR(Reload());
  return result;
}

}  // namespace vendormatch
