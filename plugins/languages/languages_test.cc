#include "languages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Symbol;
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
using sdk::testing::VerdictTexts;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The rule in languages.h applied to texts, tag by tag: what the plugin's
// batched work must give. `reason` as ReasonText shows it.
struct Expected {
  std::string reason;
  double raw = 0;
};
Expected ExpectedOf(const sdk::MatchContext& ctx, const sdk::Provider& provider) {
  std::vector<Symbol> requested;
  for (Symbol tag : ctx.requirement().languages) {
    if (std::find(requested.begin(), requested.end(), tag) == requested.end()) {
      requested.push_back(tag);
    }
  }
  std::vector<absl::string_view> spoken;
  for (Symbol tag : provider.languages()) spoken.push_back(ctx.Name(tag));
  auto primary = [](absl::string_view tag) { return tag.substr(0, tag.find('-')); };
  Expected expected;
  size_t met = 0;
  for (Symbol tag : requested) {
    const bool speaks = std::any_of(spoken.begin(), spoken.end(), [&](absl::string_view s) {
      return LanguagesPlugin::Meets(s, ctx.Name(tag));
    });
    if (speaks) {
      ++met;
    } else if (expected.reason.empty()) {
      expected.reason = absl::StrCat("missing_language:", ctx.Name(tag));
    }
  }
  int other = 0;
  for (size_t i = 0; i < spoken.size(); ++i) {
    const absl::string_view p = primary(spoken[i]);
    auto same = [&](absl::string_view tag) { return primary(tag) == p; };
    if (p.empty() ||
        std::any_of(requested.begin(), requested.end(),
                    [&](Symbol tag) { return same(ctx.Name(tag)); }) ||
        std::any_of(spoken.begin(), spoken.begin() + static_cast<std::ptrdiff_t>(i), same)) {
      continue;
    }
    ++other;
  }
  const double share =
      requested.empty() ? 1.0 : static_cast<double>(met) / static_cast<double>(requested.size());
  expected.raw = std::clamp(90 * share + 2 * std::min(other, 5), 0.0, 100.0);
  return expected;
}

class LanguagesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ConfigureWith(plugin_).ok()); }

  void Request(std::initializer_list<absl::string_view> tags) {
    ctx_.mutable_requirement().languages = ctx_.Syms(tags);
  }

  void Add(std::initializer_list<absl::string_view> languages) {
    CandidateFixture fixture;
    fixture.provider.languages = ctx_.Syms(languages);
    fixtures_.push_back(std::move(fixture));
  }

  std::vector<sdk::FilterResult> Filter() const { return RunFilter(plugin_, ctx_, fixtures_); }
  // The filter's verdicts as the framework shows them ("" for a pass).
  std::vector<std::string> Reasons() const {
    std::vector<std::string> out;
    for (const sdk::FilterResult& r : Filter()) out.push_back(ReasonText(ctx_, r));
    return out;
  }
  std::vector<sdk::ScoreResult> Score() const { return RunScore(plugin_, ctx_, fixtures_); }
  std::vector<std::string> Explain() const { return RunExplain(plugin_, ctx_, fixtures_); }

  FakeMatchContext ctx_;
  LanguagesPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(LanguagesTest, InfoDeclaresStages) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_EQ(CoreStages<LanguagesPlugin>(), "filter,score,normalize");
  EXPECT_TRUE(info.settings.empty());
}

TEST_F(LanguagesTest, ConfigureRejectsAnySetting) {
  LanguagesPlugin plugin;
  const absl::Status status = ConfigureWith(plugin, {{"breadth", "5"}});
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
  EXPECT_EQ(ReasonText(ctx_, out[1]), "missing_language:es");
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
  EXPECT_EQ(ReasonText(ctx_, out[2]), "missing_language:es-mx");
}

TEST_F(LanguagesTest, ReportsTheFirstMissingTag) {
  Request({"en", "fr", "de"});
  Add({"en", "de"});
  EXPECT_EQ(Reasons()[0], "missing_language:fr");
}

TEST_F(LanguagesTest, ScoreIsTheShareWithALittleBreadth) {
  Request({"en", "es"});
  Add({"en", "es-mx"});
  Add({"en-us", "es", "fr", "de", "pt-br", "pt-pt"});  // fr, de, pt: 3 more
  Add({"en"});
  Add({"en", "es", "fr", "de", "it", "pt", "nl", "pl"});  // 6 more, capped at 5
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 90);
  EXPECT_DOUBLE_EQ(out[1].raw, 96);
  EXPECT_DOUBLE_EQ(out[2].raw, 45);
  EXPECT_DOUBLE_EQ(out[3].raw, 100);
  EXPECT_THAT(Explain(), ElementsAre("speaks 2 of 2 requested languages",
                                     "speaks 2 of 2 requested languages, plus 3 more",
                                     "speaks 1 of 2 requested languages",
                                     "speaks 2 of 2 requested languages, plus 6 more"));
}

