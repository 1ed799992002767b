// vendormatch-server: serves the vendormatch gRPC API until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

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
ABSL_FLAG(std::string, plugin_dir, VM_DEFAULT_PLUGIN_DIR,
          "folder of matching plugins (vm_*.so) to load; every .so there is loaded");
ABSL_FLAG(std::string, exchange_rates_file, "",
          "YAML of \"CUR: USD per unit\" lines for comparing rates across currencies; "
          "default: a built-in approximate table");
ABSL_FLAG(int, nearshore_max_hours, 3,
          "centres at most this many hours from the client count as nearshore");
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
  options.matching.plugin_dir = absl::GetFlag(FLAGS_plugin_dir);
  options.matching.facts.max_nearshore_hours = absl::GetFlag(FLAGS_nearshore_max_hours);
  if (const std::string file = absl::GetFlag(FLAGS_exchange_rates_file); !file.empty()) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    auto rates = vendormatch::ExchangeRates::FromYaml(text.str());
    if (!in || !rates.ok()) {
      std::cerr << "vendormatch-server: --exchange_rates_file=" << file << ": "
                << (in ? rates.status().ToString() : "cannot read") << "\n";
      return 2;
    }
    options.matching.exchange_rates = *std::move(rates);
  }

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
