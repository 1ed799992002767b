// Tests of the matching side of vendormatchctl's pure pieces: money, enum and
// weight flags, the quick requirement and work flags, messages read from YAML
// or JSON, and the match, compare, advice, plugin and profile views.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "services/ctl/format.h"
#include "services/ctl/match_flags.h"
#include "services/ctl/provider_io.h"

namespace vendormatch::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using vendormatch::v1::Requirement;

std::string Examples() {
  return (std::filesystem::path(__FILE__).parent_path() / "../../services/ctl/examples").string();
}

// ---------------------------------------------------------------------------
// Money.

int64_t MinorUnits(absl::string_view text) {
  absl::StatusOr<v1::Money> money = ParseMoneyFlag("max-rate", text);
  EXPECT_TRUE(money.ok()) << text << ": " << money.status();
  return money.ok() ? money->minor_units() : -1;
}

std::string MoneyError(absl::string_view text) {
  absl::StatusOr<v1::Money> money = ParseMoneyFlag("max-rate", text);
  EXPECT_FALSE(money.ok()) << text << " parsed as " << money->ShortDebugString();
  EXPECT_EQ(money.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(money.status().message());
}

TEST(MoneyFlagTest, ScalesByTheCurrencysMinorDigits) {
  EXPECT_EQ(MinorUnits("USD:25.00"), 2500);
  EXPECT_EQ(MinorUnits("USD:25"), 2500);
  EXPECT_EQ(MinorUnits("USD:25.5"), 2550);
  EXPECT_EQ(MinorUnits("USD:0.07"), 7);
  EXPECT_EQ(MinorUnits("USD:0"), 0);
  EXPECT_EQ(MinorUnits("JPY:1500"), 1500);   // no minor unit
  EXPECT_EQ(MinorUnits("KWD:1.234"), 1234);  // three decimals
  EXPECT_EQ(MinorUnits(" eur : 18.50 "), 1850);
  EXPECT_EQ(MinorUnits("USD:92233720368547758.07"), std::numeric_limits<int64_t>::max());
}

TEST(MoneyFlagTest, KeepsTheCurrencyUpperCase) {
  absl::StatusOr<v1::Money> money = ParseMoneyFlag("max-rate", "usd:12.30");
  ASSERT_TRUE(money.ok()) << money.status();
  EXPECT_EQ(money->currency_code(), "USD");
  EXPECT_EQ(money->minor_units(), 1230);
}

TEST(MoneyFlagTest, RefusesWhatIsNotAnAmountOfAKnownCurrency) {
  EXPECT_EQ(MoneyError("25.00"), "--max-rate needs CUR:AMOUNT such as USD:25.00, got \"25.00\"");
  EXPECT_EQ(MoneyError("USD:1:2"),
            "--max-rate needs CUR:AMOUNT such as USD:25.00, got \"USD:1:2\"");
  EXPECT_EQ(MoneyError("XYZ:10"), "--max-rate: unknown ISO 4217 currency \"XYZ\"");
  EXPECT_EQ(MoneyError("USD:1.234"), "--max-rate: USD has 2 decimal places, got \"1.234\"");
  EXPECT_EQ(MoneyError("JPY:1.5"), "--max-rate: JPY has no decimal places, got \"1.5\"");
  for (const char* bad : {"USD:", "USD:-1", "USD:.5", "USD:5.", "USD:1e3", "USD:1,000", "USD:x"}) {
    EXPECT_THAT(MoneyError(bad), HasSubstr("needs a non-negative decimal amount")) << bad;
  }
  EXPECT_THAT(MoneyError("USD:92233720368547758.08"), HasSubstr("too large"));
  EXPECT_THAT(MoneyError("USD:99999999999999999999999"), HasSubstr("too large"));
}

// ---------------------------------------------------------------------------
// Enums and weights.

TEST(EnumFlagTest, TakesShortOrFullNamesInAnyCase) {
  EXPECT_EQ(*ParseEnumFlag("model", *v1::ServiceModel_descriptor(), "kpo"), v1::SERVICE_MODEL_KPO);
  EXPECT_EQ(*ParseEnumFlag("model", *v1::ServiceModel_descriptor(), "SERVICE_MODEL_BPO"),
            v1::SERVICE_MODEL_BPO);
  EXPECT_EQ(*ParseEnumFlag("delivery", *v1::DeliveryModel_descriptor(), "Nearshore"),
            v1::DELIVERY_MODEL_NEARSHORE);
  EXPECT_EQ(*ParseEnumFlag("routine", *v1::Level_descriptor(), "high"), v1::LEVEL_HIGH);
}

TEST(EnumFlagTest, RefusesUnspecifiedAndListsTheChoices) {
  absl::StatusOr<int> model = ParseEnumFlag("model", *v1::ServiceModel_descriptor(), "unspecified");
  EXPECT_EQ(model.status().message(), "--model must be one of bpo, kpo; got \"unspecified\"");
  absl::StatusOr<int> level = ParseEnumFlag("collaboration", *v1::Level_descriptor(), "extreme");
  EXPECT_EQ(level.status().message(),
            "--collaboration must be one of low, medium, high; got \"extreme\"");
}

TEST(WeightFlagsTest, ReadsPluginEqualsWeight) {
  absl::StatusOr<std::map<std::string, double>> weights =
      ParseWeightFlags("weight", {"rate=30", " quality = 12.5 ", "industry=0"});
  ASSERT_TRUE(weights.ok()) << weights.status();
  EXPECT_EQ(*weights,
            (std::map<std::string, double>{{"industry", 0}, {"quality", 12.5}, {"rate", 30}}));
  EXPECT_TRUE(ParseWeightFlags("weight", {})->empty());
}

TEST(WeightFlagsTest, RefusesMalformedNegativeAndRepeatedWeights) {
  EXPECT_EQ(ParseWeightFlags("weight", {"rate"}).status().message(),
            "--weight needs PLUGIN=WEIGHT such as rate=30, got \"rate\"");
  EXPECT_THAT(std::string(ParseWeightFlags("weight", {"=3"}).status().message()),
              HasSubstr("PLUGIN=WEIGHT"));
  EXPECT_EQ(ParseWeightFlags("weight-a", {"rate=-1"}).status().message(),
            "--weight-a: the weight of rate must be a non-negative number, got \"-1\"");
  EXPECT_THAT(std::string(ParseWeightFlags("weight", {"rate=lots"}).status().message()),
              HasSubstr("non-negative number"));
  EXPECT_THAT(std::string(ParseWeightFlags("weight", {"rate=inf"}).status().message()),
              HasSubstr("non-negative number"));
  EXPECT_EQ(ParseWeightFlags("weight", {"rate=1", "rate=2"}).status().message(),
            "--weight: rate given twice");
}

TEST(ProfileNameTest, AddsTheCollection) {
  EXPECT_EQ(ProfileName("balanced"), "profiles/balanced");
  EXPECT_EQ(ProfileName("profiles/cost_first"), "profiles/cost_first");
  EXPECT_EQ(ProfileName(""), "");
  EXPECT_EQ(ProfileId("profiles/cost_first"), "cost_first");
}

// ---------------------------------------------------------------------------
// Requirement flags.

TEST(RequirementFlagsTest, BuildsARequirementFromQuickFlags) {
  const FlagValues given = {
      {"service", {"CUSTOMER_SUPPORT", "CALL_CENTER_INBOUND, HELP_DESK"}},
      {"client-country", {"US"}},
      {"client-tz", {"America/New_York"}},
      {"model", {"bpo"}},
      {"delivery", {"nearshore,offshore"}},
      {"max-rate", {"USD:18.00"}},
      {"headcount", {"120"}},
      {"start", {"2027-03-01"}},
      {"cert", {"ISO27001", "PCI_DSS"}},
      {"language", {"en", "es"}},
      {"industry", {"RETAIL_ECOMMERCE"}},
      {"min-rating", {"4.2"}},
      {"min-overlap", {"3.5"}},
      {"collaboration", {"medium"}},
      {"weight", {"rate=30"}},  // not a requirement flag: ignored
  };
  absl::StatusOr<RequirementOverlay> overlay = ParseRequirementFlags(given);
  ASSERT_TRUE(overlay.ok()) << overlay.status();
  const Requirement& r = overlay->values;
  EXPECT_THAT(r.services(), ElementsAre("CUSTOMER_SUPPORT", "CALL_CENTER_INBOUND", "HELP_DESK"));
  EXPECT_EQ(r.client_country(), "US");
  EXPECT_EQ(r.client_time_zone(), "America/New_York");
  EXPECT_EQ(r.preferred_service_model(), v1::SERVICE_MODEL_BPO);
  EXPECT_THAT(r.delivery_models(),
              ElementsAre(v1::DELIVERY_MODEL_NEARSHORE, v1::DELIVERY_MODEL_OFFSHORE));
  EXPECT_EQ(r.rate_ceiling().currency_code(), "USD");
  EXPECT_EQ(r.rate_ceiling().minor_units(), 1800);
  EXPECT_EQ(r.headcount(), 120);
  EXPECT_EQ(r.start_date().year(), 2027);
  EXPECT_EQ(r.start_date().month(), 3);
  EXPECT_EQ(r.start_date().day(), 1);
  EXPECT_THAT(r.certifications(), ElementsAre("ISO27001", "PCI_DSS"));
  EXPECT_THAT(r.languages(), ElementsAre("en", "es"));
  EXPECT_EQ(r.industry(), "RETAIL_ECOMMERCE");
  EXPECT_DOUBLE_EQ(r.min_rating(), 4.2);
  EXPECT_DOUBLE_EQ(r.min_overlap_hours(), 3.5);
  EXPECT_EQ(r.collaboration(), v1::LEVEL_MEDIUM);
  EXPECT_THAT(
      overlay->fields,
      ElementsAre("services", "client_country", "client_time_zone", "preferred_service_model",
                  "delivery_models", "rate_ceiling", "headcount", "start_date", "certifications",
                  "languages", "industry", "min_rating", "min_overlap_hours", "collaboration"));
}

TEST(RequirementFlagsTest, NoFlagsMakeAnEmptyOverlay) {
  absl::StatusOr<RequirementOverlay> overlay = ParseRequirementFlags({{"profile", {"balanced"}}});
  ASSERT_TRUE(overlay.ok()) << overlay.status();
  EXPECT_TRUE(overlay->empty());
}

TEST(RequirementFlagsTest, ScalarFlagsKeepTheLastValue) {
  absl::StatusOr<RequirementOverlay> overlay =
      ParseRequirementFlags({{"client-country", {"GB", "US"}}, {"headcount", {"5", "7"}}});
  ASSERT_TRUE(overlay.ok()) << overlay.status();
  EXPECT_EQ(overlay->values.client_country(), "US");
  EXPECT_EQ(overlay->values.headcount(), 7);
}

TEST(RequirementFlagsTest, ErrorsNameTheFlag) {
  auto error = [](const std::string& flag, const std::string& value) {
    absl::StatusOr<RequirementOverlay> overlay = ParseRequirementFlags({{flag, {value}}});
    EXPECT_FALSE(overlay.ok()) << flag << "=" << value;
    return std::string(overlay.status().message());
  };
  EXPECT_EQ(error("start", "2027-02-30"), "--start needs a date YYYY-MM-DD, got \"2027-02-30\"");
  EXPECT_EQ(error("start", "1/3/2027"), "--start needs a date YYYY-MM-DD, got \"1/3/2027\"");
  EXPECT_EQ(error("delivery", "onshore,moonshore"),
            "--delivery must be one of onshore, nearshore, offshore; got \"moonshore\"");
  EXPECT_EQ(error("model", "both"), "--model must be one of bpo, kpo; got \"both\"");
  EXPECT_EQ(error("headcount", "-3"), "--headcount needs a non-negative integer, got \"-3\"");
  EXPECT_EQ(error("min-rating", "good"), "--min-rating needs a number, got \"good\"");
  EXPECT_EQ(error("max-rate", "18"), "--max-rate needs CUR:AMOUNT such as USD:25.00, got \"18\"");
  EXPECT_EQ(error("service", " , "), "--service needs a value");
  EXPECT_EQ(error("client-tz", ""), "--client-tz needs a value");
}

TEST(RequirementFlagsTest, FlagsReplaceWhatTheFileSaid) {
  Requirement file;
  ASSERT_TRUE(
      ParseMessageFile(Examples() + "/requirement-legal-us.yaml", Format::kAuto, file).ok());
  absl::StatusOr<RequirementOverlay> overlay = ParseRequirementFlags({
      {"service", {"CONTRACT_ANALYSIS"}},
      {"headcount", {"0"}},
      {"max-rate", {"USD:0"}},
      {"delivery", {"onshore"}},
  });
  ASSERT_TRUE(overlay.ok()) << overlay.status();
  ApplyRequirementOverlay(*overlay, file);
  EXPECT_THAT(file.services(), ElementsAre("CONTRACT_ANALYSIS"));
  EXPECT_EQ(file.headcount(), 0);
  EXPECT_EQ(file.rate_ceiling().currency_code(), "USD");
  EXPECT_EQ(file.rate_ceiling().minor_units(), 0);
  EXPECT_THAT(file.delivery_models(), ElementsAre(v1::DELIVERY_MODEL_ONSHORE));
  // What no flag named stays as the file said.
  EXPECT_EQ(file.client_time_zone(), "America/New_York");
  EXPECT_THAT(file.certifications(), ElementsAre("ISO27001"));
  EXPECT_EQ(file.collaboration(), v1::LEVEL_HIGH);
  EXPECT_EQ(file.start_date().year(), 2027);
}

TEST(RequirementFlagsTest, EveryFlagHasHelp) {
  std::vector<std::string> names;
  for (const InputFlag& flag : RequirementFlags()) {
    names.push_back(flag.name);
    EXPECT_STRNE(flag.help, "") << flag.name;
    EXPECT_STRNE(flag.value_name, "") << flag.name;
  }
  EXPECT_THAT(names,
              ElementsAre("service", "client-country", "client-tz", "model", "delivery", "max-rate",
                          "headcount", "start", "end", "months", "cert", "language", "industry",
                          "min-rating", "min-overlap", "collaboration"));
}

// ---------------------------------------------------------------------------
// Work flags.

TEST(WorkFlagsTest, BuildsWorkCharacteristics) {
  absl::StatusOr<v1::WorkCharacteristics> work = ParseWorkFlags({
      {"routine", {"low"}},
      {"volume", {"medium"}},
      {"complexity", {"high"}},
      {"expertise", {"High"}},
      {"collaboration", {"medium"}},
      {"sensitivity", {"high"}},
      {"driver", {"insight"}},
      {"core", {"true"}},
      {"structured-metrics", {"false"}},
  });
  ASSERT_TRUE(work.ok()) << work.status();
  EXPECT_EQ(work->routine(), v1::LEVEL_LOW);
  EXPECT_EQ(work->volume(), v1::LEVEL_MEDIUM);
  EXPECT_EQ(work->complexity(), v1::LEVEL_HIGH);
  EXPECT_EQ(work->expertise(), v1::LEVEL_HIGH);
  EXPECT_EQ(work->collaboration(), v1::LEVEL_MEDIUM);
  EXPECT_EQ(work->data_sensitivity(), v1::LEVEL_HIGH);
  EXPECT_EQ(work->driver(), v1::DRIVER_INSIGHT);
  EXPECT_TRUE(work->core_to_business());
  EXPECT_FALSE(work->structured_metrics());
  EXPECT_EQ(ParseWorkFlags({})->ByteSizeLong(), 0u);
}

TEST(WorkFlagsTest, ErrorsNameTheFlag) {
  EXPECT_EQ(ParseWorkFlags({{"driver", {"greed"}}}).status().message(),
            "--driver must be one of cost, insight, balanced; got \"greed\"");
  EXPECT_EQ(ParseWorkFlags({{"sensitivity", {"secret"}}}).status().message(),
            "--sensitivity must be one of low, medium, high; got \"secret\"");
}

// ---------------------------------------------------------------------------
// Messages from YAML and JSON.

TEST(MessageFileTest, ExampleRequirementsRead) {
  Requirement legal;
  absl::Status status =
      ParseMessageFile(Examples() + "/requirement-legal-us.yaml", Format::kAuto, legal);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(legal.services(), ElementsAre("LEGAL_PROCESS_OUTSOURCING", "CONTRACT_ANALYSIS"));
  EXPECT_EQ(legal.preferred_service_model(), v1::SERVICE_MODEL_KPO);
  EXPECT_EQ(legal.client_country(), "US");
  EXPECT_EQ(legal.client_time_zone(), "America/New_York");
  EXPECT_EQ(legal.delivery_models_size(), 3);
  EXPECT_EQ(legal.rate_ceiling().minor_units(), 12000);
  EXPECT_EQ(legal.headcount(), 10);
  EXPECT_EQ(legal.start_date().month(), 3);
  EXPECT_THAT(legal.certifications(), ElementsAre("ISO27001"));
  EXPECT_THAT(legal.languages(), ElementsAre("en"));
  EXPECT_EQ(legal.industry(), "LEGAL");
  EXPECT_EQ(legal.collaboration(), v1::LEVEL_HIGH);

  Requirement calls;
  status = ParseMessageFile(Examples() + "/requirement-callcentre.yaml", Format::kAuto, calls);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_THAT(calls.services(), ElementsAre("CUSTOMER_SUPPORT", "CALL_CENTER_INBOUND"));
  EXPECT_EQ(calls.preferred_service_model(), v1::SERVICE_MODEL_BPO);
  EXPECT_THAT(calls.delivery_models(),
              ElementsAre(v1::DELIVERY_MODEL_NEARSHORE, v1::DELIVERY_MODEL_OFFSHORE));
  EXPECT_EQ(calls.rate_ceiling().minor_units(), 1800);
  EXPECT_EQ(calls.headcount(), 120);
  EXPECT_THAT(calls.languages(), ElementsAre("en", "es"));
}

TEST(MessageFileTest, JsonWithCamelCaseNamesReads) {
  v1::Profile profile;
  std::vector<std::string> fields;
  const absl::Status status = ParseMessageText(
      R"({"name": "profiles/lean", "displayName": "Lean", "revision": "3",
          "updateTime": "2026-01-02T03:04:05Z",
          "plugins": [{"plugin": "rate", "scoreEnabled": true, "weight": 40,
                       "settings": {"mode": "mean"}, "onError": "FAILURE_POLICY_SKIP"}]})",
      Format::kAuto, "lean.json", profile, &fields);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(profile.display_name(), "Lean");
  EXPECT_EQ(profile.revision(), 3);
  EXPECT_EQ(profile.update_time().seconds(), 1767323045);
  ASSERT_EQ(profile.plugins_size(), 1);
  EXPECT_TRUE(profile.plugins(0).score_enabled());
  EXPECT_EQ(profile.plugins(0).settings().at("mode"), "mean");
  EXPECT_EQ(profile.plugins(0).on_error(), v1::FAILURE_POLICY_SKIP);
  EXPECT_THAT(fields, ElementsAre("name", "display_name", "revision", "update_time", "plugins"));
}

