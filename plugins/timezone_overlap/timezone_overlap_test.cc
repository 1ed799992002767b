#include "timezone_overlap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
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
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  TimezoneOverlapPlugin plugin_;
};

TEST_F(TimezoneOverlapTest, InfoAndConfigure) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_EQ(CoreStages<TimezoneOverlapPlugin>(), "filter,score,normalize");
  EXPECT_FALSE(info.description.empty());
  EXPECT_TRUE(info.settings.empty());
  EXPECT_TRUE(ConfigureWith(plugin_).ok());
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
  // Of the client's 8 h day (09:00-17:00 weekdays).
  EXPECT_DOUBLE_EQ(out[0].raw, 100 * 7.5 / 8);
  EXPECT_EQ(why[0], "7.5 h overlap with New York business hours from Manila");
  EXPECT_DOUBLE_EQ(out[1].raw, 75);
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

TEST_F(TimezoneOverlapTest, ClientDayHoursAveragesTheWeekLikeTheFramework) {
  EXPECT_DOUBLE_EQ(TimezoneOverlapPlugin::ClientDayHours(req()), 8);  // 09:00-17:00 weekdays
  // Overlapping shifts count once: 09:00-20:00.
  req().client_hours = {{0x1F, 9 * 60, 17 * 60}, {0x1F, 12 * 60, 20 * 60}};
  EXPECT_DOUBLE_EQ(TimezoneOverlapPlugin::ClientDayHours(req()), 11);
  // A night shift running past midnight.
  req().client_hours = {{0x1F, 22 * 60, 6 * 60}};
  EXPECT_DOUBLE_EQ(TimezoneOverlapPlugin::ClientDayHours(req()), 8);
  // Six working days, one of them the Sunday the clocks go forward
  // (2027-03-14 in New York): 00:00-04:00 is 3 h that day.
  req().client_hours = {{0x1F, 9 * 60, 17 * 60}, {0x40, 0, 4 * 60}};
  ctx_.SetStartDate(absl::CivilDay(2027, 3, 8));
  EXPECT_DOUBLE_EQ(TimezoneOverlapPlugin::ClientDayHours(req()), 43.0 / 6);
  req().client_hours = {{0, 9 * 60, 17 * 60}};
  EXPECT_DOUBLE_EQ(TimezoneOverlapPlugin::ClientDayHours(req()), 0);
}

TEST_F(TimezoneOverlapTest, CoveringTheClientsWholeDayScoresFull) {
  req().client_hours = {{0x1F, 9 * 60, 17 * 60}, {0x1F, 12 * 60, 20 * 60}};
  auto out = Score(
      {Provider({{DeliveryModel::kOffshore, 11}}), Provider({{DeliveryModel::kOffshore, 5.5}})});
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_DOUBLE_EQ(out[1].raw, 50);
}

TEST_F(TimezoneOverlapTest, ScoreDoesNotDependOnTheOtherCandidates) {
  req().delivery_models = Bit(DeliveryModel::kOffshore) | Bit(DeliveryModel::kNearshore);
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 2}, {DeliveryModel::kOnshore, 8}}),
      Provider({{DeliveryModel::kNearshore, 8}}), Provider({{DeliveryModel::kOffshore, 0.25}}),
      Provider({}), Provider({{DeliveryModel::kNearshore, 5.5}})};
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures));
}

// 1% more overlap moves the score by at most 1 point (1/8 of a point per
// 0.01 h of an 8 h day; measured 0.99).
TEST_F(TimezoneOverlapTest, OnePercentMoreOverlapMovesTheScoreLittle) {
  double worst = 0;
  for (double hours = 0.1; hours <= 12; hours += 0.01) {
    const std::vector<double> scores =
        RunNormalized(plugin_, ctx_,
                      CandidatesOf({Provider({{DeliveryModel::kOffshore, hours}}),
                                    Provider({{DeliveryModel::kOffshore, hours * 1.01}})}));
    worst = std::max(worst, std::abs(scores[1] - scores[0]));
  }
  std::printf("timezone_overlap: largest change for +1%% overlap: %.3f points\n", worst);
  EXPECT_LE(worst, 1.0 + 1e-9);
}

TEST_F(TimezoneOverlapTest, VerdictSaysTheOverlapAndTheMinimum) {
  req().min_overlap_hours = 4;
  auto verdicts =
      RunVerdicts(plugin_, ctx_, Provider({{DeliveryModel::kOffshore, 3.5, "Manila"}}).candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_STREQ(verdicts[0].reason, "insufficient_overlap");
  EXPECT_EQ(verdicts[0].sentence,
            "the best overlap with New York business hours, 3.5 h a day from Manila, is below the "
            "minimum of 4 h a day");
  verdicts = RunVerdicts(plugin_, ctx_, Provider({}).candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].sentence,
            "no delivery centre in an accepted delivery model, so an overlap of 0 h is below the "
            "minimum of 4 h a day");
}

TEST_F(TimezoneOverlapTest, VerdictsAgreeAndFixesLowerTheMinimum) {
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 3.5}}), Provider({{DeliveryModel::kOffshore, 4}}),
      Provider({}), Provider({{DeliveryModel::kNearshore, 8}, {DeliveryModel::kOffshore, 2.26}}),
      Provider({{DeliveryModel::kOffshore, 6 - 1e-9}})};
  for (double minimum : {0.0, 2.0, 4.0, 6.0, 9.0}) {
    req().min_overlap_hours = minimum;
    for (uint8_t mask : {uint8_t{0}, Bit(DeliveryModel::kOffshore)}) {
      req().delivery_models = mask;
      ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures));
      ExpectFixesWork(plugin_, ctx_, fixtures);
    }
  }
  req().min_overlap_hours = 6;
  req().delivery_models = Bit(DeliveryModel::kOffshore);
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures[3].candidate());
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kLowerMinOverlap);
  EXPECT_DOUBLE_EQ(changes[0].number, 2.2);
}

}  // namespace
}  // namespace vendormatch::plugins
