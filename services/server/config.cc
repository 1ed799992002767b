#include "services/server/config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/common/build_info.h"
#include "services/common/status_macros.h"

extern char** environ;

ABSL_FLAG(std::string, config, "",
          "YAML file of settings whose keys are these flags' names; default: $VENDORMATCH_CONFIG");
ABSL_FLAG(std::string, listen, vendormatch::ServerOptions{}.listen_address,
          "host:port to serve gRPC on (port 0: any free)");
ABSL_FLAG(std::string, database_url, "", "PostgreSQL connection URL or libpq string (required)");
ABSL_FLAG(int, db_pool_size, vendormatch::DatabaseOptions{}.pool_size,
          "PostgreSQL connections at most (at least 1)");
ABSL_FLAG(absl::Duration, db_acquire_timeout, vendormatch::DatabaseOptions{}.acquire_timeout,
          "how long a call waits for a free PostgreSQL connection before UNAVAILABLE");
ABSL_FLAG(absl::Duration, database_wait, vendormatch::ServerOptions{}.database_wait,
          "how long to keep trying to reach PostgreSQL at start");
ABSL_FLAG(std::string, plugin_dir, VM_DEFAULT_PLUGIN_DIR,
          "folder of matching plugins (vm_*.so) to load; every .so there is loaded");
ABSL_FLAG(std::string, exchange_rates_file, "",
          "YAML of \"CUR: USD per unit\" lines for comparing rates across currencies; "
          "default: a built-in approximate table");
ABSL_FLAG(int, nearshore_max_hours, vendormatch::FactsOptions{}.max_nearshore_hours,
          "centres at most this many hours from the client count as nearshore (negative: "
          "no time-zone rule)");
ABSL_FLAG(int, max_top_k, vendormatch::MatcherOptions{}.max_top_k,
          "largest top_k a match may ask for (1 to 1000)");
ABSL_FLAG(int, max_page_size, vendormatch::RegistryLimits{}.max_page_size,
          "largest page_size a List call may ask for");
ABSL_FLAG(int, max_import_batch, vendormatch::RegistryLimits{}.max_import_batch,
          "most providers one ImportProviders call may carry");
ABSL_FLAG(int, max_receive_message_bytes, vendormatch::ServerOptions{}.max_receive_message_bytes,
          "largest request accepted, in bytes");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "how long calls in flight may take to finish after SIGTERM");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain of the server; serves TLS when set (with --tls_key_file)");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM CA bundle; when set, clients must present a certificate it signed (mutual TLS)");
ABSL_FLAG(std::string, admin_key_file, "",
          "file holding the first admin key, used when no admin key exists yet; "
          "or give the key itself in $VENDORMATCH_ADMIN_KEY (not both)");
ABSL_FLAG(bool, reflection, vendormatch::AuthOptions{}.reflection,
          "serve gRPC server reflection (open to every caller)");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port of the Prometheus /metrics endpoint (port 0: any free); empty: none");
ABSL_FLAG(std::string, http_listen, "",
          "host:port of the JSON-over-HTTP API, /healthz, /readyz and /openapi.json "
          "(port 0: any free); empty: none");
ABSL_FLAG(std::string, log_level, "info",
          "least severe log lines written: trace, debug, info, "
          "warn or error");
ABSL_FLAG(std::string, log_format, "json", "json (one JSON object per line) or text (for people)");

namespace vendormatch {
namespace {

constexpr char kEnvPrefix[] = "VENDORMATCH_";
constexpr char kAdminKeyEnv[] = "VENDORMATCH_ADMIN_KEY";
// Settings whose value is shown masked in messages.
constexpr char kSecretSetting[] = "database_url";

// Every setting but "config", which names the file and is not one itself.
constexpr const char* kSettings[] = {
    "listen",         "database_url",  "db_pool_size",        "db_acquire_timeout",
    "database_wait",  "plugin_dir",    "exchange_rates_file", "nearshore_max_hours",
    "max_top_k",      "max_page_size", "max_import_batch",    "max_receive_message_bytes",
    "shutdown_grace", "tls_cert_file", "tls_key_file",        "tls_client_ca_file",
    "admin_key_file", "reflection",    "metrics_listen",      "http_listen",
    "log_level",      "log_format"};

bool IsSetting(absl::string_view name) {
  if (name == "config") return true;
  for (const char* s : kSettings) {
    if (name == s) return true;
  }
  return false;
}

std::string EnvName(absl::string_view setting) {
  return absl::AsciiStrToUpper(absl::StrCat(kEnvPrefix, setting));
}

// Where a setting's value came from, to name it in errors.
struct Source {
  enum Kind { kDefault, kFile, kEnv, kFlag } kind = kDefault;
  std::string value;
};

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {}

