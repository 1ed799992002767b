// The server killed with SIGKILL in the middle of an import: after a
// restart the import is either all there or not at all (one transaction).
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/integration/server_process.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

constexpr int kBatch = 10000;

std::unique_ptr<ServerProcess> StartProcess(const TestDatabase& db, int* port) {
  auto process = std::make_unique<ServerProcess>(
      std::vector<std::string>{
          VM_SERVER_BINARY, "--listen=127.0.0.1:0", absl::StrCat("--database_url=", db.url()),
          absl::StrCat("--plugin_dir=", VM_TEST_PLUGIN_DIR), "--log_format=text"},
      std::vector<std::string>{absl::StrCat("VENDORMATCH_ADMIN_KEY=", kTestAdminKey)});
  *port = process->WaitForPort(absl::Seconds(60));
  return process;
}

TEST(CrashTest, AnImportKilledMidwayIsAllThereOrNotAtAll) {
  TestDatabase db;
  int port = 0;
  auto server = StartProcess(db, &port);
  ASSERT_GT(port, 0) << server->output();

  v1::ImportProvidersRequest import;
  import.set_mode(v1::ImportProvidersRequest::MODE_CREATE);
  for (int i = 0; i < kBatch; ++i)
    *import.add_providers() = ValidProvider(absl::StrCat("bulk-", i));
  grpc::Status import_status;
  std::thread importer([&] {
    auto stub = RegistryStub(port);
    v1::ImportProvidersResponse response;
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(120)));
    import_status = stub->ImportProviders(&context, import, &response);
  });

  // Kill it once its transaction has written something (it has an xid);
  // the providers and their audit rows go in with COPY.
  const std::string writing =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
      "AND application_name = 'vendormatch' AND backend_xid IS NOT NULL";
  bool seen = false;
  for (absl::Time until = absl::Now() + absl::Seconds(60); !seen && absl::Now() < until;) {
    seen = db.Query(writing) != "0";
  }
  ASSERT_EQ(kill(server->pid(), SIGKILL), 0);
  importer.join();
  ASSERT_TRUE(seen) << "the import never started writing";
  EXPECT_FALSE(import_status.ok()) << "the import finished before the kill";
  server.reset();

  // PostgreSQL ends the dead session's transaction; wait until it has.
  for (absl::Time until = absl::Now() + absl::Seconds(30);
       db.Query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'vendormatch'") != "0" &&
       absl::Now() < until;) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  const std::string providers = db.Query("SELECT count(*) FROM providers");
  const std::string audits = db.Query("SELECT count(*) FROM audit_events");
  EXPECT_TRUE(providers == "0" || providers == absl::StrCat(kBatch)) << providers;
  EXPECT_EQ(audits, providers) << "audit rows and providers disagree";
  std::cout << "after SIGKILL mid-import: " << providers << " of " << kBatch
            << " providers present\n";

  // A restarted server serves, and the same import then succeeds whole.
  server = StartProcess(db, &port);
  ASSERT_GT(port, 0) << server->output();
  auto stub = RegistryStub(port);
  v1::ImportProvidersResponse response;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(120)));
  import.set_mode(v1::ImportProvidersRequest::MODE_UPSERT);
  grpc::Status status = stub->ImportProviders(&context, import, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(db.Query("SELECT count(*) FROM providers"), absl::StrCat(kBatch));
}

}  // namespace
}  // namespace vendormatch::testing
