// Server settings: the precedence command line > environment > YAML file >
// default for every kind of setting, errors naming the setting and where it
// came from, and secrets kept out of the start-up log line.
#include "services/server/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"

namespace vendormatch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kUrl[] = "postgresql://vm:s3cret-pw@db.example:5432/vendormatch";

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("vm_config_test_", getpid(), "_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `text` to `name` in the test's folder; returns its path.
  std::string File(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  absl::StatusOr<Config> Load(std::vector<std::string> args, const Environment& env = {}) {
    args.insert(args.begin(), "vendormatch-server");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return LoadConfig(static_cast<int>(args.size()), argv.data(), env);
  }

  // The error message of a load that must fail.
  std::string Error(std::vector<std::string> args, const Environment& env = {}) {
    auto config = Load(std::move(args), env);
    EXPECT_FALSE(config.ok());
    if (config.ok()) return "";
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(config.status().message());
  }

  std::filesystem::path dir_;
};

TEST_F(ConfigTest, DefaultsNeedOnlyTheDatabase) {
  auto config = Load({absl::StrCat("--database_url=", kUrl)});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.database.url, kUrl);
  EXPECT_EQ(config->server.listen_address, "127.0.0.1:50051");
  EXPECT_EQ(config->server.database.pool_size, 8);
  EXPECT_EQ(config->server.database_wait, absl::Seconds(30));
  EXPECT_TRUE(config->server.auth.reflection);
  EXPECT_EQ(config->server.metrics_listen, "");
  EXPECT_EQ(config->log.level, spdlog::level::info);
  EXPECT_EQ(config->log.format, LogFormat::kJson);
  EXPECT_EQ(config->shutdown_grace, absl::Seconds(10));
}

TEST_F(ConfigTest, CommandLineBeatsEnvironmentBeatsFileBeatsDefault) {
  // Four settings of each kind (int, duration, bool, string); setting i is
  // given by the first i sources of: file, environment, command line.
  const std::string file = File("config.yaml",
                                "db_pool_size: 2\n"
                                "max_top_k: 20\n"
                                "max_page_size: 200\n"
                                "database_wait: 2s\n"
                                "shutdown_grace: 20s\n"
                                "db_acquire_timeout: 200ms\n"
                                "reflection: false\n"
                                "metrics_listen: 127.0.0.1:2\n"
                                "listen: 127.0.0.1:20\n"
                                "log_format: text\n");
  const Environment env = {{"VENDORMATCH_MAX_TOP_K", "30"},
                           {"VENDORMATCH_MAX_PAGE_SIZE", "300"},
                           {"VENDORMATCH_SHUTDOWN_GRACE", "30s"},
                           {"VENDORMATCH_DB_ACQUIRE_TIMEOUT", "300ms"},
                           {"VENDORMATCH_METRICS_LISTEN", "127.0.0.1:3"},
                           {"VENDORMATCH_LISTEN", "127.0.0.1:30"},
                           {"VENDORMATCH_LOG_LEVEL", "debug"},
                           {"VENDORMATCH_DATABASE_URL", kUrl}};
  auto config = Load({"--config", file, "--max_page_size=400", "--db_acquire_timeout", "400ms",
                      "--listen=127.0.0.1:40", "--noreflection"},
                     env);
  ASSERT_TRUE(config.ok()) << config.status();
  const ServerOptions& s = config->server;
  EXPECT_EQ(config->config_file, file);
  // int
  EXPECT_EQ(s.database.pool_size, 2);           // file
  EXPECT_EQ(s.matching.max_top_k, 30);          // environment over file
  EXPECT_EQ(s.limits.max_page_size, 400);       // command line over both
  EXPECT_EQ(s.limits.max_import_batch, 10000);  // default
  // duration
  EXPECT_EQ(s.database_wait, absl::Seconds(2));
  EXPECT_EQ(config->shutdown_grace, absl::Seconds(30));
  EXPECT_EQ(s.database.acquire_timeout, absl::Milliseconds(400));
  // bool: the file's false, then --noreflection agrees
  EXPECT_FALSE(s.auth.reflection);
  // string
  EXPECT_EQ(s.metrics_listen, "127.0.0.1:3");
  EXPECT_EQ(s.listen_address, "127.0.0.1:40");
  EXPECT_EQ(config->log.format, LogFormat::kText);
  EXPECT_EQ(config->log.level, spdlog::level::debug);
  EXPECT_EQ(s.database.url, kUrl);
}

