// The sample registry of local development: deploy/local/sample/providers.yaml
// is exactly what `vendormatchctl generate --preset=sample --format=yaml`
// writes, reads back as the generator's providers, and has the shape that
// deploy/local/up, the integration tests, the docs and the examples rely on.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ctl/commands.h"
#include "services/ctl/provider_io.h"
#include "services/domain/validation.h"
#include "services/registry/generator.h"

namespace vendormatch {
namespace {

using ::testing::MatchesRegex;
using ::vendormatch::v1::Provider;

constexpr char kSamplePath[] = VM_SOURCE_DIR "/deploy/local/sample/providers.yaml";
constexpr char kRewrite[] =
    "vendormatchctl generate --preset=sample --format=yaml --out "
    "deploy/local/sample/providers.yaml";

struct CtlRun {
  int exit_code;
  std::string out, err;
};

CtlRun Ctl(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const ctl::Connector no_server = [](const ctl::ConnectOptions&) {
    return absl::StatusOr<ctl::Connection>(absl::FailedPreconditionError("no server in tests"));
  };
  const int code = ctl::RunCommandLine(args, ctl::Environment{}, no_server, out, err);
  return {code, out.str(), err.str()};
}

std::string ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int Day(const google::type::Date& d) { return d.year() * 10000 + d.month() * 100 + d.day(); }

TEST(SampleRegistryTest, CommittedFileIsWhatTheGeneratorWrites) {
  const CtlRun run = Ctl({"generate", "--preset=sample", "--format=yaml"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string committed = ReadFile(kSamplePath);
  if (run.out == committed) return;
  const std::vector<std::string> want = absl::StrSplit(run.out, '\n');
  const std::vector<std::string> have = absl::StrSplit(committed, '\n');
  size_t line = 0;
  while (line < want.size() && line < have.size() && want[line] == have[line]) ++line;
  ADD_FAILURE() << kSamplePath << " is not what the generator writes; first difference on line "
                << line + 1 << ":\n  file:      " << (line < have.size() ? have[line] : "(end)")
                << "\n  generator: " << (line < want.size() ? want[line] : "(end)")
                << "\nWrite it again with\n  " << kRewrite;
}

TEST(SampleRegistryTest, FileReadsBackAsTheGeneratedProviders) {
  const auto parsed = ctl::ParseProvidersFile(kSamplePath);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const std::vector<Provider> generated = GenerateSampleRegistry();
  ASSERT_EQ(parsed->size(), generated.size());
  for (size_t i = 0; i < generated.size(); ++i) {
    EXPECT_EQ((*parsed)[i].SerializeAsString(), generated[i].SerializeAsString())
        << generated[i].name();
  }
}

// What deploy/local/up loads and the integration tests, docs and examples
// use: 171 valid providers in order of name, the ids they name, the
// statuses, expired certificates and hiring centres of the lifecycle.
void ExpectTheSampleShape(const std::vector<Provider>& registry) {
  ASSERT_EQ(registry.size(), 171u);
  std::set<std::string> names, display_names;
  std::map<int, int> statuses;
  int no_reviews = 0, expired = 0, hiring = 0;
  for (const Provider& p : registry) {
    EXPECT_THAT(p.name(), MatchesRegex("providers/[a-z][a-z0-9-]{2,62}"));
    EXPECT_TRUE(names.insert(p.name()).second) << p.name();
    EXPECT_TRUE(display_names.insert(p.display_name()).second) << p.display_name();
    ++statuses[p.status()];
    if (p.quality().review_count() == 0) {
      ++no_reviews;
      EXPECT_EQ(p.status(), Provider::STATUS_PENDING) << p.name();
      EXPECT_EQ(p.quality().rating(), 0) << p.name();
    }
    bool has_expired = false;
    for (const v1::Certification& c : p.certifications())
      has_expired |= Day(c.expiry_date()) < 20260101;
    expired += has_expired;
    bool is_hiring = false;
    for (const v1::DeliveryCenter& c : p.delivery_centers())
      is_hiring |= c.seats_available() > c.headcount();
    hiring += is_hiring;
    FieldViolations violations;
    ValidateProvider(p, violations);
    for (const FieldViolation& v : violations.violations()) {
      ADD_FAILURE() << p.name() << ": " << v.field << ": " << v.description;
    }
  }
  EXPECT_TRUE(
      std::is_sorted(registry.begin(), registry.end(),
                     [](const Provider& a, const Provider& b) { return a.name() < b.name(); }));
  EXPECT_EQ(statuses[Provider::STATUS_ACTIVE], 156);
  EXPECT_EQ(statuses[Provider::STATUS_SUSPENDED], 10);
  EXPECT_EQ(statuses[Provider::STATUS_PENDING], 5);
  EXPECT_EQ(no_reviews, 1);
  EXPECT_EQ(expired, 12);
  EXPECT_EQ(hiring, 2);
}

TEST(SampleRegistryTest, HasTheShapeAndIdsOthersRelyOn) {
  const std::vector<Provider> registry = GenerateSampleRegistry();
  ExpectTheSampleShape(registry);
  std::set<std::string> names;
  for (const Provider& p : registry) names.insert(p.name());
  // Named by services/ctl/README.md and the fuzz seeds (tests/fuzz/corpus).
  for (const char* id :
       {"aconcagua-algorithmics", "adirondack-solutions-group", "arenal-connect",
        "bajio-credit-services", "blue-mesa-service-desk", "bohol-care-operations",
        "boreal-customer-care", "faiyum-connect", "habagat-connect", "pharos-cx"}) {
    EXPECT_TRUE(names.count(absl::StrCat("providers/", id))) << id;
  }
}

TEST(SampleRegistryTest, IsDeterministicAndAnotherSeedGivesAnotherOfTheSameShape) {
  const std::vector<Provider> a = GenerateSampleRegistry();
  const std::vector<Provider> b = GenerateSampleRegistry();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(a[i].SerializeAsString(), b[i].SerializeAsString());
  const std::vector<Provider> other = GenerateSampleRegistry(7);
  ExpectTheSampleShape(other);
  int same = 0;
  for (const Provider& p : other) {
    same +=
        std::any_of(a.begin(), a.end(), [&](const Provider& q) { return q.name() == p.name(); });
  }
  EXPECT_LT(same, 20);
}

TEST(SampleRegistryTest, GenerateFlags) {
  const CtlRun first = Ctl({"generate", "--preset", "sample", "--count", "2"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::vector<Provider> registry = GenerateSampleRegistry();
  const auto lines = ctl::ParseProvidersText(first.out, ctl::Format::kJsonLines);
  ASSERT_TRUE(lines.ok()) << lines.status();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[1].SerializeAsString(), registry[1].SerializeAsString());

  // Synthetic providers in YAML read back as themselves (quoting, flow style).
  const CtlRun synthetic = Ctl({"generate", "--count=300", "--seed=5", "--format=yaml"});
  ASSERT_EQ(synthetic.exit_code, 0) << synthetic.err;
  const auto yaml = ctl::ParseProvidersText(synthetic.out, ctl::Format::kYaml);
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  GeneratorOptions options;
  options.seed = 5;
  ASSERT_EQ(yaml->size(), 300u);
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ((*yaml)[i].SerializeAsString(), GenerateProvider(i, options).SerializeAsString());
  }

  EXPECT_EQ(Ctl({"generate", "--preset=sample", "--count=172"}).exit_code, 1);
  EXPECT_EQ(Ctl({"generate", "--preset=other", "--count=1"}).exit_code, 64);
  EXPECT_EQ(Ctl({"generate", "--count=1", "--format=csv"}).exit_code, 64);
  EXPECT_EQ(Ctl({"generate", "--format=yaml"}).exit_code, 64);  // Synthetic needs --count.
}

}  // namespace
}  // namespace vendormatch
