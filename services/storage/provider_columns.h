// The columns of the providers table that List filters and orders on,
// derived from a record: what PostgresStorage writes and MemoryStorage keeps.
// The list fields come from vendormatch/provider_fields.inc, so a field added
// there gets its column (and a migration adds it to the table). Pure.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

// One text[] column: its name and the record's values, sorted, no repeats.
struct ArrayColumn {
  std::string name;
  std::vector<std::string> values;
};

// The array columns of `p`: service_models, delivery_countries,
// delivery_models, then one per list field of provider_fields.inc (its
// codes; a language tag also under its primary subtag, lower case).
std::vector<ArrayColumn> ArrayColumnsOf(const v1::Provider& p);

// The names ArrayColumnsOf gives, in its order.
const std::vector<std::string>& ArrayColumnNames();

// The column a List filter field compares ("service" -> "services"), and
// whether it is an array; nullptr for an unknown field.
struct FilterColumn {
  std::string field;   // as the filter names it
  std::string column;  // of the providers table
  bool is_array = false;
};
const FilterColumn* FindFilterColumn(absl::string_view field);

}  // namespace vendormatch