TEST(MessageFileTest, ErrorsNameThePlace) {
  Requirement r;
  absl::Status status =
      ParseMessageText("services: [A]\nheadcount: many\n", Format::kYaml, "req.yaml", r);
  EXPECT_EQ(status.message(),
            "req.yaml line 2, column 12: headcount: expected an integer (int32), got \"many\"");
  status = ParseMessageText("services: [A]\nbudget: 3\n", Format::kYaml, "req.yaml", r);
  EXPECT_EQ(status.message(),
            "req.yaml line 2, column 1: unknown field \"budget\" in vendormatch.v1.Requirement");
  status = ParseMessageText("collaboration: EXTREME\n", Format::kYaml, "req.yaml", r);
  EXPECT_THAT(std::string(status.message()), HasSubstr("unknown value \"EXTREME\" for enum"));
  status = ParseMessageText("services: [A]\n---\nservices: [B]\n", Format::kYaml, "req.yaml", r);
  EXPECT_EQ(status.message(), "req.yaml holds 2 documents; expected one Requirement");
  status = ParseMessageText("  \n# nothing\n", Format::kAuto, "req.yaml", r);
  EXPECT_EQ(status.message(), "req.yaml: empty; expected a Requirement");
  status = ParseMessageText("- services: [A]\n", Format::kYaml, "req.yaml", r);
  EXPECT_THAT(std::string(status.message()), HasSubstr("expected a Requirement (a mapping)"));
  status = ParseMessageText("{\"services\": [\"A\"],}", Format::kAuto, "req.json", r);
  EXPECT_THAT(std::string(status.message()),
              StartsWith("req.json: parse error at line 1, column 20: syntax error"));
  status = ParseMessageText("services,headcount\n", Format::kCsv, "req.csv", r);
  EXPECT_EQ(status.message(), "req.csv: a Requirement is read from YAML or JSON, not CSV");
  status = ParseMessageFile("/nonexistent/req.yaml", Format::kAuto, r);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
}

