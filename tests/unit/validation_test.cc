// Tests of ValidateProvider on whole providers and of NormalizeProvider. The
// rules one by one are in validation_rules_test.cc.
#include "services/domain/validation.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/validation_fixtures.h"

namespace vendormatch {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

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
  AddCentre(p, "GB", "Leeds", "Europe/London", 0, 0);
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
// --- NormalizeProvider -------------------------------------------------------

// ValidProvider() written the way a careless admin might send it.
Provider SloppyProvider() {
  Provider p = ValidProvider();
  p.set_display_name("  Acme Outsourcing \n");
  p.set_legal_name("\tAcme Outsourcing Services, Inc.");
  p.set_headquarters_country(" ph ");
  p.set_services(0, "customer_support ");
  p.set_services(1, " Data_Entry");
  Centre(p, 0).set_country_code("ph");
  Centre(p, 0).set_city(" Manila ");
  Centre(p, 0).set_time_zone(" Asia/Manila ");
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
  Provider normalized = valid;
  NormalizeProvider(normalized);
  EXPECT_EQ(valid.SerializeAsString(), normalized.SerializeAsString());
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
