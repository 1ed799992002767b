// Internal to vm_ctl: what the command files (commands.cc for the registry,
// commands_match.cc for matching and profiles, commands_keys.cc for API keys)
// share: the call with the context's deadline, actor and key; how an RPC
// error or a local failure is reported; reading input files; JSON lists and
// paging. Each returns or reports as commands.h's exit codes say.
#pragma once

#include <grpcpp/client_context.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/ctl/commands.h"
#include "services/ctl/format.h"

namespace vendormatch::ctl::commands_internal {

// Runs `rpc(&call)` with the context's deadline and actor (and the API key as
// "authorization: Bearer", when there is one).
template <typename Rpc>
grpc::Status Call(const CommandContext& ctx, Rpc rpc) {
  grpc::ClientContext call;
  call.set_deadline(absl::ToChronoTime(absl::Now() + ctx.timeout));
  call.AddMetadata(kActorMetadataKey, ctx.actor);
  if (!ctx.api_key.empty()) call.AddMetadata("authorization", absl::StrCat("Bearer ", ctx.api_key));
  return rpc(&call);
}

// Prints a failed call to ctx.err and returns its exit code: "cannot reach"
// (kExitUnreachable) for a transport error while the channel is not ready;
// otherwise the code, the message and each field violation (kExitFailure).
// A violation of "providers[i]..." names (*origins)[i + offset] (the file
// and row of that provider) when `origins` has it.
int ReportRpcError(const CommandContext& ctx, const grpc::Status& status,
                   const std::vector<std::string>* origins = nullptr, size_t offset = 0);

// A local failure (bad file, bad combination of inputs): prints its message
// and returns kExitFailure.
int Fail(const CommandContext& ctx, const absl::Status& status);

// The providers of `file` ("-" for ctx.in). Errors: as ParseProvidersFileDetailed.
absl::StatusOr<std::vector<ParsedProvider>> ReadProviders(const CommandContext& ctx,
                                                          const std::string& file, Format format);

// The single provider of `file`, or an error naming how many it holds.
absl::StatusOr<ParsedProvider> ReadOneProvider(const CommandContext& ctx, const std::string& file,
                                               Format format, absl::string_view command);

// One message from a YAML or JSON file ("-" for standard input); `fields`,
// when not null, gets the top-level fields the file sets.
absl::Status ReadMessage(const CommandContext& ctx, const std::string& file, Format format,
                         google::protobuf::Message& message, std::vector<std::string>* fields);

// The requirement of a file, with the flags applied over it.
absl::StatusOr<v1::Requirement> ReadRequirement(const CommandContext& ctx,
                                                const RequirementInput& input);

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

// "More results: ..." after a table, when there is a next page.
void PrintPageHint(const CommandContext& ctx, const std::string& next_page_token);

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
                              absl::string_view path);

}  // namespace vendormatch::ctl::commands_internal
