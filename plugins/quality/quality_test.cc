#include "quality.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::ConfigureWith;
using sdk::testing::CoreStages;
using sdk::testing::ExpectFixesWork;
using sdk::testing::ExpectScoresIndependentOfTheBatch;
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::RawScores;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunFixes;
using sdk::testing::RunNormalized;
using sdk::testing::RunPrefilter;
using sdk::testing::RunScore;
using sdk::testing::RunVerdicts;
using sdk::testing::SpecOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

CandidateFixture Provider(double rating, int reviews, double sla = 0) {
  CandidateFixture f;
  f.provider.id = std::string("p");  // not = "p": GCC 12 -Wrestrict false positive
  f.provider.rating = rating;
  f.provider.review_count = reviews;
  f.provider.sla_attainment_percent = sla;
  return f;
}

class QualityTest : public ::testing::Test {
 protected:
  std::vector<sdk::FilterResult> Filter(const std::vector<CandidateFixture>& fixtures) const {
    return RunFilter(plugin_, ctx_, fixtures);
  }
  std::vector<sdk::ScoreResult> Score(const std::vector<CandidateFixture>& fixtures) const {
    return RunScore(plugin_, ctx_, fixtures);
  }
  std::vector<std::string> Explain(const std::vector<CandidateFixture>& fixtures) const {
    return RunExplain(plugin_, ctx_, fixtures);
  }
  // As the framework configures it: checked against Info().settings.
  absl::Status Configure(const std::map<std::string, std::string>& values) {
    return ConfigureWith(plugin_, values);
  }
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  QualityPlugin plugin_;
};

TEST_F(QualityTest, InfoDeclaresDefaultsThatConfigure) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_EQ(CoreStages<QualityPlugin>(), "filter,score,normalize");
  std::map<std::string, std::string> defaults;
  for (const sdk::SettingSpec& spec : info.settings) {
    EXPECT_EQ(spec.type, sdk::SettingType::kNumber) << spec.name;
    EXPECT_FALSE(spec.description.empty()) << spec.name;
    defaults[spec.name] = spec.default_value;
  }
  EXPECT_EQ(defaults.at("prior_rating"), "3.5");
  EXPECT_EQ(defaults.at("prior_reviews"), "20");
  EXPECT_EQ(defaults.at("sla_weight"), "0.3");
  EXPECT_EQ(defaults.at("rating_floor"), "3");
  EXPECT_EQ(defaults.at("sla_floor"), "80");
  EXPECT_EQ(defaults.size(), 5u);
  EXPECT_TRUE(Configure(defaults).ok());
  EXPECT_TRUE(SpecOf(plugin_, "rating_floor").max_exclusive);
  EXPECT_EQ(SpecOf(plugin_, "rating_floor").max, 5);
}

TEST_F(QualityTest, PassesEveryoneWithoutMinimum) {
  req().min_rating = 0;
  auto out = Filter({Provider(0, 0), Provider(1.2, 3)});
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
}

TEST_F(QualityTest, RatingBelowMinimum) {
  req().min_rating = 4.0;
  auto out = Filter({Provider(3.9, 100), Provider(4.0, 100), Provider(0, 0)});
  EXPECT_FALSE(out[0].pass);
  EXPECT_STREQ(out[0].reason, "rating_below_minimum");
  EXPECT_EQ(ReasonText(ctx_, out[0]), "rating_below_minimum");
  EXPECT_TRUE(out[1].pass);  // exactly the minimum
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(ReasonText(ctx_, out[2]), "rating_below_minimum");
}

TEST_F(QualityTest, ScoresBayesianRatingAndSla) {
  auto out = Score({Provider(4.6, 212, 98.1)});
  // adjusted = (3.5 * 20 + 4.6 * 212) / 232
  const double adjusted = (3.5 * 20 + 4.6 * 212) / 232;
  // Rating 3..5 and SLA 80..100% each spread over 0..100.
  EXPECT_NEAR(out[0].raw, 0.7 * (adjusted - 3) / 2 * 100 + 0.3 * (98.1 - 80) / 20 * 100, 1e-9);
  EXPECT_THAT(Explain({Provider(4.6, 212, 98.1)}),
              ElementsAre("4.6 from 212 reviews (adjusted 4.5), SLA 98.1%"));
}

