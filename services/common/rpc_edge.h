// What every gRPC service class shares at the edge: who is calling, and
// turning an absl::StatusOr into a grpc::Status plus a response.
#pragma once

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/grpc_status.h"
#include "services/domain/call_context.h"

namespace vendormatch {

// Metadata key naming the person or system behind a call (audit actor).
inline constexpr char kActorMetadataKey[] = "vendormatch-actor";

// The caller named by `vendormatch-actor` metadata (at most 128 bytes), or
// "anonymous"; key_id is left empty (the auth gate fills it). Pure.
inline CallContext CallContextOf(const grpc::ServerContext& context) {
  constexpr size_t kMaxActorLength = 128;
  CallContext call;
  auto it = context.client_metadata().find(kActorMetadataKey);
  if (it != context.client_metadata().end() && !it->second.empty()) {
    call.actor = std::string(it->second.data(), std::min(it->second.size(), kMaxActorLength));
  }
  return call;
}

// Decides who may make a call. Implemented by auth::AuthGate; service
// classes run every handler through it.
class CallGate {
 public:
  virtual ~CallGate() = default;
  // Authenticates the caller of `method` ("/vendormatch.v1.X/Y") and checks
  // the policy. When allowed, runs `body` with the caller (database work in
  // it is bounded by the call's deadline) and returns what it returns;
  // otherwise returns UNAUTHENTICATED or PERMISSION_DENIED without running
  // it. Thread-safe.
  virtual grpc::Status Run(grpc::ServerContext& context, absl::string_view method,
                           const std::function<grpc::Status(const CallContext&)>& body) const = 0;
};

// On success passes the value to `store` and returns OK; otherwise the
// status converted by ToGrpcStatus.
template <typename T, typename Store>
grpc::Status Respond(absl::StatusOr<T> result, Store store) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  store(*std::move(result));
  return grpc::Status::OK;
}

}  // namespace vendormatch
