// Buyer scenarios for scores without cliffs: under every shipped profile a
// small price gap does not outrank a large quality or expertise gap, and
// the scores of the providers do not depend on who else is eligible.
#include "gtest/gtest.h"
#include "matching_fixtures.h"

namespace vendormatch::testing {
namespace {

v1::Provider CallCentre(const std::string& id, int64_t cents, double rating, int reviews) {
  v1::Provider p;
  p.set_name("providers/" + id);
  p.set_display_name(id);
  p.set_legal_name(id + " Inc.");
  p.set_headquarters_country("PH");
  p.set_status(v1::Provider::STATUS_ACTIVE);
  p.add_service_models(v1::SERVICE_MODEL_BPO);
  p.add_services("CUSTOMER_SUPPORT");
  auto* centre = p.add_delivery_centers();
  centre->set_country_code("PH");
  centre->set_city("Manila");
  centre->set_time_zone("Asia/Manila");
  centre->set_headcount(500);
  centre->set_seats_available(100);
  centre->set_round_the_clock(true);
  p.add_languages("en");
  auto* rate = p.add_rate_card();
  rate->set_service("CUSTOMER_SUPPORT");
  rate->mutable_hourly_rate()->set_currency_code("USD");
  rate->mutable_hourly_rate()->set_minor_units(cents);
  p.mutable_quality()->set_rating(rating);
  p.mutable_quality()->set_review_count(reviews);
  p.mutable_quality()->set_sla_attainment_percent(95);
  return p;
}

v1::Requirement Need() {
  v1::Requirement r;
  r.add_services("CUSTOMER_SUPPORT");
  r.set_client_country("US");
  r.set_client_time_zone("America/New_York");
  r.mutable_rate_ceiling()->set_currency_code("USD");
  r.mutable_rate_ceiling()->set_minor_units(2000);
  r.set_headcount(40);
  return r;
}

// Ranks `providers` for `need` under `profile`; provider ids best first.
std::vector<std::string> Ranking(const std::vector<v1::Provider>& providers,
                                 const v1::Requirement& need, const CompiledProfile& profile,
                                 v1::MatchProvidersResponse* out = nullptr) {
  auto snapshot = BuildSnapshot(providers);
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  auto valid = ValidateRequirement(need, kToday, nullptr);
  EXPECT_TRUE(valid.ok()) << valid.status();
  const ExchangeRates rates = ExchangeRates::Default();
  MatchInput in;
  in.snapshot = snapshot->get();
  in.profile = &profile;
  in.requirement = &*valid;
  in.exchange_rates = &rates;
  auto response = RunPipeline(in);
  EXPECT_TRUE(response.ok()) << response.status();
  std::vector<std::string> ids;
  for (const auto& m : response->matches()) ids.push_back(m.provider().substr(10));
  if (out != nullptr) *out = *response;
  return ids;
}

TEST(StableScoresTest, ADollarCheaperDoesNotBeatAMuchBetterRecord) {
  // "cheap" is USD 1/h cheaper; "proven" has a far better record.
  const std::vector<v1::Provider> both = {CallCentre("cheap", 1400, 3.6, 40),
                                          CallCentre("proven", 1500, 4.8, 400)};
  for (const auto& profile : BuiltIns::Get().profiles) {
    v1::MatchProvidersResponse response;
    EXPECT_EQ(Ranking(both, Need(), *profile, &response).front(), "proven")
        << profile->proto.name();
    const auto& top = response.matches(0);
    ASSERT_TRUE(top.has_ahead_of_next());
    EXPECT_EQ(top.ahead_of_next().factors(0).plugin(), "quality") << profile->proto.name();
  }
}

TEST(StableScoresTest, ADollarCheaperDoesNotBeatTheCertifiedSpecialist) {
  v1::Provider cheap = CallCentre("cheap", 1400, 4.2, 100);
  v1::Provider certified = CallCentre("certified", 1500, 4.2, 100);
  for (const char* code : {"ISO27001", "PCI_DSS", "SOC2"}) {
    auto* cert = certified.add_certifications();
    cert->set_code(code);
    cert->mutable_expiry_date()->set_year(2030);
    cert->mutable_expiry_date()->set_month(1);
    cert->mutable_expiry_date()->set_day(1);
  }
  v1::Requirement need = Need();
  need.set_data_sensitivity(v1::LEVEL_HIGH);
  for (const auto& profile : BuiltIns::Get().profiles) {
    if (profile->proto.name() == "profiles/cost_first") continue;  // bought on price, by design
    EXPECT_EQ(Ranking({cheap, certified}, need, *profile).front(), "certified")
        << profile->proto.name();
  }
}

TEST(StableScoresTest, ScoresDoNotDependOnWhoElseIsEligible) {
  const v1::Provider a = CallCentre("a", 1400, 4.1, 60), b = CallCentre("b", 1900, 4.6, 200);
  const v1::Provider c = CallCentre("c", 900, 3.2, 10);
  for (const auto& profile : BuiltIns::Get().profiles) {
    v1::MatchProvidersResponse pair, three;
    Ranking({a, b}, Need(), *profile, &pair);
    Ranking({a, b, c}, Need(), *profile, &three);
    std::map<std::string, double> totals;
    for (const auto& m : three.matches()) totals[m.provider()] = m.total_score();
    for (const auto& m : pair.matches()) {
      EXPECT_DOUBLE_EQ(m.total_score(), totals[m.provider()])
          << m.provider() << " under " << profile->proto.name();
    }
  }
}

}  // namespace
}  // namespace vendormatch::testing
