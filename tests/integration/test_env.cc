#include "tests/integration/test_env.h"

#include <grpcpp/support/client_interceptor.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "services/common/error_info.h"
#include "services/common/field_violations.h"
#include "services/common/grpc_status.h"

namespace vendormatch::testing {

std::string ClusterUrl() {
  const char* dir = std::getenv("VENDORMATCH_TEST_PG_DIR");
  if (dir == nullptr) {
    ADD_FAILURE() << "VENDORMATCH_TEST_PG_DIR is not set: run through ctest";
    return "";
  }
  std::ifstream in(absl::StrCat(dir, "/url"));
  std::string url;
  std::getline(in, url);
  return std::string(absl::StripAsciiWhitespace(url));
}

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  name_ = absl::StrCat("vmtest_", getpid(), "_", counter++);
  const std::string cluster = ClusterUrl();
  pqxx::connection admin(cluster);
  pqxx::nontransaction(admin).exec("CREATE DATABASE " + admin.quote_name(name_));
  url_ = absl::StrReplaceAll(
      cluster, {{"postgresql:///postgres?", absl::StrCat("postgresql:///", name_, "?")}});
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(ClusterUrl());
    pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + admin.quote_name(name_) +
                                     " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot drop " << name_ << ": " << e.what();
  }
}

std::string TestDatabase::Query(const std::string& sql) const {
  pqxx::connection c(url_);
  auto rows = pqxx::nontransaction(c).exec(sql);
  if (rows.empty() || rows[0][0].is_null()) return "";
  return rows[0][0].as<std::string>();
}

ServerOptions TestServerOptions(const std::string& database_url, const std::string& plugin_dir) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database.url = database_url;
  options.database.pool_size = 4;
  options.database_wait = absl::Seconds(5);
  options.matching.plugin_dir = plugin_dir.empty() ? VM_TEST_PLUGIN_DIR : plugin_dir;
  // Every match in the integration tests also runs on the reference path.
  options.matching.check_reference = true;
  options.auth.bootstrap_admin_key = kTestAdminKey;
  return options;
}

std::unique_ptr<Server> StartServerWith(const ServerOptions& options) {
  auto server = Server::Start(options);
  if (!server.ok()) {
    ADD_FAILURE() << "server did not start: " << server.status();
    return nullptr;
  }
  return *std::move(server);
}

std::unique_ptr<Server> StartServer(const std::string& database_url,
                                    const std::string& plugin_dir) {
  return StartServerWith(TestServerOptions(database_url, plugin_dir));
}

namespace {

// Adds the bearer key to every call on a channel.
class BearerKey : public grpc::experimental::Interceptor {
 public:
  explicit BearerKey(std::string header) : header_(std::move(header)) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", header_);
    }
    methods->Proceed();
  }

 private:
  std::string header_;
};

class BearerKeyFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerKeyFactory(std::string key) : header_(absl::StrCat("Bearer ", key)) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new BearerKey(header_);
  }

 private:
  std::string header_;
};

}  // namespace

std::shared_ptr<grpc::Channel> ChannelTo(int port, const std::string& key,
                                         std::shared_ptr<grpc::ChannelCredentials> credentials) {
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> factories;
  if (!key.empty()) factories.push_back(std::make_unique<BearerKeyFactory>(key));
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      absl::StrCat("127.0.0.1:", port), credentials, grpc::ChannelArguments(),
      std::move(factories));
}

std::unique_ptr<v1::RegistryService::Stub> RegistryStub(int port) {
  return v1::RegistryService::NewStub(ChannelTo(port));
}

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : ViolationsOf(FromGrpcStatus(status))) fields.push_back(v.field);
  return fields;
}

std::string ExpectMachineReadable(const grpc::Status& status) {
  const absl::Status s = FromGrpcStatus(status);
  const auto info = ErrorInfoOf(s);
  if (!info) {
    ADD_FAILURE() << "no ErrorInfo: " << status.error_message();
    return "";
  }
  EXPECT_EQ(info->domain(), "vendormatch.v1");
  const std::string& r = info->reason();
  const bool snake = !r.empty() && absl::ascii_isupper(r.front()) && r.back() != '_' &&
                     std::all_of(r.begin(), r.end(), [](char c) {
                       return absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '_';
                     });
  EXPECT_TRUE(snake) << "reason \"" << r << "\" is not UPPER_SNAKE_CASE";
  auto has = [&](absl::string_view type) {
    return s.GetPayload(absl::StrCat("type.googleapis.com/google.rpc.", type)).has_value();
  };
  const std::string& reason = info->reason();
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      EXPECT_TRUE(has("RetryInfo")) << reason;
      break;
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::ALREADY_EXISTS:
      EXPECT_TRUE(has("ResourceInfo")) << reason;
      break;
    case grpc::StatusCode::FAILED_PRECONDITION:
      EXPECT_TRUE(has("PreconditionFailure")) << reason;
      break;
    case grpc::StatusCode::ABORTED:
      EXPECT_TRUE(reason == "ETAG_MISMATCH" ? has("PreconditionFailure") : has("RetryInfo"))
          << reason;
      break;
    default:
      break;
  }
  if (reason == "INVALID_FIELD") {
    EXPECT_TRUE(has("BadRequest"));
  }
  return reason;
}

v1::Requirement UsClient(const std::vector<std::string>& services) {
  v1::Requirement r;
  for (const auto& s : services) r.add_services(s);
  r.set_client_country("US");
  r.set_client_time_zone("America/New_York");
  r.mutable_start_date()->set_year(2027);
  r.mutable_start_date()->set_month(3);
  r.mutable_start_date()->set_day(1);
  return r;
}

v1::Provider ValidProvider(const std::string& id) {
  v1::Provider p;
  p.set_name(absl::StrCat("providers/", id));
  p.set_display_name(absl::StrCat("Provider ", id));
  p.set_legal_name(absl::StrCat("Provider ", id, " Inc."));
  p.set_headquarters_country("PH");
  p.add_service_models(v1::SERVICE_MODEL_BPO);
  p.add_services("CUSTOMER_SUPPORT");
  auto* centre = p.add_delivery_centers();
  centre->set_country_code("PH");
  centre->set_city("Manila");
  centre->set_time_zone("Asia/Manila");
  centre->set_headcount(500);
  centre->set_seats_available(50);
  centre->set_round_the_clock(true);
  p.add_languages("en");
  p.add_languages("fil");
  auto* rate = p.add_rate_card();
  rate->set_service("CUSTOMER_SUPPORT");
  rate->mutable_hourly_rate()->set_currency_code("USD");
  rate->mutable_hourly_rate()->set_minor_units(1100);
  p.add_declared_delivery_models(v1::DELIVERY_MODEL_OFFSHORE);
  p.mutable_quality()->set_rating(4.2);
  p.mutable_quality()->set_review_count(30);
  return p;
}

}  // namespace vendormatch::testing
