// What operators see of a running server: Prometheus metrics and one log
// line per RPC, both from one gRPC server interceptor, plus series read at
// scrape time from the PostgreSQL pool and the matcher's snapshot.
//
// Series:
//   vendormatch_rpc_requests_total{method,code}       counter (method "unknown" for
//                                                     methods the server does not serve)
//   vendormatch_rpc_latency_seconds{method}           histogram
//   vendormatch_match_candidates_considered           histogram
//   vendormatch_match_eligible                        histogram
//   vendormatch_plugin_errors_total{plugin}           counter
//   vendormatch_build_info{version,revision}          gauge   (1)
//   vendormatch_snapshot_revision                     gauge   (at scrape)
//   vendormatch_snapshot_age_seconds                  gauge   (at scrape)
//   vendormatch_db_pool_connections{state}            gauge   (at scrape; open, in_use, size)
//   vendormatch_db_errors_total{kind}                 counter (at scrape; acquire_timeout,
//                                                     connect_failure, broken_connection)
#pragma once

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_interceptor.h>
#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/matching/matcher.h"
#include "services/storage/postgres_storage.h"

namespace vendormatch {

// The id of the API key a call presents, "" when none is valid. Must be
// thread-safe; must not log the metadata.
using KeyIdFn =
    std::function<std::string(const std::multimap<grpc::string_ref, grpc::string_ref>&)>;

// The series the server updates as it works. Thread-safe.
class Metrics : public MatchObserver {
 public:
  Metrics();

  // One finished RPC: `method` is the full name ("/pkg.Service/Method");
  // counted under "unknown" unless it is a method of the server's services
  // (vendormatch.v1, health, reflection).
  void RpcDone(const std::string& method, grpc::StatusCode code, double seconds);
  void MatchRan(int considered, int eligible) override;
  void PluginFailed(const std::string& plugin) override;

  // Holds every series above except the scrape-time ones (see
  // ServerStateCollector). Shared so an Exposer may hold a weak_ptr.
  const std::shared_ptr<prometheus::Registry>& registry() const { return registry_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Histogram& considered_;
  prometheus::Histogram& eligible_;
  prometheus::Family<prometheus::Counter>& plugin_errors_;
};

// The snapshot and pool series, read when scraped. Does not own `db` or
// `matcher`, which must outlive it. Thread-safe.
class ServerStateCollector : public prometheus::Collectable {
 public:
  ServerStateCollector(const PostgresStorage& db, const Matcher& matcher)
      : db_(db), matcher_(matcher) {}
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const PostgresStorage& db_;
  const Matcher& matcher_;
};

// Serves GET /metrics on `listen` ("host:port"; port 0 picks one, see
// Exposer::GetListeningPorts) with everything in `collectables`, which the
// exposer holds weakly: the caller keeps them alive. UNAVAILABLE when the
// address cannot be bound.
absl::StatusOr<std::unique_ptr<prometheus::Exposer>> StartMetricsExposer(
    const std::string& listen,
    const std::vector<std::shared_ptr<prometheus::Collectable>>& collectables);

// Sends gRPC's own log lines (gpr_log) through spdlog's default logger, so
// they come out in the process's log format: "grpc: <message>" with fields
// file and line. Call once at start, after SetUpLogging.
void SendGrpcLogsToSpdlog();

// The request id a call carries in `x-request-id` when it is 1 to 128
// printable ASCII characters; otherwise a new random one (32 hex digits).
// Thread-safe.
std::string RequestIdFrom(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata);

// Creates, for every call, the interceptor that reads or makes its request
// id, echoes it in the `x-request-id` response header, and at the end
// counts the call in `metrics` and logs one "rpc" line (method, code,
// latency_ms, key_id, request_id, peer, transport: grpc, or http for a call
// of the HTTP listener, whose client address is then the peer) at info, or warn for UNAVAILABLE /
// DEADLINE_EXCEEDED / RESOURCE_EXHAUSTED, or error for INTERNAL / UNKNOWN /
// DATA_LOSS. Never logs metadata values other than the request id. Does not
// own `metrics`, which must outlive the server. `key_id_of` may be empty.
class RpcObserverFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  RpcObserverFactory(Metrics& metrics, KeyIdFn key_id_of)
      : metrics_(metrics), key_id_of_(std::move(key_id_of)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Metrics& metrics_;
  KeyIdFn key_id_of_;
};

}  // namespace vendormatch
