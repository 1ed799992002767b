// JSON over HTTP for the gRPC API, as data: routes taken from each method's
// google.api.http annotation (AIP-127), a request message built from an
// HTTP request with protobuf's JSON mapping (path variables, body, query
// parameters), and responses and errors (google.rpc.Status) as JSON. Pure:
// no sockets and no calls; see http_gateway.h for the listener.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/gateway/path_template.h"

namespace vendormatch::gateway {

// An HTTP request as the listener read it.
struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, starting with "/"
  // Query parameters in order, names and values percent-decoded.
  std::vector<std::pair<std::string, std::string>> query;
  std::string body;
};

// One RPC reachable over HTTP.
struct Route {
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string http_method;  // "GET", "POST", "PATCH", "DELETE", "PUT"
  PathTemplate path;
  // "*": the whole request is the body; a field name: that field is; "":
  // no body (everything from the path and the query).
  std::string body;
};

// "/vendormatch.v1.RegistryService/GetProvider": the gRPC path of `method`.
std::string GrpcPath(const google::protobuf::MethodDescriptor& method);

// A request ready to be sent.
struct Call {
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::unique_ptr<google::protobuf::Message> request;
};

// Query parameters that are not request fields but settings of the HTTP
// call itself (they start with '$', as Google's system parameters do).
inline constexpr char kTimeoutParameter[] = "$timeout";

class Transcoder {
 public:
  // The routes of every unary method of the named services (full names,
  // "vendormatch.v1.RegistryService") in the generated descriptor pool that
  // carries a google.api.http rule, additional_bindings included.
  // INVALID_ARGUMENT for an unknown service, a bad template, a variable or
  // body naming no field, or a streaming method with a rule.
  static absl::StatusOr<Transcoder> ForServices(const std::vector<std::string>& services);

  // The call `request` asks for. Errors (each with an ErrorInfo):
  // NOT_FOUND (reason HTTP_ROUTE_NOT_FOUND) when no route has the path;
  // UNIMPLEMENTED (HTTP_METHOD_NOT_ALLOWED, metadata "allow") when routes have
  // the path but not the method; INVALID_ARGUMENT (INVALID_JSON or
  // INVALID_QUERY_PARAMETER) naming the field for a body or query parameter
  // that does not fit the request message. Thread-safe.
  absl::StatusOr<Call> Transcode(const HttpRequest& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// `message` in protobuf's JSON mapping: lowerCamelCase names, enums by
// name, fields at their defaults included.
std::string ToJson(const google::protobuf::Message& message);

// The HTTP status of a failed call (google.rpc.Code's documented mapping;
// 405 for HTTP_METHOD_NOT_ALLOWED, 413 for REQUEST_TOO_LARGE).
int HttpStatusOf(const absl::Status& status);

// `status` as the JSON of a google.rpc.Status: code, message and every
// payload as a typed detail ({"@type": ..., ...}), with the details every
// error carries (WithDefaultDetails).
std::string StatusJson(const absl::Status& status);

}  // namespace vendormatch::gateway
