#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/logging.h"
#include "services/common/status_macros.h"
#include "services/gateway/openapi.h"
#include "services/server/tls_credentials.h"

namespace vendormatch {
namespace {

constexpr const char* kServiceNames[] = {"", "vendormatch.v1.RegistryService",
                                         "vendormatch.v1.MatchingService",
                                         "vendormatch.v1.KeyService"};

// Turns gRPC server reflection on or off for one server. (Loading gRPC's
// reflection library registers the plugin for every server of the process;
// this option removes it, and adds it back when wanted.)
class ReflectionOption : public grpc::ServerBuilderOption {
 public:
  explicit ReflectionOption(bool enabled) : enabled_(enabled) {}
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    auto reflection = std::make_unique<grpc::reflection::ProtoServerReflectionPlugin>();
    std::erase_if(*plugins, [&](const auto& p) { return p->name() == reflection->name(); });
    if (enabled_) plugins->push_back(std::move(reflection));
  }

 private:
  bool enabled_;
};

// Pings PostgreSQL until it answers or `wait` has passed, backing off from
// 100 ms to 5 s; one warning per attempt, on one line.
absl::Status WaitForDatabase(PostgresStorage& db, absl::Duration wait) {
  const absl::Time deadline = absl::Now() + wait;
  absl::Duration backoff = absl::Milliseconds(100);
  for (int attempt = 1;; ++attempt) {
    absl::Status status = db.Ping();
    if (status.ok() || absl::Now() + backoff > deadline) return status;
    LogEvent(spdlog::level::warn, "database not reachable yet",
             {{"attempt", attempt},
              {"retry_in", absl::FormatDuration(backoff)},
              {"error", std::string(status.message())}});
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
}

}  // namespace

Server::Server(const ServerOptions& options)
    : storage_(options.database),
      gate_(keys_),
      key_service_(storage_, keys_, gate_),
      registry_(storage_, options.limits),
      registry_service_(registry_, gate_) {}

Server::~Server() {
  Shutdown(absl::ZeroDuration());
  Wait();
  server_.reset();  // before the matcher its service uses
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  // TLS files first: a bad one fails the start before anything else is done.
  VM_ASSIGN_OR_RETURN(auto credentials, ServerCredentialsFor(options.tls));
  std::unique_ptr<Server> server(new Server(options));
  VM_RETURN_IF_ERROR(WaitForDatabase(server->storage_, options.database_wait));
  VM_RETURN_IF_ERROR(server->storage_.Migrate());
  VM_RETURN_IF_ERROR(server->StartKeyRing(options.auth));
  MatcherOptions matching = options.matching;
  matching.observer = server->metrics_.get();
  VM_ASSIGN_OR_RETURN(server->matcher_, Matcher::Start(server->storage_, std::move(matching)));
  server->matching_service_ =
      std::make_unique<MatchingServiceImpl>(*server->matcher_, server->gate_);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.SetOption(std::make_unique<ReflectionOption>(options.auth.reflection));
  builder.AddListeningPort(options.listen_address, credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  // A second server on the same address must fail, not share the port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // One log line and the request metrics per call; request ids echoed.
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<RpcObserverFactory>(
      *server->metrics_,
      [gate = &server->gate_](const auto& metadata) { return gate->KeyIdOf(metadata); }));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  builder.RegisterService(&server->registry_service_);
  builder.RegisterService(&server->key_service_);
  builder.RegisterService(server->matching_service_.get());
  server->server_ = builder.BuildAndStart();
  if (!server->server_ || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen_address));
  }
  for (const char* name : kServiceNames) {
    server->server_->GetHealthCheckService()->SetServingStatus(name, true);
  }
  if (!options.http_listen.empty()) VM_RETURN_IF_ERROR(server->StartHttpGateway(options));
  if (!options.metrics_listen.empty()) {
    server->state_metrics_ =
        std::make_shared<ServerStateCollector>(server->storage_, *server->matcher_);
    VM_ASSIGN_OR_RETURN(server->metrics_exposer_,
                        StartMetricsExposer(options.metrics_listen, {server->metrics_->registry(),
                                                                     server->state_metrics_}));
    const std::vector<int> ports = server->metrics_exposer_->GetListeningPorts();
    server->metrics_port_ = ports.empty() ? 0 : ports.front();
  }
  return server;
}

absl::Status Server::StartKeyRing(const AuthOptions& options) {
  if (!options.bootstrap_admin_key.empty()) {
    VM_ASSIGN_OR_RETURN(
        bool created, auth::BootstrapAdminKey(storage_, options.bootstrap_admin_key, "admin_key"));
    if (created) spdlog::info("first admin key stored (key id \"bootstrap\")");
  }
  // Listen first, then load: a key change committed in between is either
  // in the first load or announced.
  SubscriptionCallbacks callbacks;
  callbacks.on_change = [this](Topic) {
    absl::Status s = keys_.Reload(storage_);
    if (!s.ok()) spdlog::warn("key ring reload: {}", s.ToString());
    return !absl::IsUnavailable(s);
  };
  key_subscription_ = storage_.Subscribe({Topic::kKeys}, std::move(callbacks));
  VM_RETURN_IF_ERROR(keys_.Reload(storage_));
  if (keys_.size() == 0) {
    spdlog::warn(
        "no API keys: every call but health checks will be refused; give the first "
        "admin key with --admin_key_file or VENDORMATCH_ADMIN_KEY");
  }
  return absl::OkStatus();
}

absl::Status Server::StartHttpGateway(const ServerOptions& options) {
  VM_ASSIGN_OR_RETURN(
      gateway::Transcoder transcoder,
      gateway::Transcoder::ForServices({kServiceNames + 1, std::end(kServiceNames)}));
  gateway::HttpGatewayOptions http;
  http.listen = options.http_listen;
  http.max_body_bytes = options.max_receive_message_bytes;
  http.openapi_json = std::string(gateway::OpenApiJson());
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  args.SetMaxSendMessageSize(-1);
  VM_ASSIGN_OR_RETURN(http_gateway_,
                      gateway::HttpGateway::Start(std::move(http), std::move(transcoder),
                                                  server_->InProcessChannel(args)));
  return absl::OkStatus();
}

void Server::Shutdown(absl::Duration grace) {
  if (!server_) return;
  // Health first (every name: "" and each service), so health checks and
  // Watch streams report NOT_SERVING at once; then gRPC refuses new calls
  // and waits for those in flight until the deadline, cancelling the rest.
  server_->GetHealthCheckService()->SetServingStatus(false);
  // Calls that reach a handler from now on are refused (UNAVAILABLE, so
  // clients retry another replica); those admitted before go on.
  gate_.Drain();
  // The HTTP listener stops and waits for its requests (which need the
  // gRPC server, so before it).
  http_gateway_.reset();
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

void Server::Wait() {
  if (server_) server_->Wait();
}

}  // namespace vendormatch
