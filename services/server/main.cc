// vendormatch-server: serves the vendormatch gRPC API until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "services/server/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "host:port to serve gRPC on (port 0: any free)");
ABSL_FLAG(std::string, database_url, "",
          "PostgreSQL connection URL or libpq string; default: $VENDORMATCH_DATABASE_URL");
ABSL_FLAG(int, db_pool_size, 8, "PostgreSQL connections at most");
ABSL_FLAG(absl::Duration, database_wait, absl::Seconds(30),
          "how long to keep trying to reach PostgreSQL at start");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "how long calls in flight may take to finish after SIGTERM");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Serves the vendormatch registry over gRPC.");
  absl::ParseCommandLine(argc, argv);

  vendormatch::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.database.url = absl::GetFlag(FLAGS_database_url);
  if (options.database.url.empty()) {
    const char* env = std::getenv("VENDORMATCH_DATABASE_URL");
    options.database.url = env ? env : "";
  }
  if (options.database.url.empty()) {
    std::cerr << "vendormatch-server: no database: set --database_url or "
                 "VENDORMATCH_DATABASE_URL\n";
    return 2;
  }
  options.database.pool_size = absl::GetFlag(FLAGS_db_pool_size);
  options.database_wait = absl::GetFlag(FLAGS_database_wait);

  // Block the stop signals before gRPC starts its threads, so only sigwait
  // below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = vendormatch::Server::Start(options);
  if (!server.ok()) {
    spdlog::error("cannot start: {}", server.status().ToString());
    return 1;
  }
  const std::string address = options.listen_address.substr(0, options.listen_address.rfind(':'));
  std::cout << "vendormatch: serving on " << address << ":" << (*server)->port() << std::endl;

  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("signal {} received, draining calls for up to {}", signal,
               absl::FormatDuration(absl::GetFlag(FLAGS_shutdown_grace)));
  (*server)->Shutdown(absl::GetFlag(FLAGS_shutdown_grace));
  (*server)->Wait();
  spdlog::info("stopped");
  return 0;
}
