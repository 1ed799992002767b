// Shutdown of the real vendormatch-server binary: on SIGTERM health turns
// NOT_SERVING, new calls are refused, the calls in flight finish, and the
// process exits 0. Calls are held in flight by the "slow" test plugin
// (tests/plugins/slow.cc), which waits for a file the test creates, so no
// step depends on timing.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/integration/server_process.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

namespace fs = std::filesystem;
using grpc::health::v1::HealthCheckResponse;
using ::testing::AnyOf;

std::chrono::system_clock::time_point In(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

int CountEntered(const fs::path& gate) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(gate)) {
    n += entry.path().filename().string().starts_with("entered-");
  }
  return n;
}

// The built-in plugins and the slow one, into `plugins`.
void CopyPluginsAndTheSlowOne(const fs::path& plugins) {
  for (const auto& entry : fs::directory_iterator(VM_TEST_PLUGIN_DIR)) {
    fs::copy_file(entry.path(), plugins / entry.path().filename());
  }
  fs::copy_file(VM_SLOW_PLUGIN, plugins / "vm_slow.so");
}

// Profile "slow": balanced plus the slow filter, waiting on `gate`.
void CreateSlowProfile(v1::MatchingService::Stub& matching, const fs::path& gate) {
  v1::GetProfileRequest get;
  get.set_name("profiles/balanced");
  v1::GetProfileResponse balanced;
  grpc::ClientContext c1;
  ASSERT_TRUE(matching.GetProfile(&c1, get, &balanced).ok());
  v1::CreateProfileRequest create;
  create.set_profile_id("slow");
  *create.mutable_profile() = balanced.profile();
  auto* slow = create.mutable_profile()->add_plugins();
  slow->set_plugin("slow");
  slow->set_filter_enabled(true);
  (*slow->mutable_settings())["gate_dir"] = gate.string();
  v1::CreateProfileResponse created;
  grpc::ClientContext c2;
  grpc::Status status = matching.CreateProfile(&c2, create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

// Health watchers of the server and of each service.
struct HealthWatches {
  const std::vector<std::string> names = {"", "vendormatch.v1.RegistryService",
                                          "vendormatch.v1.MatchingService"};
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReaderInterface<HealthCheckResponse>>> readers;
};

// Starts watching each of `watches.names`, each SERVING to begin with.
void WatchHealth(grpc::health::v1::Health::Stub& health, HealthWatches& watches) {
  for (const auto& name : watches.names) {
    watches.contexts.push_back(std::make_unique<grpc::ClientContext>());
    watches.contexts.back()->set_deadline(In(120));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(name);
    watches.readers.push_back(health.Watch(watches.contexts.back().get(), request));
    HealthCheckResponse response;
    ASSERT_TRUE(watches.readers.back()->Read(&response)) << name;
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << name;
  }
}

// Each watch turns NOT_SERVING; then it is ended.
void ExpectNotServing(HealthWatches& watches) {
  for (size_t i = 0; i < watches.readers.size(); ++i) {
    HealthCheckResponse response;
    bool not_serving = false;
    while (!not_serving && watches.readers[i]->Read(&response)) {
      not_serving = response.status() == HealthCheckResponse::NOT_SERVING;
    }
    EXPECT_TRUE(not_serving) << "health of \"" << watches.names[i] << "\"";
    watches.contexts[i]->TryCancel();
    watches.readers[i]->Finish().IgnoreError();
  }
}

// A match under profile "slow", held in the slow filter until the gate opens.
grpc::Status SlowMatch(v1::MatchingService::Stub& matching, v1::MatchProvidersResponse* response) {
  v1::MatchProvidersRequest request;
  request.set_profile("profiles/slow");
  auto* r = request.mutable_requirement();
  r->add_services("CUSTOMER_SUPPORT");
  r->set_client_country("US");
  r->set_client_time_zone("America/New_York");
  grpc::ClientContext context;
  context.set_deadline(In(120));
  return matching.MatchProviders(&context, request, response);
}

// Lets the calls held in the slow filter go, and waits for them.
void OpenGateAndJoin(const fs::path& gate, std::vector<std::thread>& calls) {
  std::ofstream(gate / "open").put('\n');
  for (auto& call : calls) {
    if (call.joinable()) call.join();
  }
}

// Waits (60 s at most) until `n` calls have entered the slow filter.
void WaitUntilEntered(const fs::path& gate, int n) {
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (CountEntered(gate) < n && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
}

// New calls are refused. On the connection in use, a call racing the
// shutdown may still pass (before it) or be CANCELLED by gRPC (arriving
// while the server stops accepting); from then on: UNAVAILABLE. And a new
// connection to `port` is refused.
void ExpectNewCallsRefused(v1::MatchingService::Stub& matching, int port) {
  grpc::StatusCode code = grpc::StatusCode::OK;
  for (int attempt = 0; attempt < 200 && code != grpc::StatusCode::UNAVAILABLE; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(In(30));
    v1::ListPluginsResponse listed;
    code = matching.ListPlugins(&context, {}, &listed).error_code();
    EXPECT_THAT(code, AnyOf(grpc::StatusCode::OK, grpc::StatusCode::CANCELLED,
                            grpc::StatusCode::UNAVAILABLE));
    if (code != grpc::StatusCode::UNAVAILABLE) absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(code, grpc::StatusCode::UNAVAILABLE);
  // A new connection is refused (a channel with a subchannel of its own;
  // channels share connections otherwise).
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto fresh = grpc::health::v1::Health::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args));
  grpc::ClientContext check_context;
  check_context.set_deadline(In(30));
  HealthCheckResponse checked;
  EXPECT_EQ(fresh->Check(&check_context, {}, &checked).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST(LifecycleTest, SigtermDrainsCallsInFlightAndExitsZero) {
  // Plugins: the built-ins and the slow one; a gate folder it waits on.
  const fs::path root = fs::temp_directory_path() / absl::StrCat("vm-lifecycle-", getpid());
  const fs::path plugins = root / "plugins", gate = root / "gate";
  fs::create_directories(plugins);
  fs::create_directories(gate);
  absl::Cleanup remove_root = [&] { fs::remove_all(root); };
  CopyPluginsAndTheSlowOne(plugins);

  TestDatabase db;
  ServerProcess server(
      {VM_SERVER_BINARY, "--listen=127.0.0.1:0", absl::StrCat("--database_url=", db.url()),
       absl::StrCat("--plugin_dir=", plugins.string())},
      {absl::StrCat("VENDORMATCH_ADMIN_KEY=", kTestAdminKey)});
  ASSERT_GT(server.pid(), 0);
  const int port = server.WaitForPort(absl::Seconds(60));
  ASSERT_GT(port, 0) << server.output();
  auto channel = ChannelTo(port);
  auto matching = v1::MatchingService::NewStub(channel);
  auto health = grpc::health::v1::Health::NewStub(channel);
  ASSERT_NO_FATAL_FAILURE(CreateSlowProfile(*matching, gate));

  // Health watchers, SERVING before the signal.
  HealthWatches watches;
  ASSERT_NO_FATAL_FAILURE(WatchHealth(*health, watches));

  // Slow matches, each held in the slow filter until the gate opens.
  constexpr int kInFlight = 3;
  std::vector<grpc::Status> results(kInFlight);
  std::vector<v1::MatchProvidersResponse> responses(kInFlight);
  std::vector<std::thread> calls;
  auto open_gate_and_join = [&] { OpenGateAndJoin(gate, calls); };
  // However the test ends (a failed ASSERT returns early).
  absl::Cleanup joined = open_gate_and_join;
  for (int i = 0; i < kInFlight; ++i) {
    calls.emplace_back([&, i] { results[i] = SlowMatch(*matching, &responses[i]); });
  }
  WaitUntilEntered(gate, kInFlight);
  ASSERT_EQ(CountEntered(gate), kInFlight) << server.output();

  ASSERT_EQ(kill(server.pid(), SIGTERM), 0);

  // Health says NOT_SERVING for the server and each service, at once (the
  // calls in flight are still waiting).
  ExpectNotServing(watches);
  ExpectNewCallsRefused(*matching, port);

  // Open the gate: every call in flight completes.
  open_gate_and_join();
  for (int i = 0; i < kInFlight; ++i) {
    EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].error_message();
    EXPECT_EQ(responses[i].profile(), "profiles/slow");
  }
  EXPECT_EQ(server.WaitForExit(absl::Seconds(60)), 0) << server.output();
}

// PostgreSQL away at start: the server retries with a growing delay, one
// warning line per attempt, then fails with one readable line.
TEST(LifecycleTest, AnUnreachableDatabaseIsRetriedWithBackoffThenNamed) {
  const std::string socket_dir = absl::StrCat("/tmp/vm-no-pg-", getpid());
  ServerProcess server(
      {VM_SERVER_BINARY, "--listen=127.0.0.1:0", "--database_wait=4s", "--log_format=json",
       absl::StrCat("--database_url=postgresql:///none?host=", socket_dir,
                    "&port=5999&connect_timeout=1")},
      {});
  ASSERT_GT(server.pid(), 0);
  EXPECT_EQ(server.WaitForExit(absl::Seconds(30)), 1) << server.output();
  int warnings = 0;
  std::vector<std::string> delays;
  std::string failure;
  for (absl::string_view line : absl::StrSplit(server.output(), '\n', absl::SkipEmpty())) {
    if (!absl::StartsWith(line, "{")) continue;
    const auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
      ADD_FAILURE() << "not one JSON object: " << line;
      continue;
    }
    if (json["msg"] == "database not reachable yet") {
      ++warnings;
      delays.push_back(json["retry_in"]);
      EXPECT_EQ(json["attempt"], warnings);
    }
    if (json["msg"].get<std::string>().starts_with("cannot start")) failure = json["msg"];
  }
  // 100 ms, 200 ms, 400 ms, 800 ms, 1.6 s: within 4 s, a handful, doubling.
  EXPECT_GE(warnings, 3);
  EXPECT_LE(warnings, 6);
  ASSERT_GE(delays.size(), 3u);
  EXPECT_EQ(delays[0], "100ms");
  EXPECT_EQ(delays[1], "200ms");
  EXPECT_EQ(delays[2], "400ms");
  EXPECT_THAT(failure, ::testing::StartsWith("cannot start: UNAVAILABLE: database unavailable"));
  EXPECT_THAT(failure, ::testing::Not(::testing::HasSubstr("type.googleapis.com")));
}

}  // namespace
}  // namespace vendormatch::testing
