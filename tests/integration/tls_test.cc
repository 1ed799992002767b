// TLS and mutual TLS on the gRPC port, with throwaway certificates the
// tls/make-certs CTest fixture makes (tests/tls/make-certs): a client that
// trusts the CA gets through, plain text and strangers do not, and bad
// certificate files stop the start naming the option and the file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

std::string CertPath(const std::string& name) { return absl::StrCat(VM_TLS_DIR, "/", name); }

std::string ReadCert(const std::string& name) {
  std::ifstream in(CertPath(name));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(in) << "cannot read " << CertPath(name) << ": run through ctest (tls/make-certs)";
  return text.str();
}

// What StartServer sets, with the TLS options given.
ServerOptions TlsServerOptions(const std::string& database_url, TlsOptions tls) {
  ServerOptions options = TestServerOptions(database_url);
  options.tls = std::move(tls);
  return options;
}

TlsOptions ServerTls(bool mutual) {
  TlsOptions tls;
  tls.cert_file = CertPath("server.pem");
  tls.key_file = CertPath("server.key");
  if (mutual) tls.client_ca_file = CertPath("ca.pem");
  return tls;
}

// Client credentials trusting `root`, presenting `client` ("" for none).
std::shared_ptr<grpc::ChannelCredentials> ClientTls(const std::string& root,
                                                    const std::string& client = "") {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadCert(root + ".pem");
  if (!client.empty()) {
    options.pem_cert_chain = ReadCert(client + ".pem");
    options.pem_private_key = ReadCert(client + ".key");
  }
  return grpc::SslCredentials(options);
}

grpc::Status HealthCheck(int port, std::shared_ptr<grpc::ChannelCredentials> credentials) {
  auto stub = grpc::health::v1::Health::NewStub(ChannelTo(port, kTestAdminKey, credentials));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, {}, &response);
  if (status.ok()) {
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  }
  return status;
}

class TlsTest : public ::testing::Test {
 protected:
  std::unique_ptr<Server> Start(bool mutual) {
    auto server = Server::Start(TlsServerOptions(db_.url(), ServerTls(mutual)));
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? *std::move(server) : nullptr;
  }
  TestDatabase db_;
};

TEST_F(TlsTest, ClientTrustingTheCaGetsThroughAndPlainTextDoesNot) {
  auto server = Start(/*mutual=*/false);
  ASSERT_NE(server, nullptr);
  EXPECT_TRUE(HealthCheck(server->port(), ClientTls("ca")).ok());
  // An API call too: the bearer key travels inside TLS.
  auto registry =
      v1::RegistryService::NewStub(ChannelTo(server->port(), kTestAdminKey, ClientTls("ca")));
  grpc::ClientContext context;
  v1::ListCatalogEntriesResponse catalogue;
  grpc::Status status = registry->ListCatalogEntries(&context, {}, &catalogue);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_GT(catalogue.catalog_entries_size(), 0);

  EXPECT_EQ(HealthCheck(server->port(), grpc::InsecureChannelCredentials()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // A client that trusts another CA refuses the server.
  EXPECT_EQ(HealthCheck(server->port(), ClientTls("other-ca")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, MutualTlsWantsAClientCertificateFromTheCa) {
  auto server = Start(/*mutual=*/true);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(HealthCheck(server->port(), ClientTls("ca")).error_code(),
            grpc::StatusCode::UNAVAILABLE)
      << "no client certificate";
  EXPECT_EQ(HealthCheck(server->port(), ClientTls("ca", "other-client")).error_code(),
            grpc::StatusCode::UNAVAILABLE)
      << "a client certificate from another CA";
  EXPECT_EQ(HealthCheck(server->port(), grpc::InsecureChannelCredentials()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  grpc::Status status = HealthCheck(server->port(), ClientTls("ca", "client"));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

// Checked before PostgreSQL is reached, so no database is needed.
absl::Status StartWith(TlsOptions tls) {
  return Server::Start(TlsServerOptions("postgresql:///unused?host=/nonexistent", std::move(tls)))
      .status();
}

TEST(TlsFilesTest, BadFilesStopTheStartNamingOptionAndPath) {
  const std::string missing = absl::StrCat(VM_TLS_DIR, "/missing.pem");
  TlsOptions tls = ServerTls(false);
  tls.cert_file = missing;
  absl::Status status = StartWith(tls);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), AllOf(HasSubstr("tls_cert_file"), HasSubstr(missing)));

  tls = ServerTls(false);
  tls.key_file = CertPath("server.pem");  // a certificate, not a key
  status = StartWith(tls);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("tls_key_file"), HasSubstr(tls.key_file)));

  tls = ServerTls(false);
  tls.cert_file = CertPath("server.key");  // a key, not a certificate
  status = StartWith(tls);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("tls_cert_file"), HasSubstr(tls.cert_file)));

  tls = ServerTls(false);
  tls.key_file = CertPath("client.key");  // another certificate's key
  status = StartWith(tls);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("tls_key_file"), HasSubstr("does not match")));

  tls = ServerTls(true);
  tls.client_ca_file = missing;
  status = StartWith(tls);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("tls_client_ca_file"), HasSubstr(missing)));

  tls = ServerTls(false);
  tls.key_file.clear();
  EXPECT_EQ(StartWith(tls).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vendormatch::testing
