// Limits with clear errors: client deadlines as PostgreSQL statement
// timeouts (ScopedDeadline), the bounded connection pool, the largest
// request, page size, import batch and top_k.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "services/common/field_violations.h"
#include "services/common/grpc_status.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;

absl::Status Exec(Database& db, const std::string& sql) {
  return db.InTransaction([&](pqxx::work& txn) {
    txn.exec(sql);
    return absl::OkStatus();
  });
}

std::string Scalar(Database& db, const std::string& sql) {
  std::string value;
  absl::Status status = db.WithConnection([&](pqxx::connection& c) {
    value = pqxx::nontransaction(c).exec1(sql)[0].as<std::string>();
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return value;
}

TEST(ScopedDeadlineTest, NestedScopesKeepTheEarliest) {
  EXPECT_EQ(ScopedDeadline::Current(), absl::InfiniteFuture());
  const absl::Time soon = absl::Now() + absl::Minutes(1), later = soon + absl::Hours(1);
  {
    ScopedDeadline outer(later);
    EXPECT_EQ(ScopedDeadline::Current(), later);
    {
      ScopedDeadline inner(soon);
      EXPECT_EQ(ScopedDeadline::Current(), soon);
      ScopedDeadline innermost(later + absl::Hours(1));
      EXPECT_EQ(ScopedDeadline::Current(), soon);
    }
    EXPECT_EQ(ScopedDeadline::Current(), later);
  }
  EXPECT_EQ(ScopedDeadline::Current(), absl::InfiniteFuture());
}

TEST(DatabaseDeadlineTest, StatementPastTheDeadlineIsCancelledAndRolledBack) {
  TestDatabase test_db;
  Database db({.url = test_db.url(), .pool_size = 1});
  ASSERT_TRUE(Exec(db, "CREATE TABLE written (x int)").ok());
  const std::string backend = Scalar(db, "SELECT pg_backend_pid()");

  const absl::Time started = absl::Now();
  absl::Status status;
  {
    ScopedDeadline deadline(absl::Now() + absl::Milliseconds(200));
    status = db.InTransaction([](pqxx::work& txn) {
      txn.exec("INSERT INTO written VALUES (1)");
      txn.exec("SELECT pg_sleep(30)");
      return absl::OkStatus();
    });
  }
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_LT(absl::Now() - started, absl::Seconds(20)) << "not cancelled at the deadline";
  // Rolled back, and the same connection serves the next call without the
  // timeout.
  EXPECT_EQ(Scalar(db, "SELECT count(*) FROM written"), "0");
  EXPECT_EQ(Scalar(db, "SELECT pg_backend_pid()"), backend);
  EXPECT_EQ(Scalar(db, "SHOW statement_timeout"), "0");
  EXPECT_EQ(db.stats().broken_connections, 0);
}

TEST(DatabaseDeadlineTest, WithConnectionHonoursItAndResetsTheSession) {
  TestDatabase test_db;
  Database db({.url = test_db.url(), .pool_size = 1});
  absl::Status status;
  {
    ScopedDeadline deadline(absl::Now() + absl::Milliseconds(200));
    status = db.WithConnection([](pqxx::connection& c) {
      pqxx::nontransaction(c).exec("SELECT pg_sleep(30)");
      return absl::OkStatus();
    });
  }
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_EQ(Scalar(db, "SHOW statement_timeout"), "0");
  EXPECT_EQ(db.stats().open, 1);
}

// What a gRPC handler passes when the client set no deadline.
TEST(DatabaseDeadlineTest, GrpcNoDeadlineSetsNoTimeout) {
  TestDatabase test_db;
  Database db({.url = test_db.url(), .pool_size = 1});
  ScopedDeadline deadline(absl::FromChrono(std::chrono::system_clock::time_point::max()));
  std::string timeout;
  ASSERT_TRUE(db.InTransaction([&](pqxx::work& txn) {
                  timeout = txn.exec1("SHOW statement_timeout")[0].as<std::string>();
                  return absl::OkStatus();
                }).ok());
  EXPECT_EQ(timeout, "0");
}

TEST(DatabaseDeadlineTest, PassedDeadlineNeverReachesTheDatabase) {
  TestDatabase test_db;
  Database db({.url = test_db.url(), .pool_size = 1});
  ScopedDeadline deadline(absl::Now() - absl::Milliseconds(1));
  bool ran = false;
  absl::Status status = db.InTransaction([&](pqxx::work&) {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_FALSE(ran);
  EXPECT_EQ(db.stats().open, 0) << "no connection opened";
}

// Holds the pool's only connection until released.
class HeldConnection {
 public:
  explicit HeldConnection(Database& db)
      : thread_([this, &db] {
          status_ = db.InTransaction([this](pqxx::work&) {
            held_.Notify();
            release_.WaitForNotification();
            return absl::OkStatus();
          });
        }) {
    held_.WaitForNotification();
  }
  ~HeldConnection() {
    release_.Notify();
    thread_.join();
    EXPECT_TRUE(status_.ok()) << status_;
  }

 private:
  absl::Notification held_, release_;
  absl::Status status_;
  std::thread thread_;
};

TEST(DatabasePoolTest, AllConnectionsBusyIsUnavailableNamingThePoolSize) {
  TestDatabase test_db;
  Database db({.url = test_db.url(), .pool_size = 1, .acquire_timeout = absl::Milliseconds(300)});
  {
    HeldConnection held(db);
    absl::Status status = Exec(db, "SELECT 1");
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
    EXPECT_THAT(std::string(status.message()), HasSubstr("all 1 database connections are busy"));
    // A call deadline sooner than acquire_timeout ends the wait first.
    Database patient({.url = test_db.url(), .pool_size = 1, .acquire_timeout = absl::Hours(1)});
    HeldConnection held_too(patient);
    ScopedDeadline deadline(absl::Now() + absl::Milliseconds(200));
    EXPECT_EQ(Exec(patient, "SELECT 1").code(), absl::StatusCode::kDeadlineExceeded);
  }
  EXPECT_TRUE(Exec(db, "SELECT 1").ok());
  EXPECT_EQ(db.stats().acquire_timeouts, 1);
}

// A server with small limits, else as StartServer.
class ServerLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options = TestServerOptions(db_.url());
    options.max_receive_message_bytes = 1 << 20;
    options.limits.max_page_size = 2;
    options.limits.max_import_batch = 2;
    auto server = Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    registry_ = RegistryStub(server_->port());
  }

  TestDatabase db_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
};

TEST_F(ServerLimitsTest, TooBigARequestIsResourceExhausted) {
  v1::ImportProvidersRequest request;
  v1::Provider big = ValidProvider("big");
  big.set_description(std::string(2 << 20, 'x'));
  *request.add_providers() = big;
  grpc::ClientContext context;
  v1::ImportProvidersResponse response;
  grpc::Status status = registry_->ImportProviders(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("larger than max"));
}

TEST_F(ServerLimitsTest, ImportBatchLimitNamesProviders) {
  v1::ImportProvidersRequest request;
  for (const char* id : {"one", "two", "three"}) *request.add_providers() = ValidProvider(id);
  grpc::ClientContext context;
  v1::ImportProvidersResponse response;
  grpc::Status status = registry_->ImportProviders(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolationsOf(FromGrpcStatus(status)),
              Contains(AllOf(Field(&FieldViolation::field, "providers"),
                             Field(&FieldViolation::description, HasSubstr("at most 2")))));
}

TEST_F(ServerLimitsTest, PageSizeIsClampedAndANegativeOneNamed) {
  v1::ImportProvidersRequest import;
  for (const char* id : {"one", "two"}) *import.add_providers() = ValidProvider(id);
  grpc::ClientContext c1;
  v1::ImportProvidersResponse imported;
  ASSERT_TRUE(registry_->ImportProviders(&c1, import, &imported).ok());
  grpc::ClientContext c2;
  v1::CreateProviderRequest create;
  create.set_provider_id("three");
  *create.mutable_provider() = ValidProvider("three");
  v1::CreateProviderResponse created;
  ASSERT_TRUE(registry_->CreateProvider(&c2, create, &created).ok());

  v1::ListProvidersRequest list;
  list.set_page_size(1000);
  grpc::ClientContext c3;
  v1::ListProvidersResponse page;
  ASSERT_TRUE(registry_->ListProviders(&c3, list, &page).ok());
  EXPECT_EQ(page.providers_size(), 2);
  EXPECT_FALSE(page.next_page_token().empty());

  list.set_page_size(-1);
  grpc::ClientContext c4;
  grpc::Status status = registry_->ListProviders(&c4, list, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), Contains("page_size"));
}

TEST_F(ServerLimitsTest, TopKAboveTheMaximumIsNamed) {
  auto matching = v1::MatchingService::NewStub(ChannelTo(server_->port()));
  v1::MatchProvidersRequest request;
  auto* r = request.mutable_requirement();
  r->add_services("CUSTOMER_SUPPORT");
  r->set_client_country("US");
  r->set_client_time_zone("America/New_York");
  request.set_top_k(101);
  grpc::ClientContext context;
  v1::MatchProvidersResponse response;
  grpc::Status status = matching->MatchProviders(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), Contains("top_k"));
}

}  // namespace
}  // namespace vendormatch::testing
