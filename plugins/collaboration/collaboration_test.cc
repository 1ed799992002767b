#include "collaboration.h"

#include <gtest/gtest.h>

#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
using sdk::DeliveryModel;
using sdk::Level;
using sdk::ServiceModel;
using sdk::testing::CandidateFixture;
using sdk::testing::ConfigureWith;
using sdk::testing::CoreStages;
using sdk::testing::FakeMatchContext;
using sdk::testing::RawScores;
using sdk::testing::RunExplain;
using sdk::testing::RunScore;

struct CentreSpec {
  DeliveryModel model;
  double overlap_hours;
};

CandidateFixture Provider(std::vector<CentreSpec> centres, double qualified_percent) {
  CandidateFixture f;
  f.provider.id = "p";
  f.provider.qualified_staff_percent = qualified_percent;
  for (const CentreSpec& spec : centres) {
    f.AddCentre(sdk::Centre{}, sdk::CentreFacts{spec.model, "farther", 0, spec.overlap_hours});
  }
  return f;
}

class CollaborationTest : public ::testing::Test {
 protected:
  std::vector<sdk::ScoreResult> Score(const std::vector<CandidateFixture>& fixtures) const {
    return RunScore(plugin_, ctx_, fixtures);
  }
  std::vector<std::string> Explain(const std::vector<CandidateFixture>& fixtures) const {
    return RunExplain(plugin_, ctx_, fixtures);
  }
  void Work(Level collaboration, ServiceModel model) {
    ctx_.mutable_requirement().collaboration = collaboration;
    ctx_.mutable_requirement().service_model = model;
  }
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  CollaborationPlugin plugin_;
};

TEST_F(CollaborationTest, InfoIsScoreOnlyAndNormalizes) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_EQ(CoreStages<CollaborationPlugin>(), "score,normalize");
  EXPECT_TRUE(info.settings.empty());
  EXPECT_TRUE(ConfigureWith(plugin_).ok());
}

TEST_F(CollaborationTest, HighCoordinationScoresOverlapProximityAndStaff) {
  Work(Level::kHigh, ServiceModel::kKpo);
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kNearshore, 6}}, 80),
                                                  Provider({{DeliveryModel::kOnshore, 8}}, 100),
                                                  Provider({{DeliveryModel::kOffshore, 0}}, 0)};
  auto out = Score(fixtures);
  auto why = Explain(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 0.4 * 75 + 0.3 * 75 + 0.3 * 80);
  EXPECT_EQ(why[0], "high-coordination KPO work: 6 h overlap, nearshore, 80% qualified staff");
  EXPECT_DOUBLE_EQ(out[1].raw, 100);
  EXPECT_DOUBLE_EQ(out[2].raw, 0);
  EXPECT_EQ(why[2], "high-coordination KPO work: 0 h overlap, offshore, 0% qualified staff");
}

TEST_F(CollaborationTest, HighCoordinationBpoIsScoredToo) {
  Work(Level::kHigh, ServiceModel::kBpo);
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOnshore, 4}}, 10)};
  EXPECT_DOUBLE_EQ(Score(fixtures)[0].raw, 0.4 * 50 + 0.3 * 100 + 0.3 * 10);
  EXPECT_EQ(Explain(fixtures)[0],
            "high-coordination BPO work: 4 h overlap, onshore, 10% qualified staff");
}

TEST_F(CollaborationTest, MediumKpoIsScored) {
  Work(Level::kMedium, ServiceModel::kKpo);
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOnshore, 8}}, 50)};
  EXPECT_DOUBLE_EQ(Score(fixtures)[0].raw, 0.4 * 100 + 0.3 * 100 + 0.3 * 50);
  EXPECT_EQ(Explain(fixtures)[0],
            "medium-coordination KPO work: 8 h overlap, onshore, 50% qualified staff");
}

