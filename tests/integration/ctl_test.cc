// vendormatchctl, the real binary, against an in-process server: the admin
// workflow of the README, the sample registry, and the errors people see.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/str_cat.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct CtlRun {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// Runs vendormatchctl with `key` in $VENDORMATCH_API_KEY (unset when empty).
CtlRun Ctl(int port, const std::string& args, const std::string& key = kTestAdminKey) {
  const std::string env =
      key.empty() ? "env -u VENDORMATCH_API_KEY" : absl::StrCat("VENDORMATCH_API_KEY=", key);
  const std::string command = absl::StrCat(env, " ", VM_CTL_BINARY, " --server=127.0.0.1:", port,
                                           " --actor=ctl-test ", args, " 2>&1");
  FILE* pipe = popen(command.c_str(), "r");
  CtlRun run{-1, ""};
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class CtlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer(db_.url());
    ASSERT_NE(server_, nullptr);
  }
  int port() const { return server_->port(); }

  TestDatabase db_;
  std::unique_ptr<Server> server_;
};

TEST_F(CtlTest, KeysAreCreatedListedAndRevoked) {
  CtlRun created = Ctl(port(), "keys create --role reader --label 'weekly report' --expires 30d");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  EXPECT_THAT(created.output, HasSubstr("weekly report"));
  EXPECT_THAT(created.output, HasSubstr("reader"));
  const size_t at = created.output.find("vmk_");
  ASSERT_NE(at, std::string::npos) << created.output;
  const std::string secret = created.output.substr(at, 47);

  // The reader reads, but may not write.
  EXPECT_EQ(Ctl(port(), "list", secret).exit_code, 0);
  CtlRun refused = Ctl(port(), "keys list", secret);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.output, HasSubstr("PERMISSION_DENIED: role reader may not call"));
  CtlRun anonymous = Ctl(port(), "list", "");
  EXPECT_EQ(anonymous.exit_code, 1);
  EXPECT_THAT(anonymous.output, HasSubstr("UNAUTHENTICATED"));
  EXPECT_THAT(anonymous.output, HasSubstr("VENDORMATCH_API_KEY"));

  CtlRun listed = Ctl(port(), "keys list");
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_THAT(listed.output, HasSubstr("bootstrap"));
  EXPECT_THAT(listed.output, HasSubstr("weekly report"));
  EXPECT_THAT(listed.output, Not(HasSubstr(secret)));
  const std::string id = db_.Query("SELECT id FROM api_keys WHERE label = 'weekly report'");
  CtlRun revoked = Ctl(port(), absl::StrCat("keys revoke ", id));
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  EXPECT_THAT(Ctl(port(), "list", secret).output, HasSubstr("UNAUTHENTICATED"));
  EXPECT_THAT(Ctl(port(), "keys list").output, Not(HasSubstr("weekly report")));
  EXPECT_THAT(Ctl(port(), "keys list --all").output, HasSubstr("weekly report"));
  EXPECT_EQ(Ctl(port(), "keys create --role boss --label x").exit_code, 64);
}

