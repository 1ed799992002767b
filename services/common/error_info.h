// Why a call failed, as data: a google.rpc.ErrorInfo (AIP-193: a stable
// UPPER_SNAKE_CASE reason, the domain, and metadata) attached to an
// absl::Status as a payload; ToGrpcStatus carries it to the client. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace vendormatch {

inline constexpr absl::string_view kErrorInfoTypeUrl = "type.googleapis.com/google.rpc.ErrorInfo";
// The domain of every ErrorInfo the service attaches.
inline constexpr absl::string_view kErrorDomain = "vendormatch.v1";

// `status` with an ErrorInfo of `reason` and `metadata` attached (replacing
// one attached before). An OK status is returned unchanged.
absl::Status WithErrorInfo(absl::Status status, absl::string_view reason,
                           const std::map<std::string, std::string>& metadata = {});

// `status` as a google.rpc.Status: its code, message and every payload as a
// detail (an Any of the payload's type URL). Pure.
google::rpc::Status ToRpcStatus(const absl::Status& status);

// The ErrorInfo attached to `status`, if any.
std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const absl::Status& status);

}  // namespace vendormatch