TEST_F(CollaborationTest, NeutralWhenCoordinationIsNotNeeded) {
  const auto fixtures = std::vector<CandidateFixture>{Provider({{DeliveryModel::kOnshore, 8}}, 100),
                                                      Provider({{DeliveryModel::kOffshore, 0}}, 0)};
  struct Case {
    Level level;
    ServiceModel model;
    const char* reason;
  };
  for (const Case& c :
       {Case{Level::kMedium, ServiceModel::kBpo, "medium-coordination BPO work"},
        Case{Level::kMedium, ServiceModel::kUnspecified, "medium-coordination work"},
        Case{Level::kLow, ServiceModel::kKpo, "low-coordination KPO work"},
        Case{Level::kUnspecified, ServiceModel::kKpo, "no collaboration level given"}}) {
    Work(c.level, c.model);
    auto out = Score(fixtures);
    EXPECT_DOUBLE_EQ(out[0].raw, 50) << c.reason;
    EXPECT_DOUBLE_EQ(out[1].raw, 50) << c.reason;
    auto why = Explain(fixtures);
    EXPECT_EQ(why[0], absl::StrCat(c.reason, ": neutral"));
    EXPECT_EQ(why[1], absl::StrCat(c.reason, ": neutral"));
  }
}

TEST_F(CollaborationTest, UsesTheBestAcceptedCentre) {
  Work(Level::kHigh, ServiceModel::kKpo);
  // Onshore 4 h: 0.4 * 50 + 0.3 * 100 = 50 beats offshore 8 h: 0.4 * 100 = 40.
  const std::vector<CandidateFixture> fixtures = {
      Provider({{DeliveryModel::kOffshore, 8}, {DeliveryModel::kOnshore, 4}}, 0)};
  auto out = Score(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 50);
  EXPECT_EQ(Explain(fixtures)[0],
            "high-coordination KPO work: 4 h overlap, onshore, 0% qualified staff");
  // Only offshore accepted: the onshore centre does not count.
  req().delivery_models = Bit(DeliveryModel::kOffshore);
  out = Score(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 40);
  EXPECT_EQ(Explain(fixtures)[0],
            "high-coordination KPO work: 8 h overlap, offshore, 0% qualified staff");
}

TEST_F(CollaborationTest, NoAcceptedCentreCountsOnlyStaff) {
  Work(Level::kHigh, ServiceModel::kKpo);
  req().delivery_models = Bit(DeliveryModel::kOnshore);
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOffshore, 8}}, 90)};
  EXPECT_DOUBLE_EQ(Score(fixtures)[0].raw, 27);
  EXPECT_EQ(Explain(fixtures)[0],
            "high-coordination KPO work: no accepted centre, 90% qualified staff");
}

TEST_F(CollaborationTest, OverlapIsMeasuredAgainstTheClientDay) {
  Work(Level::kHigh, ServiceModel::kUnspecified);
  req().client_hours = {sdk::Shift{0b0011111, 8 * 60, 20 * 60}};  // 12 h days
  const std::vector<CandidateFixture> fixtures = {Provider({{DeliveryModel::kOffshore, 6}}, 0)};
  EXPECT_DOUBLE_EQ(Score(fixtures)[0].raw, 0.4 * 50);
  EXPECT_EQ(Explain(fixtures)[0],
            "high-coordination work: 6 h overlap, offshore, 0% qualified staff");
  req().client_hours = {sdk::Shift{0b1111111, 22 * 60, 6 * 60}};  // overnight, 8 h
  EXPECT_DOUBLE_EQ(Score({Provider({{DeliveryModel::kOffshore, 6}}, 0)})[0].raw, 0.4 * 75);
}

TEST_F(CollaborationTest, NormalizeIsClampedIdentity) {
  std::vector<sdk::ScoreResult> scores = RawScores({-1, 76.5, 101});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 76.5);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 100);
}

}  // namespace
}  // namespace vendormatch::plugins
