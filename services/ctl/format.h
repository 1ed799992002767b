// Human-readable output of vendormatchctl: money, dates, enum short names,
// aligned tables, and the views of providers, audit events and catalogue
// entries. Pure functions over protos (apart from writing to the given
// stream); thread-safe; nothing here talks to the server.
#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "vendormatch/v1/audit.pb.h"
#include "vendormatch/v1/catalog.pb.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch::ctl {

// ---------------------------------------------------------------------------
// Values.

// An amount of minor units with `minor_digits` decimals and ',' grouping:
// (1100, 2) -> "11.00", (500000, 2) -> "5,000.00", (1500, 0) -> "1,500",
// (-5, 2) -> "-0.05". `minor_digits` is clamped to 0..18.
std::string FormatMinorUnits(int64_t minor_units, int minor_digits);

// "USD 11.00", using the currency's minor digits from FindCurrency. An
// unknown currency prints its raw amount: "XYZ 1100 (minor units)".
std::string FormatMoney(const vendormatch::v1::Money& money);

// An hourly rate: "USD 11.00/h".
std::string FormatHourlyRate(const vendormatch::v1::Money& money);

// "2026-01-14"; "" for an unset date (all zero); "2026-01" or "2026" for a
// date with zero day or month.
std::string FormatDate(const google::type::Date& date);

// RFC 3339 in UTC, "2024-05-01T12:34:56Z"; "" when unset (zero).
std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp);

// True when the certificate has an expiry date and it is before `today`
// (the expiry date is the last valid day).
bool IsExpired(const vendormatch::v1::Certification& certification, absl::CivilDay today);

// An enum value without its type prefix: STATUS_ACTIVE -> "ACTIVE",
// SERVICE_MODEL_KPO -> "KPO" (the prefix is the one of the type's
// *_UNSPECIFIED value). Unknown numbers print as digits.
std::string ShortEnumName(const google::protobuf::EnumDescriptor& type, int number);

// "providers/acme" -> "acme"; other text unchanged.
std::string ProviderId(absl::string_view name);

// Proto JSON (lowerCamel names) of `message`, indented when `pretty`.
std::string ToJson(const google::protobuf::Message& message, bool pretty = true);

// ---------------------------------------------------------------------------
// Tables.

// Display width of UTF-8 text in terminal columns: one per code point.
size_t DisplayWidth(absl::string_view text);

// A table printed with columns aligned by display width, separated by two
// spaces, no trailing spaces. Control characters in cells (line breaks,
// tabs) print as spaces so a cell never breaks a row. Not thread-safe.
class Table {
 public:
  enum class Align { kLeft, kRight };

  explicit Table(std::vector<std::string> headers);

  // Right-aligns (or left-aligns) column `column`; out-of-range is ignored.
  void SetAlign(size_t column, Align align);
  // Adds a row; missing cells print empty, extra cells are dropped.
  void AddRow(std::vector<std::string> cells);
  size_t row_count() const { return rows_.size(); }

  // Writes the header and the rows, each line starting with `indent`.
  void Print(std::ostream& out, absl::string_view indent = "") const;
  std::string ToString(absl::string_view indent = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

// ---------------------------------------------------------------------------
// Views.

// The list table: ID, NAME, STATUS, MODELS, HQ, CENTRES (distinct centre
// countries), SERVICES (count), RATING, REVISION.
Table ProviderTable(const google::protobuf::RepeatedPtrField<vendormatch::v1::Provider>& providers);

// A multi-line description of one provider for `get`. Certificates whose
// expiry is before `today` are marked EXPIRED.
void DescribeProvider(const vendormatch::v1::Provider& provider, absl::CivilDay today,
                      std::ostream& out);

// TIME, PROVIDER, ACTION, ACTOR, REVISION (old->new), CHANGED, REASON.
Table AuditTable(const google::protobuf::RepeatedPtrField<vendormatch::v1::AuditEvent>& events);

// CODE, MODEL, NAME, DESCRIPTION.
Table CatalogTable(
    const google::protobuf::RepeatedPtrField<vendormatch::v1::CatalogEntry>& entries);

}  // namespace vendormatch::ctl