  // Sets flag `name` to `value` from `kind`.
  absl::Status Apply(const std::string& name, const std::string& value, Source::Kind kind) {
    sources_[name] = Source{kind, value};
    std::string error;
    if (!absl::FindCommandLineFlag(name)->ParseFrom(value, &error)) return Invalid(name, error);
    return absl::OkStatus();
  }

  // "<where name's value came from>: <problem>".
  absl::Status Invalid(const std::string& name, absl::string_view problem) const {
    return absl::InvalidArgumentError(absl::StrCat(Where(name), ": ", problem));
  }

  std::string Where(const std::string& name) const {
    auto it = sources_.find(name);
    if (it == sources_.end()) return absl::StrCat("--", name, " (default)");
    const std::string value =
        name == kSecretSetting ? MaskDatabaseUrl(it->second.value) : it->second.value;
    switch (it->second.kind) {
      case Source::kFlag:
        return absl::StrCat("--", name, "=", value);
      case Source::kEnv:
        return absl::StrCat(EnvName(name), "=\"", value, "\"");
      case Source::kFile:
        return absl::StrCat(file_, ": ", name);
      default:
        return absl::StrCat("--", name, " (default)");
    }
  }

 private:
  std::string file_;
  std::map<std::string, Source> sources_;
};

// The settings argv gives, in order, as (name, value), read the way
// Abseil's parser reads them: --name=value, --name value, --name and
// --noname for booleans; single dashes too; nothing after "--". Flags that
// are not settings are left to Abseil.
std::vector<std::pair<std::string, std::string>> SettingsInArgv(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> found;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--") break;
    if (!absl::ConsumePrefix(&arg, "--") && !absl::ConsumePrefix(&arg, "-")) continue;
    const size_t eq = arg.find('=');
    std::string name(arg.substr(0, eq));
    std::string value = eq == absl::string_view::npos ? "" : std::string(arg.substr(eq + 1));
    const absl::CommandLineFlag* flag = IsSetting(name) ? absl::FindCommandLineFlag(name) : nullptr;
    if (flag == nullptr) {
      if (eq != absl::string_view::npos || !absl::StartsWith(name, "no") ||
          !IsSetting(name.substr(2)) ||
          !absl::FindCommandLineFlag(name.substr(2))->IsOfType<bool>()) {
        continue;
      }
      found.emplace_back(name.substr(2), "false");
      continue;
    }
    if (eq == absl::string_view::npos) {
      if (flag->IsOfType<bool>()) {
        value = "true";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        continue;  // Abseil reports the missing value
      }
    }
    found.emplace_back(std::move(name), std::move(value));
  }
  return found;
}

absl::Status ApplyYaml(const std::string& file, Loader& loader) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::BadFile&) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": cannot read"));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": ", e.what()));
  }
  if (root.IsNull()) return absl::OkStatus();
  if (!root.IsMap()) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": must be a map of setting: value"));
  }
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (!IsSetting(key) || key == "config") {
      return absl::InvalidArgumentError(absl::StrCat(file, ": ", key, ": unknown setting"));
    }
    if (!entry.second.IsScalar() && !entry.second.IsNull()) {
      return absl::InvalidArgumentError(absl::StrCat(file, ": ", key, ": must be a single value"));
    }
    VM_RETURN_IF_ERROR(loader.Apply(key, entry.second.Scalar(), Source::kFile));
  }
  return absl::OkStatus();
}

// "" when `address` is host:port with a port 0..65535, else the problem.
std::string HostPortProblem(const std::string& address) {
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(absl::string_view(address).substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return "must be host:port";
  }
  return "";
}

// The contents of `path`, or an error naming setting `name`.
absl::StatusOr<std::string> ReadSettingFile(const Loader& loader, const std::string& name,
                                            const std::string& path) {
  std::error_code error;
  std::ifstream in(path);
  if (!std::filesystem::is_regular_file(path, error) || !in) {
    return loader.Invalid(name, "not a readable file");
  }
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return loader.Invalid(name, "not a readable file");
  return text.str();
}

absl::Status AtLeast(const Loader& loader, const std::string& name, int64_t value, int64_t min) {
  if (value >= min) return absl::OkStatus();
  return loader.Invalid(name, absl::StrCat("must be at least ", min));
}

