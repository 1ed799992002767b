// Human-readable output of vendormatchctl: money, dates, enum short names,
// aligned tables, and the views of providers, audit events, catalogue
// entries, matches, comparisons, advice, plugins and profiles. Pure functions over protos (apart
// from writing to the given stream); thread-safe; nothing here talks to the server.
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
#include "vendormatch/v1/matching_service.pb.h"
#include "vendormatch/v1/profile.pb.h"
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
// True when `date` is set and before `today`.
bool IsPast(const google::type::Date& date, absl::CivilDay today);

// An enum value without its type prefix: STATUS_ACTIVE -> "ACTIVE",
// SERVICE_MODEL_KPO -> "KPO" (the prefix is the one of the type's
// *_UNSPECIFIED value). Unknown numbers print as digits.
std::string ShortEnumName(const google::protobuf::EnumDescriptor& type, int number);

// "providers/acme" -> "acme"; other text unchanged.
std::string ProviderId(absl::string_view name);

// "profiles/balanced" -> "balanced"; other text unchanged.
std::string ProfileId(absl::string_view name);

// A score, weight or other double, short: integral values without decimals
// ("1100", "15"), others with up to two ("82.5", "0.83"), very small ones
// with three significant digits ("0.00123"); "inf"/"nan" as such.
std::string FormatNumber(double value);

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
  // Adds a line printed under the last row (after the header when there is
  // no row yet), outside the columns: it neither widens nor is aligned with
  // them. Control characters print as spaces.
  void AddDetail(std::string line);
  size_t row_count() const { return rows_.size(); }

  // Writes the header and the rows, each line starting with `indent`.
  void Print(std::ostream& out, absl::string_view indent = "") const;
  std::string ToString(absl::string_view indent = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
  // Detail lines by row: details_[i] prints after row i - 1 (0: after the header).
  std::vector<std::vector<std::string>> details_ = {{}};
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

// ---------------------------------------------------------------------------
// Matching views.

// "nearshore MX Guadalajara (shared_border)"; "-" when unset.
std::string FormatDelivery(const vendormatch::v1::DeliveryDecision& delivery);

// The ranked table: RANK, PROVIDER (id), NAME, TOTAL, DELIVERY, then one
// column per scorer (its name upper-cased) holding its contribution, in the
// order of the first match's scores (scorers only later matches have are
// appended). With `explain`, each row is followed by one line per scorer:
//   "  rate  raw 1100  norm 82.0  w 15  +12.3  USD 11.00/h mean rate"
// with the numbers aligned across the table.
Table MatchTable(const vendormatch::v1::MatchProvidersResponse& response, bool explain);

// The whole `match` view: the summary; "snapshot r<rev>, profile <id>
// r<rev>"; the ranked table ("No provider is eligible." when empty); what
// each filter removed ("  rate  removed 31: rate_above_ceiling (31)");
// relaxation hints ("relax rate: 12 eligible if raise rate_ceiling to USD
// 18.50"); skipped plugins; the advisor's advice ("advisor: KPO (confidence
// 0.83): expertise, driver").
// `text` with control characters replaced by spaces, safe to print.
std::string SanitizeText(absl::string_view text);

// The named providers of a match (MatchProvidersRequest.explain_providers):
// status, every filter's verdict with its sentence, rank and gap to the top
// K, and what it would take on each side with what the service got when it
// tried it.
void PrintExplanations(const vendormatch::v1::MatchProvidersResponse& response, std::ostream& out);

void PrintMatchResult(const vendormatch::v1::MatchProvidersResponse& response, bool explain,
                      std::ostream& out);

// "+2" (B ranks it 2 places higher), "-1", "0", "new" (only in B's top K),
// "gone" (only in A's).
std::string FormatRankChange(const vendormatch::v1::RankChange& change);

// PROVIDER, NAME, RANK A, RANK B, CHANGE, TOTAL A, TOTAL B, in the
// response's order; names and totals come from the two results.
Table RankChangeTable(const vendormatch::v1::CompareProfilesResponse& response);

// The `compare` view: "A: <profile> r<rev>: <summary>", the same for B, then
// the rank-change table.
void PrintCompareResult(const vendormatch::v1::CompareProfilesResponse& response,
                        std::ostream& out);

// "KPO (confidence 0.83)".
std::string FormatAdviceHeadline(const vendormatch::v1::RecommendServiceModelResponse& advice);

// The `advise` view: the headline, then CRITERION, FAVOURS, WEIGHT,
// EXPLANATION.
void PrintAdvice(const vendormatch::v1::RecommendServiceModelResponse& advice, std::ostream& out);

// NAME, VERSION, STAGES, SDK, FILE.
Table PluginTable(const google::protobuf::RepeatedPtrField<vendormatch::v1::PluginInfo>& plugins);

// ID, DISPLAY NAME, PLUGINS (count), SCORERS (count), REVISION, UPDATED.
Table ProfileTable(const google::protobuf::RepeatedPtrField<vendormatch::v1::Profile>& profiles);

// A multi-line description of one profile for `profiles get`, with its
// plugins as PLUGIN, FILTER, SCORE, WEIGHT, BOUNDS, ON ERROR, SETTINGS.
void DescribeProfile(const vendormatch::v1::Profile& profile, std::ostream& out);

}  // namespace vendormatch::ctl
