// The rate plugin's stable scores (market band and ceiling), its verdicts
// and its fixes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "fake_match_context.h"
#include "rate.h"

namespace vendormatch::plugins {
namespace {

using sdk::Seniority;
using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::ExpectFixesWork;
using sdk::testing::ExpectScoresIndependentOfTheBatch;
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::RunExplain;
using sdk::testing::RunFixes;
using sdk::testing::RunNormalized;
using sdk::testing::RunVerdicts;
using sdk::testing::VerdictTexts;
using ::testing::ElementsAre;

class RateAnswersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT"});
    ctx_.SetBand("CUSTOMER_SUPPORT", 700, 3500);
    ctx_.SetBand("PAYROLL", 900, 4000);
  }
  void SetCeiling(int64_t usd_cents) {
    ctx_.mutable_requirement().rate_ceiling = ctx_.Cash("USD", usd_cents);
  }
  // A provider offering `services`, each at its rate in USD cents
  // (-1: no rate listed).
  size_t Add(std::vector<std::pair<const char*, int64_t>> rates) {
    CandidateFixture f;
    f.provider.id = absl::StrCat("p", fixtures_.size());
    for (const auto& [service, cents] : rates) {
      f.provider.services.push_back(ctx_.Sym(service));
      if (cents >= 0) {
        f.provider.rates.push_back({ctx_.Sym(service), Seniority::kAny, ctx_.Cash("USD", cents)});
      }
    }
    fixtures_.push_back(std::move(f));
    return fixtures_.size() - 1;
  }
  // The normalised score of one provider charging `cents` for CUSTOMER_SUPPORT.
  double ScoreAt(double cents) {
    CandidateFixture f;
    f.provider.services = {ctx_.Sym("CUSTOMER_SUPPORT")};
    f.provider.rates = {{ctx_.Sym("CUSTOMER_SUPPORT"), Seniority::kAny,
                         ctx_.Cash("USD", static_cast<int64_t>(std::llround(cents)))}};
    return RunNormalized(plugin_, ctx_, CandidatesOf({f}))[0];
  }
  std::vector<double> Normalized() const {
    return RunNormalized(plugin_, ctx_, CandidatesOf(fixtures_));
  }

  FakeMatchContext ctx_;
  RatePlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(RateAnswersTest, ServiceScoreReadsTheRateAgainstBandAndCeiling) {
  const sdk::MarketBand band{ctx_.Cash("USD", 700), ctx_.Cash("USD", 3500)};
  // Band alone: USD 14.00 is a quarter up the band of 7..35.
  EXPECT_DOUBLE_EQ(RatePlugin::ServiceScore(1400, band, std::nullopt), 75);
  EXPECT_DOUBLE_EQ(RatePlugin::ServiceScore(500, band, std::nullopt), 100);
  EXPECT_DOUBLE_EQ(RatePlugin::ServiceScore(4000, band, std::nullopt), 0);
  // Ceiling alone (no band): half the ceiling or less is 100, the ceiling 0.
  EXPECT_DOUBLE_EQ(RatePlugin::ServiceScore(1000, std::nullopt, 2000), 100);
  EXPECT_DOUBLE_EQ(RatePlugin::ServiceScore(1500, std::nullopt, 2000), 50);
  EXPECT_DOUBLE_EQ(RatePlugin::ServiceScore(2000, std::nullopt, 2000), 0);
  // Both: the mean. USD 18.00 with ceiling 25: band 60.71, ceiling 56.
  EXPECT_NEAR(RatePlugin::ServiceScore(1800, band, 2500), (100.0 * 17 / 28 + 56) / 2, 1e-9);
  // Neither.
  EXPECT_DOUBLE_EQ(RatePlugin::ServiceScore(1800, std::nullopt, std::nullopt), 50);
}

TEST_F(RateAnswersTest, ProviderScoreIsTheMeanOverItsServices) {
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL"});
  Add({{"CUSTOMER_SUPPORT", 1400}, {"PAYROLL", 4000}});  // 75 and 0
  Add({{"CUSTOMER_SUPPORT", 1400}});                     // only the one it offers
  EXPECT_THAT(Normalized(), ElementsAre(37.5, 75));
}

TEST_F(RateAnswersTest, ScoreDoesNotDependOnTheOtherCandidates) {
  SetCeiling(3000);
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL"});
  Add({{"CUSTOMER_SUPPORT", 1800}});
  Add({{"CUSTOMER_SUPPORT", 500}, {"PAYROLL", 900}});
  Add({{"CUSTOMER_SUPPORT", 2999}, {"PAYROLL", 3000}});
  Add({{"PAYROLL", 1200}});
  Add({{"CUSTOMER_SUPPORT", -1}});  // no rate: 0
  Add({{"CUSTOMER_SUPPORT", 1801}});
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures_));
  ctx_.mutable_requirement().rate_ceiling.reset();
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures_));
}

