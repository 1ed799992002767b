// ValidateProvider: the sections of a provider, each over the small checks of
// validation_internal.h.
#include "services/domain/validation.h"

#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/api/field_behavior.pb.h"
#include "google/type/dayofweek.pb.h"
#include "services/domain/catalog.h"
#include "services/domain/code_kinds.h"
#include "services/domain/reference_data.h"
#include "services/domain/validation_internal.h"

namespace vendormatch {
namespace {

using ::google::protobuf::RepeatedField;
using ::google::protobuf::RepeatedPtrField;
using ::vendormatch::v1::DeliveryCenter;
using ::vendormatch::v1::Provider;
using ::vendormatch::v1::Rate;
using ::vendormatch::v1::Shift;
using ::vendormatch::validation_internal::CharCount;
using ::vendormatch::validation_internal::CheckCountry;
using ::vendormatch::validation_internal::CheckDate;
using ::vendormatch::validation_internal::CheckLine;
using ::vendormatch::validation_internal::CheckListSize;
using ::vendormatch::validation_internal::CheckMoney;
using ::vendormatch::validation_internal::CheckRange;
using ::vendormatch::validation_internal::CheckRealRange;
using ::vendormatch::validation_internal::CheckTimeZone;
using ::vendormatch::validation_internal::Child;
using ::vendormatch::validation_internal::DateKey;
using ::vendormatch::validation_internal::FirstSeen;
using ::vendormatch::validation_internal::FormatDate;
using ::vendormatch::validation_internal::FormatTime;
using ::vendormatch::validation_internal::Index;
using ::vendormatch::validation_internal::IsValidTimeOfDay;
using ::vendormatch::validation_internal::NanosOfDay;
using ::vendormatch::validation_internal::Quoted;
using ::vendormatch::validation_internal::Require;

// ---------------------------------------------------------------------------
// Lists of enums and of codes.

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

}  // namespace

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

}  // namespace vendormatch
