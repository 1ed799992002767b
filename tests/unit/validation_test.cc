// Tests of ValidateProvider and NormalizeProvider. Each rule has a case that
// breaks only that rule on an otherwise valid provider and checks the single
// violation's field path and wording.
#include "services/domain/validation.h"

#include <cmath>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace vendormatch {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::vendormatch::v1::Certification;
using ::vendormatch::v1::DeliveryCenter;
using ::vendormatch::v1::Provider;
using ::vendormatch::v1::Rate;
using ::vendormatch::v1::Shift;

google::type::Date MakeDate(int y, int m, int d) {
  google::type::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

google::type::TimeOfDay MakeTime(int h, int m) {
  google::type::TimeOfDay t;
  t.set_hours(h);
  t.set_minutes(m);
  return t;
}

void AddCenter(Provider& p, const char* country, const char* city, const char* zone, int headcount,
               int seats) {
  DeliveryCenter* c = p.add_delivery_centers();
  c->set_country_code(country);
  c->set_city(city);
  c->set_time_zone(zone);
  c->set_headcount(headcount);
  c->set_seats_available(seats);
}

void AddRate(Provider& p, const char* service, v1::Seniority seniority, const char* currency,
             int64_t minor_units) {
  Rate* r = p.add_rate_card();
  r->set_service(service);
  r->set_seniority(seniority);
  r->mutable_hourly_rate()->set_currency_code(currency);
  r->mutable_hourly_rate()->set_minor_units(minor_units);
}

// A provider that uses every field and passes validation.
Provider ValidProvider() {
  Provider p;
  p.set_display_name("Acme Outsourcing");
  p.set_legal_name("Acme Outsourcing Services, Inc.");
  p.set_headquarters_country("PH");
  p.set_status(Provider::STATUS_ACTIVE);
  p.add_service_models(v1::SERVICE_MODEL_BPO);
  p.add_service_models(v1::SERVICE_MODEL_KPO);
  for (const char* s : {"CUSTOMER_SUPPORT", "DATA_ENTRY", "MARKET_RESEARCH"}) p.add_services(s);

  AddCenter(p, "PH", "Manila", "Asia/Manila", 500, 50);
  p.mutable_delivery_centers(0)->set_round_the_clock(true);
  AddCenter(p, "IN", "Pune", "Asia/Kolkata", 200, 20);
  Shift* day = p.mutable_delivery_centers(1)->add_shifts();
  for (auto d : {google::type::MONDAY, google::type::TUESDAY, google::type::WEDNESDAY,
                 google::type::THURSDAY, google::type::FRIDAY}) {
    day->add_days(d);
  }
  *day->mutable_start_time() = MakeTime(9, 0);
  *day->mutable_end_time() = MakeTime(18, 0);
  Shift* night = p.mutable_delivery_centers(1)->add_shifts();
  night->add_days(google::type::SATURDAY);
  *night->mutable_start_time() = MakeTime(22, 0);
  *night->mutable_end_time() = MakeTime(6, 0);  // ends next day
  AddCenter(p, "MX", "Monterrey", "America/Monterrey", 100, 10);

  for (const char* l : {"en", "en-US", "es-MX", "fil"}) p.add_languages(l);

  Certification* iso = p.add_certifications();
  iso->set_code("ISO27001");
  *iso->mutable_issue_date() = MakeDate(2022, 1, 15);
  *iso->mutable_expiry_date() = MakeDate(2025, 1, 14);
  iso->set_issuer("BSI");
  Certification* soc2 = p.add_certifications();
  soc2->set_code("SOC2");
  *soc2->mutable_issue_date() = MakeDate(2023, 6, 1);  // no expiry

  p.add_industries("BANKING");
  p.add_industries("HEALTHCARE");

  AddRate(p, "CUSTOMER_SUPPORT", v1::SENIORITY_JUNIOR, "USD", 1100);
  AddRate(p, "MARKET_RESEARCH", v1::SENIORITY_SENIOR, "USD", 2400);
  AddRate(p, "", v1::SENIORITY_UNSPECIFIED, "PHP", 60000);

  v1::MinimumEngagement* m = p.mutable_minimum_engagement();
  m->set_headcount(10);
  m->set_duration_months(6);
  m->mutable_monthly_value()->set_currency_code("USD");
  m->mutable_monthly_value()->set_minor_units(2'000'000);
  p.mutable_quality()->set_rating(4.5);
  p.mutable_quality()->set_review_count(120);
  p.mutable_quality()->set_sla_attainment_percent(98.5);
  p.mutable_talent()->set_qualified_staff_percent(35);
  for (const char* q : {"CA", "MBA", "PhD"}) p.mutable_talent()->add_qualifications(q);
  p.add_declared_delivery_models(v1::DELIVERY_MODEL_OFFSHORE);
  p.add_declared_delivery_models(v1::DELIVERY_MODEL_NEARSHORE);
  p.set_description("Customer support and research from Manila, Pune and Monterrey.\nSince 2001.");
  return p;
}

std::vector<FieldViolation> Validate(const Provider& p) {
  FieldViolations out;
  ValidateProvider(p, out);
  return out.violations();
}

std::string Describe(const std::vector<FieldViolation>& violations) {
  std::string s;
  for (const FieldViolation& v : violations)
    absl::StrAppend(&s, v.field, ": ", v.description, "\n");
  return s;
}

TEST(ValidateProviderTest, ValidProviderPasses) {
  const auto violations = Validate(ValidProvider());
  EXPECT_THAT(violations, IsEmpty()) << Describe(violations);
}

TEST(ValidateProviderTest, IgnoresOutputOnlyFields) {
  Provider p = ValidProvider();
  p.set_name("not a resource name");
  p.set_revision(-5);
  p.set_etag("  \n ");
  p.mutable_create_time()->set_seconds(-1);
  EXPECT_THAT(Validate(p), IsEmpty());
}

TEST(ValidateProviderTest, MinimalProviderPasses) {
  Provider p;
  p.set_display_name("Solo");
  p.set_legal_name("Solo Ltd");
  p.set_headquarters_country("GB");
  p.add_service_models(v1::SERVICE_MODEL_KPO);
  p.add_services("LEGAL_PROCESS_OUTSOURCING");
  AddCenter(p, "GB", "Leeds", "Europe/London", 0, 0);
  EXPECT_THAT(Validate(p), IsEmpty());
}

TEST(ValidateProviderTest, AcceptsEdgeValues) {
  Provider p = ValidProvider();
  p.set_status(Provider::STATUS_UNSPECIFIED);
  std::string name(kMaxNameLength / 2, 'a');
  for (int i = 0; i < kMaxNameLength / 2; ++i) name += "\xc3\xa9";  // "é"
  p.set_display_name(name);                                         // 200 characters in 300 bytes
  p.mutable_delivery_centers(0)->set_time_zone("UTC");
  p.mutable_delivery_centers(2)->set_time_zone("Etc/GMT+5");
  p.mutable_delivery_centers(2)->set_headcount(kMaxSeats);
  p.mutable_delivery_centers(2)->set_seats_available(kMaxSeats);
  *p.mutable_delivery_centers(1)->mutable_shifts(0)->mutable_end_time() = MakeTime(24, 0);
  *p.mutable_certifications(0)->mutable_issue_date() = MakeDate(2024, 2, 29);
  *p.mutable_certifications(0)->mutable_expiry_date() = MakeDate(2024, 2, 29);  // same day
  Certification* renewed = p.add_certifications();  // same code, other period
  renewed->set_code("ISO27001");
  *renewed->mutable_issue_date() = MakeDate(2025, 1, 15);
  p.mutable_rate_card(0)->mutable_hourly_rate()->set_minor_units(kMaxHourlyRateMinorUnits);
  p.mutable_rate_card(1)->mutable_hourly_rate()->set_minor_units(0);
  p.mutable_quality()->set_rating(5);
  p.mutable_quality()->set_sla_attainment_percent(100);
  p.mutable_talent()->add_qualifications("Six Sigma Black Belt");  // free text
  p.add_languages("zh-Hant-TW");
  const auto violations = Validate(p);
  EXPECT_THAT(violations, IsEmpty()) << Describe(violations);
}

TEST(ValidateProviderTest, ReportsEveryViolationNotJustTheFirst) {
  Provider p = ValidProvider();
  p.set_headquarters_country("XX");
  p.mutable_delivery_centers(2)->set_time_zone("Mars/Olympus_Mons");
  p.add_languages("en_US");
  EXPECT_THAT(Validate(p),
              ElementsAre(Field(&FieldViolation::field, "headquarters_country"),
                          Field(&FieldViolation::field, "delivery_centers[2].time_zone"),
                          Field(&FieldViolation::field, "languages[4]")));
}

TEST(ValidateProviderTest, EmptyProviderNamesEveryRequiredField) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : Validate(Provider())) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("display_name", "legal_name", "headquarters_country",
                                  "service_models", "services", "delivery_centers"));
}

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