// A 1% dearer rate costs at most 2 points, over USD 1..60/h, with and
// without a ceiling (measured: about 1.4 with the ceiling, 1.25 without).
TEST_F(RateAnswersTest, OnePercentDearerMovesTheScoreLittle) {
  for (bool ceiling : {true, false}) {
    if (ceiling) SetCeiling(2500);
    if (!ceiling) ctx_.mutable_requirement().rate_ceiling.reset();
    double worst = 0;
    for (double cents = 100; cents <= 6000; cents += 25) {
      const double change = std::abs(ScoreAt(cents * 1.01) - ScoreAt(cents));
      worst = std::max(worst, change);
      EXPECT_LE(change, 2.0) << "at USD " << cents / 100;
    }
    std::printf("rate: largest change for +1%% rate (ceiling %d): %.3f points\n", ceiling, worst);
  }
}

TEST_F(RateAnswersTest, ADollarApartIsAFewPointsAndTheDearestStillScores) {
  SetCeiling(2500);
  for (int64_t cents : {1700, 1800, 1900, 2000}) Add({{"CUSTOMER_SUPPORT", cents}});
  const std::vector<double> scores = Normalized();
  for (size_t i = 1; i < scores.size(); ++i) {
    EXPECT_GT(scores[i - 1], scores[i]);
    EXPECT_LT(scores[i - 1] - scores[i], 7.0);  // 5.8: a dollar is 1/28 of the band, 1/12.5 of
                                                // the ceiling's range
  }
  EXPECT_GT(scores.back(), 40.0);  // USD 20.00 is well inside USD 25.00
}

TEST_F(RateAnswersTest, ExplainSaysTheMoney) {
  SetCeiling(2500);
  Add({{"CUSTOMER_SUPPORT", 1800}});
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT"});
  EXPECT_THAT(RunExplain(plugin_, ctx_, fixtures_),
              ElementsAre("USD 18.00/h, 28% under the ceiling; 39% up the market band USD "
                          "7.00–35.00 for CUSTOMER_SUPPORT"));
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL"});
  fixtures_.clear();
  Add({{"CUSTOMER_SUPPORT", 600}, {"PAYROLL", 2000}});
  EXPECT_THAT(RunExplain(plugin_, ctx_, fixtures_),
              ElementsAre("USD 13.00/h mean rate, 48% under the ceiling; USD 6.00/h for "
                          "CUSTOMER_SUPPORT is under the market band USD 7.00–35.00; USD 20.00/h "
                          "for PAYROLL is 35% up the market band USD 9.00–40.00"));
}

TEST_F(RateAnswersTest, VerdictsNameEveryServiceOverTheCeiling) {
  SetCeiling(3800);
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL", "DATA_ENTRY"});
  Add({{"CUSTOMER_SUPPORT", 4000}, {"PAYROLL", 4200}, {"DATA_ENTRY", 1000}});
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[0].candidate());
  EXPECT_THAT(VerdictTexts(ctx_, verdicts),
              ElementsAre("rate_above_ceiling:CUSTOMER_SUPPORT", "rate_above_ceiling:PAYROLL"));
  EXPECT_EQ(verdicts[1].sentence, "USD 42.00/h for PAYROLL is above the ceiling of USD 38.00/h");
}

TEST_F(RateAnswersTest, VerdictsPutWhatFilterReportsFirst) {
  SetCeiling(3800);
  ctx_.ForgetCurrency("PHP");
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL", "DATA_ENTRY"});
  Add({{"CUSTOMER_SUPPORT", 4000}, {"PAYROLL", -1}, {"DATA_ENTRY", 1000}});
  fixtures_[0].provider.rates.push_back(
      {ctx_.Sym("DATA_ENTRY"), Seniority::kAny, ctx_.Cash("PHP", 10000)});
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[0].candidate());
  EXPECT_THAT(VerdictTexts(ctx_, verdicts),
              ElementsAre("rate_unknown:PAYROLL", "currency_not_convertible:PHP",
                          "rate_above_ceiling:CUSTOMER_SUPPORT"));
  EXPECT_EQ(verdicts[0].sentence, "no hourly rate is listed for PAYROLL");
  EXPECT_EQ(verdicts[1].sentence,
            "the rate for DATA_ENTRY is in PHP, which cannot be converted to USD");
}

