// What integration tests share: a fresh database per test in the cluster the
// CTest fixture started, an in-process server on a free port, a stub, and a
// valid provider to start from.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "services/server/server.h"
#include "vendormatch/v1/registry_service.grpc.pb.h"
#include "vendormatch/v1/requirement.pb.h"

namespace vendormatch::testing {

// URL of the test cluster's maintenance database, from the file named by
// $VENDORMATCH_TEST_PG_DIR/url (written by tests/pg/cluster start).
std::string ClusterUrl();

// Creates a database with a unique name; drops it (FORCE) on destruction.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }
  // Runs one SQL statement and returns the first column of the first row
  // ("" when no row). For assertions on what was written.
  std::string Query(const std::string& sql) const;

 private:
  std::string name_;
  std::string url_;
};

// Starts a server on 127.0.0.1:0 over `database_url` with the plugins in
// `plugin_dir` (default: the built-in plugins); fails the test on error.
std::unique_ptr<Server> StartServer(const std::string& database_url,
                                    const std::string& plugin_dir = "");

// The options StartServer uses, to change some before StartServerWith.
ServerOptions TestServerOptions(const std::string& database_url,
                                const std::string& plugin_dir = "");
std::unique_ptr<Server> StartServerWith(const ServerOptions& options);

// The admin key every test server is bootstrapped with.
inline constexpr char kTestAdminKey[] = "vmk_test_admin_0123456789abcdefghijklmnopqrstuv";

// A channel to 127.0.0.1:`port` whose every call carries
// "authorization: Bearer `key`" (none when `key` is empty). Plain text
// unless `credentials` says otherwise.
std::shared_ptr<grpc::Channel> ChannelTo(
    int port, const std::string& key = kTestAdminKey,
    std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials());

// A registry stub over ChannelTo(port).
std::unique_ptr<v1::RegistryService::Stub> RegistryStub(int port);

// The fields named by the google.rpc.BadRequest in `status`, in order.
std::vector<std::string> ViolatedFields(const grpc::Status& status);

// Expects the details AIP-193 asks of a failed `status`: a google.rpc.ErrorInfo
// with an UPPER_SNAKE_CASE reason in the domain vendormatch.v1, plus
// RetryInfo on UNAVAILABLE, ResourceInfo on NOT_FOUND and ALREADY_EXISTS,
// PreconditionFailure on FAILED_PRECONDITION and on an ABORTED stale etag
// (RetryInfo on other ABORTED), BadRequest on INVALID_FIELD. Returns the reason.
std::string ExpectMachineReadable(const grpc::Status& status);

// A requirement from a US client (New York hours) for `services`, starting
// 2027-03-01.
v1::Requirement UsClient(const std::vector<std::string>& services);

// A provider that passes validation: BPO customer support from Manila.
v1::Provider ValidProvider(const std::string& id);

}  // namespace vendormatch::testing
