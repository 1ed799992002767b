#include "services/ctl/commands.h"

#include <grpcpp/client_context.h>

#include <cstdlib>
#include <istream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "services/common/field_violations.h"
#include "services/common/grpc_status.h"
#include "services/ctl/format.h"

namespace vendormatch::ctl {
namespace {

using vendormatch::v1::Provider;

// ---------------------------------------------------------------------------
// Calls and errors.

// Runs `rpc(&call)` with the context's deadline and actor.
template <typename Rpc>
grpc::Status Call(const CommandContext& ctx, Rpc rpc) {
  grpc::ClientContext call;
  call.set_deadline(absl::ToChronoTime(absl::Now() + ctx.timeout));
  call.AddMetadata(kActorMetadataKey, ctx.actor);
  if (!ctx.api_key.empty()) call.AddMetadata("authorization", absl::StrCat("Bearer ", ctx.api_key));
  return rpc(&call);
}

// " (providers.csv row 5)" for a violation of "providers[3]..." when
// `origins` knows provider 3 + offset; "" otherwise.
std::string OriginHint(absl::string_view field, const std::vector<std::string>* origins,
                       size_t offset) {
  if (origins == nullptr || !absl::ConsumePrefix(&field, "providers[")) return "";
  const size_t end = field.find(']');
  size_t index;
  if (end == field.npos || !absl::SimpleAtoi(field.substr(0, end), &index)) return "";
  if (index + offset >= origins->size()) return "";
  return absl::StrCat(" (", (*origins)[index + offset], ")");
}

int ReportRpcError(const CommandContext& ctx, const grpc::Status& status,
                   const std::vector<std::string>* origins = nullptr, size_t offset = 0) {
  const grpc::StatusCode code = status.error_code();
  const bool transport =
      code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED;
  if (transport && (!ctx.channel_ready || !ctx.channel_ready())) {
    *ctx.err << "vendormatchctl: cannot reach the vendormatch server at " << ctx.server
             << " (is it running? set --server or VENDORMATCH_SERVER): " << status.error_message()
             << "\n";
    return kExitUnreachable;
  }
  const absl::Status converted = FromGrpcStatus(status);
  *ctx.err << "vendormatchctl: " << absl::StatusCodeToString(converted.code()) << ": "
           << converted.message() << "\n";
  if (code == grpc::StatusCode::UNAUTHENTICATED && ctx.api_key.empty()) {
    *ctx.err << "  (no API key given: set VENDORMATCH_API_KEY or --api-key-file)\n";
  }
  for (const FieldViolation& violation : ViolationsOf(converted)) {
    *ctx.err << "  " << violation.field << ": " << violation.description
             << OriginHint(violation.field, origins, offset) << "\n";
  }
  return kExitFailure;
}

// A local failure (bad file, bad combination of inputs).
int Fail(const CommandContext& ctx, const absl::Status& status) {
  *ctx.err << "vendormatchctl: " << status.message() << "\n";
  return kExitFailure;
}

// ---------------------------------------------------------------------------
// Input files.

absl::StatusOr<std::vector<ParsedProvider>> ReadProviders(const CommandContext& ctx,
                                                          const std::string& file, Format format) {
  if (file != "-") return ParseProvidersFileDetailed(file, format);
  if (ctx.in == nullptr) return absl::InvalidArgumentError("standard input is not available");
  const std::string text{std::istreambuf_iterator<char>(*ctx.in), std::istreambuf_iterator<char>()};
  return ParseProvidersTextDetailed(text, format, "<stdin>");
}

// The single provider of `file`, or an error naming how many it holds.
absl::StatusOr<ParsedProvider> ReadOneProvider(const CommandContext& ctx, const std::string& file,
                                               Format format, absl::string_view command) {
  absl::StatusOr<std::vector<ParsedProvider>> parsed = ReadProviders(ctx, file, format);
  if (!parsed.ok()) return parsed.status();
  if (parsed->size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, " holds ", parsed->size(), " providers; ", command,
                     " takes exactly one (use `vendormatchctl import` for many)"));
  }
  return std::move(parsed->front());
}

// One message from a YAML or JSON file ("-" for standard input).
absl::Status ReadMessage(const CommandContext& ctx, const std::string& file, Format format,
                         google::protobuf::Message& message, std::vector<std::string>* fields) {
  if (file != "-") return ParseMessageFile(file, format, message, fields);
  if (ctx.in == nullptr) return absl::InvalidArgumentError("standard input is not available");
  const std::string text{std::istreambuf_iterator<char>(*ctx.in), std::istreambuf_iterator<char>()};
  return ParseMessageText(text, format, "<stdin>", message, fields);
}

