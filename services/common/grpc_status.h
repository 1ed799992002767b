// The RPC edge: absl::Status inside, grpc::Status on the wire.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace vendormatch {

// Converts `status` to a grpc::Status with the same code and message. Every
// payload attached to `status` (for example a google.rpc.BadRequest) is sent
// as a google.rpc.Status detail, so clients read it with their usual tools;
// an ErrorInfo is always among them, and a RetryInfo on UNAVAILABLE
// (WithDefaultDetails).
// Thread-safe; pure function.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients and tests: code, message and details as payloads.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace vendormatch