DeliveryCenter& Center(Provider& p, int i) { return *p.mutable_delivery_centers(i); }
Shift& DayShift(Provider& p) { return *p.mutable_delivery_centers(1)->mutable_shifts(0); }
Certification& Cert(Provider& p, int i) { return *p.mutable_certifications(i); }
Rate& RateAt(Provider& p, int i) { return *p.mutable_rate_card(i); }

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
    {"HeadquartersNotNormalised", [](Provider& p) { p.set_headquarters_country("ph"); },
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
    {"CentersMissing", [](Provider& p) { p.clear_delivery_centers(); }, "delivery_centers",
     "at least one delivery centre is required"},
    {"CentersTooMany",
     [](Provider& p) {
       while (p.delivery_centers_size() <= kMaxDeliveryCenters) {
         AddCenter(p, "PH", "Cebu", "Asia/Manila", 1, 1);
       }
     },
     "delivery_centers", "must have at most 100 entries, got 101"},
    {"CenterCountryMissing", [](Provider& p) { Center(p, 1).clear_country_code(); },
     "delivery_centers[1].country_code", "is required"},
    {"CenterCountryUnknown", [](Provider& p) { Center(p, 2).set_country_code("XX"); },
     "delivery_centers[2].country_code", "unknown ISO 3166-1 alpha-2 country \"XX\""},
    {"CenterCityMissing", [](Provider& p) { Center(p, 0).clear_city(); },
     "delivery_centers[0].city", "is required"},
    {"CenterCityTooLong", [](Provider& p) { Center(p, 0).set_city(std::string(101, 'c')); },
     "delivery_centers[0].city", "must be at most 100 characters"},
    {"TimeZoneMissing", [](Provider& p) { Center(p, 2).clear_time_zone(); },
     "delivery_centers[2].time_zone", "is required"},
    {"TimeZoneUnknown", [](Provider& p) { Center(p, 2).set_time_zone("Mars/Olympus_Mons"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone \"Mars/Olympus_Mons\""},
    {"TimeZoneLocaltime", [](Provider& p) { Center(p, 2).set_time_zone("localtime"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneFixedOffset", [](Provider& p) { Center(p, 2).set_time_zone("Fixed/UTC+05:00"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZonePath",
     [](Provider& p) { Center(p, 2).set_time_zone("../../../usr/share/zoneinfo/UTC"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneAbsolutePath",
     [](Provider& p) { Center(p, 2).set_time_zone("/usr/share/zoneinfo/UTC"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneDirectory", [](Provider& p) { Center(p, 2).set_time_zone("America"); },
     "delivery_centers[2].time_zone", "unknown IANA time zone"},
    {"TimeZoneWrongCase", [](Provider& p) { Center(p, 0).set_time_zone("asia/manila"); },
     "delivery_centers[0].time_zone", "unknown IANA time zone"},
    {"HeadcountNegative", [](Provider& p) { Center(p, 0).set_headcount(-1); },
     "delivery_centers[0].headcount", "must be between 0 and 1000000, got -1"},
    {"HeadcountTooLarge", [](Provider& p) { Center(p, 0).set_headcount(kMaxSeats + 1); },
     "delivery_centers[0].headcount", "must be between 0 and 1000000, got 1000001"},
    {"SeatsNegative", [](Provider& p) { Center(p, 1).set_seats_available(-3); },
     "delivery_centers[1].seats_available", "must be between 0 and 1000000, got -3"},
    {"RoundTheClockWithShifts", [](Provider& p) { Center(p, 1).set_round_the_clock(true); },
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

// --- NormalizeProvider -------------------------------------------------------

// ValidProvider() written the way a careless admin might send it.
Provider SloppyProvider() {
  Provider p = ValidProvider();
  p.set_display_name("  Acme Outsourcing \n");
  p.set_legal_name("\tAcme Outsourcing Services, Inc.");
  p.set_headquarters_country(" ph ");
  p.set_services(0, "customer_support ");
  p.set_services(1, " Data_Entry");
  Center(p, 0).set_country_code("ph");
  Center(p, 0).set_city(" Manila ");
  Center(p, 0).set_time_zone(" Asia/Manila ");
  p.set_languages(0, " EN ");
  p.set_languages(1, "en-us");
  p.set_languages(2, "ES-mx");
  p.add_languages("zh-hant-tw");
  Cert(p, 0).set_code(" iso27001");
  Cert(p, 0).set_issuer(" BSI ");
  p.set_industries(0, "banking");
  RateAt(p, 0).set_service(" customer_support");
  RateAt(p, 0).mutable_hourly_rate()->set_currency_code("usd ");
  p.mutable_minimum_engagement()->mutable_monthly_value()->set_currency_code("Usd");
  p.mutable_talent()->set_qualifications(2, " phd ");
  p.mutable_talent()->add_qualifications("  Six Sigma Black Belt ");
  p.set_description("  Text.  ");
  return p;
}

TEST(NormalizeProviderTest, CanonicalisesCodesAndTrims) {
  Provider p = SloppyProvider();
  NormalizeProvider(p);
  EXPECT_EQ(p.display_name(), "Acme Outsourcing");
  EXPECT_EQ(p.legal_name(), "Acme Outsourcing Services, Inc.");
  EXPECT_EQ(p.headquarters_country(), "PH");
  EXPECT_THAT(p.services(), ElementsAre("CUSTOMER_SUPPORT", "DATA_ENTRY", "MARKET_RESEARCH"));
  EXPECT_EQ(p.delivery_centers(0).country_code(), "PH");
  EXPECT_EQ(p.delivery_centers(0).city(), "Manila");
  EXPECT_EQ(p.delivery_centers(0).time_zone(), "Asia/Manila");
  EXPECT_THAT(p.languages(), ElementsAre("en", "en-US", "es-MX", "fil", "zh-Hant-TW"));
  EXPECT_EQ(p.certifications(0).code(), "ISO27001");
  EXPECT_EQ(p.certifications(0).issuer(), "BSI");
  EXPECT_THAT(p.industries(), ElementsAre("BANKING", "HEALTHCARE"));
  EXPECT_EQ(p.rate_card(0).service(), "CUSTOMER_SUPPORT");
  EXPECT_EQ(p.rate_card(0).hourly_rate().currency_code(), "USD");
  EXPECT_EQ(p.minimum_engagement().monthly_value().currency_code(), "USD");
  EXPECT_THAT(p.talent().qualifications(), ElementsAre("CA", "MBA", "PhD", "Six Sigma Black Belt"));
  EXPECT_EQ(p.description(), "Text.");
  const auto violations = Validate(p);
  EXPECT_THAT(violations, IsEmpty()) << Describe(violations);
}

TEST(NormalizeProviderTest, SloppyInputFailsWithoutIt) {
  EXPECT_FALSE(Validate(SloppyProvider()).empty());
}

TEST(NormalizeProviderTest, IsIdempotentAndKeepsValidInputUnchanged) {
  Provider once = SloppyProvider();
  NormalizeProvider(once);
  Provider twice = once;
  NormalizeProvider(twice);
  EXPECT_EQ(once.SerializeAsString(), twice.SerializeAsString());

  const Provider valid = ValidProvider();
  Provider normalised = valid;
  NormalizeProvider(normalised);
  EXPECT_EQ(valid.SerializeAsString(), normalised.SerializeAsString());
}

TEST(NormalizeProviderTest, LeavesOutputOnlyFieldsAndAbsentMessagesAlone) {
  Provider p;
  p.set_name(" providers/abc ");
  p.set_etag(" \"e1\" ");
  AddRate(p, " data_entry ", v1::SENIORITY_MID, "usd", 1);
  p.add_rate_card()->set_service("payroll");  // no hourly_rate
  NormalizeProvider(p);
  EXPECT_EQ(p.name(), " providers/abc ");
  EXPECT_EQ(p.etag(), " \"e1\" ");
  EXPECT_FALSE(p.has_minimum_engagement());
  EXPECT_FALSE(p.has_talent());
  EXPECT_FALSE(p.has_quality());
  EXPECT_FALSE(p.rate_card(1).has_hourly_rate());
  EXPECT_EQ(p.rate_card(1).service(), "PAYROLL");
}

TEST(NormalizeProviderTest, DoesNotRepairInvalidLanguageTags) {
  Provider p = ValidProvider();
  p.set_languages(0, "EN_us");
  NormalizeProvider(p);
  EXPECT_EQ(p.languages(0), "en_us");
  EXPECT_THAT(Validate(p), ElementsAre(Field(&FieldViolation::field, "languages[0]")));
}

}  // namespace
}  // namespace vendormatch
