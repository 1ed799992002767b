// What operators see of a running server: one JSON "rpc" log line per call
// (method, code, latency, key id, request id echoed to the client, peer;
// never the bearer key) and the Prometheus series on /metrics, scraped over
// HTTP from an in-process server with a real PostgreSQL.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/logging.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr char kRegistry[] = "/vendormatch.v1.RegistryService/";
constexpr char kMatching[] = "/vendormatch.v1.MatchingService/";
// A key no server knows; it must never reach a log line.
constexpr char kUnknownKey[] = "SECRET-never-logged-0123456789abcdefghijkl";

// Keeps every formatted line; thread-safe (the server's threads log too).
class LineSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> Lines() {
    std::lock_guard<std::mutex> lock(mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t text;
    formatter_->format(msg, text);
    lines_.emplace_back(text.data(), text.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;
};

// GET http://127.0.0.1:`port``path` over a plain socket; the whole response.
std::string HttpGet(int port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    const std::string request = absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    if (send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      for (ssize_t n; (n = recv(fd, buffer, sizeof(buffer), 0)) > 0;) response.append(buffer, n);
    }
  }
  close(fd);
  return response;
}

// Series (name with labels, as exposed) -> value, from a scrape's body.
std::map<std::string, double> Series(const std::string& response) {
  std::map<std::string, double> series;
  const size_t body = response.find("\r\n\r\n");
  if (body == std::string::npos) return series;
  for (absl::string_view line : absl::StrSplit(response.substr(body + 4), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.rfind(' ');
    double value = 0;
    if (space != absl::string_view::npos && absl::SimpleAtod(line.substr(space + 1), &value)) {
      series[std::string(line.substr(0, space))] = value;
    }
  }
  return series;
}

std::string Requests(const std::string& method, const std::string& code) {
  return absl::StrCat("vendormatch_rpc_requests_total{code=\"", code, "\",method=\"", method,
                      "\"}");
}

// One call as the client saw it.
struct Call {
  std::string method;
  grpc::Status status;
  std::string request_id;  // the x-request-id the server sent back
};

class ObservabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sink_ = std::make_shared<LineSink>();
    sink_->set_formatter(MakeLogFormatter(LogFormat::kJson));
    previous_ = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>("", sink_);
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(std::move(logger));

    // The built-in plugins and one that fails on purpose.
    plugins_ = fs::temp_directory_path() / absl::StrCat("vm_observability_", getpid());
    fs::create_directories(plugins_);
    for (const auto& entry : fs::directory_iterator(VM_TEST_PLUGIN_DIR)) {
      fs::copy_file(entry.path(), plugins_ / entry.path().filename());
    }
    fs::copy_file(VM_FAULTY_PLUGIN, plugins_ / "vm_faulty.so");
  }
  void TearDown() override {
    registry_.reset();
    matching_.reset();
    server_.reset();
    spdlog::set_default_logger(previous_);
    fs::remove_all(plugins_);
  }

