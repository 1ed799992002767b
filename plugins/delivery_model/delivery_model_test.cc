#include "delivery_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
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
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::RawScores;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunFixes;
using sdk::testing::RunScore;
using sdk::testing::RunVerdicts;
using sdk::testing::SpecOf;
using ::testing::HasSubstr;

struct CentreSpec {
  std::string country;
  std::string city;
  DeliveryModel model;
  const char* rule;
  double hours_apart;
};

class DeliveryModelTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ConfigureWith(plugin_).ok()); }

  // Adds a provider with these centres; the first one decides.
  void Add(std::vector<CentreSpec> centres) {
    CandidateFixture fixture;
    for (const CentreSpec& spec : centres) {
      sdk::Centre centre;
      centre.country = SymOrNone(spec.country);
      centre.city = SymOrNone(spec.city);
      fixture.AddCentre(centre, sdk::CentreFacts{spec.model, spec.rule, spec.hours_apart, 0});
    }
    fixtures_.push_back(std::move(fixture));
  }

  // The symbol of `text`; kNoSymbol for "".
  sdk::Symbol SymOrNone(const std::string& text) {
    return text.empty() ? sdk::kNoSymbol : ctx_.Sym(text);
  }

  std::vector<sdk::FilterResult> Filter() const { return RunFilter(plugin_, ctx_, fixtures_); }
  // Filter verdicts as "" (pass) or the reason code.
  std::vector<std::string> FilterReasons() const {
    std::vector<std::string> reasons;
    for (const sdk::FilterResult& r : Filter()) reasons.push_back(ReasonText(ctx_, r));
    return reasons;
  }
  std::vector<sdk::ScoreResult> Score(const DeliveryModelPlugin& plugin) const {
    return RunScore(plugin, ctx_, fixtures_);
  }
  std::vector<std::string> Explain(const DeliveryModelPlugin& plugin) const {
    return RunExplain(plugin, ctx_, fixtures_);
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
  EXPECT_EQ(CoreStages<DeliveryModelPlugin>(), "filter,score,normalize");
  ASSERT_EQ(info.settings.size(), 3u);
  for (const auto& [name, fallback] : std::vector<std::pair<std::string, std::string>>{
           {"onshore", "100"}, {"nearshore", "75"}, {"offshore", "50"}}) {
    const sdk::SettingSpec spec = SpecOf(plugin_, name);
    EXPECT_EQ(spec.type, sdk::SettingType::kNumber) << name;
    EXPECT_EQ(spec.default_value, fallback) << name;
    EXPECT_EQ(spec.min, 0) << name;
    EXPECT_EQ(spec.max, 100) << name;
    EXPECT_FALSE(spec.description.empty()) << name;
  }
}

TEST_F(DeliveryModelTest, ConfigureParsesScores) {
  DeliveryModelPlugin plugin;
  ASSERT_TRUE(ConfigureWith(plugin, {{"offshore", "80"}, {"onshore", "60.5"}}).ok());
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kOnshore), 60.5);
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kNearshore), 75);
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kOffshore), 80);
  EXPECT_DOUBLE_EQ(plugin.ScoreOf(DeliveryModel::kUnspecified), 0);
}

TEST_F(DeliveryModelTest, ConfigureRejectsBadSettings) {
  DeliveryModelPlugin plugin;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"nearshore", "high"}, {"offshore", "101"}, {"onshore", "-1"}, {"midshore", "10"}}) {
    const absl::Status status = ConfigureWith(plugin, {{key, value}});
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
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(out[1].detail, sdk::kNoSymbol);
  const auto reasons = FilterReasons();
  EXPECT_EQ(reasons[0], "");
  EXPECT_EQ(reasons[1], "delivery_model_not_accepted");
  EXPECT_EQ(reasons[2], "delivery_model_not_accepted");
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
  const auto why = Explain(plugin_);
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_EQ(why[0], "onshore: centre in the client's country (New York)");
  EXPECT_DOUBLE_EQ(out[1].raw, 75);
  EXPECT_EQ(why[1], "nearshore: centre in a country bordering the client's (Monterrey, MX)");
  EXPECT_DOUBLE_EQ(out[2].raw, 50);
  EXPECT_EQ(why[2], "offshore: centre 12 h from the client's time zone (Manila, PH)");
}

