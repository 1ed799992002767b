#include "rate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Seniority;
using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::FakeMatchContext;
using sdk::testing::MakeSettings;
using sdk::testing::RawScores;
using sdk::testing::RunFilter;
using sdk::testing::RunRelax;
using sdk::testing::RunScore;
using ::testing::HasSubstr;

sdk::Rate MakeRate(std::string service, Seniority seniority, std::string currency, int64_t minor) {
  return sdk::Rate{std::move(service), seniority, sdk::Money{std::move(currency), minor}};
}

class RateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.mutable_requirement().services = {"DATA_ENTRY"};
    ASSERT_TRUE(plugin_.Configure(sdk::Settings()).ok());
  }

  void SetCeiling(std::string currency, int64_t minor) {
    ctx_.mutable_requirement().rate_ceiling = sdk::Money{std::move(currency), minor};
  }

  // Adds a provider offering `services` with `rates`; returns its index.
  size_t Add(std::vector<sdk::Rate> rates, std::vector<std::string> services = {"DATA_ENTRY"}) {
    CandidateFixture fixture;
    fixture.provider.id = absl::StrCat("p", fixtures_.size());
    fixture.provider.services = std::move(services);
    fixture.provider.rates = std::move(rates);
    fixtures_.push_back(std::move(fixture));
    return fixtures_.size() - 1;
  }

  std::vector<sdk::FilterResult> Filter() const { return RunFilter(plugin_, ctx_, fixtures_); }
  std::vector<sdk::ScoreResult> Score() const { return RunScore(plugin_, ctx_, fixtures_); }
  std::string Relax() const { return RunRelax(plugin_, ctx_, fixtures_); }

  FakeMatchContext ctx_;
  RatePlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(RateTest, InfoDeclaresStagesAndDefaults) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_TRUE(info.normalize);
  EXPECT_EQ(info.default_settings.at("currency"), "USD");
}

TEST_F(RateTest, ConfigureAcceptsACurrency) {
  RatePlugin plugin;
  ASSERT_TRUE(plugin.Configure(MakeSettings({{"currency", "EUR"}})).ok());
  EXPECT_EQ(plugin.currency(), "EUR");
}

TEST_F(RateTest, ConfigureRejectsABadCurrency) {
  RatePlugin plugin;
  for (const char* bad : {"usd", "US", "USDX", "U$D"}) {
    const absl::Status status = plugin.Configure(MakeSettings({{"currency", bad}}));
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(status.message(), HasSubstr("currency")) << bad;
  }
}

TEST_F(RateTest, ConfigureRejectsAnUnknownSetting) {
  RatePlugin plugin;
  const absl::Status status = plugin.Configure(MakeSettings({{"curency", "USD"}}));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("curency"));
}

TEST_F(RateTest, WithoutACeilingEveryonePasses) {
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 99900)});
  Add({});
  for (const sdk::FilterResult& r : Filter()) EXPECT_TRUE(r.pass);
}

TEST_F(RateTest, PassesAtOrUnderTheCeilingAndFailsAbove) {
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1100)});
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 2000)});
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 2001)});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_TRUE(out[1].pass);
  EXPECT_FALSE(out[2].pass);
  EXPECT_EQ(out[2].reason, "rate_above_ceiling");
}

TEST_F(RateTest, EveryRequestedServiceMustFit) {
  ctx_.mutable_requirement().services = {"DATA_ENTRY", "PAYROLL"};
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000),
       MakeRate("PAYROLL", Seniority::kAny, "USD", 2500)},
      {"DATA_ENTRY", "PAYROLL"});
  EXPECT_EQ(Filter()[0].reason, "rate_above_ceiling");
}

TEST_F(RateTest, UnknownRateNamesTheService) {
  ctx_.mutable_requirement().services = {"DATA_ENTRY", "PAYROLL"};
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY", "PAYROLL"});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(out[0].reason, "rate_unknown:PAYROLL");
}

TEST_F(RateTest, GeneralRateAppliesWhenTheServiceHasNone) {
  SetCeiling("USD", 2000);
  Add({MakeRate("", Seniority::kAny, "USD", 1500)});
  Add({MakeRate("", Seniority::kAny, "USD", 2500)});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(out[1].reason, "rate_above_ceiling");
}

