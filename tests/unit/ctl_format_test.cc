// Tests of vendormatchctl's output formatting: money, dates, enum names,
// tables and the provider views (list table, description, JSON).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "services/ctl/format.h"
#include "services/ctl/provider_io.h"
#include "tests/unit/provider_io_fixtures.h"

namespace vendormatch::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using vendormatch::v1::Provider;

v1::Money Money(const std::string& currency, int64_t minor_units) {
  v1::Money money;
  money.set_currency_code(currency);
  money.set_minor_units(minor_units);
  return money;
}

TEST(FormatTest, FormatsMinorUnits) {
  EXPECT_EQ(FormatMinorUnits(1100, 2), "11.00");
  EXPECT_EQ(FormatMinorUnits(5, 2), "0.05");
  EXPECT_EQ(FormatMinorUnits(-5, 2), "-0.05");
  EXPECT_EQ(FormatMinorUnits(0, 2), "0.00");
  EXPECT_EQ(FormatMinorUnits(500000, 2), "5,000.00");
  EXPECT_EQ(FormatMinorUnits(1500, 0), "1,500");
  EXPECT_EQ(FormatMinorUnits(1234567, 3), "1,234.567");
  EXPECT_EQ(FormatMinorUnits(std::numeric_limits<int64_t>::min(), 2), "-92,233,720,368,547,758.08");
}

TEST(FormatTest, FormatsMoneyWithTheCurrencyDigits) {
  EXPECT_EQ(FormatMoney(Money("USD", 1100)), "USD 11.00");
  EXPECT_EQ(FormatHourlyRate(Money("USD", 1100)), "USD 11.00/h");
  EXPECT_EQ(FormatMoney(Money("JPY", 1500)), "JPY 1,500");
  EXPECT_EQ(FormatMoney(Money("KWD", 1500)), "KWD 1.500");
  EXPECT_EQ(FormatMoney(Money("XYZ", 1100)), "XYZ 1100 (minor units)");
}

TEST(FormatTest, FormatsDatesAndTimes) {
  google::type::Date date;
  EXPECT_EQ(FormatDate(date), "");
  date.set_year(2026);
  date.set_month(1);
  date.set_day(4);
  EXPECT_EQ(FormatDate(date), "2026-01-04");
  google::protobuf::Timestamp timestamp;
  EXPECT_EQ(FormatTimestamp(timestamp), "");
  timestamp.set_seconds(1714564800);
  EXPECT_EQ(FormatTimestamp(timestamp), "2024-05-01T12:00:00Z");
}

TEST(FormatTest, ExpiryIsRelativeToToday) {
  v1::Certification cert;
  EXPECT_FALSE(IsExpired(cert, absl::CivilDay(2026, 1, 1)));
  cert.mutable_expiry_date()->set_year(2025);
  cert.mutable_expiry_date()->set_month(12);
  cert.mutable_expiry_date()->set_day(31);
  EXPECT_FALSE(IsExpired(cert, absl::CivilDay(2025, 12, 31)));
  EXPECT_TRUE(IsExpired(cert, absl::CivilDay(2026, 1, 1)));
}

TEST(FormatTest, ShortensEnumNames) {
  EXPECT_EQ(ShortEnumName(*Provider::Status_descriptor(), Provider::STATUS_ACTIVE), "ACTIVE");
  EXPECT_EQ(ShortEnumName(*v1::ServiceModel_descriptor(), v1::SERVICE_MODEL_KPO), "KPO");
  EXPECT_EQ(ShortEnumName(*v1::ServiceModel_descriptor(), 42), "42");
}

TEST(TableTest, AlignsColumnsByDisplayWidth) {
  Table table({"ID", "NAME", "COUNT"});
  table.SetAlign(2, Table::Align::kRight);
  table.AddRow({"a", "Société Générale", "7"});
  table.AddRow({"bbbb", "X", "1234"});
  table.AddRow({"c"});
  EXPECT_EQ(table.ToString(),
            "ID    NAME              COUNT\n"
            "a     Société Générale      7\n"
            "bbbb  X                  1234\n"
            "c\n");
  EXPECT_EQ(DisplayWidth("Société"), 7u);
}

TEST(TableTest, KeepsRowsOnOneLineAndIndents) {
  Table table({"A", "B"});
  table.AddRow({"x\ny", "tab\there", "dropped"});
  EXPECT_EQ(table.ToString("  "), "  A    B\n  x y  tab here\n");
}

Provider SampleProvider() {
  const ParsedProvider parsed = ParseOne(kYamlProvider, Format::kYaml);
  Provider p = parsed.provider;
  auto* centre = p.add_delivery_centers();
  centre->set_country_code("IN");
  centre->set_city("Pune");
  centre->set_time_zone("Asia/Kolkata");
  auto* expired = p.add_certifications();
  expired->set_code("PCI_DSS");
  expired->mutable_expiry_date()->set_year(2025);
  expired->mutable_expiry_date()->set_month(5);
  expired->mutable_expiry_date()->set_day(31);
  p.set_revision(3);
  p.set_etag("e3");
  return p;
}

TEST(ProviderViewTest, ListTableShowsOneRowPerProvider) {
  google::protobuf::RepeatedPtrField<Provider> providers;
  *providers.Add() = SampleProvider();
  Provider* bare = providers.Add();
  bare->set_name("providers/new");
  bare->set_display_name("New");
  EXPECT_EQ(
      ProviderTable(providers).ToString(),
      "ID    NAME              STATUS       MODELS  HQ  CENTRES  SERVICES  RATING  REVISION\n"
      "acme  Acme Outsourcing  ACTIVE       BPO     PH  PH,IN           2     4.5         3\n"
      "new   New               UNSPECIFIED  -       -   -               0       -         0\n");
}

TEST(ProviderViewTest, DescriptionShowsMoneyCentresAndExpiredCertificates) {
  std::ostringstream out;
  DescribeProvider(SampleProvider(), absl::CivilDay(2026, 1, 15), out);
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("Name:               providers/acme\n"));
  EXPECT_THAT(text, HasSubstr("Status:             ACTIVE\n"));
  EXPECT_THAT(text, HasSubstr("Services:           CUSTOMER_SUPPORT, HELP_DESK\n"));
  EXPECT_THAT(text, HasSubstr("  PH       Manila  Asia/Manila        1200    150  24x7\n"));
  EXPECT_THAT(text, HasSubstr("Mon-Fri 09:00-17:00 (default)"));
  EXPECT_THAT(text, HasSubstr("  ISO27001  2023-03-01  2026-02-28\n"));
  EXPECT_THAT(text, HasSubstr("  PCI_DSS               2025-05-31          EXPIRED\n"));
  EXPECT_THAT(text, HasSubstr("  CUSTOMER_SUPPORT  JUNIOR     USD 11.00/h\n"));
  EXPECT_THAT(text, HasSubstr("rating 4.5 (120 reviews), SLA attainment 98.5%"));
  EXPECT_THAT(text, HasSubstr("Revision:           3\n"));
  EXPECT_THAT(text, HasSubstr("Etag:               e3\n"));
  EXPECT_THAT(text, Not(HasSubstr("2026-02-28  EXPIRED")));
}

TEST(ProviderViewTest, JsonIsProtoJson) {
  Provider p;
  p.set_name("providers/a");
  p.set_revision(2);
  EXPECT_EQ(ToJson(p, /*pretty=*/false), "{\"name\":\"providers/a\",\"revision\":\"2\"}\n");
}

}  // namespace
}  // namespace vendormatch::ctl