TEST_F(DeliveryModelTest, ScoreReasonsForOtherRules) {
  Add({{"PL", "Warsaw", DeliveryModel::kNearshore, "same_subregion", 6}});
  Add({{"CO", "Bogotá", DeliveryModel::kNearshore, "time_zone_distance", 0.5}});
  Add({{"IN", "", DeliveryModel::kOffshore, "", 9.5}});
  const auto why = Explain(plugin_);
  EXPECT_EQ(why[0], "nearshore: centre in the client's region (Warsaw, PL)");
  EXPECT_EQ(why[1], "nearshore: centre 0.5 h from the client's time zone (Bogotá, CO)");
  EXPECT_EQ(why[2], "offshore: centre in IN");
}

TEST_F(DeliveryModelTest, ScoreUsesTheConfiguredValues) {
  DeliveryModelPlugin plugin;
  ASSERT_TRUE(ConfigureWith(plugin, {{"offshore", "90"}}).ok());
  Add({Manila()});
  EXPECT_DOUBLE_EQ(Score(plugin)[0].raw, 90);
}

TEST_F(DeliveryModelTest, ScoreWithoutADecidingCentre) {
  Add({});
  const auto out = Score(plugin_);
  EXPECT_DOUBLE_EQ(out[0].raw, 0);
  EXPECT_EQ(Explain(plugin_)[0], "no delivery centre in an accepted delivery model");
}

TEST_F(DeliveryModelTest, NormalizeIsIdentityClamped) {
  std::vector<sdk::ScoreResult> scores = RawScores({50, -5});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 50);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 0);
}

TEST_F(DeliveryModelTest, VerdictNamesTheAcceptedModelsAndTheClosestCentre) {
  ctx_.mutable_requirement().delivery_models =
      Bit(DeliveryModel::kOnshore) | Bit(DeliveryModel::kNearshore);
  Add({{"IN", "Pune", DeliveryModel::kOffshore, "farther", 10.5},
       {"PH", "Manila", DeliveryModel::kOffshore, "farther", 9}});
  Add({});
  std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_STREQ(verdicts[0].reason, "delivery_model_not_accepted");
  EXPECT_EQ(verdicts[0].sentence,
            "no delivery centre is onshore or nearshore for a US client (closest: offshore, "
            "Manila)");
  verdicts = RunVerdicts(plugin_, ctx_, fixtures_[1].candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].sentence, "has no delivery centre onshore or nearshore for a US client");
}

TEST_F(DeliveryModelTest, VerdictsAgreeWithFilterAndFixesWork) {
  Add({{"US", "Austin", DeliveryModel::kOnshore, "same_country", 1}});
  Add({{"MX", "Monterrey", DeliveryModel::kNearshore, "shared_border", 1},
       {"IN", "Pune", DeliveryModel::kOffshore, "farther", 10.5}});
  Add({{"IN", "Pune", DeliveryModel::kOffshore, "farther", 10.5}});
  Add({{"", "", DeliveryModel::kUnspecified, "", 0}});
  Add({});
  for (uint8_t mask : {uint8_t{0}, Bit(DeliveryModel::kOnshore), Bit(DeliveryModel::kNearshore),
                       Bit(DeliveryModel::kOffshore),
                       uint8_t(Bit(DeliveryModel::kOnshore) | Bit(DeliveryModel::kNearshore))}) {
    ctx_.mutable_requirement().delivery_models = mask;
    ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures_));
    ExpectFixesWork(plugin_, ctx_, fixtures_);
  }
  ctx_.mutable_requirement().delivery_models = Bit(DeliveryModel::kOnshore);
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures_[1].candidate());
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kAcceptDeliveryModel);
  EXPECT_EQ(changes[0].delivery_model, DeliveryModel::kNearshore);
  EXPECT_TRUE(RunFixes(plugin_, ctx_, fixtures_[4].candidate()).empty());
}

}  // namespace
}  // namespace vendormatch::plugins
