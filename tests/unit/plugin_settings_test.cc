// SDK 3.0: plugins declare typed settings (SettingSpec) that profile
// compilation checks (each bad case below names its field) and fills with
// defaults, so Configure reads typed values that cannot fail; a plugin's
// stages are the ones its class overrides.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/common/field_violations.h"
#include "services/matching/pipeline.h"
#include "services/matching/plugin_loader.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch {
namespace {

using sdk::SettingSpec;
using sdk::SettingType;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::vector<LoadedPlugin>& BuiltIns() {
  static const auto* plugins = [] {
    auto loaded = LoadPluginDirectory(VM_TEST_PLUGIN_DIR);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new std::vector<LoadedPlugin>(loaded.ok() ? *std::move(loaded)
                                                     : std::vector<LoadedPlugin>());
  }();
  return *plugins;
}

// A profile of `plugin` (scoring, with weight) with these settings, compiled
// against the built-ins; its violations as "field: description".
std::vector<std::string> Violations(const std::string& plugin,
                                    const std::map<std::string, std::string>& settings) {
  v1::Profile profile;
  profile.set_name("profiles/test");
  auto* s = profile.add_plugins();
  s->set_plugin(plugin);
  s->set_score_enabled(true);
  s->set_weight(10);
  for (const auto& [key, value] : settings) (*s->mutable_settings())[key] = value;
  auto compiled = CompileProfile(profile, BuiltIns());
  std::vector<std::string> out;
  if (compiled.ok()) return out;
  EXPECT_EQ(compiled.status().code(), absl::StatusCode::kInvalidArgument);
  for (const FieldViolation& v : ViolationsOf(compiled.status())) {
    out.push_back(v.field + ": " + v.description);
  }
  return out;
}

TEST(ProfileSettingsTest, ValidSettingsAndNoSettingsCompile) {
  EXPECT_THAT(Violations("quality", {}), ElementsAre());
  EXPECT_THAT(Violations("quality", {{"prior_rating", "4"}, {"rating_floor", "4.99"}}),
              ElementsAre());
  EXPECT_THAT(Violations("delivery_model", {{"offshore", "100"}, {"onshore", "0"}}), ElementsAre());
  EXPECT_THAT(Violations("industry", {{"required", "true"}}), ElementsAre());
  EXPECT_THAT(Violations("rate", {{"currency", "EUR"}}), ElementsAre());
}

TEST(ProfileSettingsTest, UnknownSettingIsNamed) {
  EXPECT_THAT(Violations("quality", {{"prior_ratings", "4"}}),
              ElementsAre("profile.plugins[0].settings[prior_ratings]: quality setting "
                          "prior_ratings: unknown (it takes: prior_rating, prior_reviews, "
                          "sla_weight, rating_floor, sla_floor)"));
}

TEST(ProfileSettingsTest, AnySettingOfAPluginWithoutSettingsIsNamed) {
  EXPECT_THAT(Violations("services", {{"mode", "any"}}),
              ElementsAre("profile.plugins[0].settings[mode]: services setting mode: unknown "
                          "(the plugin takes no settings)"));
}

TEST(ProfileSettingsTest, NumberOfTheWrongTypeIsNamed) {
  EXPECT_THAT(Violations("delivery_model", {{"nearshore", "high"}}),
              ElementsAre("profile.plugins[0].settings[nearshore]: delivery_model setting "
                          "nearshore: \"high\" is not a number"));
  EXPECT_THAT(Violations("quality", {{"sla_weight", "nan"}}),
              ElementsAre(HasSubstr("settings[sla_weight]: quality setting sla_weight: \"nan\" "
                                    "is not a number")));
  EXPECT_THAT(Violations("quality", {{"prior_reviews", ""}}),
              ElementsAre(HasSubstr("settings[prior_reviews]")));
}

TEST(ProfileSettingsTest, BoolOfTheWrongTypeIsNamed) {
  EXPECT_THAT(Violations("industry", {{"required", "sometimes"}}),
              ElementsAre("profile.plugins[0].settings[required]: industry setting required: "
                          "\"sometimes\" is not true or false"));
}

TEST(ProfileSettingsTest, NumberOutOfRangeIsNamed) {
  EXPECT_THAT(Violations("delivery_model", {{"offshore", "101"}}),
              ElementsAre("profile.plugins[0].settings[offshore]: delivery_model setting "
                          "offshore: 101 must be between 0 and 100"));
  EXPECT_THAT(Violations("quality", {{"prior_reviews", "-1"}}),
              ElementsAre(HasSubstr("settings[prior_reviews]: quality setting prior_reviews: -1 "
                                    "must be at least 0")));
}

TEST(ProfileSettingsTest, NumberAtAnExclusiveBoundIsNamed) {
  EXPECT_THAT(Violations("quality", {{"rating_floor", "5"}}),
              ElementsAre(HasSubstr("settings[rating_floor]: quality setting rating_floor: 5 "
                                    "must be at least 0 and below 5")));
}

TEST(ProfileSettingsTest, ARefusalOfConfigureNamesTheSettings) {
  // What a spec cannot state (the form of a currency code) is Configure's.
  EXPECT_THAT(
      Violations("rate", {{"currency", "usd"}}),
      ElementsAre(AllOf(HasSubstr("profile.plugins[0].settings: "),
                        HasSubstr("plugin rate failed in Configure"), HasSubstr("ISO 4217"))));
}

TEST(ProfileSettingsTest, EveryBadSettingIsNamedOnce) {
  EXPECT_THAT(Violations("quality", {{"prior_rating", "6"}, {"sla_floor", "100"}, {"x", "1"}}),
              ElementsAre(HasSubstr("settings[prior_rating]: quality setting prior_rating: 6 "
                                    "must be between 0 and 5"),
                          HasSubstr("settings[sla_floor]: quality setting sla_floor: 100 must be "
                                    "at least 0 and below 100"),
                          HasSubstr("settings[x]: quality setting x: unknown")));
}

TEST(ProfileSettingsTest, AStageTheClassDoesNotOverrideCannotBeEnabled) {
  v1::Profile profile;
  profile.set_name("profiles/test");
  auto* s = profile.add_plugins();
  s->set_plugin("collaboration");  // overrides Score and Normalize, not Filter
  s->set_filter_enabled(true);
  s->set_score_enabled(true);
  s->set_weight(10);
  auto compiled = CompileProfile(profile, BuiltIns());
  ASSERT_FALSE(compiled.ok());
  ASSERT_EQ(ViolationsOf(compiled.status()).size(), 1u);
  EXPECT_EQ(ViolationsOf(compiled.status())[0].field, "profile.plugins[0].filter_enabled");
  EXPECT_EQ(ViolationsOf(compiled.status())[0].description, "collaboration has no filter stage");
}

// ---- The SDK's side -------------------------------------------------------

std::vector<SettingSpec> Specs() {
  return {SettingSpec::Number("weight", 0.5, 0, 1, "a share"),
          SettingSpec::Integer("limit", 10, 1, 100, "a count"),
          SettingSpec::Bool("strict", false, "a switch"),
          SettingSpec::String("label", "none", "a text"),
          SettingSpec::OneOf("mode", {"mean", "max"}, "mean", "a choice"),
          SettingSpec::Number("floor", 3, 0, 5, "below the top").MaxExclusive()};
}

// Resolve's problems as "name: message".
std::vector<std::string> Problems(const std::map<std::string, std::string>& values) {
  std::vector<sdk::Settings::Problem> problems;
  sdk::Settings::Resolve(Specs(), values, problems);
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.name + ": " + p.message);
  return out;
}

