// The command-line inputs of vendormatchctl's matching commands, as pure
// functions: money amounts ("USD:25.00"), enum values by short name, weight
// overrides ("rate=30"), the quick requirement flags of `match` and
// `compare`, and the work flags of `advise`. Nothing here talks to the
// server or validates what the server validates (catalogue codes,
// countries, time zones): only the form of each value is checked, so that
// the server's messages stay the one source of truth. Thread-safe.
//
// Errors are INVALID_ARGUMENT naming the flag, for example
//   --max-rate: USD has 2 decimal places, got "25.001"
#pragma once

#include <google/protobuf/descriptor.h>

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vendormatch/v1/matching_service.pb.h"
#include "vendormatch/v1/provider.pb.h"
#include "vendormatch/v1/requirement.pb.h"

namespace vendormatch::ctl {

// Flag name (without dashes) -> every value given, in order.
using FlagValues = std::map<std::string, std::vector<std::string>>;

// A flag these functions read, for the command table's usage text.
struct InputFlag {
  const char* name;
  const char* value_name;  // Empty for a boolean flag.
  const char* help;
};

// Parses "CUR:AMOUNT" ("USD:25.00", "usd:25", "JPY:1500") into minor units
// with the currency's minor digits (FindCurrency): USD:25.00 -> 2500,
// USD:25.5 -> 2550. The amount is non-negative, with at most the currency's
// decimals, and fits int64. `flag` names the flag in errors.
absl::StatusOr<vendormatch::v1::Money> ParseMoneyFlag(absl::string_view flag,
                                                      absl::string_view text);

// The number of an enum value given by its short name ("kpo", "High",
// "nearshore") or full name ("SERVICE_MODEL_KPO"), in any case. The
// *_UNSPECIFIED value is refused. The error lists the accepted short names.
absl::StatusOr<int> ParseEnumFlag(absl::string_view flag,
                                  const google::protobuf::EnumDescriptor& type,
                                  absl::string_view text);

// "rate=30" items (repeatable) -> weight by plugin. Weights are finite and
// non-negative; a plugin given twice is an error. `flag` names the flag.
absl::StatusOr<std::map<std::string, double>> ParseWeightFlags(
    absl::string_view flag, const std::vector<std::string>& items);

// "profiles/balanced" or "balanced" -> "profiles/balanced"; empty stays
// empty.
std::string ProfileName(absl::string_view name_or_id);

// ---------------------------------------------------------------------------
// Requirements.

// The quick requirement flags: service, client-country, client-tz, model,
// delivery, max-rate, headcount, start, cert, language, industry,
// min-rating, min-overlap, collaboration. Lists (service, delivery, cert,
// language) are repeatable and also take comma-separated values.
const std::vector<InputFlag>& RequirementFlags();

// The part of a requirement that flags set.
struct RequirementOverlay {
  vendormatch::v1::Requirement values;
  std::vector<std::string> fields;  // Requirement fields set (proto names), in flag order.
  bool empty() const { return fields.empty(); }
};

// Reads the RequirementFlags() among `given` (others are ignored).
absl::StatusOr<RequirementOverlay> ParseRequirementFlags(const FlagValues& given);

// Sets each field of `overlay` in `requirement`: a flag replaces what a file
// said, lists and messages included.
void ApplyRequirementOverlay(const RequirementOverlay& overlay,
                             vendormatch::v1::Requirement& requirement);

// ---------------------------------------------------------------------------
// Work characteristics (advise).

// routine, volume, complexity, expertise, collaboration, sensitivity
// (low|medium|high), driver (cost|insight|balanced), and the booleans core
// and structured-metrics.
const std::vector<InputFlag>& WorkFlags();

// Reads the WorkFlags() among `given`; a boolean's value is "true" or
// "false".
absl::StatusOr<vendormatch::v1::WorkCharacteristics> ParseWorkFlags(const FlagValues& given);

}  // namespace vendormatch::ctl
