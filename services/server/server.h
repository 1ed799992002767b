// The vendormatch server: PostgreSQL pool, migrations, the registry and the
// gRPC server with health checking and reflection. Used by main() and by
// integration tests, which start it in-process on port 0.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/auth/gate.h"
#include "services/auth/key_service.h"
#include "services/gateway/http_gateway.h"
#include "services/matching/matcher.h"
#include "services/matching/matching_service.h"
#include "services/registry/registry.h"
#include "services/registry/registry_service.h"
#include "services/server/observability.h"
#include "services/storage/postgres_storage.h"

namespace vendormatch {

// TLS for the gRPC port. Off when cert_file is empty.
struct TlsOptions {
  std::string cert_file;  // PEM certificate chain of the server
  std::string key_file;   // PEM private key
  // PEM CA bundle; when set, clients must present a certificate it signed
  // (mutual TLS).
  std::string client_ca_file;
  bool enabled() const { return !cert_file.empty(); }
};

// Who may call.
struct AuthOptions {
  // At start, when no admin key exists yet, this secret becomes the first
  // admin key (stored hashed, label "bootstrap"). Never logged.
  std::string bootstrap_admin_key;
  // Serve gRPC server reflection (open to everyone when on).
  bool reflection = true;
};

struct ServerOptions {
  // host:port to listen on; port 0 picks a free port (see Server::port()).
  std::string listen_address = "127.0.0.1:50051";
  DatabaseOptions database;
  // How long to keep trying to reach PostgreSQL at start.
  absl::Duration database_wait = absl::Seconds(30);
  // Largest request accepted (imports of thousands of providers are big).
  int max_receive_message_bytes = 64 << 20;
  RegistryLimits limits;
  // Plugins, exchange rates and top-K limits for matching.
  MatcherOptions matching;
  TlsOptions tls;
  AuthOptions auth;
  // host:port of the Prometheus /metrics HTTP endpoint; "" for none.
  std::string metrics_listen;
  // host:port of the JSON-over-HTTP API (services/gateway); "" for none.
  std::string http_listen;
};

// Owns everything it starts. Thread-safe after Start.
class Server {
 public:
  // Connects to PostgreSQL (retrying up to database_wait), applies
  // migrations, loads the plugins and the registry snapshot, starts serving
  // and marks health SERVING. Errors: UNAVAILABLE when PostgreSQL stays
  // unreachable or the address cannot be bound; INTERNAL when a migration
  // fails; FAILED_PRECONDITION naming a plugin the server refuses.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options);
  ~Server();

  // The bound port.
  int port() const { return port_; }

  Matcher& matcher() { return *matcher_; }

  // The gate every RPC passes (for request logs: whose key a call bears).
  const auth::AuthGate& gate() const { return gate_; }

  // Marks health NOT_SERVING, stops accepting calls, lets calls in flight
  // finish until `grace` has passed, then cancels the rest. Idempotent.
  void Shutdown(absl::Duration grace = absl::Seconds(10));

  // Blocks until the server has shut down.
  void Wait();

  // Observability. The bound port of the /metrics endpoint (0 when
  // metrics_listen is empty).
  int metrics_port() const { return metrics_port_; }
  // The bound port of the HTTP API (0 when http_listen is empty).
  int http_port() const { return http_gateway_ ? http_gateway_->port() : 0; }
  // The series this server updates (also served on /metrics).
  Metrics& metrics() { return *metrics_; }

 private:
  explicit Server(const ServerOptions& options);
  // Stores the first admin key when needed, loads the key ring and follows
  // its changes.
  absl::Status StartKeyRing(const AuthOptions& options);
  // Serves the HTTP API on `listen` over an in-process channel.
  absl::Status StartHttpGateway(const ServerOptions& options);

  PostgresStorage storage_;
  auth::KeyRing keys_;
  auth::AuthGate gate_;
  std::unique_ptr<Subscription> key_subscription_;
  auth::KeyServiceImpl key_service_;
  Registry registry_;
  RegistryServiceImpl registry_service_;
  std::unique_ptr<Matcher> matcher_;
  std::unique_ptr<MatchingServiceImpl> matching_service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  // Stops (waiting for its requests) before the gRPC server it calls.
  std::unique_ptr<gateway::HttpGateway> http_gateway_;

  // Observability: declared last, so the /metrics endpoint stops before the
  // database and matcher it reads are destroyed.
  std::unique_ptr<Metrics> metrics_ = std::make_unique<Metrics>();
  std::shared_ptr<ServerStateCollector> state_metrics_;
  std::unique_ptr<prometheus::Exposer> metrics_exposer_;
  int metrics_port_ = 0;
};

}  // namespace vendormatch
