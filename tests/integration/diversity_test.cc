// Supplier-diversity classifications end to end through a real gRPC channel
// and PostgreSQL: a bad classification is refused naming the field and
// writes nothing; List filters on them; the `diversity` filter keeps the
// providers holding one of the requested classifications through the
// engagement, explains the others with every reason, and its hint and
// suggestions are verified by the service.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

void SetDate(google::type::Date* date, int year, int month, int day) {
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

v1::DiversityClassification Classification(const std::string& code, int expiry_year,
                                           int expiry_month) {
  v1::DiversityClassification c;
  c.set_code(code);
  SetDate(c.mutable_issue_date(), 2025, 1, 15);
  SetDate(c.mutable_expiry_date(), expiry_year, expiry_month, 28);
  c.set_certifying_body("WBENC");
  c.set_certificate_number("WBE-2025-0042");
  return c;
}

class DiversityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer(db_.url());
    ASSERT_NE(server_, nullptr);
    registry_ = RegistryStub(server_->port());
    matching_ = v1::MatchingService::NewStub(ChannelTo(server_->port()));
  }

  grpc::Status Create(const v1::Provider& p) {
    v1::CreateProviderRequest request;
    *request.mutable_provider() = p;
    v1::CreateProviderResponse response;
    grpc::ClientContext context;
    return registry_->CreateProvider(&context, request, &response);
  }
  std::vector<std::string> List(const std::string& filter) {
    v1::ListProvidersRequest request;
    request.set_filter(filter);
    v1::ListProvidersResponse response;
    grpc::ClientContext context;
    EXPECT_TRUE(registry_->ListProviders(&context, request, &response).ok());
    std::vector<std::string> names;
    for (const auto& p : response.providers()) names.push_back(p.name());
    return names;
  }
  // Four providers: women-owned through 2029, women-owned lapsing mid-2027,
  // a small business through 2029 with a lapsed women-owned certificate,
  // and one with none.
  void CreateFour() {
    v1::Provider a = ValidProvider("alpha");
    *a.add_diversity_classifications() = Classification("WOMEN_OWNED", 2029, 12);
    v1::Provider b = ValidProvider("bravo");
    *b.add_diversity_classifications() = Classification("WOMEN_OWNED", 2027, 6);
    v1::Provider c = ValidProvider("charlie");
    *c.add_diversity_classifications() = Classification("SMALL_BUSINESS", 2029, 12);
    *c.add_diversity_classifications() = Classification("WOMEN_OWNED", 2026, 2);
    for (v1::Provider p : {a, b, c, ValidProvider("delta")}) {
      p.set_status(v1::Provider::STATUS_ACTIVE);
      ASSERT_TRUE(Create(p).ok()) << p.name();
    }
    ASSERT_TRUE(server_->matcher().Refresh().ok());
  }
  v1::MatchProvidersResponse Match(const v1::Requirement& r) {
    v1::MatchProvidersRequest request;
    *request.mutable_requirement() = r;
    request.set_profile("profiles/balanced");
    request.set_top_k(10);
    request.set_hints(v1::HINT_POLICY_ALWAYS);
    request.add_explain_providers("bravo");
    request.add_explain_providers("charlie");
    request.add_explain_providers("delta");
    v1::MatchProvidersResponse response;
    grpc::ClientContext context;
    const grpc::Status status = matching_->MatchProviders(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  TestDatabase db_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::MatchingService::Stub> matching_;
};

TEST_F(DiversityTest, BadClassificationsAreRefusedNamingTheFieldAndWriteNothing) {
  v1::Provider unknown = ValidProvider("unknown");
  *unknown.add_diversity_classifications() = Classification("PIRATE_OWNED", 2029, 1);
  v1::Provider backwards = ValidProvider("backwards");
  *backwards.add_diversity_classifications() = Classification("WOMEN_OWNED", 2024, 1);
  v1::Provider no_body = ValidProvider("nobody");
  *no_body.add_diversity_classifications() = Classification("VETERAN_OWNED", 2029, 1);
  no_body.mutable_diversity_classifications(0)->clear_certifying_body();
  const std::vector<std::pair<v1::Provider, std::string>> cases = {
      {unknown, "provider.diversity_classifications[0].code"},
      {backwards, "provider.diversity_classifications[0].expiry_date"},
      {no_body, "provider.diversity_classifications[0].certifying_body"}};
  for (const auto& [provider, field] : cases) {
    const grpc::Status status = Create(provider);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_THAT(ViolatedFields(status), Contains(field));
  }
  EXPECT_EQ(db_.Query("SELECT count(*) FROM providers"), "0");
}

TEST_F(DiversityTest, ListFiltersOnClassifications) {
  CreateFour();
  EXPECT_THAT(List("classification = WOMEN_OWNED"),
              ElementsAre("providers/alpha", "providers/bravo", "providers/charlie"));
  EXPECT_THAT(List("classification = SMALL_BUSINESS"), ElementsAre("providers/charlie"));
}

TEST_F(DiversityTest, TheFilterKeepsThoseCoveringTheEngagementAndExplainsTheRest) {
  CreateFour();
  v1::Requirement r = UsClient({"CUSTOMER_SUPPORT"});
  SetDate(r.mutable_end_date(), 2027, 12, 31);
  r.add_diversity_classifications("women_owned");
  const v1::MatchProvidersResponse response = Match(r);
  ASSERT_EQ(response.matches_size(), 1);
  EXPECT_EQ(response.matches(0).provider(), "providers/alpha");
  ASSERT_EQ(response.explanations_size(), 3);
  auto reasons = [&](int i) {
    std::vector<std::string> out;
    for (const auto& verdict : response.explanations(i).verdicts()) {
      if (verdict.plugin() != "diversity") continue;
      for (const auto& finding : verdict.reasons()) {
        out.push_back(absl::StrCat(finding.code(), " | ", finding.sentence()));
      }
    }
    return out;
  };
  EXPECT_THAT(reasons(0), ElementsAre("classification_expires_in_window:WOMEN_OWNED | "
                                      "WOMEN_OWNED expires on 2027-06-28, before the end of the "
                                      "engagement on 2027-12-31"));
  EXPECT_THAT(reasons(1), ElementsAre("expired_classification:WOMEN_OWNED | WOMEN_OWNED expired "
                                      "on 2026-02-28, before the start on 2027-03-01"));
  EXPECT_THAT(reasons(2), ElementsAre("missing_classification | no WOMEN_OWNED classification is "
                                      "listed"));
  // Charlie holds a small-business classification through the engagement:
  // accepting it is a verified buyer-side suggestion.
  bool accept = false;
  for (const auto& s : response.explanations(1).suggestions()) {
    if (s.side() != "buyer") continue;
    EXPECT_TRUE(s.eligible_after());
    accept = accept || std::find(s.changes().begin(), s.changes().end(),
                                 "also accept SMALL_BUSINESS as a diversity classification") !=
                           s.changes().end();
  }
  EXPECT_TRUE(accept);
  // The hint dropping the requirement states what that match returned.
  bool hinted = false;
  for (const auto& hint : response.relaxation_hints()) {
    if (hint.constraints(0) != "diversity_classifications") continue;
    hinted = true;
    EXPECT_EQ(hint.eligible_if_relaxed(), 4);
    EXPECT_THAT(hint.suggestion(), HasSubstr("drop the supplier-diversity requirement"));
    EXPECT_EQ(hint.relaxed_requirement().diversity_classifications_size(), 0);
  }
  EXPECT_TRUE(hinted);
}

TEST_F(DiversityTest, AnUnknownRequestedClassificationIsNamed) {
  v1::Requirement r = UsClient({"CUSTOMER_SUPPORT"});
  r.add_diversity_classifications("WOMEN_OWNED");
  r.add_diversity_classifications("GREEN_OWNED");
  v1::MatchProvidersRequest request;
  *request.mutable_requirement() = r;
  v1::MatchProvidersResponse response;
  grpc::ClientContext context;
  const grpc::Status status = matching_->MatchProviders(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("requirement.diversity_classifications[1]"));
}

}  // namespace
}  // namespace vendormatch::testing
