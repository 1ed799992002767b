#include "industry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

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
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class IndustryTest : public ::testing::Test {
 protected:
  CandidateFixture Provider(std::initializer_list<absl::string_view> industries) {
    CandidateFixture f;
    f.provider.id = std::string("p");  // not = "p": GCC 12 -Wrestrict false positive
    f.provider.industries = ctx_.Syms(industries);
    return f;
  }
  void Ask(absl::string_view industry) {
    req().industry = industry.empty() ? sdk::kNoSymbol : ctx_.Sym(industry);
  }
  std::vector<sdk::FilterResult> Filter(const std::vector<CandidateFixture>& fixtures) const {
    return RunFilter(plugin_, ctx_, fixtures);
  }
  std::vector<std::string> Reasons(const std::vector<CandidateFixture>& fixtures) const {
    std::vector<std::string> out;
    for (const sdk::FilterResult& r : Filter(fixtures)) out.push_back(ReasonText(ctx_, r));
    return out;
  }
  std::vector<sdk::ScoreResult> Score(const std::vector<CandidateFixture>& fixtures) const {
    return RunScore(plugin_, ctx_, fixtures);
  }
  std::vector<std::string> Explain(const std::vector<CandidateFixture>& fixtures) const {
    return RunExplain(plugin_, ctx_, fixtures);
  }
  std::vector<sdk::IndexClause> Prefilter() const { return RunPrefilter(plugin_, ctx_); }
  void Require() { ASSERT_TRUE(ConfigureWith(plugin_, {{"required", "true"}}).ok()); }
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  IndustryPlugin plugin_;
};

TEST_F(IndustryTest, InfoDeclaresDefaults) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_EQ(CoreStages<IndustryPlugin>(), "filter,score,normalize");
  ASSERT_EQ(info.settings.size(), 1u);
  EXPECT_EQ(info.settings[0].name, "required");
  EXPECT_EQ(info.settings[0].type, sdk::SettingType::kBool);
  EXPECT_EQ(info.settings[0].default_value, "false");
  EXPECT_TRUE(ConfigureWith(plugin_).ok());
}

TEST_F(IndustryTest, BadRequiredSettingIsNamed) {
  absl::Status s = ConfigureWith(plugin_, {{"required", "sometimes"}});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("required"));
}

TEST_F(IndustryTest, NotRequiredPassesEveryone) {
  Ask("BANKING");
  auto out = Filter({Provider({}), Provider({"RETAIL"})});
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
}

TEST_F(IndustryTest, RequiredWithoutIndustryPassesEveryone) {
  Require();
  Ask("");
  auto out = Filter({Provider({})});
  EXPECT_TRUE(out[0].pass);
}

TEST_F(IndustryTest, RequiredRemovesProvidersWithoutExperience) {
  Require();
  Ask("BANKING");
  // Codes reach the plugin interned in canonical (upper) case, so the old
  // case-insensitive comparison is Symbol equality.
  auto out = Filter({Provider({"RETAIL", "BANKING"}), Provider({"RETAIL"}), Provider({})});
  EXPECT_TRUE(out[0].pass);
  EXPECT_FALSE(out[1].pass);
  EXPECT_STREQ(out[1].reason, "no_industry_experience");
  EXPECT_EQ(out[1].detail, sdk::kNoSymbol);
  EXPECT_FALSE(out[2].pass);
  EXPECT_THAT(Reasons({Provider({"RETAIL", "BANKING"}), Provider({"RETAIL"}), Provider({})}),
              ElementsAre("", "no_industry_experience", "no_industry_experience"));
}

TEST_F(IndustryTest, ScoresServedOrNot) {
  Ask("BANKING");
  const std::vector<CandidateFixture> fixtures = {Provider({"INSURANCE", "BANKING"}),
                                                  Provider({"RETAIL"})};
  auto out = Score(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_DOUBLE_EQ(out[1].raw, 0);
  EXPECT_THAT(Explain(fixtures), ElementsAre("served BANKING", "no BANKING experience listed"));
}

TEST_F(IndustryTest, ScoresNeutralWithoutIndustry) {
  const std::vector<CandidateFixture> fixtures = {Provider({"BANKING"}), Provider({})};
  auto out = Score(fixtures);
  EXPECT_DOUBLE_EQ(out[0].raw, 50);
  EXPECT_DOUBLE_EQ(out[1].raw, 50);
  EXPECT_THAT(Explain(fixtures), ElementsAre("no industry requested", "no industry requested"));
}

TEST_F(IndustryTest, NormalizeIsClampedIdentity) {
  std::vector<sdk::ScoreResult> scores = RawScores({0, 50, 100});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 50);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 100);
}

TEST_F(IndustryTest, PrefilterNamesTheIndustryOnlyWhenRequired) {
  Ask("BANKING");
  EXPECT_TRUE(Prefilter().empty());  // not required
  Require();
  const auto clauses = Prefilter();
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_EQ(clauses[0].field, sdk::IndexField::kIndustry);
  EXPECT_THAT(clauses[0].any_of, ElementsAre(ctx_.Sym("BANKING")));
  EXPECT_STREQ(clauses[0].reason, "no_industry_experience");
  EXPECT_EQ(clauses[0].detail, sdk::kNoSymbol);
  Ask("");
  EXPECT_TRUE(Prefilter().empty());  // required, but no industry asked
}

TEST_F(IndustryTest, ClausesAreNecessary) {
  const std::vector<CandidateFixture> fixtures = {Provider({"RETAIL", "BANKING"}),
                                                  Provider({"RETAIL"}), Provider({}),
                                                  Provider({"BANKING"}), Provider({"INSURANCE"})};
  for (bool required : {false, true}) {
    ASSERT_TRUE(ConfigureWith(plugin_, {{"required", required ? "true" : "false"}}).ok());
    for (absl::string_view industry : {"", "BANKING", "INSURANCE", "MINING"}) {
      Ask(industry);
      ExpectClausesNecessary(plugin_, ctx_, fixtures);
    }
  }
}

TEST_F(IndustryTest, VerdictsAgreeWithFilterAndFixesWork) {
  const std::vector<CandidateFixture> fixtures = {Provider({"BANKING", "RETAIL"}),
                                                  Provider({"RETAIL"}), Provider({})};
  for (bool required : {false, true}) {
    if (required) Require();
    for (absl::string_view industry : {"", "BANKING"}) {
      Ask(industry);
      ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures));
      ExpectFixesWork(plugin_, ctx_, fixtures);
    }
  }
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures[1].candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].sentence, "has not served BANKING");
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures[1].candidate());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kDropIndustry);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kServeIndustry);
  EXPECT_EQ(changes[1].symbol, ctx_.Sym("BANKING"));
}

}  // namespace
}  // namespace vendormatch::plugins
