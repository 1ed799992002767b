#include <algorithm>
#include <cmath>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/domain/names.h"
#include "services/storage/memory_internal.h"

namespace vendormatch::memory {
namespace {

using v1::Provider;

constexpr int64_t kMicrosPerSecond = 1'000'000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::vector<std::string> SortedUnique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

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
  for (int m : p.service_models()) {
    e->service_models.push_back(ServiceModelName(static_cast<v1::ServiceModel>(m)));
  }
  e->services.assign(p.services().begin(), p.services().end());
  for (const auto& c : p.delivery_centers()) e->delivery_countries.push_back(c.country_code());
  for (const auto& c : p.certifications()) e->certifications.push_back(c.code());
  for (const std::string& tag : p.languages()) {
    // "es-MX" is found by both "es-mx" and its primary language "es".
    const std::string lower = absl::AsciiStrToLower(tag);
    e->languages.push_back(lower.substr(0, lower.find('-')));
    e->languages.push_back(lower);
  }
  e->industries.assign(p.industries().begin(), p.industries().end());
  for (int d : p.declared_delivery_models()) {
    e->delivery_models.push_back(DeliveryModelName(static_cast<v1::DeliveryModel>(d)));
  }
  for (auto* column : {&e->service_models, &e->services, &e->delivery_countries, &e->certifications,
                       &e->languages, &e->industries, &e->delivery_models}) {
    *column = SortedUnique(std::move(*column));
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
  const bool negate = c.op == FilterOp::kNotEqual;
  const std::string* scalar = nullptr;
  if (c.field == "status") scalar = &e.status;
  if (c.field == "country") scalar = &e.provider.headquarters_country();
  if (c.field == "display_name") scalar = &e.provider.display_name();
  if (scalar != nullptr) return (*scalar == c.value) != negate;
  static const std::map<std::string, std::vector<std::string> ProviderEntry::*> kArrays = {
      {"service_model", &ProviderEntry::service_models},
      {"service", &ProviderEntry::services},
      {"delivery_country", &ProviderEntry::delivery_countries},
      {"certification", &ProviderEntry::certifications},
      {"language", &ProviderEntry::languages},
      {"industry", &ProviderEntry::industries},
      {"delivery_model", &ProviderEntry::delivery_models},
  };
  const auto array = kArrays.find(c.field);
  if (array == kArrays.end()) return false;  // unknown field: (FALSE), whatever the op
  const std::vector<std::string>& column = e.*(array->second);
  return std::binary_search(column.begin(), column.end(), c.value) != negate;
}

}  // namespace vendormatch::memory
