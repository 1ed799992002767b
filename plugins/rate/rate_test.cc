#include "rate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::Seniority;
using sdk::Symbol;
using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::ConfigureWith;
using sdk::testing::CoreStages;
using sdk::testing::FakeMatchContext;
using sdk::testing::RawScores;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunNormalized;
using sdk::testing::RunPrefilter;
using sdk::testing::RunScore;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Forwards to a context, counting the conversions asked for.
class CountingContext final : public sdk::MatchContext {
 public:
  explicit CountingContext(const sdk::MatchContext& inner) : inner_(inner) {}
  const sdk::Requirement& requirement() const override { return inner_.requirement(); }
  std::optional<int64_t> Convert(const sdk::Money& money, Symbol currency) const override {
    ++converts_;
    return inner_.Convert(money, currency);
  }
  int MinorDigits(Symbol currency) const override { return inner_.MinorDigits(currency); }
  absl::string_view Name(Symbol symbol) const override { return inner_.Name(symbol); }
  Symbol Find(absl::string_view text) const override { return inner_.Find(text); }
  std::optional<sdk::MarketBand> Band(Symbol service, Symbol currency) const override {
    return inner_.Band(service, currency);
  }
  int converts() const { return converts_; }

 private:
  const sdk::MatchContext& inner_;
  mutable int converts_ = 0;
};

// The verdict ("" for a pass) and raw score of the semantics in rate.h taken
// literally, converting every rate on its own with ctx.Convert: what the
// plugin's batched conversions must equal bit for bit.
struct Expected {
  std::string reason;
  double raw = 0;
};
Expected ExpectedOf(const sdk::MatchContext& ctx, const sdk::Provider& provider, Symbol target) {
  const sdk::Requirement& req = ctx.requirement();
  const bool by_seniority = req.seniority != Seniority::kAny;
  int64_t max = 0;
  double score_sum = 0;
  int count = 0;
  const std::optional<int64_t> ceiling =
      req.rate_ceiling ? std::optional<int64_t>(req.rate_ceiling->minor_units) : std::nullopt;
  for (Symbol service : req.services) {
    if (!provider.Offers(service)) continue;
    std::optional<int64_t> lowest;
    bool found = false;
    for (int tier = 1; tier <= 4 && !found; ++tier) {
      const bool at_seniority = tier == 1 || tier == 3;
      if (at_seniority && !by_seniority) continue;
      for (const sdk::Rate& rate : provider.rates()) {
        if (rate.service != (tier <= 2 ? service : sdk::kNoSymbol)) continue;
        if (at_seniority && rate.seniority != req.seniority) continue;
        found = true;
        const std::optional<int64_t> converted = rate.hourly.currency == target
                                                     ? rate.hourly.minor_units
                                                     : ctx.Convert(rate.hourly, target);
        if (!converted) {
          return {absl::StrCat("currency_not_convertible:", ctx.Name(rate.hourly.currency)), 0};
        }
        lowest = lowest ? std::min(*lowest, *converted) : *converted;
      }
    }
    if (!found) return {absl::StrCat("rate_unknown:", ctx.Name(service)), 0};
    max = count == 0 ? *lowest : std::max(max, *lowest);
    score_sum += RatePlugin::ServiceScore(*lowest, ctx.Band(service, target), ceiling);
    ++count;
  }
  if (count == 0) return {"", 0};
  Expected expected;
  expected.raw = score_sum / count;
  if (req.rate_ceiling && max > req.rate_ceiling->minor_units)
    expected.reason = "rate_above_ceiling";
  return expected;
}

class RateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Request({"DATA_ENTRY"});
    ASSERT_TRUE(ConfigureWith(plugin_).ok());
  }

  // A rate for `service` ("" for every service).
  sdk::Rate MakeRate(absl::string_view service, Seniority seniority, absl::string_view currency,
                     int64_t minor) {
    return sdk::Rate{service.empty() ? sdk::kNoSymbol : ctx_.Sym(service), seniority,
                     ctx_.Cash(currency, minor)};
  }

  void Request(std::initializer_list<absl::string_view> services) {
    ctx_.mutable_requirement().services = ctx_.Syms(services);
  }

  void SetCeiling(absl::string_view currency, int64_t minor) {
    ctx_.mutable_requirement().rate_ceiling = ctx_.Cash(currency, minor);
  }

  // Adds a provider offering `services` with `rates`; returns its index.
  size_t Add(std::vector<sdk::Rate> rates,
             std::initializer_list<absl::string_view> services = {"DATA_ENTRY"}) {
    CandidateFixture fixture;
    fixture.provider.id = absl::StrCat("p", fixtures_.size());
    fixture.provider.services = ctx_.Syms(services);
    fixture.provider.rates = std::move(rates);
    fixtures_.push_back(std::move(fixture));
    return fixtures_.size() - 1;
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
  // Provider i's mean rate in major units of the score currency (the
  // ceiling's, else the setting's).
  double Mean(size_t i) const {
    const Symbol target = ctx_.requirement().rate_ceiling
                              ? ctx_.requirement().rate_ceiling->currency
                              : ctx_.Find(plugin_.currency());
    const RatePlugin::Quote quote =
        RatePlugin::QuoteRates(ctx_, *fixtures_[i].candidate().provider, target);
    if (quote.outcome != RatePlugin::Quote::Outcome::kOk || quote.count == 0) return -1;
    double scale = 1;
    for (int d = 0; d < ctx_.MinorDigits(target); ++d) scale *= 10;
    return static_cast<double>((quote.sum_minor + quote.count / 2) / quote.count) / scale;
  }
  // Normalised scores of all providers, scored together.
  std::vector<double> Normalized() const {
    return RunNormalized(plugin_, ctx_, CandidatesOf(fixtures_));
  }

  FakeMatchContext ctx_;
  RatePlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(RateTest, InfoDeclaresStagesAndDefaults) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_EQ(CoreStages<RatePlugin>(), "filter,score,normalize");
  ASSERT_EQ(info.settings.size(), 1u);
  EXPECT_EQ(info.settings[0].name, "currency");
  EXPECT_EQ(info.settings[0].type, sdk::SettingType::kString);
  EXPECT_EQ(info.settings[0].default_value, "USD");
}

TEST_F(RateTest, ConfigureAcceptsACurrency) {
  RatePlugin plugin;
  ASSERT_TRUE(ConfigureWith(plugin, {{"currency", "EUR"}}).ok());
  EXPECT_EQ(plugin.currency(), "EUR");
}

TEST_F(RateTest, ConfigureRejectsABadCurrency) {
  RatePlugin plugin;
  for (const char* bad : {"usd", "US", "USDX", "U$D"}) {
    const absl::Status status = ConfigureWith(plugin, {{"currency", bad}});
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(status.message(), HasSubstr("currency")) << bad;
  }
}

TEST_F(RateTest, ConfigureRejectsAnUnknownSetting) {
  RatePlugin plugin;
  const absl::Status status = ConfigureWith(plugin, {{"curency", "USD"}});
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
  EXPECT_EQ(ReasonText(ctx_, out[2]), "rate_above_ceiling");
}

TEST_F(RateTest, EveryRequestedServiceMustFit) {
  Request({"DATA_ENTRY", "PAYROLL"});
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000),
       MakeRate("PAYROLL", Seniority::kAny, "USD", 2500)},
      {"DATA_ENTRY", "PAYROLL"});
  EXPECT_EQ(Reasons()[0], "rate_above_ceiling");
}

TEST_F(RateTest, UnknownRateNamesTheService) {
  Request({"DATA_ENTRY", "PAYROLL"});
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY", "PAYROLL"});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[0]), "rate_unknown:PAYROLL");
}

TEST_F(RateTest, GeneralRateAppliesWhenTheServiceHasNone) {
  SetCeiling("USD", 2000);
  Add({MakeRate("", Seniority::kAny, "USD", 1500)});
  Add({MakeRate("", Seniority::kAny, "USD", 2500)});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[1]), "rate_above_ceiling");
}

