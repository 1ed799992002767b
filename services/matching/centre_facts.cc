#include "services/matching/centre_facts.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>

#include "absl/container/inlined_vector.h"
#include "services/matching/geography.h"

namespace vendormatch::matching {
namespace {

constexpr int64_t kSecondsPerDay = 24 * 60 * 60;
constexpr int kDaysPerWeek = 7;
constexpr uint8_t kAllDays = 0x7F;
constexpr absl::CivilSecond kUnixEpoch(1970, 1, 1, 0, 0, 0);
constexpr absl::CivilDay kUnixEpochDay(1970, 1, 1);
constexpr int kUnixEpochWeekday = 3;  // 1970-01-01 was a Thursday; 0 = Monday
// 09:00-17:00 Monday to Friday, for empty hours.
constexpr sdk::Shift kDefaultHours[] = {{0x1F, 9 * 60, 17 * 60}};
// Every civil time we convert lies within this much of the client's week.
constexpr absl::Duration kMargin = absl::Hours(72);
// Up to 8 shifts a day over the ~10 days generated stay on the stack.
constexpr size_t kInlineIntervals = 80;

struct Interval {
  absl::Time begin;
  absl::Time end;
};
using Intervals = absl::InlinedVector<Interval, kInlineIntervals>;

std::span<const sdk::Shift> OrDefault(std::span<const sdk::Shift> shifts) {
  return shifts.empty() ? std::span<const sdk::Shift>(kDefaultHours) : shifts;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Weekday of a local day number (days since 1970-01-01), 0 = Monday.
int WeekdayOf(int64_t day) {
  return static_cast<int>(((day % kDaysPerWeek) + kDaysPerWeek + kUnixEpochWeekday) % kDaysPerWeek);
}

// Converts between absolute time and local time in a zone, as "local
// seconds" (civil seconds since 1970-01-01T00:00 local), within [from, to]:
// by one fixed offset when the zone has no transition there (the common case:
// no zone lookups, no civil-time arithmetic), else through the zone's rules.
class ZoneClock {
 public:
  ZoneClock(absl::TimeZone zone, absl::Time from, absl::Time to) : zone_(zone) {
    offset_ = zone.At(from).offset;
    absl::TimeZone::CivilTransition next;
    fixed_ = !zone.NextTransition(from, &next) || zone.At(next.to).trans > to;
  }

  int OffsetAt(absl::Time t) const { return fixed_ ? offset_ : zone_.At(t).offset; }

  absl::Time ToTime(int64_t local_seconds) const {
    if (fixed_) return absl::FromUnixSeconds(local_seconds - offset_);
    return absl::FromCivil(kUnixEpoch + local_seconds, zone_);
  }

  // The local day number (days since 1970-01-01 local) of `t`.
  int64_t ToDay(absl::Time t) const {
    const int64_t local =
        fixed_ ? absl::ToUnixSeconds(t) + offset_ : absl::ToCivilSecond(t, zone_) - kUnixEpoch;
    return FloorDiv(local, kSecondsPerDay);
  }

 private:
  absl::TimeZone zone_;
  int offset_ = 0;
  bool fixed_ = false;
};

// Appends the absolute intervals of `shifts` on local days [first, last].
void AddShifts(std::span<const sdk::Shift> shifts, int64_t first, int64_t last,
               const ZoneClock& clock, Intervals& out) {
  for (int64_t day = first; day <= last; ++day) {
    const int weekday = WeekdayOf(day);
    const int64_t midnight = day * kSecondsPerDay;
    for (const sdk::Shift& shift : shifts) {
      if (((shift.days >> weekday) & 1) == 0) continue;
      const int64_t start = shift.start_minute;
      const int64_t end = shift.end_minute <= shift.start_minute
                              ? shift.end_minute + kSecondsPerDay / 60
                              : shift.end_minute;
      const Interval interval{clock.ToTime(midnight + start * 60),
                              clock.ToTime(midnight + end * 60)};
      if (interval.begin < interval.end) out.push_back(interval);
    }
  }
}

// Sorts `intervals` and merges the ones that overlap or touch.
void Normalize(Intervals& intervals) {
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
  size_t kept = 0;
  for (const Interval& interval : intervals) {
    if (kept > 0 && interval.begin <= intervals[kept - 1].end) {
      intervals[kept - 1].end = std::max(intervals[kept - 1].end, interval.end);
    } else {
      intervals[kept++] = interval;
    }
  }
  intervals.resize(kept);
}

absl::Duration Length(const Intervals& intervals) {
  absl::Duration total;
  for (const Interval& interval : intervals) total += interval.end - interval.begin;
  return total;
}

// Both normalised.
absl::Duration Intersection(const Intervals& a, const Intervals& b) {
  absl::Duration total;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const absl::Time begin = std::max(a[i].begin, b[j].begin);
    const absl::Time end = std::min(a[i].end, b[j].end);
    if (begin < end) total += end - begin;
    if (a[i].end < b[j].end) {
      ++i;
    } else {
      ++j;
    }
  }
  return total;
}

// The client's working hours over the start-date week, computed once per
// requirement and intersected with each centre's hours.
class ClientWeek {
 public:
  ClientWeek(std::span<const sdk::Shift> client_hours, absl::TimeZone zone,
             absl::CivilDay start_date)
      : from_(absl::FromCivil(start_date, zone) - kMargin),
        // Shifts of the last day may run into the next one.
        to_(absl::FromCivil(start_date + (kDaysPerWeek + 1), zone) + kMargin) {
    const std::span<const sdk::Shift> shifts = OrDefault(client_hours);
    uint8_t days = 0;
    for (const sdk::Shift& shift : shifts) days |= shift.days;
    working_days_ = std::popcount(static_cast<uint8_t>(days & kAllDays));
    const int64_t first = start_date - kUnixEpochDay;
    AddShifts(shifts, first, first + (kDaysPerWeek - 1), Clock(zone), hours_);
    Normalize(hours_);
  }

