#include "services.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::FakeMatchContext;
using sdk::testing::MakeSettings;
using sdk::testing::RawScores;
using sdk::testing::RunFilter;
using sdk::testing::RunRelax;
using sdk::testing::RunScore;
using ::testing::HasSubstr;

class ServicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.mutable_requirement().services = {"DATA_ENTRY", "PAYROLL"};
    ASSERT_TRUE(plugin_.Configure(sdk::Settings()).ok());
  }

  void Add(std::vector<std::string> services) {
    CandidateFixture fixture;
    fixture.provider.services = std::move(services);
    fixtures_.push_back(std::move(fixture));
  }

  std::vector<sdk::FilterResult> Filter() const { return RunFilter(plugin_, ctx_, fixtures_); }
  std::vector<sdk::ScoreResult> Score() const { return RunScore(plugin_, ctx_, fixtures_); }
  std::string Relax() const { return RunRelax(plugin_, ctx_, fixtures_); }

  FakeMatchContext ctx_;
  ServicesPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(ServicesTest, InfoDeclaresStages) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_TRUE(info.normalize);
  EXPECT_TRUE(info.default_settings.empty());
}

TEST_F(ServicesTest, ConfigureRejectsAnySetting) {
  ServicesPlugin plugin;
  const absl::Status status = plugin.Configure(MakeSettings({{"mode", "any"}}));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("mode"));
}

TEST_F(ServicesTest, AllModeNeedsEveryService) {
  Add({"PAYROLL", "DATA_ENTRY", "HELP_DESK"});
  Add({"DATA_ENTRY"});
  Add({});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[0].reason.empty());
  EXPECT_FALSE(out[1].pass);
  EXPECT_EQ(out[1].reason, "service_not_offered");
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(out[2].reason, "service_not_offered");
}

TEST_F(ServicesTest, AnyModeNeedsOneService) {
  ctx_.mutable_requirement().any_service = true;
  Add({"PAYROLL"});
  Add({"HELP_DESK"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_FALSE(out[1].pass);
  EXPECT_EQ(out[1].reason, "service_not_offered");
}

TEST_F(ServicesTest, NothingRequestedPassesEveryone) {
  ctx_.mutable_requirement().services.clear();
  Add({});
  EXPECT_TRUE(Filter()[0].pass);
  const auto scores = Score();
  EXPECT_DOUBLE_EQ(scores[0].raw, 100);
  EXPECT_EQ(scores[0].reason, "no services requested");
}

TEST_F(ServicesTest, ScoreIsTheShareOffered) {
  Add({"DATA_ENTRY", "PAYROLL"});
  Add({"PAYROLL"});
  Add({"HELP_DESK"});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_EQ(out[0].reason, "offers 2 of 2 requested services");
  EXPECT_DOUBLE_EQ(out[1].raw, 50);
  EXPECT_EQ(out[1].reason, "offers 1 of 2 requested services");
  EXPECT_DOUBLE_EQ(out[2].raw, 0);
}

TEST_F(ServicesTest, ScoreIsTheShareInAnyModeToo) {
  ctx_.mutable_requirement().any_service = true;
  ctx_.mutable_requirement().services = {"DATA_ENTRY", "PAYROLL", "HELP_DESK", "PAYROLL_TAX"};
  Add({"PAYROLL"});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 25);
  ctx_.mutable_requirement().services = {"PAYROLL"};
  EXPECT_EQ(Score()[0].reason, "offers 1 of 1 requested service");
}

TEST_F(ServicesTest, NormalizeIsIdentityClamped) {
  std::vector<sdk::ScoreResult> scores = RawScores({50, 120, -3});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 50);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 100);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 0);
}

TEST_F(ServicesTest, RelaxSuggestsAnyModeWhenItHelps) {
  Add({"PAYROLL"});
  Add({"HELP_DESK"});
  EXPECT_EQ(Relax(), "accept any of the services (service_match ANY)");
}

TEST_F(ServicesTest, RelaxSuggestsMoreServicesOtherwise) {
  Add({"HELP_DESK"});
  EXPECT_EQ(Relax(), "add more services");
  ctx_.mutable_requirement().any_service = true;
  EXPECT_EQ(Relax(), "add more services");
  EXPECT_EQ(plugin_.Relax(ctx_, {}), "");
}

TEST_F(ServicesTest, MismatchedOutputSizeIsAnError) {
  Add({});
  std::vector<sdk::FilterResult> out(2);
  EXPECT_FALSE(plugin_.Filter(ctx_, CandidatesOf(fixtures_), out).ok());
  std::vector<sdk::ScoreResult> scores;
  EXPECT_FALSE(plugin_.Score(ctx_, CandidatesOf(fixtures_), scores).ok());
}

}  // namespace
}  // namespace vendormatch::plugins
