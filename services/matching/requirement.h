// From the wire's Requirement to the SDK's: validation with field
// violations, defaults, and the advisor's choice of service model.
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "vendormatch/plugin_sdk.h"
#include "vendormatch/v1/matching_service.pb.h"

namespace vendormatch {

// Validates `requirement` (violations named "requirement.<field>") and
// converts it. `today` is the earliest allowed start date and the default
// one. When no service model is preferred and `work` states something, the
// advisor picks one; its answer goes to `advice` (when not null).
// Errors: INVALID_ARGUMENT with a BadRequest naming every bad field.
// Pure apart from loading time zones; thread-safe.
absl::StatusOr<sdk::Requirement> ToSdkRequirement(const v1::Requirement& requirement,
                                                  absl::CivilDay today,
                                                  v1::RecommendServiceModelResponse* advice);

}  // namespace vendormatch
