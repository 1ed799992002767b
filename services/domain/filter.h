// The List filter language (a subset of AIP-160), parsed into comparisons
// (storage translates them: services/storage/filter_sql.h). Pure; thread-safe.
//
//   filter     := comparison ( "AND" comparison )*
//   comparison := field op value
//   op         := "=" | "!=" | ":"        (":" means "has", same as "=")
//   value      := "quoted string" | bare_word   (bare: letters, digits, _ - .)
//
// Fields and values (values are case-insensitive where the domain is):
//   status            PENDING | ACTIVE | SUSPENDED | OFFBOARDED (or STATUS_ACTIVE ...)
//   service_model     BPO | KPO (or SERVICE_MODEL_BPO ...)
//   service           a catalogue code, e.g. CUSTOMER_SUPPORT
//   country           headquarters country, ISO 3166-1 alpha-2
//   delivery_country  country of any delivery centre
//   certification     a certification code, e.g. ISO27001
//   language          BCP 47 tag; "es" also matches "es-MX"
//   industry          an industry code, e.g. BANKING
//   delivery_model    ONSHORE | NEARSHORE | OFFSHORE (declared)
//   display_name      exact display name
//   classification    a supplier-diversity classification the provider holds,
//                     e.g. WOMEN_OWNED (valid or not)
// "AND" is case-sensitive as in AIP-160; whitespace separates tokens. Field
// names are case-sensitive (lower case). Quoted strings use "..." or '...';
// inside either, \" \' and \\ are the only escapes. OR, NOT, a leading "-",
// parentheses and <, <=, >, >= are rejected as not supported. A filter holds
// at most 2000 characters and 50 comparisons; an empty value ("") and a
// display_name over 200 characters are rejected.
//
// On an array field (all but status, country and display_name) "=" and ":"
// mean "has the value" and "!=" means "does not have it"; on the others they
// are plain (in)equality. Positions and lengths count characters (UTF-8 code
// points), not bytes.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch {

enum class FilterOp { kEqual, kNotEqual, kHas };

// One parsed comparison; `value` is already normalised (e.g. "ACTIVE",
// "KPO", "PH", "es-mx" lower-cased for languages). `position` is the 1-based
// column of the field name in the filter string.
struct FilterComparison {
  std::string field;
  FilterOp op;
  std::string value;
  int position;
};

// Parses `filter`. An empty or all-blank filter gives an empty list. Errors:
// INVALID_ARGUMENT with a google.rpc.BadRequest violation on field "filter"
// whose description starts with "position N:" (1-based column of the
// offending token, or length+1 at the end of the filter) and says what was
// expected or which field/value is unknown, e.g.
//   position 10: unknown status "ACTIVATED"; expected one of PENDING, ...
// Only the leftmost error is reported.
absl::StatusOr<std::vector<FilterComparison>> ParseProviderFilter(absl::string_view filter);

}  // namespace vendormatch
