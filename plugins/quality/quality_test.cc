#include "quality.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::testing::CandidateFixture;
using sdk::testing::FakeMatchContext;
using sdk::testing::MakeSettings;
using sdk::testing::RawScores;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunPrefilter;
using sdk::testing::RunRelax;
using sdk::testing::RunScore;
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
  std::string Relax(const std::vector<CandidateFixture>& fixtures) const {
    return RunRelax(plugin_, ctx_, fixtures);
  }
  absl::Status Configure(std::map<std::string, std::string> values) {
    return plugin_.Configure(MakeSettings(std::move(values)));
  }
  sdk::Requirement& req() { return ctx_.mutable_requirement(); }

  FakeMatchContext ctx_;
  QualityPlugin plugin_;
};

TEST_F(QualityTest, InfoDeclaresDefaultsThatConfigure) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_TRUE(info.normalize);
  EXPECT_EQ(info.default_settings.at("prior_rating"), "3.5");
  EXPECT_EQ(info.default_settings.at("prior_reviews"), "20");
  EXPECT_EQ(info.default_settings.at("sla_weight"), "0.3");
  EXPECT_TRUE(Configure(info.default_settings).ok());
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
  EXPECT_NEAR(out[0].raw, 0.7 * adjusted * 20 + 0.3 * 98.1, 1e-9);
  EXPECT_THAT(Explain({Provider(4.6, 212, 98.1)}),
              ElementsAre("4.6 from 212 reviews (adjusted 4.5), SLA 98.1%"));
}

TEST_F(QualityTest, ZeroReviewsGetThePrior) {
  auto out = Score({Provider(5.0, 0, 0), Provider(1.0, 0, 0)});
  EXPECT_DOUBLE_EQ(out[0].raw, 0.7 * 70);
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
  ASSERT_TRUE(Configure({{"prior_rating", "3"}, {"prior_reviews", "0"}, {"sla_weight", "0"}}).ok());
  auto out = Score({Provider(4.0, 2, 50), Provider(4.0, 0, 50)});
  EXPECT_DOUBLE_EQ(out[0].raw, 80);  // no prior weight: the raw rating
  EXPECT_DOUBLE_EQ(out[1].raw, 60);  // nothing at all: the prior
  EXPECT_THAT(Explain({Provider(4.0, 2, 50), Provider(4.0, 0, 50)}),
              ElementsAre("4.0 from 2 reviews (adjusted 4.0), SLA 50.0%",
                          "no reviews (prior 3.0), SLA 50.0%"));
  ASSERT_TRUE(Configure({{"sla_weight", "1"}}).ok());
  EXPECT_DOUBLE_EQ(Score({Provider(1.0, 9, 97.5)})[0].raw, 97.5);
}

TEST_F(QualityTest, ClampsOutOfRangeData) {
  auto out = Score({Provider(7, 1000000, 140), Provider(-1, -5, -3)});
  EXPECT_NEAR(out[0].raw, 100, 0.01);
  EXPECT_DOUBLE_EQ(out[1].raw, 0.7 * 70);
  EXPECT_THAT(Explain({Provider(7, 1000000, 140), Provider(-1, -5, -3)}),
              ElementsAre("5.0 from 1000000 reviews (adjusted 5.0), SLA 100.0%",
                          "no reviews (prior 3.5), SLA 0.0%"));
}

TEST_F(QualityTest, BadSettingsNameTheSetting) {
  const std::map<std::string, std::string> bad[] = {
      {{"prior_reviews", "-1"}}, {{"prior_reviews", "many"}}, {{"prior_rating", "6"}},
      {{"sla_weight", "1.5"}},   {{"sla_weight", "nan"}},     {{"prior_reviews", "inf"}}};
  for (const auto& values : bad) {
    absl::Status s = Configure(values);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << values.begin()->second;
    EXPECT_THAT(s.message(), HasSubstr(values.begin()->first));
  }
  EXPECT_EQ(Configure({{"prior_reviews", "-1"}}).message(),
            "setting prior_reviews: -1 must be at least 0");
  // A failed Configure keeps the previous settings.
  EXPECT_DOUBLE_EQ(Score({Provider(0, 0, 0)})[0].raw, 0.7 * 70);
}

TEST_F(QualityTest, NormalizeIsClampedIdentity) {
  std::vector<sdk::ScoreResult> scores = RawScores({-5, 42.5, 130});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 42.5);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 100);
}

TEST_F(QualityTest, RelaxToLowestRemovedRatingRoundedDown) {
  req().min_rating = 4.5;
  EXPECT_EQ(Relax({Provider(4.26, 10), Provider(3.99, 10)}), "lower min_rating to 3.9");
  EXPECT_EQ(Relax({Provider(4.0, 10)}), "lower min_rating to 4.0");
  EXPECT_EQ(Relax({}), "");
  req().min_rating = 0;
  EXPECT_EQ(Relax({Provider(1, 1)}), "");
}

TEST_F(QualityTest, NoIndexClauses) {
  req().min_rating = 4.0;
  EXPECT_TRUE(RunPrefilter(plugin_, ctx_).empty());
}

}  // namespace
}  // namespace vendormatch::plugins
