// Validation of providers as admins send them. Pure functions over protos;
// thread-safe; no I/O.
#pragma once

#include "services/common/field_violations.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

// Limits checked by ValidateProvider.
inline constexpr int kMaxNameLength = 200;         // display_name, legal_name
inline constexpr int kMaxDescriptionLength = 4000;  // description
inline constexpr int kMaxCityLength = 100;
inline constexpr int kMaxListSize = 200;            // services, languages, industries, ...
inline constexpr int kMaxDeliveryCenters = 100;
inline constexpr int kMaxSeats = 1'000'000;         // headcount, seats per centre
inline constexpr int64_t kMaxHourlyRateMinorUnits = 100'000'000;  // 1,000,000.00 per hour

// Adds to `out` one violation per bad field of `provider`, with paths relative
// to the provider ("delivery_centers[0].time_zone"). Output-only fields
// (name, create_time, update_time, revision, etag) are not checked. Checks:
// required fields present; lengths; countries (ISO 3166-1 alpha-2) and
// currencies (ISO 4217) known; IANA time zones loadable by Abseil; BCP 47
// language tags; services in the catalogue, no duplicates, each service's
// model listed in service_models; enum values known and not UNSPECIFIED;
// money non-negative and at most kMaxHourlyRateMinorUnits per hour; headcount
// and seats_available within 0..kMaxSeats; certification codes known, issue_date <= expiry_date,
// valid calendar dates; shifts have start != end; a round-the-clock centre has
// no shifts; rating 0..5, percents 0..100; status not OFFBOARDED.
void ValidateProvider(const vendormatch::v1::Provider& provider, FieldViolations& out);

// Lower-cases and canonicalises what has one canonical form (language tags to
// RFC 5646 case: "es-MX", "zh-Hant-TW"; country and currency codes to upper
// case; certification and industry codes to upper case). Call before
// ValidateProvider so that "ph" is accepted as "PH". Never fails.
void NormalizeProvider(vendormatch::v1::Provider& provider);

}  // namespace vendormatch
