#include "services/ctl/csv.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "services/common/status_macros.h"
#include "services/domain/code_kinds.h"
#include "vendormatch/provider.h"

namespace vendormatch::ctl::internal {
namespace {

using vendormatch::v1::Provider;

// ---------------------------------------------------------------------------
// RFC 4180 tokenizer.

class CsvReader {
 public:
  CsvReader(absl::string_view text, absl::string_view source) : text_(text), source_(source) {
    if (absl::StartsWith(text_, "\xEF\xBB\xBF")) text_.remove_prefix(3);
  }

  absl::StatusOr<std::vector<CsvRecord>> ReadAll() {
    std::vector<CsvRecord> records;
    int row = 0;
    while (pos_ < text_.size()) {
      CsvRecord record;
      record.row = ++row;
      record.line = line_;
      VM_RETURN_IF_ERROR(ReadRecord(record.fields));
      const bool blank = record.fields.size() == 1 && !last_quoted_ &&
                         absl::StripAsciiWhitespace(record.fields[0]).empty();
      if (!blank) records.push_back(std::move(record));
    }
    return records;
  }

 private:
  // Reads fields up to and including the end of the record.
  absl::Status ReadRecord(std::vector<std::string>& fields) {
    while (true) {
      std::string field;
      VM_RETURN_IF_ERROR(ReadField(field));
      fields.push_back(std::move(field));
      if (pos_ >= text_.size()) return absl::OkStatus();
      const char c = text_[pos_++];
      if (c == ',') continue;
      if (c == '\r') ++pos_;  // ReadField stops at '\r' only before '\n'.
      ++line_;
      return absl::OkStatus();
    }
  }

  bool AtRecordEnd() const {
    return pos_ >= text_.size() || text_[pos_] == ',' || text_[pos_] == '\n' ||
           (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ||
           (text_[pos_] == '\r' && pos_ + 1 == text_.size());
  }

  absl::Status ReadField(std::string& field) {
    last_quoted_ = pos_ < text_.size() && text_[pos_] == '"';
    if (!last_quoted_) {
      while (!AtRecordEnd()) field += text_[pos_++];
      return absl::OkStatus();
    }
    const int start_line = line_;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            source_, " line ", start_line, ": quoted field is not closed (missing '\"')"));
      }
      const char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      field += c;
    }
    if (!AtRecordEnd()) {
      return absl::InvalidArgumentError(
          absl::StrCat(source_, " line ", line_, ": unexpected '", text_.substr(pos_, 1),
                       "' after a closing quote (write a quote inside a quoted field as \"\")"));
    }
    return absl::OkStatus();
  }

  absl::string_view text_;
  std::string source_;
  size_t pos_ = 0;
  int line_ = 1;
  bool last_quoted_ = false;
};

// ---------------------------------------------------------------------------
// Cell parsers. Each returns a message without location; the caller adds it.

std::vector<std::string> SplitItems(absl::string_view cell, char separator) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(cell, separator)) {
    item = absl::StripAsciiWhitespace(item);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

std::vector<std::string> SplitParts(absl::string_view item, char separator) {
  std::vector<std::string> parts;
  for (absl::string_view part : absl::StrSplit(item, separator)) {
    parts.emplace_back(absl::StripAsciiWhitespace(part));
  }
  return parts;
}

absl::Status PartCountError(size_t expected, const std::vector<std::string>& parts,
                            absl::string_view item, char separator) {
  return absl::InvalidArgumentError(
      absl::StrCat("expected ", expected, " '", absl::string_view(&separator, 1),
                   "'-separated parts, found ", parts.size(), " in \"", item, "\""));
}

// A value of `type` named in full ("SERVICE_MODEL_KPO") or without the
// prefix ("KPO"), case-insensitive.
absl::StatusOr<int> ParseEnum(const google::protobuf::EnumDescriptor& type,
                              absl::string_view prefix, absl::string_view text) {
  const std::string upper = absl::AsciiStrToUpper(text);
  for (const std::string& candidate : {upper, absl::StrCat(prefix, upper)}) {
    if (const auto* value = type.FindValueByName(candidate)) return value->number();
  }
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    absl::string_view name = type.value(i)->name();
    if (absl::EndsWith(name, "_UNSPECIFIED")) continue;
    absl::ConsumePrefix(&name, prefix);
    names.emplace_back(name);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown value \"", text, "\" (expected one of ",
                                                 absl::StrJoin(names, ", "), ")"));
}

