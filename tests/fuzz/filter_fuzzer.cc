// Fuzzes the List filter language (services/domain/filter.h): the input is
// the filter string. Beyond "no crash, no undefined behaviour", the promises
// of filter.h:
//  - an error is INVALID_ARGUMENT with one violation on "filter" whose
//    description starts with "position N:", N within 1..length+1 (in
//    characters), and it can be sent back when the filter is valid UTF-8;
//  - a parsed filter has at most 50 comparisons, each on a known field with
//    a non-empty value, at increasing positions;
//  - the SQL holds only fixed text and placeholders $first..$first+n-1, each
//    once, with one parameter per comparison: values never enter the SQL;
//  - values are normalised: writing the comparisons back as a filter (values
//    quoted) parses to the same comparisons.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "fuzz_util.h"
#include "services/domain/filter.h"
#include "services/storage/filter_sql.h"

using namespace vendormatch;        // NOLINT
using namespace vendormatch::fuzz;  // NOLINT

namespace {

constexpr int kFirstParam = 3;

int CharCount(absl::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

const char* OpText(FilterOp op) {
  switch (op) {
    case FilterOp::kEqual:
      return "=";
    case FilterOp::kNotEqual:
      return "!=";
    case FilterOp::kHas:
      return ":";
  }
  return "?";
}

std::string Quote(absl::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Describe(const std::vector<FilterComparison>& comparisons) {
  return absl::StrJoin(comparisons, " AND ", [](std::string* out, const FilterComparison& c) {
    absl::StrAppend(out, c.field, OpText(c.op), Quote(c.value), "@", c.position);
  });
}

void CheckError(absl::string_view filter, const absl::Status& status) {
  const std::string context = absl::StrCat("filter ", Quote(filter), ": ", status.ToString());
  Check(status.code() == absl::StatusCode::kInvalidArgument, "error is not INVALID_ARGUMENT",
        context);
  const std::vector<FieldViolation> violations = ViolationsOf(status);
  Check(violations.size() == 1 && violations[0].field == "filter",
        "error is not one violation on \"filter\"", context);
  absl::string_view description = violations[0].description;
  Check(absl::ConsumePrefix(&description, "position "), "description lacks \"position N:\"",
        context);
  const size_t colon = description.find(':');
  int position = 0;
  Check(
      colon != absl::string_view::npos && absl::SimpleAtoi(description.substr(0, colon), &position),
      "description lacks \"position N:\"", context);
  const int limit = std::max(CharCount(filter), 2000) + 1;
  Check(position >= 1 && position <= limit, "error position out of range", context);
  if (IsValidUtf8(filter)) CheckStatusSendable(status, context);
}

void CheckSql(const std::vector<FilterComparison>& comparisons) {
  const SqlCondition sql = ToSqlCondition(comparisons, kFirstParam);
  const std::string context = absl::StrCat(Describe(comparisons), "\nSQL: ", sql.sql);
  Check(sql.params.size() == comparisons.size(), "not one parameter per comparison", context);
  bool on_status = false;
  for (size_t i = 0; i < comparisons.size(); ++i) {
    on_status |= comparisons[i].field == "status";
    Check(sql.params[i] == comparisons[i].value, "parameter is not the comparison's value",
          context);
  }
  Check(sql.constrains_status == on_status, "constrains_status is wrong", context);
  for (char c : sql.sql) {
    const bool fixed = absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                       absl::string_view(" _()$@<>=[]:").find(c) != absl::string_view::npos;
    Check(fixed, "unexpected character in the SQL", context);
  }
  for (size_t i = 0; i < comparisons.size(); ++i) {
    const std::string placeholder = absl::StrCat("$", kFirstParam + i);
    size_t count = 0;
    for (size_t at = sql.sql.find(placeholder); at != std::string::npos;
         at = sql.sql.find(placeholder, at + 1)) {
      const size_t end = at + placeholder.size();
      if (end == sql.sql.size() || !absl::ascii_isdigit(static_cast<unsigned char>(sql.sql[end]))) {
        ++count;
      }
    }
    Check(count == 1, "placeholder not used exactly once", context);
  }
  Check(absl::StrContains(sql.sql, absl::StrCat("$", kFirstParam + comparisons.size())) == false,
        "placeholder beyond the parameters", context);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  QuietProtobuf();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view filter = AsText(data, size);
  absl::StatusOr<std::vector<FilterComparison>> parsed = ParseProviderFilter(filter);
  if (!parsed.ok()) {
    CheckError(filter, parsed.status());
    return 0;
  }
  const std::vector<FilterComparison>& comparisons = *parsed;
  const std::string context =
      absl::StrCat("filter ", Quote(filter), "\nparsed: ", Describe(comparisons));
  Check(comparisons.size() <= 50, "more than 50 comparisons", context);
  int last_position = 0;
  for (const FilterComparison& c : comparisons) {
    Check(!c.value.empty(), "empty value", context);
    Check(IsValidUtf8(c.value), "value is not valid UTF-8", context);
    Check(c.position > last_position && c.position <= CharCount(filter),
          "positions not increasing within the filter", context);
    last_position = c.position;
  }
  CheckSql(comparisons);

  // Written back with quoted values, the comparisons parse to themselves.
  std::string again =
      absl::StrJoin(comparisons, " AND ", [](std::string* out, const FilterComparison& c) {
        absl::StrAppend(out, c.field, " ", OpText(c.op), " ", Quote(c.value));
      });
  if (CharCount(again) > 2000) return 0;  // quotes made it too long to compare
  absl::StatusOr<std::vector<FilterComparison>> reparsed = ParseProviderFilter(again);
  Check(reparsed.ok(), "a parsed filter, written back, does not parse",
        absl::StrCat(context, "\nwritten back: ", again, "\n", reparsed.status().ToString()));
  Check(reparsed->size() == comparisons.size(), "written back, a different number of comparisons",
        context);
  for (size_t i = 0; i < comparisons.size(); ++i) {
    const FilterComparison& a = comparisons[i];
    const FilterComparison& b = (*reparsed)[i];
    Check(a.field == b.field && a.op == b.op && a.value == b.value,
          "written back, a comparison changed",
          absl::StrCat(context, "\nreparsed: ", Describe(*reparsed)));
  }
  return 0;
}
