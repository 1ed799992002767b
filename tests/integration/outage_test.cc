// PostgreSQL going away under a running server: matches keep being served
// from the last snapshot, calls that need the database fail UNAVAILABLE,
// and once PostgreSQL is back the pool and the change listener reconnect by
// themselves. Each test stops and starts a private cluster of its own
// (tests/pg/cluster), never the shared one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <thread>

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

// The answer one write got.
struct Outcome {
  std::string id;
  grpc::StatusCode code;
  absl::Time at;
};

// Writers and matchers running through a crash, and what they were told.
struct Load {
  explicit Load(int writers) : writes(writers) {}

  // The first successful write after `t` (InfiniteFuture if none yet).
  absl::Time FirstOkAfter(absl::Time t) {
    absl::Time first = absl::InfiniteFuture();
    std::lock_guard lock(writes_mu);
    for (const auto& list : writes) {
      for (const auto& o : list) {
        if (o.code == grpc::StatusCode::OK && o.at > t) first = std::min(first, o.at);
      }
    }
    return first;
  }

  std::atomic<bool> stop{false};
  std::mutex writes_mu;  // the main thread reads `writes` while they run
  std::vector<std::vector<Outcome>> writes;
  std::atomic<int> matches_ok{0}, matches_failed{0};
};

// The writes by the answer they got, as checked against the database.
struct Tally {
  int ok = 0, failed = 0, failed_but_committed = 0;
};

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
    // Commits acknowledged only once in the WAL, so a crash loses none.
    const std::string line =
        absl::StrCat("VENDORMATCH_PG_SYNCHRONOUS_COMMIT=on '", VM_SOURCE_DIR, "/tests/pg/cluster' ",
                     command, " '", dir_, "' >/dev/null");
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

  // The clients of ACrashUnderConcurrentWritesAndMatchesLosesNothing.
  void WriteUntilStopped(Load& load, int w);
  void MatchUntilStopped(Load& load);
  Tally CheckAgainstTheDatabase(const std::vector<std::vector<Outcome>>& writes);

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
  for (const auto& id : refused) {
    const grpc::Status status = Create(id);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
    ExpectMachineReadable(status);  // with RetryInfo
  }
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

// Writer `w`: creates active providers one after the other until told to stop.
void OutageTest::WriteUntilStopped(Load& load, int w) {
  for (int i = 0; !load.stop; ++i) {
    const std::string id = absl::StrCat("w", w, "-", i);
    v1::CreateProviderRequest request;
    request.set_provider_id(id);
    *request.mutable_provider() = ValidProvider(id);
    request.mutable_provider()->set_status(v1::Provider::STATUS_ACTIVE);
    grpc::ClientContext context;
    context.set_deadline(In(30));
    v1::CreateProviderResponse created;
    const grpc::Status status = registry_->CreateProvider(&context, request, &created);
    {
      std::lock_guard lock(load.writes_mu);
      load.writes[w].push_back({id, status.error_code(), absl::Now()});
    }
    if (!status.ok()) absl::SleepFor(absl::Milliseconds(20));
  }
}

// A matcher: matches until told to stop, counting answers that saw the base.
void OutageTest::MatchUntilStopped(Load& load) {
  while (!load.stop) {
    v1::MatchProvidersRequest request;
    *request.mutable_requirement() = UsClient({"CUSTOMER_SUPPORT"});
    grpc::ClientContext context;
    context.set_deadline(In(30));
    v1::MatchProvidersResponse response;
    if (matching_->MatchProviders(&context, request, &response).ok() &&
        response.candidates_considered() >= 5) {
      ++load.matches_ok;
    } else {
      ++load.matches_failed;
    }
  }
}

// What the database holds, checked against what each client was told.
Tally OutageTest::CheckAgainstTheDatabase(const std::vector<std::vector<Outcome>>& writes) {
  pqxx::connection c(url_);
  pqxx::nontransaction q(c);
  Tally tally;
  for (const auto& list : writes) {
    for (const auto& o : list) {
      auto rows = q.exec_params(
          "SELECT (SELECT count(*) FROM providers WHERE id = $1), "
          "       (SELECT count(*) FROM audit_events WHERE provider_id = $1)",
          o.id);
      const int providers = rows[0][0].as<int>(), audits = rows[0][1].as<int>();
      EXPECT_EQ(providers, audits) << o.id << " is half there";
      if (o.code == grpc::StatusCode::OK) {
        ++tally.ok;
        EXPECT_EQ(providers, 1) << o.id << " was acknowledged but is missing";
      } else {
        ++tally.failed;
        EXPECT_EQ(o.code, grpc::StatusCode::UNAVAILABLE) << o.id;
        tally.failed_but_committed += providers;  // commit in doubt: all there
      }
    }
  }
  return tally;
}

// PostgreSQL killed without warning while clients write and match, then
// restarted: matches answer throughout, every write gets an answer, every
// acknowledged write is there afterwards, nothing is half there, and writes
// succeed again within 5 s of PostgreSQL's return.
TEST_F(OutageTest, ACrashUnderConcurrentWritesAndMatchesLosesNothing) {
  for (int i = 0; i < 5; ++i) CreateActive(absl::StrCat("base-", i));
  const absl::Time visible = absl::Now() + absl::Seconds(10);
  while (Matched().size() < 5 && absl::Now() < visible) absl::SleepFor(absl::Milliseconds(10));
  ASSERT_EQ(Matched().size(), 5u);

  constexpr int kWriters = 4, kMatchers = 2;
  Load load(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] { WriteUntilStopped(load, w); });
  }
  for (int m = 0; m < kMatchers; ++m) {
    threads.emplace_back([&] { MatchUntilStopped(load); });
  }

  absl::SleepFor(absl::Milliseconds(700));
  ASSERT_TRUE(Cluster("crash"));
  absl::SleepFor(absl::Milliseconds(700));
  ASSERT_TRUE(Cluster("start"));
  const absl::Time back = absl::Now();
  // Run on until writes have succeeded again for a while (or give up).
  absl::Time recovered = absl::InfiniteFuture();
  for (const absl::Time give_up = back + absl::Seconds(20);
       absl::Now() < give_up && (recovered = load.FirstOkAfter(back)) == absl::InfiniteFuture();) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  absl::SleepFor(absl::Milliseconds(500));
  load.stop = true;
  for (auto& t : threads) t.join();

  const Tally tally = CheckAgainstTheDatabase(load.writes);
  EXPECT_EQ(load.matches_failed.load(), 0);
  EXPECT_GT(tally.failed, 0) << "the crash did not hit any write";
  ASSERT_NE(recovered, absl::InfiniteFuture()) << "writes never succeeded again";
  EXPECT_LE(recovered - back, absl::Seconds(5));
  std::cout << "crash under load: " << tally.ok << " writes acknowledged (all present), "
            << tally.failed << " refused (" << tally.failed_but_committed
            << " of them committed whole, in doubt), " << load.matches_ok.load()
            << " matches answered, " << load.matches_failed.load()
            << " failed; writes succeeded again " << absl::FormatDuration(recovered - back)
            << " after PostgreSQL was back\n";
}

}  // namespace
}  // namespace vendormatch::testing