TEST_F(ConfigTest, BoolsFromEachSource) {
  const std::string file = File("c.yaml", "reflection: false\n");
  const std::string url = absl::StrCat("--database_url=", kUrl);
  EXPECT_FALSE(Load({url, "--config=" + file})->server.auth.reflection);
  EXPECT_TRUE(Load({url, "--config=" + file}, {{"VENDORMATCH_REFLECTION", "true"}})
                  ->server.auth.reflection);
  EXPECT_FALSE(
      Load({url, "--config=" + file, "--reflection=false"}, {{"VENDORMATCH_REFLECTION", "true"}})
          ->server.auth.reflection);
  EXPECT_TRUE(Load({url, "--config=" + file, "--reflection"})->server.auth.reflection);
}

TEST_F(ConfigTest, EachLoadStartsFromTheDefaults) {
  ASSERT_TRUE(Load({absl::StrCat("--database_url=", kUrl), "--db_pool_size=3"}).ok());
  auto config = Load({absl::StrCat("--database_url=", kUrl)});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->server.database.pool_size, 8);
}

TEST_F(ConfigTest, ConfigFileFromTheEnvironmentAndTheFlag) {
  const std::string a = File("a.yaml", "db_pool_size: 5\n");
  const std::string b = File("b.yaml", "db_pool_size: 6\n");
  const Environment env = {{"VENDORMATCH_CONFIG", a}, {"VENDORMATCH_DATABASE_URL", kUrl}};
  EXPECT_EQ(Load({}, env)->server.database.pool_size, 5);
  EXPECT_EQ(Load({"--config=" + b}, env)->server.database.pool_size, 6);
}

TEST_F(ConfigTest, BadValuesNameTheSettingAndTheSource) {
  const std::string url = absl::StrCat("--database_url=", kUrl);
  EXPECT_THAT(Error({url}, {{"VENDORMATCH_DB_POOL_SIZE", "x"}}),
              StartsWith("VENDORMATCH_DB_POOL_SIZE=\"x\": "));
  EXPECT_THAT(Error({url, "--db_pool_size=x"}), StartsWith("--db_pool_size=x: "));
  EXPECT_THAT(Error({url, "--database_wait", "soon"}), StartsWith("--database_wait=soon: "));
  const std::string file = File("config.yaml", "db_pool_size: 0\n");
  EXPECT_EQ(Error({url, "--config=" + file}),
            absl::StrCat(file, ": db_pool_size: must be at least 1"));
  // The command line's valid value hides the file's bad one.
  EXPECT_TRUE(Load({url, "--config=" + file, "--db_pool_size=2"}).ok());
  EXPECT_EQ(Error({url, "--shutdown_grace=-1s"}), "--shutdown_grace=-1s: must not be negative");
  EXPECT_EQ(Error({url}, {{"VENDORMATCH_DATABASE_WAIT", "-5s"}}),
            "VENDORMATCH_DATABASE_WAIT=\"-5s\": must not be negative");
  EXPECT_EQ(Error({url, "--listen=localhost"}), "--listen=localhost: must be host:port");
  EXPECT_EQ(Error({url, "--listen=:50051"}), "--listen=:50051: must be host:port");
  EXPECT_EQ(Error({url, "--metrics_listen=127.0.0.1:99999"}),
            "--metrics_listen=127.0.0.1:99999: must be host:port");
  EXPECT_EQ(Error({url, "--log_level=loud"}),
            "--log_level=loud: must be one of trace, debug, info, warn, error");
  EXPECT_EQ(Error({url}, {{"VENDORMATCH_LOG_FORMAT", "xml"}}),
            "VENDORMATCH_LOG_FORMAT=\"xml\": must be json or text");
  EXPECT_EQ(Error({url, "--max_top_k=0"}), "--max_top_k=0: must be at least 1");
  EXPECT_EQ(Error({url, "--db_acquire_timeout=0s"}), "--db_acquire_timeout=0s: must be positive");
}