TEST(MessageFileTest, ProvidersStillReadWithTheirIdExtension) {
  absl::StatusOr<std::vector<v1::Provider>> providers =
      ParseProvidersText("id: acme\ndisplay_name: Acme\nservice_models: [SERVICE_MODEL_KPO]\n",
                         Format::kYaml, "acme.yaml");
  ASSERT_TRUE(providers.ok()) << providers.status();
  ASSERT_EQ(providers->size(), 1u);
  EXPECT_EQ((*providers)[0].name(), "providers/acme");
  EXPECT_EQ((*providers)[0].service_models(0), v1::SERVICE_MODEL_KPO);
}

// ---------------------------------------------------------------------------
// Views.

v1::ScoreContribution* AddScore(v1::ProviderMatch& match, const std::string& plugin, double raw,
                                double norm, double weight, double contribution,
                                const std::string& reason) {
  v1::ScoreContribution* s = match.add_scores();
  s->set_plugin(plugin);
  s->set_raw_score(raw);
  s->set_normalized_score(norm);
  s->set_weight(weight);
  s->set_contribution(contribution);
  s->set_reason(reason);
  return s;
}

// Two BPO vendors ranked under cost_first; the advisor chose the model.
v1::MatchProvidersResponse SampleResponse() {
  v1::MatchProvidersResponse response;
  response.set_summary("2/152 providers eligible: 97 service_not_offered, 53 rate_above_ceiling");
  response.set_snapshot_revision(41);
  response.set_profile("profiles/cost_first");
  response.set_profile_revision(2);
  response.set_candidates_considered(152);
  response.set_eligible_count(2);

  v1::ProviderMatch& first = *response.add_matches();
  first.set_rank(1);
  first.set_provider("providers/gdl-contact");
  first.set_display_name("Guadalajara Contact");
  first.set_total_score(81.25);
  first.mutable_delivery()->set_delivery_model(v1::DELIVERY_MODEL_NEARSHORE);
  first.mutable_delivery()->set_country_code("MX");
  first.mutable_delivery()->set_city("Guadalajara");
  first.mutable_delivery()->set_rule("shared_border");
  first.mutable_delivery()->set_hours_apart(1);
  first.add_matched_services("CUSTOMER_SUPPORT");
  first.add_service_models(v1::SERVICE_MODEL_BPO);
  AddScore(first, "rate", 1100, 82, 40, 45.55, "USD 11.00/h mean rate");
  AddScore(first, "quality", 4.35, 100, 13, 14.8, "rating 4.4 (128 reviews)");

  v1::ProviderMatch& second = *response.add_matches();
  second.set_rank(2);
  second.set_provider("providers/manila-contact");
  second.set_display_name("Manila Contact Co");
  second.set_total_score(64);
  second.mutable_delivery()->set_delivery_model(v1::DELIVERY_MODEL_OFFSHORE);
  second.mutable_delivery()->set_country_code("PH");
  second.mutable_delivery()->set_city("Manila");
  second.mutable_delivery()->set_rule("farther");
  second.mutable_delivery()->set_hours_apart(12.5);
  second.add_matched_services("CUSTOMER_SUPPORT");
  second.add_service_models(v1::SERVICE_MODEL_BPO);
  AddScore(second, "rate", 900, 100, 40, 55.6, "USD 9.00/h mean rate");
  AddScore(second, "quality", 3.9, 0, 13, 0, "rating 3.9 (40 reviews)");

  v1::FilterOutcome& services = *response.add_filter_outcomes();
  services.set_plugin("services");
  services.set_removed(97);
  auto* reason = services.add_reasons();
  reason->set_reason("service_not_offered");
  reason->set_count(97);
  v1::FilterOutcome& rate = *response.add_filter_outcomes();
  rate.set_plugin("rate");
  rate.set_removed(53);
  reason = rate.add_reasons();
  reason->set_reason("rate_above_ceiling");
  reason->set_count(50);
  reason = rate.add_reasons();
  reason->set_reason("no_rate_for_service");
  reason->set_count(3);
  v1::FilterOutcome& languages = *response.add_filter_outcomes();
  languages.set_plugin("languages");

  v1::RelaxationHint& hint = *response.add_relaxation_hints();
  hint.set_plugin("rate");
  hint.set_eligible_if_relaxed(12);
  hint.set_gained(10);
  hint.set_suggestion("raise the rate ceiling to USD 18.50/h");
  v1::SkippedPlugin& skipped = *response.add_skipped_plugins();
  skipped.set_plugin("timezone_overlap");
  skipped.set_message("no time zone data for Asia/Nowhere");

  v1::RecommendServiceModelResponse& advice = *response.mutable_service_model_advice();
  advice.set_service_model(v1::SERVICE_MODEL_BPO);
  advice.set_confidence(0.8333);
  advice.add_criteria()->set_criterion("routine");
  advice.add_criteria()->set_criterion("driver");
  return response;
}

