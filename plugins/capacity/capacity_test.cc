#include "capacity.h"

#include <gtest/gtest.h>

#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
using sdk::Candidate;
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
  int seats;
};

CandidateFixture Provider(std::vector<CentreSpec> centres, int min_headcount = 0) {
  CandidateFixture f;
  f.provider.id = "p";
  f.provider.min_headcount = min_headcount;
  for (const CentreSpec& spec : centres) {
    sdk::Centre centre;
    centre.seats_available = spec.seats;
    f.AddCentre(centre, sdk::CentreFacts{spec.model, "farther", 0, 0});
  }
  return f;
}

class CapacityTest : public ::testing::Test {
 protected:
  std::vector<sdk::FilterResult> Filter(const std::vector<CandidateFixture>& fixtures) const {
    return RunFilter(plugin_, ctx_, fixtures);
  }
  // Filter verdicts as "" (pass) or the reason code.
  std::vector<std::string> Reasons(const std::vector<CandidateFixture>& fixtures) const {
    std::vector<std::string> reasons;
    for (const sdk::FilterResult& r : Filter(fixtures)) reasons.push_back(ReasonText(ctx_, r));
    return reasons;
  }
  std::vector<sdk::ScoreResult> Score(const std::vector<CandidateFixture>& fixtures) const {
    return RunScore(plugin_, ctx_, fixtures);
  }
  std::vector<std::string> Explain(const std::vector<CandidateFixture>& fixtures) const {
    return RunExplain(plugin_, ctx_, fixtures);
  }
  std::string Relax(const std::vector<CandidateFixture>& fixtures) const {
    return RunRelax(plugin_, ctx_, fixtures);
  }
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  CapacityPlugin plugin_;
};

TEST_F(CapacityTest, InfoAndConfigure) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_FALSE(info.normalize);
  EXPECT_TRUE(info.default_settings.empty());
  EXPECT_TRUE(plugin_.Configure(sdk::Settings()).ok());
}

TEST_F(CapacityTest, PassesEveryoneWithoutHeadcount) {
  req().headcount = 0;
  const std::vector<CandidateFixture> fixtures = {Provider({}),
                                                  Provider({{DeliveryModel::kOnshore, 0}}, 500)};
  auto out = Filter(fixtures);
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
  EXPECT_EQ(Reasons(fixtures)[1], "");
}

TEST_F(CapacityTest, InsufficientSeats) {
  req().headcount = 100;
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 60}, {DeliveryModel::kOnshore, 40}}),
      Provider({{DeliveryModel::kOffshore, 99}})};
  auto out = Filter(fixtures);
  EXPECT_TRUE(out[0].pass);  // 60 + 40 exactly covers the headcount
  EXPECT_FALSE(out[1].pass);
  EXPECT_EQ(out[1].detail, sdk::kNoSymbol);
  EXPECT_EQ(Reasons(fixtures)[1], "insufficient_seats");
}

TEST_F(CapacityTest, CountsSeatsOnlyInAcceptedCentres) {
  req().headcount = 100;
  req().delivery_models = Bit(DeliveryModel::kOnshore) | Bit(DeliveryModel::kNearshore);
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 1000}, {DeliveryModel::kOnshore, 50}}),
      Provider({{DeliveryModel::kNearshore, 70}, {DeliveryModel::kOnshore, 30}})};
  auto out = Filter(fixtures);
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(Reasons(fixtures)[0], "insufficient_seats");
  EXPECT_TRUE(out[1].pass);
}

TEST_F(CapacityTest, BelowMinimumHeadcount) {
  req().headcount = 20;
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOnshore, 500}}, 50),
                                                  Provider({{DeliveryModel::kOnshore, 500}}, 20)};
  auto out = Filter(fixtures);
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(Reasons(fixtures)[0], "below_minimum_headcount");
  EXPECT_TRUE(out[1].pass);  // the minimum itself is enough
}

TEST_F(CapacityTest, FewerSeatsThanOwnMinimumIsInsufficientSeats) {
  req().headcount = 20;
  EXPECT_EQ(Reasons({Provider({{DeliveryModel::kOnshore, 10}}, 50)})[0], "insufficient_seats");
}

TEST_F(CapacityTest, ScoresHeadroomCappedAtThree) {
  req().headcount = 150;
  req().delivery_models = Bit(DeliveryModel::kOffshore);
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 1200}, {DeliveryModel::kOnshore, 900}}),
      Provider({{DeliveryModel::kOffshore, 225}}), Provider({{DeliveryModel::kOffshore, 75}})};
  auto out = Score(fixtures);
  auto why = Explain(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 3.0);
  EXPECT_EQ(why[0], "1,200 seats in accepted centres for 150 needed (8.0x)");
  EXPECT_DOUBLE_EQ(out[1].raw, 1.5);
  EXPECT_EQ(why[1], "225 seats in accepted centres for 150 needed (1.5x)");
  EXPECT_DOUBLE_EQ(out[2].raw, 0.5);
}

TEST_F(CapacityTest, ScoreWithoutHeadcountIsEqualForAll) {
  req().headcount = 0;
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOnshore, 1}}),
                                                  Provider({{DeliveryModel::kOnshore, 1234567}})};
  auto out = Score(fixtures);
  auto why = Explain(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 3.0);
  EXPECT_DOUBLE_EQ(out[1].raw, 3.0);
  EXPECT_EQ(why[0], "1 seat in accepted centres (no headcount requested)");
  EXPECT_EQ(why[1], "1,234,567 seats in accepted centres (no headcount requested)");
}

TEST_F(CapacityTest, RelaxLowersToLargestHeadcountAllCanSeat) {
  req().headcount = 100;
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOnshore, 60}}),
                   Provider({{DeliveryModel::kOnshore, 40}, {DeliveryModel::kOffshore, 5}})}),
            "lower headcount to 45");
}

TEST_F(CapacityTest, RelaxRaisesToMeetMinimums) {
  req().headcount = 10;
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOnshore, 500}}, 25),
                   Provider({{DeliveryModel::kOnshore, 500}}, 40)}),
            "raise headcount to 40");
}

TEST_F(CapacityTest, RelaxPicksTheHeadcountThatLetsMostThrough) {
  req().headcount = 100;
  // Two can pass at 50..60, one only at 200+; two beat one.
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOnshore, 60}}),
                   Provider({{DeliveryModel::kOnshore, 80}}, 50),
                   Provider({{DeliveryModel::kOnshore, 900}}, 200)}),
            "lower headcount to 60");
}

TEST_F(CapacityTest, RelaxNothingWhenNoHeadcountHelps) {
  req().headcount = 100;
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOnshore, 10}}, 50)}), "");
  EXPECT_EQ(Relax({}), "");
  req().delivery_models = Bit(DeliveryModel::kOnshore);
  EXPECT_EQ(Relax({Provider({{DeliveryModel::kOffshore, 500}})}), "");
}

TEST_F(CapacityTest, MismatchedOutputSizeIsAnError) {
  auto f = Provider({{DeliveryModel::kOnshore, 10}});
  std::vector<Candidate> batch = {f.candidate()};
  std::vector<sdk::FilterResult> out;
  EXPECT_EQ(plugin_.Filter(ctx_, batch, out).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vendormatch::plugins