TEST_F(RateTest, ServiceRateWinsOverTheGeneralRate) {
  SetCeiling("USD", 2000);
  // The general rate is lower but the service has its own.
  Add({MakeRate("", Seniority::kAny, "USD", 500),
       MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 3000)});
  EXPECT_EQ(Reasons()[0], "rate_above_ceiling");
  EXPECT_DOUBLE_EQ(Mean(0), 30.0);
}

TEST_F(RateTest, SenioritySelectsThatRate) {
  ctx_.mutable_requirement().seniority = Seniority::kSenior;
  SetCeiling("USD", 3000);
  Add({MakeRate("DATA_ENTRY", Seniority::kJunior, "USD", 1000),
       MakeRate("DATA_ENTRY", Seniority::kSenior, "USD", 3500)});
  EXPECT_EQ(Reasons()[0], "rate_above_ceiling");
  EXPECT_DOUBLE_EQ(Mean(0), 35.0);
}

TEST_F(RateTest, MissingSeniorityFallsBackToTheLowestServiceRate) {
  ctx_.mutable_requirement().seniority = Seniority::kExpert;
  Add({MakeRate("DATA_ENTRY", Seniority::kMid, "USD", 2000),
       MakeRate("DATA_ENTRY", Seniority::kJunior, "USD", 1200),
       MakeRate("", Seniority::kExpert, "USD", 900)});
  EXPECT_DOUBLE_EQ(Mean(0), 12.0);
}

TEST_F(RateTest, UnspecifiedSeniorityTakesTheLowestRate) {
  Add({MakeRate("DATA_ENTRY", Seniority::kSenior, "USD", 4000),
       MakeRate("DATA_ENTRY", Seniority::kJunior, "USD", 1500)});
  EXPECT_DOUBLE_EQ(Mean(0), 15.0);
}

TEST_F(RateTest, GeneralRateAtTheSeniorityBeforeTheLowestGeneralRate) {
  ctx_.mutable_requirement().seniority = Seniority::kSenior;
  Add({MakeRate("", Seniority::kJunior, "USD", 1000),
       MakeRate("", Seniority::kSenior, "USD", 2500)});
  Add({MakeRate("", Seniority::kJunior, "USD", 1000), MakeRate("", Seniority::kMid, "USD", 1800)});
  EXPECT_DOUBLE_EQ(Mean(0), 25.0);
  EXPECT_DOUBLE_EQ(Mean(1), 10.0);
}

TEST_F(RateTest, ConvertsToTheCeilingCurrency) {
  SetCeiling("USD", 1100);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 1000)});  // USD 11.00
  EXPECT_TRUE(Filter()[0].pass);
  SetCeiling("USD", 1099);
  EXPECT_EQ(Reasons()[0], "rate_above_ceiling");
}

TEST_F(RateTest, ConvertsToACurrencyWithoutMinorUnits) {
  SetCeiling("JPY", 1500);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)});  // JPY 1493
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1100)});  // JPY 1642
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[1]), "rate_above_ceiling");
  EXPECT_EQ(Explain()[0], "JPY 1493/h, just under the ceiling");
}

TEST_F(RateTest, ComparesConvertedRatesWhenPickingTheLowest) {
  // EUR 10.00 is USD 11.00, higher than USD 10.50.
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 1000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1050)});
  EXPECT_DOUBLE_EQ(Mean(0), 10.5);
}

