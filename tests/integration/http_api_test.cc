// The HTTP listener of the in-process server, from civetweb's own client: the
// probes, errors before any RPC (unknown path, too large a body), metrics
// that count HTTP calls under their RPC, and listeners that refuse an
// address another server holds.
#include <civetweb.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

using ::testing::HasSubstr;

struct HttpReply {
  int status = 0;
  std::string body;
};

// One HTTP/1.0 request to 127.0.0.1:`port` (`extra`: more header lines).
HttpReply Http(int port, const std::string& method, const std::string& path,
               const std::string& body = "", const std::string& extra = "") {
  char error[256] = "";
  mg_connection* c = mg_download(
      "127.0.0.1", port, 0, error, sizeof error,
      "%s %s HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n%sContent-Length: "
      "%zu\r\n\r\n%s",
      method.c_str(), path.c_str(), kTestAdminKey, extra.c_str(), body.size(), body.c_str());
  HttpReply reply;
  if (c == nullptr) {
    ADD_FAILURE() << "HTTP " << method << " " << path << ": " << error;
    return reply;
  }
  reply.status = mg_get_response_info(c)->status_code;
  char buffer[4096];
  for (int n; (n = mg_read(c, buffer, sizeof buffer)) > 0;) reply.body.append(buffer, n);
  mg_close_connection(c);
  return reply;
}

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mg_init_library(0);
    ServerOptions options = TestServerOptions(db_.url());
    options.http_listen = "127.0.0.1:0";
    options.max_receive_message_bytes = 1 << 20;
    server_ = StartServerWith(options);
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(server_->http_port(), 0);
  }
  void TearDown() override {
    server_.reset();
    mg_exit_library();
  }

  TestDatabase db_;
  std::unique_ptr<Server> server_;
};

TEST_F(HttpApiTest, ProbesAndTheDocumentNeedNoKey) {
  EXPECT_EQ(Http(server_->http_port(), "GET", "/healthz").status, 200);
  HttpReply ready = Http(server_->http_port(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_THAT(ready.body, HasSubstr("SERVING"));
  HttpReply doc = Http(server_->http_port(), "GET", "/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto json = nlohmann::json::parse(doc.body);
  EXPECT_TRUE(json["paths"].contains("/v1:matchProviders"));
  EXPECT_TRUE(json["paths"].contains("/v1/providers/{provider}"));
}

TEST_F(HttpApiTest, ErrorsBeforeAnyRpcAreStatusJson) {
  HttpReply none = Http(server_->http_port(), "GET", "/v2/providers");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(nlohmann::json::parse(none.body)["code"], 5);
  HttpReply big =
      Http(server_->http_port(), "POST", "/v1/providers:import", std::string(2 << 20, ' '));
  EXPECT_EQ(big.status, 413);
  EXPECT_THAT(big.body, HasSubstr("REQUEST_TOO_LARGE"));
}

TEST_F(HttpApiTest, AnHttpCallIsTheRpcItNames) {
  HttpReply created = Http(server_->http_port(), "POST", "/v1/providers?providerId=http-one",
                           R"({"displayName": "Http One"})");
  // Validation is the registry's: the same field violations as over gRPC.
  EXPECT_EQ(created.status, 400);
  const auto error = nlohmann::json::parse(created.body);
  EXPECT_EQ(error["code"], 3);
  bool named = false;
  for (const auto& d : error["details"]) {
    for (const auto& v : d.value("fieldViolations", nlohmann::json::array())) {
      named |= v["field"].get<std::string>().starts_with("provider.");
    }
  }
  EXPECT_TRUE(named) << created.body;
}

TEST(HttpListenTest, AnAddressAnotherServerHoldsFailsTheStart) {
  TestDatabase db;
  ServerOptions options = TestServerOptions(db.url());
  options.http_listen = "127.0.0.1:0";
  auto first = StartServerWith(options);
  ASSERT_NE(first, nullptr);

  ServerOptions same_http = options;
  same_http.http_listen = absl::StrCat("127.0.0.1:", first->http_port());
  auto second = Server::Start(same_http);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable) << second.status();
  EXPECT_THAT(second.status().message(), HasSubstr(same_http.http_listen));

  // gRPC would share a port through SO_REUSEPORT; the server turns that off.
  ServerOptions same_grpc = options;
  same_grpc.http_listen = "";
  same_grpc.listen_address = absl::StrCat("127.0.0.1:", first->port());
  auto third = Server::Start(same_grpc);
  EXPECT_EQ(third.status().code(), absl::StatusCode::kUnavailable) << third.status();
  EXPECT_THAT(third.status().message(), HasSubstr(same_grpc.listen_address));
}

}  // namespace
}  // namespace vendormatch::testing
