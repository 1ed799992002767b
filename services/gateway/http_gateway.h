// The HTTP listener of the server: JSON over HTTP/1.1 for every unary RPC
// with a google.api.http rule, served on civetweb. Each request is
// transcoded (transcoder.h) and sent over an in-process channel to the gRPC
// server itself, so it passes the same interceptors (request id, log line,
// metrics), the same key and role checks and the same handlers as a gRPC
// call; nothing is written twice. Also serves:
//   GET /healthz       200 while the process answers
//   GET /readyz        200 when grpc.health.v1 says SERVING, else 503
//   GET /openapi.json  the API's OpenAPI document (when one is given)
//
// Request headers: `Authorization: Bearer <key>` and `X-Request-Id` are sent
// on as gRPC metadata; the deadline comes from `grpc-timeout` (gRPC's
// syntax: "500m", "2S") or the query parameter `$timeout` ("2.5s",
// "500ms"). The response carries `X-Request-Id`; errors are google.rpc.Status
// JSON with the matching HTTP status.
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/gateway/transcoder.h"

struct mg_context;
struct mg_connection;

namespace vendormatch::gateway {

struct HttpGatewayOptions {
  // host:port to listen on; port 0 picks a free port (see port()).
  std::string listen;
  // Worker threads: requests served at once.
  int threads = 16;
  // Largest request body accepted (413 beyond).
  long long max_body_bytes = 64 << 20;
  // Served at GET /openapi.json when not empty.
  std::string openapi_json;
};

// Owns its listener and threads. Thread-safe.
class HttpGateway {
 public:
  // Starts serving. `channel` must reach the server's gRPC services (an
  // in-process channel); the gateway shares ownership. UNAVAILABLE when the
  // address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpGateway>> Start(HttpGatewayOptions options,
                                                            Transcoder transcoder,
                                                            std::shared_ptr<grpc::Channel> channel);
  // Stops listening and waits for the requests in flight.
  ~HttpGateway();

  // The bound port.
  int port() const { return port_; }

 private:
  HttpGateway(HttpGatewayOptions options, Transcoder transcoder,
              std::shared_ptr<grpc::Channel> channel);
  static int HandleRequest(mg_connection* connection, void* self);
  void Serve(mg_connection* connection) const;
  void ServeCall(mg_connection* connection) const;
  void ServeReady(mg_connection* connection) const;

  const HttpGatewayOptions options_;
  const Transcoder transcoder_;
  const std::shared_ptr<grpc::Channel> channel_;
  mg_context* context_ = nullptr;
  int port_ = 0;
};

}  // namespace vendormatch::gateway