TEST_F(ConfigTest, FilesMustBeReadable) {
  const std::string url = absl::StrCat("--database_url=", kUrl);
  const std::string missing = (dir_ / "missing.pem").string();
  for (const char* setting : {"tls_cert_file", "tls_key_file", "tls_client_ca_file",
                              "exchange_rates_file", "admin_key_file"}) {
    EXPECT_EQ(Error({url, absl::StrCat("--", setting, "=", missing)}),
              absl::StrCat("--", setting, "=", missing, ": not a readable file"));
  }
  const std::string file = File("c.yaml", absl::StrCat("tls_cert_file: ", missing, "\n"));
  EXPECT_EQ(Error({url, "--config=" + file}),
            absl::StrCat(file, ": tls_cert_file: not a readable file"));
  EXPECT_EQ(Error({url, "--admin_key_file=" + dir_.string()}),
            absl::StrCat("--admin_key_file=", dir_.string(), ": not a readable file"));
  EXPECT_EQ(Error({url, "--plugin_dir=" + missing}),
            absl::StrCat("--plugin_dir=", missing, ": not a folder"));
  const std::string rates = File("rates.yaml", "EUR: [1]\n");
  EXPECT_THAT(Error({url, "--exchange_rates_file=" + rates}),
              StartsWith(absl::StrCat("--exchange_rates_file=", rates, ": ")));
  EXPECT_THAT(Error({url, "--config=" + missing}), StartsWith(missing + ": "));
}

TEST_F(ConfigTest, TlsFilesGoTogether) {
  const std::string url = absl::StrCat("--database_url=", kUrl);
  const std::string pem = File("x.pem", "not checked here\n");
  EXPECT_THAT(Error({url, "--tls_cert_file=" + pem}), StartsWith("--tls_cert_file="));
  EXPECT_THAT(Error({url, "--tls_client_ca_file=" + pem}), StartsWith("--tls_client_ca_file="));
  auto config =
      Load({url, "--tls_cert_file=" + pem, "--tls_key_file=" + pem, "--tls_client_ca_file=" + pem});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.tls.cert_file, pem);
  EXPECT_EQ(config->server.tls.key_file, pem);
  EXPECT_EQ(config->server.tls.client_ca_file, pem);
}

TEST_F(ConfigTest, YamlMustHoldKnownSettings) {
  const std::string url = absl::StrCat("--database_url=", kUrl);
  const std::string unknown = File("unknown.yaml", "db_pool_size: 4\npool_size: 4\n");
  EXPECT_EQ(Error({url, "--config=" + unknown}),
            absl::StrCat(unknown, ": pool_size: unknown setting"));
  const std::string nested = File("nested.yaml", "listen:\n  host: x\n");
  EXPECT_EQ(Error({url, "--config=" + nested}),
            absl::StrCat(nested, ": listen: must be a single value"));
  const std::string list = File("list.yaml", "- a\n- b\n");
  EXPECT_THAT(Error({url, "--config=" + list}), StartsWith(list + ": must be a map"));
  const std::string broken = File("broken.yaml", "listen: [\n");
  EXPECT_THAT(Error({url, "--config=" + broken}), StartsWith(broken + ": "));
  const std::string empty = File("empty.yaml", "");
  EXPECT_TRUE(Load({url, "--config=" + empty}).ok());
}

TEST_F(ConfigTest, DatabaseIsRequired) {
  EXPECT_THAT(Error({}), HasSubstr("VENDORMATCH_DATABASE_URL"));
  EXPECT_THAT(Error({}, {{"VENDORMATCH_DATABASE_URL", ""}}), HasSubstr("--database_url"));
  EXPECT_EQ(Load({}, {{"VENDORMATCH_DATABASE_URL", kUrl}})->server.database.url, kUrl);
}

TEST_F(ConfigTest, SecretsNeverAppearInErrors) {
  // A bad setting's message quotes the database URL only masked.
  const std::string message = Error({absl::StrCat("--database_url=", kUrl), "--listen=x"});
  EXPECT_THAT(message, Not(HasSubstr("s3cret-pw")));
}