TEST_F(QualityTest, ZeroReviewsGetThePrior) {
  auto out = Score({Provider(5.0, 0, 0), Provider(1.0, 0, 0)});
  EXPECT_DOUBLE_EQ(out[0].raw, 0.7 * 25);  // the prior 3.5 is a quarter up from 3 to 5
  EXPECT_DOUBLE_EQ(out[1].raw, out[0].raw);
  EXPECT_THAT(Explain({Provider(5.0, 0, 0), Provider(1.0, 0, 0)}),
              ElementsAre("no reviews (prior 3.5), SLA 0.0%", "no reviews (prior 3.5), SLA 0.0%"));
}

TEST_F(QualityTest, ManyReviewsCloseToRawRating) {
  CandidateFixture f = Provider(4.8, 100000);
  EXPECT_NEAR(plugin_.AdjustedRating(f.provider.view()), 4.8, 0.001);
  f.provider.review_count = 1;
  EXPECT_NEAR(plugin_.AdjustedRating(f.provider.view()), (3.5 * 20 + 4.8) / 21, 1e-12);
  EXPECT_THAT(Explain({f}), ElementsAre("4.8 from 1 review (adjusted 3.6), SLA 0.0%"));
}

TEST_F(QualityTest, SettingsChangeTheFormula) {
  ASSERT_TRUE(Configure({{"prior_rating", "3"},
                         {"prior_reviews", "0"},
                         {"sla_weight", "0"},
                         {"rating_floor", "0"}})
                  .ok());
  auto out = Score({Provider(4.0, 2, 50), Provider(4.0, 0, 50)});
  EXPECT_DOUBLE_EQ(out[0].raw, 80);  // no prior weight: the raw rating
  EXPECT_DOUBLE_EQ(out[1].raw, 60);  // nothing at all: the prior
  EXPECT_THAT(Explain({Provider(4.0, 2, 50), Provider(4.0, 0, 50)}),
              ElementsAre("4.0 from 2 reviews (adjusted 4.0), SLA 50.0%",
                          "no reviews (prior 3.0), SLA 50.0%"));
  ASSERT_TRUE(Configure({{"sla_weight", "1"}, {"sla_floor", "0"}}).ok());
  EXPECT_DOUBLE_EQ(Score({Provider(1.0, 9, 97.5)})[0].raw, 97.5);
  ASSERT_TRUE(Configure({{"sla_weight", "1"}}).ok());  // sla_floor 80
  EXPECT_DOUBLE_EQ(Score({Provider(1.0, 9, 97.5)})[0].raw, 87.5);
  EXPECT_DOUBLE_EQ(Score({Provider(1.0, 9, 75)})[0].raw, 0);
}

TEST_F(QualityTest, ClampsOutOfRangeData) {
  auto out = Score({Provider(7, 1000000, 140), Provider(-1, -5, -3)});
  EXPECT_NEAR(out[0].raw, 100, 0.01);
  EXPECT_DOUBLE_EQ(out[1].raw, 0.7 * 25);
  EXPECT_THAT(Explain({Provider(7, 1000000, 140), Provider(-1, -5, -3)}),
              ElementsAre("5.0 from 1000000 reviews (adjusted 5.0), SLA 100.0%",
                          "no reviews (prior 3.5), SLA 0.0%"));
}

TEST_F(QualityTest, BadSettingsNameTheSetting) {
  const std::map<std::string, std::string> bad[] = {
      {{"prior_reviews", "-1"}}, {{"prior_reviews", "many"}}, {{"prior_rating", "6"}},
      {{"sla_weight", "1.5"}},   {{"sla_weight", "nan"}},     {{"prior_reviews", "inf"}},
      {{"rating_floor", "5"}},   {{"rating_floor", "-0.5"}},  {{"rating_floor", "x"}},
      {{"sla_floor", "100"}},    {{"sla_floor", "-1"}},       {{"sla_floor", "nan"}}};
  for (const auto& values : bad) {
    absl::Status s = Configure(values);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << values.begin()->second;
    EXPECT_THAT(s.message(), HasSubstr(values.begin()->first));
  }
  EXPECT_EQ(Configure({{"prior_reviews", "-1"}}).message(),
            "setting prior_reviews: -1 must be at least 0");
  EXPECT_EQ(Configure({{"rating_floor", "5"}}).message(),
            "setting rating_floor: 5 must be at least 0 and below 5");
  // A failed Configure keeps the previous settings.
  EXPECT_DOUBLE_EQ(Score({Provider(0, 0, 0)})[0].raw, 0.7 * 25);
}