absl::Status NotNegative(const Loader& loader, const std::string& name, absl::Duration value) {
  if (value >= absl::ZeroDuration()) return absl::OkStatus();
  return loader.Invalid(name, "must not be negative");
}

// The listening addresses.
absl::Status ReadListeners(const Loader& loader, ServerOptions& s) {
  s.listen_address = absl::GetFlag(FLAGS_listen);
  if (auto problem = HostPortProblem(s.listen_address); !problem.empty()) {
    return loader.Invalid("listen", problem);
  }
  s.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  if (auto problem = HostPortProblem(s.metrics_listen);
      !s.metrics_listen.empty() && !problem.empty()) {
    return loader.Invalid("metrics_listen", problem);
  }
  s.http_listen = absl::GetFlag(FLAGS_http_listen);
  if (auto problem = HostPortProblem(s.http_listen); !s.http_listen.empty() && !problem.empty()) {
    return loader.Invalid("http_listen", problem);
  }
  return absl::OkStatus();
}

// The database and how long to wait for it.
absl::Status ReadDatabase(const Loader& loader, ServerOptions& s) {
  s.database.url = absl::GetFlag(FLAGS_database_url);
  if (s.database.url.empty()) {
    return absl::InvalidArgumentError(
        "no database: set --database_url, VENDORMATCH_DATABASE_URL or database_url in the "
        "--config file");
  }
  s.database.pool_size = absl::GetFlag(FLAGS_db_pool_size);
  VM_RETURN_IF_ERROR(AtLeast(loader, "db_pool_size", s.database.pool_size, 1));
  s.database.acquire_timeout = absl::GetFlag(FLAGS_db_acquire_timeout);
  if (s.database.acquire_timeout <= absl::ZeroDuration()) {
    return loader.Invalid("db_acquire_timeout", "must be positive");
  }
  s.database_wait = absl::GetFlag(FLAGS_database_wait);
  VM_RETURN_IF_ERROR(NotNegative(loader, "database_wait", s.database_wait));
  return absl::OkStatus();
}

// Message, page, import and top_k limits.
absl::Status ReadLimits(const Loader& loader, ServerOptions& s) {
  s.max_receive_message_bytes = absl::GetFlag(FLAGS_max_receive_message_bytes);
  VM_RETURN_IF_ERROR(AtLeast(loader, "max_receive_message_bytes", s.max_receive_message_bytes, 1));
  s.limits.max_page_size = absl::GetFlag(FLAGS_max_page_size);
  VM_RETURN_IF_ERROR(AtLeast(loader, "max_page_size", s.limits.max_page_size, 1));
  s.limits.default_page_size = std::min(s.limits.default_page_size, s.limits.max_page_size);
  s.limits.max_import_batch = absl::GetFlag(FLAGS_max_import_batch);
  VM_RETURN_IF_ERROR(AtLeast(loader, "max_import_batch", s.limits.max_import_batch, 1));
  return absl::OkStatus();
}

// Plugins, top_k and the matching reference data.
absl::Status ReadMatching(const Loader& loader, Config& config) {
  ServerOptions& s = config.server;
  MatcherOptions& m = s.matching;
  m.plugin_dir = absl::GetFlag(FLAGS_plugin_dir);
  if (std::error_code error; !std::filesystem::is_directory(m.plugin_dir, error)) {
    return loader.Invalid("plugin_dir", "not a folder");
  }
  m.max_top_k = absl::GetFlag(FLAGS_max_top_k);
  VM_RETURN_IF_ERROR(AtLeast(loader, "max_top_k", m.max_top_k, 1));
  if (m.max_top_k > vendormatch::kMaxTopK) {
    return loader.Invalid("max_top_k", absl::StrCat("must be at most ", vendormatch::kMaxTopK));
  }
  m.default_top_k = std::min(m.default_top_k, m.max_top_k);
  m.facts.max_nearshore_hours = absl::GetFlag(FLAGS_nearshore_max_hours);
  if (m.facts.max_nearshore_hours > 26) return loader.Invalid("nearshore_max_hours", "at most 26");
  if (const std::string file = absl::GetFlag(FLAGS_exchange_rates_file); !file.empty()) {
    VM_ASSIGN_OR_RETURN(std::string text, ReadSettingFile(loader, "exchange_rates_file", file));
    auto rates = ExchangeRates::FromYaml(text);
    if (!rates.ok()) return loader.Invalid("exchange_rates_file", rates.status().message());
    m.exchange_rates = *std::move(rates);
    config.exchange_rates_file = file;
  }
  return absl::OkStatus();
}

