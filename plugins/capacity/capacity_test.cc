#include "capacity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
using sdk::Candidate;
using sdk::DeliveryModel;
using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::ConfigureWith;
using sdk::testing::CoreStages;
using sdk::testing::ExpectFixesWork;
using sdk::testing::ExpectScoresIndependentOfTheBatch;
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunFixes;
using sdk::testing::RunNormalized;
using sdk::testing::RunScore;
using sdk::testing::RunVerdicts;
using sdk::testing::VerdictTexts;

struct CentreSpec {
  DeliveryModel model;
  int seats;
};

CandidateFixture Provider(std::vector<CentreSpec> centres, int min_headcount = 0) {
  CandidateFixture f;
  f.provider.id = std::string(1, 'p');  // not = "p": GCC 12 -Wrestrict false positive (PR 105329)
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
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  CapacityPlugin plugin_;
};

TEST_F(CapacityTest, InfoAndConfigure) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_EQ(CoreStages<CapacityPlugin>(), "filter,score,normalize");
  EXPECT_TRUE(info.settings.empty());
  EXPECT_TRUE(ConfigureWith(plugin_).ok());
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

TEST_F(CapacityTest, ScoresHeadroomSmoothly) {
  req().headcount = 150;
  req().delivery_models = Bit(DeliveryModel::kOffshore);
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 1200}, {DeliveryModel::kOnshore, 900}}),
      Provider({{DeliveryModel::kOffshore, 225}}), Provider({{DeliveryModel::kOffshore, 75}})};
  auto out = Score(fixtures);
  auto why = Explain(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 100.0 * 64 / 65);  // 8x
  EXPECT_EQ(why[0], "1,200 seats in accepted centres for 150 needed (8.0x)");
  EXPECT_NEAR(out[1].raw, 69.2, 0.1);  // 1.5x
  EXPECT_EQ(why[1], "225 seats in accepted centres for 150 needed (1.5x)");
  EXPECT_DOUBLE_EQ(out[2].raw, 20);  // 0.5x
  EXPECT_DOUBLE_EQ(CapacityPlugin::HeadroomScore(1), 50);
  EXPECT_DOUBLE_EQ(CapacityPlugin::HeadroomScore(2), 80);
  EXPECT_DOUBLE_EQ(CapacityPlugin::HeadroomScore(3), 90);
  EXPECT_DOUBLE_EQ(CapacityPlugin::HeadroomScore(0), 0);
}

TEST_F(CapacityTest, ScoreWithoutHeadcountIsEqualForAll) {
  req().headcount = 0;
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOnshore, 1}}),
                                                  Provider({{DeliveryModel::kOnshore, 1234567}})};
  auto out = Score(fixtures);
  auto why = Explain(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_DOUBLE_EQ(out[1].raw, 100);
  EXPECT_EQ(why[0], "1 seat in accepted centres (no headcount requested)");
  EXPECT_EQ(why[1], "1,234,567 seats in accepted centres (no headcount requested)");
}

TEST_F(CapacityTest, ScoreDoesNotDependOnTheOtherCandidates) {
  req().headcount = 80;
  req().delivery_models = Bit(DeliveryModel::kOnshore) | Bit(DeliveryModel::kNearshore);
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOnshore, 80}}), Provider({{DeliveryModel::kOnshore, 160}}),
      Provider({{DeliveryModel::kOffshore, 5000}, {DeliveryModel::kNearshore, 1}}),
      Provider({{DeliveryModel::kNearshore, 100000}}), Provider({})};
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures));
  req().headcount = 0;
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures));
}

// 1% more seats moves the score by at most 1 point, from 0.1x to 10x
// headroom (measured: 0.5 at 1x, where the curve is steepest).
TEST_F(CapacityTest, OnePercentMoreSeatsMovesTheScoreLittle) {
  req().headcount = 10000;
  double worst = 0;
  for (int seats = 1000; seats <= 100000; seats += 100) {
    const std::vector<CandidateFixture> fixtures = {
        Provider({{DeliveryModel::kOnshore, seats}}),
        Provider({{DeliveryModel::kOnshore, seats + seats / 100}})};
    const std::vector<double> scores = RunNormalized(plugin_, ctx_, CandidatesOf(fixtures));
    worst = std::max(worst, std::abs(scores[1] - scores[0]));
    EXPECT_LE(std::abs(scores[1] - scores[0]), 1.0) << seats;
  }
  std::printf("capacity: largest change for +1%% seats: %.3f points\n", worst);
}

TEST_F(CapacityTest, VerdictsListEveryReasonWithTheNumbers) {
  req().headcount = 80;
  const CandidateFixture both = Provider({{DeliveryModel::kOnshore, 54}}, 100);
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, both.candidate());
  EXPECT_THAT(VerdictTexts(ctx_, verdicts),
              ::testing::ElementsAre("insufficient_seats", "below_minimum_headcount"));
  EXPECT_EQ(verdicts[0].sentence, "54 seats in accepted centres for 80 needed");
  EXPECT_EQ(verdicts[1].sentence, "a team of 80 is below the provider's minimum of 100");
}

std::vector<CandidateFixture> Varied() {
  return {Provider({{DeliveryModel::kOnshore, 54}}, 100),
          Provider({{DeliveryModel::kOnshore, 54}}),
          Provider({{DeliveryModel::kOnshore, 500}}, 100),
          Provider({{DeliveryModel::kOnshore, 500}}),
          Provider({{DeliveryModel::kOffshore, 500}, {DeliveryModel::kOnshore, 10}}, 5),
          Provider({{DeliveryModel::kOffshore, 500}}),
          Provider({{DeliveryModel::kOnshore, 0}}, 3),
          Provider({})};
}

TEST_F(CapacityTest, VerdictsAgreeWithFilter) {
  const std::vector<CandidateFixture> fixtures = Varied();
  for (int headcount : {0, 1, 10, 54, 80, 120, 600}) {
    req().headcount = headcount;
    for (uint8_t mask : {uint8_t{0}, Bit(DeliveryModel::kOnshore)}) {
      req().delivery_models = mask;
      ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures));
    }
  }
}

TEST_F(CapacityTest, FixesSetTheHeadcountOrAddSeats) {
  req().headcount = 80;
  const CandidateFixture short_of_seats = Provider({{DeliveryModel::kOnshore, 54}}, 20);
  std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, short_of_seats.candidate());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kSetHeadcount);
  EXPECT_EQ(changes[0].amount, 54);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kAddSeats);
  EXPECT_EQ(changes[1].amount, 26);
  const CandidateFixture big = Provider({{DeliveryModel::kOnshore, 500}}, 100);
  changes = RunFixes(plugin_, ctx_, big.candidate());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kSetHeadcount);
  EXPECT_EQ(changes[0].amount, 100);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kLowerMinimumHeadcount);
  EXPECT_EQ(changes[1].amount, 80);
}

TEST_F(CapacityTest, FixesLetEachCandidatePass) {
  const std::vector<CandidateFixture> fixtures = Varied();
  for (int headcount : {1, 10, 54, 80, 120, 600}) {
    req().headcount = headcount;
    for (uint8_t mask : {uint8_t{0}, Bit(DeliveryModel::kOnshore)}) {
      req().delivery_models = mask;
      ExpectFixesWork(plugin_, ctx_, fixtures);
    }
  }
}

}  // namespace
}  // namespace vendormatch::plugins
