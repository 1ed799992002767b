#include <algorithm>
#include <cmath>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/domain/names.h"
#include "services/storage/memory_internal.h"
#include "services/storage/provider_columns.h"

namespace vendormatch::memory {
namespace {

using v1::Provider;

constexpr int64_t kMicrosPerSecond = 1'000'000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

// The microseconds PostgreSQL stores for the text TimeUtil::ToString makes of
// `t`: its ParseFractionalSecond takes rint(strtod(".fraction") * 1e6), and
// nanos / 1e9 is that same double (both operands are exact).
int64_t PgMicros(const google::protobuf::Timestamp& t) {
  const int32_t nanos = t.nanos();
  const int64_t micros =
      nanos % 1000 == 0 ? nanos / 1000 : static_cast<int64_t>(std::rint(nanos / 1e9 * 1e6));
  return t.seconds() * kMicrosPerSecond + micros;
}

void SetTimestamp(int64_t micros, google::protobuf::Timestamp* out) {
  const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>((micros - seconds * kMicrosPerSecond) * 1000));
}

// timestamptz::text with TimeZone UTC: "2026-01-02 03:04:05.1+00" (trailing
// zeros of the fraction dropped, no fraction when whole). Years 1 to 9999.
std::string PgTimestampText(int64_t micros) {
  const int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  const absl::CivilSecond c =
      absl::ToCivilSecond(absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  char text[128];
  std::snprintf(text, sizeof text, "%04lld-%02d-%02d %02d:%02d:%02d",
                static_cast<long long>(c.year()), c.month(), c.day(), c.hour(), c.minute(),
                c.second());
  std::string out = text;
  if (const int64_t fraction = micros - seconds * kMicrosPerSecond; fraction != 0) {
    std::snprintf(text, sizeof text, ".%06lld", static_cast<long long>(fraction));
    out += text;
    while (out.back() == '0') out.pop_back();
  }
  return out + "+00";
}

// ---- rows ----

std::shared_ptr<const ProviderEntry> MakeProviderEntry(const Provider& p) {
  auto e = std::make_shared<ProviderEntry>();
  e->provider = p;
  e->status = StatusName(p.status());
  for (ArrayColumn& column : ArrayColumnsOf(p)) {
    e->arrays.emplace(std::move(column.name), std::move(column.values));
  }
  e->create_key = PgTimestampText(PgMicros(p.create_time()));
  e->update_key = PgTimestampText(PgMicros(p.update_time()));
  return e;
}

// The CHECK constraints of the providers table.
absl::Status CheckProviderRow(const ProviderEntry& e) {
  static const std::set<std::string> kStatuses = {"PENDING", "ACTIVE", "SUSPENDED", "OFFBOARDED"};
  if (!kStatuses.contains(e.status)) {
    return absl::InternalError(absl::StrCat("providers: status \"", e.status, "\" violates CHECK (",
                                            e.provider.name(), ")"));
  }
  if (e.provider.revision() < 1) {
    return absl::InternalError(
        absl::StrCat("providers: revision < 1 violates CHECK (", e.provider.name(), ")"));
  }
  return absl::OkStatus();
}

// One comparison of a ProviderQuery, as ToSqlCondition would have
// PostgreSQL evaluate it.
bool Matches(const ProviderEntry& e, const FilterComparison& c) {
  const FilterColumn* column = FindFilterColumn(c.field);
  if (column == nullptr) return false;  // unknown field: (FALSE), whatever the op
  const bool negate = c.op == FilterOp::kNotEqual;
  if (!column->is_array) {
    const std::string& value = c.field == "status"    ? e.status
                               : c.field == "country" ? e.provider.headquarters_country()
                                                      : e.provider.display_name();
    return (value == c.value) != negate;
  }
  const auto array = e.arrays.find(column->column);
  if (array == e.arrays.end()) return false;
  return std::binary_search(array->second.begin(), array->second.end(), c.value) != negate;
}

}  // namespace vendormatch::memory