TEST(MatchViewTest, DeliveryNamesModelCentreAndRule) {
  v1::DeliveryDecision delivery;
  delivery.set_delivery_model(v1::DELIVERY_MODEL_NEARSHORE);
  delivery.set_country_code("MX");
  delivery.set_city("Guadalajara");
  delivery.set_rule("shared_border");
  EXPECT_EQ(FormatDelivery(delivery), "nearshore MX Guadalajara (shared_border)");
  EXPECT_EQ(FormatDelivery(v1::DeliveryDecision()), "-");
}

TEST(MatchViewTest, TableHasOneContributionColumnPerScorer) {
  EXPECT_EQ(MatchTable(SampleResponse(), /*explain=*/false).ToString(),
            "RANK  PROVIDER        NAME                 TOTAL  DELIVERY"
            "                                  RATE  QUALITY\n"
            "   1  gdl-contact     Guadalajara Contact   81.2  nearshore MX Guadalajara "
            "(shared_border)  45.5     14.8\n"
            "   2  manila-contact  Manila Contact Co     64.0  offshore PH Manila (farther)"
            "              55.6      0.0\n");
}

TEST(MatchViewTest, ExplainAddsAlignedLinesPerScorer) {
  const std::string table = MatchTable(SampleResponse(), /*explain=*/true).ToString();
  EXPECT_THAT(table,
              HasSubstr("(shared_border)  45.5     14.8\n"
                        "  rate     raw 1100  norm  82.0  w 40  +45.5  USD 11.00/h mean rate\n"
                        "  quality  raw 4.35  norm 100.0  w 13  +14.8  rating 4.4 (128 reviews)\n"
                        "  offers CUSTOMER_SUPPORT (BPO); deciding centre 1 h from the client\n"
                        "   2  manila-contact"));
  EXPECT_THAT(table,
              HasSubstr("  rate     raw  900  norm 100.0  w 40  +55.6  USD 9.00/h mean rate\n"
                        "  quality  raw  3.9  norm   0.0  w 13   +0.0  rating 3.9 (40 reviews)\n"
                        "  offers CUSTOMER_SUPPORT (BPO); deciding centre 12.5 h from the "
                        "client\n"));
}