TEST_F(RateTest, ServiceRateWinsOverTheGeneralRate) {
  SetCeiling("USD", 2000);
  // The general rate is lower but the service has its own.
  Add({MakeRate("", Seniority::kAny, "USD", 500),
       MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 3000)});
  EXPECT_EQ(Filter()[0].reason, "rate_above_ceiling");
  EXPECT_DOUBLE_EQ(Score()[0].raw, 30.0);
}

TEST_F(RateTest, SenioritySelectsThatRate) {
  ctx_.mutable_requirement().seniority = Seniority::kSenior;
  SetCeiling("USD", 3000);
  Add({MakeRate("DATA_ENTRY", Seniority::kJunior, "USD", 1000),
       MakeRate("DATA_ENTRY", Seniority::kSenior, "USD", 3500)});
  EXPECT_EQ(Filter()[0].reason, "rate_above_ceiling");
  EXPECT_DOUBLE_EQ(Score()[0].raw, 35.0);
}

TEST_F(RateTest, MissingSeniorityFallsBackToTheLowestServiceRate) {
  ctx_.mutable_requirement().seniority = Seniority::kExpert;
  Add({MakeRate("DATA_ENTRY", Seniority::kMid, "USD", 2000),
       MakeRate("DATA_ENTRY", Seniority::kJunior, "USD", 1200),
       MakeRate("", Seniority::kExpert, "USD", 900)});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 12.0);
}

TEST_F(RateTest, UnspecifiedSeniorityTakesTheLowestRate) {
  Add({MakeRate("DATA_ENTRY", Seniority::kSenior, "USD", 4000),
       MakeRate("DATA_ENTRY", Seniority::kJunior, "USD", 1500)});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 15.0);
}

TEST_F(RateTest, GeneralRateAtTheSeniorityBeforeTheLowestGeneralRate) {
  ctx_.mutable_requirement().seniority = Seniority::kSenior;
  Add({MakeRate("", Seniority::kJunior, "USD", 1000),
       MakeRate("", Seniority::kSenior, "USD", 2500)});
  Add({MakeRate("", Seniority::kJunior, "USD", 1000), MakeRate("", Seniority::kMid, "USD", 1800)});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 25.0);
  EXPECT_DOUBLE_EQ(out[1].raw, 10.0);
}

TEST_F(RateTest, ConvertsToTheCeilingCurrency) {
  SetCeiling("USD", 1100);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 1000)});  // USD 11.00
  EXPECT_TRUE(Filter()[0].pass);
  SetCeiling("USD", 1099);
  EXPECT_EQ(Filter()[0].reason, "rate_above_ceiling");
}

TEST_F(RateTest, ConvertsToACurrencyWithoutMinorUnits) {
  SetCeiling("JPY", 1500);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)});  // JPY 1493
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1100)});  // JPY 1642
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(out[1].reason, "rate_above_ceiling");
  EXPECT_EQ(Score()[0].reason, "JPY 1493/h rate, just under the ceiling");
  EXPECT_EQ(Relax(), "raise rate_ceiling to JPY 1642");
}

TEST_F(RateTest, ComparesConvertedRatesWhenPickingTheLowest) {
  // EUR 10.00 is USD 11.00, higher than USD 10.50.
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 1000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1050)});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 10.5);
}

TEST_F(RateTest, UnconvertibleCurrencyIsIneligible) {
  ctx_.ForgetCurrency("PHP");
  SetCeiling("USD", 5000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 10000)});
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(out[0].reason, "currency_not_convertible:PHP");
  EXPECT_TRUE(out[1].pass);

  const auto scores = Score();
  EXPECT_DOUBLE_EQ(scores[0].raw, -1);
  EXPECT_EQ(scores[0].reason, "rates in PHP cannot be converted to USD");
  // Raising the ceiling cannot admit it.
  EXPECT_EQ(plugin_.Relax(ctx_, std::vector<sdk::Candidate>{fixtures_[0].candidate()}), "");
}

TEST_F(RateTest, UnconvertibleRateIsNeverSilentlySkipped) {
  ctx_.ForgetCurrency("PHP");
  SetCeiling("USD", 5000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 10000)});
  EXPECT_EQ(Filter()[0].reason, "currency_not_convertible:PHP");
}

TEST_F(RateTest, SameCurrencyNeedsNoExchangeRate) {
  ctx_.ForgetCurrency("PHP");
  SetCeiling("PHP", 100000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 90000)});
  EXPECT_TRUE(Filter()[0].pass);
}