TEST_F(CtlTest, SampleRegistryImportsAndMeetsItsPromises) {
  CtlRun run = Ctl(port(), absl::StrCat("import --mode=upsert ", VM_SOURCE_DIR,
                                        "/deploy/local/sample/providers.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const int total = std::stoi(db_.Query("SELECT count(*) FROM providers"));
  EXPECT_GE(total, 150);
  EXPECT_GE(std::stoi(db_.Query("SELECT count(DISTINCT headquarters_country) FROM providers")), 15);
  for (const char* country :
       {"PH", "IN", "MX", "CO", "PL", "RO", "US", "CA", "IE", "ZA", "EG", "VN", "BR", "CR"}) {
    EXPECT_NE(db_.Query(absl::StrCat("SELECT count(*) FROM providers WHERE '", country,
                                     "' = ANY(delivery_countries)")),
              "0")
        << country;
  }
  EXPECT_GE(std::stoi(db_.Query("SELECT count(*) FROM providers WHERE status = 'SUSPENDED'")), 3);
  EXPECT_GE(
      std::stoi(db_.Query("SELECT count(*) FROM providers WHERE 'KPO' = ANY(service_models)")), 30);
  EXPECT_GE(
      std::stoi(db_.Query("SELECT count(*) FROM providers WHERE 'BPO' = ANY(service_models)")), 30);

  // Importing the same file again changes nothing.
  run = Ctl(port(), absl::StrCat("import --mode=upsert ", VM_SOURCE_DIR,
                                 "/deploy/local/sample/providers.yaml"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(db_.Query("SELECT max(revision) FROM providers"), "1");
}

TEST_F(CtlTest, ListWithAFilterShowsOnlyMatchingVendors) {
  ASSERT_EQ(
      Ctl(port(), absl::StrCat("import ", VM_SOURCE_DIR, "/deploy/local/sample/providers.yaml"))
          .exit_code,
      0);
  CtlRun table = Ctl(port(), "list --filter 'service_model = \"KPO\"'");
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_THAT(table.output, HasSubstr("KPO"));

  CtlRun json = Ctl(port(), "--json list --all --filter 'service_model = \"KPO\"'");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  auto parsed = nlohmann::json::parse(json.output);
  ASSERT_GT(parsed["providers"].size(), 10u);
  for (const auto& p : parsed["providers"]) {
    std::set<std::string> models(p["serviceModels"].begin(), p["serviceModels"].end());
    EXPECT_TRUE(models.contains("SERVICE_MODEL_KPO")) << p["name"];
  }
  EXPECT_EQ(parsed["providers"].size(),
            std::stoul(db_.Query("SELECT count(*) FROM providers WHERE 'KPO' = ANY(service_models) "
                                 "AND status <> 'OFFBOARDED'")));
}

TEST_F(CtlTest, AdminWorkflowIsAudited) {
  std::string csv = absl::StrCat(VM_SOURCE_DIR, "/services/ctl/examples/providers.csv");
  CtlRun run = Ctl(port(), "import " + csv);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string id = db_.Query("SELECT id FROM providers ORDER BY id LIMIT 1");
  ASSERT_FALSE(id.empty());

  ASSERT_EQ(db_.Query("SELECT status FROM providers WHERE id = '" + id + "'"), "ACTIVE");
  EXPECT_EQ(Ctl(port(), "activate " + id).exit_code, 1);  // already active
  EXPECT_EQ(Ctl(port(), "suspend " + id + " --reason 'missed SLAs'").exit_code, 0);
  EXPECT_EQ(Ctl(port(), "reactivate " + id).exit_code, 0);
  std::ofstream(db_.name() + ".yaml") << "display_name: Renamed By Ctl\n";
  run = Ctl(port(), absl::StrCat("update ", id, " -f ", db_.name(), ".yaml"));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  std::remove((db_.name() + ".yaml").c_str());
  EXPECT_THAT(Ctl(port(), "get " + id).output, HasSubstr("Renamed By Ctl"));
  EXPECT_EQ(Ctl(port(), "offboard " + id).exit_code, 0);

  CtlRun audit = Ctl(port(), "--json audit " + id);
  ASSERT_EQ(audit.exit_code, 0) << audit.output;
  auto events = nlohmann::json::parse(audit.output)["auditEvents"];
  std::vector<std::string> actions;
  for (const auto& e : events) {
    actions.push_back(e["action"]);
    EXPECT_EQ(e["actor"], "ctl-test");
  }
  EXPECT_THAT(actions, ::testing::ElementsAre("ACTION_OFFBOARD", "ACTION_UPDATE", "ACTION_ACTIVATE",
                                              "ACTION_SUSPEND", "ACTION_IMPORT_CREATE"));
  EXPECT_EQ(Ctl(port(), "list").output.find(id), std::string::npos);
}

TEST_F(CtlTest, BadFilesAndBadInputAreExplained) {
  const std::string path = db_.name() + ".csv";
  std::ofstream(path) << "id,display_name,legal_name,headquarters_country,service_models,"
                         "services,delivery_centers\n"
                         "good-one,Good,Good Ltd,PH,BPO,CUSTOMER_SUPPORT,"
                         "PH|Manila|Asia/Manila|10|5|no\n"
                         "bad-one,Bad,Bad Ltd,XX,BPO,CUSTOMER_SUPPORT,"
                         "PH|Manila|Asia/Manila|10|5|no\n";
  CtlRun run = Ctl(port(), "import " + path);
  std::remove(path.c_str());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("INVALID_ARGUMENT"));
  EXPECT_THAT(run.output, HasSubstr("providers[1].headquarters_country"));
  EXPECT_EQ(db_.Query("SELECT count(*) FROM providers"), "0");

  run = Ctl(port(), "list --filter 'service_model = '");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.output, HasSubstr("position"));
}

// Both binaries say which version and revision they are, without a server.
TEST(VersionTest, TheToolAndTheServerSayTheirVersion) {
  CtlRun ctl = Ctl(1, "--version");
  EXPECT_EQ(ctl.exit_code, 0) << ctl.output;
  EXPECT_THAT(ctl.output, ::testing::MatchesRegex("vendormatchctl [0-9]+\\.[0-9]+\\.[0-9]+ "
                                                  "\\(revision [0-9a-f]+(-dirty)?\\)\n"));
  FILE* pipe = popen(absl::StrCat(VM_SERVER_BINARY, " --version 2>&1").c_str(), "r");
  std::string server;
  char buffer[256];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) server.append(buffer, n);
  EXPECT_EQ(WEXITSTATUS(pclose(pipe)), 0);
  EXPECT_THAT(server, HasSubstr("vendormatch-server "));
  // The same build: the same version and revision.
  EXPECT_THAT(server, HasSubstr(ctl.output.substr(ctl.output.find(' '))));
}

// A usage error is the problem and where the help is, not a screen of help
// that scrolls the problem away.
TEST(UsageTest, AMistakeIsOneLineAndAPointerToTheHelp) {
  CtlRun flag = Ctl(1, "list --bogus");
  EXPECT_EQ(flag.exit_code, 64);
  EXPECT_THAT(flag.output, HasSubstr("bogus"));
  EXPECT_THAT(flag.output, HasSubstr("Run \"vendormatchctl list --help\" for its usage."));
  EXPECT_LE(std::count(flag.output.begin(), flag.output.end(), '\n'), 2) << flag.output;
  CtlRun none = Ctl(1, "");
  EXPECT_EQ(none.exit_code, 64);
  EXPECT_THAT(none.output, HasSubstr("Run \"vendormatchctl --help\" for the usage."));
  CtlRun typo = Ctl(1, "lst");
  EXPECT_EQ(typo.exit_code, 64);
  EXPECT_THAT(typo.output, HasSubstr("unknown command \"lst\" (did you mean \"list\"?)"));
  CtlRun start = Ctl(1, "template requirement");
  EXPECT_EQ(start.exit_code, 0) << start.output;
  EXPECT_THAT(start.output, HasSubstr("client_time_zone: America/New_York"));
  EXPECT_EQ(Ctl(1, "template vendor").exit_code, 64);
  CtlRun help = Ctl(1, "list --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.output, HasSubstr("--filter"));
}

TEST(CtlServerDownTest, SaysTheServerCannotBeReached) {
  CtlRun run = Ctl(1, "list");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.output, HasSubstr("cannot reach the vendormatch server at 127.0.0.1:1"));
  EXPECT_THAT(run.output, Not(HasSubstr("Segmentation")));
}

}  // namespace
}  // namespace vendormatch::testing