TEST(MatchViewTest, WholeViewHasSummaryTableHistogramHintsAndAdvice) {
  std::ostringstream out;
  PrintMatchResult(SampleResponse(), /*explain=*/false, out);
  EXPECT_EQ(out.str(),
            "2/152 providers eligible: 97 service_not_offered, 53 rate_above_ceiling\n"
            "snapshot r41, profile cost_first r2\n"
            "\n" +
                MatchTable(SampleResponse(), false).ToString() +
                "\n"
                "filters:\n"
                "  services   removed 97: service_not_offered (97)\n"
                "  rate       removed 53: rate_above_ceiling (50), no_rate_for_service (3)\n"
                "  languages  removed 0\n"
                "\n"
                "relax rate: 12 eligible (+10) if you raise the rate ceiling to USD 18.50/h\n"
                "skipped timezone_overlap: no time zone data for Asia/Nowhere\n"
                "advisor: BPO (confidence 0.83): routine, driver\n");
}

TEST(MatchViewTest, WarningsShowUnderTheirRowAndOrderReasonsWithExplain) {
  v1::MatchProvidersResponse response = SampleResponse();
  auto* warning = response.mutable_matches(0)->add_warnings();
  warning->set_code("certification_expires_in_window:ISO27001");
  warning->set_sentence("ISO27001 expires 2027-02-20, 7 weeks into the engagement");
  response.mutable_matches(0)->mutable_ahead_of_next()->set_summary(
      "ahead of #2 mainly on quality +14.8");
  const std::string plain = MatchTable(response, /*explain=*/false).ToString();
  EXPECT_THAT(plain, HasSubstr("  warning: ISO27001 expires 2027-02-20, 7 weeks into the "
                               "engagement\n   2  manila-contact"));
  EXPECT_THAT(plain, Not(HasSubstr("ahead of #2")));
  EXPECT_THAT(MatchTable(response, /*explain=*/true).ToString(),
              HasSubstr("  ahead of #2 mainly on quality +14.8\n"));
}

