#include "services/ctl/format.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "services/ctl/format_internal.h"
#include "services/domain/code_kinds.h"
#include "services/domain/reference_data.h"

namespace vendormatch::ctl {
namespace {

using vendormatch::v1::Provider;

std::string GroupThousands(uint64_t value) {
  const std::string digits = absl::StrCat(value);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string CentreCountries(const Provider& provider) {
  std::vector<std::string> countries;
  for (const auto& centre : provider.delivery_centers()) {
    if (std::find(countries.begin(), countries.end(), centre.country_code()) == countries.end()) {
      countries.push_back(centre.country_code());
    }
  }
  constexpr size_t kShown = 4;
  if (countries.size() <= kShown) return JoinStrings(countries, ",");
  const size_t hidden = countries.size() - kShown;
  countries.resize(kShown);
  return absl::StrCat(absl::StrJoin(countries, ","), ",+", hidden);
}

std::string FormatRating(const Provider& provider) {
  const auto& quality = provider.quality();
  if (quality.rating() == 0 && quality.review_count() == 0) return std::string(kNone);
  return absl::StrFormat("%.1f", quality.rating());
}

std::string FormatTimeOfDay(const google::type::TimeOfDay& time) {
  return absl::StrFormat("%02d:%02d", time.hours(), time.minutes());
}

// Days as ranges: [1..5] -> "Mon-Fri", [1, 3] -> "Mon,Wed".
std::string FormatDays(const google::protobuf::RepeatedField<int>& days) {
  static constexpr const char* kNames[] = {"?", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::vector<int> sorted(days.begin(), days.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  auto name = [](int day) { return day >= 1 && day <= 7 ? kNames[day] : "?"; };
  std::vector<std::string> parts;
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1) ++j;
    parts.push_back(j - i >= 2 ? absl::StrCat(name(sorted[i]), "-", name(sorted[j]))
                               : std::string(name(sorted[i])));
    if (j - i == 1) parts.push_back(name(sorted[j]));
    i = j + 1;
  }
  return parts.empty() ? "every day" : absl::StrJoin(parts, ",");
}

std::string FormatHours(const vendormatch::v1::DeliveryCenter& centre) {
  if (centre.round_the_clock()) return "24x7";
  if (centre.shifts().empty()) return "Mon-Fri 09:00-17:00 (default)";
  std::vector<std::string> shifts;
  for (const auto& shift : centre.shifts()) {
    shifts.push_back(absl::StrCat(FormatDays(shift.days()), " ",
                                  FormatTimeOfDay(shift.start_time()), "-",
                                  FormatTimeOfDay(shift.end_time())));
  }
  return absl::StrJoin(shifts, "; ");
}

Table CentresTable(const Provider& provider) {
  Table table({"COUNTRY", "CITY", "TIME ZONE", "HEADCOUNT", "SEATS", "HOURS"});
  table.SetAlign(3, Table::Align::kRight);
  table.SetAlign(4, Table::Align::kRight);
  for (const auto& c : provider.delivery_centers()) {
    table.AddRow({c.country_code(), c.city(), c.time_zone(), absl::StrCat(c.headcount()),
                  absl::StrCat(c.seats_available()), FormatHours(c)});
  }
  return table;
}

// A dated list of provider_fields.inc: code, dates, the item's other strings
// (a certification's issuer; a classification's certifying body and
// number), and EXPIRED once past its expiry.
template <typename Items>
Table DatedTable(const Items& items, absl::CivilDay today) {
  using Item = typename Items::value_type;
  const auto extras = ExtraStringFields(*Item::descriptor());
  std::vector<std::string> header = {"CODE", "ISSUED", "EXPIRES"};
  for (const auto* f : extras) {
    header.push_back(absl::StrReplaceAll(absl::AsciiStrToUpper(f->name()), {{"_", " "}}));
  }
  header.push_back("");
  Table table(header);
  for (const Item& item : items) {
    const std::string expiry = FormatDate(item.expiry_date());
    std::vector<std::string> row = {item.code(), FormatDate(item.issue_date()),
                                    expiry.empty() ? "never" : expiry};
    for (const auto* f : extras) row.push_back(item.GetReflection()->GetString(item, f));
    row.push_back(IsPast(item.expiry_date(), today) ? "EXPIRED" : "");
    table.AddRow(row);
  }
  return table;
}

// "diversity_classifications" -> "Diversity classifications".
std::string Title(absl::string_view field) {
  std::string title = absl::StrReplaceAll(field, {{"_", " "}});
  if (!title.empty()) title[0] = absl::ascii_toupper(title[0]);
  return title;
}

Table RatesTable(const Provider& provider) {
  Table table({"SERVICE", "SENIORITY", "RATE"});
  table.SetAlign(2, Table::Align::kRight);
  for (const auto& rate : provider.rate_card()) {
    table.AddRow({rate.service().empty() ? "(all services)" : rate.service(),
                  rate.seniority() == v1::SENIORITY_UNSPECIFIED
                      ? "(all)"
                      : ShortEnumName(*v1::Seniority_descriptor(), rate.seniority()),
                  FormatHourlyRate(rate.hourly_rate())});
  }
  return table;
}

std::string FormatMinimumEngagement(const v1::MinimumEngagement& min) {
  std::vector<std::string> parts;
  if (min.headcount() > 0) parts.push_back(absl::StrCat(min.headcount(), " staff"));
  if (min.duration_months() > 0) parts.push_back(absl::StrCat(min.duration_months(), " months"));
  if (min.has_monthly_value()) {
    parts.push_back(absl::StrCat(FormatMoney(min.monthly_value()), "/month"));
  }
  return JoinStrings(parts, ", ");
}

std::string FormatQuality(const v1::QualitySignals& quality) {
  return absl::StrFormat("rating %.1f (%d reviews), SLA attainment %.1f%%", quality.rating(),
                         quality.review_count(), quality.sla_attainment_percent());
}

std::string FormatTalent(const v1::TalentProfile& talent) {
  std::string text = absl::StrFormat("%.1f%% qualified staff", talent.qualified_staff_percent());
  if (!talent.qualifications().empty()) {
    absl::StrAppend(&text, " (", absl::StrJoin(talent.qualifications(), ", "), ")");
  }
  return text;
}

}  // namespace

// One "Label:   value" line with the value column aligned.
void Line(std::ostream& out, absl::string_view label, absl::string_view value) {
  constexpr size_t kLabelWidth = 20;
  std::string head = absl::StrCat(label, ":");
  if (head.size() < kLabelWidth) head.resize(kLabelWidth, ' ');
  out << head << (value.empty() ? kNone : value) << "\n";
}

void Section(std::ostream& out, absl::string_view label, const Table& table) {
  if (table.row_count() == 0) {
    Line(out, label, kNone);
    return;
  }
  out << label << ":\n";
  table.Print(out, "  ");
}

std::string SanitizeText(absl::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

std::string FormatMinorUnits(int64_t minor_units, int minor_digits) {
  minor_digits = std::clamp(minor_digits, 0, 18);
  const bool negative = minor_units < 0;
  // Magnitude without overflow for INT64_MIN.
  const uint64_t magnitude =
      negative ? ~static_cast<uint64_t>(minor_units) + 1 : static_cast<uint64_t>(minor_units);
  uint64_t scale = 1;
  for (int i = 0; i < minor_digits; ++i) scale *= 10;
  std::string text = absl::StrCat(negative ? "-" : "", GroupThousands(magnitude / scale));
  if (minor_digits > 0) {
    absl::StrAppend(&text, ".", absl::StrFormat("%0*d", minor_digits, magnitude % scale));
  }
  return text;
}

std::string FormatMoney(const v1::Money& money) {
  const auto currency = FindCurrency(money.currency_code());
  if (!currency) {
    return absl::StrCat(money.currency_code().empty() ? "???" : money.currency_code(), " ",
                        money.minor_units(), " (minor units)");
  }
  return absl::StrCat(money.currency_code(), " ",
                      FormatMinorUnits(money.minor_units(), currency->minor_digits));
}

std::string FormatHourlyRate(const v1::Money& money) {
  return absl::StrCat(FormatMoney(money), "/h");
}

std::string FormatDate(const google::type::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return "";
  if (date.month() == 0) return absl::StrFormat("%04d", date.year());
  if (date.day() == 0) return absl::StrFormat("%04d-%02d", date.year(), date.month());
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "";
  const absl::Time time =
      absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

bool IsExpired(const v1::Certification& certification, absl::CivilDay today) {
  return IsPast(certification.expiry_date(), today);
}

bool IsPast(const google::type::Date& d, absl::CivilDay today) {
  if (d.year() == 0) return false;
  return absl::CivilDay(d.year(), d.month(), d.day()) < today;
}

std::string ShortEnumName(const google::protobuf::EnumDescriptor& type, int number) {
  const auto* value = type.FindValueByNumber(number);
  if (value == nullptr) return absl::StrCat(number);
  absl::string_view name = value->name();
  absl::string_view prefix = type.value(0)->name();
  if (absl::ConsumeSuffix(&prefix, "UNSPECIFIED")) absl::ConsumePrefix(&name, prefix);
  return std::string(name);
}

std::string ProviderId(absl::string_view name) {
  absl::ConsumePrefix(&name, "providers/");
  return std::string(name);
}

std::string ProfileId(absl::string_view name) {
  absl::ConsumePrefix(&name, "profiles/");
  return std::string(name);
}

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) return absl::StrFormat("%.0f", value);
  if (std::fabs(value) < 0.01) return absl::StrFormat("%.3g", value);
  std::string text = absl::StrFormat("%.2f", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string ToJson(const google::protobuf::Message& message, bool pretty) {
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json);
  if (!status.ok()) {
    return nlohmann::json({{"error", std::string(status.message())}}).dump() + "\n";
  }
  // Protobuf indents by one space; re-indent by two like the list outputs.
  if (pretty) json = nlohmann::ordered_json::parse(json).dump(2);
  return json + "\n";
}

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (const char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), aligns_(headers_.size(), Align::kLeft) {}

void Table::SetAlign(size_t column, Align align) {
  if (column < aligns_.size()) aligns_[column] = align;
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (std::string& cell : cells) cell = SanitizeText(cell);
  rows_.push_back(std::move(cells));
  details_.emplace_back();
}

void Table::AddDetail(std::string line) { details_.back().push_back(SanitizeText(line)); }

void Table::Print(std::ostream& out, absl::string_view indent) const {
  std::vector<size_t> widths(headers_.size());
  for (size_t i = 0; i < headers_.size(); ++i) widths[i] = DisplayWidth(headers_[i]);
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line(indent);
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string pad(widths[i] - DisplayWidth(row[i]), ' ');
      if (i > 0) line += "  ";
      line += aligns_[i] == Align::kRight ? pad + row[i] : row[i] + pad;
    }
    out << absl::StripTrailingAsciiWhitespace(line) << "\n";
  };
  auto print_details = [&](size_t index) {
    for (const std::string& line : details_[index]) {
      out << absl::StripTrailingAsciiWhitespace(absl::StrCat(indent, line)) << "\n";
    }
  };
  print_row(headers_);
  print_details(0);
  for (size_t i = 0; i < rows_.size(); ++i) {
    print_row(rows_[i]);
    print_details(i + 1);
  }
}

std::string Table::ToString(absl::string_view indent) const {
  std::ostringstream out;
  Print(out, indent);
  return std::move(out).str();
}

Table ProviderTable(const google::protobuf::RepeatedPtrField<Provider>& providers) {
  Table table(
      {"ID", "NAME", "STATUS", "MODELS", "HQ", "CENTRES", "SERVICES", "RATING", "REVISION"});
  for (size_t column : {6, 7, 8}) table.SetAlign(column, Table::Align::kRight);
  for (const Provider& p : providers) {
    table.AddRow({ProviderId(p.name()), p.display_name(),
                  ShortEnumName(*Provider::Status_descriptor(), p.status()),
                  JoinStrings(ShortNames(v1::ServiceModel_descriptor, p.service_models()), ","),
                  p.headquarters_country().empty() ? std::string(kNone) : p.headquarters_country(),
                  CentreCountries(p), absl::StrCat(p.services_size()), FormatRating(p),
                  absl::StrCat(p.revision())});
  }
  return table;
}

void DescribeProvider(const Provider& p, absl::CivilDay today, std::ostream& out) {
  Line(out, "Name", p.name());
  Line(out, "Display name", p.display_name());
  Line(out, "Legal name", p.legal_name());
  Line(out, "Status", ShortEnumName(*Provider::Status_descriptor(), p.status()));
  Line(out, "Headquarters", p.headquarters_country());
  Line(out, "Service models",
       JoinStrings(ShortNames(v1::ServiceModel_descriptor, p.service_models()), ", "));
  Line(out, "Delivery models",
       JoinStrings(ShortNames(v1::DeliveryModel_descriptor, p.declared_delivery_models()), ", "));
#define VM_CODE_LIST(name, filter, index, kind) Line(out, Title(#name), JoinStrings(p.name()));
#define VM_DATED_LIST(name, filter, index, kind)
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  Section(out, "Delivery centres", CentresTable(p));
#define VM_CODE_LIST(name, filter, index, kind)
#define VM_DATED_LIST(name, filter, index, kind) \
  Section(out, Title(#name), DatedTable(p.name(), today));
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  Section(out, "Rate card", RatesTable(p));
  Line(out, "Minimum engagement", FormatMinimumEngagement(p.minimum_engagement()));
  Line(out, "Quality", p.has_quality() ? FormatQuality(p.quality()) : std::string(kNone));
  Line(out, "Talent", p.has_talent() ? FormatTalent(p.talent()) : std::string(kNone));
  if (!p.description().empty()) Line(out, "Description", SanitizeText(p.description()));
  Line(out, "Created", FormatTimestamp(p.create_time()));
  Line(out, "Updated", FormatTimestamp(p.update_time()));
  Line(out, "Revision", absl::StrCat(p.revision()));
  Line(out, "Etag", p.etag());
}

Table AuditTable(const google::protobuf::RepeatedPtrField<v1::AuditEvent>& events) {
  Table table({"TIME", "PROVIDER", "ACTION", "ACTOR", "REVISION", "CHANGED", "REASON"});
  for (const auto& e : events) {
    table.AddRow({FormatTimestamp(e.event_time()), ProviderId(e.provider()),
                  ShortEnumName(*v1::AuditEvent::Action_descriptor(), e.action()), e.actor(),
                  absl::StrCat(e.old_revision(), "->", e.new_revision()),
                  JoinStrings(e.changed_fields(), ","), e.reason()});
  }
  return table;
}

Table CatalogTable(const google::protobuf::RepeatedPtrField<v1::CatalogEntry>& entries) {
  Table table({"CODE", "MODEL", "NAME", "DESCRIPTION"});
  for (const auto& e : entries) {
    table.AddRow({e.code(), ShortEnumName(*v1::ServiceModel_descriptor(), e.service_model()),
                  e.display_name(), e.description()});
  }
  return table;
}

}  // namespace vendormatch::ctl