TEST_F(RateTest, ComparesRatesInManyCurrencies) {
  // More currencies in one tier than the plugin tracks at once.
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 2000),    // USD 22.00
       MakeRate("DATA_ENTRY", Seniority::kAny, "GBP", 2000),    // USD 25.40
       MakeRate("DATA_ENTRY", Seniority::kAny, "INR", 200000),  // USD 24.00
       MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 150000),  // USD 27.00
       MakeRate("DATA_ENTRY", Seniority::kAny, "MXN", 40000),   // USD 23.20
       MakeRate("DATA_ENTRY", Seniority::kAny, "JPY", 1500),    // USD 10.05
       MakeRate("DATA_ENTRY", Seniority::kAny, "PLN", 6000)});  // USD 15.00
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 2000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "GBP", 2000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "INR", 200000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 150000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "MXN", 30000),   // USD 17.40
       MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 1900)});  // USD 20.90
  EXPECT_DOUBLE_EQ(Mean(0), 10.05);
  EXPECT_DOUBLE_EQ(Mean(1), 17.40);
  ctx_.SetBand("DATA_ENTRY", 500, 2500);
  const auto out = Score();
  for (size_t i = 0; i < fixtures_.size(); ++i) {
    EXPECT_EQ(out[i].raw,
              ExpectedOf(ctx_, *fixtures_[i].candidate().provider, ctx_.Sym("USD")).raw);
  }
}

TEST_F(RateTest, UnconvertibleCurrencyIsIneligible) {
  ctx_.ForgetCurrency("PHP");
  SetCeiling("USD", 5000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 10000)});
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[0]), "currency_not_convertible:PHP");
  EXPECT_TRUE(out[1].pass);

  const auto scores = Score();
  EXPECT_DOUBLE_EQ(scores[0].raw, 0);
  EXPECT_EQ(Explain()[0], "rates in PHP cannot be converted to USD");
}

TEST_F(RateTest, UnconvertibleRateIsNeverSilentlySkipped) {
  ctx_.ForgetCurrency("PHP");
  SetCeiling("USD", 5000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000),
       MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 10000)});
  EXPECT_EQ(Reasons()[0], "currency_not_convertible:PHP");
}

TEST_F(RateTest, SameCurrencyNeedsNoExchangeRate) {
  ctx_.ForgetCurrency("PHP");
  SetCeiling("PHP", 100000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "PHP", 90000)});
  EXPECT_TRUE(Filter()[0].pass);
}

TEST_F(RateTest, AnyServiceConsidersOnlyTheOfferedServices) {
  Request({"DATA_ENTRY", "PAYROLL"});
  ctx_.mutable_requirement().any_service = true;
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY"});
  Add({MakeRate("PAYROLL", Seniority::kAny, "USD", 2500)}, {"PAYROLL"});
  Add({}, {"WEB_MAINTENANCE"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[1]), "rate_above_ceiling");
  // Offers none of them: the services filter removes it, not this one.
  EXPECT_TRUE(out[2].pass);
}

TEST_F(RateTest, ServicesNotOfferedAreNotJudged) {
  Request({"DATA_ENTRY", "PAYROLL"});
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY"});
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY", "PAYROLL"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[1]), "rate_unknown:PAYROLL");
}

TEST_F(RateTest, ScoreIsTheMeanRateWithTheCeilingDistance) {
  Request({"DATA_ENTRY", "PAYROLL"});
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000),
       MakeRate("PAYROLL", Seniority::kAny, "USD", 1200)},
      {"DATA_ENTRY", "PAYROLL"});
  Add({MakeRate("", Seniority::kAny, "USD", 2000)}, {"DATA_ENTRY", "PAYROLL"});
  Add({MakeRate("", Seniority::kAny, "USD", 2500)}, {"DATA_ENTRY", "PAYROLL"});
  EXPECT_DOUBLE_EQ(Mean(0), 11.0);
  EXPECT_THAT(Explain(), ElementsAre("USD 11.00/h mean rate, 45% under the ceiling",
                                     "USD 20.00/h mean rate, at the ceiling",
                                     "USD 25.00/h mean rate, 25% over the ceiling"));
}

TEST_F(RateTest, ScoreWithoutACeilingUsesTheCurrencySetting) {
  ASSERT_TRUE(ConfigureWith(plugin_, {{"currency", "EUR"}}).ok());
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1100)});
  EXPECT_DOUBLE_EQ(Mean(0), 10.0);
  // No band and no ceiling: nothing to read the rate against.
  EXPECT_DOUBLE_EQ(Score()[0].raw, RatePlugin::kNoScaleScore);
  EXPECT_EQ(Explain()[0], "EUR 10.00/h");
}