TEST(MatchViewTest, WhyPrintsEveryVerdictAndWhatItWouldTake) {
  v1::MatchProvidersResponse response;
  v1::ProviderExplanation& out = *response.add_explanations();
  out.set_provider("providers/acme");
  out.set_display_name("Acme");
  out.set_status(v1::Provider::STATUS_ACTIVE);
  out.set_summary("not eligible: excluded by rate, languages");
  auto* services = out.add_verdicts();
  services->set_plugin("services");
  services->set_passed(true);
  auto* rate = out.add_verdicts();
  rate->set_plugin("rate");
  auto* reason = rate->add_reasons();
  reason->set_code("rate_above_ceiling:PAYROLL");
  reason->set_sentence("USD 42.00/h for PAYROLL is above the ceiling of USD 38.00/h");
  auto* languages = out.add_verdicts();
  languages->set_plugin("languages");
  languages->add_reasons()->set_code("missing_language:es");
  auto* buyer = out.add_suggestions();
  buyer->set_side("buyer");
  buyer->add_changes("raise the rate ceiling to USD 42.00/h");
  buyer->add_changes("drop the language es");
  buyer->set_eligible_after(true);
  buyer->set_rank_after(4);
  buyer->set_total_after(71.25);
  buyer->set_reaches_goal(true);
  v1::ProviderExplanation& gone = *response.add_explanations();
  gone.set_provider("providers/old-co");
  gone.set_status(v1::Provider::STATUS_SUSPENDED);
  gone.set_summary("never matches: suspended");
  std::ostringstream text;
  PrintExplanations(response, text);
  EXPECT_EQ(text.str(),
            "\nacme (Acme): not eligible: excluded by rate, languages\n"
            "    services: passes\n"
            "    rate: FAILS rate_above_ceiling:PAYROLL - USD 42.00/h for PAYROLL is above the "
            "ceiling of USD 38.00/h\n"
            "    languages: FAILS missing_language:es\n"
            "    you could: raise the rate ceiling to USD 42.00/h; drop the language es (tried: "
            "eligible, rank 4, total 71.2)\n"
            "\nold-co: never matches: suspended\n"
            "    status SUSPENDED: only ACTIVE providers are matched\n");
}