// The requirement of a file, with the flags applied over it.
absl::StatusOr<v1::Requirement> ReadRequirement(const CommandContext& ctx,
                                                const RequirementInput& input) {
  v1::Requirement requirement;
  if (!input.file.empty()) {
    const absl::Status status = ReadMessage(ctx, input.file, input.format, requirement, nullptr);
    if (!status.ok()) return status;
  }
  ApplyRequirementOverlay(input.flags, requirement);
  return requirement;
}

// ---------------------------------------------------------------------------
// Output.

void PrintProviderJson(const CommandContext& ctx, const Provider& provider) {
  *ctx.out << ToJson(provider);
}

std::string RevisionAndEtag(const Provider& provider) {
  return absl::StrCat("revision ", provider.revision(),
                      provider.etag().empty() ? "" : absl::StrCat(", etag ", provider.etag()));
}

// {"<key>": [...], "nextPageToken": "..."} with each item in proto JSON.
template <typename T>
std::string ListJson(const std::string& key, const google::protobuf::RepeatedPtrField<T>& items,
                     const std::string& next_page_token) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc[key] = nlohmann::ordered_json::array();
  for (const T& item : items) {
    doc[key].push_back(nlohmann::ordered_json::parse(ToJson(item, /*pretty=*/false)));
  }
  doc["nextPageToken"] = next_page_token;
  return doc.dump(2) + "\n";
}

void PrintPageHint(const CommandContext& ctx, const std::string& next_page_token) {
  if (next_page_token.empty()) return;
  *ctx.out << "\nMore results: repeat with --page-token=" << next_page_token
           << " (or use --all).\n";
}

// Fetches one page, or every page when `all`, appending items to `merged`.
// `fetch(call, request, response)` performs the RPC; `items(response)` is
// the repeated field of results. Returns an exit code.
template <typename Request, typename Response, typename Fetch, typename Items>
int FetchPages(const CommandContext& ctx, Request request, bool all, Fetch fetch, Items items,
               Response& merged) {
  std::set<std::string> seen_tokens;
  while (true) {
    Response page;
    const grpc::Status status =
        Call(ctx, [&](grpc::ClientContext* call) { return fetch(call, request, &page); });
    if (!status.ok()) return ReportRpcError(ctx, status);
    for (auto& item : *items(page)) items(merged)->Add(std::move(item));
    merged.set_next_page_token(page.next_page_token());
    if (!all || page.next_page_token().empty()) return kExitOk;
    if (!seen_tokens.insert(page.next_page_token()).second) {
      return Fail(ctx, absl::InternalError("the server repeated a page token; stopping"));
    }
    request.set_page_token(page.next_page_token());
  }
}

// snake_case for each path segment given as a proto or lowerCamel name of a
// field of `descriptor` (or of the messages it leads to).
std::string NormalizeMaskPath(const google::protobuf::Descriptor* descriptor,
                              absl::string_view path) {
  std::vector<std::string> segments;
  for (absl::string_view segment : absl::StrSplit(path, '.')) {
    const google::protobuf::FieldDescriptor* field = nullptr;
    if (descriptor != nullptr) {
      field = descriptor->FindFieldByName(std::string(segment));
      for (int i = 0; field == nullptr && i < descriptor->field_count(); ++i) {
        if (descriptor->field(i)->json_name() == segment) field = descriptor->field(i);
      }
    }
    segments.push_back(field != nullptr ? field->name() : std::string(segment));
    descriptor = field != nullptr ? field->message_type() : nullptr;
  }
  return absl::StrJoin(segments, ".");
}

// ---------------------------------------------------------------------------
// Status transitions.

struct TransitionCall {
  const char* verb = "";
  grpc::Status status;
  Provider provider;
};

template <typename Request, typename Response, typename Method>
TransitionCall RunTransition(const CommandContext& ctx, const TransitionOptions& options,
                             const char* verb, Method method) {
  Request request;
  request.set_name(ProviderName(options.name));
  request.set_etag(options.etag);
  request.set_reason(options.reason);
  Response response;
  TransitionCall result{verb, {}, {}};
  result.status = Call(ctx, [&](grpc::ClientContext* call) {
    return (ctx.stub->*method)(call, request, &response);
  });
  result.provider = std::move(*response.mutable_provider());
  return result;
}

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

// ---------------------------------------------------------------------------
// API keys.

