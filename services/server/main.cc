// vendormatch-server: serves the vendormatch gRPC API until SIGINT/SIGTERM.
// Settings: see services/server/config.h (or --help).
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/server/config.h"
#include "services/server/server.h"

int main(int argc, char** argv) {
  vendormatch::InstallUsage();
  auto config = vendormatch::LoadConfig(argc, argv, vendormatch::ProcessEnvironment());
  if (!config.ok()) {
    std::cerr << "vendormatch-server: " << config.status().message() << "\n";
    return 2;
  }
  vendormatch::SetUpLogging(config->log);
  vendormatch::SendGrpcLogsToSpdlog();
  vendormatch::LogEvent(spdlog::level::info, "configuration",
                        {{"config", vendormatch::EffectiveConfig(*config)}});
  const vendormatch::ServerOptions& options = config->server;

  // Block the stop signals before gRPC starts its threads, so only sigwait
  // below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = vendormatch::Server::Start(options);
  if (!server.ok()) {
    spdlog::error("cannot start: {}: {}", absl::StatusCodeToString(server.status().code()),
                  std::string(server.status().message()));
    return 1;
  }
  const std::string address = options.listen_address.substr(0, options.listen_address.rfind(':'));
  vendormatch::LogEvent(spdlog::level::info, "serving",
                        {{"address", absl::StrCat(address, ":", (*server)->port())},
                         {"metrics_port", (*server)->metrics_port()},
                         {"http_port", (*server)->http_port()}});
  if ((*server)->http_port() != 0) {
    const std::string& http = options.http_listen;
    std::cout << "vendormatch: HTTP on " << http.substr(0, http.rfind(':')) << ":"
              << (*server)->http_port() << std::endl;
  }
  std::cout << "vendormatch: serving on " << address << ":" << (*server)->port() << std::endl;

  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("signal {} received, draining calls for up to {}", signal,
               absl::FormatDuration(config->shutdown_grace));
  (*server)->Shutdown(config->shutdown_grace);
  (*server)->Wait();
  spdlog::info("stopped");
  return 0;
}