TEST_F(RateTest, ScoreOfAnUnknownRate) {
  Add({}, {"DATA_ENTRY"});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 0);
  EXPECT_EQ(Explain()[0], "no rate for DATA_ENTRY");
}

TEST_F(RateTest, NormalizeClampsTheRawScore) {
  std::vector<sdk::ScoreResult> scores = RawScores({10, 100, 55.5, 0, -3, 140});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 10);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 100);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 55.5);
  EXPECT_DOUBLE_EQ(scores[3].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[4].normalized, 0);
  EXPECT_DOUBLE_EQ(scores[5].normalized, 100);
  std::vector<sdk::ScoreResult> none;
  EXPECT_TRUE(plugin_.Normalize(ctx_, none).ok());
}

TEST_F(RateTest, FormatMoney) {
  EXPECT_EQ(RatePlugin::FormatMoney("USD", 1850, 2), "USD 18.50");
  EXPECT_EQ(RatePlugin::FormatMoney("USD", 5, 2), "USD 0.05");
  EXPECT_EQ(RatePlugin::FormatMoney("JPY", 1500, 0), "JPY 1500");
  EXPECT_EQ(RatePlugin::FormatMoney("BHD", 12345, 3), "BHD 12.345");
}

TEST_F(RateTest, FilterReasonsAreStaticCodesWithASymbolDetail) {
  Request({"DATA_ENTRY", "PAYROLL"});
  ctx_.ForgetCurrency("PHP");
  SetCeiling("USD", 2000);
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "USD", 1000)}, {"DATA_ENTRY", "PAYROLL"});
  Add({MakeRate("", Seniority::kAny, "PHP", 1000)}, {"DATA_ENTRY", "PAYROLL"});
  Add({MakeRate("", Seniority::kAny, "USD", 2500)}, {"DATA_ENTRY", "PAYROLL"});
  const auto out = Filter();
  EXPECT_STREQ(out[0].reason, "rate_unknown");
  EXPECT_EQ(out[0].detail, ctx_.Sym("PAYROLL"));
  EXPECT_STREQ(out[1].reason, "currency_not_convertible");
  EXPECT_EQ(out[1].detail, ctx_.Sym("PHP"));
  EXPECT_STREQ(out[2].reason, "rate_above_ceiling");
  EXPECT_EQ(out[2].detail, sdk::kNoSymbol);
}

TEST_F(RateTest, ExplainWithoutARequestedServiceOffered) {
  Add({MakeRate("PAYROLL", Seniority::kAny, "USD", 1000)}, {"PAYROLL"});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 0);
  EXPECT_EQ(Explain()[0], "no requested service to rate");
}

TEST_F(RateTest, ScoreInACurrencyNothingUses) {
  // No provider bills in CHF, so the context has no Symbol for it and no
  // rate converts to it.
  ASSERT_TRUE(ConfigureWith(plugin_, {{"currency", "CHF"}}).ok());
  Add({MakeRate("DATA_ENTRY", Seniority::kAny, "EUR", 1000)});
  ASSERT_EQ(ctx_.Find("CHF"), sdk::kNoSymbol);
  EXPECT_DOUBLE_EQ(Score()[0].raw, 0);
  EXPECT_EQ(Explain()[0], "rates in EUR cannot be converted to CHF");
}

TEST_F(RateTest, PrefilterNamesNoClause) {
  SetCeiling("USD", 2000);
  EXPECT_THAT(RunPrefilter(plugin_, ctx_), IsEmpty());
}