namespace {

bool HasKeys(const CommandContext& ctx) {
  if (ctx.keys != nullptr) return true;
  *ctx.err << "vendormatchctl: no KeyService connection\n";
  return false;
}

std::string KeyId(const std::string& name) {
  return absl::StartsWith(name, "apiKeys/") ? name.substr(8) : name;
}

std::string RoleText(v1::Role role) {
  return absl::AsciiStrToLower(ShortEnumName(*v1::Role_descriptor(), role));
}

Table KeyTable(const google::protobuf::RepeatedPtrField<v1::ApiKey>& keys) {
  Table table({"ID", "ROLE", "LABEL", "CREATED", "EXPIRES", "REVOKED", "CREATOR"});
  for (const v1::ApiKey& k : keys) {
    table.AddRow({KeyId(k.name()), RoleText(k.role()), k.label(), FormatTimestamp(k.create_time()),
                  k.has_expire_time() ? FormatTimestamp(k.expire_time()) : "never",
                  k.has_revoke_time() ? FormatTimestamp(k.revoke_time()) : "", k.creator()});
  }
  return table;
}

}  // namespace

int CreateKey(CommandContext& ctx, const KeyCreateOptions& options) {
  if (!HasKeys(ctx)) return kExitFailure;
  v1::CreateApiKeyRequest request;
  request.mutable_api_key()->set_role(options.role);
  request.mutable_api_key()->set_label(options.label);
  if (options.expires) {
    const int64_t micros = absl::ToUnixMicros(*options.expires);
    request.mutable_api_key()->mutable_expire_time()->set_seconds(micros / 1'000'000);
    request.mutable_api_key()->mutable_expire_time()->set_nanos(
        static_cast<int32_t>(micros % 1'000'000) * 1000);
  }
  v1::CreateApiKeyResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.keys->CreateApiKey(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response);
    return kExitOk;
  }
  google::protobuf::RepeatedPtrField<v1::ApiKey> one;
  *one.Add() = response.api_key();
  KeyTable(one).Print(*ctx.out);
  *ctx.out << "\nsecret (shown only now; send it as \"authorization: Bearer <secret>\"):\n"
           << response.secret() << "\n";
  return kExitOk;
}

int ListKeys(CommandContext& ctx, bool show_revoked) {
  if (!HasKeys(ctx)) return kExitFailure;
  v1::ListApiKeysRequest request;
  request.set_show_revoked(show_revoked);
  v1::ListApiKeysResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.keys->ListApiKeys(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response);
  } else if (response.api_keys().empty()) {
    *ctx.out << "No API keys found.\n";
  } else {
    KeyTable(response.api_keys()).Print(*ctx.out);
  }
  return kExitOk;
}

