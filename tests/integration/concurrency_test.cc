// Sixteen clients update the same provider at once, each from the etag it
// read: every round exactly one wins and the rest get ABORTED, and the final
// record is exactly the winners' edits in order (no lost update).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

constexpr int kClients = 16;
constexpr int kRounds = 25;

// The contested provider as it is now.
void GetContested(v1::RegistryService::Stub& stub, v1::GetProviderResponse* current) {
  v1::GetProviderRequest get;
  get.set_name("providers/contested");
  grpc::ClientContext context;
  ASSERT_TRUE(stub.GetProvider(&context, get, current).ok());
}

// All clients at once, each on a connection of its own to `port`, append
// their mark for `round` to the description of `current`, from its etag.
void UpdateAllAtOnce(int port, const v1::Provider& current, int round,
                     std::vector<grpc::Status>& results,
                     std::vector<v1::UpdateProviderResponse>& responses) {
  absl::Barrier* start = new absl::Barrier(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto own = RegistryStub(port);  // a connection of its own
      v1::UpdateProviderRequest update;
      update.mutable_provider()->set_name("providers/contested");
      update.mutable_provider()->set_etag(current.etag());
      update.mutable_provider()->set_description(
          absl::StrCat(current.description(), "[", round, ":", c, "]"));
      update.mutable_update_mask()->add_paths("description");
      grpc::ClientContext context;
      if (start->Block()) delete start;
      results[c] = own->UpdateProvider(&context, update, &responses[c]);
    });
  }
  for (auto& t : clients) t.join();
}

// Exactly one client of `round` won, making `revision` + 1, and its mark
// is appended to `expected`; the rest were ABORTED.
void ExpectOneWinner(int round, int64_t revision, const std::vector<grpc::Status>& results,
                     const std::vector<v1::UpdateProviderResponse>& responses,
                     std::string& expected) {
  int won = 0, aborted = 0;
  for (int c = 0; c < kClients; ++c) {
    if (results[c].ok()) {
      ++won;
      absl::StrAppend(&expected, "[", round, ":", c, "]");
      EXPECT_EQ(responses[c].provider().revision(), revision + 1);
    } else {
      EXPECT_EQ(results[c].error_code(), grpc::StatusCode::ABORTED) << results[c].error_message();
      EXPECT_EQ(ExpectMachineReadable(results[c]), "ETAG_MISMATCH");
      aborted += results[c].error_code() == grpc::StatusCode::ABORTED;
    }
  }
  ASSERT_EQ(won, 1) << "round " << round;
  EXPECT_EQ(aborted, kClients - 1) << "round " << round;
}

TEST(ConcurrencyTest, EtagsLetExactlyOneOfSixteenWinEachRound) {
  TestDatabase db;
  ServerOptions options = TestServerOptions(db.url());
  options.database.pool_size = 8;
  auto server = StartServerWith(options);
  ASSERT_NE(server, nullptr);
  auto stub = RegistryStub(server->port());
  v1::CreateProviderRequest create;
  *create.mutable_provider() = ValidProvider("contested");
  v1::CreateProviderResponse created;
  grpc::ClientContext c0;
  ASSERT_TRUE(stub->CreateProvider(&c0, create, &created).ok());

  std::string expected;  // the winners' marks, in order
  int64_t revision = created.provider().revision();
  for (int round = 0; round < kRounds; ++round) {
    // Everyone reads the same state, then all write at once.
    v1::GetProviderResponse current;
    ASSERT_NO_FATAL_FAILURE(GetContested(*stub, &current));
    std::vector<grpc::Status> results(kClients);
    std::vector<v1::UpdateProviderResponse> responses(kClients);
    UpdateAllAtOnce(server->port(), current.provider(), round, results, responses);
    ASSERT_NO_FATAL_FAILURE(ExpectOneWinner(round, revision, results, responses, expected));
    ++revision;
  }

  v1::GetProviderResponse final_state;
  ASSERT_NO_FATAL_FAILURE(GetContested(*stub, &final_state));
  EXPECT_EQ(final_state.provider().description(), expected);
  EXPECT_EQ(final_state.provider().revision(), 1 + kRounds);
  EXPECT_EQ(db.Query("SELECT count(*) FROM audit_events WHERE provider_id = 'contested' "
                     "AND action = 'UPDATE'"),
            absl::StrCat(kRounds));
}

}  // namespace
}  // namespace vendormatch::testing
