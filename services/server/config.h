// The server's configuration: every setting is an Abseil flag (see --help)
// that may also come from the environment or a YAML file. One precedence,
// highest first:
//   1. the command line          --db_pool_size=16
//   2. the environment           VENDORMATCH_DB_POOL_SIZE=16 (the flag's name,
//                                upper case, after VENDORMATCH_; empty = unset)
//   3. the YAML file of --config (or $VENDORMATCH_CONFIG), a map whose keys
//      are flag names            db_pool_size: 16
//   4. the built-in default.
// The admin key may also be given as the secret itself in
// $VENDORMATCH_ADMIN_KEY instead of a file (--admin_key_file); not both.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/logging.h"
#include "services/server/server.h"

namespace vendormatch {

struct Config {
  ServerOptions server;
  // How long calls in flight may take after SIGTERM.
  absl::Duration shutdown_grace = absl::Seconds(10);
  LogOptions log;
  // The YAML file read, "" when none.
  std::string config_file;
  // The file server.matching.exchange_rates came from, "" for the default.
  std::string exchange_rates_file;
};

// Environment variables by name.
using Environment = std::map<std::string, std::string>;

// This process's VENDORMATCH_* environment variables. Not thread-safe
// against setenv.
Environment ProcessEnvironment();

// Sets Abseil's usage message (explaining the environment, the YAML file
// and the precedence) and makes --help list every setting. Call once, in
// main, before LoadConfig.
void InstallUsage();

// Resets every setting to its default, then applies the YAML file, the
// environment `env` and the command line `argv` in that order (so the
// later win) and checks the result. Handles --help and the other Abseil
// usage flags (printing and exiting the process, as Abseil does); a
// command-line error outside the settings (an unknown flag) is reported by
// Abseil, which exits the process with 1.
// Errors: INVALID_ARGUMENT "<source>: <problem>", where source names the
// flag ("--db_pool_size=x"), the variable ("VENDORMATCH_DB_POOL_SIZE=\"x\"")
// or the file and key ("config.yaml: db_pool_size"): a value that does not
// parse or is out of range, an unknown YAML key, a file that cannot be
// read, a missing database URL. Secret values are never quoted.
// Not thread-safe: it sets the process's flags.
absl::StatusOr<Config> LoadConfig(int argc, char** argv, const Environment& env);

// `url` with the password replaced by "****", in URL form
// (postgresql://user:pw@host/db, ?password=pw) and key=value form
// (password=pw, password='p w'). Pure.
std::string MaskDatabaseUrl(absl::string_view url);

// The effective configuration as a JSON object, for the start-up log line:
// the database password masked, the admin key left out (only whether one
// was given). Pure.
nlohmann::ordered_json EffectiveConfig(const Config& config);

}  // namespace vendormatch