int RevokeKey(CommandContext& ctx, const std::string& key) {
  if (!HasKeys(ctx)) return kExitFailure;
  v1::RevokeApiKeyRequest request;
  request.set_name(absl::StrCat("apiKeys/", KeyId(key)));
  v1::RevokeApiKeyResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.keys->RevokeApiKey(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    *ctx.out << ToJson(response);
  } else {
    *ctx.out << "revoked " << request.name() << " (" << response.api_key().label() << ")\n";
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

// ---------------------------------------------------------------------------
// Registry commands.

int CreateProvider(CommandContext& ctx, const CreateOptions& options) {
  absl::StatusOr<ParsedProvider> parsed =
      ReadOneProvider(ctx, options.file, options.format, "create");
  if (!parsed.ok()) return Fail(ctx, parsed.status());
  v1::CreateProviderRequest request;
  Provider& provider = *request.mutable_provider();
  provider = std::move(parsed->provider);
  request.set_provider_id(ProviderId(options.id.empty() ? provider.name() : options.id));
  provider.clear_name();
  request.set_request_id(options.request_id);
  request.set_validate_only(options.validate_only);
  v1::CreateProviderResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.stub->CreateProvider(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  const Provider& created = response.provider();
  if (ctx.json) {
    PrintProviderJson(ctx, created);
  } else if (options.validate_only) {
    *ctx.out << (created.name().empty() ? "provider" : created.name())
             << " is valid (validate only: nothing written)\n";
  } else {
    *ctx.out << "created " << created.name() << " (status "
             << ShortEnumName(*Provider::Status_descriptor(), created.status()) << ", "
             << RevisionAndEtag(created) << ")\n";
  }
  return kExitOk;
}

int GetProvider(CommandContext& ctx, const std::string& name) {
  v1::GetProviderRequest request;
  request.set_name(ProviderName(name));
  v1::GetProviderResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.stub->GetProvider(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    PrintProviderJson(ctx, response.provider());
  } else {
    DescribeProvider(response.provider(), ctx.today, *ctx.out);
  }
  return kExitOk;
}

int ListProviders(CommandContext& ctx, const ListOptions& options) {
  v1::ListProvidersRequest request;
  request.set_filter(options.filter);
  request.set_order_by(options.order_by);
  request.set_page_size(options.page_size);
  request.set_page_token(options.page_token);
  request.set_show_deleted(options.show_deleted);
  v1::ListProvidersResponse merged;
  const int code = FetchPages(
      ctx, request, options.all,
      [&](grpc::ClientContext* call, const v1::ListProvidersRequest& req,
          v1::ListProvidersResponse* resp) { return ctx.stub->ListProviders(call, req, resp); },
      [](v1::ListProvidersResponse& r) { return r.mutable_providers(); }, merged);
  if (code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ListJson("providers", merged.providers(), merged.next_page_token());
    return kExitOk;
  }
  if (merged.providers().empty()) {
    *ctx.out << "No providers found.\n";
  } else {
    ProviderTable(merged.providers()).Print(*ctx.out);
  }
  PrintPageHint(ctx, merged.next_page_token());
  return kExitOk;
}

std::vector<std::string> DefaultUpdateMask(const std::vector<std::string>& fields) {
  static const std::set<std::string> kNotUpdatable = {"name",        "etag",        "status",
                                                      "create_time", "update_time", "revision"};
  std::vector<std::string> mask;
  for (const std::string& field : fields) {
    if (kNotUpdatable.count(field) == 0) mask.push_back(field);
  }
  return mask;
}

int UpdateProvider(CommandContext& ctx, const UpdateOptions& options) {
  absl::StatusOr<ParsedProvider> parsed =
      ReadOneProvider(ctx, options.file, options.format, "update");
  if (!parsed.ok()) return Fail(ctx, parsed.status());
  const std::string name = ProviderName(options.name);
  v1::UpdateProviderRequest request;
  Provider& provider = *request.mutable_provider();
  provider = std::move(parsed->provider);
  if (!provider.name().empty() && provider.name() != name) {
    return Fail(ctx, absl::InvalidArgumentError(
                         absl::StrCat(options.file, " is for ", provider.name(), ", not ", name)));
  }
  provider.set_name(name);
  if (options.etag) provider.set_etag(*options.etag);
  std::vector<std::string> mask;
  for (const std::string& path : options.update_mask) {
    mask.push_back(NormalizeMaskPath(Provider::descriptor(), path));
  }
  if (mask.empty()) mask = DefaultUpdateMask(parsed->fields);
  if (mask.empty()) {
    return Fail(ctx, absl::InvalidArgumentError(
                         absl::StrCat(options.file, " sets no field that update can change")));
  }
  for (const std::string& path : mask) request.mutable_update_mask()->add_paths(path);
  request.set_request_id(options.request_id);
  request.set_validate_only(options.validate_only);
  v1::UpdateProviderResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.stub->UpdateProvider(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    PrintProviderJson(ctx, response.provider());
  } else {
    *ctx.out << (options.validate_only ? "valid update of " : "updated ") << name << " ("
             << RevisionAndEtag(response.provider()) << "; fields " << absl::StrJoin(mask, ", ")
             << ")\n";
  }
  return kExitOk;
}

int ChangeStatus(CommandContext& ctx, Transition transition, const TransitionOptions& options) {
  using Stub = v1::RegistryService::StubInterface;
  TransitionCall result;
  switch (transition) {
    case Transition::kActivate:
      result = RunTransition<v1::ActivateProviderRequest, v1::ActivateProviderResponse>(
          ctx, options, "activated", &Stub::ActivateProvider);
      break;
    case Transition::kSuspend:
      result = RunTransition<v1::SuspendProviderRequest, v1::SuspendProviderResponse>(
          ctx, options, "suspended", &Stub::SuspendProvider);
      break;
    case Transition::kOffboard:
      result = RunTransition<v1::DeleteProviderRequest, v1::DeleteProviderResponse>(
          ctx, options, "offboarded", &Stub::DeleteProvider);
      break;
  }
  if (!result.status.ok()) return ReportRpcError(ctx, result.status);
  if (ctx.json) {
    PrintProviderJson(ctx, result.provider);
  } else {
    *ctx.out << result.verb << " " << result.provider.name() << " (status "
             << ShortEnumName(*Provider::Status_descriptor(), result.provider.status()) << ", "
             << RevisionAndEtag(result.provider) << ")\n";
  }
  return kExitOk;
}

int ImportProviders(CommandContext& ctx, const ImportOptions& options) {
  std::vector<Provider> providers;
  std::vector<std::string> origins;
  for (const std::string& file : options.files) {
    absl::StatusOr<std::vector<ParsedProvider>> parsed = ReadProviders(ctx, file, options.format);
    if (!parsed.ok()) return Fail(ctx, parsed.status());
    for (ParsedProvider& p : *parsed) {
      providers.push_back(std::move(p.provider));
      origins.push_back(std::move(p.origin));
    }
  }
  if (providers.empty()) {
    return Fail(ctx, absl::InvalidArgumentError("no providers in the given files"));
  }
  const size_t batch =
      options.batch_size > 0 ? static_cast<size_t>(options.batch_size) : providers.size();
  const bool batched = batch < providers.size();
  v1::ImportProvidersResponse total;
  for (size_t start = 0; start < providers.size(); start += batch) {
    v1::ImportProvidersRequest request;
    const size_t end = std::min(providers.size(), start + batch);
    for (size_t i = start; i < end; ++i) *request.add_providers() = providers[i];
    request.set_mode(options.mode);
    request.set_validate_only(options.validate_only);
    if (!options.request_id.empty()) {
      request.set_request_id(batched ? absl::StrCat(options.request_id, "-", start / batch)
                                     : options.request_id);
    }
    v1::ImportProvidersResponse response;
    const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
      return ctx.stub->ImportProviders(call, request, &response);
    });
    if (!status.ok()) {
      const int code = ReportRpcError(ctx, status, &origins, start);
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        *ctx.err << "vendormatchctl: hint: send fewer providers per call with --batch-size N "
                    "(each batch is then its own transaction)\n";
      }
      if (start > 0 && !options.validate_only) {
        *ctx.err << "vendormatchctl: the first " << start
                 << " providers were imported by earlier batches\n";
      }
      return code;
    }
    total.set_created_count(total.created_count() + response.created_count());
    total.set_updated_count(total.updated_count() + response.updated_count());
    total.set_unchanged_count(total.unchanged_count() + response.unchanged_count());
    for (auto& name : *response.mutable_names()) total.add_names(std::move(name));
  }
  if (ctx.json) {
    *ctx.out << ToJson(total);
  } else if (options.validate_only) {
    *ctx.out << "validated " << providers.size() << " providers: no errors (nothing written)\n";
  } else {
    *ctx.out << "imported " << providers.size() << " providers: " << total.created_count()
             << " created, " << total.updated_count() << " updated, " << total.unchanged_count()
             << " unchanged\n";
  }
  return kExitOk;
}