TEST_F(ConfigTest, AdminKeyFromFileOrEnvironmentNotBoth) {
  const std::string url = absl::StrCat("--database_url=", kUrl);
  const std::string key_file = File("admin.key", "vmk_from_file_0123456789abcdef\n");
  auto from_file = Load({url, "--admin_key_file=" + key_file});
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  EXPECT_EQ(from_file->server.auth.bootstrap_admin_key, "vmk_from_file_0123456789abcdef");
  auto from_env = Load({url}, {{"VENDORMATCH_ADMIN_KEY", "vmk_from_env_0123456789abcdef"}});
  ASSERT_TRUE(from_env.ok()) << from_env.status();
  EXPECT_EQ(from_env->server.auth.bootstrap_admin_key, "vmk_from_env_0123456789abcdef");
  const std::string both = Error({url}, {{"VENDORMATCH_ADMIN_KEY", "vmk_from_env_0123456789ab"},
                                         {"VENDORMATCH_ADMIN_KEY_FILE", key_file}});
  EXPECT_THAT(both, StartsWith(absl::StrCat("VENDORMATCH_ADMIN_KEY_FILE=\"", key_file, "\"")));
  EXPECT_THAT(both, HasSubstr("VENDORMATCH_ADMIN_KEY "));
  EXPECT_THAT(both, Not(HasSubstr("vmk_from_env")));
  EXPECT_THAT(Error({url, "--admin_key_file=" + File("empty.key", "\n")}), HasSubstr("empty"));
}

TEST(MaskDatabaseUrlTest, HidesThePasswordInEveryForm) {
  EXPECT_EQ(MaskDatabaseUrl("postgresql://vm:pw@db:5432/x"), "postgresql://vm:****@db:5432/x");
  EXPECT_EQ(MaskDatabaseUrl("postgres://vm:p:w@db/x?sslmode=require"),
            "postgres://vm:****@db/x?sslmode=require");
  EXPECT_EQ(MaskDatabaseUrl("postgresql://vm@db/x"), "postgresql://vm@db/x");
  EXPECT_EQ(MaskDatabaseUrl("postgresql:///x?host=/tmp/sock&password=pw&port=5"),
            "postgresql:///x?host=/tmp/sock&password=****&port=5");
  EXPECT_EQ(MaskDatabaseUrl("postgresql://vm@db/x?password=pw"),
            "postgresql://vm@db/x?password=****");
  EXPECT_EQ(MaskDatabaseUrl("host=db password=pw dbname=x"), "host=db password=**** dbname=x");
  EXPECT_EQ(MaskDatabaseUrl("password = 'p w\\'x' host=db"), "password=**** host=db");
  EXPECT_EQ(MaskDatabaseUrl("host=db dbname=x"), "host=db dbname=x");
}

TEST_F(ConfigTest, EffectiveConfigMasksSecrets) {
  const std::string key_file = File("admin.key", "vmk_very_secret_admin_key_0123456789\n");
  auto config = Load({absl::StrCat("--database_url=", kUrl), "--admin_key_file=" + key_file,
                      "--metrics_listen=127.0.0.1:9464"});
  ASSERT_TRUE(config.ok()) << config.status();
  const nlohmann::ordered_json json = EffectiveConfig(*config);
  const std::string text = json.dump();
  EXPECT_THAT(text, Not(HasSubstr("s3cret-pw")));
  EXPECT_THAT(text, Not(HasSubstr("vmk_very_secret")));
  EXPECT_EQ(json["database_url"], "postgresql://vm:****@db.example:5432/vendormatch");
  EXPECT_EQ(json["admin_key"], "given");
  EXPECT_EQ(json["metrics_listen"], "127.0.0.1:9464");
  EXPECT_EQ(json["db_pool_size"], 8);
  EXPECT_EQ(json["log_format"], "json");

  auto keyword = Load({"--database_url=host=db password=hunter2 dbname=x"});
  ASSERT_TRUE(keyword.ok()) << keyword.status();
  EXPECT_THAT(EffectiveConfig(*keyword).dump(), Not(HasSubstr("hunter2")));
  EXPECT_EQ(EffectiveConfig(*keyword)["admin_key"], "none");
}

}  // namespace
}  // namespace vendormatch
