// Part of the plugin SDK: how a provider holds a dated code (a certification,
// a diversity classification) over an engagement, and the dates in words.
// Plugins include it themselves (vendormatch/plugin_sdk.h does not). Pure
// functions; thread-safe.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::sdk {

// How a provider holds one code over an engagement, nearest to passing
// first (so the best of several copies is the smallest).
enum class Holding : uint8_t {
  kValid,            // a copy valid on the start day and through `through`
  kExpiresInWindow,  // valid on the start day, lapses before `through`
  kValidFrom,        // issued after the start day, on or before `end`
  kExpired,          // lapsed before the start day
  kMissing,          // none of these
};

// How `copies` hold `code` for an engagement starting on `start` that needs
// it valid through `through` (start for the start day alone); `end` is the
// engagement's last day (kNoDay: none), the latest issue day kValidFrom
// counts.
inline Holding HoldingOf(std::span<const DatedCode> copies, Symbol code, DayNumber start,
                         DayNumber through, DayNumber end) {
  Holding best = Holding::kMissing;
  for (const DatedCode& copy : copies) {
    if (copy.code != code) continue;
    Holding h = Holding::kMissing;
    if (copy.ValidOn(start)) {
      h = copy.expires == kNoDay || copy.expires >= through ? Holding::kValid
                                                            : Holding::kExpiresInWindow;
    } else if (copy.ExpiredOn(start)) {
      h = Holding::kExpired;
    } else if (end != kNoDay && copy.issued != kNoDay && copy.issued <= end) {
      h = Holding::kValidFrom;
    }
    best = std::min(best, h);
  }
  return best;
}

// The latest last day among `code`'s copies valid on `start` (kNoDay when
// one never expires, or none is valid then).
inline DayNumber LatestExpiryFrom(std::span<const DatedCode> copies, Symbol code, DayNumber start) {
  DayNumber latest = kNoDay;
  bool any = false;
  for (const DatedCode& copy : copies) {
    if (copy.code != code || !copy.ValidOn(start)) continue;
    if (copy.expires == kNoDay) return kNoDay;
    latest = any ? std::max(latest, copy.expires) : copy.expires;
    any = true;
  }
  return latest;
}

// The latest last day among `code`'s copies expired before `start` (kNoDay
// for none).
inline DayNumber LatestExpiryBefore(std::span<const DatedCode> copies, Symbol code,
                                    DayNumber start) {
  DayNumber latest = kNoDay;
  for (const DatedCode& copy : copies) {
    if (copy.code != code || !copy.ExpiredOn(start)) continue;
    latest = latest == kNoDay ? copy.expires : std::max(latest, copy.expires);
  }
  return latest;
}

// The earliest issue day after `start` among `code`'s copies (kNoDay for
// none).
inline DayNumber EarliestIssueAfter(std::span<const DatedCode> copies, Symbol code,
                                    DayNumber start) {
  DayNumber earliest = kNoDay;
  for (const DatedCode& copy : copies) {
    if (copy.code != code || copy.issued == kNoDay || copy.issued <= start) continue;
    earliest = earliest == kNoDay ? copy.issued : std::min(earliest, copy.issued);
  }
  return earliest;
}

// "2027-01-04".
inline std::string DateText(DayNumber day) { return absl::FormatCivilTime(CivilDayOf(day)); }

// A span of days in words: "1 day", "10 days", "7 weeks" (14 days or more,
// rounded to whole weeks).
inline std::string DaysText(DayNumber days) {
  if (days < 14) return absl::StrCat(days, days == 1 ? " day" : " days");
  return absl::StrCat(std::llround(days / 7.0), " weeks");
}

}  // namespace vendormatch::sdk