TEST_F(QualityTest, NormalizeIsClampedIdentity) {
  std::vector<sdk::ScoreResult> scores = RawScores({-5, 42.5, 130});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 42.5);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 100);
}

TEST_F(QualityTest, NoIndexClauses) {
  req().min_rating = 4.0;
  EXPECT_TRUE(RunPrefilter(plugin_, ctx_).empty());
}

TEST_F(QualityTest, FloorsSpreadTheUsualRatings) {
  // Well-reviewed providers rated 4.4 and 4.6 with the same SLA: 7 points
  // apart, not 2.
  auto out = Score({Provider(4.4, 1000, 97), Provider(4.6, 1000, 97)});
  EXPECT_GT(out[1].raw - out[0].raw, 6.5);
}

TEST_F(QualityTest, ScoreDoesNotDependOnTheOtherCandidates) {
  const std::vector<CandidateFixture> fixtures = {Provider(4.6, 212, 98.1), Provider(2, 3, 40),
                                                  Provider(5, 100000, 100), Provider(0, 0, 0),
                                                  Provider(3.9, 12, 91)};
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures));
}

// The largest change of the normalised score over a sweep, when `input`
// moves one provider's raw input by 1%.
double LargestChange(const QualityPlugin& plugin, const FakeMatchContext& ctx,
                     const std::function<CandidateFixture(double)>& provider, double from,
                     double to, double step) {
  double worst = 0;
  for (double v = from; v <= to; v += step) {
    const std::vector<CandidateFixture> pair = {provider(v), provider(v * 1.01)};
    const std::vector<double> scores = RunNormalized(plugin, ctx, CandidatesOf(pair));
    worst = std::max(worst, std::abs(scores[1] - scores[0]));
  }
  return worst;
}

// 1% more in the rating, the review count or the SLA moves the score by at
// most 2 points (measured: rating 1.75, SLA 1.5, reviews 0.13).
TEST_F(QualityTest, OnePercentChangesMoveTheScoreLittle) {
  const double rating = LargestChange(
      plugin_, ctx_, [](double v) { return Provider(v, 500, 95); }, 0.5, 4.95, 0.01);
  const double sla = LargestChange(
      plugin_, ctx_, [](double v) { return Provider(4.5, 500, v); }, 1, 99, 0.5);
  const double reviews = LargestChange(
      plugin_, ctx_, [](double v) { return Provider(4.9, static_cast<int>(std::lround(v)), 95); },
      100, 20000, 100);
  const double low_reviews = LargestChange(
      plugin_, ctx_, [](double v) { return Provider(3.2, static_cast<int>(std::lround(v)), 95); },
      100, 20000, 100);
  std::printf("quality: largest change for +1%%: rating %.3f, SLA %.3f, reviews %.3f/%.3f\n",
              rating, sla, reviews, low_reviews);
  EXPECT_LE(rating, 2.0);
  EXPECT_LE(sla, 2.0);
  EXPECT_LE(reviews, 2.0);
  EXPECT_LE(low_reviews, 2.0);
}

TEST_F(QualityTest, VerdictSaysTheRatingAndTheMinimum) {
  req().min_rating = 4.0;
  const CandidateFixture f = Provider(3.6, 40);
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, f.candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_STREQ(verdicts[0].reason, "rating_below_minimum");
  EXPECT_EQ(verdicts[0].sentence, "rating 3.6 is below the minimum 4.0");
  req().min_rating = 4.25;
  EXPECT_EQ(RunVerdicts(plugin_, ctx_, Provider(4.2, 4).candidate())[0].sentence,
            "rating 4.2 is below the minimum 4.25");
}

TEST_F(QualityTest, VerdictsAgreeAndFixesWork) {
  const std::vector<CandidateFixture> fixtures = {Provider(3.6, 40),  Provider(4.0, 100),
                                                  Provider(3.99, 9),  Provider(0, 0),
                                                  Provider(4.26, 10), Provider(4.0 - 1e-10, 5)};
  for (double minimum : {0.0, 3.0, 3.7, 4.0, 4.3, 5.0}) {
    req().min_rating = minimum;
    ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures));
    ExpectFixesWork(plugin_, ctx_, fixtures);
  }
  req().min_rating = 4.5;
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures[4].candidate());
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kLowerMinRating);
  EXPECT_DOUBLE_EQ(changes[0].number, 4.2);
}

}  // namespace
}  // namespace vendormatch::plugins
