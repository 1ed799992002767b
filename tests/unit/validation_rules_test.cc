// Tests of ValidateProvider's rules. Each rule has a case that breaks only
// that rule on an otherwise valid provider and checks the single violation's
// field path and wording.
#include <cmath>
#include <functional>
#include <ostream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/domain/validation.h"
#include "tests/unit/validation_fixtures.h"

namespace vendormatch {
namespace {

using ::testing::HasSubstr;

// One broken rule: `mutate` breaks it; exactly one violation is expected, at
// `field`, whose description contains `description`.
struct RuleCase {
  const char* name;
  std::function<void(Provider&)> mutate;
  std::string field;
  std::string description;
};

// Keeps test logs readable: gtest would otherwise dump the struct's bytes.
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.name; }

class ValidationRuleTest : public testing::TestWithParam<RuleCase> {};

TEST_P(ValidationRuleTest, ReportsExactlyThisViolation) {
  Provider p = ValidProvider();
  GetParam().mutate(p);
  const auto violations = Validate(p);
  ASSERT_EQ(violations.size(), 1u) << Describe(violations);
  EXPECT_EQ(violations[0].field, GetParam().field);
  EXPECT_THAT(violations[0].description, HasSubstr(GetParam().description));
}

const RuleCase kIdentityCases[] = {
    {"DisplayNameMissing", [](Provider& p) { p.clear_display_name(); }, "display_name",
     "is required"},
    {"DisplayNameBlank", [](Provider& p) { p.set_display_name(" \t "); }, "display_name",
     "is required"},
    {"DisplayNameTooLong", [](Provider& p) { p.set_display_name(std::string(201, 'a')); },
     "display_name", "must be at most 200 characters, got 201"},
    {"LegalNameMissing", [](Provider& p) { p.clear_legal_name(); }, "legal_name", "is required"},
    {"LegalNameMultiline", [](Provider& p) { p.set_legal_name("Acme\nInc"); }, "legal_name",
     "control characters"},
    {"HeadquartersMissing", [](Provider& p) { p.clear_headquarters_country(); },
     "headquarters_country", "is required"},
    {"HeadquartersUnknown", [](Provider& p) { p.set_headquarters_country("XX"); },
     "headquarters_country", "unknown ISO 3166-1 alpha-2 country \"XX\""},
    {"HeadquartersNotNormalized", [](Provider& p) { p.set_headquarters_country("ph"); },
     "headquarters_country", "unknown ISO 3166-1 alpha-2 country \"ph\""},
    {"HeadquartersAlpha3", [](Provider& p) { p.set_headquarters_country("PHL"); },
     "headquarters_country", "unknown ISO 3166-1 alpha-2 country"},
    {"StatusOffboarded", [](Provider& p) { p.set_status(Provider::STATUS_OFFBOARDED); }, "status",
     "must not be STATUS_OFFBOARDED"},
    {"StatusUnknown", [](Provider& p) { p.set_status(static_cast<Provider::Status>(99)); },
     "status", "unknown status value 99"},
    {"DescriptionTooLong",
     [](Provider& p) { p.set_description(std::string(kMaxDescriptionLength + 1, 'x')); },
     "description", "must be at most 4000 characters, got 4001"},
};

const RuleCase kServiceCases[] = {
    {"ServiceModelsMissing", [](Provider& p) { p.clear_service_models(); }, "service_models",
     "at least one service model is required"},
    {"ServiceModelUnspecified",
     [](Provider& p) { p.add_service_models(v1::SERVICE_MODEL_UNSPECIFIED); }, "service_models[2]",
     "SERVICE_MODEL_UNSPECIFIED is not allowed"},
    {"ServiceModelUnknown",
     [](Provider& p) { p.add_service_models(static_cast<v1::ServiceModel>(7)); },
     "service_models[2]", "unknown service model value 7"},
    {"ServiceModelDuplicate", [](Provider& p) { p.add_service_models(v1::SERVICE_MODEL_BPO); },
     "service_models[2]", "duplicate service model SERVICE_MODEL_BPO (also at service_models[0])"},
    {"ServicesMissing",
     [](Provider& p) {
       p.clear_services();
       p.clear_rate_card();
     },
     "services", "at least one service is required"},
    {"ServiceBlank", [](Provider& p) { p.add_services(""); }, "services[3]", "is required"},
    {"ServiceUnknown", [](Provider& p) { p.add_services("FOO"); }, "services[3]",
     "unknown service \"FOO\" (not in the service catalogue)"},
    {"ServiceDuplicate", [](Provider& p) { p.add_services("DATA_ENTRY"); }, "services[3]",
     "duplicate service \"DATA_ENTRY\" (also at services[1])"},
    {"ServiceModelNotListed",
     [](Provider& p) {
       p.clear_service_models();
       p.add_service_models(v1::SERVICE_MODEL_BPO);
     },
     "services[2]",
     "service \"MARKET_RESEARCH\" is KPO work but service_models does not include "
     "SERVICE_MODEL_KPO"},
    {"ServicesTooMany",
     [](Provider& p) {
       while (p.services_size() <= kMaxListSize) p.add_services("DATA_ENTRY");
     },
     "services", "must have at most 200 entries, got 201"},
};

const RuleCase kDeliveryCenterCases[] = {
    {"CentresMissing", [](Provider& p) { p.clear_delivery_centers(); }, "delivery_centers",
     "at least one delivery centre is required"},
    {"CentresTooMany",
     [](Provider& p) {
       while (p.delivery_centers_size() <= kMaxDeliveryCenters) {
         AddCentre(p, "PH", "Cebu", "Asia/Manila", 1, 1);
       }
     },
     "delivery_centers", "must have at most 100 entries, got 101"},
    {"CentreCountryMissing", [](Provider& p) { Centre(p, 1).clear_country_code(); },
     "delivery_centers[1].country_code", "is required"},
    {"CentreCountryUnknown", [](Provider& p) { Centre(p, 2).set_country_code("XX"); },
     "delivery_centers[2].country_code", "unknown ISO 3166-1 alpha-2 country \"XX\""},
    {"CentreCityMissing", [](Provider& p) { Centre(p, 0).clear_city(); },
     "delivery_centers[0].city", "is required"},
    {"CentreCityTooLong", [](Provider& p) { Centre(p, 0).set_city(std::string(101, 'c')); },
     "delivery_centers[0].city", "must be at most 100 characters"},
    {"TimeZoneMissing", [](Provider& p) { Centre(p, 2).clear_time_zone(); },
     "delivery_centers[2].time_zone", "is required"},
    {"TimeZoneUnknown", [](Provider& p) { Centre(p, 2).set_time_zone("Mars/Olympus_Mons"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone \"Mars/Olympus_Mons\""},
    {"TimeZoneLocaltime", [](Provider& p) { Centre(p, 2).set_time_zone("localtime"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneFixedOffset", [](Provider& p) { Centre(p, 2).set_time_zone("Fixed/UTC+05:00"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZonePath",
     [](Provider& p) { Centre(p, 2).set_time_zone("../../../usr/share/zoneinfo/UTC"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneAbsolutePath",
     [](Provider& p) { Centre(p, 2).set_time_zone("/usr/share/zoneinfo/UTC"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneDirectory", [](Provider& p) { Centre(p, 2).set_time_zone("America"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneWrongCase", [](Provider& p) { Centre(p, 0).set_time_zone("asia/manila"); },
     "delivery_centers[0].time_zone", "unknown IANA time zone"},
    {"HeadcountNegative", [](Provider& p) { Centre(p, 0).set_headcount(-1); },
     "delivery_centers[0].headcount", "must be between 0 and 1000000, got -1"},
    {"HeadcountTooLarge", [](Provider& p) { Centre(p, 0).set_headcount(kMaxSeats + 1); },
     "delivery_centers[0].headcount", "must be between 0 and 1000000, got 1000001"},
    {"SeatsNegative", [](Provider& p) { Centre(p, 1).set_seats_available(-3); },
     "delivery_centers[1].seats_available", "must be between 0 and 1000000, got -3"},
    {"RoundTheClockWithShifts", [](Provider& p) { Centre(p, 1).set_round_the_clock(true); },
     "delivery_centers[1].shifts", "a round-the-clock centre must not declare shifts"},
    {"ShiftStartMissing", [](Provider& p) { DayShift(p).clear_start_time(); },
     "delivery_centers[1].shifts[0].start_time", "is required"},
    {"ShiftEndMissing", [](Provider& p) { DayShift(p).clear_end_time(); },
     "delivery_centers[1].shifts[0].end_time", "is required"},
    {"ShiftStartEqualsEnd", [](Provider& p) { *DayShift(p).mutable_end_time() = MakeTime(9, 0); },
     "delivery_centers[1].shifts[0].end_time", "must differ from start_time (09:00:00)"},
    {"ShiftStartAt24", [](Provider& p) { *DayShift(p).mutable_start_time() = MakeTime(24, 0); },
     "delivery_centers[1].shifts[0].start_time", "not a valid time of day: 24:00:00"},
    {"ShiftEndBadMinutes", [](Provider& p) { *DayShift(p).mutable_end_time() = MakeTime(17, 60); },
     "delivery_centers[1].shifts[0].end_time", "not a valid time of day: 17:60:00"},
    {"ShiftEndAfter24", [](Provider& p) { *DayShift(p).mutable_end_time() = MakeTime(24, 30); },
     "delivery_centers[1].shifts[0].end_time", "not a valid time of day"},
    {"ShiftDaysMissing", [](Provider& p) { DayShift(p).clear_days(); },
     "delivery_centers[1].shifts[0].days", "at least one day is required"},
    {"ShiftDayUnspecified",
     [](Provider& p) { DayShift(p).add_days(google::type::DAY_OF_WEEK_UNSPECIFIED); },
     "delivery_centers[1].shifts[0].days[5]", "DAY_OF_WEEK_UNSPECIFIED is not allowed"},
    {"ShiftDayDuplicate", [](Provider& p) { DayShift(p).add_days(google::type::MONDAY); },
     "delivery_centers[1].shifts[0].days[5]",
     "duplicate day of week MONDAY (also at delivery_centers[1].shifts[0].days[0])"},
};

const RuleCase kLanguageCases[] = {
    {"LanguageUnderscore", [](Provider& p) { p.add_languages("en_US"); }, "languages[4]",
     "invalid BCP 47 language tag \"en_US\""},
    {"LanguageUnknownRegion", [](Provider& p) { p.add_languages("en-XX"); }, "languages[4]",
     "invalid BCP 47 language tag \"en-XX\""},
    {"LanguageEmpty", [](Provider& p) { p.add_languages(""); }, "languages[4]",
     "invalid BCP 47 language tag \"\""},
    {"LanguageDuplicateIgnoringCase", [](Provider& p) { p.add_languages("EN-us"); }, "languages[4]",
     "duplicate language \"EN-us\" (also at languages[1])"},
    {"LanguagesTooMany",
     [](Provider& p) {
       while (p.languages_size() <= kMaxListSize) p.add_languages("de");
     },
     "languages", "must have at most 200 entries, got 201"},
};

const RuleCase kCertificationCases[] = {
    {"CertificationCodeMissing", [](Provider& p) { Cert(p, 1).clear_code(); },
     "certifications[1].code", "is required"},
    {"CertificationCodeUnknown", [](Provider& p) { Cert(p, 1).set_code("ISO99999"); },
     "certifications[1].code", "unknown certification \"ISO99999\""},
    {"CertificationIssueDateInvalid",
     [](Provider& p) { *Cert(p, 0).mutable_issue_date() = MakeDate(2023, 2, 29); },
     "certifications[0].issue_date", "not a valid calendar date: 2023-02-29"},
    {"CertificationCenturyNotLeap",
     [](Provider& p) { *Cert(p, 1).mutable_issue_date() = MakeDate(1900, 2, 29); },
     "certifications[1].issue_date", "not a valid calendar date: 1900-02-29"},
    {"CertificationMonth13",
     [](Provider& p) { *Cert(p, 0).mutable_expiry_date() = MakeDate(2025, 13, 1); },
     "certifications[0].expiry_date", "not a valid calendar date: 2025-13-01"},
    {"CertificationExpiryPartial",
     [](Provider& p) { *Cert(p, 0).mutable_expiry_date() = MakeDate(2025, 1, 0); },
     "certifications[0].expiry_date", "must be a full date (year, month and day all set)"},
    {"CertificationExpiryBeforeIssue",
     [](Provider& p) { *Cert(p, 0).mutable_expiry_date() = MakeDate(2022, 1, 14); },
     "certifications[0].expiry_date", "expiry date 2022-01-14 is before issue date 2022-01-15"},
    {"CertificationIssuerMultiline", [](Provider& p) { Cert(p, 0).set_issuer("BSI\r\n"); },
     "certifications[0].issuer", "control characters"},
    {"CertificationDuplicate", [](Provider& p) { *p.add_certifications() = Cert(p, 0); },
     "certifications[2]",
     "duplicate certification \"ISO27001\" with the same validity period (also at "
     "certifications[0])"},
};

const RuleCase kIndustryAndRateCases[] = {
    {"IndustryUnknown", [](Provider& p) { p.add_industries("XYZ"); }, "industries[2]",
     "unknown industry \"XYZ\""},
    {"IndustryDuplicate", [](Provider& p) { p.add_industries("BANKING"); }, "industries[2]",
     "duplicate industry \"BANKING\" (also at industries[0])"},
    {"RateServiceUnknown", [](Provider& p) { RateAt(p, 0).set_service("FOO"); },
     "rate_card[0].service", "unknown service \"FOO\""},
    {"RateServiceNotOffered", [](Provider& p) { RateAt(p, 0).set_service("PAYROLL"); },
     "rate_card[0].service", "service \"PAYROLL\" is not among the provider's services"},
    {"RateSeniorityUnknown",
     [](Provider& p) { RateAt(p, 1).set_seniority(static_cast<v1::Seniority>(9)); },
     "rate_card[1].seniority", "unknown seniority value 9"},
    {"RateMissing", [](Provider& p) { RateAt(p, 2).clear_hourly_rate(); },
     "rate_card[2].hourly_rate", "is required"},
    {"RateCurrencyMissing",
     [](Provider& p) { RateAt(p, 0).mutable_hourly_rate()->clear_currency_code(); },
     "rate_card[0].hourly_rate.currency_code", "is required"},
    {"RateCurrencyUnknown",
     [](Provider& p) { RateAt(p, 0).mutable_hourly_rate()->set_currency_code("ABC"); },
     "rate_card[0].hourly_rate.currency_code", "unknown ISO 4217 currency \"ABC\""},
    {"RateNegative", [](Provider& p) { RateAt(p, 1).mutable_hourly_rate()->set_minor_units(-1); },
     "rate_card[1].hourly_rate.minor_units", "must be between 0 and 100000000, got -1"},
    {"RateTooHigh",
     [](Provider& p) {
       RateAt(p, 1).mutable_hourly_rate()->set_minor_units(kMaxHourlyRateMinorUnits + 1);
     },
     "rate_card[1].hourly_rate.minor_units", "must be between 0 and 100000000, got 100000001"},
    {"RateDuplicate",
     [](Provider& p) { AddRate(p, "CUSTOMER_SUPPORT", v1::SENIORITY_JUNIOR, "EUR", 900); },
     "rate_card[3]",
     "duplicate rate for \"CUSTOMER_SUPPORT\" and SENIORITY_JUNIOR (also at rate_card[0])"},
    {"RateDuplicateAllServices",
     [](Provider& p) { AddRate(p, "", v1::SENIORITY_UNSPECIFIED, "USD", 900); }, "rate_card[3]",
     "duplicate rate for all services and SENIORITY_UNSPECIFIED (also at rate_card[2])"},
};

const RuleCase kEngagementAndQualityCases[] = {
    {"EngagementHeadcountNegative",
     [](Provider& p) { p.mutable_minimum_engagement()->set_headcount(-1); },
     "minimum_engagement.headcount", "must be between 0 and 1000000, got -1"},
    {"EngagementTooLong",
     [](Provider& p) { p.mutable_minimum_engagement()->set_duration_months(121); },
     "minimum_engagement.duration_months", "must be between 0 and 120, got 121"},
    {"EngagementCurrencyUnknown",
     [](Provider& p) {
       p.mutable_minimum_engagement()->mutable_monthly_value()->set_currency_code("XXX");
     },
     "minimum_engagement.monthly_value.currency_code", "unknown ISO 4217 currency \"XXX\""},
    {"EngagementValueNegative",
     [](Provider& p) {
       p.mutable_minimum_engagement()->mutable_monthly_value()->set_minor_units(-5);
     },
     "minimum_engagement.monthly_value.minor_units", "got -5"},
    {"RatingTooHigh", [](Provider& p) { p.mutable_quality()->set_rating(5.1); }, "quality.rating",
     "must be between 0 and 5, got 5.1"},
    {"RatingNegative", [](Provider& p) { p.mutable_quality()->set_rating(-0.5); }, "quality.rating",
     "must be between 0 and 5, got -0.5"},
    {"RatingNaN", [](Provider& p) { p.mutable_quality()->set_rating(std::nan("")); },
     "quality.rating", "must be between 0 and 5"},
    {"ReviewCountNegative", [](Provider& p) { p.mutable_quality()->set_review_count(-1); },
     "quality.review_count", "must not be negative, got -1"},
    {"SlaTooHigh", [](Provider& p) { p.mutable_quality()->set_sla_attainment_percent(100.5); },
     "quality.sla_attainment_percent", "must be between 0 and 100, got 100.5"},
    {"QualifiedStaffNegative",
     [](Provider& p) { p.mutable_talent()->set_qualified_staff_percent(-1); },
     "talent.qualified_staff_percent", "must be between 0 and 100, got -1"},
    {"QualificationBlank", [](Provider& p) { p.mutable_talent()->add_qualifications(" "); },
     "talent.qualifications[3]", "is required"},
    {"QualificationTooLong",
     [](Provider& p) { p.mutable_talent()->add_qualifications(std::string(101, 'q')); },
     "talent.qualifications[3]", "must be at most 100 characters"},
    {"QualificationDuplicateIgnoringCase",
     [](Provider& p) { p.mutable_talent()->add_qualifications("mba"); }, "talent.qualifications[3]",
     "duplicate qualification \"mba\" (also at talent.qualifications[1])"},
    {"DeliveryModelUnspecified",
     [](Provider& p) { p.add_declared_delivery_models(v1::DELIVERY_MODEL_UNSPECIFIED); },
     "declared_delivery_models[2]", "DELIVERY_MODEL_UNSPECIFIED is not allowed"},
    {"DeliveryModelUnknown",
     [](Provider& p) { p.add_declared_delivery_models(static_cast<v1::DeliveryModel>(9)); },
     "declared_delivery_models[2]", "unknown delivery model value 9"},
    {"DeliveryModelDuplicate",
     [](Provider& p) { p.add_declared_delivery_models(v1::DELIVERY_MODEL_OFFSHORE); },
     "declared_delivery_models[2]",
     "duplicate delivery model DELIVERY_MODEL_OFFSHORE (also at declared_delivery_models[0])"},
};

std::string CaseName(const testing::TestParamInfo<RuleCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Identity, ValidationRuleTest, testing::ValuesIn(kIdentityCases), CaseName);
INSTANTIATE_TEST_SUITE_P(Services, ValidationRuleTest, testing::ValuesIn(kServiceCases), CaseName);
INSTANTIATE_TEST_SUITE_P(DeliveryCenters, ValidationRuleTest,
                         testing::ValuesIn(kDeliveryCenterCases), CaseName);
INSTANTIATE_TEST_SUITE_P(Languages, ValidationRuleTest, testing::ValuesIn(kLanguageCases),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Certifications, ValidationRuleTest, testing::ValuesIn(kCertificationCases),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(IndustriesAndRates, ValidationRuleTest,
                         testing::ValuesIn(kIndustryAndRateCases), CaseName);
INSTANTIATE_TEST_SUITE_P(EngagementAndQuality, ValidationRuleTest,
                         testing::ValuesIn(kEngagementAndQualityCases), CaseName);

}  // namespace
}  // namespace vendormatch
