#include "delivery_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
using sdk::DeliveryModel;
using sdk::testing::CandidateFixture;
using sdk::testing::FakeMatchContext;
using ::testing::HasSubstr;

sdk::Settings Settings(std::map<std::string, std::string> values) {
  return sdk::Settings(std::move(values));
}

struct CentreSpec {
  std::string country;
  std::string city;
  DeliveryModel model;
  const char* rule;
  double hours_apart;
};

class DeliveryModelTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(plugin_.Configure(sdk::Settings()).ok()); }

  // Adds a provider with these centres; the first one decides.
  void Add(std::vector<CentreSpec> centres) {
    CandidateFixture fixture;
    for (const CentreSpec& spec : centres) {
      sdk::Centre centre;
      centre.country = spec.country;
      centre.city = spec.city;
      fixture.provider.centres.push_back(centre);
      sdk::CentreFacts facts;
      facts.delivery_model = spec.model;
      facts.rule = spec.rule;
      facts.hours_apart = spec.hours_apart;
      fixture.facts.push_back(facts);
    }
    fixtures_.push_back(std::move(fixture));
  }

  std::vector<sdk::Candidate> Candidates() const {
    std::vector<sdk::Candidate> candidates;
    for (const CandidateFixture& f : fixtures_) candidates.push_back(f.candidate());
    return candidates;
  }

  std::vector<sdk::FilterResult> Filter() const {
    const std::vector<sdk::Candidate> batch = Candidates();
    std::vector<sdk::FilterResult> out(batch.size());
    EXPECT_TRUE(plugin_.Filter(ctx_, batch, out).ok());
    return out;
  }

  std::vector<sdk::ScoreResult> Score(const DeliveryModelPlugin& plugin) const {
    const std::vector<sdk::Candidate> batch = Candidates();
    std::vector<sdk::ScoreResult> out(batch.size());
    EXPECT_TRUE(plugin.Score(ctx_, batch, out).ok());
    return out;
  }

  static CentreSpec NewYork() {
    return {"US", "New York", DeliveryModel::kOnshore, "same_country", 0};
  }
  static CentreSpec Monterrey() {
    return {"MX", "Monterrey", DeliveryModel::kNearshore, "shared_border", 1};
  }
  static CentreSpec Manila() { return {"PH", "Manila", DeliveryModel::kOffshore, "farther", 12}; }

  FakeMatchContext ctx_;
  DeliveryModelPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(DeliveryModelTest, InfoDeclaresStagesAndDefaults) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_TRUE(info.normalize);
  EXPECT_EQ(info.default_settings.at("onshore"), "100");
  EXPECT_EQ(info.default_settings.at("nearshore"), "75");
  EXPECT_EQ(info.default_settings.at("offshore"), "50");
}

TEST_F(DeliveryModelTest, ConfigureParsesScores) {
  DeliveryModelPlugin plugin;
  ASSERT_TRUE(plugin.Configure(Settings({{"offshore", "80"}, {"onshore", "60.5"}})).ok());
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kOnshore), 60.5);
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kNearshore), 75);
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kOffshore), 80);
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kUnspecified), 0);
}

TEST_F(DeliveryModelTest, ConfigureRejectsBadSettings) {
  DeliveryModelPlugin plugin;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"nearshore", "high"}, {"offshore", "101"}, {"onshore", "-1"}, {"midshore", "10"}}) {
    const absl::Status status = plugin.Configure(Settings({{key, value}}));
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << key;
    EXPECT_THAT(status.message(), HasSubstr(key));
  }
}

TEST_F(DeliveryModelTest, ZeroMaskAcceptsAll) {
  Add({Manila()});
  Add({});
  for (const sdk::FilterResult& r : Filter()) EXPECT_TRUE(r.pass);
}

TEST_F(DeliveryModelTest, SomeCentreMustBeAccepted) {
  ctx_.mutable_requirement().delivery_models =
      Bit(DeliveryModel::kOnshore) | Bit(DeliveryModel::kNearshore);
  Add({Manila(), Monterrey()});  // a nearshore centre, not deciding
  Add({Manila()});
  Add({});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_FALSE(out[1].pass);
  EXPECT_EQ(out[1].reason, "delivery_model_not_accepted");
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(out[2].reason, "delivery_model_not_accepted");
}

TEST_F(DeliveryModelTest, UnderivedCentreIsNotAccepted) {
  ctx_.mutable_requirement().delivery_models = Bit(DeliveryModel::kOffshore);
  Add({{"PH", "Manila", DeliveryModel::kUnspecified, "", 0}});
  EXPECT_FALSE(Filter()[0].pass);
}

