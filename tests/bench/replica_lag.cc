// replica_lag: how long a registry write takes to show in the matches of the
// other replicas. Starts N vendormatch-server processes over one database,
// creates active providers one at a time through replica 0 and, as soon as
// each write returns, polls every other replica's MatchProviders until its
// snapshot counts the new provider. Prints p50/p99/max of that delay per
// replica and overall, and writes the figures as JSON.
//
//   replica_lag [--writes=200] [--replicas=3] [--preload=N] [--database_url=URL]
//               [--out=FILE]
//
// Without --database_url it uses the cluster in $VENDORMATCH_TEST_PG_DIR
// (CTest's fixture), in a database of its own.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "nlohmann/json.hpp"
#include "services/registry/generator.h"
#include "tests/bench/bench_servers.h"
#include "tests/bench/scratch_db.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"
#include "vendormatch/v1/registry_service.grpc.pb.h"

ABSL_FLAG(int, writes, 200, "providers to create through replica 0");
ABSL_FLAG(int, replicas, 3, "server processes (at least 2)");
ABSL_FLAG(int, preload, 0, "active providers imported before measuring (registry size)");
ABSL_FLAG(std::string, database_url, "",
          "PostgreSQL server URL (a database of the bench's own is made there); "
          "default: the URL in $VENDORMATCH_TEST_PG_DIR/url");
ABSL_FLAG(std::string, out, "replica-lag.json", "file for the figures (JSON)");

