#include "services/server/observability.h"

#include <google/protobuf/descriptor.h>
#include <grpc/support/log.h>
#include <prometheus/gauge.h>
#include <prometheus/metric_family.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>

#include "absl/container/flat_hash_set.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/common/build_info.h"
#include "services/common/logging.h"

namespace vendormatch {
namespace {

using grpc::experimental::InterceptionHookPoints;

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return *buckets;
}

prometheus::Histogram::BucketBoundaries CountBuckets() {
  return {0, 1, 10, 50, 100, 500, 1000, 5000, 10000, 50000, 100000};
}

// "OK", "INVALID_ARGUMENT", ...: gRPC's codes are absl's.
std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

spdlog::level::level_enum LevelFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
      return spdlog::level::err;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return spdlog::level::warn;
    default:
      return spdlog::level::info;
  }
}

// The label of every method no linked .proto declares: callers cannot make
// new series by calling made-up methods.
const std::string kUnknownMethod = "unknown";

// The "/pkg.Service/Method" paths of the services the server serves, built
// once: a lookup in the descriptor pool on every call would take its mutex
// (exclusively, once any unknown name has been looked up).
const absl::flat_hash_set<std::string>& KnownMethods() {
  static const auto* const kKnown = [] {
    auto* known = new absl::flat_hash_set<std::string>;
    for (const char* name : {"vendormatch.v1.RegistryService", "vendormatch.v1.MatchingService",
                             "vendormatch.v1.KeyService", "grpc.health.v1.Health",
                             "grpc.reflection.v1alpha.ServerReflection"}) {
      const auto* service =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
      for (int i = 0; service != nullptr && i < service->method_count(); ++i) {
        known->insert(absl::StrCat("/", name, "/", service->method(i)->name()));
      }
    }
    return known;
  }();
  return *kKnown;
}

