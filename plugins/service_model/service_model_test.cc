#include "service_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Bit;
using sdk::ServiceModel;
using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::ConfigureWith;
using sdk::testing::CoreStages;
using sdk::testing::ExpectClausesNecessary;
using sdk::testing::ExpectFixesWork;
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::RawScores;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunFixes;
using sdk::testing::RunPrefilter;
using sdk::testing::RunScore;
using sdk::testing::RunVerdicts;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr uint8_t kBpo = Bit(ServiceModel::kBpo);
constexpr uint8_t kKpo = Bit(ServiceModel::kKpo);

class ServiceModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ConfigureWith(plugin_).ok());
    Add(kKpo);         // 0: KPO specialist
    Add(kBpo | kKpo);  // 1: both
    Add(kBpo);         // 2: BPO specialist
    Add(0);            // 3: none declared
  }

  void Want(ServiceModel model, bool advised = false, double confidence = 0) {
    sdk::Requirement& req = ctx_.mutable_requirement();
    req.service_model = model;
    req.service_model_advised = advised;
    req.advice_confidence = confidence;
  }

  void Add(uint8_t models) {
    CandidateFixture fixture;
    fixture.provider.service_models = models;
    fixtures_.push_back(std::move(fixture));
  }

  std::vector<sdk::FilterResult> Filter(const ServiceModelPlugin& plugin) const {
    return RunFilter(plugin, ctx_, fixtures_);
  }
  std::vector<std::string> Reasons(const ServiceModelPlugin& plugin) const {
    std::vector<std::string> out;
    for (const sdk::FilterResult& r : Filter(plugin)) out.push_back(ReasonText(ctx_, r));
    return out;
  }
  std::vector<sdk::ScoreResult> Score() const { return RunScore(plugin_, ctx_, fixtures_); }
  std::vector<std::string> Explain() const { return RunExplain(plugin_, ctx_, fixtures_); }

  FakeMatchContext ctx_;
  ServiceModelPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(ServiceModelTest, InfoDeclaresStagesAndDefaults) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_EQ(CoreStages<ServiceModelPlugin>(), "filter,score,normalize");
  ASSERT_EQ(info.settings.size(), 1u);
  EXPECT_EQ(info.settings[0].name, "filter_advised");
  EXPECT_EQ(info.settings[0].type, sdk::SettingType::kBool);
  EXPECT_EQ(info.settings[0].default_value, "false");
  EXPECT_FALSE(plugin_.filter_advised());
}

TEST_F(ServiceModelTest, ConfigureParsesFilterAdvised) {
  ServiceModelPlugin plugin;
  ASSERT_TRUE(ConfigureWith(plugin, {{"filter_advised", "true"}}).ok());
  EXPECT_TRUE(plugin.filter_advised());
}

