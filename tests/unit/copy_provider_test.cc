// CopyProvider, the copy "what it would take" changes on the provider side:
// every field of the view comes back, every list of provider_fields.inc
// included, so a provider-side change is tried on the whole record.
#include <gtest/gtest.h>

#include "services/matching/relaxation.h"

namespace vendormatch {
namespace {

TEST(CopyProviderTest, EveryListOfTheFieldTableAndEveryScalarComesBack) {
  sdk::ProviderData data;
  data.id = "acme";
  data.display_name = "Acme";
  data.headquarters_country = 7;
  data.service_models = 3;
  sdk::Symbol next = 100;
  // Each list gets entries of its own, so a list copied into another shows.
#define VM_CODE_LIST(name, filter, index, kind) data.name = {next++, next++};
#define VM_DATED_LIST(name, filter, index, kind) \
  data.name = {{next++, 10, 20}, {next++, sdk::kNoDay, 30}};
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  data.centres.push_back(sdk::Centre{});
  data.centres[0].seats_available = 12;
  data.rates.push_back(sdk::Rate{5, sdk::Seniority::kAny, sdk::Money{6, 1234}});
  data.rating = 4.5;
  data.review_count = 9;
  data.min_headcount = 3;
  const sdk::Provider view = data.view();
  const sdk::ProviderData copy = CopyProvider(view);
  EXPECT_EQ(copy.id, "acme");
  EXPECT_EQ(copy.display_name, "Acme");
  EXPECT_EQ(copy.headquarters_country, 7u);
  EXPECT_EQ(copy.service_models, 3);
#define VM_CODE_LIST(name, filter, index, kind) EXPECT_EQ(copy.name, data.name) << #name;
#define VM_DATED_LIST(name, filter, index, kind)                    \
  ASSERT_EQ(copy.name.size(), data.name.size()) << #name;           \
  for (size_t i = 0; i < data.name.size(); ++i) {                   \
    EXPECT_EQ(copy.name[i].code, data.name[i].code) << #name;       \
    EXPECT_EQ(copy.name[i].issued, data.name[i].issued) << #name;   \
    EXPECT_EQ(copy.name[i].expires, data.name[i].expires) << #name; \
  }
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  ASSERT_EQ(copy.centres.size(), 1u);
  EXPECT_EQ(copy.centres[0].seats_available, 12);
  ASSERT_EQ(copy.rates.size(), 1u);
  EXPECT_EQ(copy.rates[0].hourly.minor_units, 1234);
  EXPECT_EQ(copy.rating, 4.5);
  EXPECT_EQ(copy.review_count, 9);
  EXPECT_EQ(copy.min_headcount, 3);
}

}  // namespace
}  // namespace vendormatch
