// The List filter's comparisons (services/domain/filter.h) as a
// parameterised SQL condition over the providers table. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "services/domain/filter.h"

namespace vendormatch {

// A SQL boolean condition and the text parameters it refers to as
// $first_param, $first_param+1, ... Empty `sql` means "no condition".
struct SqlCondition {
  std::string sql;
  std::vector<std::string> params;
  bool constrains_status = false;  // true when some comparison is on status
};

// Translates parsed comparisons into a condition over the providers table
// (columns: status, headquarters_country, display_name, and text[] columns
// service_models, services, delivery_countries, certifications, languages,
// industries, delivery_models). Values never enter the SQL text: each
// comparison becomes one parenthesised term on the next parameter, e.g.
//   (status = $3) AND (NOT (services @> ARRAY[$4]::text[]))
// (array terms use @> so the GIN indexes serve them). A comparison whose field
// is unknown (not built by ParseProviderFilter) becomes (FALSE) and takes no
// parameter.
SqlCondition ToSqlCondition(const std::vector<FilterComparison>& comparisons, int first_param);

}  // namespace vendormatch
