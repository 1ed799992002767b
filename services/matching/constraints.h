// The buyer's side of a requirement as constraints that can be loosened:
// their names, how firm the buyer says each is, and the changes that
// loosen them (sdk::Change of the buyer-side kinds), applied to a copy of
// the wire requirement and worded for people. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/field_violations.h"
#include "services/matching/pipeline.h"
#include "vendormatch/v1/requirement.pb.h"

namespace vendormatch {

// The constraint names ConstraintPreference accepts: "services",
// "service_model", "delivery_models", "rate_ceiling", "headcount",
// "certifications", "certifications_valid_through_end", "languages",
// "industry", "min_rating", "min_overlap_hours"; "certifications" and
// "languages" also take ":CODE" for one entry.
const std::vector<std::string>& ConstraintNames();

// Checks requirement.constraint_preferences against `r`: a known name
// (with ":CODE", one the requirement lists), no name twice, priority
// within -100..100. Adds violations named
// "requirement.constraint_preferences[i].<field>" to `out`.
void CheckConstraintPreferences(const v1::Requirement& r, FieldViolations& out);

struct Preference {
  bool firm = false;
  int priority = 0;
};
// How firm `constraint` is ("certifications:ISO27001" falls back to
// "certifications"); negotiable with priority 0 when not listed.
Preference PreferenceOf(const v1::Requirement& r, const std::string& constraint);

// The constraint a buyer-side change loosens ("rate_ceiling",
// "certifications:ISO27001"), or "" for a provider-side change.
std::string ConstraintOf(const NamedChange& change);

// Applies a buyer-side change to `r` (with `drop`, removes its numeric
// constraint). Returns false (and leaves `r` alone) when it changes
// nothing: the ceiling is already that high, the model already accepted,
// the code not listed.
bool ApplyToRequirement(const NamedChange& change, v1::Requirement& r);

// The change in words: "raise the rate ceiling to USD 38.00/h", "also
// accept nearshore delivery", "a rate at or below USD 30.00/h for
// PAYROLL", "renew ISO27001 valid through 2027-06-30". `r` is the
// requirement it changes (for "lower" or "raise").
std::string DescribeChange(const NamedChange& change, const v1::Requirement& r);

// "USD 38.00" from minor units of a currency code.
std::string FormatAmount(const std::string& currency, int64_t minor_units);

}  // namespace vendormatch
