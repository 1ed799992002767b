// Machine-readable errors (AIP-193) beyond ErrorInfo: the statuses the
// service returns for a missing or existing resource, a stale etag, a
// precondition, and a call worth retrying, each with its ErrorInfo reason
// and the google.rpc detail a client acts on (ResourceInfo,
// PreconditionFailure, RetryInfo). Pure; every function is thread-safe.
// The reasons are listed in docs/errors.md.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace vendormatch {

// The resources of the API: the ErrorInfo reason's prefix and the
// google.api.resource type named in ResourceInfo.
enum class Resource { kProvider, kProfile, kApiKey, kRequest };

// NOT_FOUND, reason <RESOURCE>_NOT_FOUND, with a ResourceInfo naming `name`.
absl::Status NotFound(Resource resource, absl::string_view name, absl::string_view message);

// ALREADY_EXISTS, reason <RESOURCE>_ALREADY_EXISTS, with a ResourceInfo.
absl::Status AlreadyExists(Resource resource, absl::string_view name, absl::string_view message);

// ABORTED, reason ETAG_MISMATCH, with a PreconditionFailure (type "ETAG",
// subject `name`): read the resource again, then retry with its etag.
absl::Status EtagMismatch(absl::string_view name, absl::string_view message);

// FAILED_PRECONDITION with ErrorInfo `reason` and a PreconditionFailure of
// `type` (for example "LIFECYCLE") about `subject`, described by `message`.
absl::Status FailedPrecondition(absl::string_view reason, absl::string_view type,
                                absl::string_view subject, absl::string_view message);

// `status` with a RetryInfo of `delay` attached (replacing one before).
absl::Status WithRetryInfo(absl::Status status, absl::Duration delay);

// ABORTED, reason CONCURRENT_CHANGE, retryable at once: a write met another.
absl::Status ConcurrentChange(absl::string_view message);

// What the edge sends for `status`: an ErrorInfo on every error (reason:
// the code's name, for example "INTERNAL", when none was attached; reason
// INVALID_FIELD for a BadRequest without one) and a RetryInfo (1 s) on every
// UNAVAILABLE without one. OK stays OK.
absl::Status WithDefaultDetails(absl::Status status);

}  // namespace vendormatch
