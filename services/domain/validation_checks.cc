// The small checks of validation_internal.h, and LoadIanaTimeZone.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "services/domain/reference_data.h"
#include "services/domain/validation.h"
#include "services/domain/validation_internal.h"

namespace vendormatch {
namespace {

using ::vendormatch::v1::Money;

constexpr size_t kMaxTimeZoneLength = 64;
constexpr int64_t kMaxQuotedChars = 64;  // of a bad value echoed in a violation

bool HasControlChars(absl::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// IANA names are '/'-separated components of letters, digits, '_', '+', '-'
// ("America/Argentina/Buenos_Aires", "Etc/GMT+5"). This rules out paths,
// "..", Abseil's "Fixed/UTC+hh:mm" names and the "localtime" alias.
bool IsIanaZoneName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxTimeZoneLength || name == "localtime" ||
      absl::StartsWith(name, "Fixed/")) {
    return false;
  }
  for (absl::string_view part : absl::StrSplit(name, '/')) {
    if (part.empty() || part[0] == '-' || part[0] == '+') return false;
    for (char c : part) {
      if (!absl::ascii_isalnum(c) && c != '_' && c != '+' && c != '-') return false;
    }
  }
  return true;
}

// Abseil remembers every name it is asked to load, even failures; checking
// that the zoneinfo file exists first keeps junk names out of that cache.
bool ZoneFileExists(absl::string_view name) {
  const char* tzdir = std::getenv("TZDIR");
  const std::filesystem::path dir =
      tzdir != nullptr && *tzdir != '\0' ? tzdir : "/usr/share/zoneinfo";
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / std::string(name), ec);
}

}  // namespace

namespace validation_internal {

// ---------------------------------------------------------------------------
// Paths and small checks shared by every section.

std::string Index(absl::string_view field, int i) { return absl::StrCat(field, "[", i, "]"); }
std::string Child(absl::string_view parent, absl::string_view field) {
  return absl::StrCat(parent, ".", field);
}

// Unicode code points in `s` (proto3 strings are valid UTF-8).
int64_t CharCount(absl::string_view s) {
  int64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// `value` in double quotes for a violation's description: escaped (control
// characters, quotes) and cut to kMaxQuotedChars code points, since admins
// may send anything.
std::string Quoted(absl::string_view value) {
  size_t end = 0;
  for (int64_t chars = 0; end < value.size(); ++end) {
    const bool starts_char = (static_cast<unsigned char>(value[end]) & 0xC0) != 0x80;
    if (starts_char && ++chars > kMaxQuotedChars) break;
  }
  const bool cut = end < value.size();
  return absl::StrCat("\"", absl::Utf8SafeCHexEscape(value.substr(0, end)), cut ? "..." : "", "\"");
}

// Records "is required" and returns false when `value` is blank.
bool Require(absl::string_view path, absl::string_view value, FieldViolations& out) {
  if (!absl::StripAsciiWhitespace(value).empty()) return true;
  out.Add(path, "is required");
  return false;
}

// A length-limited single-line text field.
void CheckLine(absl::string_view path, absl::string_view value, int max_chars, bool required,
               FieldViolations& out) {
  if (required && !Require(path, value, out)) return;
  if (const int64_t n = CharCount(value); n > max_chars) {
    out.Add(path, absl::StrCat("must be at most ", max_chars, " characters, got ", n));
  } else if (HasControlChars(value)) {
    out.Add(path, "must not contain control characters (line breaks, tabs, ...)");
  }
}

void CheckRange(absl::string_view path, int64_t value, int64_t lo, int64_t hi,
                FieldViolations& out) {
  if (value < lo || value > hi) {
    out.Add(path, absl::StrCat("must be between ", lo, " and ", hi, ", got ", value));
  }
}

// Like CheckRange, for doubles such as ratings and percents.
void CheckRealRange(absl::string_view path, double value, double lo, double hi,
                    FieldViolations& out) {
  if (!(value >= lo && value <= hi)) {  // also catches NaN
    out.Add(path, absl::StrFormat("must be between %g and %g, got %g", lo, hi, value));
  }
}

// False, with a violation, when a list is longer than `max`; its entries are
// then not checked one by one.
bool CheckListSize(absl::string_view path, int size, int max, FieldViolations& out) {
  if (size <= max) return true;
  out.Add(path, absl::StrCat("must have at most ", max, " entries, got ", size));
  return false;
}

void CheckCountry(absl::string_view path, absl::string_view code, FieldViolations& out) {
  if (!Require(path, code, out)) return;
  if (!FindCountry(code)) {
    out.Add(path, absl::StrCat("unknown ISO 3166-1 alpha-2 country ", Quoted(code)));
  }
}

// Money: a known currency and 0 <= minor_units <= max.
void CheckMoney(absl::string_view path, const Money& money, int64_t max, FieldViolations& out) {
  const std::string currency_path = Child(path, "currency_code");
  if (Require(currency_path, money.currency_code(), out) && !FindCurrency(money.currency_code())) {
    out.Add(currency_path,
            absl::StrCat("unknown ISO 4217 currency ", Quoted(money.currency_code())));
  }
  CheckRange(Child(path, "minor_units"), money.minor_units(), 0, max, out);
}

// ---------------------------------------------------------------------------
// Dates and times.

std::string FormatDate(const google::type::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

// True when `d` is a full, real calendar date; otherwise adds a violation.
bool CheckDate(absl::string_view path, const google::type::Date& d, FieldViolations& out) {
  if (d.year() == 0 || d.month() == 0 || d.day() == 0) {
    out.Add(path, "must be a full date (year, month and day all set)");
    return false;
  }
  if (d.year() < 1 || d.year() > 9999 || d.month() < 1 || d.month() > 12 || d.day() < 1 ||
      d.day() > DaysInMonth(d.year(), d.month())) {
    out.Add(path, absl::StrCat("not a valid calendar date: ", FormatDate(d)));
    return false;
  }
  return true;
}

int64_t DateKey(const google::type::Date& d) {
  return (int64_t{d.year()} * 100 + d.month()) * 100 + d.day();
}

std::string FormatTime(const google::type::TimeOfDay& t) {
  return absl::StrFormat("%02d:%02d:%02d", t.hours(), t.minutes(), t.seconds());
}

int64_t NanosOfDay(const google::type::TimeOfDay& t) {
  return ((int64_t{t.hours()} * 60 + t.minutes()) * 60 + t.seconds()) * 1'000'000'000 + t.nanos();
}

// True when `t` is a valid time of day; "24:00:00" only when `allow_24`.
bool IsValidTimeOfDay(const google::type::TimeOfDay& t, bool allow_24) {
  if (allow_24 && t.hours() == 24) return t.minutes() == 0 && t.seconds() == 0 && t.nanos() == 0;
  return t.hours() >= 0 && t.hours() <= 23 && t.minutes() >= 0 && t.minutes() <= 59 &&
         t.seconds() >= 0 && t.seconds() <= 59 && t.nanos() >= 0 && t.nanos() <= 999'999'999;
}

void CheckTimeZone(absl::string_view path, absl::string_view name, FieldViolations& out) {
  if (!Require(path, name, out)) return;
  absl::TimeZone zone;
  if (!LoadIanaTimeZone(name, &zone)) {
    out.Add(path, absl::StrCat("unknown IANA time zone ", Quoted(name)));
  }
}

}  // namespace validation_internal

bool LoadIanaTimeZone(absl::string_view name, absl::TimeZone* zone) {
  return IsIanaZoneName(name) && ZoneFileExists(name) && absl::LoadTimeZone(name, zone);
}

}  // namespace vendormatch
