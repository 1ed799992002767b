// The matching commands of vendormatchctl: match, compare, advise, plugins,
// and the profiles commands.
#include <map>
#include <ostream>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/ctl/commands.h"
#include "services/ctl/commands_internal.h"
#include "services/ctl/format.h"

namespace vendormatch::ctl {
namespace {

using ::vendormatch::ctl::commands_internal::Call;
using ::vendormatch::ctl::commands_internal::Fail;
using ::vendormatch::ctl::commands_internal::FetchPages;
using ::vendormatch::ctl::commands_internal::ListJson;
using ::vendormatch::ctl::commands_internal::NormalizeMaskPath;
using ::vendormatch::ctl::commands_internal::ReadMessage;
using ::vendormatch::ctl::commands_internal::ReadRequirement;
using ::vendormatch::ctl::commands_internal::ReportRpcError;

// False (after printing why) when the context has no MatchingService stub.
bool HasMatching(const CommandContext& ctx) {
  if (ctx.matching != nullptr) return true;
  *ctx.err << "vendormatchctl: no MatchingService connection\n";
  return false;
}

template <typename Map>
void SetWeights(const std::map<std::string, double>& weights, Map& out) {
  for (const auto& [plugin, weight] : weights) out[plugin] = weight;
}

std::string ProfileRevisionAndEtag(const v1::Profile& profile) {
  return absl::StrCat("revision ", profile.revision(),
                      profile.etag().empty() ? "" : absl::StrCat(", etag ", profile.etag()));
}

// Reads one profile; an exit code when it fails.
int FetchProfile(const CommandContext& ctx, const std::string& name, v1::Profile& profile) {
  v1::GetProfileRequest request;
  request.set_name(ProfileName(name));
  v1::GetProfileResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.matching->GetProfile(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  profile = std::move(*response.mutable_profile());
  return kExitOk;
}

int SendProfileUpdate(const CommandContext& ctx, v1::UpdateProfileRequest& request,
                      v1::Profile& updated) {
  v1::UpdateProfileResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.matching->UpdateProfile(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  updated = std::move(*response.mutable_profile());
  return kExitOk;
}

}  // namespace

// ---------------------------------------------------------------------------
// Matching commands.

int MatchProviders(CommandContext& ctx, const MatchOptions& options) {
  if (!HasMatching(ctx)) return kExitFailure;
  absl::StatusOr<v1::Requirement> requirement = ReadRequirement(ctx, options.requirement);
  if (!requirement.ok()) return Fail(ctx, requirement.status());
  v1::MatchProvidersRequest request;
  *request.mutable_requirement() = *std::move(requirement);
  request.set_profile(ProfileName(options.profile));
  SetWeights(options.weights, *request.mutable_weights());
  request.set_top_k(options.top_k);
  for (const std::string& id : options.why) {
    request.add_explain_providers(
        absl::StartsWith(id, "providers/") ? id : absl::StrCat("providers/", id));
  }
  request.set_hints(options.hints);
  *request.mutable_diversity() = options.diversity;
  v1::MatchProvidersResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.matching->MatchProviders(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response);
  } else {
    PrintMatchResult(response, options.explain, *ctx.out);
  }
  return kExitOk;
}

int CompareProfiles(CommandContext& ctx, const CompareOptions& options) {
  if (!HasMatching(ctx)) return kExitFailure;
  absl::StatusOr<v1::Requirement> requirement = ReadRequirement(ctx, options.requirement);
  if (!requirement.ok()) return Fail(ctx, requirement.status());
  v1::CompareProfilesRequest request;
  *request.mutable_requirement() = *std::move(requirement);
  request.set_profile_a(ProfileName(options.profile_a));
  request.set_profile_b(ProfileName(options.profile_b));
  SetWeights(options.weights_a, *request.mutable_weights_a());
  SetWeights(options.weights_b, *request.mutable_weights_b());
  request.set_top_k(options.top_k);
  v1::CompareProfilesResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.matching->CompareProfiles(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response);
  } else {
    PrintCompareResult(response, *ctx.out);
  }
  return kExitOk;
}

int AdviseServiceModel(CommandContext& ctx, const AdviseOptions& options) {
  if (!HasMatching(ctx)) return kExitFailure;
  v1::RecommendServiceModelRequest request;
  *request.mutable_work() = options.work;
  v1::RecommendServiceModelResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.matching->RecommendServiceModel(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response);
  } else {
    PrintAdvice(response, *ctx.out);
  }
  return kExitOk;
}

int ListPlugins(CommandContext& ctx) {
  if (!HasMatching(ctx)) return kExitFailure;
  v1::ListPluginsResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.matching->ListPlugins(call, v1::ListPluginsRequest(), &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response);
  } else if (response.plugins().empty()) {
    *ctx.out << "No plugins loaded.\n";
  } else {
    PluginTable(response.plugins()).Print(*ctx.out);
  }
  return kExitOk;
}

int ListProfiles(CommandContext& ctx, const ProfileListOptions& options) {
  if (!HasMatching(ctx)) return kExitFailure;
  v1::ListProfilesRequest request;
  request.set_page_size(options.page_size);
  v1::ListProfilesResponse merged;
  const int code = FetchPages(
      ctx, request, /*all=*/true,
      [&](grpc::ClientContext* call, const v1::ListProfilesRequest& req,
          v1::ListProfilesResponse* resp) { return ctx.matching->ListProfiles(call, req, resp); },
      [](v1::ListProfilesResponse& r) { return r.mutable_profiles(); }, merged);
  if (code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ListJson("profiles", merged.profiles(), merged.next_page_token());
  } else if (merged.profiles().empty()) {
    *ctx.out << "No profiles found.\n";
  } else {
    ProfileTable(merged.profiles()).Print(*ctx.out);
  }
  return kExitOk;
}