template <typename T>
absl::StatusOr<T> ParseInt(absl::string_view text, absl::string_view what) {
  T value;
  if (absl::SimpleAtoi(text, &value)) return value;
  return absl::InvalidArgumentError(absl::StrCat("expected an integer", what.empty() ? "" : " for ",
                                                 what, ", got \"", text, "\""));
}

absl::StatusOr<double> ParseNumber(absl::string_view text) {
  double value;
  if (absl::SimpleAtod(text, &value)) return value;
  return absl::InvalidArgumentError(absl::StrCat("expected a number, got \"", text, "\""));
}

absl::StatusOr<bool> ParseFlag(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower.empty() || lower == "false" || lower == "no" || lower == "0") return false;
  if (lower == "true" || lower == "yes" || lower == "1" || lower == "24x7") return true;
  return absl::InvalidArgumentError(
      absl::StrCat("expected 24x7, true, yes, 1, false, no, 0 or nothing, got \"", text, "\""));
}

// "YYYY-MM-DD" that names a real calendar day.
absl::StatusOr<google::type::Date> ParseDate(absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0, month = 0, day = 0;
  const bool shaped = parts.size() == 3 && parts[0].size() == 4 && parts[1].size() == 2 &&
                      parts[2].size() == 2 && absl::SimpleAtoi(parts[0], &year) &&
                      absl::SimpleAtoi(parts[1], &month) && absl::SimpleAtoi(parts[2], &day);
  const absl::CivilDay civil(year, month, day);
  if (!shaped || civil.year() != year || civil.month() != month || civil.day() != day) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a date YYYY-MM-DD, got \"", text, "\""));
  }
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// "CODE[:ISSUE[:EXPIRY[:ISSUER]]]" for `item`'s extra strings.
std::string DatedItemSyntax(const google::protobuf::Descriptor& item) {
  std::string syntax = "CODE[:ISSUE[:EXPIRY";
  const auto extras = ExtraStringFields(item);
  for (const auto* f : extras) absl::StrAppend(&syntax, "[:", absl::AsciiStrToUpper(f->name()));
  return absl::StrCat(syntax, std::string(extras.size() + 2, ']'));
}

// One item of a dated list (provider_fields.inc): CODE, then optional issue
// and expiry dates (YYYY-MM-DD, empty for none) and the extra strings.
template <typename Item>
absl::Status ParseDatedItem(absl::string_view text, Item& item) {
  const std::vector<std::string> parts = SplitParts(text, ':');
  const auto extras = ExtraStringFields(*Item::descriptor());
  if (parts.size() > 3 + extras.size() || parts[0].empty()) {
    return absl::InvalidArgumentError(absl::StrCat("expected ",
                                                   DatedItemSyntax(*Item::descriptor()),
                                                   " with dates YYYY-MM-DD, got \"", text, "\""));
  }
  item.set_code(parts[0]);
  if (parts.size() > 1 && !parts[1].empty()) {
    VM_ASSIGN_OR_RETURN(*item.mutable_issue_date(), ParseDate(parts[1]));
  }
  if (parts.size() > 2 && !parts[2].empty()) {
    VM_ASSIGN_OR_RETURN(*item.mutable_expiry_date(), ParseDate(parts[2]));
  }
  for (size_t i = 3; i < parts.size(); ++i) {
    item.GetReflection()->SetString(&item, extras[i - 3], parts[i]);
  }
  return absl::OkStatus();
}