  void Start(const std::string& metrics_listen) {
    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.database.url = db_.url();
    options.database.pool_size = 4;
    options.database_wait = absl::Seconds(5);
    options.matching.plugin_dir = plugins_.string();
    options.matching.check_reference = true;  // matches run twice, count once
    options.auth.bootstrap_admin_key = kTestAdminKey;
    options.metrics_listen = metrics_listen;
    auto server = Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  // Runs `rpc` on a fresh context carrying `request_id` (none when empty)
  // and records what came back.
  template <typename Rpc>
  Call Run(const std::string& method, const std::string& request_id, Rpc rpc) {
    grpc::ClientContext context;
    if (!request_id.empty()) context.AddMetadata("x-request-id", request_id);
    Call call{method, rpc(&context), ""};
    for (const auto* metadata :
         {&context.GetServerInitialMetadata(), &context.GetServerTrailingMetadata()}) {
      if (auto it = metadata->find("x-request-id"); it != metadata->end()) {
        call.request_id = std::string(it->second.data(), it->second.size());
        break;
      }
    }
    calls_.push_back(call);
    return call;
  }

  std::vector<nlohmann::json> RpcLines() {
    std::vector<nlohmann::json> rpc;
    for (const auto& line : sink_->Lines()) {
      auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      EXPECT_TRUE(json.is_object()) << "not a JSON line: " << line;
      if (json.is_object() && json["msg"] == "rpc") rpc.push_back(std::move(json));
    }
    return rpc;
  }

  // The steps of EveryCallIsLoggedOnceAndCountedOnMetrics, over the stubs.
  void ImportAndList();
  void MatchWellAndBadly(const v1::MatchProvidersRequest& match,
                         v1::MatchProvidersResponse* matched);
  void GetWithoutASaneRequestId();
  void MatchWithAFaultyPlugin(const v1::MatchProvidersRequest& match,
                              v1::MatchProvidersResponse* skipped);
  void ExpectOneLinePerCallAndNoSecret();
  void ExpectMetrics(const v1::MatchProvidersResponse& matched,
                     const v1::MatchProvidersResponse& skipped, const Call& refused);

  TestDatabase db_;
  fs::path plugins_;
  std::shared_ptr<LineSink> sink_;
  std::shared_ptr<spdlog::logger> previous_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::MatchingService::Stub> matching_;
  std::vector<Call> calls_;
};

v1::CreateProfileRequest FaultyProfile(const std::string& id, const std::string& mode,
                                       v1::FailurePolicy policy) {
  v1::CreateProfileRequest request;
  request.set_profile_id(id);
  auto* plugin = request.mutable_profile()->add_plugins();
  plugin->set_plugin("faulty");
  plugin->set_filter_enabled(true);
  plugin->set_score_enabled(true);
  plugin->set_weight(10);
  plugin->set_max_weight(10);
  plugin->set_on_error(policy);
  (*plugin->mutable_settings())["mode"] = mode;
  return request;
}

// Imports "acme" and lists it, asserting both work.
void ObservabilityTest::ImportAndList() {
  v1::ImportProvidersRequest import;
  *import.add_providers() = ValidProvider("acme");
  import.mutable_providers(0)->set_status(v1::Provider::STATUS_ACTIVE);
  v1::ImportProvidersResponse imported;
  ASSERT_TRUE(Run(absl::StrCat(kRegistry, "ImportProviders"), "import-1", [&](auto* c) {
                return registry_->ImportProviders(c, import, &imported);
              }).status.ok());
  ASSERT_TRUE(server_->matcher().Refresh().ok());

  v1::ListProvidersResponse listed;
  Call list = Run(absl::StrCat(kRegistry, "ListProviders"), "list-1", [&](auto* c) {
    return registry_->ListProviders(c, v1::ListProvidersRequest(), &listed);
  });
  ASSERT_TRUE(list.status.ok()) << list.status.error_message();
  EXPECT_EQ(list.request_id, "list-1");
}

// `match` as it is, into `matched`, and with a top_k too large.
void ObservabilityTest::MatchWellAndBadly(const v1::MatchProvidersRequest& match,
                                          v1::MatchProvidersResponse* matched) {
  Call ok_match = Run(absl::StrCat(kMatching, "MatchProviders"), "match-1",
                      [&](auto* c) { return matching_->MatchProviders(c, match, matched); });
  ASSERT_TRUE(ok_match.status.ok()) << ok_match.status.error_message();
  EXPECT_EQ(matched->candidates_considered(), 1);

  v1::MatchProvidersRequest too_many = match;
  too_many.set_top_k(100000);
  v1::MatchProvidersResponse unused;
  Call bad = Run(absl::StrCat(kMatching, "MatchProviders"), "bad-1",
                 [&](auto* c) { return matching_->MatchProviders(c, too_many, &unused); });
  EXPECT_EQ(bad.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.request_id, "bad-1");
}

// No request id, or one that is not sane: the server makes one up.
void ObservabilityTest::GetWithoutASaneRequestId() {
  v1::GetProviderRequest get;
  get.set_name("providers/acme");
  v1::GetProviderResponse got;
  Call generated = Run(absl::StrCat(kRegistry, "GetProvider"), "",
                       [&](auto* c) { return registry_->GetProvider(c, get, &got); });
  EXPECT_TRUE(generated.status.ok()) << generated.status.error_message();
  EXPECT_THAT(generated.request_id, MatchesRegex("[0-9a-f]{32}"));
  Call too_long = Run(absl::StrCat(kRegistry, "GetProvider"), std::string(200, 'r'),
                      [&](auto* c) { return registry_->GetProvider(c, get, &got); });
  EXPECT_THAT(too_long.request_id, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_NE(too_long.request_id, generated.request_id);
}

// A failing plugin: skipped in one profile (that match into `skipped`),
// failing the match in another.
void ObservabilityTest::MatchWithAFaultyPlugin(const v1::MatchProvidersRequest& match,
                                               v1::MatchProvidersResponse* skipped) {
  for (const auto& [id, mode, policy] :
       {std::tuple{"faultyskip", "throw", v1::FAILURE_POLICY_SKIP},
        std::tuple{"faultyfail", "error", v1::FAILURE_POLICY_FAIL}}) {
    v1::CreateProfileRequest create = FaultyProfile(id, mode, policy);
    Call created = Run(absl::StrCat(kMatching, "CreateProfile"), "", [&](auto* c) {
      v1::CreateProfileResponse response;
      return matching_->CreateProfile(c, create, &response);
    });
    ASSERT_TRUE(created.status.ok()) << created.status.error_message();
  }
  v1::MatchProvidersRequest skip = match;
  skip.set_profile("profiles/faultyskip");
  Call skip_match = Run(absl::StrCat(kMatching, "MatchProviders"), "skip-1",
                        [&](auto* c) { return matching_->MatchProviders(c, skip, skipped); });
  ASSERT_TRUE(skip_match.status.ok()) << skip_match.status.error_message();
  ASSERT_EQ(skipped->skipped_plugins_size(), 1);
  v1::MatchProvidersRequest fail = match;
  fail.set_profile("profiles/faultyfail");
  v1::MatchProvidersResponse unused;
  Call failed = Run(absl::StrCat(kMatching, "MatchProviders"), "fail-1",
                    [&](auto* c) { return matching_->MatchProviders(c, fail, &unused); });
  EXPECT_EQ(failed.status.error_code(), grpc::StatusCode::INTERNAL);
}

// The log: one "rpc" line per call, in order, and no secret anywhere.
void ObservabilityTest::ExpectOneLinePerCallAndNoSecret() {
  const std::vector<nlohmann::json> lines = RpcLines();
  ASSERT_EQ(lines.size(), calls_.size());
  for (size_t i = 0; i < calls_.size(); ++i) {
    const nlohmann::json& line = lines[i];
    const Call& call = calls_[i];
    SCOPED_TRACE(line.dump());
    EXPECT_EQ(line["method"], call.method);
    EXPECT_EQ(line["code"],
              absl::StatusCodeToString(static_cast<absl::StatusCode>(call.status.error_code())));
    ASSERT_TRUE(line["latency_ms"].is_number());
    EXPECT_GE(line["latency_ms"].get<double>(), 0);
    EXPECT_EQ(line["request_id"], call.request_id);
    EXPECT_THAT(line["peer"].get<std::string>(), HasSubstr("127.0.0.1"));
    ASSERT_TRUE(line["key_id"].is_string());
    if (&call != &calls_.back()) {
      EXPECT_NE(line["key_id"], "");
    }
    EXPECT_EQ(line["level"],
              call.status.error_code() == grpc::StatusCode::INTERNAL ? "error" : "info");
  }
  EXPECT_EQ(lines[1]["request_id"], "list-1");
  EXPECT_EQ(lines.back()["key_id"], "");
  for (const std::string& line : sink_->Lines()) {
    EXPECT_THAT(line, ::testing::Not(HasSubstr(kUnknownKey)));
    EXPECT_THAT(line, ::testing::Not(HasSubstr(kTestAdminKey)));
    EXPECT_THAT(line, ::testing::Not(HasSubstr("Bearer")));
  }
}

// The metrics, scraped over HTTP, against the calls made: `matched` and
// `skipped` the two matches that answered, `refused` the stranger's call.
void ObservabilityTest::ExpectMetrics(const v1::MatchProvidersResponse& matched,
                                      const v1::MatchProvidersResponse& skipped,
                                      const Call& refused) {
  const std::string response = HttpGet(server_->metrics_port(), "/metrics");
  ASSERT_THAT(response, HasSubstr("200 OK"));
  auto series = Series(response);
  const std::string match_method = absl::StrCat(kMatching, "MatchProviders");
  EXPECT_EQ(series[Requests(absl::StrCat(kRegistry, "ImportProviders"), "OK")], 1);
  EXPECT_EQ(series[Requests(absl::StrCat(kRegistry, "ListProviders"), "OK")], 1);
  EXPECT_EQ(series[Requests(absl::StrCat(kRegistry, "GetProvider"), "OK")], 2);
  EXPECT_EQ(series[Requests(match_method, "OK")], 2);
  EXPECT_EQ(series[Requests(match_method, "INVALID_ARGUMENT")], 1);
  EXPECT_EQ(series[Requests(match_method, "INTERNAL")], 1);
  const std::string refused_code =
      absl::StatusCodeToString(static_cast<absl::StatusCode>(refused.status.error_code()));
  if (refused_code != "OK") {
    EXPECT_EQ(series[Requests(absl::StrCat(kRegistry, "ListProviders"), refused_code)], 1);
  }
  EXPECT_EQ(
      series[absl::StrCat("vendormatch_rpc_latency_seconds_count{method=\"", match_method, "\"}")],
      4);
  EXPECT_EQ(series["vendormatch_match_candidates_considered_count"], 2);
  EXPECT_EQ(series["vendormatch_match_candidates_considered_sum"],
            matched.candidates_considered() + skipped.candidates_considered());
  EXPECT_EQ(series["vendormatch_match_eligible_count"], 2);
  EXPECT_EQ(series["vendormatch_match_eligible_sum"],
            matched.eligible_count() + skipped.eligible_count());
  EXPECT_EQ(series["vendormatch_plugin_errors_total{plugin=\"faulty\"}"], 2);
  EXPECT_EQ(series["vendormatch_snapshot_revision"], server_->matcher().snapshot_revision());
  EXPECT_GT(series["vendormatch_snapshot_revision"], 0);
  ASSERT_TRUE(series.count("vendormatch_snapshot_age_seconds"));
  EXPECT_GE(series["vendormatch_snapshot_age_seconds"], 0);
  EXPECT_EQ(series["vendormatch_db_pool_connections{state=\"size\"}"], 4);
  EXPECT_GE(series["vendormatch_db_pool_connections{state=\"open\"}"], 1);
  EXPECT_TRUE(series.count("vendormatch_db_pool_connections{state=\"in_use\"}"));
  EXPECT_EQ(series["vendormatch_db_errors_total{kind=\"acquire_timeout\"}"], 0);
  EXPECT_EQ(series["vendormatch_db_errors_total{kind=\"connect_failure\"}"], 0);
  EXPECT_TRUE(series.count("vendormatch_db_errors_total{kind=\"broken_connection\"}"));
}

TEST_F(ObservabilityTest, EveryCallIsLoggedOnceAndCountedOnMetrics) {
  Start("127.0.0.1:0");
  ASSERT_GT(server_->metrics_port(), 0);
  auto channel = ChannelTo(server_->port());
  registry_ = v1::RegistryService::NewStub(channel);
  matching_ = v1::MatchingService::NewStub(channel);

  ASSERT_NO_FATAL_FAILURE(ImportAndList());
  v1::MatchProvidersRequest match;
  *match.mutable_requirement() = UsClient({"CUSTOMER_SUPPORT"});
  v1::MatchProvidersResponse matched;
  ASSERT_NO_FATAL_FAILURE(MatchWellAndBadly(match, &matched));
  GetWithoutASaneRequestId();
  v1::MatchProvidersResponse skipped;
  ASSERT_NO_FATAL_FAILURE(MatchWithAFaultyPlugin(match, &skipped));

  // A key no one issued, in the authorization header.
  auto stranger = v1::RegistryService::NewStub(ChannelTo(server_->port(), kUnknownKey));
  v1::ListProvidersResponse listed;
  Call refused = Run(absl::StrCat(kRegistry, "ListProviders"), "stranger-1", [&](auto* c) {
    return stranger->ListProviders(c, v1::ListProvidersRequest(), &listed);
  });

  ASSERT_NO_FATAL_FAILURE(ExpectOneLinePerCallAndNoSecret());
  ASSERT_NO_FATAL_FAILURE(ExpectMetrics(matched, skipped, refused));
}

// Methods no .proto declares, called without a key: each is refused, and
// all count under the one label "unknown", so callers cannot add series.
TEST_F(ObservabilityTest, MadeUpMethodsCountUnderOneLabel) {
  Start("127.0.0.1:0");
  grpc::GenericStub stub(ChannelTo(server_->port(), ""));
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    grpc::Slice empty("");
    grpc::ByteBuffer request(&empty, 1), response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, absl::StrCat("/evil.Svc/M", i), grpc::StubOptions(), &request,
                   &response, [&](grpc::Status s) { done.set_value(std::move(s)); });
    EXPECT_EQ(done.get_future().get().error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }
  const std::string scrape = HttpGet(server_->metrics_port(), "/metrics");
  EXPECT_THAT(scrape, ::testing::Not(HasSubstr("evil")));
  EXPECT_THAT(
      scrape,
      ::testing::ContainsRegex(
          "vendormatch_build_info\\{revision=\"[0-9a-f]+(-dirty)?\",version=\"[0-9.]+\"\\} 1"));
  const auto series = Series(scrape);
  const auto unknown =
      series.find("vendormatch_rpc_requests_total{code=\"UNIMPLEMENTED\",method=\"unknown\"}");
  ASSERT_NE(unknown, series.end()) << scrape;
  EXPECT_EQ(unknown->second, 3);
}

TEST_F(ObservabilityTest, NoMetricsEndpointUnlessAsked) {
  Start("");
  EXPECT_EQ(server_->metrics_port(), 0);
}

TEST_F(ObservabilityTest, AnAddressInUseFailsTheStart) {
  Start("127.0.0.1:0");
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.database.url = db_.url();
  options.database_wait = absl::Seconds(5);
  options.matching.plugin_dir = plugins_.string();
  options.metrics_listen = absl::StrCat("127.0.0.1:", server_->metrics_port());
  auto second = Server::Start(options);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable) << second.status();
}

}  // namespace
}  // namespace vendormatch::testing