TEST(SettingSpecTest, FactoriesWriteTheDefaultsAsText) {
  const std::vector<SettingSpec> specs = Specs();
  EXPECT_EQ(specs[0].default_value, "0.5");
  EXPECT_EQ(specs[0].type, SettingType::kNumber);
  EXPECT_EQ(specs[1].default_value, "10");
  EXPECT_EQ(specs[1].type, SettingType::kInteger);
  EXPECT_EQ(specs[1].min, 1);
  EXPECT_EQ(specs[2].default_value, "false");
  EXPECT_EQ(specs[3].default_value, "none");
  EXPECT_THAT(specs[4].choices, ElementsAre("mean", "max"));
  EXPECT_TRUE(specs[5].max_exclusive);
  for (const SettingSpec& spec : specs) EXPECT_EQ(sdk::CheckSetting(spec, spec.default_value), "");
}

TEST(SettingSpecTest, DefaultsFillWhatIsNotSetAndGettersAreTyped) {
  std::vector<sdk::Settings::Problem> problems;
  const sdk::Settings settings =
      sdk::Settings::Resolve(Specs(), {{"limit", "42"}, {"strict", "TRUE"}}, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_DOUBLE_EQ(settings.Number("weight"), 0.5);
  EXPECT_EQ(settings.Integer("limit"), 42);
  EXPECT_DOUBLE_EQ(settings.Number("limit"), 42);  // an integer reads as a number too
  EXPECT_TRUE(settings.Bool("strict"));
  EXPECT_EQ(settings.String("label"), "none");
  EXPECT_EQ(settings.String("mode"), "mean");
  EXPECT_DOUBLE_EQ(settings.Number("floor"), 3);
  EXPECT_EQ(settings.values().size(), 6u);
  EXPECT_EQ(settings.values().at("strict").text, "TRUE");
}

TEST(SettingSpecTest, EachKindOfBadValueIsNamed) {
  EXPECT_THAT(Problems({{"wieght", "1"}}),
              ElementsAre("wieght: unknown (it takes: weight, limit, strict, label, mode, floor)"));
  EXPECT_THAT(Problems({{"weight", "half"}}), ElementsAre("weight: \"half\" is not a number"));
  EXPECT_THAT(Problems({{"weight", "inf"}}), ElementsAre("weight: \"inf\" is not a number"));
  EXPECT_THAT(Problems({{"weight", "1.5"}}), ElementsAre("weight: 1.5 must be between 0 and 1"));
  EXPECT_THAT(Problems({{"limit", "2.5"}}), ElementsAre("limit: \"2.5\" is not a whole number"));
  EXPECT_THAT(Problems({{"limit", "0"}}), ElementsAre("limit: 0 must be between 1 and 100"));
  EXPECT_THAT(Problems({{"strict", "maybe"}}),
              ElementsAre("strict: \"maybe\" is not true or false"));
  EXPECT_THAT(Problems({{"mode", "median"}}),
              ElementsAre("mode: \"median\" is not one of mean, max"));
  EXPECT_THAT(Problems({{"floor", "5"}}), ElementsAre("floor: 5 must be at least 0 and below 5"));
  EXPECT_THAT(Problems({{"label", ""}}), ElementsAre());  // any text is a string
}

TEST(SettingSpecTest, AskingForAnUndeclaredOrMistypedSettingIsAPluginBug) {
  std::vector<sdk::Settings::Problem> problems;
  const sdk::Settings settings = sdk::Settings::Resolve(Specs(), {}, problems);
  EXPECT_THROW(settings.Number("nope"), std::logic_error);
  EXPECT_THROW(settings.Bool("weight"), std::logic_error);
  EXPECT_THROW(settings.Integer("weight"), std::logic_error);
  EXPECT_THROW(settings.String("limit"), std::logic_error);
}

// ---- Stages from overrides -------------------------------------------------

class ScoreOnly : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override { return {}; }
  absl::Status Score(const sdk::MatchContext&, std::span<const sdk::Candidate>,
                     std::span<sdk::ScoreResult>) const override {
    return absl::OkStatus();
  }
};

class FilterToo final : public ScoreOnly {
 public:
  absl::Status Filter(const sdk::MatchContext&, std::span<const sdk::Candidate>,
                      std::span<sdk::FilterResult>) const override {
    return absl::OkStatus();
  }
  absl::Status Normalize(const sdk::MatchContext&, std::span<sdk::ScoreResult>) const override {
    return absl::OkStatus();
  }
  void Fixes(const sdk::MatchContext&, const sdk::Candidate&,
             std::vector<sdk::Change>&) const override {}
};

TEST(StagesTest, AreTheOverriddenFunctionsWorkedOutAtCompileTime) {
  static_assert(sdk::StagesOf<ScoreOnly>() == sdk::kStageScore);
  static_assert(sdk::StagesOf<FilterToo>() ==
                (sdk::kStageFilter | sdk::kStageScore | sdk::kStageNormalize | sdk::kStageFixes));
  EXPECT_THAT(sdk::StageNames(sdk::StagesOf<FilterToo>()),
              ElementsAre("filter", "score", "normalize", "fixes"));
  EXPECT_THAT(sdk::StageNames(0), ElementsAre());
}

}  // namespace
}  // namespace vendormatch
