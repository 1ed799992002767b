// Supplier-diversity classifications, a list field added through
// vendormatch/provider_fields.inc: validation names the field, CSV reads it,
// the List filter and storage select on it, the snapshot's view and index
// hold it.
#include <gtest/gtest.h>

#include <set>

#include "services/common/field_violations.h"
#include "services/ctl/csv.h"
#include "services/domain/filter.h"
#include "services/domain/names.h"
#include "services/domain/validation.h"
#include "services/matching/snapshot.h"
#include "services/registry/registry.h"
#include "services/storage/memory_storage.h"
#include "tests/unit/matching_fixtures.h"

namespace vendormatch::testing {
namespace {

using v1::Provider;

Provider WithClassification(const std::string& code, const std::string& body,
                            const std::string& issue, const std::string& expiry) {
  Provider p = Generate(1, 3, 1.0).front();
  auto* c = p.add_diversity_classifications();
  c->set_code(code);
  c->set_certifying_body(body);
  auto date = [](const std::string& text, google::type::Date* out) {
    out->set_year(std::stoi(text.substr(0, 4)));
    out->set_month(std::stoi(text.substr(5, 2)));
    out->set_day(std::stoi(text.substr(8, 2)));
  };
  if (!issue.empty()) date(issue, c->mutable_issue_date());
  if (!expiry.empty()) date(expiry, c->mutable_expiry_date());
  return p;
}

std::set<std::string> Violations(Provider p) {
  NormalizeProvider(p);
  FieldViolations out;
  ValidateProvider(p, out);
  std::set<std::string> fields;
  for (const auto& v : out.violations()) fields.insert(v.field);
  return fields;
}

TEST(DiversityFieldTest, AValidClassificationPassesAndIsNormalized) {
  Provider p = WithClassification(" women_owned ", " WBENC ", "2025-01-01", "2027-12-31");
  EXPECT_TRUE(Violations(p).empty());
  NormalizeProvider(p);
  EXPECT_EQ(p.diversity_classifications(0).code(), "WOMEN_OWNED");
  EXPECT_EQ(p.diversity_classifications(0).certifying_body(), "WBENC");
}

TEST(DiversityFieldTest, BadClassificationsAreNamedField) {
  EXPECT_TRUE(Violations(WithClassification("PIRATE_OWNED", "WBENC", "", ""))
                  .contains("diversity_classifications[0].code"));
  EXPECT_TRUE(Violations(WithClassification("WOMEN_OWNED", "WBENC", "2026-01-01", "2025-01-01"))
                  .contains("diversity_classifications[0].expiry_date"));
  EXPECT_TRUE(Violations(WithClassification("WOMEN_OWNED", "", "", ""))
                  .contains("diversity_classifications[0].certifying_body"));
  Provider twice = WithClassification("B_CORP", "B Lab", "", "");
  *twice.add_diversity_classifications() = twice.diversity_classifications(0);
  EXPECT_TRUE(Violations(twice).contains("diversity_classifications[1]"));
}

TEST(DiversityFieldTest, CsvReadsTheColumnWithBodyAndNumber) {
  const std::string csv =
      "id,display_name,diversity_classifications\n"
      "acme,Acme,WOMEN_OWNED:2025-01-01:2027-12-31:WBENC:W-123;B_CORP:::B Lab\n";
  auto parsed = ctl::internal::ParseCsvProviders(csv, "t.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const Provider& p = (*parsed)[0].provider;
  ASSERT_EQ(p.diversity_classifications_size(), 2);
  EXPECT_EQ(p.diversity_classifications(0).certifying_body(), "WBENC");
  EXPECT_EQ(p.diversity_classifications(0).certificate_number(), "W-123");
  EXPECT_EQ(p.diversity_classifications(0).expiry_date().year(), 2027);
  EXPECT_EQ(p.diversity_classifications(1).certifying_body(), "B Lab");
  auto bad = ctl::internal::ParseCsvProviders("id,diversity_classifications\nacme,A:B:C:D:E:F:G\n",
                                              "t.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(
      bad.status().message().find("CODE[:ISSUE[:EXPIRY[:CERTIFYING_BODY[:CERTIFICATE_NUMBER]"),
      std::string::npos)
      << bad.status();
}

TEST(DiversityFieldTest, TheFilterAndStorageSelectOnIt) {
  auto filter = ParseProviderFilter("classification = women_owned");
  ASSERT_TRUE(filter.ok()) << filter.status();
  EXPECT_EQ((*filter)[0].value, "WOMEN_OWNED");
  EXPECT_FALSE(ParseProviderFilter("classification = PIRATE_OWNED").ok());

  MemoryStorage storage;
  Registry registry(storage);
  CallContext by{"tester", ""};
  for (int i = 0; i < 2; ++i) {
    v1::CreateProviderRequest create;
    *create.mutable_provider() =
        i == 0 ? WithClassification("WOMEN_OWNED", "WBENC", "", "") : Generate(2, 3, 1.0)[1];
    for (const char* field : {"name", "status", "revision", "etag", "create_time", "update_time"}) {
      create.mutable_provider()->GetReflection()->ClearField(
          create.mutable_provider(), Provider::descriptor()->FindFieldByName(field));
    }
    create.set_provider_id(i == 0 ? "held" : "none");
    auto created = registry.Create(create, by);
    ASSERT_TRUE(created.ok()) << created.status();
  }
  v1::ListProvidersRequest list;
  list.set_filter("classification = WOMEN_OWNED");
  auto held = registry.List(list);
  ASSERT_TRUE(held.ok()) << held.status();
  ASSERT_EQ(held->providers_size(), 1);
  EXPECT_EQ(held->providers(0).name(), "providers/held");
  list.set_filter("classification != WOMEN_OWNED");
  EXPECT_EQ(registry.List(list)->providers(0).name(), "providers/none");
}

TEST(DiversityFieldTest, TheSnapshotViewAndIndexHoldIt) {
  Provider p = WithClassification("MINORITY_OWNED", "NMSDC", "2025-02-01", "2026-06-30");
  p.set_status(Provider::STATUS_ACTIVE);
  auto snapshot = BuildSnapshot(std::span<const Provider>(&p, 1));
  ASSERT_TRUE(snapshot.ok()) << snapshot.status();
  const sdk::Provider* view = (*snapshot)->Find(ProviderId(p));
  ASSERT_NE(view, nullptr);
  ASSERT_EQ(view->diversity_classifications().size(), 1u);
  const sdk::DatedCode& held = view->diversity_classifications()[0];
  EXPECT_EQ((*snapshot)->dictionary->Name(held.code), "MINORITY_OWNED");
  EXPECT_EQ(held.expires, sdk::DayNumberOf(absl::CivilDay(2026, 6, 30)));
  EXPECT_EQ(view->certifications().size(), static_cast<size_t>(p.certifications_size()));
  const auto* postings = (*snapshot)->segments[0].segment->Postings(
      sdk::IndexField::kDiversityClassification, held.code);
  ASSERT_NE(postings, nullptr);
  EXPECT_TRUE(postings->Test(0));
}

}  // namespace
}  // namespace vendormatch::testing
