#include "languages.h"

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

class LanguagesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(plugin_.Configure(sdk::Settings()).ok()); }

  void Request(std::vector<std::string> tags) {
    ctx_.mutable_requirement().languages = std::move(tags);
  }

  void Add(std::vector<std::string> languages) {
    CandidateFixture fixture;
    fixture.provider.languages = std::move(languages);
    fixtures_.push_back(std::move(fixture));
  }

  std::vector<sdk::FilterResult> Filter() const { return RunFilter(plugin_, ctx_, fixtures_); }
  std::vector<sdk::ScoreResult> Score() const { return RunScore(plugin_, ctx_, fixtures_); }
  std::string Relax() const { return RunRelax(plugin_, ctx_, fixtures_); }

  FakeMatchContext ctx_;
  LanguagesPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(LanguagesTest, InfoDeclaresStages) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_TRUE(info.normalize);
  EXPECT_TRUE(info.default_settings.empty());
}

TEST_F(LanguagesTest, ConfigureRejectsAnySetting) {
  LanguagesPlugin plugin;
  const absl::Status status = plugin.Configure(MakeSettings({{"breadth", "5"}}));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("breadth"));
}

TEST_F(LanguagesTest, MeetsMatchesSubtagPrefixesBothWays) {
  EXPECT_TRUE(LanguagesPlugin::Meets("es", "es"));
  EXPECT_TRUE(LanguagesPlugin::Meets("es-mx", "es"));     // requested es, spoken es-mx
  EXPECT_TRUE(LanguagesPlugin::Meets("es", "es-mx"));     // requested es-mx, spoken es
  EXPECT_TRUE(LanguagesPlugin::Meets("ES_MX", "es-mx"));  // case and '_'
  EXPECT_FALSE(LanguagesPlugin::Meets("es-es", "es-mx"));
  EXPECT_FALSE(LanguagesPlugin::Meets("est", "es"));  // Estonian is not Spanish
  EXPECT_FALSE(LanguagesPlugin::Meets("e", "es"));
  EXPECT_FALSE(LanguagesPlugin::Meets("", "es"));
  EXPECT_TRUE(LanguagesPlugin::Meets("zh-hant", "zh-hant-tw"));
}

TEST_F(LanguagesTest, NothingRequestedPassesEveryone) {
  Add({});
  EXPECT_TRUE(Filter()[0].pass);
}

TEST_F(LanguagesTest, RequestedEsIsMetByEsMx) {
  Request({"es"});
  Add({"en", "es-mx"});
  Add({"en"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_FALSE(out[1].pass);
  EXPECT_EQ(out[1].reason, "missing_language:es");
}

TEST_F(LanguagesTest, RequestedEsMxIsMetByEsMxOrPlainEs) {
  Request({"es-mx"});
  Add({"es-mx"});
  Add({"es"});
  Add({"es-es"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(out[2].reason, "missing_language:es-mx");
}

TEST_F(LanguagesTest, ReportsTheFirstMissingTag) {
  Request({"en", "fr", "de"});
  Add({"en", "de"});
  EXPECT_EQ(Filter()[0].reason, "missing_language:fr");
}

TEST_F(LanguagesTest, ScoreIsTheShareWithALittleBreadth) {
  Request({"en", "es"});
  Add({"en", "es-mx"});
  Add({"en-us", "es", "fr", "de", "pt-br", "pt-pt"});  // fr, de, pt: 3 more
  Add({"en"});
  Add({"en", "es", "fr", "de", "it", "pt", "nl", "pl"});  // 6 more, capped at 5
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 90);
  EXPECT_EQ(out[0].reason, "speaks 2 of 2 requested languages");
  EXPECT_DOUBLE_EQ(out[1].raw, 96);
  EXPECT_EQ(out[1].reason, "speaks 2 of 2 requested languages, plus 3 more");
  EXPECT_DOUBLE_EQ(out[2].raw, 45);
  EXPECT_EQ(out[2].reason, "speaks 1 of 2 requested languages");
  EXPECT_DOUBLE_EQ(out[3].raw, 100);
}

TEST_F(LanguagesTest, ScoreWithNothingRequested) {
  Add({"en", "fil"});
  Add({});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 94);
  EXPECT_EQ(out[0].reason, "no language requested; speaks 2 languages");
  EXPECT_DOUBLE_EQ(out[1].raw, 90);
}

TEST_F(LanguagesTest, RepeatedRequestedTagsCountOnce) {
  Request({"es", "ES"});
  Add({"es"});
  EXPECT_EQ(Score()[0].reason, "speaks 1 of 1 requested language");
}

TEST_F(LanguagesTest, NormalizeIsIdentityClamped) {
  std::vector<sdk::ScoreResult> scores = RawScores({45, 101});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 45);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 100);
}

TEST_F(LanguagesTest, RelaxDropsTheTagThatAdmitsTheMost) {
  Request({"en", "fr", "de"});
  Add({"en", "fr"});  // lacks de only
  Add({"en"});        // lacks fr and de
  Add({"en", "de"});  // lacks fr only
  Add({"en", "fr"});  // lacks de only
  EXPECT_EQ(Relax(), "drop language de");
}

TEST_F(LanguagesTest, RelaxFallsBackToTheMostLackedTag) {
  Request({"en", "fr", "de"});
  Add({"en"});  // lacks fr and de
  Add({"fr"});  // lacks en and de
  EXPECT_EQ(Relax(), "drop language de");
  EXPECT_EQ(plugin_.Relax(ctx_, {}), "");
}

TEST_F(LanguagesTest, MismatchedOutputSizeIsAnError) {
  Add({});
  std::vector<sdk::FilterResult> out;
  EXPECT_FALSE(plugin_.Filter(ctx_, CandidatesOf(fixtures_), out).ok());
  std::vector<sdk::ScoreResult> scores(2);
  EXPECT_FALSE(plugin_.Score(ctx_, CandidatesOf(fixtures_), scores).ok());
}

}  // namespace
}  // namespace vendormatch::plugins