TEST_F(RateTest, BatchConversionsEqualConvertingEachRate) {
  Request({"DATA_ENTRY", "PAYROLL"});
  ctx_.ForgetCurrency("PLN");  // some rates cannot be converted
  const std::vector<absl::string_view> currencies = {"USD", "EUR", "GBP", "INR",
                                                     "PHP", "JPY", "MXN", "PLN"};
  const std::vector<absl::string_view> services = {"DATA_ENTRY", "PAYROLL", "WEB_MAINTENANCE", ""};
  const std::vector<int64_t> usual = {900, 1000, 1250, 1500, 2000, 2500, 85000, 120000};
  std::mt19937 rng(20270301);
  auto below = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  for (int p = 0; p < 400; ++p) {
    const absl::string_view home = currencies[below(currencies.size())];
    std::vector<sdk::Rate> rates;
    for (size_t r = below(9); r > 0; --r) {
      const absl::string_view currency =
          below(10) < 7 ? home : currencies[below(currencies.size())];
      const int64_t minor =
          below(2) == 0 ? usual[below(usual.size())] : static_cast<int64_t>(1 + below(300000));
      rates.push_back(MakeRate(services[below(services.size())], static_cast<Seniority>(below(5)),
                               currency, minor));
    }
    switch (below(4)) {
      case 0:
        Add(std::move(rates), {"DATA_ENTRY"});
        break;
      case 1:
        Add(std::move(rates), {"PAYROLL", "WEB_MAINTENANCE"});
        break;
      case 2:
        Add(std::move(rates), {"DATA_ENTRY", "PAYROLL"});
        break;
      default:
        Add(std::move(rates), {"WEB_MAINTENANCE"});
        break;
    }
  }
  ASSERT_TRUE(ConfigureWith(plugin_, {{"currency", "GBP"}}).ok());
  ctx_.SetBand("DATA_ENTRY", 500, 2500);
  ctx_.SetBand("PAYROLL", 900, 4000);
  const std::vector<std::optional<sdk::Money>> ceilings = {
      std::nullopt, ctx_.Cash("USD", 2500), ctx_.Cash("JPY", 3000), ctx_.Cash("INR", 200000)};
  for (const std::optional<sdk::Money>& ceiling : ceilings) {
    for (Seniority seniority : {Seniority::kAny, Seniority::kSenior}) {
      ctx_.mutable_requirement().rate_ceiling = ceiling;
      ctx_.mutable_requirement().seniority = seniority;
      const Symbol target = ceiling ? ceiling->currency : ctx_.Sym("GBP");
      const std::vector<std::string> reasons = Reasons();
      const std::vector<sdk::ScoreResult> scores = Score();
      for (size_t i = 0; i < fixtures_.size(); ++i) {
        const sdk::Candidate candidate = fixtures_[i].candidate();
        const Expected expected = ExpectedOf(ctx_, *candidate.provider, target);
        SCOPED_TRACE(absl::StrCat("provider ", i, " in ", ctx_.Name(target), " seniority ",
                                  static_cast<int>(seniority)));
        EXPECT_EQ(reasons[i], ceiling ? expected.reason : "");
        EXPECT_EQ(scores[i].raw, expected.raw);  // bit for bit
      }
    }
  }
}

TEST_F(RateTest, ConvertsEachDistinctAmountOncePerBatch) {
  SetCeiling("USD", 5000);
  for (int i = 0; i < 200; ++i) {
    Add({MakeRate("DATA_ENTRY", Seniority::kJunior, "EUR", 1000 + 100 * (i % 5)),
         MakeRate("DATA_ENTRY", Seniority::kSenior, "EUR", 3000 + 100 * (i % 5)),
         MakeRate("", Seniority::kAny, "INR", 150000)});
  }
  const CountingContext counting(ctx_);
  const std::vector<sdk::FilterResult> verdicts = RunFilter(plugin_, counting, fixtures_);
  const std::vector<sdk::ScoreResult> scores = RunScore(plugin_, counting, fixtures_);
  // Five distinct lowest amounts, in each of the two stages; converting
  // every rate would ask 800 times.
  EXPECT_LE(counting.converts(), 2 * 5);
  for (size_t i = 0; i < fixtures_.size(); ++i) {
    EXPECT_TRUE(verdicts[i].pass);
    EXPECT_EQ(scores[i].raw,
              ExpectedOf(ctx_, *fixtures_[i].candidate().provider, ctx_.Sym("USD")).raw);
  }
}

}  // namespace
}  // namespace vendormatch::plugins