// TLS files: readable, and set together.
absl::Status ReadTls(const Loader& loader, ServerOptions& s) {
  s.tls.cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  s.tls.key_file = absl::GetFlag(FLAGS_tls_key_file);
  s.tls.client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  for (const auto& [name, path] :
       {std::pair<std::string, std::string>{"tls_cert_file", s.tls.cert_file},
        {"tls_key_file", s.tls.key_file},
        {"tls_client_ca_file", s.tls.client_ca_file}}) {
    if (!path.empty()) VM_RETURN_IF_ERROR(ReadSettingFile(loader, name, path).status());
  }
  if (s.tls.cert_file.empty() != s.tls.key_file.empty()) {
    return loader.Invalid(s.tls.cert_file.empty() ? "tls_key_file" : "tls_cert_file",
                          "set --tls_cert_file and --tls_key_file together");
  }
  if (!s.tls.client_ca_file.empty() && s.tls.cert_file.empty()) {
    return loader.Invalid("tls_client_ca_file", "needs --tls_cert_file and --tls_key_file");
  }
  return absl::OkStatus();
}

// Reflection and the first admin key (a file or the environment, not both).
absl::Status ReadAuth(const Loader& loader, const Environment& env, ServerOptions& s) {
  s.auth.reflection = absl::GetFlag(FLAGS_reflection);
  const std::string key_file = absl::GetFlag(FLAGS_admin_key_file);
  auto key_env = env.find(kAdminKeyEnv);
  const bool key_in_env = key_env != env.end() && !key_env->second.empty();
  if (key_in_env && !key_file.empty()) {
    return loader.Invalid("admin_key_file",
                          absl::StrCat("and ", kAdminKeyEnv, " both set: give the key one way"));
  }
  if (key_in_env) s.auth.bootstrap_admin_key = key_env->second;
  if (!key_file.empty()) {
    VM_ASSIGN_OR_RETURN(std::string key, ReadSettingFile(loader, "admin_key_file", key_file));
    s.auth.bootstrap_admin_key = std::string(absl::StripAsciiWhitespace(key));
    if (s.auth.bootstrap_admin_key.empty()) return loader.Invalid("admin_key_file", "empty file");
  }
  return absl::OkStatus();
}

// Reads the flags (already set from every source) into a Config.
absl::StatusOr<Config> Build(const Loader& loader, const Environment& env) {
  Config config;
  ServerOptions& s = config.server;
  config.config_file = absl::GetFlag(FLAGS_config);
  VM_RETURN_IF_ERROR(ReadListeners(loader, s));
  VM_RETURN_IF_ERROR(ReadDatabase(loader, s));
  config.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  VM_RETURN_IF_ERROR(NotNegative(loader, "shutdown_grace", config.shutdown_grace));
  VM_RETURN_IF_ERROR(ReadLimits(loader, s));
  VM_RETURN_IF_ERROR(ReadMatching(loader, config));
  VM_RETURN_IF_ERROR(ReadTls(loader, s));
  VM_RETURN_IF_ERROR(ReadAuth(loader, env, s));
  auto level = ParseLogLevel(absl::GetFlag(FLAGS_log_level));
  if (!level.ok()) return loader.Invalid("log_level", level.status().message());
  config.log.level = *level;
  auto format = ParseLogFormat(absl::GetFlag(FLAGS_log_format));
  if (!format.ok()) return loader.Invalid("log_format", format.status().message());
  config.log.format = *format;
  return config;
}

}  // namespace

