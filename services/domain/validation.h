// Validation of providers as admins send them. Pure functions over protos;
// thread-safe; no I/O beyond reading zoneinfo files (see ValidateProvider).
#pragma once

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/field_violations.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

// Limits checked by ValidateProvider (lengths count Unicode code points;
// certification issuers use kMaxNameLength).
inline constexpr int kMaxNameLength = 200;          // display_name, legal_name
inline constexpr int kMaxDescriptionLength = 4000;  // description
inline constexpr int kMaxCityLength = 100;
inline constexpr int kMaxListSize = 200;  // services, languages, industries, ...
inline constexpr int kMaxDeliveryCenters = 100;
inline constexpr int kMaxSeats = 1'000'000;                       // headcount, seats per centre
inline constexpr int64_t kMaxHourlyRateMinorUnits = 100'000'000;  // 1,000,000.00 per hour
inline constexpr int kMaxQualificationLength = 100;               // talent.qualifications[i]
inline constexpr int kMaxEngagementMonths = 120;  // minimum_engagement.duration_months
inline constexpr int64_t kMaxMonthlyValueMinorUnits =
    100'000'000'000'000;  // 10^12 in 2-digit units

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
//
// Also, beyond that list: names, cities, issuers and qualifications are single
// lines (no control characters); a list longer than kMaxListSize (or
// kMaxDeliveryCenters) gets one violation on the list and its entries are not
// checked; languages, industries, certifications (same code, issue and expiry
// dates), declared_delivery_models, service_models, shift days and rate_card
// entries (same service and seniority) must not repeat; a rate_card service
// must be one of the provider's services; a shift needs start and end times and
// at least one day ("24:00:00" is allowed as an end time); a time zone must be
// an IANA name that exists under $TZDIR or /usr/share/zoneinfo (so "localtime",
// "Fixed/..." and paths are rejected); dates must be full (year, month and day
// set). Qualifications are free text: unknown ones are accepted.
//
// The only I/O is a stat of each zone's zoneinfo file and Abseil reading it the
// first time the zone is seen (Abseil caches zones for the process's life).
void ValidateProvider(const vendormatch::v1::Provider& provider, FieldViolations& out);

// Loads `name` into `zone` when it is a time zone ValidateProvider accepts
// for a delivery centre: an IANA name ('/'-separated letters, digits, '_',
// '+', '-'; not "localtime", not Abseil's "Fixed/..." names, not a path)
// whose zoneinfo file exists. False otherwise, without asking Abseil (which
// would open any path it is given, and caches every name it is asked for).
// Thread-safe.
bool LoadIanaTimeZone(absl::string_view name, absl::TimeZone* zone);

// Lower-cases and canonicalises what has one canonical form (language tags to
// RFC 5646 case: "es-MX", "zh-Hant-TW"; country and currency codes to upper
// case; certification, industry and service codes, including rate_card
// services, to upper case; known qualifications to their canonical spelling,
// "phd" to "PhD"). Trims surrounding ASCII whitespace from every input string;
// output-only fields (name, etag, ...) are left alone, and no absent message
// is created. Call before ValidateProvider so that "ph" is accepted as "PH".
// Never fails.
void NormalizeProvider(vendormatch::v1::Provider& provider);

}  // namespace vendormatch
