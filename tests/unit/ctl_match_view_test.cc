// Tests of vendormatchctl's matching views: the match table and its
// explanations, compare, advice, plugins, profiles and short numbers. The
// flags and message files are in ctl_match_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "services/ctl/format.h"

namespace vendormatch::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

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

// The first match: a nearshore BPO in Guadalajara.
void AddGuadalajaraMatch(v1::MatchProvidersResponse& response) {
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
}

// The second match: an offshore BPO in Manila.
void AddManilaMatch(v1::MatchProvidersResponse& response) {
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
}

// What the services, rate and languages filters removed.
void AddFilterOutcomes(v1::MatchProvidersResponse& response) {
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
}

// A relaxation hint, a skipped plugin and the advisor's choice of model.
void AddHintSkipAndAdvice(v1::MatchProvidersResponse& response) {
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
  AddGuadalajaraMatch(response);
  AddManilaMatch(response);
  AddFilterOutcomes(response);
  AddHintSkipAndAdvice(response);
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