// Varied candidates for the agreement and fix checks.
void AddVaried(RateAnswersTest& t, FakeMatchContext& ctx, std::vector<CandidateFixture>& out) {
  (void)t;
  const std::vector<std::vector<std::pair<const char*, int64_t>>> specs = {
      {{"CUSTOMER_SUPPORT", 1000}},
      {{"CUSTOMER_SUPPORT", 3000}},
      {{"CUSTOMER_SUPPORT", 3000}, {"PAYROLL", 5000}},
      {{"CUSTOMER_SUPPORT", 1000}, {"PAYROLL", 5000}},
      {{"CUSTOMER_SUPPORT", -1}, {"PAYROLL", 5000}},
      {{"PAYROLL", -1}},
      {{"DATA_ENTRY", 100}},
      {{"CUSTOMER_SUPPORT", 2000}, {"PAYROLL", 2000}}};
  for (const auto& spec : specs) {
    CandidateFixture f;
    for (const auto& [service, cents] : spec) {
      f.provider.services.push_back(ctx.Sym(service));
      if (cents >= 0) {
        f.provider.rates.push_back({ctx.Sym(service), Seniority::kAny, ctx.Cash("USD", cents)});
      }
    }
    out.push_back(std::move(f));
  }
  // A general rate in EUR above the ceiling, and one in an unconvertible currency.
  CandidateFixture general;
  general.provider.services = {ctx.Sym("CUSTOMER_SUPPORT")};
  general.provider.rates = {{sdk::kNoSymbol, Seniority::kAny, ctx.Cash("EUR", 3000)}};
  out.push_back(general);
  CandidateFixture peso = general;
  peso.provider.rates = {{sdk::kNoSymbol, Seniority::kAny, ctx.Cash("PHP", 3000)}};
  out.push_back(peso);
}

TEST_F(RateAnswersTest, VerdictsAgreeWithFilter) {
  ctx_.ForgetCurrency("PHP");
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL"});
  AddVaried(*this, ctx_, fixtures_);
  for (Seniority seniority : {Seniority::kAny, Seniority::kSenior}) {
    ctx_.mutable_requirement().seniority = seniority;
    for (int64_t ceiling : {900, 2500, 4000, 6000}) {
      SetCeiling(ceiling);
      ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures_));
    }
  }
  ctx_.mutable_requirement().rate_ceiling.reset();
  ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures_));
}

TEST_F(RateAnswersTest, FixesRaiseTheCeilingOrOfferRatesAtIt) {
  SetCeiling(2500);
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL"});
  Add({{"CUSTOMER_SUPPORT", 3000}, {"PAYROLL", 2800}});
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kRaiseRateCeiling);
  EXPECT_EQ(changes[0].amount, 3000);
  EXPECT_EQ(changes[0].currency, ctx_.Sym("USD"));
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kOfferRate);
  EXPECT_EQ(changes[1].symbol, ctx_.Sym("CUSTOMER_SUPPORT"));
  EXPECT_EQ(changes[1].amount, 2500);
  EXPECT_EQ(changes[2].symbol, ctx_.Sym("PAYROLL"));
}

TEST_F(RateAnswersTest, FixesLetEachCandidatePass) {
  ctx_.ForgetCurrency("PHP");
  ctx_.mutable_requirement().services = ctx_.Syms({"CUSTOMER_SUPPORT", "PAYROLL"});
  AddVaried(*this, ctx_, fixtures_);
  for (Seniority seniority : {Seniority::kAny, Seniority::kSenior}) {
    ctx_.mutable_requirement().seniority = seniority;
    for (int64_t ceiling : {900, 2500, 4000}) {
      SetCeiling(ceiling);
      ExpectFixesWork(plugin_, ctx_, fixtures_);
    }
  }
  // A ceiling in another currency: amounts are in the ceiling's.
  ctx_.mutable_requirement().rate_ceiling = ctx_.Cash("EUR", 2000);
  ExpectFixesWork(plugin_, ctx_, fixtures_);
  const std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures_[1].candidate());
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes[0].currency, ctx_.Sym("EUR"));
  EXPECT_EQ(changes[0].amount, 2727);  // USD 30.00
}

TEST_F(RateAnswersTest, NoFixForAnUnconvertibleRate) {
  ctx_.ForgetCurrency("PHP");
  SetCeiling(2500);
  CandidateFixture f;
  f.provider.services = {ctx_.Sym("CUSTOMER_SUPPORT")};
  f.provider.rates = {{sdk::kNoSymbol, Seniority::kAny, ctx_.Cash("PHP", 3000)}};
  EXPECT_TRUE(RunFixes(plugin_, ctx_, f.candidate()).empty());
}

}  // namespace
}  // namespace vendormatch::plugins