TEST_F(LanguagesTest, ScoreWithNothingRequested) {
  Add({"en", "fil"});
  Add({});
  Add({"en-gb"});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 94);
  EXPECT_DOUBLE_EQ(out[1].raw, 90);
  EXPECT_THAT(Explain(), ElementsAre("no language requested; speaks 2 languages",
                                     "no language requested; speaks 0 languages",
                                     "no language requested; speaks 1 language"));
}

TEST_F(LanguagesTest, RepeatedRequestedTagsCountOnce) {
  Request({"es", "es"});
  Add({"es"});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 90);
  EXPECT_EQ(Explain()[0], "speaks 1 of 1 requested language");
  EXPECT_EQ(RunPrefilter(plugin_, ctx_).size(), 1u);
}

TEST_F(LanguagesTest, NormalizeIsIdentityClamped) {
  std::vector<sdk::ScoreResult> scores = RawScores({45, 101});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 45);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 100);
}

TEST_F(LanguagesTest, FilterReasonIsAStaticCodeWithTheTagAsDetail) {
  Request({"en", "fr"});
  Add({"en"});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_STREQ(out[0].reason, "missing_language");
  EXPECT_EQ(out[0].detail, ctx_.Sym("fr"));
}

TEST_F(LanguagesTest, ManyDistinctTagsInOneBatch) {
  // More distinct tags than a one-candidate batch keeps facts for: the later
  // ones are worked out at each sight, with the same answers.
  Request({"en", "ja"});
  Add({"en-us", "de", "fr", "it", "nl", "pl", "pt-br", "pt-pt", "sv", "da", "fi", "nb", "en-gb",
       "ja-jp"});
  EXPECT_THAT(Reasons(), ElementsAre(""));
  EXPECT_DOUBLE_EQ(Score()[0].raw, 100);
  EXPECT_EQ(Explain()[0], "speaks 2 of 2 requested languages, plus 10 more");
}

TEST_F(LanguagesTest, PrefilterWithNothingRequestedNamesNoClause) {
  Add({"en"});
  EXPECT_THAT(RunPrefilter(plugin_, ctx_), IsEmpty());
}

TEST_F(LanguagesTest, PrefilterNamesTheTagAndItsPrimarySubtag) {
  Add({"es", "en-gb"});
  Add({"zh"});
  Request({"en", "es-mx", "en", "zh-hant-tw"});
  const std::vector<sdk::IndexClause> clauses = RunPrefilter(plugin_, ctx_);
  ASSERT_EQ(clauses.size(), 3u);
  for (const sdk::IndexClause& clause : clauses) {
    EXPECT_EQ(clause.field, sdk::IndexField::kLanguage);
    EXPECT_STREQ(clause.reason, "missing_language");
  }
  EXPECT_THAT(clauses[0].any_of, ElementsAre(ctx_.Sym("en")));
  EXPECT_EQ(clauses[0].detail, ctx_.Sym("en"));
  EXPECT_THAT(clauses[1].any_of, ElementsAre(ctx_.Sym("es-mx"), ctx_.Sym("es")));
  EXPECT_EQ(clauses[1].detail, ctx_.Sym("es-mx"));
  EXPECT_THAT(clauses[2].any_of, ElementsAre(ctx_.Sym("zh-hant-tw"), ctx_.Sym("zh")));
  EXPECT_EQ(clauses[2].detail, ctx_.Sym("zh-hant-tw"));
}

TEST_F(LanguagesTest, PrefilterLeavesATagWhosePrimaryNothingUsesToFilter) {
  Request({"pt-br", "en"});
  Add({"pt-br", "en"});
  ASSERT_EQ(ctx_.Find("pt"), sdk::kNoSymbol);
  std::vector<sdk::IndexClause> clauses = RunPrefilter(plugin_, ctx_);
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_THAT(clauses[0].any_of, ElementsAre(ctx_.Sym("en")));
  Add({"pt"});  // now "pt" is used
  clauses = RunPrefilter(plugin_, ctx_);
  ASSERT_EQ(clauses.size(), 2u);
  EXPECT_THAT(clauses[0].any_of, ElementsAre(ctx_.Sym("pt-br"), ctx_.Sym("pt")));
  EXPECT_EQ(clauses[0].detail, ctx_.Sym("pt-br"));
}

TEST_F(LanguagesTest, PrefilterClausesAreNecessary) {
  Request({"es-mx", "en", "zh-hant"});
  Add({"es-mx", "en-gb", "zh-hant-tw"});         // extensions of en and zh-hant
  Add({"es", "en", "zh"});                       // plain primaries
  Add({"fr", "zh-hant", "es-mx", "en"});         // exact
  Add({"es-es", "en", "zh-hant"});               // another region
  Add({"en", "zh-hans"});                        // no Spanish
  Add({"est", "es-mx", "en-us", "zh-hans-cn"});  // Estonian; zh-hans
  Add({"es-mx", "zh-hant"});                     // no English
  Add({});
  EXPECT_THAT(Reasons(), ElementsAre("", "", "", "missing_language:es-mx", "missing_language:es-mx",
                                     "missing_language:zh-hant", "missing_language:en",
                                     "missing_language:es-mx"));
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
}

