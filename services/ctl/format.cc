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
#include "services/domain/reference_data.h"

namespace vendormatch::ctl {
namespace {

using vendormatch::v1::Provider;

constexpr absl::string_view kNone = "-";

std::string GroupThousands(uint64_t value) {
  const std::string digits = absl::StrCat(value);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string JoinOrNone(const std::vector<std::string>& items, absl::string_view separator) {
  return items.empty() ? std::string(kNone) : absl::StrJoin(items, separator);
}

template <typename Container>
std::string JoinStrings(const Container& items, absl::string_view separator = ", ") {
  return items.empty() ? std::string(kNone) : absl::StrJoin(items, separator);
}

template <typename EnumDescriptorFn, typename Container>
std::vector<std::string> ShortNames(EnumDescriptorFn descriptor, const Container& values) {
  std::vector<std::string> names;
  for (int value : values) names.push_back(ShortEnumName(*descriptor(), value));
  return names;
}

std::string CenterCountries(const Provider& provider) {
  std::vector<std::string> countries;
  for (const auto& center : provider.delivery_centers()) {
    if (std::find(countries.begin(), countries.end(), center.country_code()) == countries.end()) {
      countries.push_back(center.country_code());
    }
  }
  constexpr size_t kShown = 4;
  if (countries.size() <= kShown) return JoinOrNone(countries, ",");
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

std::string FormatHours(const vendormatch::v1::DeliveryCenter& center) {
  if (center.round_the_clock()) return "24x7";
  if (center.shifts().empty()) return "Mon-Fri 09:00-17:00 (default)";
  std::vector<std::string> shifts;
  for (const auto& shift : center.shifts()) {
    shifts.push_back(absl::StrCat(FormatDays(shift.days()), " ",
                                  FormatTimeOfDay(shift.start_time()), "-",
                                  FormatTimeOfDay(shift.end_time())));
  }
  return absl::StrJoin(shifts, "; ");
}

std::string SanitizeCell(absl::string_view cell) {
  std::string out(cell);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

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

Table CentersTable(const Provider& provider) {
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
  const google::protobuf::Descriptor& descriptor = *Item::descriptor();
  std::vector<const google::protobuf::FieldDescriptor*> extras;
  std::vector<std::string> header = {"CODE", "ISSUED", "EXPIRES"};
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const auto* f = descriptor.field(i);
    if (f->type() != google::protobuf::FieldDescriptor::TYPE_STRING || f->name() == "code")
      continue;
    extras.push_back(f);
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
  return JoinOrNone(parts, ", ");
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

std::string Lower(const google::protobuf::EnumDescriptor& type, int number) {
  return absl::AsciiStrToLower(ShortEnumName(type, number));
}

std::string PadRight(absl::string_view text, size_t width) {
  std::string out(text);
  const size_t shown = DisplayWidth(text);
  if (shown < width) out.append(width - shown, ' ');
  return out;
}

std::string PadLeft(absl::string_view text, size_t width) {
  const size_t shown = DisplayWidth(text);
  return absl::StrCat(std::string(shown < width ? width - shown : 0, ' '), text);
}

// The explain lines of a match table: cells per score, aligned across rows.
struct ExplainCells {
  std::string plugin, raw, norm, weight, contribution, reason;
};

ExplainCells CellsOf(const v1::ScoreContribution& score) {
  return {score.plugin(),
          FormatNumber(score.raw_score()),
          absl::StrFormat("%.1f", score.normalized_score()),
          FormatNumber(score.weight()),
          absl::StrFormat("%+.1f", score.contribution()),
          score.reason()};
}

struct ExplainWidths {
  size_t plugin = 0, raw = 0, norm = 0, weight = 0, contribution = 0;

  void Widen(const ExplainCells& c) {
    plugin = std::max(plugin, DisplayWidth(c.plugin));
    raw = std::max(raw, DisplayWidth(c.raw));
    norm = std::max(norm, DisplayWidth(c.norm));
    weight = std::max(weight, DisplayWidth(c.weight));
    contribution = std::max(contribution, DisplayWidth(c.contribution));
  }
};

std::string ExplainLine(const ExplainCells& c, const ExplainWidths& w) {
  return absl::StrCat("  ", PadRight(c.plugin, w.plugin), "  raw ", PadLeft(c.raw, w.raw),
                      "  norm ", PadLeft(c.norm, w.norm), "  w ", PadLeft(c.weight, w.weight), "  ",
                      PadLeft(c.contribution, w.contribution), "  ", c.reason);
}

// "  offers A, B (KPO); deciding centre 1.5 h from the client", or "".
std::string OffersLine(const v1::ProviderMatch& match) {
  std::vector<std::string> parts;
  if (!match.matched_services().empty()) {
    std::string offers = absl::StrCat("offers ", absl::StrJoin(match.matched_services(), ", "));
    if (!match.service_models().empty()) {
      absl::StrAppend(
          &offers, " (",
          absl::StrJoin(ShortNames(v1::ServiceModel_descriptor, match.service_models()), ", "),
          ")");
    }
    parts.push_back(std::move(offers));
  }
  if (match.has_delivery() && !match.delivery().country_code().empty()) {
    parts.push_back(absl::StrCat("deciding centre ", FormatNumber(match.delivery().hours_apart()),
                                 " h from the client"));
  }
  return parts.empty() ? "" : absl::StrCat("  ", absl::StrJoin(parts, "; "));
}

std::string ReasonCounts(const v1::FilterOutcome& outcome) {
  std::vector<std::string> parts;
  for (const auto& reason : outcome.reasons()) {
    parts.push_back(absl::StrCat(reason.reason(), " (", reason.count(), ")"));
  }
  return parts.empty() ? "" : absl::StrCat(": ", absl::StrJoin(parts, ", "));
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string FormatSettings(const google::protobuf::Map<std::string, std::string>& settings) {
  std::vector<std::string> items;
  for (const auto& [key, value] : settings) items.push_back(absl::StrCat(key, "=", value));
  std::sort(items.begin(), items.end());
  return JoinOrNone(items, ", ");
}

}  // namespace

std::string SanitizeText(absl::string_view text) { return SanitizeCell(text); }

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
  for (std::string& cell : cells) cell = SanitizeCell(cell);
  rows_.push_back(std::move(cells));
  details_.emplace_back();
}

void Table::AddDetail(std::string line) { details_.back().push_back(SanitizeCell(line)); }

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
                  JoinOrNone(ShortNames(v1::ServiceModel_descriptor, p.service_models()), ","),
                  p.headquarters_country().empty() ? std::string(kNone) : p.headquarters_country(),
                  CenterCountries(p), absl::StrCat(p.services_size()), FormatRating(p),
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
       JoinOrNone(ShortNames(v1::ServiceModel_descriptor, p.service_models()), ", "));
  Line(out, "Delivery models",
       JoinOrNone(ShortNames(v1::DeliveryModel_descriptor, p.declared_delivery_models()), ", "));
#define VM_CODE_LIST(name, filter, index, kind) Line(out, Title(#name), JoinStrings(p.name()));
#define VM_DATED_LIST(name, filter, index, kind)
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  Section(out, "Delivery centres", CentersTable(p));
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
  if (!p.description().empty()) Line(out, "Description", SanitizeCell(p.description()));
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

// ---------------------------------------------------------------------------
// Matching views.

std::string FormatDelivery(const v1::DeliveryDecision& delivery) {
  if (delivery.delivery_model() == v1::DELIVERY_MODEL_UNSPECIFIED &&
      delivery.country_code().empty() && delivery.rule().empty()) {
    return std::string(kNone);
  }
  std::vector<std::string> parts;
  if (delivery.delivery_model() != v1::DELIVERY_MODEL_UNSPECIFIED) {
    parts.push_back(Lower(*v1::DeliveryModel_descriptor(), delivery.delivery_model()));
  }
  if (!delivery.country_code().empty()) parts.push_back(delivery.country_code());
  if (!delivery.city().empty()) parts.push_back(delivery.city());
  if (!delivery.rule().empty()) parts.push_back(absl::StrCat("(", delivery.rule(), ")"));
  return absl::StrJoin(parts, " ");
}

Table MatchTable(const v1::MatchProvidersResponse& response, bool explain) {
  std::vector<std::string> plugins;
  ExplainWidths widths;
  for (const auto& match : response.matches()) {
    for (const auto& score : match.scores()) {
      if (std::find(plugins.begin(), plugins.end(), score.plugin()) == plugins.end()) {
        plugins.push_back(score.plugin());
      }
      widths.Widen(CellsOf(score));
    }
  }
  std::vector<std::string> headers = {"RANK", "PROVIDER", "NAME", "TOTAL", "DELIVERY"};
  for (const std::string& plugin : plugins) headers.push_back(absl::AsciiStrToUpper(plugin));
  Table table(std::move(headers));
  table.SetAlign(0, Table::Align::kRight);
  table.SetAlign(3, Table::Align::kRight);
  for (size_t i = 0; i < plugins.size(); ++i) table.SetAlign(5 + i, Table::Align::kRight);
  for (const auto& match : response.matches()) {
    std::vector<std::string> row = {
        absl::StrCat(match.rank()), ProviderId(match.provider()), match.display_name(),
        absl::StrFormat("%.1f", match.total_score()),
        match.has_delivery() ? FormatDelivery(match.delivery()) : std::string(kNone)};
    for (const std::string& plugin : plugins) {
      std::string cell(kNone);
      for (const auto& score : match.scores()) {
        if (score.plugin() == plugin) cell = absl::StrFormat("%.1f", score.contribution());
      }
      row.push_back(std::move(cell));
    }
    table.AddRow(std::move(row));
    for (const auto& warning : match.warnings()) {
      table.AddDetail(SanitizeCell(absl::StrCat(
          "  warning: ", warning.sentence().empty() ? warning.code() : warning.sentence())));
    }
    if (!explain) continue;
    for (const auto& score : match.scores()) table.AddDetail(ExplainLine(CellsOf(score), widths));
    if (match.has_ahead_of_next()) {
      table.AddDetail(SanitizeCell(absl::StrCat("  ", match.ahead_of_next().summary())));
    }
    if (std::string offers = OffersLine(match); !offers.empty()) {
      table.AddDetail(std::move(offers));
    }
  }
  return table;
}

void PrintMatchResult(const v1::MatchProvidersResponse& response, bool explain, std::ostream& out) {
  if (!response.summary().empty()) out << SanitizeCell(response.summary()) << "\n";
  out << "snapshot r" << response.snapshot_revision() << ", profile "
      << ProfileId(response.profile()) << " r" << response.profile_revision() << "\n\n";
  if (response.matches().empty()) {
    out << "No provider is eligible.\n";
  } else {
    MatchTable(response, explain).Print(out);
  }
  if (!response.filter_outcomes().empty()) {
    size_t width = 0;
    for (const auto& outcome : response.filter_outcomes()) {
      width = std::max(width, DisplayWidth(outcome.plugin()));
    }
    out << "\nfilters:\n";
    for (const auto& outcome : response.filter_outcomes()) {
      out << "  " << PadRight(outcome.plugin(), width) << "  removed " << outcome.removed()
          << SanitizeCell(ReasonCounts(outcome)) << "\n";
    }
  }
  const bool notes = !response.relaxation_hints().empty() || !response.skipped_plugins().empty() ||
                     response.has_service_model_advice() || !response.pushed_down().empty() ||
                     response.hint_report().computed();
  if (notes) out << "\n";
  for (const auto& hint : response.relaxation_hints()) {
    out << "relax " << hint.plugin() << ": " << hint.eligible_if_relaxed() << " eligible (+"
        << hint.gained() << ") if you " << SanitizeCell(hint.suggestion()) << "\n";
  }
  if (response.hint_report().computed() && response.relaxation_hints().empty()) {
    out << "no single relaxation (or pair) of a negotiable constraint gains a provider\n";
  }
  for (const auto& pushed : response.pushed_down()) {
    out << "pushed down by the diversity limit: " << ProviderId(pushed.provider()) << " (would be #"
        << pushed.rank_without_limit() << ", " << SanitizeCell(pushed.country_code()) << ")\n";
  }
  PrintExplanations(response, out);
  for (const auto& skipped : response.skipped_plugins()) {
    out << "skipped " << skipped.plugin() << ": " << SanitizeCell(skipped.message()) << "\n";
  }
  if (response.has_service_model_advice()) {
    const auto& advice = response.service_model_advice();
    std::vector<std::string> criteria;
    for (const auto& criterion : advice.criteria()) criteria.push_back(criterion.criterion());
    out << "advisor: " << FormatAdviceHeadline(advice)
        << (criteria.empty() ? "" : absl::StrCat(": ", absl::StrJoin(criteria, ", "))) << "\n";
  }
}

std::string FormatRankChange(const v1::RankChange& change) {
  if (change.rank_a() == 0 && change.rank_b() == 0) return std::string(kNone);
  if (change.rank_a() == 0) return "new";
  if (change.rank_b() == 0) return "gone";
  const int places = change.rank_a() - change.rank_b();
  return places > 0 ? absl::StrCat("+", places) : absl::StrCat(places);
}

Table RankChangeTable(const v1::CompareProfilesResponse& response) {
  struct Seen {
    std::string name;
    std::string total_a = std::string(kNone);
    std::string total_b = std::string(kNone);
  };
  std::map<std::string, Seen> seen;
  for (const auto& match : response.result_a().matches()) {
    Seen& s = seen[match.provider()];
    s.name = match.display_name();
    s.total_a = absl::StrFormat("%.1f", match.total_score());
  }
  for (const auto& match : response.result_b().matches()) {
    Seen& s = seen[match.provider()];
    s.name = match.display_name();
    s.total_b = absl::StrFormat("%.1f", match.total_score());
  }
  Table table({"PROVIDER", "NAME", "RANK A", "RANK B", "CHANGE", "TOTAL A", "TOTAL B"});
  for (size_t column : {2, 3, 4, 5, 6}) table.SetAlign(column, Table::Align::kRight);
  auto rank = [](int r) { return r > 0 ? absl::StrCat(r) : std::string(kNone); };
  for (const auto& change : response.rank_changes()) {
    const Seen& s = seen[change.provider()];
    table.AddRow({ProviderId(change.provider()), s.name, rank(change.rank_a()),
                  rank(change.rank_b()), FormatRankChange(change), s.total_a, s.total_b});
  }
  return table;
}

void PrintCompareResult(const v1::CompareProfilesResponse& response, std::ostream& out) {
  for (const auto& [label, result] :
       {std::pair<const char*, const v1::MatchProvidersResponse*>{"A", &response.result_a()},
        {"B", &response.result_b()}}) {
    out << label << ": profile " << ProfileId(result->profile()) << " r"
        << result->profile_revision() << ": " << SanitizeCell(result->summary()) << "\n";
  }
  out << "snapshot r" << response.result_b().snapshot_revision() << "\n\n";
  if (response.rank_changes().empty()) {
    out << "No provider is eligible under either profile.\n";
    return;
  }
  RankChangeTable(response).Print(out);
}

std::string FormatAdviceHeadline(const v1::RecommendServiceModelResponse& advice) {
  return absl::StrFormat("%s (confidence %.2f)",
                         ShortEnumName(*v1::ServiceModel_descriptor(), advice.service_model()),
                         advice.confidence());
}

void PrintAdvice(const v1::RecommendServiceModelResponse& advice, std::ostream& out) {
  out << FormatAdviceHeadline(advice) << "\n";
  if (advice.criteria().empty()) return;
  Table table({"CRITERION", "FAVOURS", "WEIGHT", "EXPLANATION"});
  table.SetAlign(2, Table::Align::kRight);
  for (const auto& c : advice.criteria()) {
    table.AddRow({c.criterion(), ShortEnumName(*v1::ServiceModel_descriptor(), c.favours()),
                  absl::StrFormat("%.2f", c.weight()), c.explanation()});
  }
  out << "\n";
  table.Print(out);
}

Table PluginTable(const google::protobuf::RepeatedPtrField<v1::PluginInfo>& plugins) {
  // A setting as "name=default" and what it allows: "sla_weight=0.3 (0..1)",
  // "rating_floor=3 (0..<5)", "prior_reviews=20 (>=0)", "mode=ok (ok|throw)".
  auto setting = [](const v1::SettingSpec& s) {
    std::string text = absl::StrCat(s.name(), "=", s.default_value());
    const bool numeric =
        s.type() == v1::SettingSpec::TYPE_NUMBER || s.type() == v1::SettingSpec::TYPE_INTEGER;
    const bool low = numeric && std::isfinite(s.min()), high = numeric && std::isfinite(s.max());
    const std::string below = s.max_exclusive() ? "<" : "";
    if (s.type() == v1::SettingSpec::TYPE_CHOICE) {
      absl::StrAppend(&text, " (", absl::StrJoin(s.choices(), "|"), ")");
    } else if (low && high) {
      absl::StrAppend(&text, " (", s.min(), "..", below, s.max(), ")");
    } else if (low) {
      absl::StrAppend(&text, " (>=", s.min(), ")");
    } else if (high) {
      absl::StrAppend(&text, " (", below.empty() ? "<=" : below, s.max(), ")");
    }
    return text;
  };
  Table table({"NAME", "VERSION", "STAGES", "SDK", "FILE", "SETTINGS"});
  for (const auto& p : plugins) {
    std::vector<std::string> settings;
    for (const auto& s : p.settings()) settings.push_back(setting(s));
    table.AddRow({p.name(), p.version(), JoinStrings(p.stages(), ","), p.sdk_version(), p.file(),
                  JoinStrings(settings, "; ")});
  }
  return table;
}

Table ProfileTable(const google::protobuf::RepeatedPtrField<v1::Profile>& profiles) {
  Table table({"ID", "DISPLAY NAME", "PLUGINS", "SCORERS", "REVISION", "UPDATED"});
  for (size_t column : {2, 3, 4}) table.SetAlign(column, Table::Align::kRight);
  for (const auto& p : profiles) {
    int scorers = 0;
    for (const auto& setting : p.plugins()) scorers += setting.score_enabled() ? 1 : 0;
    table.AddRow({ProfileId(p.name()), p.display_name(), absl::StrCat(p.plugins_size()),
                  absl::StrCat(scorers), absl::StrCat(p.revision()),
                  FormatTimestamp(p.update_time())});
  }
  return table;
}

void DescribeProfile(const v1::Profile& profile, std::ostream& out) {
  Line(out, "Name", profile.name());
  Line(out, "Display name", profile.display_name());
  Line(out, "Description", SanitizeCell(profile.description()));
  Table plugins({"PLUGIN", "FILTER", "SCORE", "WEIGHT", "BOUNDS", "ON ERROR", "SETTINGS"});
  plugins.SetAlign(3, Table::Align::kRight);
  for (const auto& s : profile.plugins()) {
    const std::string on_error = s.on_error() == v1::FAILURE_POLICY_UNSPECIFIED
                                     ? "FAIL"
                                     : ShortEnumName(*v1::FailurePolicy_descriptor(), s.on_error());
    plugins.AddRow({s.plugin(), YesNo(s.filter_enabled()), YesNo(s.score_enabled()),
                    FormatNumber(s.weight()),
                    absl::StrCat(FormatNumber(s.min_weight()), "-", FormatNumber(s.max_weight())),
                    on_error, FormatSettings(s.settings())});
  }
  Section(out, "Plugins", plugins);
  Line(out, "Updated", FormatTimestamp(profile.update_time()));
  Line(out, "Revision", absl::StrCat(profile.revision()));
  Line(out, "Etag", profile.etag());
}

}  // namespace vendormatch::ctl