int GetProfile(CommandContext& ctx, const std::string& name) {
  if (!HasMatching(ctx)) return kExitFailure;
  v1::Profile profile;
  if (const int code = FetchProfile(ctx, name, profile); code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ToJson(profile);
  } else {
    DescribeProfile(profile, *ctx.out);
  }
  return kExitOk;
}

int CreateProfile(CommandContext& ctx, const ProfileWriteOptions& options) {
  if (!HasMatching(ctx)) return kExitFailure;
  v1::CreateProfileRequest request;
  v1::Profile& profile = *request.mutable_profile();
  if (absl::Status read = ReadMessage(ctx, options.file, options.format, profile, nullptr);
      !read.ok()) {
    return Fail(ctx, read);
  }
  // The id names the new profile; what the file says about its identity and
  // version (a copy of another profile, say) does not carry over.
  profile.clear_name();
  profile.clear_etag();
  profile.clear_revision();
  profile.clear_update_time();
  request.set_profile_id(ProfileId(options.name));
  v1::CreateProfileResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.matching->CreateProfile(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response.profile());
  } else {
    *ctx.out << "created " << response.profile().name() << " ("
             << ProfileRevisionAndEtag(response.profile()) << ")\n";
  }
  return kExitOk;
}

std::vector<std::string> DefaultProfileUpdateMask(const std::vector<std::string>& fields) {
  static const std::set<std::string> kNotUpdatable = {"name", "etag", "revision", "update_time"};
  std::vector<std::string> mask;
  for (const std::string& field : fields) {
    if (kNotUpdatable.count(field) == 0) mask.push_back(field);
  }
  return mask;
}

int UpdateProfile(CommandContext& ctx, const ProfileWriteOptions& options) {
  if (!HasMatching(ctx)) return kExitFailure;
  const std::string name = ProfileName(options.name);
  v1::UpdateProfileRequest request;
  v1::Profile& profile = *request.mutable_profile();
  std::vector<std::string> fields;
  if (absl::Status read = ReadMessage(ctx, options.file, options.format, profile, &fields);
      !read.ok()) {
    return Fail(ctx, read);
  }
  if (!profile.name().empty() && profile.name() != name) {
    return Fail(ctx, absl::InvalidArgumentError(
                         absl::StrCat(options.file, " is for ", profile.name(), ", not ", name)));
  }
  profile.set_name(name);
  if (options.etag) profile.set_etag(*options.etag);
  std::vector<std::string> mask;
  for (const std::string& path : options.update_mask) {
    mask.push_back(NormalizeMaskPath(v1::Profile::descriptor(), path));
  }
  if (mask.empty()) mask = DefaultProfileUpdateMask(fields);
  if (mask.empty()) {
    return Fail(ctx, absl::InvalidArgumentError(
                         absl::StrCat(options.file, " sets no field that update can change")));
  }
  for (const std::string& path : mask) request.mutable_update_mask()->add_paths(path);
  v1::Profile updated;
  if (const int code = SendProfileUpdate(ctx, request, updated); code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ToJson(updated);
  } else {
    *ctx.out << "updated " << name << " (" << ProfileRevisionAndEtag(updated) << "; fields "
             << absl::StrJoin(mask, ", ") << ")\n";
  }
  return kExitOk;
}

int SetProfileWeight(CommandContext& ctx, const SetWeightOptions& options) {
  if (!HasMatching(ctx)) return kExitFailure;
  v1::UpdateProfileRequest request;
  v1::Profile& profile = *request.mutable_profile();
  if (const int code = FetchProfile(ctx, options.name, profile); code != kExitOk) return code;
  v1::PluginSetting* setting = nullptr;
  std::vector<std::string> plugins;
  for (v1::PluginSetting& s : *profile.mutable_plugins()) {
    if (s.plugin() == options.plugin) setting = &s;
    plugins.push_back(s.plugin());
  }
  if (setting == nullptr) {
    return Fail(ctx, absl::NotFoundError(absl::StrCat(
                         profile.name(), " has no plugin \"", options.plugin, "\" (it has ",
                         plugins.empty() ? "none" : absl::StrJoin(plugins, ", "), ")")));
  }
  const double old_weight = setting->weight();
  setting->set_weight(options.weight);
  const bool scores = setting->score_enabled();
  // The etag just read: a change made since then fails with ABORTED.
  request.mutable_update_mask()->add_paths("plugins");
  v1::Profile updated;
  if (const int code = SendProfileUpdate(ctx, request, updated); code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ToJson(updated);
  } else {
    *ctx.out << "updated " << updated.name() << ": " << options.plugin << " weight "
             << FormatNumber(old_weight) << " -> " << FormatNumber(options.weight) << " ("
             << ProfileRevisionAndEtag(updated) << ")\n";
  }
  if (!scores && options.weight > 0) {
    *ctx.err << "vendormatchctl: note: " << options.plugin << " does not score in "
             << updated.name() << " (score_enabled is off), so its weight has no effect\n";
  }
  return kExitOk;
}

}  // namespace vendormatch::ctl