template <typename Items>
absl::Status AddDatedItems(absl::string_view cell, Items& items) {
  for (const std::string& text : SplitItems(cell, ';')) {
    VM_RETURN_IF_ERROR(ParseDatedItem(text, *items.Add()));
  }
  return absl::OkStatus();
}

// CC|City|Time/Zone|headcount|seats|24x7
absl::Status ParseDeliveryCenter(absl::string_view item, Provider& provider) {
  const std::vector<std::string> parts = SplitParts(item, '|');
  if (parts.size() != 6) return PartCountError(6, parts, item, '|');
  auto& centre = *provider.add_delivery_centers();
  centre.set_country_code(parts[0]);
  centre.set_city(parts[1]);
  centre.set_time_zone(parts[2]);
  if (!parts[3].empty()) {
    VM_ASSIGN_OR_RETURN(const int32_t headcount, ParseInt<int32_t>(parts[3], "headcount"));
    centre.set_headcount(headcount);
  }
  if (!parts[4].empty()) {
    VM_ASSIGN_OR_RETURN(const int32_t seats, ParseInt<int32_t>(parts[4], "seats"));
    centre.set_seats_available(seats);
  }
  VM_ASSIGN_OR_RETURN(const bool round_the_clock, ParseFlag(parts[5]));
  centre.set_round_the_clock(round_the_clock);
  return absl::OkStatus();
}

absl::StatusOr<v1::Money> ParseMoney(const std::string& currency, const std::string& minor_units) {
  v1::Money money;
  money.set_currency_code(currency);
  VM_ASSIGN_OR_RETURN(const int64_t units, ParseInt<int64_t>(minor_units, "minor units"));
  money.set_minor_units(units);
  return money;
}

// SERVICE|SENIORITY|CUR|minor_units
absl::Status ParseRate(absl::string_view item, Provider& provider) {
  const std::vector<std::string> parts = SplitParts(item, '|');
  if (parts.size() != 4) return PartCountError(4, parts, item, '|');
  auto& rate = *provider.add_rate_card();
  rate.set_service(parts[0]);
  if (!parts[1].empty()) {
    VM_ASSIGN_OR_RETURN(const int seniority,
                        ParseEnum(*v1::Seniority_descriptor(), "SENIORITY_", parts[1]));
    rate.set_seniority(static_cast<v1::Seniority>(seniority));
  }
  VM_ASSIGN_OR_RETURN(*rate.mutable_hourly_rate(), ParseMoney(parts[2], parts[3]));
  return absl::OkStatus();
}

// Applies each ';'-separated item of `cell` with `parse`.
absl::Status ForEachItem(absl::string_view cell,
                         absl::Status (*parse)(absl::string_view, Provider&), Provider& provider) {
  for (const std::string& item : SplitItems(cell, ';')) {
    VM_RETURN_IF_ERROR(parse(item, provider));
  }
  return absl::OkStatus();
}

template <typename Add>
absl::Status AddEnums(absl::string_view cell, const google::protobuf::EnumDescriptor& type,
                      absl::string_view prefix, Add add) {
  for (const std::string& item : SplitItems(cell, ';')) {
    VM_ASSIGN_OR_RETURN(const int value, ParseEnum(type, prefix, item));
    add(value);
  }
  return absl::OkStatus();
}

void AddStrings(absl::string_view cell, google::protobuf::RepeatedPtrField<std::string>& out) {
  for (std::string& item : SplitItems(cell, ';')) out.Add(std::move(item));
}

// ---------------------------------------------------------------------------
// The column set.

using CellParser = absl::Status (*)(absl::string_view cell, Provider& provider);

struct Column {
  const char* name;
  const char* field;  // Top-level Provider field the column sets.
  CellParser parse;
};

