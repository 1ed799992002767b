// PostgreSQL going away under a running server: matches keep being served
// from the last snapshot, calls that need the database fail UNAVAILABLE,
// and once PostgreSQL is back the pool and the change listener reconnect by
// themselves. Each test stops and starts a private cluster of its own
// (tests/pg/cluster), never the shared one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::UnorderedElementsAreArray;

std::chrono::system_clock::time_point In(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

class OutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = absl::StrCat("/tmp/vm-outage-", getpid(), "-", counter++);
    ASSERT_TRUE(Cluster("start"));
    std::ifstream in(dir_ + "/url");
    std::getline(in, url_);
    url_ = std::string(absl::StripAsciiWhitespace(url_));
    ASSERT_FALSE(url_.empty());
    server_ = StartServer(url_);
    ASSERT_NE(server_, nullptr);
    registry_ = RegistryStub(server_->port());
    matching_ = v1::MatchingService::NewStub(ChannelTo(server_->port()));
  }
  void TearDown() override {
    registry_.reset();
    matching_.reset();
    server_.reset();
    Cluster("stop");
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  bool Cluster(const std::string& command) {
    const std::string line = absl::StrCat("'", VM_SOURCE_DIR, "/tests/pg/cluster' ", command, " '",
                                          dir_, "' >/dev/null");
    return std::system(line.c_str()) == 0;
  }

  grpc::Status Create(const std::string& id) {
    v1::CreateProviderRequest request;
    request.set_provider_id(id);
    *request.mutable_provider() = ValidProvider(id);
    grpc::ClientContext context;
    context.set_deadline(In(30));
    v1::CreateProviderResponse created;
    return registry_->CreateProvider(&context, request, &created);
  }

  grpc::Status Activate(const std::string& id) {
    v1::ActivateProviderRequest request;
    request.set_name(absl::StrCat("providers/", id));
    grpc::ClientContext context;
    context.set_deadline(In(30));
    v1::ActivateProviderResponse response;
    return registry_->ActivateProvider(&context, request, &response);
  }

  grpc::Status Get(const std::string& id) {
    v1::GetProviderRequest request;
    request.set_name(absl::StrCat("providers/", id));
    grpc::ClientContext context;
    context.set_deadline(In(30));
    v1::GetProviderResponse response;
    return registry_->GetProvider(&context, request, &response);
  }

  // Creates and activates `id`, retrying while PostgreSQL is unavailable
  // (at most `attempts` times); every failure must be UNAVAILABLE.
  void CreateActive(const std::string& id, int attempts = 1) {
    for (auto step : {&OutageTest::Create, &OutageTest::Activate}) {
      grpc::Status status;
      for (int i = 0; i < attempts; ++i) {
        status = (this->*step)(id);
        if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
        absl::SleepFor(absl::Milliseconds(200));
      }
      ASSERT_TRUE(status.ok()) << id << ": " << status.error_code() << " "
                               << status.error_message();
    }
  }

  // The providers a match for Manila's customer support returns.
  std::vector<std::string> Matched() {
    v1::MatchProvidersRequest request;
    auto* r = request.mutable_requirement();
    r->add_services("CUSTOMER_SUPPORT");
    r->set_client_country("US");
    r->set_client_time_zone("America/New_York");
    request.set_top_k(100);
    grpc::ClientContext context;
    context.set_deadline(In(30));
    v1::MatchProvidersResponse response;
    grpc::Status status = matching_->MatchProviders(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const auto& m : response.matches()) names.push_back(m.provider());
    return names;
  }

  // Waits (60 s at most) until the matches are exactly `ids`.
  void ExpectMatchesBecome(const std::vector<std::string>& ids) {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(absl::StrCat("providers/", id));
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    std::vector<std::string> matched = Matched();
    while (std::set(matched.begin(), matched.end()) != std::set(names.begin(), names.end()) &&
           absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(50));
      matched = Matched();
    }
    EXPECT_THAT(matched, UnorderedElementsAreArray(names));
  }

  std::string dir_, url_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::MatchingService::Stub> matching_;
};

TEST_F(OutageTest, MatchesOutliveAnOutageAndWritesResumeAfterIt) {
  std::vector<std::string> acknowledged = {"before-a", "before-b", "before-c"};
  for (const auto& id : acknowledged) CreateActive(id);
  ExpectMatchesBecome(acknowledged);
  const std::vector<std::string> before = Matched();

  ASSERT_TRUE(Cluster("stop"));
  // Matches: the same answer from the last snapshot.
  EXPECT_EQ(Matched(), before);
  // What needs PostgreSQL: UNAVAILABLE, within the client's deadline.
  const std::vector<std::string> refused = {"during-a", "during-b", "during-c"};
  for (const auto& id : refused) EXPECT_EQ(Create(id).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Get("before-a").error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Matched(), before);

  ASSERT_TRUE(Cluster("start"));
  CreateActive("after-a", /*attempts=*/100);
  acknowledged.push_back("after-a");
  // The change listener is back too: the new provider reaches the matches.
  ExpectMatchesBecome(acknowledged);
  for (const auto& id : acknowledged) EXPECT_TRUE(Get(id).ok()) << id;
  for (const auto& id : refused) EXPECT_EQ(Get(id).error_code(), grpc::StatusCode::NOT_FOUND);
}

// A restart while the pooled connections sit idle: the first write after it
// finds them broken at BEGIN and goes through on a fresh one.
TEST_F(OutageTest, RestartWhileIdleIsInvisibleToTheNextWrite) {
  CreateActive("before");
  ExpectMatchesBecome({"before"});
  ASSERT_TRUE(Cluster("stop"));
  ASSERT_TRUE(Cluster("start"));
  CreateActive("after");
  ExpectMatchesBecome({"before", "after"});
}

// One connection killed (on the shared cluster): in the middle of a
// transaction the call gets UNAVAILABLE; while idle in the pool, nobody
// notices. Either way the pool replaces it.
TEST(DatabaseReconnectTest, KilledConnectionsAreReplaced) {
  TestDatabase test_db;
  Database db({.url = test_db.url(), .pool_size = 1});
  auto kill = [&](const std::string& pid) {
    // Waits (up to 30 s) until the backend has gone.
    test_db.Query(absl::StrCat("SELECT pg_terminate_backend(", pid, ", 30000)"));
  };
  auto backend = [&] {
    std::string pid;
    EXPECT_TRUE(db.InTransaction([&](pqxx::work& txn) {
                    pid = txn.exec1("SELECT pg_backend_pid()")[0].as<std::string>();
                    return absl::OkStatus();
                  }).ok());
    return pid;
  };

  absl::Status status = db.InTransaction([&](pqxx::work& txn) {
    kill(txn.exec1("SELECT pg_backend_pid()")[0].as<std::string>());
    txn.exec("SELECT 1");
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_EQ(db.stats().broken_connections, 1);
  EXPECT_EQ(db.stats().open, 0);

  const std::string idle = backend();
  kill(idle);
  const std::string replacement = backend();
  EXPECT_FALSE(replacement.empty());
  EXPECT_NE(replacement, idle);
  EXPECT_EQ(db.stats().broken_connections, 2);
}

}  // namespace
}  // namespace vendormatch::testing
