#include "services/domain/validation.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "google/api/field_behavior.pb.h"
#include "google/type/date.pb.h"
#include "google/type/dayofweek.pb.h"
#include "google/type/timeofday.pb.h"
#include "services/domain/catalog.h"
#include "services/domain/code_kinds.h"
#include "services/domain/reference_data.h"

namespace vendormatch {
namespace {

using ::google::protobuf::RepeatedField;
using ::google::protobuf::RepeatedPtrField;
using ::vendormatch::v1::DeliveryCenter;
using ::vendormatch::v1::Money;
using ::vendormatch::v1::Provider;
using ::vendormatch::v1::Rate;
using ::vendormatch::v1::Shift;

constexpr size_t kMaxTimeZoneLength = 64;
constexpr int64_t kMaxQuotedChars = 64;  // of a bad value echoed in a violation

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

bool HasControlChars(absl::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
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

// Enum entries: defined, not UNSPECIFIED (value 0), no repeats.
template <typename IsValid, typename Name>
void CheckEnumList(absl::string_view path, const RepeatedField<int>& values, absl::string_view what,
                   IsValid is_valid, Name name, FieldViolations& out) {
  if (!CheckListSize(path, values.size(), kMaxListSize, out)) return;
  FirstSeen seen;
  for (int i = 0; i < values.size(); ++i) {
    const int v = values[i];
    const std::string entry = Index(path, i);
    if (!is_valid(v)) {
      out.Add(entry, absl::StrCat("unknown ", what, " value ", v));
    } else if (v == 0) {
      out.Add(entry, absl::StrCat(what, " must be set, ", name(v), " is not allowed"));
    } else if (auto first = seen.Check(std::to_string(v), i)) {
      out.Add(entry, absl::StrCat("duplicate ", what, " ", name(v), " (also at ",
                                  Index(path, *first), ")"));
    }
  }
}

// Codes from a reference table: required, known, no repeats.
template <typename Find>
void CheckCodeList(absl::string_view path, const RepeatedPtrField<std::string>& codes,
                   absl::string_view what, absl::string_view not_found_hint, Find find,
                   FieldViolations& out) {
  if (!CheckListSize(path, codes.size(), kMaxListSize, out)) return;
  FirstSeen seen;
  for (int i = 0; i < codes.size(); ++i) {
    const std::string entry = Index(path, i);
    if (!Require(entry, codes[i], out)) continue;
    if (!find(codes[i])) {
      out.Add(entry, absl::StrCat("unknown ", what, " ", Quoted(codes[i]), not_found_hint));
    } else if (auto first = seen.Check(codes[i], i)) {
      out.Add(entry, absl::StrCat("duplicate ", what, " ", Quoted(codes[i]), " (also at ",
                                  Index(path, *first), ")"));
    }
  }
}

// ---------------------------------------------------------------------------
// Dates and times.

std::string FormatDate(const google::type::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
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

void CheckTimeZone(absl::string_view path, absl::string_view name, FieldViolations& out) {
  if (!Require(path, name, out)) return;
  absl::TimeZone zone;
  if (!LoadIanaTimeZone(name, &zone)) {
    out.Add(path, absl::StrCat("unknown IANA time zone ", Quoted(name)));
  }
}

// ---------------------------------------------------------------------------
// Sections of a provider.

void CheckIdentity(const Provider& p, FieldViolations& out) {
  CheckLine("display_name", p.display_name(), kMaxNameLength, /*required=*/true, out);
  CheckLine("legal_name", p.legal_name(), kMaxNameLength, /*required=*/true, out);
  CheckCountry("headquarters_country", p.headquarters_country(), out);
  if (!Provider::Status_IsValid(p.status())) {
    out.Add("status", absl::StrCat("unknown status value ", p.status()));
  } else if (p.status() == Provider::STATUS_OFFBOARDED) {
    out.Add("status", "must not be STATUS_OFFBOARDED: a provider is offboarded only by deletion");
  }
  if (const int64_t n = CharCount(p.description()); n > kMaxDescriptionLength) {
    out.Add("description",
            absl::StrCat("must be at most ", kMaxDescriptionLength, " characters, got ", n));
  }
}

void CheckServiceModels(const Provider& p, FieldViolations& out) {
  if (p.service_models().empty()) {
    out.Add("service_models", "at least one service model is required");
    return;
  }
  CheckEnumList(
      "service_models", p.service_models(), "service model", v1::ServiceModel_IsValid,
      [](int v) { return v1::ServiceModel_Name(static_cast<v1::ServiceModel>(v)); }, out);
}

bool OffersModel(const Provider& p, v1::ServiceModel model) {
  for (int m : p.service_models()) {
    if (m == model) return true;
  }
  return false;
}

void CheckServices(const Provider& p, FieldViolations& out) {
  if (p.services().empty()) {
    out.Add("services", "at least one service is required");
    return;
  }
  CheckCodeList("services", p.services(), "service", " (not in the service catalogue)",
                FindCatalogService, out);
  // Without service_models that field's own violation says enough.
  if (p.services_size() > kMaxListSize || p.service_models().empty()) return;
  for (int i = 0; i < p.services_size(); ++i) {
    const CatalogService* service = FindCatalogService(p.services(i));
    if (service == nullptr || OffersModel(p, service->service_model)) continue;
    const std::string model = v1::ServiceModel_Name(service->service_model);
    absl::string_view short_model = model;
    absl::ConsumePrefix(&short_model, "SERVICE_MODEL_");
    out.Add(Index("services", i),
            absl::StrCat("service ", Quoted(service->code), " is ", short_model,
                         " work but service_models does not include ", model));
  }
}

void CheckShift(absl::string_view path, const Shift& shift, FieldViolations& out) {
  const std::string days = Child(path, "days");
  if (shift.days().empty()) out.Add(days, "at least one day is required");
  CheckEnumList(
      days, shift.days(), "day of week", google::type::DayOfWeek_IsValid,
      [](int v) { return google::type::DayOfWeek_Name(v); }, out);
  const std::string start = Child(path, "start_time");
  const std::string end = Child(path, "end_time");
  bool times_ok = true;
  if (!shift.has_start_time()) {
    out.Add(start, "is required");
    times_ok = false;
  } else if (!IsValidTimeOfDay(shift.start_time(), /*allow_24=*/false)) {
    out.Add(start, absl::StrCat("not a valid time of day: ", FormatTime(shift.start_time())));
    times_ok = false;
  }
  if (!shift.has_end_time()) {
    out.Add(end, "is required");
    times_ok = false;
  } else if (!IsValidTimeOfDay(shift.end_time(), /*allow_24=*/true)) {
    out.Add(end, absl::StrCat("not a valid time of day: ", FormatTime(shift.end_time())));
    times_ok = false;
  }
  if (times_ok && NanosOfDay(shift.start_time()) == NanosOfDay(shift.end_time())) {
    out.Add(end, absl::StrCat("must differ from start_time (", FormatTime(shift.start_time()),
                              "); use round_the_clock for 24-hour cover"));
  }
}

void CheckDeliveryCenter(absl::string_view path, const DeliveryCenter& c, FieldViolations& out) {
  CheckCountry(Child(path, "country_code"), c.country_code(), out);
  CheckLine(Child(path, "city"), c.city(), kMaxCityLength, /*required=*/true, out);
  CheckTimeZone(Child(path, "time_zone"), c.time_zone(), out);
  CheckRange(Child(path, "headcount"), c.headcount(), 0, kMaxSeats, out);
  CheckRange(Child(path, "seats_available"), c.seats_available(), 0, kMaxSeats, out);
  const std::string shifts = Child(path, "shifts");
  if (c.round_the_clock() && !c.shifts().empty()) {
    out.Add(shifts, "a round-the-clock centre must not declare shifts");
    return;
  }
  if (!CheckListSize(shifts, c.shifts_size(), kMaxListSize, out)) return;
  for (int i = 0; i < c.shifts_size(); ++i) CheckShift(Index(shifts, i), c.shifts(i), out);
}

void CheckDeliveryCenters(const Provider& p, FieldViolations& out) {
  if (p.delivery_centers().empty()) {
    out.Add("delivery_centers", "at least one delivery centre is required");
    return;
  }
  if (!CheckListSize("delivery_centers", p.delivery_centers_size(), kMaxDeliveryCenters, out)) {
    return;
  }
  for (int i = 0; i < p.delivery_centers_size(); ++i) {
    CheckDeliveryCenter(Index("delivery_centers", i), p.delivery_centers(i), out);
  }
}

void CheckLanguages(const Provider& p, FieldViolations& out) {
  if (!CheckListSize("languages", p.languages_size(), kMaxListSize, out)) return;
  FirstSeen seen;
  for (int i = 0; i < p.languages_size(); ++i) {
    const std::string& tag = p.languages(i);
    const std::string path = Index("languages", i);
    if (!IsValidLanguageTag(tag)) {
      out.Add(path, absl::StrCat("invalid BCP 47 language tag ", Quoted(tag)));
    } else if (auto first = seen.Check(absl::AsciiStrToLower(tag), i)) {
      out.Add(path, absl::StrCat("duplicate language ", Quoted(tag), " (also at ",
                                 Index("languages", *first), ")"));
    }
  }
}

// Whether `field` of a message is marked (google.api.field_behavior) = REQUIRED.
bool IsRequired(const google::protobuf::FieldDescriptor& field) {
  const auto& options = field.options();
  for (int i = 0; i < options.ExtensionSize(google::api::field_behavior); ++i) {
    if (options.GetExtension(google::api::field_behavior, i) == google::api::REQUIRED) return true;
  }
  return false;
}

// Checks one dated item's own fields (repeats are checked by the caller): a
// known code of `kind`, its dates (expiry not before issue), and its other
// strings (required as the proto marks them).
template <typename Item>
void CheckDatedItem(absl::string_view path, sdk::CodeKind kind, const Item& item,
                    FieldViolations& out) {
  const CodeKindInfo& info = InfoOf(kind);
  const std::string code = Child(path, "code");
  if (Require(code, item.code(), out) && !info.known(item.code())) {
    out.Add(code, absl::StrCat("unknown ", info.what, " ", Quoted(item.code())));
  }
  for (const auto* f : ExtraStringFields(*Item::descriptor())) {
    CheckLine(Child(path, f->name()), item.GetReflection()->GetString(item, f), kMaxNameLength,
              IsRequired(*f), out);
  }
  const bool issue_ok =
      item.has_issue_date() && CheckDate(Child(path, "issue_date"), item.issue_date(), out);
  const bool expiry_ok =
      item.has_expiry_date() && CheckDate(Child(path, "expiry_date"), item.expiry_date(), out);
  if (issue_ok && expiry_ok && DateKey(item.issue_date()) > DateKey(item.expiry_date())) {
    out.Add(Child(path, "expiry_date"),
            absl::StrCat("expiry date ", FormatDate(item.expiry_date()), " is before issue date ",
                         FormatDate(item.issue_date())));
  }
}

// Same code and same validity period; unset dates count as "-".
template <typename Item>
std::string DatedKey(const Item& item) {
  return absl::StrCat(item.code(), "|", item.has_issue_date() ? FormatDate(item.issue_date()) : "-",
                      "|", item.has_expiry_date() ? FormatDate(item.expiry_date()) : "-");
}

// A dated list of provider_fields.inc: each item, and no item twice.
template <typename Items>
void CheckDatedList(absl::string_view field, sdk::CodeKind kind, const Items& items,
                    FieldViolations& out) {
  if (!CheckListSize(field, items.size(), kMaxListSize, out)) return;
  FirstSeen seen;
  for (int i = 0; i < items.size(); ++i) {
    const std::string path = Index(field, i);
    CheckDatedItem(path, kind, items[i], out);
    if (auto first = seen.Check(DatedKey(items[i]), i)) {
      out.Add(path,
              absl::StrCat("duplicate ", InfoOf(kind).what, " ", Quoted(items[i].code()),
                           " with the same validity period (also at ", Index(field, *first), ")"));
    }
  }
}

bool HasService(const Provider& p, absl::string_view code) {
  for (const std::string& s : p.services()) {
    if (s == code) return true;
  }
  return false;
}

void CheckRate(absl::string_view path, const Rate& rate, const Provider& p, FieldViolations& out) {
  const std::string service = Child(path, "service");
  if (!rate.service().empty()) {
    if (!FindCatalogService(rate.service())) {
      out.Add(service, absl::StrCat("unknown service ", Quoted(rate.service()),
                                    " (not in the service catalogue)"));
    } else if (!HasService(p, rate.service())) {
      out.Add(service, absl::StrCat("service ", Quoted(rate.service()),
                                    " is not among the provider's services"));
    }
  }
  if (!v1::Seniority_IsValid(rate.seniority())) {
    out.Add(Child(path, "seniority"), absl::StrCat("unknown seniority value ", rate.seniority()));
  }
  const std::string hourly = Child(path, "hourly_rate");
  if (!rate.has_hourly_rate()) {
    out.Add(hourly, "is required");
  } else {
    CheckMoney(hourly, rate.hourly_rate(), kMaxHourlyRateMinorUnits, out);
  }
}

void CheckRateCard(const Provider& p, FieldViolations& out) {
  if (!CheckListSize("rate_card", p.rate_card_size(), kMaxListSize, out)) return;
  FirstSeen seen;
  for (int i = 0; i < p.rate_card_size(); ++i) {
    const Rate& rate = p.rate_card(i);
    const std::string path = Index("rate_card", i);
    CheckRate(path, rate, p, out);
    const std::string key = absl::StrCat(rate.service(), "|", rate.seniority());
    if (auto first = seen.Check(key, i)) {
      const std::string service = rate.service().empty() ? "all services" : Quoted(rate.service());
      out.Add(path, absl::StrCat("duplicate rate for ", service, " and ",
                                 v1::Seniority_Name(rate.seniority()), " (also at ",
                                 Index("rate_card", *first), ")"));
    }
  }
}

void CheckMinimumEngagement(const Provider& p, FieldViolations& out) {
  if (!p.has_minimum_engagement()) return;
  const v1::MinimumEngagement& m = p.minimum_engagement();
  CheckRange("minimum_engagement.headcount", m.headcount(), 0, kMaxSeats, out);
  CheckRange("minimum_engagement.duration_months", m.duration_months(), 0, kMaxEngagementMonths,
             out);
  if (m.has_monthly_value()) {
    CheckMoney("minimum_engagement.monthly_value", m.monthly_value(), kMaxMonthlyValueMinorUnits,
               out);
  }
}

void CheckQualityAndTalent(const Provider& p, FieldViolations& out) {
  CheckRealRange("quality.rating", p.quality().rating(), 0.0, 5.0, out);
  if (p.quality().review_count() < 0) {
    out.Add("quality.review_count",
            absl::StrCat("must not be negative, got ", p.quality().review_count()));
  }
  CheckRealRange("quality.sla_attainment_percent", p.quality().sla_attainment_percent(), 0.0, 100.0,
                 out);
  CheckRealRange("talent.qualified_staff_percent", p.talent().qualified_staff_percent(), 0.0, 100.0,
                 out);
  const auto& qualifications = p.talent().qualifications();
  if (!CheckListSize("talent.qualifications", qualifications.size(), kMaxListSize, out)) return;
  FirstSeen seen;
  for (int i = 0; i < qualifications.size(); ++i) {
    const std::string path = Index("talent.qualifications", i);
    CheckLine(path, qualifications[i], kMaxQualificationLength, /*required=*/true, out);
    if (auto first = seen.Check(absl::AsciiStrToLower(qualifications[i]), i)) {
      out.Add(path, absl::StrCat("duplicate qualification ", Quoted(qualifications[i]),
                                 " (also at ", Index("talent.qualifications", *first), ")"));
    }
  }
}

// ---------------------------------------------------------------------------
// Normalisation.

void Trim(std::string* s) { absl::StripAsciiWhitespace(s); }

void TrimUpper(std::string* s) {
  absl::StripAsciiWhitespace(s);
  absl::AsciiStrToUpper(s);
}

void TrimUpperAll(RepeatedPtrField<std::string>* list) {
  for (std::string& s : *list) TrimUpper(&s);
}

void NormalizeDeliveryCenter(DeliveryCenter& c) {
  TrimUpper(c.mutable_country_code());
  Trim(c.mutable_city());
  Trim(c.mutable_time_zone());
}

void NormalizeQualification(std::string* s) {
  Trim(s);
  if (auto known = FindQualification(*s)) *s = std::string(known->code);
}

// Upper-cases the code and trims the item's other strings.
template <typename Item>
void NormalizeDatedItem(Item& item) {
  TrimUpper(item.mutable_code());
  for (const auto* f : ExtraStringFields(*Item::descriptor())) {
    std::string value = item.GetReflection()->GetString(item, f);
    Trim(&value);
    item.GetReflection()->SetString(&item, f, std::move(value));
  }
}

}  // namespace

bool LoadIanaTimeZone(absl::string_view name, absl::TimeZone* zone) {
  return IsIanaZoneName(name) && ZoneFileExists(name) && absl::LoadTimeZone(name, zone);
}

void ValidateProvider(const Provider& provider, FieldViolations& out) {
  CheckIdentity(provider, out);
  CheckServiceModels(provider, out);
  CheckServices(provider, out);
  CheckDeliveryCenters(provider, out);
  CheckLanguages(provider, out);
#define VM_CODE_LIST(name, filter, index, kind)
#define VM_DATED_LIST(name, filter, index, kind) \
  CheckDatedList(#name, sdk::CodeKind::kind, provider.name(), out);
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  CheckCodeList("industries", provider.industries(), "industry", "", FindIndustry, out);
  CheckRateCard(provider, out);
  CheckMinimumEngagement(provider, out);
  CheckQualityAndTalent(provider, out);
  CheckEnumList(
      "declared_delivery_models", provider.declared_delivery_models(), "delivery model",
      v1::DeliveryModel_IsValid,
      [](int v) { return v1::DeliveryModel_Name(static_cast<v1::DeliveryModel>(v)); }, out);
}

void NormalizeProvider(Provider& provider) {
  Trim(provider.mutable_display_name());
  Trim(provider.mutable_legal_name());
  Trim(provider.mutable_description());
  TrimUpper(provider.mutable_headquarters_country());
  TrimUpperAll(provider.mutable_services());
  TrimUpperAll(provider.mutable_industries());
  for (DeliveryCenter& c : *provider.mutable_delivery_centers()) NormalizeDeliveryCenter(c);
  for (std::string& tag : *provider.mutable_languages()) {
    Trim(&tag);
    tag = CanonicalizeLanguageTag(tag);
  }
#define VM_CODE_LIST(name, filter, index, kind)
#define VM_DATED_LIST(name, filter, index, kind) \
  for (auto& item : *provider.mutable_##name()) NormalizeDatedItem(item);
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  for (Rate& rate : *provider.mutable_rate_card()) {
    TrimUpper(rate.mutable_service());
    if (rate.has_hourly_rate()) TrimUpper(rate.mutable_hourly_rate()->mutable_currency_code());
  }
  if (provider.has_minimum_engagement() && provider.minimum_engagement().has_monthly_value()) {
    TrimUpper(
        provider.mutable_minimum_engagement()->mutable_monthly_value()->mutable_currency_code());
  }
  if (provider.has_talent()) {
    for (std::string& q : *provider.mutable_talent()->mutable_qualifications()) {
      NormalizeQualification(&q);
    }
  }
}

}  // namespace vendormatch
