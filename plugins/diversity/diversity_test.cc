#include "diversity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
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
using sdk::testing::ExpectScoresIndependentOfTheBatch;
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunFixes;
using sdk::testing::RunPrefilter;
using sdk::testing::RunScore;
using sdk::testing::RunVerdicts;
using sdk::testing::RunWarnings;
using sdk::testing::SpecOf;
using sdk::testing::VerdictTexts;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The fake's start date is 2027-03-01; the engagement here ends 2027-12-31
// (306 days) unless a test drops the end.
constexpr absl::CivilDay kStart(2027, 3, 1);
constexpr absl::CivilDay kEnd(2027, 12, 31);

class DiversityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ConfigureWith(plugin_).ok());
    ctx_.mutable_requirement().end_day = sdk::DayNumberOf(kEnd);
  }

  sdk::DatedCode Held(absl::string_view code, std::optional<absl::CivilDay> issued,
                      std::optional<absl::CivilDay> expires) {
    return sdk::DatedCode{ctx_.Sym(code), issued ? sdk::DayNumberOf(*issued) : sdk::kNoDay,
                          expires ? sdk::DayNumberOf(*expires) : sdk::kNoDay};
  }
  void Require(std::initializer_list<absl::string_view> codes) {
    ctx_.mutable_requirement().diversity_classifications = ctx_.Syms(codes);
  }
  void NoEnd() { ctx_.mutable_requirement().end_day = sdk::kNoDay; }
  void Add(std::vector<sdk::DatedCode> held) {
    CandidateFixture fixture;
    fixture.provider.diversity_classifications = std::move(held);
    fixtures_.push_back(std::move(fixture));
  }
  std::vector<std::string> Reasons() const {
    std::vector<std::string> out;
    for (const sdk::FilterResult& r : RunFilter(plugin_, ctx_, fixtures_)) {
      out.push_back(ReasonText(ctx_, r));
    }
    return out;
  }
  std::vector<double> Raw() const {
    std::vector<double> out;
    for (const sdk::ScoreResult& s : RunScore(plugin_, ctx_, fixtures_)) out.push_back(s.raw);
    return out;
  }
  std::vector<std::string> Verdicts(size_t i) const {
    return VerdictTexts(ctx_, RunVerdicts(plugin_, ctx_, fixtures_[i].candidate()));
  }
  std::vector<std::string> Sentences(size_t i) const {
    std::vector<std::string> out;
    for (const sdk::Verdict& v : RunVerdicts(plugin_, ctx_, fixtures_[i].candidate())) {
      out.push_back(v.sentence);
    }
    return out;
  }
  // Every contract the SDK's testing helpers check, on the fixtures so far.
  void ExpectContracts() {
    const std::vector<sdk::Candidate> batch = CandidatesOf(fixtures_);
    ExpectClausesNecessary(plugin_, ctx_, fixtures_);
    ExpectVerdictsAgreeWithFilter(plugin_, ctx_, batch);
    ExpectScoresIndependentOfTheBatch(plugin_, ctx_, batch);
    ExpectFixesWork(plugin_, ctx_, fixtures_);
  }

  FakeMatchContext ctx_;
  DiversityPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(DiversityTest, InfoDeclaresStagesAndATypedHorizon) {
  EXPECT_FALSE(plugin_.Info().description.empty());
  EXPECT_EQ(CoreStages<DiversityPlugin>(), "filter,score,normalize");
  const sdk::SettingSpec horizon = SpecOf(plugin_, "horizon_days");
  EXPECT_EQ(horizon.type, sdk::SettingType::kInteger);
  EXPECT_EQ(horizon.default_value, "365");
  DiversityPlugin plugin;
  const absl::Status status = ConfigureWith(plugin, {{"horizon_days", "10"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("horizon_days"));
}

TEST_F(DiversityTest, NothingListedPassesEveryoneWithoutClauses) {
  Add({});
  Add({Held("WOMEN_OWNED", std::nullopt, absl::CivilDay(2026, 1, 1))});
  EXPECT_THAT(Reasons(), ElementsAre("", ""));
  EXPECT_THAT(RunPrefilter(plugin_, ctx_), IsEmpty());
  EXPECT_THAT(Verdicts(1), IsEmpty());
  EXPECT_THAT(RunFixes(plugin_, ctx_, fixtures_[1].candidate()), IsEmpty());
  ExpectContracts();
}

TEST_F(DiversityTest, AnyListedClassificationCoveringTheEngagementPasses) {
  Require({"WOMEN_OWNED", "VETERAN_OWNED"});
  Add({Held("VETERAN_OWNED", absl::CivilDay(2025, 5, 1), absl::CivilDay(2028, 4, 30))});
  Add({Held("WOMEN_OWNED", absl::CivilDay(2025, 5, 1), std::nullopt)});
  Add({Held("WOMEN_OWNED", absl::CivilDay(2025, 5, 1), absl::CivilDay(2027, 6, 30))});
  Add({Held("WOMEN_OWNED", absl::CivilDay(2024, 5, 1), absl::CivilDay(2026, 4, 30))});
  Add({Held("VETERAN_OWNED", absl::CivilDay(2027, 4, 1), absl::CivilDay(2029, 3, 31))});
  Add({Held("SMALL_BUSINESS", absl::CivilDay(2025, 1, 1), std::nullopt)});
  Add({});
  // The last day of the engagement is enough; a day short is not.
  Add({Held("VETERAN_OWNED", std::nullopt, kEnd)});
  Add({Held("VETERAN_OWNED", std::nullopt, kEnd - 1)});
  EXPECT_THAT(Reasons(), ElementsAre("", "", "classification_expires_in_window:WOMEN_OWNED",
                                     "expired_classification:WOMEN_OWNED",
                                     "classification_valid_from:VETERAN_OWNED",
                                     "missing_classification", "missing_classification", "",
                                     "classification_expires_in_window:VETERAN_OWNED"));
  ExpectContracts();
}

TEST_F(DiversityTest, WithoutAnEndTheStartDayDecides) {
  NoEnd();
  Require({"MINORITY_OWNED"});
  Add({Held("MINORITY_OWNED", std::nullopt, kStart)});
  Add({Held("MINORITY_OWNED", std::nullopt, kStart - 1)});
  Add({Held("MINORITY_OWNED", kStart + 1, std::nullopt)});
  EXPECT_THAT(Reasons(),
              ElementsAre("", "expired_classification:MINORITY_OWNED", "missing_classification"));
  ExpectContracts();
}

TEST_F(DiversityTest, VerdictsNameEveryReasonNearestFirst) {
  Require({"WOMEN_OWNED", "VETERAN_OWNED", "MINORITY_OWNED"});
  Add({Held("WOMEN_OWNED", absl::CivilDay(2023, 1, 1), absl::CivilDay(2026, 10, 1)),
       Held("VETERAN_OWNED", absl::CivilDay(2026, 1, 1), absl::CivilDay(2027, 6, 30)),
       Held("B_CORP", absl::CivilDay(2026, 1, 1), std::nullopt)});
  EXPECT_THAT(Reasons(), ElementsAre("classification_expires_in_window:VETERAN_OWNED"));
  EXPECT_THAT(Verdicts(0),
              ElementsAre("classification_expires_in_window:VETERAN_OWNED",
                          "expired_classification:WOMEN_OWNED", "missing_classification"));
  EXPECT_THAT(Sentences(0),
              ElementsAre("VETERAN_OWNED expires on 2027-06-30, before the end of the "
                          "engagement on 2027-12-31",
                          "WOMEN_OWNED expired on 2026-10-01, before the start on 2027-03-01",
                          "no MINORITY_OWNED classification is listed (it holds WOMEN_OWNED, "
                          "VETERAN_OWNED, B_CORP)"));
  ExpectContracts();
}

TEST_F(DiversityTest, AValidFromSentenceNamesTheFirstDay) {
  Require({"SOCIAL_ENTERPRISE"});
  Add({Held("SOCIAL_ENTERPRISE", absl::CivilDay(2027, 5, 2), std::nullopt)});
  EXPECT_THAT(Sentences(0), ElementsAre("SOCIAL_ENTERPRISE is valid only from 2027-05-02, after "
                                        "the start on 2027-03-01"));
}

TEST_F(DiversityTest, ScoreIsTheShareOfTheEngagementTheBestListedCopyCovers) {
  Require({"WOMEN_OWNED", "VETERAN_OWNED"});
  Add({Held("WOMEN_OWNED", std::nullopt, absl::CivilDay(2027, 6, 30))});  // 122 of 306 days
  Add({Held("WOMEN_OWNED", std::nullopt, absl::CivilDay(2027, 6, 30)),
       Held("VETERAN_OWNED", absl::CivilDay(2027, 9, 1), std::nullopt)});  // 122 days still
  Add({Held("B_CORP", std::nullopt, std::nullopt)});                       // not listed
  Add({Held("VETERAN_OWNED", std::nullopt, std::nullopt)});
  const std::vector<double> raw = Raw();
  EXPECT_NEAR(raw[0], 100.0 * 122 / 306, 1e-9);
  EXPECT_NEAR(raw[1], 100.0 * 122 / 306, 1e-9);
  EXPECT_EQ(raw[2], 0);
  EXPECT_EQ(raw[3], 100);
  EXPECT_THAT(RunExplain(plugin_, ctx_, fixtures_),
              ElementsAre("WOMEN_OWNED covers 40% of the engagement (expires 2027-06-30)",
                          "WOMEN_OWNED covers 40% of the engagement (expires 2027-06-30)",
                          "none of WOMEN_OWNED, VETERAN_OWNED held for the engagement",
                          "VETERAN_OWNED covers the engagement"));
  ExpectContracts();
}

TEST_F(DiversityTest, ScoreMovesADayAtATimeWithTheExpiry) {
  Require({"WOMEN_OWNED"});
  for (absl::CivilDay expiry = kStart - 3; expiry <= kEnd + 3; ++expiry) {
    Add({Held("WOMEN_OWNED", absl::CivilDay(2025, 1, 1), expiry)});
  }
  const std::vector<double> raw = Raw();
  for (size_t i = 1; i < raw.size(); ++i) {
    EXPECT_GE(raw[i], raw[i - 1]);
    EXPECT_LE(raw[i] - raw[i - 1], 100.0 / 306 + 1e-9) << "a cliff at fixture " << i;
  }
  EXPECT_EQ(raw.front(), 0);
  EXPECT_EQ(raw.back(), 100);
}

TEST_F(DiversityTest, WithoutAnEndTheHorizonIsScoredAndAnyCodeCountsWhenNoneIsListed) {
  NoEnd();
  ASSERT_TRUE(ConfigureWith(plugin_, {{"horizon_days", "100"}}).ok());
  Add({Held("B_CORP", std::nullopt, kStart + 49)});
  Add({});
  EXPECT_THAT(Raw(), ElementsAre(50, 0));
  EXPECT_THAT(RunExplain(plugin_, ctx_, fixtures_),
              ElementsAre("B_CORP covers 50% of the first 100 days (expires 2027-04-19)",
                          "no supplier-diversity classification for the first 100 days"));
}

TEST_F(DiversityTest, WithoutAnEndALapseWithinTheHorizonIsAWarning) {
  NoEnd();
  Require({"WOMEN_OWNED", "MINORITY_OWNED"});
  Add({Held("WOMEN_OWNED", std::nullopt, kStart + 56),
       Held("MINORITY_OWNED", std::nullopt, kStart + 20)});
  Add({Held("WOMEN_OWNED", std::nullopt, kStart + 400)});
  const std::vector<sdk::Verdict> soon = RunWarnings(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_EQ(VerdictTexts(ctx_, soon)[0], "classification_expires_soon:WOMEN_OWNED");
  EXPECT_EQ(soon[0].sentence,
            "WOMEN_OWNED expires on 2027-04-26, 8 weeks after the start (the engagement states "
            "no end)");
  EXPECT_THAT(RunWarnings(plugin_, ctx_, fixtures_[1].candidate()), IsEmpty());
}

TEST_F(DiversityTest, FixesAcceptWhatTheProviderHoldsOrDropTheRequirement) {
  Require({"WOMEN_OWNED"});
  Add({Held("WOMEN_OWNED", std::nullopt, absl::CivilDay(2027, 6, 30)),
       Held("SMALL_BUSINESS", std::nullopt, std::nullopt)});
  Add({Held("VETERAN_OWNED", std::nullopt, absl::CivilDay(2027, 6, 30))});
  const std::vector<sdk::Change> first = RunFixes(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].kind, sdk::ChangeKind::kAcceptClassification);
  EXPECT_EQ(ctx_.Name(first[0].symbol), "SMALL_BUSINESS");
  EXPECT_EQ(first[1].kind, sdk::ChangeKind::kHoldClassification);
  EXPECT_EQ(ctx_.Name(first[1].symbol), "WOMEN_OWNED");
  EXPECT_EQ(first[1].day, sdk::DayNumberOf(kEnd));
  const std::vector<sdk::Change> second = RunFixes(plugin_, ctx_, fixtures_[1].candidate());
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].kind, sdk::ChangeKind::kDropDiversity);
  EXPECT_EQ(ctx_.Name(second[1].symbol), "WOMEN_OWNED");
  ExpectContracts();
}

}  // namespace
}  // namespace vendormatch::plugins
