#include "industry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::testing::CandidateFixture;
using sdk::testing::FakeMatchContext;
using sdk::testing::MakeSettings;
using sdk::testing::RawScores;
using sdk::testing::RunFilter;
using sdk::testing::RunRelax;
using sdk::testing::RunScore;
using ::testing::HasSubstr;

CandidateFixture Provider(std::vector<std::string> industries) {
  CandidateFixture f;
  f.provider.id = "p";
  f.provider.industries = std::move(industries);
  return f;
}

class IndustryTest : public ::testing::Test {
 protected:
  std::vector<sdk::FilterResult> Filter(const std::vector<CandidateFixture>& fixtures) const {
    return RunFilter(plugin_, ctx_, fixtures);
  }
  std::vector<sdk::ScoreResult> Score(const std::vector<CandidateFixture>& fixtures) const {
    return RunScore(plugin_, ctx_, fixtures);
  }
  std::string Relax(const std::vector<CandidateFixture>& fixtures) const {
    return RunRelax(plugin_, ctx_, fixtures);
  }
  void Require() { ASSERT_TRUE(plugin_.Configure(MakeSettings({{"required", "true"}})).ok()); }
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  IndustryPlugin plugin_;
};

TEST_F(IndustryTest, InfoDeclaresDefaults) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_TRUE(info.normalize);
  EXPECT_EQ(info.default_settings.at("required"), "false");
  EXPECT_TRUE(plugin_.Configure(sdk::Settings(info.default_settings)).ok());
}

TEST_F(IndustryTest, BadRequiredSettingIsNamed) {
  absl::Status s = plugin_.Configure(MakeSettings({{"required", "sometimes"}}));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("required"));
}

TEST_F(IndustryTest, NotRequiredPassesEveryone) {
  req().industry = "BANKING";
  auto out = Filter({Provider({}), Provider({"RETAIL"})});
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
}

TEST_F(IndustryTest, RequiredWithoutIndustryPassesEveryone) {
  Require();
  req().industry = "";
  auto out = Filter({Provider({})});
  EXPECT_TRUE(out[0].pass);
}

TEST_F(IndustryTest, RequiredRemovesProvidersWithoutExperience) {
  Require();
  req().industry = "BANKING";
  auto out = Filter({Provider({"RETAIL", "banking"}), Provider({"RETAIL"}), Provider({})});
  EXPECT_TRUE(out[0].pass);  // case does not matter
  EXPECT_FALSE(out[1].pass);
  EXPECT_EQ(out[1].reason, "no_industry_experience");
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(out[2].reason, "no_industry_experience");
}

TEST_F(IndustryTest, ScoresServedOrNot) {
  req().industry = "BANKING";
  auto out = Score({Provider({"INSURANCE", "BANKING"}), Provider({"RETAIL"})});
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_EQ(out[0].reason, "served BANKING");
  EXPECT_DOUBLE_EQ(out[1].raw, 0);
  EXPECT_EQ(out[1].reason, "no BANKING experience listed");
}

TEST_F(IndustryTest, ScoresNeutralWithoutIndustry) {
  auto out = Score({Provider({"BANKING"}), Provider({})});
  EXPECT_DOUBLE_EQ(out[0].raw, 50);
  EXPECT_DOUBLE_EQ(out[1].raw, 50);
  EXPECT_EQ(out[0].reason, "no industry requested");
}

TEST_F(IndustryTest, NormalizeIsClampedIdentity) {
  std::vector<sdk::ScoreResult> scores = RawScores({0, 50, 100});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 50);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 100);
}

TEST_F(IndustryTest, RelaxDropsTheRequirementOnlyWhenRequired) {
  req().industry = "BANKING";
  EXPECT_EQ(Relax({Provider({})}), "");
  Require();
  EXPECT_EQ(Relax({Provider({})}), "drop the industry requirement");
  EXPECT_EQ(Relax({}), "");
}

}  // namespace
}  // namespace vendormatch::plugins
