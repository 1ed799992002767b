// vendormatch-server processes for the benches that measure the service from
// outside (replica_lag, import_bench), and the admin key their calls carry.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/integration/server_process.h"

namespace vendormatch::bench {

// A server process and a channel to it.
struct BenchServer {
  std::unique_ptr<testing::ServerProcess> process;
  std::shared_ptr<grpc::Channel> channel;
};

// Starts `count` servers at once over `database_url` (log level warn, the
// built-in plugins, the bench admin key) and waits until each serves.
// Errors: UNAVAILABLE with the output of a server that did not start.
absl::StatusOr<std::vector<BenchServer>> StartServers(const std::string& database_url, int count);

// A context carrying the bench admin key, with a deadline `timeout` away.
std::unique_ptr<grpc::ClientContext> KeyedContext(absl::Duration timeout = absl::Seconds(30));

}  // namespace vendormatch::bench