TEST(MatchViewTest, NoMatchesSaysSo) {
  v1::MatchProvidersResponse response;
  response.set_summary("0/10 providers eligible: 10 service_not_offered");
  response.set_snapshot_revision(3);
  response.set_profile("profiles/balanced");
  response.set_profile_revision(1);
  std::ostringstream out;
  PrintMatchResult(response, /*explain=*/true, out);
  EXPECT_EQ(out.str(),
            "0/10 providers eligible: 10 service_not_offered\n"
            "snapshot r3, profile balanced r1\n"
            "\n"
            "No provider is eligible.\n");
}

TEST(CompareViewTest, RankChangesReadAsPlacesGainedNewOrGone) {
  v1::RankChange change;
  change.set_rank_a(3);
  change.set_rank_b(1);
  EXPECT_EQ(FormatRankChange(change), "+2");
  change.set_rank_a(1);
  change.set_rank_b(2);
  EXPECT_EQ(FormatRankChange(change), "-1");
  change.set_rank_b(1);
  EXPECT_EQ(FormatRankChange(change), "0");
  change.set_rank_a(0);
  EXPECT_EQ(FormatRankChange(change), "new");
  change.set_rank_a(4);
  change.set_rank_b(0);
  EXPECT_EQ(FormatRankChange(change), "gone");
}

TEST(CompareViewTest, OneTableWithBothRanks) {
  v1::CompareProfilesResponse response;
  *response.mutable_result_a() = SampleResponse();
  response.mutable_result_a()->set_profile("profiles/balanced");
  response.mutable_result_a()->set_summary("2/152 providers eligible");
  *response.mutable_result_b() = SampleResponse();
  response.mutable_result_b()->mutable_matches(0)->set_rank(2);
  response.mutable_result_b()->mutable_matches(1)->set_rank(1);
  response.mutable_result_b()->set_summary("3/152 providers eligible");
  v1::ProviderMatch& extra = *response.mutable_result_b()->add_matches();
  extra.set_rank(3);
  extra.set_provider("providers/bogota-bpo");
  extra.set_display_name("Bogota BPO");
  extra.set_total_score(50);
  for (auto [provider, a, b] : {std::tuple{"providers/manila-contact", 2, 1},
                                {"providers/gdl-contact", 1, 2},
                                {"providers/bogota-bpo", 0, 3}}) {
    v1::RankChange& change = *response.add_rank_changes();
    change.set_provider(provider);
    change.set_rank_a(a);
    change.set_rank_b(b);
  }
  std::ostringstream out;
  PrintCompareResult(response, out);
  EXPECT_EQ(out.str(),
            "A: profile balanced r2: 2/152 providers eligible\n"
            "B: profile cost_first r2: 3/152 providers eligible\n"
            "snapshot r41\n"
            "\n"
            "PROVIDER        NAME                 RANK A  RANK B  CHANGE  TOTAL A  TOTAL B\n"
            "manila-contact  Manila Contact Co         2       1      +1     64.0     64.0\n"
            "gdl-contact     Guadalajara Contact       1       2      -1     81.2     81.2\n"
            "bogota-bpo      Bogota BPO                -       3     new        -     50.0\n");
}

TEST(AdviceViewTest, HeadlineThenCriteria) {
  v1::RecommendServiceModelResponse advice;
  advice.set_service_model(v1::SERVICE_MODEL_KPO);
  advice.set_confidence(0.8333);
  v1::AdvisorCriterion& expertise = *advice.add_criteria();
  expertise.set_criterion("expertise");
  expertise.set_favours(v1::SERVICE_MODEL_KPO);
  expertise.set_weight(0.9);
  expertise.set_explanation("needs qualified professionals");
  v1::AdvisorCriterion& volume = *advice.add_criteria();
  volume.set_criterion("volume");
  volume.set_favours(v1::SERVICE_MODEL_BPO);
  volume.set_weight(0.25);
  volume.set_explanation("high volume suits BPO");
  EXPECT_EQ(FormatAdviceHeadline(advice), "KPO (confidence 0.83)");
  std::ostringstream out;
  PrintAdvice(advice, out);
  EXPECT_EQ(out.str(),
            "KPO (confidence 0.83)\n"
            "\n"
            "CRITERION  FAVOURS  WEIGHT  EXPLANATION\n"
            "expertise  KPO        0.90  needs qualified professionals\n"
            "volume     BPO        0.25  high volume suits BPO\n");
}