namespace vendormatch::bench {
namespace {

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

nlohmann::json Summary(const std::vector<double>& ms) {
  return {{"samples", ms.size()},
          {"p50_ms", Percentile(ms, 0.50)},
          {"p99_ms", Percentile(ms, 0.99)},
          {"max_ms", Percentile(ms, 1.0)}};
}

using MatchingStubs = std::vector<std::unique_ptr<v1::MatchingService::Stub>>;

// A cheap match: it only has to report how many active providers the
// replica's snapshot holds, so a narrow one (a small posting set, few
// candidates; one eligible is enough to skip the relaxation hints), lest
// the probe's own cost be measured as delay.
v1::MatchProvidersRequest Probe() {
  v1::MatchProvidersRequest probe;
  probe.mutable_requirement()->add_services("LEGAL_PROCESS_OUTSOURCING");
  probe.mutable_requirement()->set_client_country("US");
  probe.mutable_requirement()->set_client_time_zone("America/New_York");
  probe.set_top_k(1);
  return probe;
}

// The registry the writes land in: `preload` providers (numbered from
// `first`) imported in batches through `registry`, then waited for on every
// other replica. False (after saying why) when an import fails.
bool Preload(v1::RegistryService::Stub& registry, const MatchingStubs& matching,
             const v1::MatchProvidersRequest& probe, int preload, int first,
             const GeneratorOptions& generator) {
  constexpr int kBatch = 5000;
  for (int start = 0; start < preload; start += kBatch) {
    v1::ImportProvidersRequest import;
    import.set_mode(v1::ImportProvidersRequest::MODE_CREATE);
    for (int i = start; i < std::min(preload, start + kBatch); ++i) {
      *import.add_providers() = GenerateProvider(first + i, generator);
    }
    v1::ImportProvidersResponse imported;
    grpc::Status status = registry.ImportProviders(KeyedContext().get(), import, &imported);
    if (!status.ok()) {
      std::cerr << "replica_lag: preload: " << status.error_message() << "\n";
      return false;
    }
  }
  for (size_t r = 1; r < matching.size() && preload > 0; ++r) {
    v1::MatchProvidersResponse response;
    while (!matching[r]->MatchProviders(KeyedContext().get(), probe, &response).ok() ||
           response.candidates_considered() < preload) {
      absl::SleepFor(absl::Milliseconds(50));
    }
  }
  return true;
}

// Creates provider `w` through `registry` and, from the moment the write
// returns, polls every other replica (each in its own thread) until its
// snapshot counts `expected` providers. Appends the write's time to
// `write_ms` and each replica's delay to `lag_ms[r]`. False (after saying
// why) when the write fails or a replica does not see it within 30 s.
bool MeasureWrite(v1::RegistryService::Stub& registry, const MatchingStubs& matching,
                  const v1::MatchProvidersRequest& probe, int w, int64_t expected,
                  const GeneratorOptions& generator, std::vector<double>& write_ms,
                  std::vector<std::vector<double>>& lag_ms) {
  v1::CreateProviderRequest create;
  *create.mutable_provider() = GenerateProvider(w, generator);
  v1::CreateProviderResponse created;
  const absl::Time sent = absl::Now();
  grpc::Status status = registry.CreateProvider(KeyedContext().get(), create, &created);
  const absl::Time committed = absl::Now();
  if (!status.ok()) {
    std::cerr << "replica_lag: write " << w << ": " << status.error_message() << "\n";
    return false;
  }
  write_ms.push_back(absl::ToDoubleMilliseconds(committed - sent));
  std::vector<std::thread> pollers;
  std::atomic<bool> failed{false};
  for (size_t r = 1; r < matching.size(); ++r) {
    pollers.emplace_back([&, r] {
      const absl::Time give_up = committed + absl::Seconds(30);
      while (absl::Now() < give_up) {
        v1::MatchProvidersResponse response;
        if (matching[r]->MatchProviders(KeyedContext().get(), probe, &response).ok() &&
            response.candidates_considered() >= expected) {
          lag_ms[r].push_back(absl::ToDoubleMilliseconds(absl::Now() - committed));
          return;
        }
        absl::SleepFor(absl::Microseconds(500));
      }
      failed = true;
    });
  }
  for (auto& t : pollers) t.join();
  if (failed) {
    std::cerr << "replica_lag: write " << w << " never reached a replica\n";
    return false;
  }
  return true;
}

// Prints the delays per replica and overall and writes them as JSON.
void Report(int writes, int replicas, int preload, const std::vector<double>& write_ms,
            const std::vector<std::vector<double>>& lag_ms) {
  nlohmann::json out = {
      {"writes", writes}, {"replicas", replicas}, {"write_ms", Summary(write_ms)}};
  std::vector<double> all;
  absl::PrintF(
      "%d writes through replica 0 of %d over %d active providers; delay until each other "
      "replica's matches see the write (from the write's return):\n",
      writes, replicas, preload);
  absl::PrintF("%-10s %8s %8s %8s\n", "replica", "p50 ms", "p99 ms", "max ms");
  for (int r = 1; r < replicas; ++r) {
    const nlohmann::json s = Summary(lag_ms[r]);
    absl::PrintF("%-10d %8.2f %8.2f %8.2f\n", r, s["p50_ms"].get<double>(),
                 s["p99_ms"].get<double>(), s["max_ms"].get<double>());
    out["replica_" + std::to_string(r)] = s;
    all.insert(all.end(), lag_ms[r].begin(), lag_ms[r].end());
  }
  const nlohmann::json overall = Summary(all);
  absl::PrintF("%-10s %8.2f %8.2f %8.2f   (goal: p99 <= 200 ms)\n", "all",
               overall["p50_ms"].get<double>(), overall["p99_ms"].get<double>(),
               overall["max_ms"].get<double>());
  absl::PrintF("write itself: p50 %.2f ms, p99 %.2f ms\n",
               Summary(write_ms)["p50_ms"].get<double>(),
               Summary(write_ms)["p99_ms"].get<double>());
  out["all"] = overall;
  std::ofstream(absl::GetFlag(FLAGS_out)) << out.dump(2) << "\n";
}

int Run() {
  const int writes = absl::GetFlag(FLAGS_writes);
  const int replicas = absl::GetFlag(FLAGS_replicas);
  std::string server_url = absl::GetFlag(FLAGS_database_url);
  if (server_url.empty()) server_url = DefaultUrl();
  if (server_url.empty() || replicas < 2 || writes < 1) {
    std::cerr << "replica_lag: needs --database_url (or $VENDORMATCH_TEST_PG_DIR), "
                 "--replicas >= 2 and --writes >= 1\n";
    return 2;
  }
  ScratchDatabase db(server_url, absl::StrCat("replica_lag_", getpid()));

  auto servers = StartServers(db.url(), replicas);
  if (!servers.ok()) {
    std::cerr << "replica_lag: " << servers.status().message() << "\n";
    return 1;
  }
  MatchingStubs matching;
  for (const auto& server : *servers)
    matching.push_back(v1::MatchingService::NewStub(server.channel));
  auto registry = v1::RegistryService::NewStub(servers->front().channel);
  const v1::MatchProvidersRequest probe = Probe();
  GeneratorOptions generator;
  generator.active_share = 1.0;
  const int preload = absl::GetFlag(FLAGS_preload);
  if (!Preload(*registry, matching, probe, preload, writes, generator)) return 1;
  std::vector<std::vector<double>> lag_ms(replicas);
  std::vector<double> write_ms;
  for (int w = 0; w < writes; ++w) {
    if (!MeasureWrite(*registry, matching, probe, w, preload + w + 1, generator, write_ms,
                      lag_ms)) {
      return 1;
    }
  }
  Report(writes, replicas, preload, write_ms, lag_ms);
  return 0;
}

}  // namespace
}  // namespace vendormatch::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  try {
    return vendormatch::bench::Run();
  } catch (const std::exception& e) {
    std::cerr << "replica_lag: " << e.what() << "\n";
    return 1;
  }
}
