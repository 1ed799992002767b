// Tests of the generator's supplier-diversity classifications: valid codes of
// the reference data with their certifying bodies, dated sensibly, held by a
// realistic share of providers, drawn apart from the other fields.
#include <cstdint>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/domain/reference_data.h"
#include "services/registry/generator.h"
#include "services/registry/generator_builder.h"
#include "services/registry/generator_tables.h"

namespace vendormatch {
namespace {

using ::testing::AllOf;
using ::testing::Ge;
using ::testing::Le;
using ::vendormatch::v1::Provider;

int Day(const google::type::Date& d) { return d.year() * 10000 + d.month() * 100 + d.day(); }
int Month(const google::type::Date& d) { return d.year() * 12 + d.month() - 1; }
double Share(int64_t part, int64_t whole) { return static_cast<double>(part) / whole; }

constexpr int kAsOfDay = 20261101;  // gen::kDiversityAsOf's first day.
static_assert(gen::kDiversityAsOf == 2026 * 12 + 10);

TEST(GeneratorDiversityTest, TablesUseTheReferenceCodes) {
  std::set<std::string> used;
  for (int i = 0; i < gen::kCountryCount; ++i) {
    const gen::Diversity& d = gen::kDiversity[i];
    SCOPED_TRACE(std::string(gen::kCountries[i].code));
    EXPECT_EQ(d.country, i);
    EXPECT_THAT(d.percent, AllOf(Ge(1), Le(60)));
    bool any_size = false;  // Large firms can hold one too.
    for (const gen::DiversityCert& c : d.certs) {
      EXPECT_TRUE(FindClassification(c.code).has_value()) << c.code;
      EXPECT_FALSE(c.body.empty()) << c.code;
      EXPECT_FALSE(c.prefix.empty()) << c.code;
      // The CSV column's syntax: items split on ';', their parts on ':'.
      for (absl::string_view s : {c.body, c.prefix}) {
        EXPECT_FALSE(absl::StrContains(s, ":") || absl::StrContains(s, ";")) << s;
      }
      EXPECT_THAT(c.years, AllOf(Ge(1), Le(3))) << c.code;
      EXPECT_GE(c.weight, 1) << c.code;
      any_size |= !c.small_only;
      used.insert(std::string(c.code));
    }
    EXPECT_TRUE(any_size);
  }
  for (const CodeName& c : Classifications()) EXPECT_TRUE(used.contains(std::string(c.code)));
}

struct Tally {
  int providers = 0, holders = 0, two = 0;
  int items = 0, lapsed = 0, lapsing_soon = 0;
  std::map<std::string, int> codes;
  std::set<std::string> bodies;
};

// Checks each classification of `p` and counts them.
void CheckAndCount(const Provider& p, Tally& t) {
  ++t.providers;
  const int n = p.diversity_classifications_size();
  EXPECT_LE(n, 2) << p.name();
  t.holders += n > 0;
  t.two += n == 2;
  int staff = 0;
  for (const v1::DeliveryCenter& c : p.delivery_centers()) staff += c.headcount();
  std::set<std::string> codes;
  for (const v1::DiversityClassification& c : p.diversity_classifications()) {
    SCOPED_TRACE(p.name() + " " + c.code());
    EXPECT_TRUE(FindClassification(c.code()).has_value());
    EXPECT_TRUE(codes.insert(c.code()).second) << "held twice";
    EXPECT_FALSE(c.certifying_body().empty());
    EXPECT_FALSE(c.certificate_number().empty());
    ASSERT_TRUE(c.has_issue_date() && c.has_expiry_date());
    EXPECT_LT(Day(c.issue_date()), Day(c.expiry_date()));
    EXPECT_LT(Day(c.issue_date()), kAsOfDay);  // Issued in the past.
    // 1-3 years, up to the day before the anniversary.
    const int months = Month(c.expiry_date()) - Month(c.issue_date());
    EXPECT_TRUE(months == 12 || months == 24 || months == 36) << months;
    EXPECT_EQ(c.expiry_date().day() + 1, c.issue_date().day());
    if (c.code() == "HUBZONE" || c.code() == "SMALL_BUSINESS") {
      EXPECT_LT(staff, gen::kSmallFirmStaff);
    }
    if (c.code() == "HUBZONE" || c.code() == "VETERAN_OWNED") {
      EXPECT_EQ(p.headquarters_country(), "US");
    }
    ++t.items;
    ++t.codes[c.code()];
    t.bodies.insert(c.certifying_body());
    t.lapsed += Day(c.expiry_date()) < kAsOfDay;
    t.lapsing_soon += Day(c.expiry_date()) >= kAsOfDay && Day(c.expiry_date()) < 20270501;
  }
}

TEST(GeneratorDiversityTest, ARealisticShareHoldsValidClassifications) {
  constexpr int kCount = 10000;
  Tally t;
  GenerateProviders(kCount, {}, [&](int64_t, Provider& p) { CheckAndCount(p, t); });
  std::cout << kCount << " providers: " << t.holders << " hold a classification, " << t.two
            << " two; of " << t.items << " classifications " << t.lapsed
            << " lapsed before 2026-11-01, " << t.lapsing_soon << " lapse by 2027-04-30\n";
  EXPECT_THAT(Share(t.holders, kCount), AllOf(Ge(0.15), Le(0.25))) << t.holders;
  EXPECT_THAT(Share(t.two, kCount), AllOf(Ge(0.01), Le(0.06))) << t.two;
  EXPECT_THAT(Share(t.lapsed, t.items), AllOf(Ge(0.05), Le(0.15))) << t.lapsed;
  EXPECT_THAT(Share(t.lapsing_soon, t.items), AllOf(Ge(0.2), Le(0.6))) << t.lapsing_soon;
  EXPECT_EQ(t.codes.size(), Classifications().size());
  EXPECT_GE(t.bodies.size(), 15u);
  for (const char* body : {"WBENC", "NMSDC", "SBA", "B Lab", "Social Enterprise UK"}) {
    EXPECT_TRUE(t.bodies.contains(body)) << body;
  }
}

TEST(GeneratorDiversityTest, TheSampleRegistryHoldsThemToo) {
  Tally t;
  for (const Provider& p : GenerateSampleRegistry()) CheckAndCount(p, t);
  std::cout << "sample registry: " << t.holders << " hold a classification, " << t.two
            << " two; of " << t.items << " classifications " << t.lapsed
            << " lapsed before 2026-11-01, " << t.lapsing_soon << " lapse by 2027-04-30\n";
  EXPECT_EQ(t.providers, 171);
  EXPECT_THAT(Share(t.holders, t.providers), AllOf(Ge(0.12), Le(0.3))) << t.holders;
  EXPECT_GE(t.two, 1);
  EXPECT_GE(t.lapsed, 1);
  EXPECT_GE(t.lapsing_soon, 1);
}

// FNV-1a over the serialized providers (as generator_test.cc's fingerprint).
uint64_t Fingerprint(const std::vector<std::string>& serialized) {
  uint64_t h = 14695981039346656037ULL;
  for (const std::string& s : serialized) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xFF) * 1099511628211ULL;
  }
  return h;
}

// The classifications come from a stream of their own: without them, the
// providers are byte for byte those generated before the field existed
// (generator_test.cc's golden fingerprint until then).
TEST(GeneratorDiversityTest, TheOtherFieldsDrawAsBefore) {
  std::vector<std::string> run;
  GenerateProviders(1000, {}, [&](int64_t, Provider& p) {
    p.clear_diversity_classifications();
    run.push_back(p.SerializeAsString());
  });
  EXPECT_EQ(Fingerprint(run), uint64_t{10655047690485790161u}) << Fingerprint(run);
}

}  // namespace
}  // namespace vendormatch
