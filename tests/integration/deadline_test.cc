// A client's deadline reaches PostgreSQL: a write stuck behind a lock is
// cancelled by statement_timeout when the call's deadline passes, instead of
// holding a pooled connection until the lock goes.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

TEST(DeadlineTest, AWriteBehindALockIsCancelledAtTheClientsDeadline) {
  TestDatabase db;
  auto server = StartServer(db.url());
  ASSERT_NE(server, nullptr);
  auto stub = RegistryStub(server->port());

  pqxx::connection blocker(db.url());
  pqxx::work lock(blocker);
  lock.exec("LOCK TABLE providers IN ACCESS EXCLUSIVE MODE");

  v1::CreateProviderRequest request;
  *request.mutable_provider() = ValidProvider("late");
  v1::CreateProviderResponse response;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Milliseconds(700)));
  grpc::Status status = stub->CreateProvider(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);

  // The server's statement was cancelled too: nothing of ours waits on the
  // lock any more, although it is still held.
  const std::string waiting_sql =
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'vendormatch' "
      "AND wait_event_type = 'Lock' AND datname = current_database()";
  std::string waiting;
  const absl::Time until = absl::Now() + absl::Seconds(10);
  do {
    waiting = db.Query(waiting_sql);
    if (waiting == "0") break;
    absl::SleepFor(absl::Milliseconds(20));
  } while (absl::Now() < until);
  EXPECT_EQ(waiting, "0") << "a server statement still waits on the lock";
  lock.abort();

  // Nothing was written, and the pool works.
  EXPECT_EQ(db.Query("SELECT count(*) FROM providers"), "0");
  grpc::ClientContext again;
  EXPECT_TRUE(stub->CreateProvider(&again, request, &response).ok());
}

}  // namespace
}  // namespace vendormatch::testing
