// The loader refuses every kind of bad plugin with a message naming the file,
// the field and both values; a plugin that fails during a match fails the
// match naming it, or is skipped, as its profile says.
#include "services/matching/plugin_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/field_violations.h"
#include "services/matching/pipeline.h"

namespace vendormatch {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

absl::Status LoadCase(const std::string& name) {
  return LoadPluginDirectory(absl::StrCat(VM_BAD_PLUGIN_ROOT, "/", name)).status();
}

TEST(PluginLoaderTest, RefusesALibraryWithoutAVersionRecord) {
  absl::Status s = LoadCase("no_entry");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(),
              AllOf(HasSubstr("vm_bad_no_entry.so"), HasSubstr("missing version record")));
}

TEST(PluginLoaderTest, RefusesADifferentSdkMajor) {
  EXPECT_THAT(LoadCase("sdk_major").message(),
              AllOf(HasSubstr("vm_bad_sdk_major.so"),
                    HasSubstr(absl::StrCat("sdk_major is ", sdk::kSdkMajor + 1, ", server has ",
                                           sdk::kSdkMajor))));
}

TEST(PluginLoaderTest, RefusesANewerSdkMinor) {
  EXPECT_THAT(LoadCase("sdk_minor").message(),
              AllOf(HasSubstr("vm_bad_sdk_minor.so"),
                    HasSubstr(absl::StrCat("sdk_minor is ", sdk::kSdkMinor + 1)),
                    HasSubstr("must not be newer")));
}

TEST(PluginLoaderTest, RefusesAnotherLayoutOfTheSdkTypes) {
  const absl::Status s = LoadCase("layout");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  const uint64_t other = sdk::layout_internal::Mix(sdk::kLayout, sizeof(void*));
  EXPECT_THAT(
      s.message(),
      AllOf(HasSubstr("vm_bad_layout.so"),
            HasSubstr(absl::StrCat("layout is ", absl::Hex(other, absl::kZeroPad16),
                                   ", server has ", absl::Hex(sdk::kLayout, absl::kZeroPad16))),
            HasSubstr("rebuild")));
}

TEST(PluginLoaderTest, TheLayoutIsWorkedOutAtCompileTimeAndTheRecordHasNoPadding) {
  static_assert(sdk::kLayout != 0);
  static_assert(sizeof(sdk::PluginVersionRecord) == 128);
  constexpr sdk::PluginVersionRecord record = sdk::MakeVersionRecord("x", "1");
  static_assert(record.layout == sdk::kLayout);
  EXPECT_TRUE(CheckVersionRecord(record, "x.so").ok());
  sdk::PluginVersionRecord other = record;
  other.layout ^= 1;
  EXPECT_THAT(CheckVersionRecord(other, "x.so").message(),
              AllOf(HasSubstr("x.so"), HasSubstr("layout is ")));
}

TEST(PluginLoaderTest, NamesAnOlderMajorByItsMajorWhateverItsRecordSize) {
  sdk::PluginVersionRecord r = sdk::MakeVersionRecord("old", "1");
  r.sdk_major = 2;
  r.record_size = 120;  // the SDK 2.x record, without `layout`
  EXPECT_THAT(CheckVersionRecord(r, "vm_old.so").message(),
              AllOf(HasSubstr("vm_old.so"), HasSubstr("sdk_major is 2, server has 3")));
  r.sdk_major = sdk::kSdkMajor;
  EXPECT_THAT(CheckVersionRecord(r, "vm_odd.so").message(),
              HasSubstr("record_size is 120, server has 128"));
}

TEST(PluginLoaderTest, RefusesAPluginThatOverridesNoStage) {
  const absl::Status s = LoadCase("no_stage");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("vm_bad_no_stage.so"),
                                 HasSubstr("overrides neither Filter nor Score")));
}

TEST(PluginLoaderTest, RefusesSettingSpecsThatContradictThemselves) {
  const absl::Status s = LoadCase("bad_spec");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(),
              AllOf(HasSubstr("vm_bad_bad_spec.so"), HasSubstr("setting limit: its default"),
                    HasSubstr("7 must be between 0 and 5")));
}

TEST(PluginLoaderTest, RefusesOtherLibraryVersions) {
  EXPECT_THAT(LoadCase("protobuf").message(),
              AllOf(HasSubstr("vm_bad_protobuf.so"),
                    HasSubstr(absl::StrCat("protobuf_version is ", GOOGLE_PROTOBUF_VERSION + 1,
                                           ", server has ", GOOGLE_PROTOBUF_VERSION))));
  EXPECT_THAT(LoadCase("abseil").message(),
              AllOf(HasSubstr("vm_bad_abseil.so"),
                    HasSubstr(absl::StrCat("abseil_lts is ", ABSL_LTS_RELEASE_VERSION - 1))));
  EXPECT_THAT(LoadCase("abi").message(),
              AllOf(HasSubstr("vm_bad_abi.so"),
                    HasSubstr(absl::StrCat("cxx_abi is ", __GXX_ABI_VERSION + 1))));
}

TEST(PluginLoaderTest, RefusesADuplicateName) {
  absl::Status s = LoadCase("duplicate");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("duplicate plugin name \"dup\""),
                                 HasSubstr("vm_dup_a.so"), HasSubstr("vm_dup_b.so")));
}

