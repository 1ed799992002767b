// `vendormatchctl template`: each template parses as its message and passes
// the server's own validation, so an admin starts from a file that works.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "services/common/field_violations.h"
#include "services/ctl/provider_io.h"
#include "services/ctl/templates.h"
#include "services/domain/validation.h"
#include "services/matching/requirement.h"

namespace vendormatch::ctl {
namespace {

TEST(TemplateTest, TheProviderTemplateIsAValidProvider) {
  auto text = TemplateFor("provider");
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(*text, ::testing::StartsWith("# "));
  auto providers = ParseProvidersText(*text, Format::kYaml, "provider template");
  ASSERT_TRUE(providers.ok()) << providers.status();
  ASSERT_EQ(providers->size(), 1u);
  v1::Provider p = (*providers)[0];
  EXPECT_EQ(p.name(), "providers/acme-support");
  EXPECT_EQ(p.service_models(0), v1::SERVICE_MODEL_BPO);
  EXPECT_FALSE(p.delivery_centers(0).shifts().empty());
  NormalizeProvider(p);
  FieldViolations violations;
  ValidateProvider(p, violations);
  EXPECT_TRUE(violations.ToStatus().ok()) << violations.ToStatus();
}

TEST(TemplateTest, TheRequirementTemplateIsAValidRequirement) {
  auto text = TemplateFor("requirement");
  ASSERT_TRUE(text.ok());
  v1::Requirement r;
  absl::Status parsed = ParseMessageText(*text, Format::kYaml, "requirement template", r);
  ASSERT_TRUE(parsed.ok()) << parsed;
  EXPECT_EQ(r.collaboration(), v1::LEVEL_MEDIUM);
  EXPECT_EQ(r.service_match(), v1::SERVICE_MATCH_ALL);
  auto valid = ValidateRequirement(r, absl::CivilDay(2026, 12, 3), nullptr);
  EXPECT_TRUE(valid.ok()) << valid.status();
}

TEST(TemplateTest, AnUnknownKindNamesTheKinds) {
  auto text = TemplateFor("profile");
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(text.status().message(), ::testing::HasSubstr("provider or requirement"));
}

}  // namespace
}  // namespace vendormatch::ctl
