#include "services/storage/filter_sql.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "services/storage/provider_columns.h"

namespace vendormatch {
namespace {

// One comparison as SQL over `c`'s column, referring to parameter $n.
std::string ComparisonSql(const FilterColumn& c, FilterOp op, int n) {
  const bool negate = op == FilterOp::kNotEqual;
  if (!c.is_array) return absl::StrCat("(", c.column, negate ? " <> $" : " = $", n, ")");
  // `column @> ARRAY[$n]` ("contains") rather than `$n = ANY(column)` so that
  // the column's GIN index can serve it.
  const std::string contains = absl::StrCat(c.column, " @> ARRAY[$", n, "]::text[]");
  return negate ? absl::StrCat("(NOT (", contains, "))") : absl::StrCat("(", contains, ")");
}

}  // namespace

SqlCondition ToSqlCondition(const std::vector<FilterComparison>& comparisons, int first_param) {
  SqlCondition condition;
  std::vector<std::string> parts;
  for (const FilterComparison& comparison : comparisons) {
    if (comparison.field == "status") condition.constrains_status = true;
    const FilterColumn* column = FindFilterColumn(comparison.field);
    if (column == nullptr) {
      // Not from ParseProviderFilter: fail closed, and never put the name
      // into the SQL.
      parts.push_back("(FALSE)");
      continue;
    }
    const int n = first_param + static_cast<int>(condition.params.size());
    parts.push_back(ComparisonSql(*column, comparison.op, n));
    condition.params.push_back(comparison.value);
  }
  condition.sql = absl::StrJoin(parts, " AND ");
  return condition;
}

}  // namespace vendormatch
