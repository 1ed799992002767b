// import_bench: N generated providers into an empty registry, once through
// the batch RPC (ImportProviders, --batch providers per call) and once as N
// single CreateProvider calls, each into a database of its own behind a
// server of its own. Prints both times, the rates and the speed-up, and
// writes them as JSON. Checks that both registries end up with N providers.
//
//   import_bench [--count=100000] [--batch=10000] [--database_url=URL] [--out=FILE]
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <pqxx/pqxx>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"
#include "services/registry/generator.h"
#include "tests/bench/bench_servers.h"
#include "tests/bench/scratch_db.h"
#include "vendormatch/v1/registry_service.grpc.pb.h"

ABSL_FLAG(int, count, 100000, "providers to load each way");
ABSL_FLAG(int, batch, 10000, "providers per ImportProviders call");
ABSL_FLAG(std::string, database_url, "",
          "PostgreSQL server URL (the bench makes two databases there); "
          "default: the URL in $VENDORMATCH_TEST_PG_DIR/url");
ABSL_FLAG(bool, single, true,
          "also load one by one (false: only the batch load, e.g. to profile it)");
ABSL_FLAG(std::string, out, "import-bench.json", "file for the figures (JSON)");

namespace vendormatch::bench {
namespace {

// Counts the providers a server's registry holds (one ListProviders page of
// size 1 and its total would need a count RPC; the database is simpler).
int64_t ProviderCount(const std::string& url) {
  pqxx::connection c(url);
  return pqxx::nontransaction(c).exec("SELECT count(*) FROM providers")[0][0].as<int64_t>();
}
// Loads `count` generated providers through a server of its own over
// `database_url`, `batch` per ImportProviders call; adds the calls' time to
// `seconds`. False (after saying why) when the server or a call fails.
bool LoadInBatches(const std::string& database_url, int count, int batch,
                   const GeneratorOptions& generator, double& seconds) {
  auto servers = StartServers(database_url, 1);
  if (!servers.ok()) {
    std::cerr << "import_bench: " << servers.status().message() << "\n";
    return false;
  }
  auto stub = v1::RegistryService::NewStub(servers->front().channel);
  for (int start = 0; start < count; start += batch) {
    v1::ImportProvidersRequest request;
    request.set_mode(v1::ImportProvidersRequest::MODE_CREATE);
    for (int i = start; i < std::min(count, start + batch); ++i) {
      GenerateProviderInto(i, generator, *request.add_providers());
    }
    v1::ImportProvidersResponse response;
    const absl::Time sent = absl::Now();
    grpc::Status status =
        stub->ImportProviders(KeyedContext(absl::Minutes(10)).get(), request, &response);
    seconds += absl::ToDoubleSeconds(absl::Now() - sent);
    if (!status.ok()) {
      std::cerr << "import_bench: import at " << start << ": " << status.error_message() << "\n";
      return false;
    }
  }
  return true;
}

// Loads `count` generated providers through a server of its own over
// `database_url`, one CreateProvider call each; adds the calls' time to
// `seconds`. False (after saying why) when the server or a call fails.
bool LoadOneByOne(const std::string& database_url, int count, const GeneratorOptions& generator,
                  double& seconds) {
  auto servers = StartServers(database_url, 1);
  if (!servers.ok()) {
    std::cerr << "import_bench: " << servers.status().message() << "\n";
    return false;
  }
  auto stub = v1::RegistryService::NewStub(servers->front().channel);
  v1::CreateProviderRequest request;
  for (int i = 0; i < count; ++i) {
    GenerateProviderInto(i, generator, *request.mutable_provider());
    v1::CreateProviderResponse response;
    const absl::Time sent = absl::Now();
    grpc::Status status = stub->CreateProvider(KeyedContext().get(), request, &response);
    seconds += absl::ToDoubleSeconds(absl::Now() - sent);
    if (!status.ok()) {
      std::cerr << "import_bench: create " << i << ": " << status.error_message() << "\n";
      return false;
    }
  }
  return true;
}

// Prints both loads' times, rates and the speed-up and writes them as JSON;
// without `single`, prints only the batch load's line and writes nothing.
void Report(int count, int batch, bool single, double batch_seconds, double single_seconds) {
  absl::PrintF("%d providers into an empty registry (client-side time of the calls):\n", count);
  absl::PrintF("  ImportProviders, %d per call: %8.2f s  %9.0f providers/s\n", batch, batch_seconds,
               count / batch_seconds);
  if (!single) return;
  const double speedup = single_seconds / batch_seconds;
  absl::PrintF("  CreateProvider, one per call:  %8.2f s  %9.0f providers/s\n", single_seconds,
               count / single_seconds);
  absl::PrintF("  speed-up of the batch RPC: %.1fx   (goals: batch <= 10 s for 100k, >= 20x)\n",
               speedup);
  nlohmann::json out = {{"count", count},
                        {"batch", batch},
                        {"batch_seconds", batch_seconds},
                        {"single_seconds", single_seconds},
                        {"speedup", speedup}};
  std::ofstream(absl::GetFlag(FLAGS_out)) << out.dump(2) << "\n";
}

int Run() {
  const int count = absl::GetFlag(FLAGS_count);
  const int batch = absl::GetFlag(FLAGS_batch);
  std::string server_url = absl::GetFlag(FLAGS_database_url);
  if (server_url.empty()) server_url = DefaultUrl();
  if (server_url.empty() || count < 1 || batch < 1) {
    std::cerr << "import_bench: needs --database_url (or $VENDORMATCH_TEST_PG_DIR), "
                 "--count >= 1 and --batch >= 1\n";
    return 2;
  }
  GeneratorOptions generator;
  ScratchDatabase batch_db(server_url, absl::StrCat("import_batch_", getpid()));
  ScratchDatabase single_db(server_url, absl::StrCat("import_single_", getpid()));

  double batch_seconds = 0;
  if (!LoadInBatches(batch_db.url(), count, batch, generator, batch_seconds)) return 1;
  double single_seconds = 0;
  const bool single = absl::GetFlag(FLAGS_single);
  if (single && !LoadOneByOne(single_db.url(), count, generator, single_seconds)) return 1;
  const int64_t batched = ProviderCount(batch_db.url()), singles = ProviderCount(single_db.url());
  if (batched != count || (single && singles != count)) {
    std::cerr << "import_bench: expected " << count << " providers each way, found " << batched
              << " (batch) and " << singles << " (single)\n";
    return 1;
  }
  Report(count, batch, single, batch_seconds, single_seconds);
  return 0;
}

}  // namespace
}  // namespace vendormatch::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  try {
    return vendormatch::bench::Run();
  } catch (const std::exception& e) {
    std::cerr << "import_bench: " << e.what() << "\n";
    return 1;
  }
}