Environment ProcessEnvironment() {
  Environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    absl::string_view entry(*e);
    const size_t eq = entry.find('=');
    if (eq == absl::string_view::npos || !absl::StartsWith(entry, kEnvPrefix)) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

void InstallUsage() {
  absl::SetProgramUsageMessage(
      "Serves the vendormatch registry and matching over gRPC.\n\n"
      "Every flag below may also be set by the environment variable VENDORMATCH_<NAME> (the\n"
      "flag's name in upper case: --db_pool_size is VENDORMATCH_DB_POOL_SIZE; an empty value\n"
      "counts as unset) or by a key of the YAML file named by --config or $VENDORMATCH_CONFIG\n"
      "(\"db_pool_size: 16\"; unknown keys are errors). When a setting is given more than once,\n"
      "the command line wins over the environment, which wins over the YAML file, which wins\n"
      "over the built-in default. The first admin key may instead be given as the secret itself\n"
      "in $VENDORMATCH_ADMIN_KEY (then not --admin_key_file). A bad setting stops the server\n"
      "with exit status 2 and a message naming the setting and where it came from.");
  absl::FlagsUsageConfig usage;
  usage.version_string = [] { return VersionLine("vendormatch-server") + "\n"; };
  usage.contains_help_flags = [](absl::string_view file) {
    return absl::StrContains(file, "services/server/config.cc");
  };
  usage.contains_helpshort_flags = usage.contains_help_flags;
  absl::SetFlagsUsageConfig(usage);
}

absl::StatusOr<Config> LoadConfig(int argc, char** argv, const Environment& env) {
  for (const char* name : kSettings) {
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::string error;
    flag->ParseFrom(flag->DefaultValue(), &error);
  }
  const auto from_argv = SettingsInArgv(argc, argv);
  std::string file;
  if (auto it = env.find(EnvName("config")); it != env.end()) file = it->second;
  for (const auto& [name, value] : from_argv) {
    if (name == "config") file = value;
  }
  absl::SetFlag(&FLAGS_config, file);

  Loader loader(file);
  const absl::Status file_and_env = [&]() -> absl::Status {
    if (!file.empty()) VM_RETURN_IF_ERROR(ApplyYaml(file, loader));
    for (const char* name : kSettings) {
      auto it = env.find(EnvName(name));
      if (it != env.end() && !it->second.empty()) {
        VM_RETURN_IF_ERROR(loader.Apply(name, it->second, Source::kEnv));
      }
    }
    return absl::OkStatus();
  }();
  for (const auto& [name, value] : from_argv) {
    if (name != "config") VM_RETURN_IF_ERROR(loader.Apply(name, value, Source::kFlag));
  }
  // Abseil reads argv again: --help and the like (even when the file or the
  // environment is bad), and errors in anything that is not a setting.
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  VM_RETURN_IF_ERROR(file_and_env);
  if (positional.size() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("unexpected argument \"", positional[1], "\": settings are --name=value"));
  }
  return Build(loader, env);
}

std::string MaskDatabaseUrl(absl::string_view url) {
  std::string masked(url);
  const size_t scheme = masked.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t query = masked.find('?', start);
    const size_t at = masked.rfind('@', query == std::string::npos ? std::string::npos : query);
    if (at != std::string::npos && at > start) {
      const size_t colon = masked.find(':', start);
      if (colon != std::string::npos && colon < at)
        masked.replace(colon + 1, at - colon - 1, "****");
    }
    static const std::regex query_password("([?&]password=)[^&]*");
    return std::regex_replace(masked, query_password, "$1****");
  }
  static const std::regex keyword_password(R"((^|\s)password\s*=\s*('([^'\\]|\\.)*'|\S*))");
  return std::regex_replace(masked, keyword_password, "$1password=****");
}

nlohmann::ordered_json EffectiveConfig(const Config& config) {
  const ServerOptions& s = config.server;
  return {
      {"config", config.config_file},
      {"listen", s.listen_address},
      {"database_url", MaskDatabaseUrl(s.database.url)},
      {"db_pool_size", s.database.pool_size},
      {"db_acquire_timeout", absl::FormatDuration(s.database.acquire_timeout)},
      {"database_wait", absl::FormatDuration(s.database_wait)},
      {"plugin_dir", s.matching.plugin_dir},
      {"exchange_rates_file", config.exchange_rates_file},
      {"nearshore_max_hours", s.matching.facts.max_nearshore_hours},
      {"max_top_k", s.matching.max_top_k},
      {"max_page_size", s.limits.max_page_size},
      {"max_import_batch", s.limits.max_import_batch},
      {"max_receive_message_bytes", s.max_receive_message_bytes},
      {"shutdown_grace", absl::FormatDuration(config.shutdown_grace)},
      {"tls_cert_file", s.tls.cert_file},
      {"tls_key_file", s.tls.key_file},
      {"tls_client_ca_file", s.tls.client_ca_file},
      {"admin_key", s.auth.bootstrap_admin_key.empty() ? "none" : "given"},
      {"reflection", s.auth.reflection},
      {"metrics_listen", s.metrics_listen},
      {"http_listen", s.http_listen},
      {"log_level", LogLevelName(config.log.level)},
      {"log_format", config.log.format == LogFormat::kJson ? "json" : "text"},
  };
}

}  // namespace vendormatch
