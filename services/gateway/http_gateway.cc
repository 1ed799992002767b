#include "services/gateway/http_gateway.h"

#include <civetweb.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.pb.h"
#include "services/common/error_info.h"
#include "services/common/grpc_status.h"

namespace vendormatch::gateway {
namespace {

constexpr char kJson[] = "application/json";

struct Reply {
  Reply(int status, std::string body) : status(status), body(std::move(body)) {}
  int status;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

void Send(mg_connection* connection, const Reply& reply) {
  mg_response_header_start(connection, reply.status);
  mg_response_header_add(connection, "Content-Type", kJson, -1);
  mg_response_header_add(connection, "Content-Length", std::to_string(reply.body.size()).c_str(),
                         -1);
  for (const auto& [name, value] : reply.headers) {
    mg_response_header_add(connection, name.c_str(), value.c_str(), -1);
  }
  mg_response_header_send(connection);
  mg_write(connection, reply.body.data(), reply.body.size());
}

Reply ErrorReply(const absl::Status& status) {
  Reply reply(HttpStatusOf(status), StatusJson(status));
  if (auto info = ErrorInfoOf(status); info && info->metadata().contains("allow")) {
    reply.headers.emplace_back("Allow", info->metadata().at("allow"));
  }
  return reply;
}

std::string UrlDecode(absl::string_view text) {
  std::string out(text.size() + 1, '\0');
  const int n = mg_url_decode(text.data(), static_cast<int>(text.size()), out.data(),
                              static_cast<int>(out.size()), /*is_form_url_encoded=*/1);
  out.resize(n < 0 ? 0 : n);
  return out;
}

std::vector<std::pair<std::string, std::string>> QueryOf(const char* query_string) {
  std::vector<std::pair<std::string, std::string>> query;
  if (query_string == nullptr) return query;
  for (absl::string_view pair : absl::StrSplit(query_string, '&', absl::SkipEmpty())) {
    const auto [name, value] = std::pair<absl::string_view, absl::string_view>(
        absl::StrSplit(pair, absl::MaxSplits('=', 1)));
    query.emplace_back(UrlDecode(name), UrlDecode(value));
  }
  return query;
}

// The body, or RESOURCE_EXHAUSTED (REQUEST_TOO_LARGE) beyond `limit`.
absl::StatusOr<std::string> ReadBody(mg_connection* connection, long long limit) {
  std::string body;
  char buffer[16384];
  while (true) {
    const int n = mg_read(connection, buffer, sizeof buffer);
    if (n <= 0) break;
    body.append(buffer, n);
    if (static_cast<long long>(body.size()) > limit) {
      return WithErrorInfo(
          absl::ResourceExhaustedError(absl::StrCat("request body larger than ", limit, " bytes")),
          "REQUEST_TOO_LARGE", {{"limit_bytes", std::to_string(limit)}});
    }
  }
  return body;
}

// gRPC's grpc-timeout syntax: digits and one of H M S m u n.
std::optional<absl::Duration> ParseGrpcTimeout(absl::string_view text) {
  if (text.size() < 2) return std::nullopt;
  int64_t amount = 0;
  if (!absl::SimpleAtoi(text.substr(0, text.size() - 1), &amount) || amount < 0) {
    return std::nullopt;
  }
  switch (text.back()) {
    case 'H':
      return absl::Hours(amount);
    case 'M':
      return absl::Minutes(amount);
    case 'S':
      return absl::Seconds(amount);
    case 'm':
      return absl::Milliseconds(amount);
    case 'u':
      return absl::Microseconds(amount);
    case 'n':
      return absl::Nanoseconds(amount);
    default:
      return std::nullopt;
  }
}

// The call's deadline from the header or `$timeout`, if either is given.
absl::StatusOr<std::optional<absl::Duration>> TimeoutOf(mg_connection* connection,
                                                        const HttpRequest& request) {
  if (const char* header = mg_get_header(connection, "grpc-timeout")) {
    auto timeout = ParseGrpcTimeout(header);
    if (!timeout) {
      return absl::InvalidArgumentError(absl::StrCat("header grpc-timeout \"", header,
                                                     "\": give digits and a unit of H M S m u n"));
    }
    return timeout;
  }
  for (const auto& [name, value] : request.query) {
    if (name != kTimeoutParameter) continue;
    absl::Duration timeout;
    if (!absl::ParseDuration(value, &timeout) || timeout < absl::ZeroDuration()) {
      return absl::InvalidArgumentError(absl::StrCat("query parameter ", kTimeoutParameter, " \"",
                                                     value, "\": give a duration like 2.5s"));
    }
    return std::optional<absl::Duration>(timeout);
  }
  return std::optional<absl::Duration>();
}

// Sends `request` bytes to `path` on `channel`; waits for the answer.
grpc::Status UnaryCall(grpc::Channel& channel, grpc::ClientContext& context,
                       const std::string& path, const std::string& request,
                       grpc::ByteBuffer& response) {
  grpc::GenericStub stub(std::shared_ptr<grpc::ChannelInterface>(&channel, [](auto*) {}));
  grpc::Slice slice(request);
  grpc::ByteBuffer buffer(&slice, 1);
  absl::Notification done;
  grpc::Status result;
  stub.UnaryCall(&context, path, grpc::StubOptions(), &buffer, &response, [&](grpc::Status status) {
    result = std::move(status);
    done.Notify();
  });
  done.WaitForNotification();
  return result;
}

std::string Flatten(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  (void)buffer.Dump(&slices);
  std::string out;
  for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

int LogMessage(const mg_connection*, const char* message) {
  spdlog::warn("http: {}", message);
  return 1;
}

}  // namespace

HttpGateway::HttpGateway(HttpGatewayOptions options, Transcoder transcoder,
                         std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      transcoder_(std::move(transcoder)),
      channel_(std::move(channel)) {}

absl::StatusOr<std::unique_ptr<HttpGateway>> HttpGateway::Start(
    HttpGatewayOptions options, Transcoder transcoder, std::shared_ptr<grpc::Channel> channel) {
  std::unique_ptr<HttpGateway> gateway(
      new HttpGateway(std::move(options), std::move(transcoder), std::move(channel)));
  const std::string threads = std::to_string(gateway->options_.threads);
  const char* settings[] = {"listening_ports", gateway->options_.listen.c_str(), "num_threads",
                            threads.c_str(), "enable_keep_alive", "yes",
                            // Headers and body go out in two writes: without
                            // this, Nagle and delayed ACKs add 40 ms a call.
                            "tcp_nodelay", "1", nullptr};
  mg_callbacks callbacks{};
  callbacks.log_message = &LogMessage;
  gateway->context_ = mg_start(&callbacks, nullptr, settings);
  if (gateway->context_ == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for HTTP on ", gateway->options_.listen));
  }
  mg_set_request_handler(gateway->context_, "/", &HttpGateway::HandleRequest, gateway.get());
  mg_server_port ports[4] = {};
  if (mg_get_server_ports(gateway->context_, 4, ports) > 0) gateway->port_ = ports[0].port;
  return gateway;
}

HttpGateway::~HttpGateway() {
  if (context_ != nullptr) mg_stop(context_);
}

int HttpGateway::HandleRequest(mg_connection* connection, void* self) {
  static_cast<const HttpGateway*>(self)->Serve(connection);
  return 1;  // handled; civetweb keeps the connection alive when it can
}

void HttpGateway::Serve(mg_connection* connection) const {
  const mg_request_info* info = mg_get_request_info(connection);
  const std::string_view path = info->local_uri != nullptr ? info->local_uri : "/";
  const std::string_view method = info->request_method;
  if (method == "GET" && path == "/healthz")
    return Send(connection, Reply(200, R"({"status":"ok"})"));
  if (method == "GET" && path == "/readyz") return ServeReady(connection);
  if (method == "GET" && path == "/openapi.json" && !options_.openapi_json.empty()) {
    return Send(connection, Reply(200, options_.openapi_json));
  }
  ServeCall(connection);
}

void HttpGateway::ServeReady(mg_connection* connection) const {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::ByteBuffer response;
  const grpc::Status status =
      UnaryCall(*channel_, context, "/grpc.health.v1.Health/Check", std::string(), response);
  // An empty HealthCheckRequest asks about the whole server.
  grpc::health::v1::HealthCheckResponse health;
  const bool serving = status.ok() && health.ParseFromString(Flatten(response)) &&
                       health.status() == grpc::health::v1::HealthCheckResponse::SERVING;
  Send(connection,
       serving ? Reply(200, R"({"status":"SERVING"})") : Reply(503, R"({"status":"NOT_SERVING"})"));
}

void HttpGateway::ServeCall(mg_connection* connection) const {
  const mg_request_info* info = mg_get_request_info(connection);
  HttpRequest request{.method = info->request_method,
                      .path = info->local_uri != nullptr ? info->local_uri : "/",
                      .query = QueryOf(info->query_string),
                      .body = ""};
  absl::StatusOr<std::string> body = ReadBody(connection, options_.max_body_bytes);
  if (!body.ok()) return Send(connection, ErrorReply(body.status()));
  request.body = std::move(*body);
  auto timeout = TimeoutOf(connection, request);
  if (!timeout.ok()) return Send(connection, ErrorReply(timeout.status()));
  absl::StatusOr<Call> call = transcoder_.Transcode(request);
  if (!call.ok()) return Send(connection, ErrorReply(call.status()));

  grpc::ClientContext context;
  if (const char* auth = mg_get_header(connection, "Authorization")) {
    context.AddMetadata("authorization", auth);
  }
  if (const char* id = mg_get_header(connection, "X-Request-Id")) {
    context.AddMetadata("x-request-id", id);
  }
  context.AddMetadata("x-forwarded-for", info->remote_addr);
  if (*timeout) context.set_deadline(absl::ToChronoTime(absl::Now() + **timeout));
  grpc::ByteBuffer response;
  const grpc::Status status = UnaryCall(*channel_, context, GrpcPath(*call->method),
                                        call->request->SerializeAsString(), response);
  Reply reply(200, "");
  if (status.ok()) {
    std::unique_ptr<google::protobuf::Message> message(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(call->method->output_type())
            ->New());
    message->ParseFromString(Flatten(response));
    reply.body = ToJson(*message);
  } else {
    reply = ErrorReply(FromGrpcStatus(status));
  }
  for (const auto& [key, value] : context.GetServerInitialMetadata()) {
    if (key == "x-request-id")
      reply.headers.emplace_back("X-Request-Id", std::string(value.data(), value.size()));
  }
  Send(connection, reply);
}

}  // namespace vendormatch::gateway