const std::vector<Column>& Columns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"id", "name",
       [](absl::string_view cell, Provider& p) {
         p.set_name(ProviderName(cell));
         return absl::OkStatus();
       }},
      {"display_name", "display_name",
       [](absl::string_view cell, Provider& p) {
         p.set_display_name(std::string(cell));
         return absl::OkStatus();
       }},
      {"legal_name", "legal_name",
       [](absl::string_view cell, Provider& p) {
         p.set_legal_name(std::string(cell));
         return absl::OkStatus();
       }},
      {"headquarters_country", "headquarters_country",
       [](absl::string_view cell, Provider& p) {
         p.set_headquarters_country(std::string(cell));
         return absl::OkStatus();
       }},
      {"status", "status",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         VM_ASSIGN_OR_RETURN(const int status,
                             ParseEnum(*Provider::Status_descriptor(), "STATUS_", cell));
         p.set_status(static_cast<Provider::Status>(status));
         return absl::OkStatus();
       }},
      {"service_models", "service_models",
       [](absl::string_view cell, Provider& p) {
         return AddEnums(cell, *v1::ServiceModel_descriptor(), "SERVICE_MODEL_",
                         [&](int v) { p.add_service_models(static_cast<v1::ServiceModel>(v)); });
       }},
// The list fields of provider_fields.inc: codes separated by ';', dated
// items as ParseDatedItem reads them.
#define VM_CODE_LIST(name, filter, index, kind)            \
  {#name, #name, [](absl::string_view cell, Provider& p) { \
     AddStrings(cell, *p.mutable_##name());                \
     return absl::OkStatus();                              \
   }},
#define VM_DATED_LIST(name, filter, index, kind) \
  {#name, #name,                                 \
   [](absl::string_view cell, Provider& p) { return AddDatedItems(cell, *p.mutable_##name()); }},
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
      {"declared_delivery_models", "declared_delivery_models",
       [](absl::string_view cell, Provider& p) {
         return AddEnums(cell, *v1::DeliveryModel_descriptor(), "DELIVERY_MODEL_", [&](int v) {
           p.add_declared_delivery_models(static_cast<v1::DeliveryModel>(v));
         });
       }},
      {"delivery_centers", "delivery_centers",
       [](absl::string_view cell, Provider& p) {
         return ForEachItem(cell, ParseDeliveryCenter, p);
       }},
      {"rate_card", "rate_card",
       [](absl::string_view cell, Provider& p) { return ForEachItem(cell, ParseRate, p); }},
      {"rating", "quality",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         VM_ASSIGN_OR_RETURN(const double rating, ParseNumber(cell));
         p.mutable_quality()->set_rating(rating);
         return absl::OkStatus();
       }},
      {"review_count", "quality",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         VM_ASSIGN_OR_RETURN(const int32_t count, ParseInt<int32_t>(cell, ""));
         p.mutable_quality()->set_review_count(count);
         return absl::OkStatus();
       }},
      {"sla_attainment_percent", "quality",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         VM_ASSIGN_OR_RETURN(const double percent, ParseNumber(cell));
         p.mutable_quality()->set_sla_attainment_percent(percent);
         return absl::OkStatus();
       }},
      {"qualified_staff_percent", "talent",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         VM_ASSIGN_OR_RETURN(const double percent, ParseNumber(cell));
         p.mutable_talent()->set_qualified_staff_percent(percent);
         return absl::OkStatus();
       }},
      {"qualifications", "talent",
       [](absl::string_view cell, Provider& p) {
         AddStrings(cell, *p.mutable_talent()->mutable_qualifications());
         return absl::OkStatus();
       }},
      {"min_headcount", "minimum_engagement",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         VM_ASSIGN_OR_RETURN(const int32_t headcount, ParseInt<int32_t>(cell, ""));
         p.mutable_minimum_engagement()->set_headcount(headcount);
         return absl::OkStatus();
       }},
      {"min_duration_months", "minimum_engagement",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         VM_ASSIGN_OR_RETURN(const int32_t months, ParseInt<int32_t>(cell, ""));
         p.mutable_minimum_engagement()->set_duration_months(months);
         return absl::OkStatus();
       }},
      {"min_monthly_value", "minimum_engagement",
       [](absl::string_view cell, Provider& p) -> absl::Status {
         const std::vector<std::string> parts = SplitParts(cell, '|');
         if (parts.size() != 2) return PartCountError(2, parts, cell, '|');
         VM_ASSIGN_OR_RETURN(*p.mutable_minimum_engagement()->mutable_monthly_value(),
                             ParseMoney(parts[0], parts[1]));
         return absl::OkStatus();
       }},
      {"description", "description",
       [](absl::string_view cell, Provider& p) {
         p.set_description(std::string(cell));
         return absl::OkStatus();
       }},
      {"etag", "etag",
       [](absl::string_view cell, Provider& p) {
         p.set_etag(std::string(cell));
         return absl::OkStatus();
       }},
  };
  return *kColumns;
}

