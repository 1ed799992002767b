// Tests of the matching side of vendormatchctl's pure pieces: money, enum and
// weight flags, the quick requirement and work flags, and messages read from
// YAML or JSON. The views are in ctl_match_view_test.cc.
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

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
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
      {"diversity", {"WOMEN_OWNED,veteran_owned"}},
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
  EXPECT_THAT(r.diversity_classifications(), ElementsAre("WOMEN_OWNED", "veteran_owned"));
  EXPECT_DOUBLE_EQ(r.min_rating(), 4.2);
  EXPECT_DOUBLE_EQ(r.min_overlap_hours(), 3.5);
  EXPECT_EQ(r.collaboration(), v1::LEVEL_MEDIUM);
  EXPECT_THAT(
      overlay->fields,
      ElementsAre("services", "client_country", "client_time_zone", "preferred_service_model",
                  "delivery_models", "rate_ceiling", "headcount", "start_date", "certifications",
                  "languages", "industry", "diversity_classifications", "min_rating",
                  "min_overlap_hours", "collaboration"));
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
                          "diversity", "min-rating", "min-overlap", "collaboration"));
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
  EXPECT_THAT(std::string(status.message()),
              AllOf(StartsWith("req.yaml line 2, column 1: unknown field \"budget\" in "
                               "vendormatch.v1.Requirement; its fields: services, "),
                    HasSubstr(", client_time_zone, ")));
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

}  // namespace
}  // namespace vendormatch::ctl
