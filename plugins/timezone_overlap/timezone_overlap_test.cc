#include "timezone_overlap.h"

#include <gtest/gtest.h>

#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
using sdk::DeliveryModel;
using sdk::testing::CandidateFixture;
using sdk::testing::FakeMatchContext;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunRelax;
using sdk::testing::RunScore;

struct CentreSpec {
  DeliveryModel model;
  double overlap_hours;
  const char* city = "";
};

class TimezoneOverlapTest : public ::testing::Test {
 protected:
  // A provider with these centres, all in PH (Asia/Manila).
  CandidateFixture Provider(std::vector<CentreSpec> centres) {
    CandidateFixture f;
    f.provider.id = "p";
    for (const CentreSpec& spec : centres) {
      sdk::Centre centre;
      centre.city = *spec.city == '\0' ? sdk::kNoSymbol : ctx_.Sym(spec.city);
      centre.country = ctx_.Sym("PH");
      centre.time_zone = ctx_.Sym("Asia/Manila");
      f.AddCentre(centre, sdk::CentreFacts{spec.model, "farther", 12, spec.overlap_hours});
    }
    return f;
  }
  std::vector<std::string> Reasons(const std::vector<CandidateFixture>& fixtures) const {
    std::vector<std::string> reasons;
    for (const sdk::FilterResult& r : Filter(fixtures)) reasons.push_back(ReasonText(ctx_, r));
    return reasons;
  }
  std::vector<std::string> Explain(const std::vector<CandidateFixture>& fixtures) const {
    return RunExplain(plugin_, ctx_, fixtures);
  }
  std::vector<sdk::FilterResult> Filter(const std::vector<CandidateFixture>& fixtures) const {
    return RunFilter(plugin_, ctx_, fixtures);
  }
  std::vector<sdk::ScoreResult> Score(const std::vector<CandidateFixture>& fixtures) const {
    return RunScore(plugin_, ctx_, fixtures);
  }
  std::string Relax(const std::vector<CandidateFixture>& fixtures) const {
    return RunRelax(plugin_, ctx_, fixtures);
  }
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  TimezoneOverlapPlugin plugin_;
};

TEST_F(TimezoneOverlapTest, InfoAndConfigure) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_FALSE(info.normalize);
  EXPECT_FALSE(info.description.empty());
  EXPECT_TRUE(plugin_.Configure(sdk::Settings()).ok());
}

TEST_F(TimezoneOverlapTest, PassesEveryoneWithoutMinimum) {
  req().min_overlap_hours = 0;
  auto out = Filter({Provider({{DeliveryModel::kOffshore, 0}}), Provider({})});
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
}

TEST_F(TimezoneOverlapTest, InsufficientOverlap) {
  req().min_overlap_hours = 4;
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOffshore, 3.5}}),
                                                  Provider({{DeliveryModel::kOffshore, 4}}),
                                                  Provider({})};
  auto out = Filter(fixtures);
  auto reasons = Reasons(fixtures);
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(out[0].detail, sdk::kNoSymbol);
  EXPECT_EQ(reasons[0], "insufficient_overlap");
  EXPECT_TRUE(out[1].pass);   // exactly the minimum
  EXPECT_FALSE(out[2].pass);  // no centre at all
  EXPECT_EQ(reasons[2], "insufficient_overlap");
}

TEST_F(TimezoneOverlapTest, ToleratesRoundingNoise) {
  req().min_overlap_hours = 6;
  auto out = Filter({Provider({{DeliveryModel::kOffshore, 6 - 1e-9}})});
  EXPECT_TRUE(out[0].pass);
}

TEST_F(TimezoneOverlapTest, UsesBestAmongAcceptedCentresOnly) {
  req().min_overlap_hours = 5;
  req().delivery_models = Bit(DeliveryModel::kOffshore);
  auto out = Filter({Provider({{DeliveryModel::kNearshore, 8}, {DeliveryModel::kOffshore, 2}}),
                     Provider({{DeliveryModel::kOffshore, 1}, {DeliveryModel::kOffshore, 6}})});
  EXPECT_FALSE(out[0].pass);  // the 8 h centre is nearshore, not accepted
  EXPECT_TRUE(out[1].pass);   // the second offshore centre is good enough
}

TEST_F(TimezoneOverlapTest, ScoresBestOverlapWithReason) {
  req().delivery_models = Bit(DeliveryModel::kOffshore) | Bit(DeliveryModel::kNearshore);
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 2, "Cebu"},
                {DeliveryModel::kOffshore, 7.5, "Manila"},
                {DeliveryModel::kOnshore, 8, "Boston"}}),
      Provider({{DeliveryModel::kNearshore, 6, "Monterrey"}})};
  auto out = Score(fixtures);
  auto why = Explain(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 7.5);
  EXPECT_EQ(why[0], "7.5 h overlap with New York business hours from Manila");
  EXPECT_DOUBLE_EQ(out[1].raw, 6);
  EXPECT_EQ(why[1], "6 h overlap with New York business hours from Monterrey");
}

TEST_F(TimezoneOverlapTest, ReasonFallsBackToCountryAndZoneCity) {
  absl::LoadTimeZone("America/Argentina/Buenos_Aires", &req().client_time_zone);
  EXPECT_EQ(Explain({Provider({{DeliveryModel::kOffshore, 0.04}})})[0],
            "0 h overlap with Buenos Aires business hours from PH");
  // Without city and country: the city of the centre's time zone.
  CandidateFixture f = Provider({{DeliveryModel::kOffshore, 3}});
  f.provider.centres[0].country = sdk::kNoSymbol;
  EXPECT_EQ(Explain({f})[0], "3 h overlap with Buenos Aires business hours from Manila");
}

TEST_F(TimezoneOverlapTest, ScoreWithoutAcceptedCentreIsZero) {
  req().delivery_models = Bit(DeliveryModel::kOnshore);
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOffshore, 8}})};
  EXPECT_DOUBLE_EQ(Score(fixtures)[0].raw, 0);
  EXPECT_EQ(Explain(fixtures)[0], "no delivery centre in an accepted delivery model");
}

TEST_F(TimezoneOverlapTest, RelaxToSmallestBestOverlapRoundedDown) {
  req().min_overlap_hours = 6;
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOffshore, 5.26}, {DeliveryModel::kOffshore, 1}}),
                   Provider({{DeliveryModel::kOffshore, 4.59}})}),
            "lower min_overlap_hours to 4.5");
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOffshore, 3 - 1e-9}})}),
            "lower min_overlap_hours to 3.0");
}

TEST_F(TimezoneOverlapTest, RelaxCountsOnlyAcceptedCentres) {
  req().min_overlap_hours = 6;
  req().delivery_models = Bit(DeliveryModel::kOffshore);
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kNearshore, 5}})}), "lower min_overlap_hours to 0.0");
}

TEST_F(TimezoneOverlapTest, RelaxNothing) {
  req().min_overlap_hours = 6;
  EXPECT_EQ(Relax({}), "");
  req().min_overlap_hours = 0;
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOffshore, 1}})}), "");
}

}  // namespace
}  // namespace vendormatch::plugins
