#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/status_macros.h"
#include "services/storage/migrations.h"

namespace vendormatch {
namespace {

constexpr const char* kServiceNames[] = {"", "vendormatch.v1.RegistryService",
                                         "vendormatch.v1.MatchingService"};

absl::Status WaitForDatabase(Database& db, absl::Duration wait) {
  const absl::Time deadline = absl::Now() + wait;
  absl::Duration backoff = absl::Milliseconds(100);
  while (true) {
    absl::Status status = db.Ping();
    if (status.ok() || absl::Now() + backoff > deadline) return status;
    spdlog::warn("database not reachable yet, retrying in {}: {}", absl::FormatDuration(backoff),
                 std::string(status.message()));
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(2));
  }
}

}  // namespace

Server::Server(const ServerOptions& options)
    : db_(options.database), registry_(db_, options.limits), registry_service_(registry_) {}

Server::~Server() {
  Shutdown(absl::ZeroDuration());
  Wait();
  server_.reset();  // before the matcher its service uses
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  std::unique_ptr<Server> server(new Server(options));
  VM_RETURN_IF_ERROR(WaitForDatabase(server->db_, options.database_wait));
  VM_RETURN_IF_ERROR(server->db_.WithConnection(
      [](pqxx::connection& connection) { return ApplyMigrations(connection); }));
  VM_ASSIGN_OR_RETURN(server->matcher_, Matcher::Start(server->db_, options.matching));
  server->matching_service_ = std::make_unique<MatchingServiceImpl>(*server->matcher_);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, grpc::InsecureServerCredentials(),
                           &server->port_);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.RegisterService(&server->registry_service_);
  builder.RegisterService(server->matching_service_.get());
  server->server_ = builder.BuildAndStart();
  if (!server->server_ || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen_address));
  }
  for (const char* name : kServiceNames) {
    server->server_->GetHealthCheckService()->SetServingStatus(name, true);
  }
  return server;
}

void Server::Shutdown(absl::Duration grace) {
  if (!server_) return;
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

void Server::Wait() {
  if (server_) server_->Wait();
}

}  // namespace vendormatch