std::string RowLocation(absl::string_view source, const CsvRecord& record) {
  if (record.line == record.row) return absl::StrCat(source, " row ", record.row);
  return absl::StrCat(source, " row ", record.row, " (line ", record.line, ")");
}

// Maps each header cell to its column.
absl::StatusOr<std::vector<const Column*>> ReadHeader(const CsvRecord& header,
                                                      absl::string_view source) {
  absl::flat_hash_map<std::string, const Column*> by_name;
  for (const Column& column : Columns()) by_name[column.name] = &column;
  std::vector<const Column*> columns;
  absl::flat_hash_map<std::string, int> seen;
  for (const std::string& cell : header.fields) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
    const auto it = by_name.find(name);
    const std::string where = absl::StrCat(RowLocation(source, header), ", column ", name);
    if (it == by_name.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": unknown column (known: ", absl::StrJoin(CsvColumnNames(), ", "), ")"));
    }
    if (seen[name]++ > 0) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": column given twice"));
    }
    columns.push_back(it->second);
  }
  return columns;
}

absl::StatusOr<ParsedProvider> ReadRow(const CsvRecord& record,
                                       const std::vector<const Column*>& columns,
                                       const std::vector<std::string>& fields,
                                       absl::string_view source) {
  ParsedProvider parsed;
  parsed.origin = absl::StrCat(source, " row ", record.row);
  parsed.fields = fields;
  if (record.fields.size() != columns.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(RowLocation(source, record), ": expected ", columns.size(),
                     " fields as in the header, found ", record.fields.size()));
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const absl::string_view cell = absl::StripAsciiWhitespace(record.fields[i]);
    if (cell.empty()) continue;
    if (absl::Status status = columns[i]->parse(cell, parsed.provider); !status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(RowLocation(source, record), ", column ",
                                                     columns[i]->name, ": ", status.message()));
    }
  }
  return parsed;
}

}  // namespace

absl::StatusOr<std::vector<CsvRecord>> ReadCsv(absl::string_view text, absl::string_view source) {
  return CsvReader(text, source).ReadAll();
}

const std::vector<std::string>& CsvColumnNames() {
  static const auto* const kNames = [] {
    auto* names = new std::vector<std::string>;
    for (const Column& column : Columns()) names->push_back(column.name);
    return names;
  }();
  return *kNames;
}

absl::StatusOr<std::vector<ParsedProvider>> ParseCsvProviders(absl::string_view text,
                                                              absl::string_view source) {
  VM_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ReadCsv(text, source));
  if (records.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": no header row"));
  }
  VM_ASSIGN_OR_RETURN(const std::vector<const Column*> columns, ReadHeader(records[0], source));
  std::vector<std::string> fields;
  for (const Column* column : columns) {
    if (std::find(fields.begin(), fields.end(), column->field) == fields.end()) {
      fields.push_back(column->field);
    }
  }
  std::vector<ParsedProvider> providers;
  for (size_t i = 1; i < records.size(); ++i) {
    VM_ASSIGN_OR_RETURN(ParsedProvider parsed, ReadRow(records[i], columns, fields, source));
    providers.push_back(std::move(parsed));
  }
  return providers;
}

}  // namespace vendormatch::ctl::internal