TEST(PluginLoaderTest, LoadsTheBuiltInsWithTheirInfo) {
  auto plugins = LoadPluginDirectory(VM_BUILTIN_PLUGIN_DIR);
  ASSERT_TRUE(plugins.ok()) << plugins.status();
  EXPECT_EQ(plugins->size(), 12u);
  for (const auto& p : *plugins) {
    EXPECT_FALSE(p.info.description.empty()) << p.name;
    EXPECT_EQ(p.sdk_major, sdk::kSdkMajor) << p.name;
    EXPECT_EQ(p.sdk_minor, sdk::kSdkMinor) << p.name;
    // The stages come from the entry: what each class overrides.
    EXPECT_EQ(p.stages, p.entry->stages) << p.name;
    EXPECT_TRUE(p.Has(sdk::kStageScore)) << p.name;
    EXPECT_TRUE(p.Has(sdk::kStageNormalize)) << p.name;
    EXPECT_TRUE(p.Has(sdk::kStageExplain)) << p.name;
    EXPECT_EQ(p.Has(sdk::kStageFilter), p.name != "collaboration") << p.name;
    for (const auto& spec : p.info.settings) {
      EXPECT_FALSE(spec.description.empty()) << p.name << " " << spec.name;
    }
  }
  auto find = [&](const std::string& name) {
    return *std::find_if(plugins->begin(), plugins->end(),
                         [&](const LoadedPlugin& p) { return p.name == name; });
  };
  EXPECT_EQ(sdk::StageNames(find("collaboration").stages),
            (std::vector<std::string>{"score", "normalize", "explain"}));
  EXPECT_EQ(sdk::StageNames(find("services").stages),
            (std::vector<std::string>{"prefilter", "filter", "score", "normalize", "explain",
                                      "verdicts", "fixes"}));
  EXPECT_TRUE(find("certifications").Has(sdk::kStageWarnings));
  EXPECT_FALSE(find("capacity").Has(sdk::kStagePrefilter));
  EXPECT_EQ(LoadPluginDirectory("/nonexistent/plugins").status().code(),
            absl::StatusCode::kNotFound);
}

// A one-provider snapshot and a profile with the faulty plugin in `mode`.
class FaultyPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadPluginDirectory(VM_FAULTY_PLUGIN_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    plugins_ = *std::move(loaded);
    v1::Provider p;
    p.set_name("providers/acme");
    p.set_status(v1::Provider::STATUS_ACTIVE);
    p.add_services("DATA_ENTRY");
    auto snapshot = BuildSnapshot({&p, 1}, /*dictionary=*/nullptr, /*revision=*/7);
    ASSERT_TRUE(snapshot.ok()) << snapshot.status();
    snapshot_ = *std::move(snapshot);
    sdk::Requirement& req = requirement_.req;  // codes stay text; the pipeline resolves them
    absl::LoadTimeZone("America/New_York", &req.client_time_zone);
    requirement_.codes.client_country = "US";
    req.client_hours = {sdk::Shift{0b11111, 9 * 60, 17 * 60}};
    req.start_date = absl::CivilDay(2027, 3, 1);
    req.start_day = sdk::DayNumberOf(req.start_date);
  }

  absl::StatusOr<v1::MatchProvidersResponse> Run(const std::string& mode,
                                                 v1::FailurePolicy policy) {
    v1::Profile profile;
    profile.set_name("profiles/test");
    auto* s = profile.add_plugins();
    s->set_plugin("faulty");
    s->set_filter_enabled(true);
    s->set_score_enabled(true);
    s->set_weight(10);
    s->set_max_weight(10);
    s->set_on_error(policy);
    (*s->mutable_settings())["mode"] = mode;
    auto compiled = CompileProfile(profile, plugins_);
    if (!compiled.ok()) return compiled.status();
    compiled_ = *compiled;
    MatchInput in;
    in.snapshot = snapshot_.get();
    in.profile = compiled_.get();
    in.requirement = &requirement_;
    in.exchange_rates = &rates_;
    return RunPipeline(in);
  }

  std::vector<LoadedPlugin> plugins_;
  std::shared_ptr<const Snapshot> snapshot_;
  ValidRequirement requirement_;
  ExchangeRates rates_ = ExchangeRates::Default();
  std::shared_ptr<const CompiledProfile> compiled_;
};

TEST_F(FaultyPluginTest, AWorkingPluginRanks) {
  auto r = Run("ok", v1::FAILURE_POLICY_FAIL);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->matches_size(), 1);
  EXPECT_EQ(r->snapshot_revision(), 7);
}

TEST_F(FaultyPluginTest, AThrowFailsTheMatchNamingThePlugin) {
  auto r = Run("throw", v1::FAILURE_POLICY_FAIL);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(r.status().message(),
              AllOf(HasSubstr("plugin faulty"), HasSubstr("Filter"), HasSubstr("deliberate")));
}

TEST_F(FaultyPluginTest, AnErrorOrNaNFailsTheMatchNamingThePlugin) {
  EXPECT_THAT(Run("error", v1::FAILURE_POLICY_FAIL).status().message(),
              AllOf(HasSubstr("plugin faulty"), HasSubstr("Score")));
  EXPECT_THAT(Run("nan", v1::FAILURE_POLICY_FAIL).status().message(),
              AllOf(HasSubstr("plugin faulty"), HasSubstr("not a number")));
}

TEST_F(FaultyPluginTest, AModeNotAmongTheChoicesIsNamed) {
  auto r = Run("explode", v1::FAILURE_POLICY_FAIL);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<FieldViolation> violations = ViolationsOf(r.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "profile.plugins[0].settings[mode]");
  EXPECT_EQ(violations[0].description,
            "faulty setting mode: \"explode\" is not one of ok, throw, error, nan");
}

TEST_F(FaultyPluginTest, SkipPolicyLeavesThePluginOutAndSaysSo) {
  auto r = Run("throw", v1::FAILURE_POLICY_SKIP);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->skipped_plugins_size(), 1);
  EXPECT_EQ(r->skipped_plugins(0).plugin(), "faulty");
  EXPECT_EQ(r->matches_size(), 1);  // The filter said nothing, so nobody is removed.
}

}  // namespace
}  // namespace vendormatch