TEST_F(LanguagesTest, AnExtensionMeetsATagWhosePrimaryNothingUses) {
  Request({"zh-hant"});
  Add({"zh-hant-tw"});
  Add({"zh-hans"});
  ASSERT_EQ(ctx_.Find("zh"), sdk::kNoSymbol);
  EXPECT_THAT(Reasons(), ElementsAre("", "missing_language:zh-hant"));
  // A clause {zh-hant} would remove the first: the index finds zh-hant-tw
  // for zh-hant only through "zh".
  EXPECT_THAT(RunPrefilter(plugin_, ctx_), IsEmpty());
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
}

TEST_F(LanguagesTest, BatchedWorkEqualsTheTextRule) {
  const std::vector<absl::string_view> vocabulary = {
      "en",         "en-us",   "en-gb", "es",    "es-mx", "es-es",   "zh",        "zh-hant",
      "zh-hant-tw", "zh-hans", "pt",    "pt-br", "fil",   "de",      "fr",        "est",
      "it",         "nl",      "pl",    "ja",    "ko",    "sr-latn", "sr-latn-rs"};
  std::mt19937 rng(20270301);
  auto below = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  for (int p = 0; p < 300; ++p) {
    CandidateFixture fixture;
    for (size_t n = below(13); n > 0; --n) {
      const Symbol tag = ctx_.Sym(vocabulary[below(vocabulary.size())]);
      std::vector<Symbol>& languages = fixture.provider.languages;
      if (std::find(languages.begin(), languages.end(), tag) == languages.end()) {
        languages.push_back(tag);
      }
    }
    fixtures_.push_back(std::move(fixture));
  }
  std::vector<std::vector<Symbol>> requests = {{},
                                               ctx_.Syms({"es"}),
                                               ctx_.Syms({"es-mx", "en"}),
                                               ctx_.Syms({"zh-hant", "en", "zh-hant"}),
                                               ctx_.Syms({"sr-latn"}),
                                               ctx_.Syms({"zh-hant-tw", "pt-br", "de", "fr"})};
  for (int r = 0; r < 20; ++r) {
    std::vector<Symbol> request;
    for (size_t n = 1 + below(4); n > 0; --n) {
      request.push_back(ctx_.Sym(vocabulary[below(vocabulary.size())]));
    }
    requests.push_back(std::move(request));
  }
  for (const std::vector<Symbol>& request : requests) {
    ctx_.mutable_requirement().languages = request;
    std::string names;
    for (Symbol tag : request) absl::StrAppend(&names, ctx_.Name(tag), " ");
    SCOPED_TRACE(names);
    const std::vector<std::string> reasons = Reasons();
    const std::vector<sdk::ScoreResult> scores = Score();
    for (size_t i = 0; i < fixtures_.size(); ++i) {
      const sdk::Candidate candidate = fixtures_[i].candidate();
      const Expected expected = ExpectedOf(ctx_, *candidate.provider);
      EXPECT_EQ(reasons[i], expected.reason) << "provider " << i;
      EXPECT_EQ(scores[i].raw, expected.raw) << "provider " << i;
      if (i < 20) {  // alone in a batch, where few facts are kept
        EXPECT_EQ(RunScore(plugin_, ctx_, std::vector<sdk::Candidate>{candidate})[0].raw,
                  expected.raw);
      }
    }
    ExpectClausesNecessary(plugin_, ctx_, fixtures_);
  }
}

TEST_F(LanguagesTest, VerdictsNameEveryMissingTag) {
  Request({"en", "es", "fr", "es-mx"});
  Add({"en-gb", "pt"});
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[0].candidate());
  EXPECT_THAT(VerdictTexts(ctx_, verdicts),
              ElementsAre("missing_language:es", "missing_language:fr", "missing_language:es-mx"));
  EXPECT_EQ(verdicts[0].sentence, "speaks no es (nor a variant of it)");
  EXPECT_EQ(verdicts[2].sentence, "speaks neither es-mx nor plain es");
}

TEST_F(LanguagesTest, VerdictsAgreeWithFilterAndFixesWork) {
  Request({"en", "es-mx", "fr", "en"});
  Add({"en", "es", "fr"});
  Add({"en-us", "es-es"});
  Add({"es-mx-x-foo", "fr-ca"});
  Add({"de"});
  Add({});
  ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures_));
  ExpectFixesWork(plugin_, ctx_, fixtures_);
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures_[1].candidate());
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kDropLanguage);
  EXPECT_EQ(changes[0].symbol, ctx_.Sym("es-mx"));
  EXPECT_EQ(changes[1].symbol, ctx_.Sym("fr"));
  EXPECT_EQ(changes[2].kind, sdk::ChangeKind::kSpeakLanguage);
  Request({});
  ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures_));
}

}  // namespace
}  // namespace vendormatch::plugins
