// From the wire's Requirement to the SDK's: validation with field
// violations, defaults, and the advisor's choice of service model.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "vendormatch/plugin_sdk.h"
#include "vendormatch/v1/matching_service.pb.h"

namespace vendormatch {

// A validated requirement: the SDK's shape with every code still as text
// (`codes`); the pipeline resolves the codes to the snapshot dictionary's
// Symbols when it runs the match.
struct RequirementCodes {
  std::vector<std::string> services;                   // upper case catalogue codes
  std::string client_country;                          // ISO 3166-1 alpha-2
  std::vector<std::string> certifications;             // upper case
  std::vector<std::string> languages;                  // lower case, '-' separated
  std::string industry;                                // upper case, "" for none
  std::string rate_currency;                           // with rate_ceiling
  std::vector<std::string> diversity_classifications;  // upper case
};
struct ValidRequirement {
  sdk::Requirement req;  // Symbol fields unset
  RequirementCodes codes;
};

// Validates `requirement` (violations named "requirement.<field>") and
// converts it. `today` is the earliest allowed start date and the default
// one. When no service model is preferred and `work` states something, the
// advisor picks one; its answer goes to `advice` (when not null).
// Errors: INVALID_ARGUMENT with a BadRequest naming every bad field.
// Pure apart from loading time zones; thread-safe.
// The last day of an engagement of `months` months from `start`: the day
// before the same day of the month `months` later (or before the day after
// that month's last day, when it is shorter). 2027-01-04 + 6 -> 2027-07-03;
// 2027-01-31 + 1 -> 2027-02-27. Pure.
absl::CivilDay EngagementEnd(absl::CivilDay start, int months);

absl::StatusOr<ValidRequirement> ValidateRequirement(const v1::Requirement& requirement,
                                                     absl::CivilDay today,
                                                     v1::RecommendServiceModelResponse* advice);

}  // namespace vendormatch