TEST_F(DeliveryModelTest, ScoresTheDecidingCentre) {
  Add({NewYork()});
  Add({Monterrey(), NewYork()});
  Add({Manila()});
  const auto out = Score(plugin_);
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_EQ(out[0].reason, "onshore: centre in the client's country (New York)");
  EXPECT_DOUBLE_EQ(out[1].raw, 75);
  EXPECT_EQ(out[1].reason, "nearshore: centre in a country bordering the client's (Monterrey, MX)");
  EXPECT_DOUBLE_EQ(out[2].raw, 50);
  EXPECT_EQ(out[2].reason, "offshore: centre 12 h from the client's time zone (Manila, PH)");
}

TEST_F(DeliveryModelTest, ScoreReasonsForOtherRules) {
  Add({{"PL", "Warsaw", DeliveryModel::kNearshore, "same_subregion", 6}});
  Add({{"CO", "Bogotá", DeliveryModel::kNearshore, "time_zone_distance", 0.5}});
  Add({{"IN", "", DeliveryModel::kOffshore, "", 9.5}});
  const auto out = Score(plugin_);
  EXPECT_EQ(out[0].reason, "nearshore: centre in the client's region (Warsaw, PL)");
  EXPECT_EQ(out[1].reason, "nearshore: centre 0.5 h from the client's time zone (Bogotá, CO)");
  EXPECT_EQ(out[2].reason, "offshore: centre in IN");
}

TEST_F(DeliveryModelTest, ScoreUsesTheConfiguredValues) {
  DeliveryModelPlugin plugin;
  ASSERT_TRUE(plugin.Configure(Settings({{"offshore", "90"}})).ok());
  Add({Manila()});
  EXPECT_DOUBLE_EQ(Score(plugin)[0].raw, 90);
}

TEST_F(DeliveryModelTest, ScoreWithoutADecidingCentre) {
  Add({});
  const auto out = Score(plugin_);
  EXPECT_DOUBLE_EQ(out[0].raw, 0);
  EXPECT_EQ(out[0].reason, "no delivery centre in an accepted delivery model");
}

TEST_F(DeliveryModelTest, NormalizeIsIdentityClamped) {
  std::vector<sdk::ScoreResult> scores(2);
  scores[0].raw = 50;
  scores[1].raw = -5;
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 50);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 0);
}

TEST_F(DeliveryModelTest, RelaxNamesTheMostSeenModel) {
  ctx_.mutable_requirement().delivery_models = Bit(DeliveryModel::kOnshore);
  Add({Manila()});
  Add({Monterrey()});
  Add({Manila(), Monterrey()});  // decided by Manila
  EXPECT_EQ(plugin_.Relax(ctx_, Candidates()), "also accept offshore");
}

TEST_F(DeliveryModelTest, RelaxTieGoesToTheCloserModel) {
  ctx_.mutable_requirement().delivery_models = Bit(DeliveryModel::kOnshore);
  Add({Manila()});
  Add({Monterrey()});
  EXPECT_EQ(plugin_.Relax(ctx_, Candidates()), "also accept nearshore");
}

TEST_F(DeliveryModelTest, RelaxWithoutADecidingCentreUsesTheClosestCentre) {
  ctx_.mutable_requirement().delivery_models = Bit(DeliveryModel::kOnshore);
  Add({Manila(), Monterrey()});
  Add({Manila()});
  std::vector<sdk::Candidate> removed = Candidates();
  for (sdk::Candidate& c : removed) {
    c.deciding_centre = -1;
    c.delivery_model = DeliveryModel::kUnspecified;
  }
  removed.push_back(removed[0]);  // nearshore twice, offshore once
  EXPECT_EQ(plugin_.Relax(ctx_, removed), "also accept nearshore");
  EXPECT_EQ(plugin_.Relax(ctx_, {}), "");
}

TEST_F(DeliveryModelTest, MismatchedOutputSizeIsAnError) {
  Add({NewYork()});
  std::vector<sdk::FilterResult> out;
  EXPECT_FALSE(plugin_.Filter(ctx_, Candidates(), out).ok());
  std::vector<sdk::ScoreResult> scores(2);
  EXPECT_FALSE(plugin_.Score(ctx_, Candidates(), scores).ok());
}

}  // namespace
}  // namespace vendormatch::plugins