int ListAuditEvents(CommandContext& ctx, const AuditOptions& options) {
  v1::ListAuditEventsRequest request;
  request.set_parent(options.name.empty() ? "providers/-" : ProviderName(options.name));
  request.set_page_size(options.page_size);
  request.set_page_token(options.page_token);
  v1::ListAuditEventsResponse merged;
  const int code = FetchPages(
      ctx, request, options.all,
      [&](grpc::ClientContext* call, const v1::ListAuditEventsRequest& req,
          v1::ListAuditEventsResponse* resp) { return ctx.stub->ListAuditEvents(call, req, resp); },
      [](v1::ListAuditEventsResponse& r) { return r.mutable_audit_events(); }, merged);
  if (code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ListJson("auditEvents", merged.audit_events(), merged.next_page_token());
    return kExitOk;
  }
  if (merged.audit_events().empty()) {
    *ctx.out << "No audit events found.\n";
  } else {
    AuditTable(merged.audit_events()).Print(*ctx.out);
  }
  PrintPageHint(ctx, merged.next_page_token());
  return kExitOk;
}

int ListCatalog(CommandContext& ctx, const CatalogOptions& options) {
  v1::ListCatalogEntriesRequest request;
  request.set_filter(options.filter);
  v1::ListCatalogEntriesResponse merged;
  const int code = FetchPages(
      ctx, request, /*all=*/true,
      [&](grpc::ClientContext* call, const v1::ListCatalogEntriesRequest& req,
          v1::ListCatalogEntriesResponse* resp) {
        return ctx.stub->ListCatalogEntries(call, req, resp);
      },
      [](v1::ListCatalogEntriesResponse& r) { return r.mutable_catalog_entries(); }, merged);
  if (code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ListJson("catalogEntries", merged.catalog_entries(), merged.next_page_token());
  } else {
    CatalogTable(merged.catalog_entries()).Print(*ctx.out);
  }
  return kExitOk;
}

}  // namespace vendormatch::ctl
