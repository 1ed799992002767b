#include "services/matching/requirement.h"

#include <algorithm>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_violations.h"
#include "services/domain/catalog.h"
#include "services/domain/reference_data.h"
#include "services/domain/validation.h"
#include "services/matching/advisor.h"
#include "services/matching/constraints.h"

namespace vendormatch {
namespace {

constexpr int kMaxListSize = 50;
constexpr int kMaxHeadcount = 1'000'000;
constexpr int kMaxDurationMonths = 120;

bool WorkStated(const v1::WorkCharacteristics& w) { return w.ByteSizeLong() > 0; }

void CheckLevel(int value, absl::string_view field, FieldViolations& out) {
  if (!v1::Level_IsValid(value)) out.Add(field, absl::StrCat("unknown level ", value));
}

// Minutes since midnight, or -1 when `t` is not a time between 00:00 and
// 24:00 (the fields are int32: their product must not overflow).
int MinuteOfDay(const google::type::TimeOfDay& t) {
  if (t.hours() < 0 || t.hours() > 24 || t.minutes() < 0 || t.minutes() > 59) return -1;
  const int minute = t.hours() * 60 + t.minutes();
  return minute > 24 * 60 ? -1 : minute;
}

sdk::Shift ToShift(const v1::Shift& s, const std::string& field, FieldViolations& out) {
  sdk::Shift shift;
  for (int day : s.days()) {
    if (day < 1 || day > 7) {
      out.Add(field + ".days", "days are MONDAY to SUNDAY");
    } else {
      shift.days |= uint8_t(1u << (day - 1));
    }
  }
  if (shift.days == 0) out.Add(field + ".days", "at least one day");
  const int start = MinuteOfDay(s.start_time());
  const int end = MinuteOfDay(s.end_time());
  shift.start_minute = static_cast<int16_t>(std::clamp(start, -1, 24 * 60 + 1));
  shift.end_minute = static_cast<int16_t>(std::clamp(end, -1, 24 * 60 + 1));
  if (start < 0 || start >= 24 * 60 || end < 0 || end > 24 * 60) {
    out.Add(field, "times must be within 00:00 and 24:00");
  } else if (shift.start_minute == shift.end_minute) {
    out.Add(field, "start_time and end_time must differ");
  }
  return shift;
}

void ConvertServices(const v1::Requirement& r, ValidRequirement& out, FieldViolations& v) {
  if (r.services().empty()) v.Add("requirement.services", "name at least one service");
  if (r.services_size() > kMaxListSize) v.Add("requirement.services", "too many services");
  std::set<std::string> seen;
  for (int i = 0; i < r.services_size(); ++i) {
    std::string code = absl::AsciiStrToUpper(r.services(i));
    const std::string field = absl::StrCat("requirement.services[", i, "]");
    if (!FindCatalogService(code)) {
      v.Add(field, absl::StrCat("unknown service \"", r.services(i), "\""));
    } else if (!seen.insert(code).second) {
      v.Add(field, absl::StrCat("duplicate service \"", code, "\""));
    } else {
      out.codes.services.push_back(code);
    }
  }
  if (!v1::ServiceMatch_IsValid(r.service_match())) {
    v.Add("requirement.service_match", "unknown value");
  }
  out.req.any_service = r.service_match() == v1::SERVICE_MATCH_ANY;
}

void ConvertClient(const v1::Requirement& r, ValidRequirement& valid, FieldViolations& v) {
  sdk::Requirement& out = valid.req;
  valid.codes.client_country = absl::AsciiStrToUpper(r.client_country());
  if (r.client_country().empty()) {
    v.Add("requirement.client_country", "required: the client's ISO 3166-1 alpha-2 country");
  } else if (!FindCountry(valid.codes.client_country)) {
    v.Add("requirement.client_country",
          absl::StrCat("unknown ISO 3166-1 alpha-2 country \"", r.client_country(), "\""));
  }
  if (r.client_time_zone().empty()) {
    v.Add("requirement.client_time_zone",
          "required: the client's IANA time zone, e.g. \"America/New_York\"");
  } else if (!LoadIanaTimeZone(r.client_time_zone(), &out.client_time_zone)) {
    v.Add("requirement.client_time_zone",
          absl::StrCat("unknown IANA time zone \"", r.client_time_zone(), "\""));
  }
  for (int i = 0; i < r.client_hours_size(); ++i) {
    out.client_hours.push_back(
        ToShift(r.client_hours(i), absl::StrCat("requirement.client_hours[", i, "]"), v));
  }
  if (out.client_hours.empty()) out.client_hours.push_back({0b0011111, 9 * 60, 17 * 60});
}

// Upper-cases each of `codes` into `out`, naming each one `find` does not
// know ("requirement.<field>[i]: unknown <what> \"XYZ\"") and a list over
// kMaxListSize.
void ConvertCodes(const google::protobuf::RepeatedPtrField<std::string>& codes,
                  absl::string_view field, absl::string_view what,
                  std::optional<CodeName> (*find)(absl::string_view), std::vector<std::string>& out,
                  FieldViolations& v) {
  if (codes.size() > kMaxListSize) {
    v.Add(absl::StrCat("requirement.", field), absl::StrCat("at most ", kMaxListSize, " entries"));
  }
  for (int i = 0; i < codes.size(); ++i) {
    std::string code = absl::AsciiStrToUpper(codes[i]);
    if (!find(code)) {
      v.Add(absl::StrCat("requirement.", field, "[", i, "]"),
            absl::StrCat("unknown ", what, " \"", codes[i], "\""));
    } else {
      out.push_back(std::move(code));
    }
  }
}

void ConvertLists(const v1::Requirement& r, ValidRequirement& valid, FieldViolations& v) {
  sdk::Requirement& out = valid.req;
  for (int i = 0; i < r.delivery_models_size(); ++i) {
    int m = r.delivery_models(i);
    if (!v1::DeliveryModel_IsValid(m) || m == v1::DELIVERY_MODEL_UNSPECIFIED) {
      v.Add(absl::StrCat("requirement.delivery_models[", i, "]"), "unknown delivery model");
    } else {
      out.delivery_models |= uint8_t(1u << m);
    }
  }
  ConvertCodes(r.certifications(), "certifications", "certification", FindCertification,
               valid.codes.certifications, v);
  ConvertCodes(r.diversity_classifications(), "diversity_classifications",
               "diversity classification", FindClassification,
               valid.codes.diversity_classifications, v);
  for (int i = 0; i < r.languages_size(); ++i) {
    if (!IsValidLanguageTag(r.languages(i))) {
      v.Add(absl::StrCat("requirement.languages[", i, "]"),
            absl::StrCat("not a BCP 47 language tag: \"", r.languages(i), "\""));
    } else {
      std::string tag = absl::AsciiStrToLower(r.languages(i));
      std::replace(tag.begin(), tag.end(), '_', '-');
      valid.codes.languages.push_back(std::move(tag));
    }
  }
  if (r.languages_size() > kMaxListSize) {
    v.Add("requirement.languages", absl::StrCat("at most ", kMaxListSize, " entries"));
  }
  if (!r.industry().empty()) {
    valid.codes.industry = absl::AsciiStrToUpper(r.industry());
    if (!FindIndustry(valid.codes.industry)) {
      v.Add("requirement.industry", absl::StrCat("unknown industry \"", r.industry(), "\""));
    }
  }
}

// A google.type.Date as a civil day, or nullopt when it is not one.
std::optional<absl::CivilDay> CivilDayOfDate(const google::type::Date& d) {
  absl::CivilDay day(d.year(), d.month(), d.day());
  if (d.year() < 1 || day.year() != d.year() || day.month() != d.month() || day.day() != d.day()) {
    return std::nullopt;
  }
  return day;
}

// The engagement window: end_date or duration_months, after the start.
void ConvertWindow(const v1::Requirement& r, sdk::Requirement& out, FieldViolations& v) {
  if (r.has_end_date() && r.duration_months() != 0) {
    v.Add("requirement.duration_months", "set end_date or duration_months, not both");
    return;
  }
  if (r.has_end_date()) {
    const std::optional<absl::CivilDay> end = CivilDayOfDate(r.end_date());
    if (!end) {
      v.Add("requirement.end_date", "not a calendar date");
    } else if (*end < out.start_date) {
      v.Add("requirement.end_date",
            absl::StrCat("is before the start date (", absl::FormatCivilTime(out.start_date), ")"));
    } else {
      out.end_day = sdk::DayNumberOf(*end);
    }
  } else if (r.duration_months() != 0) {
    if (r.duration_months() < 1 || r.duration_months() > kMaxDurationMonths) {
      v.Add("requirement.duration_months",
            absl::StrCat("must be within 1 and ", kMaxDurationMonths));
    } else {
      out.end_day = sdk::DayNumberOf(EngagementEnd(out.start_date, r.duration_months()));
    }
  }
  out.certifications_through_end = r.certifications_valid_through_end();
  if (out.certifications_through_end && !r.has_end_date() && r.duration_months() == 0) {
    v.Add("requirement.certifications_valid_through_end",
          "needs the engagement's end: set end_date or duration_months");
  }
}

void ConvertMoneyAndNumbers(const v1::Requirement& r, absl::CivilDay today, ValidRequirement& valid,
                            FieldViolations& v) {
  sdk::Requirement& out = valid.req;
  if (r.has_rate_ceiling()) {
    const auto& m = r.rate_ceiling();
    std::string currency = absl::AsciiStrToUpper(m.currency_code());
    if (!FindCurrency(currency)) {
      v.Add("requirement.rate_ceiling.currency_code",
            absl::StrCat("unknown ISO 4217 currency \"", m.currency_code(), "\""));
    }
    if (m.minor_units() < 0) v.Add("requirement.rate_ceiling.minor_units", "must not be negative");
    valid.codes.rate_currency = currency;
    out.rate_ceiling = sdk::Money{sdk::kNoSymbol, m.minor_units()};
  }
  if (!v1::Seniority_IsValid(r.seniority())) v.Add("requirement.seniority", "unknown seniority");
  out.seniority = static_cast<sdk::Seniority>(r.seniority());
  if (r.headcount() < 0 || r.headcount() > kMaxHeadcount) {
    v.Add("requirement.headcount", absl::StrCat("must be within 0 and ", kMaxHeadcount));
  }
  out.headcount = r.headcount();
  out.start_date = today;
  if (r.has_start_date()) {
    const std::optional<absl::CivilDay> parsed = CivilDayOfDate(r.start_date());
    const absl::CivilDay day = parsed.value_or(today);
    if (!parsed) {
      v.Add("requirement.start_date", "not a calendar date");
    } else if (day < today) {
      v.Add("requirement.start_date",
            absl::StrCat("is in the past (today is ", absl::FormatCivilTime(today), ")"));
    } else {
      out.start_date = day;
    }
  }
  out.start_day = sdk::DayNumberOf(out.start_date);
  ConvertWindow(r, out, v);
  if (!(r.min_rating() >= 0 && r.min_rating() <= 5)) {
    v.Add("requirement.min_rating", "must be within 0 and 5");
  }
  if (!(r.min_overlap_hours() >= 0 && r.min_overlap_hours() <= 24)) {
    v.Add("requirement.min_overlap_hours", "must be within 0 and 24");
  }
  out.min_rating = r.min_rating();
  out.min_overlap_hours = r.min_overlap_hours();
  CheckLevel(r.collaboration(), "requirement.collaboration", v);
  CheckLevel(r.data_sensitivity(), "requirement.data_sensitivity", v);
  out.collaboration = static_cast<sdk::Level>(r.collaboration());
  out.data_sensitivity = static_cast<sdk::Level>(r.data_sensitivity());
}

}  // namespace

absl::CivilDay EngagementEnd(absl::CivilDay start, int months) {
  const absl::CivilMonth month = absl::CivilMonth(start) + months;
  // The same day of the month `months` later (the month's last day when it
  // is shorter), minus one.
  absl::CivilDay same(month.year(), month.month(), start.day());
  if (same.month() != month.month()) same = absl::CivilDay(month + 1) - 1;
  return same - 1;
}

absl::StatusOr<ValidRequirement> ValidateRequirement(const v1::Requirement& r, absl::CivilDay today,
                                                     v1::RecommendServiceModelResponse* advice) {
  ValidRequirement valid;
  sdk::Requirement& out = valid.req;
  FieldViolations v;
  ConvertServices(r, valid, v);
  ConvertClient(r, valid, v);
  ConvertLists(r, valid, v);
  ConvertMoneyAndNumbers(r, today, valid, v);
  if (!v1::ServiceModel_IsValid(r.preferred_service_model())) {
    v.Add("requirement.preferred_service_model", "unknown service model");
  }
  out.service_model = static_cast<sdk::ServiceModel>(r.preferred_service_model());
  if (r.preferred_service_model() == v1::SERVICE_MODEL_UNSPECIFIED && WorkStated(r.work())) {
    absl::Status work = ValidateWork(r.work(), "requirement.");
    for (const auto& violation : ViolationsOf(work)) v.Add(violation.field, violation.description);
    if (work.ok()) {
      v1::RecommendServiceModelResponse recommended = RecommendServiceModel(r.work());
      out.service_model = static_cast<sdk::ServiceModel>(recommended.service_model());
      out.service_model_advised = true;
      out.advice_confidence = recommended.confidence();
      if (advice != nullptr) *advice = std::move(recommended);
    }
  }
  CheckConstraintPreferences(r, v);
  if (!v.empty()) return v.ToStatus("invalid requirement");
  return valid;
}

}  // namespace vendormatch
