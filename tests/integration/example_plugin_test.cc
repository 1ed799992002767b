// The out-of-tree example plugin (plugins/examples/sustainability, built by
// the example/* CTest steps against the installed SDK only) dropped into a
// server's plugin directory: it loads, scores, and changes a ranking.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "services/ctl/provider_io.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

namespace fs = std::filesystem;

// A plugin directory `dir`: the built-ins plus the example.
void MakePluginDirectory(const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(VM_TEST_PLUGIN_DIR)) {
    fs::copy_file(entry.path(), dir / entry.path().filename());
  }
  ASSERT_TRUE(fs::exists(VM_EXAMPLE_PLUGIN)) << "build it with the example/* tests first";
  fs::copy_file(VM_EXAMPLE_PLUGIN, dir / "vm_sustainability.so");
}

// The sample providers, imported and in the matcher's snapshot.
void ImportTheSample(Server& server) {
  auto providers =
      ctl::ParseProvidersFile(absl::StrCat(VM_SOURCE_DIR, "/deploy/local/sample/providers.yaml"));
  ASSERT_TRUE(providers.ok());
  v1::ImportProvidersRequest import;
  for (auto& p : *providers) *import.add_providers() = std::move(p);
  v1::ImportProvidersResponse imported;
  grpc::ClientContext c0;
  ASSERT_TRUE(RegistryStub(server.port())->ImportProviders(&c0, import, &imported).ok());
  ASSERT_TRUE(server.matcher().Refresh().ok());
}

// "green": balanced plus the example plugin.
void CreateGreenProfile(v1::MatchingService::Stub& stub) {
  v1::GetProfileRequest get;
  get.set_name("profiles/balanced");
  v1::GetProfileResponse balanced;
  grpc::ClientContext c2;
  ASSERT_TRUE(stub.GetProfile(&c2, get, &balanced).ok());
  v1::CreateProfileRequest create;
  create.set_profile_id("green");
  *create.mutable_profile() = balanced.profile();
  auto* plugin = create.mutable_profile()->add_plugins();
  plugin->set_plugin("sustainability");
  plugin->set_score_enabled(true);
  plugin->set_weight(40);
  plugin->set_max_weight(100);
  v1::CreateProfileResponse created;
  grpc::ClientContext c3;
  grpc::Status status = stub.CreateProfile(&c3, create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

// Compared with balanced, "green" has the example's scores and a ranking of
// its own.
void ExpectGreenScoresAndRanksDifferently(v1::MatchingService::Stub& stub) {
  v1::CompareProfilesRequest compare;
  auto* r = compare.mutable_requirement();
  r->add_services("CUSTOMER_SUPPORT");
  r->set_client_country("US");
  r->set_client_time_zone("America/New_York");
  compare.set_profile_a("profiles/balanced");
  compare.set_profile_b("profiles/green");
  compare.set_top_k(20);
  v1::CompareProfilesResponse result;
  grpc::ClientContext c4;
  ASSERT_TRUE(stub.CompareProfiles(&c4, compare, &result).ok());
  bool scored = false;
  for (const auto& s : result.result_b().matches(0).scores()) {
    if (s.plugin() == "sustainability") scored = !s.reason().empty();
  }
  EXPECT_TRUE(scored);
  int moved = 0;
  for (const auto& c : result.rank_changes()) moved += c.rank_a() != c.rank_b();
  EXPECT_GT(moved, 0);
}

TEST(ExamplePluginTest, DroppedInItScoresAndChangesTheRanking) {
  const fs::path dir = fs::temp_directory_path() / absl::StrCat("vm-plugins-", getpid());
  ASSERT_NO_FATAL_FAILURE(MakePluginDirectory(dir));

  TestDatabase db;
  auto server = StartServer(db.url(), dir.string());
  ASSERT_NE(server, nullptr);
  ASSERT_NO_FATAL_FAILURE(ImportTheSample(*server));
  auto stub = v1::MatchingService::NewStub(ChannelTo(server->port()));

  v1::ListPluginsResponse plugins;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub->ListPlugins(&c1, {}, &plugins).ok());
  EXPECT_THAT(plugins.plugins(),
              ::testing::Contains(::testing::Property(&v1::PluginInfo::name, "sustainability")));

  ASSERT_NO_FATAL_FAILURE(CreateGreenProfile(*stub));
  ASSERT_NO_FATAL_FAILURE(ExpectGreenScoresAndRanksDifferently(*stub));
  server.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vendormatch::testing