TEST_F(RateTest, AnyServiceConsidersOnlyTheOfferedServices) {
  ctx_.mutable_requirement().services = {"DATA_ENTRY", "PAYROLL"};
  ctx_.mutable_requirement().any_service = true;
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY"});
  Add({MakeRate("PAYROLL", Seniority::kAny, "USD", 2500)}, {"PAYROLL"});
  Add({}, {"WEB_MAINTENANCE"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(out[1].reason, "rate_above_ceiling");
  // Offers none of them: the services filter removes it, not this one.
  EXPECT_TRUE(out[2].pass);
}

TEST_F(RateTest, ServicesNotOfferedAreNotJudged) {
  ctx_.mutable_requirement().services = {"DATA_ENTRY", "PAYROLL"};
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY"});
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY", "PAYROLL"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(out[1].reason, "rate_unknown:PAYROLL");
}

TEST_F(RateTest, ScoreIsTheMeanRateWithTheCeilingDistance) {
  ctx_.mutable_requirement().services = {"DATA_ENTRY", "PAYROLL"};
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000),
       MakeRate("PAYROLL", Seniority::kAny, "USD", 1200)},
      {"DATA_ENTRY", "PAYROLL"});
  Add({MakeRate("", Seniority::kAny, "USD", 2000)}, {"DATA_ENTRY", "PAYROLL"});
  Add({MakeRate("", Seniority::kAny, "USD", 2500)}, {"DATA_ENTRY", "PAYROLL"});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 11.0);
  EXPECT_EQ(out[0].reason, "USD 11.00/h mean rate, 45% under the ceiling");
  EXPECT_EQ(out[1].reason, "USD 20.00/h mean rate, at the ceiling");
  EXPECT_EQ(out[2].reason, "USD 25.00/h mean rate, 25% over the ceiling");
}

TEST_F(RateTest, ScoreWithoutACeilingUsesTheCurrencySetting) {
  ASSERT_TRUE(plugin_.Configure(MakeSettings({{"currency", "EUR"}})).ok());
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1100)});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 10.0);
  EXPECT_EQ(out[0].reason, "EUR 10.00/h rate");
}

TEST_F(RateTest, ScoreOfAnUnknownRate) {
  Add({}, {"DATA_ENTRY"});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, -1);
  EXPECT_EQ(out[0].reason, "no rate for DATA_ENTRY");
}

TEST_F(RateTest, NormalizeLowerIsBetter) {
  std::vector<sdk::ScoreResult> scores = RawScores({10, 20, 15, -1});  // -1: not comparable
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 100);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 50);
  EXPECT_DOUBLE_EQ(scores[3].normalized, 0);
}

TEST_F(RateTest, NormalizeAllEqualIsFullMarks) {
  std::vector<sdk::ScoreResult> scores = RawScores({12, 12});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 100);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 100);
  std::vector<sdk::ScoreResult> none;
  EXPECT_TRUE(plugin_.Normalize(ctx_, none).ok());
}

TEST_F(RateTest, RelaxNamesTheCeilingThatAdmitsAllRemoved) {
  SetCeiling("EUR", 1500);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 1600)});
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 2035)});  // EUR 18.50
  Add({}, {"DATA_ENTRY"});                                      // unknown: not admissible
  EXPECT_EQ(Relax(), "raise rate_ceiling to EUR 18.50");
}

TEST_F(RateTest, RelaxWithoutACeilingOrCandidates) {
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1600)});
  EXPECT_EQ(Relax(), "");
  SetCeiling("USD", 1000);
  EXPECT_EQ(plugin_.Relax(ctx_, {}), "");
}

TEST_F(RateTest, FormatMoney) {
  EXPECT_EQ(RatePlugin::FormatMoney("USD", 1850, 2), "USD 18.50");
  EXPECT_EQ(RatePlugin::FormatMoney("USD", 5, 2), "USD 0.05");
  EXPECT_EQ(RatePlugin::FormatMoney("JPY", 1500, 0), "JPY 1500");
  EXPECT_EQ(RatePlugin::FormatMoney("BHD", 12345, 3), "BHD 12.345");
}

TEST_F(RateTest, MismatchedOutputSizeIsAnError) {
  Add({});
  const std::vector<sdk::Candidate> batch = CandidatesOf(fixtures_);
  std::vector<sdk::FilterResult> filter_out;
  EXPECT_FALSE(plugin_.Filter(ctx_, batch, filter_out).ok());
  std::vector<sdk::ScoreResult> score_out(3);
  EXPECT_FALSE(plugin_.Score(ctx_, batch, score_out).ok());
}

}  // namespace
}  // namespace vendormatch::plugins