bool SaneRequestId(grpc::string_ref id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// One call: its request id, key id and start, logged and counted once.
class RpcObserver : public grpc::experimental::Interceptor {
 public:
  RpcObserver(grpc::experimental::ServerRpcInfo* info, Metrics& metrics, const KeyIdFn& key_id_of)
      : info_(info),
        metrics_(metrics),
        key_id_of_(key_id_of),
        method_(info->method() != nullptr ? info->method() : "unknown"),
        start_(std::chrono::steady_clock::now()) {}

  // A call dropped before its status was sent counts as CANCELLED.
  ~RpcObserver() override {
    if (!done_) Done(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      const auto& metadata = *methods->GetRecvInitialMetadata();
      request_id_ = RequestIdFrom(metadata);
      if (key_id_of_) key_id_ = key_id_of_(metadata);
      if (auto f = metadata.find("x-forwarded-for"); f != metadata.end()) {
        forwarded_for_.assign(f->second.data(), std::min<size_t>(f->second.size(), 64));
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      if (request_id_.empty()) request_id_ = RequestIdFrom({});
      methods->GetSendInitialMetadata()->emplace("x-request-id", request_id_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) && !done_) {
      Done(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Done(grpc::StatusCode code) {
    done_ = true;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    metrics_.RpcDone(method_, code, seconds);
    const grpc::ServerContextBase* context = info_->server_context();
    std::string peer = context != nullptr ? context->peer() : "";
    // Only the HTTP listener calls in-process (peer "unknown"); it names its
    // client in x-forwarded-for, which is ignored on any other call.
    const bool http = peer == "unknown" && !forwarded_for_.empty();
    if (http) peer = forwarded_for_;
    LogEvent(LevelFor(code), "rpc",
             {{"method", method_},
              {"code", CodeName(code)},
              {"latency_ms", seconds * 1000},
              {"key_id", key_id_},
              {"request_id", request_id_},
              {"peer", peer},
              {"transport", http ? "http" : "grpc"}});
  }

  grpc::experimental::ServerRpcInfo* info_;
  Metrics& metrics_;
  const KeyIdFn& key_id_of_;
  const std::string method_;
  const std::chrono::steady_clock::time_point start_;
  std::string request_id_;
  std::string key_id_;
  std::string forwarded_for_;
  bool done_ = false;
};

prometheus::MetricFamily NewFamily(std::string name, std::string help,
                                   prometheus::MetricType type) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  return family;
}

void AddSample(prometheus::MetricFamily& family, double value, std::string label = "",
               std::string label_value = "") {
  prometheus::ClientMetric metric;
  if (!label.empty()) metric.label.push_back({std::move(label), std::move(label_value)});
  if (family.type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
}

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      requests_(prometheus::BuildCounter()
                    .Name("vendormatch_rpc_requests_total")
                    .Help("RPCs finished, by full method name and status code")
                    .Register(*registry_)),
      latency_(prometheus::BuildHistogram()
                   .Name("vendormatch_rpc_latency_seconds")
                   .Help("Time from the start of an RPC to its status being sent")
                   .Register(*registry_)),
      considered_(prometheus::BuildHistogram()
                      .Name("vendormatch_match_candidates_considered")
                      .Help("Providers a match considered")
                      .Register(*registry_)
                      .Add({}, CountBuckets())),
      eligible_(prometheus::BuildHistogram()
                    .Name("vendormatch_match_eligible")
                    .Help("Providers eligible in a match (passing every filter)")
                    .Register(*registry_)
                    .Add({}, CountBuckets())),
      plugin_errors_(prometheus::BuildCounter()
                         .Name("vendormatch_plugin_errors_total")
                         .Help("Plugin failures in matches (skipped or failing the match)")
                         .Register(*registry_)) {
  prometheus::BuildGauge()
      .Name("vendormatch_build_info")
      .Help("1, labelled with the version and git revision of the running server")
      .Register(*registry_)
      .Add({{"version", std::string(BuildVersion())}, {"revision", std::string(BuildRevision())}})
      .Set(1);
}

void Metrics::RpcDone(const std::string& method, grpc::StatusCode code, double seconds) {
  const std::string& label = KnownMethods().contains(method) ? method : kUnknownMethod;
  requests_.Add({{"method", label}, {"code", CodeName(code)}}).Increment();
  latency_.Add({{"method", label}}, LatencyBuckets()).Observe(seconds);
}

void Metrics::MatchRan(int considered, int eligible) {
  considered_.Observe(considered);
  eligible_.Observe(eligible);
}

void Metrics::PluginFailed(const std::string& plugin) {
  plugin_errors_.Add({{"plugin", plugin}}).Increment();
}

std::vector<prometheus::MetricFamily> ServerStateCollector::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> families;
  auto& revision = families.emplace_back(NewFamily("vendormatch_snapshot_revision",
                                                   "Revision of the registry snapshot matches read",
                                                   MetricType::Gauge));
  AddSample(revision, static_cast<double>(matcher_.snapshot_revision()));
  auto& age = families.emplace_back(
      NewFamily("vendormatch_snapshot_age_seconds",
                "Seconds since the current registry snapshot was swapped in", MetricType::Gauge));
  AddSample(age, absl::ToDoubleSeconds(absl::Now() - matcher_.snapshot_time()));

  const PoolStats stats = db_.stats();
  auto& connections = families.emplace_back(NewFamily(
      "vendormatch_db_pool_connections",
      "PostgreSQL pool: connections open, leased now, and the pool size", MetricType::Gauge));
  AddSample(connections, stats.open, "state", "open");
  AddSample(connections, stats.in_use, "state", "in_use");
  AddSample(connections, stats.size, "state", "size");
  auto& errors = families.emplace_back(NewFamily(
      "vendormatch_db_errors_total", "PostgreSQL pool errors by kind", MetricType::Counter));
  AddSample(errors, static_cast<double>(stats.acquire_timeouts), "kind", "acquire_timeout");
  AddSample(errors, static_cast<double>(stats.connect_failures), "kind", "connect_failure");
  AddSample(errors, static_cast<double>(stats.broken_connections), "kind", "broken_connection");
  return families;
}

absl::StatusOr<std::unique_ptr<prometheus::Exposer>> StartMetricsExposer(
    const std::string& listen,
    const std::vector<std::shared_ptr<prometheus::Collectable>>& collectables) {
  try {
    auto exposer = std::make_unique<prometheus::Exposer>(listen, 2);
    for (const auto& c : collectables) exposer->RegisterCollectable(c);
    return exposer;
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", listen, ": ", e.what()));
  }
}

void SendGrpcLogsToSpdlog() {
  gpr_set_log_function([](gpr_log_func_args* args) {
    const spdlog::level::level_enum level =
        args->severity == GPR_LOG_SEVERITY_ERROR  ? spdlog::level::err
        : args->severity == GPR_LOG_SEVERITY_INFO ? spdlog::level::info
                                                  : spdlog::level::debug;
    LogEvent(level, absl::StrCat("grpc: ", args->message),
             {{"file", args->file != nullptr ? args->file : ""}, {"line", args->line}});
  });
}

std::string RequestIdFrom(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  if (auto it = metadata.find("x-request-id"); it != metadata.end() && SaneRequestId(it->second)) {
    return std::string(it->second.data(), it->second.size());
  }
  thread_local absl::BitGen bits;
  return absl::StrFormat("%016x%016x", absl::Uniform<uint64_t>(bits),
                         absl::Uniform<uint64_t>(bits));
}

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcObserver(info, metrics_, key_id_of_);
}

}  // namespace vendormatch
