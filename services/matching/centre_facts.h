// What the matching framework derives per (requirement, delivery centre)
// before any plugin runs: the centre's delivery model relative to the client,
// the time-zone distance, the daily overlap of business hours, and which of a
// provider's centres decides the provider's delivery model.
//
// Delivery model of a centre for a client (first rule that holds):
//   same country                                   -> ONSHORE   "same_country"
//   the countries share a land border              -> NEARSHORE "shared_border"
//   the countries are in the same M49 sub-region   -> NEARSHORE "same_subregion"
//   |client - centre UTC offset| <= N hours        -> NEARSHORE "time_zone_distance"
//   otherwise                                      -> OFFSHORE  "farther"
// (geography.h defines borders and sub-regions.) Country codes are compared
// as given: the framework passes upper-case ISO codes; an unknown code is
// never bordering nor in a sub-region, so only the same-country and
// time-zone rules can apply to it. UTC offsets are read at 12:00 client-local
// time on the start date, so daylight saving is honoured.
//
// Overlap: over the 7 civil days starting on the start date in the client's
// zone, the time (on absolute time, so DST changes that week count) when the
// client works and the centre is open, divided by the number of those days on
// which the client works. Overlapping shifts are merged, never double counted.
// A client shift that starts on the 7th day and runs past midnight counts in
// full. Empty hours mean 09:00-17:00 Monday to Friday, for the client as for
// a centre; a round-the-clock centre is always open.
//
// Shifts are as in the SDK: `days` bit d = weekday d (0 = Monday), minutes
// from local midnight (0..1440), end <= start runs into the next day (so
// start == end is 24 hours). Out-of-range minutes are not rejected here (the
// framework validates requirements and providers) and are taken literally.
//
// Rules are string literals (static storage). Everything here is pure,
// thread-safe and keeps no state; CentreFactsCalculator::Facts allocates
// nothing for realistic inputs (up to 8 shifts a day on either side). The
// matching pipeline asks once per kind of centre (country, zone, hours) per
// match, not once per centre.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/matching/dictionary.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::matching {

struct FactsOptions {
  // The time-zone rule's N: centres at most this many hours from the client
  // are nearshore. Negative disables the rule.
  int max_nearshore_hours = 3;
};

struct DeliveryJudgement {
  sdk::DeliveryModel model = sdk::DeliveryModel::kUnspecified;
  const char* rule = "";
  double hours_apart = 0;  // |client offset - centre offset| at the reference instant
};

// 12:00 client-local time on `start_date`: the instant UTC offsets are read at.
absl::Time OffsetReferenceInstant(absl::CivilDay start_date, absl::TimeZone client_zone);

// The delivery model of a centre in `centre_country`/`centre_zone` for a
// client in `client_country`/`client_zone`, with offsets read at `at`.
DeliveryJudgement DeliveryModelFor(absl::string_view client_country, absl::TimeZone client_zone,
                                   absl::string_view centre_country, absl::TimeZone centre_zone,
                                   absl::Time at, int max_nearshore_hours);

// The average daily overlap, in hours, of `client_hours` (in `client_zone`)
// with `centre`'s hours over the week starting on `start_date`; 0 when the
// client works on no day.
double DailyOverlapHours(std::span<const sdk::Shift> client_hours, absl::TimeZone client_zone,
                         const CentreKind& centre, absl::CivilDay start_date);

// The index of the deciding centre among a provider's centre `facts`, or -1
// when it has none: among the centres whose delivery model
// `accepted_models` accepts (0 accepts all), the closest: ONSHORE before
// NEARSHORE before OFFSHORE, then fewer hours apart, then more overlap, then
// the lower index. When no centre is accepted the closest of all decides
// (the delivery-model filter then rejects the provider).
int DecidingCentre(std::span<const sdk::CentreFacts> facts, uint8_t accepted_models);

// Centre facts for one requirement: what depends on the requirement alone
// (the client's working week, the reference instant and the client's UTC
// offset) is computed once, at construction; Facts() then judges one kind
// of centre. `req` must outlive it; Facts() is const and safe from several
// threads. `client_country` is the requirement's country code as text.
class CentreFactsCalculator {
 public:
  CentreFactsCalculator(const sdk::Requirement& req, absl::string_view client_country,
                        const FactsOptions& options);
  ~CentreFactsCalculator();
  // `country` is the centre's country code as text.
  sdk::CentreFacts Facts(const CentreKind& centre, absl::string_view country) const;

 private:
  struct State;
  std::unique_ptr<const State> state_;
};

// Fills `facts` (resized) for every centre of a provider and returns the
// deciding centre (DecidingCentre). One-off convenience over
// CentreFactsCalculator; `countries[i]` is centres[i]'s country as text.
int ComputeCentreFacts(const sdk::Requirement& req, absl::string_view client_country,
                       std::span<const CentreKind> centres,
                       std::span<const absl::string_view> countries, const FactsOptions& options,
                       std::vector<sdk::CentreFacts>& facts);

}  // namespace vendormatch::matching
