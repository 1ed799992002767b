// The API key commands of vendormatchctl: keys create, list and revoke.
#include <cstdint>
#include <ostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ctl/commands.h"
#include "services/ctl/commands_internal.h"
#include "services/ctl/format.h"

namespace vendormatch::ctl {
namespace {

using ::vendormatch::ctl::commands_internal::Call;
using ::vendormatch::ctl::commands_internal::ReportRpcError;

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

}  // namespace vendormatch::ctl