  // A clock for `zone` valid over this week (and its start date's noon).
  ZoneClock Clock(absl::TimeZone zone) const { return ZoneClock(zone, from_, to_); }

  // `clock` is Clock(centre.time_zone).
  double DailyOverlapHours(const CentreKind& centre, const ZoneClock& clock) const {
    if (working_days_ == 0 || hours_.empty()) return 0;
    const absl::Duration overlap =
        centre.round_the_clock ? Length(hours_) : OverlapWith(centre, clock);
    return absl::ToDoubleHours(overlap) / working_days_;
  }

 private:
  absl::Duration OverlapWith(const CentreKind& centre, const ZoneClock& clock) const {
    // From the day before the first client hour (a shift running past
    // midnight) to the day of the last.
    Intervals open;
    AddShifts(OrDefault(centre.shifts), clock.ToDay(hours_.front().begin) - 1,
              clock.ToDay(hours_.back().end), clock, open);
    Normalize(open);
    return Intersection(hours_, open);
  }

  absl::Time from_;
  absl::Time to_;
  Intervals hours_;
  int working_days_ = 0;
};

DeliveryJudgement Judge(absl::string_view client_country, int client_offset,
                        absl::string_view centre_country, int centre_offset,
                        int max_nearshore_hours) {
  DeliveryJudgement judgement;
  judgement.hours_apart = std::abs(client_offset - centre_offset) / 3600.0;
  if (!client_country.empty() && client_country == centre_country) {
    judgement.model = sdk::DeliveryModel::kOnshore;
    judgement.rule = "same_country";
    return judgement;
  }
  judgement.model = sdk::DeliveryModel::kNearshore;
  if (ShareLandBorder(client_country, centre_country)) {
    judgement.rule = "shared_border";
  } else if (SameSubregion(client_country, centre_country)) {
    judgement.rule = "same_subregion";
  } else if (judgement.hours_apart <= max_nearshore_hours) {
    judgement.rule = "time_zone_distance";
  } else {
    judgement.model = sdk::DeliveryModel::kOffshore;
    judgement.rule = "farther";
  }
  return judgement;
}

// True when centre facts `a` are strictly closer to the client than `b`.
bool Closer(const sdk::CentreFacts& a, const sdk::CentreFacts& b) {
  if (a.delivery_model != b.delivery_model) return a.delivery_model < b.delivery_model;
  if (a.hours_apart != b.hours_apart) return a.hours_apart < b.hours_apart;
  return a.overlap_hours > b.overlap_hours;
}

bool Accepted(uint8_t mask, sdk::DeliveryModel model) {
  return mask == 0 || (mask & sdk::Bit(model)) != 0;
}

}  // namespace

absl::Time OffsetReferenceInstant(absl::CivilDay start_date, absl::TimeZone client_zone) {
  return absl::FromCivil(absl::CivilHour(start_date) + 12, client_zone);
}

DeliveryJudgement DeliveryModelFor(absl::string_view client_country, absl::TimeZone client_zone,
                                   absl::string_view centre_country, absl::TimeZone centre_zone,
                                   absl::Time at, int max_nearshore_hours) {
  return Judge(client_country, client_zone.At(at).offset, centre_country, centre_zone.At(at).offset,
               max_nearshore_hours);
}

double DailyOverlapHours(std::span<const sdk::Shift> client_hours, absl::TimeZone client_zone,
                         const CentreKind& centre, absl::CivilDay start_date) {
  const ClientWeek week(client_hours, client_zone, start_date);
  return week.DailyOverlapHours(centre, week.Clock(centre.time_zone));
}

int DecidingCentre(std::span<const sdk::CentreFacts> facts, uint8_t accepted_models) {
  int closest = -1;
  int closest_accepted = -1;
  for (size_t i = 0; i < facts.size(); ++i) {
    const sdk::CentreFacts& f = facts[i];
    const int index = static_cast<int>(i);
    if (closest < 0 || Closer(f, facts[closest])) closest = index;
    if (Accepted(accepted_models, f.delivery_model) &&
        (closest_accepted < 0 || Closer(f, facts[closest_accepted]))) {
      closest_accepted = index;
    }
  }
  return closest_accepted >= 0 ? closest_accepted : closest;
}

struct CentreFactsCalculator::State {
  State(const sdk::Requirement& r, absl::string_view country, const FactsOptions& o)
      : client_country(country),
        options(o),
        at(OffsetReferenceInstant(r.start_date, r.client_time_zone)),
        client_offset(r.client_time_zone.At(at).offset),
        week(r.client_hours, r.client_time_zone, r.start_date) {}
  const std::string client_country;
  const FactsOptions options;
  const absl::Time at;
  const int client_offset;
  const ClientWeek week;
};

CentreFactsCalculator::CentreFactsCalculator(const sdk::Requirement& req,
                                             absl::string_view client_country,
                                             const FactsOptions& options)
    : state_(std::make_unique<const State>(req, client_country, options)) {}

CentreFactsCalculator::~CentreFactsCalculator() = default;

sdk::CentreFacts CentreFactsCalculator::Facts(const CentreKind& centre,
                                              absl::string_view country) const {
  const State& s = *state_;
  const ZoneClock clock = s.week.Clock(centre.time_zone);
  const DeliveryJudgement judgement = Judge(s.client_country, s.client_offset, country,
                                            clock.OffsetAt(s.at), s.options.max_nearshore_hours);
  sdk::CentreFacts f;
  f.delivery_model = judgement.model;
  f.rule = judgement.rule;
  f.hours_apart = judgement.hours_apart;
  f.overlap_hours = s.week.DailyOverlapHours(centre, clock);
  return f;
}

int ComputeCentreFacts(const sdk::Requirement& req, absl::string_view client_country,
                       std::span<const CentreKind> centres,
                       std::span<const absl::string_view> countries, const FactsOptions& options,
                       std::vector<sdk::CentreFacts>& facts) {
  const CentreFactsCalculator calculator(req, client_country, options);
  facts.clear();
  for (size_t i = 0; i < centres.size(); ++i) {
    facts.push_back(calculator.Facts(centres[i], countries[i]));
  }
  return DecidingCentre(facts, req.delivery_models);
}

}  // namespace vendormatch::matching
