#include "tests/bench/bench_servers.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace vendormatch::bench {
namespace {

constexpr char kKey[] = "vmk_bench_admin_key_0123456789abcdefghijkl";

}  // namespace

absl::StatusOr<std::vector<BenchServer>> StartServers(const std::string& database_url, int count) {
  std::vector<BenchServer> servers(count);
  for (auto& s : servers) {
    s.process = std::make_unique<testing::ServerProcess>(
        std::vector<std::string>{
            VM_SERVER_BINARY, "--listen=127.0.0.1:0", absl::StrCat("--database_url=", database_url),
            absl::StrCat("--plugin_dir=", VM_BENCH_PLUGIN_DIR), "--log_level=warn"},
        std::vector<std::string>{absl::StrCat("VENDORMATCH_ADMIN_KEY=", kKey)});
  }
  for (size_t i = 0; i < servers.size(); ++i) {
    const int port = servers[i].process->WaitForPort(absl::Seconds(60));
    if (port == 0) {
      return absl::UnavailableError(
          absl::StrCat("server ", i, " did not start:\n", servers[i].process->output()));
    }
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(64 << 20);
    servers[i].channel = grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port),
                                                   grpc::InsecureChannelCredentials(), args);
  }
  return servers;
}

std::unique_ptr<grpc::ClientContext> KeyedContext(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", absl::StrCat("Bearer ", kKey));
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

}  // namespace vendormatch::bench
