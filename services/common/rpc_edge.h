// What every gRPC service class shares at the edge: who is calling, and
// turning an absl::StatusOr into a grpc::Status plus a response.
#pragma once

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/grpc_status.h"

namespace vendormatch {

// Metadata key naming the person or system behind a call (audit actor).
inline constexpr char kActorMetadataKey[] = "vendormatch-actor";

// Who is calling; recorded in audit trails.
struct CallContext {
  std::string actor = "anonymous";
};

// The caller named by `vendormatch-actor` metadata (at most 128 bytes), or
// "anonymous". Pure.
inline CallContext CallContextOf(const grpc::ServerContext& context) {
  constexpr size_t kMaxActorLength = 128;
  CallContext call;
  auto it = context.client_metadata().find(kActorMetadataKey);
  if (it != context.client_metadata().end() && !it->second.empty()) {
    call.actor = std::string(it->second.data(), std::min(it->second.size(), kMaxActorLength));
  }
  return call;
}

// On success passes the value to `store` and returns OK; otherwise the
// status converted by ToGrpcStatus.
template <typename T, typename Store>
grpc::Status Respond(absl::StatusOr<T> result, Store store) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  store(*std::move(result));
  return grpc::Status::OK;
}

}  // namespace vendormatch