TEST(PluginViewTest, ListsNameVersionStagesSdkFileAndSettings) {
  v1::ListPluginsResponse response;
  v1::PluginInfo& rate = *response.add_plugins();
  rate.set_name("rate");
  rate.set_version("1.2.0");
  rate.add_stages("filter");
  rate.add_stages("score");
  rate.set_sdk_version("3.0");
  rate.set_file("/opt/vendormatch/plugins/vm_rate.so");
  v1::SettingSpec& currency = *rate.add_settings();
  currency.set_name("currency");
  currency.set_type(v1::SettingSpec::TYPE_STRING);
  currency.set_default_value("USD");
  v1::PluginInfo& quality = *response.add_plugins();
  quality.set_name("quality");
  quality.set_version("1.0.0");
  quality.add_stages("score");
  quality.set_sdk_version("3.0");
  quality.set_file("vm_quality.so");
  auto number = [&](const char* name, const char* fallback, double min, double max) {
    v1::SettingSpec& s = *quality.add_settings();
    s.set_name(name);
    s.set_type(v1::SettingSpec::TYPE_NUMBER);
    s.set_default_value(fallback);
    s.set_min(min);
    s.set_max(max);
    return &s;
  };
  number("sla_weight", "0.3", 0, 1);
  number("rating_floor", "3", 0, 5)->set_max_exclusive(true);
  number("prior_reviews", "20", 0, std::numeric_limits<double>::infinity());
  v1::SettingSpec& mode = *quality.add_settings();
  mode.set_name("mode");
  mode.set_type(v1::SettingSpec::TYPE_CHOICE);
  mode.set_default_value("mean");
  mode.add_choices("mean");
  mode.add_choices("max");
  v1::PluginInfo& bare = *response.add_plugins();
  bare.set_name("bare");
  bare.add_stages("filter");
  EXPECT_EQ(PluginTable(response.plugins()).ToString(),
            "NAME     VERSION  STAGES        SDK  FILE                                 SETTINGS\n"
            "rate     1.2.0    filter,score  3.0  /opt/vendormatch/plugins/vm_rate.so  "
            "currency=USD\n"
            "quality  1.0.0    score         3.0  vm_quality.so                        "
            "sla_weight=0.3 (0..1); rating_floor=3 (0..<5); prior_reviews=20 (>=0); mode=mean "
            "(mean|max)\n"
            "bare              filter                                                  -\n");
}

TEST(ProfileViewTest, DescribesPluginsWithWeightsAndBounds) {
  v1::Profile profile;
  profile.set_name("profiles/lean");
  profile.set_display_name("Lean");
  profile.set_revision(4);
  profile.set_etag("abc123");
  v1::PluginSetting& rate = *profile.add_plugins();
  rate.set_plugin("rate");
  rate.set_filter_enabled(true);
  rate.set_score_enabled(true);
  rate.set_weight(40);
  rate.set_max_weight(100);
  (*rate.mutable_settings())["mode"] = "mean";
  (*rate.mutable_settings())["currency"] = "USD";
  v1::PluginSetting& industry = *profile.add_plugins();
  industry.set_plugin("industry");
  industry.set_weight(2.5);
  industry.set_min_weight(1);
  industry.set_max_weight(5);
  industry.set_on_error(v1::FAILURE_POLICY_SKIP);
  std::ostringstream out;
  DescribeProfile(profile, out);
  EXPECT_THAT(out.str(), HasSubstr("Name:               profiles/lean\n"));
  EXPECT_THAT(
      out.str(),
      HasSubstr("Plugins:\n"
                "  PLUGIN    FILTER  SCORE  WEIGHT  BOUNDS  ON ERROR  SETTINGS\n"
                "  rate      yes     yes        40  0-100   FAIL      currency=USD, mode=mean\n"
                "  industry  no      no        2.5  1-5     SKIP      -\n"));
  EXPECT_THAT(out.str(), HasSubstr("Etag:               abc123\n"));

  google::protobuf::RepeatedPtrField<v1::Profile> profiles;
  *profiles.Add() = profile;
  EXPECT_EQ(ProfileTable(profiles).ToString(),
            "ID    DISPLAY NAME  PLUGINS  SCORERS  REVISION  UPDATED\n"
            "lean  Lean                2        1         4\n");
}

TEST(NumberTest, ShortForms) {
  EXPECT_EQ(FormatNumber(1100), "1100");
  EXPECT_EQ(FormatNumber(15), "15");
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(82.5), "82.5");
  EXPECT_EQ(FormatNumber(0.8333), "0.83");
  EXPECT_EQ(FormatNumber(-2.25), "-2.25");
  EXPECT_EQ(FormatNumber(0.00123), "0.00123");
}

}  // namespace
}  // namespace vendormatch::ctl