TEST_F(ServiceModelTest, ConfigureRejectsBadSettings) {
  ServiceModelPlugin plugin;
  absl::Status status = ConfigureWith(plugin, {{"filter_advised", "sometimes"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("filter_advised"));
  status = ConfigureWith(plugin, {{"filter_adviced", "true"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("filter_adviced"));
}

TEST_F(ServiceModelTest, NoModelPassesEveryoneAtFifty) {
  for (const sdk::FilterResult& r : Filter(plugin_)) EXPECT_TRUE(r.pass);
  for (const sdk::ScoreResult& r : Score()) EXPECT_DOUBLE_EQ(r.raw, 50);
  EXPECT_THAT(Explain(), Each(std::string("no service model requested")));
}

TEST_F(ServiceModelTest, RequestedModelFilters) {
  Want(ServiceModel::kKpo);
  const auto out = Filter(plugin_);
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
  EXPECT_FALSE(out[2].pass);
  EXPECT_STREQ(out[2].reason, "service_model_mismatch:KPO");
  EXPECT_EQ(out[2].detail, sdk::kNoSymbol);
  EXPECT_FALSE(out[3].pass);
  EXPECT_THAT(Reasons(plugin_),
              ElementsAre("", "", "service_model_mismatch:KPO", "service_model_mismatch:KPO"));

  Want(ServiceModel::kBpo);
  const auto bpo = Filter(plugin_);
  EXPECT_FALSE(bpo[0].pass);
  EXPECT_TRUE(bpo[1].pass);
  EXPECT_TRUE(bpo[2].pass);
  EXPECT_THAT(Reasons(plugin_),
              ElementsAre("service_model_mismatch:BPO", "", "", "service_model_mismatch:BPO"));
}

TEST_F(ServiceModelTest, AdvisedModelFiltersOnlyWithFilterAdvised) {
  Want(ServiceModel::kKpo, /*advised=*/true, 0.8);
  for (const sdk::FilterResult& r : Filter(plugin_)) EXPECT_TRUE(r.pass);

  ServiceModelPlugin strict;
  ASSERT_TRUE(ConfigureWith(strict, {{"filter_advised", "true"}}).ok());
  const auto out = Filter(strict);
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(ReasonText(ctx_, out[2]), "service_model_mismatch:KPO");
}

TEST_F(ServiceModelTest, PreferredModelFiltersRegardlessOfFilterAdvised) {
  Want(ServiceModel::kKpo, /*advised=*/false);
  ServiceModelPlugin strict;
  ASSERT_TRUE(ConfigureWith(strict, {{"filter_advised", "true"}}).ok());
  EXPECT_FALSE(Filter(strict)[2].pass);
  EXPECT_FALSE(Filter(plugin_)[2].pass);
}

TEST_F(ServiceModelTest, ScoresSpecialistBothAndMismatch) {
  Want(ServiceModel::kKpo);
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_DOUBLE_EQ(out[1].raw, 70);
  EXPECT_DOUBLE_EQ(out[2].raw, 0);
  EXPECT_DOUBLE_EQ(out[3].raw, 0);
  EXPECT_THAT(
      Explain(),
      ElementsAre("KPO specialist (KPO requested)", "offers both BPO and KPO (KPO requested)",
                  "does not offer KPO (KPO requested)", "does not offer KPO (KPO requested)"));
}

TEST_F(ServiceModelTest, ScoreNamesTheAdvice) {
  Want(ServiceModel::kBpo, /*advised=*/true, 0.8);
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[2].raw, 100);
  EXPECT_DOUBLE_EQ(out[0].raw, 0);
  const auto explained = Explain();
  EXPECT_EQ(explained[2], "BPO specialist (BPO advised, 80% confidence)");
  EXPECT_EQ(explained[0], "does not offer BPO (BPO advised, 80% confidence)");
  EXPECT_EQ(explained[1], "offers both BPO and KPO (BPO advised, 80% confidence)");
}

TEST_F(ServiceModelTest, NormalizeIsIdentityClamped) {
  std::vector<sdk::ScoreResult> scores = RawScores({70, 150});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 70);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 100);
}

TEST_F(ServiceModelTest, PrefilterNamesTheModelWhenItFilters) {
  Want(ServiceModel::kKpo);
  auto clauses = RunPrefilter(plugin_, ctx_);
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_EQ(clauses[0].field, sdk::IndexField::kServiceModel);
  EXPECT_THAT(clauses[0].any_of, ElementsAre(static_cast<sdk::Symbol>(ServiceModel::kKpo)));
  EXPECT_STREQ(clauses[0].reason, "service_model_mismatch:KPO");
  EXPECT_EQ(clauses[0].detail, sdk::kNoSymbol);

  Want(ServiceModel::kBpo);
  clauses = RunPrefilter(plugin_, ctx_);
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_THAT(clauses[0].any_of, ElementsAre(static_cast<sdk::Symbol>(ServiceModel::kBpo)));
  EXPECT_STREQ(clauses[0].reason, "service_model_mismatch:BPO");
}

TEST_F(ServiceModelTest, PrefilterAddsNothingWhenItDoesNotFilter) {
  EXPECT_TRUE(RunPrefilter(plugin_, ctx_).empty());  // no model
  Want(ServiceModel::kKpo, /*advised=*/true, 0.8);
  EXPECT_TRUE(RunPrefilter(plugin_, ctx_).empty());  // advised, filter_advised false

  ServiceModelPlugin strict;
  ASSERT_TRUE(ConfigureWith(strict, {{"filter_advised", "true"}}).ok());
  const auto clauses = RunPrefilter(strict, ctx_);
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_STREQ(clauses[0].reason, "service_model_mismatch:KPO");
}

TEST_F(ServiceModelTest, ClausesAreNecessary) {
  ServiceModelPlugin strict;
  ASSERT_TRUE(ConfigureWith(strict, {{"filter_advised", "true"}}).ok());
  for (ServiceModel model : {ServiceModel::kUnspecified, ServiceModel::kBpo, ServiceModel::kKpo}) {
    for (bool advised : {false, true}) {
      Want(model, advised, 0.6);
      ExpectClausesNecessary(plugin_, ctx_, fixtures_);
      ExpectClausesNecessary(strict, ctx_, fixtures_);
    }
  }
}

TEST_F(ServiceModelTest, VerdictsAgreeWithFilterAndFixesWork) {
  ServiceModelPlugin strict;
  ASSERT_TRUE(ConfigureWith(strict, {{"filter_advised", "true"}}).ok());
  for (const ServiceModelPlugin* plugin : {&plugin_, &strict}) {
    for (ServiceModel model :
         {ServiceModel::kUnspecified, ServiceModel::kBpo, ServiceModel::kKpo}) {
      for (bool advised : {false, true}) {
        Want(model, advised, 0.8);
        ExpectVerdictsAgreeWithFilter(*plugin, ctx_, CandidatesOf(fixtures_));
        ExpectFixesWork(*plugin, ctx_, fixtures_);
      }
    }
  }
  Want(ServiceModel::kKpo);
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[2].candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_STREQ(verdicts[0].reason, "service_model_mismatch:KPO");
  EXPECT_EQ(verdicts[0].sentence, "does not offer KPO work (KPO requested)");
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures_[2].candidate());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kAcceptAnyServiceModel);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kOfferServiceModel);
  EXPECT_EQ(changes[1].service_model, ServiceModel::kKpo);
}

}  // namespace
}  // namespace vendormatch::plugins
