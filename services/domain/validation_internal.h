// Internal to vm_domain: the small checks ValidateProvider's sections share
// (field paths, quoting, lengths, ranges, repeats, countries, money, dates,
// times of day, time zones), defined in validation_checks.cc. Each adds its
// violations to `out` with `path` as the field; none does I/O except
// CheckTimeZone (see LoadIanaTimeZone in validation.h). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/type/date.pb.h"
#include "google/type/timeofday.pb.h"
#include "services/common/field_violations.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch::validation_internal {

// "field[i]".
std::string Index(absl::string_view field, int i);
// "parent.field".
std::string Child(absl::string_view parent, absl::string_view field);

// Unicode code points in `s` (proto3 strings are valid UTF-8).
int64_t CharCount(absl::string_view s);

// `value` in double quotes for a violation's description: escaped (control
// characters, quotes) and cut to 64 code points, since admins may send
// anything.
std::string Quoted(absl::string_view value);

// Records "is required" and returns false when `value` is blank.
bool Require(absl::string_view path, absl::string_view value, FieldViolations& out);

// A length-limited single-line text field: at most `max_chars` code points,
// no control characters; blank is a violation only when `required`.
void CheckLine(absl::string_view path, absl::string_view value, int max_chars, bool required,
               FieldViolations& out);

// lo <= value <= hi.
void CheckRange(absl::string_view path, int64_t value, int64_t lo, int64_t hi,
                FieldViolations& out);

// Like CheckRange, for doubles such as ratings and percents (NaN fails).
void CheckRealRange(absl::string_view path, double value, double lo, double hi,
                    FieldViolations& out);

// False, with a violation, when a list is longer than `max`; its entries are
// then not checked one by one.
bool CheckListSize(absl::string_view path, int size, int max, FieldViolations& out);

// Remembers the first index of each key, to report repeats.
class FirstSeen {
 public:
  // The index where `key` was first seen, or nullopt (and records `index`).
  std::optional<int> Check(const std::string& key, int index) {
    auto [it, inserted] = first_.emplace(key, index);
    if (inserted) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, int> first_;
};

// A required, known ISO 3166-1 alpha-2 country code.
void CheckCountry(absl::string_view path, absl::string_view code, FieldViolations& out);

// Money: a known currency and 0 <= minor_units <= max.
void CheckMoney(absl::string_view path, const vendormatch::v1::Money& money, int64_t max,
                FieldViolations& out);

// "YYYY-MM-DD", as given (not checked).
std::string FormatDate(const google::type::Date& d);

// True when `d` is a full, real calendar date; otherwise adds a violation.
bool CheckDate(absl::string_view path, const google::type::Date& d, FieldViolations& out);

// A number that orders dates as the calendar does (for checked dates).
int64_t DateKey(const google::type::Date& d);

// "HH:MM:SS", as given (not checked).
std::string FormatTime(const google::type::TimeOfDay& t);

// Nanoseconds since midnight.
int64_t NanosOfDay(const google::type::TimeOfDay& t);

// True when `t` is a valid time of day; "24:00:00" only when `allow_24`.
bool IsValidTimeOfDay(const google::type::TimeOfDay& t, bool allow_24);

// A required time zone that LoadIanaTimeZone accepts.
void CheckTimeZone(absl::string_view path, absl::string_view name, FieldViolations& out);

}  // namespace vendormatch::validation_internal
