#include "services.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::ConfigureWith;
using sdk::testing::CoreStages;
using sdk::testing::ExpectClausesNecessary;
using sdk::testing::ExpectFixesWork;
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::RawScores;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunFixes;
using sdk::testing::RunPrefilter;
using sdk::testing::RunScore;
using sdk::testing::RunVerdicts;
using sdk::testing::VerdictTexts;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ServicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Request({"DATA_ENTRY", "PAYROLL"});
    ASSERT_TRUE(ConfigureWith(plugin_).ok());
  }

  void Request(std::initializer_list<absl::string_view> services) {
    ctx_.mutable_requirement().services = ctx_.Syms(services);
  }

  void Add(std::initializer_list<absl::string_view> services) {
    CandidateFixture fixture;
    fixture.provider.services = ctx_.Syms(services);
    fixtures_.push_back(std::move(fixture));
  }

  std::vector<sdk::FilterResult> Filter() const { return RunFilter(plugin_, ctx_, fixtures_); }
  std::vector<std::string> Reasons() const {
    std::vector<std::string> out;
    for (const sdk::FilterResult& r : Filter()) out.push_back(ReasonText(ctx_, r));
    return out;
  }
  std::vector<sdk::ScoreResult> Score() const { return RunScore(plugin_, ctx_, fixtures_); }
  std::vector<std::string> Explain() const { return RunExplain(plugin_, ctx_, fixtures_); }
  std::vector<sdk::IndexClause> Prefilter() const { return RunPrefilter(plugin_, ctx_); }

  FakeMatchContext ctx_;
  ServicesPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(ServicesTest, InfoDeclaresStages) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_EQ(CoreStages<ServicesPlugin>(), "filter,score,normalize");
  EXPECT_TRUE(info.settings.empty());
}

TEST_F(ServicesTest, ConfigureRejectsAnySetting) {
  ServicesPlugin plugin;
  const absl::Status status = ConfigureWith(plugin, {{"mode", "any"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("mode"));
}

TEST_F(ServicesTest, AllModeNeedsEveryService) {
  Add({"PAYROLL", "DATA_ENTRY", "HELP_DESK"});
  Add({"DATA_ENTRY"});
  Add({});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_FALSE(out[1].pass);
  EXPECT_STREQ(out[1].reason, "service_not_offered");
  EXPECT_EQ(out[1].detail, sdk::kNoSymbol);
  EXPECT_FALSE(out[2].pass);
  EXPECT_THAT(Reasons(), ElementsAre("", "service_not_offered", "service_not_offered"));
}

TEST_F(ServicesTest, AnyModeNeedsOneService) {
  ctx_.mutable_requirement().any_service = true;
  Add({"PAYROLL"});
  Add({"HELP_DESK"});
  const auto out = Filter();
  EXPECT_TRUE(out[0].pass);
  EXPECT_FALSE(out[1].pass);
  EXPECT_THAT(Reasons(), ElementsAre("", "service_not_offered"));
}

TEST_F(ServicesTest, NothingRequestedPassesEveryone) {
  ctx_.mutable_requirement().services.clear();
  Add({});
  EXPECT_TRUE(Filter()[0].pass);
  const auto scores = Score();
  EXPECT_DOUBLE_EQ(scores[0].raw, 100);
  EXPECT_THAT(Explain(), ElementsAre("no services requested"));
}

TEST_F(ServicesTest, ScoreIsTheShareOffered) {
  Add({"DATA_ENTRY", "PAYROLL"});
  Add({"PAYROLL"});
  Add({"HELP_DESK"});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 100);
  EXPECT_DOUBLE_EQ(out[1].raw, 50);
  EXPECT_DOUBLE_EQ(out[2].raw, 0);
  EXPECT_THAT(Explain(),
              ElementsAre("offers 2 of 2 requested services", "offers 1 of 2 requested services",
                          "offers 0 of 2 requested services"));
}

TEST_F(ServicesTest, ScoreIsTheShareInAnyModeToo) {
  ctx_.mutable_requirement().any_service = true;
  Request({"DATA_ENTRY", "PAYROLL", "HELP_DESK", "PAYROLL_TAX"});
  Add({"PAYROLL"});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 25);
  Request({"PAYROLL"});
  EXPECT_THAT(Explain(), ElementsAre("offers 1 of 1 requested service"));
}

TEST_F(ServicesTest, UnknownRequestedServiceMatchesNobody) {
  Request({"PAYROLL", "NOT_IN_CATALOGUE"});
  Add({"PAYROLL", "DATA_ENTRY"});
  EXPECT_THAT(Reasons(), ElementsAre("service_not_offered"));
  EXPECT_DOUBLE_EQ(Score()[0].raw, 50);
}

TEST_F(ServicesTest, NormalizeIsIdentityClamped) {
  std::vector<sdk::ScoreResult> scores = RawScores({50, 120, -3});
  ASSERT_TRUE(plugin_.Normalize(ctx_, scores).ok());
  EXPECT_DOUBLE_EQ(scores[0].normalized, 50);
  EXPECT_DOUBLE_EQ(scores[1].normalized, 100);
  EXPECT_DOUBLE_EQ(scores[2].normalized, 0);
}

TEST_F(ServicesTest, PrefilterAllModeOneClausePerDistinctService) {
  Request({"DATA_ENTRY", "PAYROLL", "DATA_ENTRY"});
  const auto clauses = Prefilter();
  ASSERT_EQ(clauses.size(), 2u);
  for (const sdk::IndexClause& clause : clauses) {
    EXPECT_EQ(clause.field, sdk::IndexField::kService);
    EXPECT_STREQ(clause.reason, "service_not_offered");
    EXPECT_EQ(clause.detail, sdk::kNoSymbol);
  }
  EXPECT_THAT(clauses[0].any_of, ElementsAre(ctx_.Sym("DATA_ENTRY")));
  EXPECT_THAT(clauses[1].any_of, ElementsAre(ctx_.Sym("PAYROLL")));
}

TEST_F(ServicesTest, PrefilterAnyModeOneClauseWithAllServices) {
  ctx_.mutable_requirement().any_service = true;
  Request({"DATA_ENTRY", "PAYROLL", "HELP_DESK"});
  const auto clauses = Prefilter();
  ASSERT_EQ(clauses.size(), 1u);
  EXPECT_EQ(clauses[0].field, sdk::IndexField::kService);
  EXPECT_STREQ(clauses[0].reason, "service_not_offered");
  EXPECT_THAT(clauses[0].any_of,
              ElementsAre(ctx_.Sym("DATA_ENTRY"), ctx_.Sym("PAYROLL"), ctx_.Sym("HELP_DESK")));
}

TEST_F(ServicesTest, PrefilterAddsNothingWhenNothingRequested) {
  ctx_.mutable_requirement().services.clear();
  EXPECT_TRUE(Prefilter().empty());
  ctx_.mutable_requirement().any_service = true;
  EXPECT_TRUE(Prefilter().empty());
}

TEST_F(ServicesTest, PrefilterKeepsClausesAlreadyThere) {
  std::vector<sdk::IndexClause> clauses(1);
  ASSERT_TRUE(plugin_.Prefilter(ctx_, clauses).ok());
  EXPECT_EQ(clauses.size(), 3u);
}

TEST_F(ServicesTest, ClausesAreNecessary) {
  Add({"PAYROLL", "DATA_ENTRY", "HELP_DESK"});
  Add({"DATA_ENTRY"});
  Add({"PAYROLL"});
  Add({"HELP_DESK"});
  Add({});
  Add({"DATA_ENTRY", "PAYROLL"});
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
  ctx_.mutable_requirement().any_service = true;
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
  Request({"PAYROLL", "PAYROLL", "HELP_DESK"});
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
  ctx_.mutable_requirement().any_service = false;
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
  ctx_.mutable_requirement().services.clear();
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
}

TEST_F(ServicesTest, VerdictsNameEveryMissingService) {
  Request({"DATA_ENTRY", "PAYROLL", "TRANSCRIPTION", "PAYROLL"});
  Add({"DATA_ENTRY"});
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[0].candidate());
  EXPECT_THAT(VerdictTexts(ctx_, verdicts),
              ElementsAre("service_not_offered:PAYROLL", "service_not_offered:TRANSCRIPTION"));
  EXPECT_EQ(verdicts[0].sentence, "does not offer PAYROLL");
  ctx_.mutable_requirement().any_service = true;
  fixtures_.clear();
  Add({"WEB_MAINTENANCE"});
  EXPECT_EQ(RunVerdicts(plugin_, ctx_, fixtures_[0].candidate())[0].sentence,
            "offers none of DATA_ENTRY, PAYROLL, TRANSCRIPTION");
}

TEST_F(ServicesTest, VerdictsAgreeWithFilterAndFixesWork) {
  Request({"DATA_ENTRY", "PAYROLL", "TRANSCRIPTION"});
  Add({"DATA_ENTRY", "PAYROLL", "TRANSCRIPTION"});
  Add({"DATA_ENTRY"});
  Add({"PAYROLL", "TRANSCRIPTION"});
  Add({"WEB_MAINTENANCE"});
  Add({});
  for (bool any : {false, true}) {
    ctx_.mutable_requirement().any_service = any;
    ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures_));
    ExpectFixesWork(plugin_, ctx_, fixtures_);
  }
  ctx_.mutable_requirement().any_service = false;
  std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures_[1].candidate());
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kAcceptAnyService);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kOfferService);
  EXPECT_EQ(changes[1].symbol, ctx_.Sym("PAYROLL"));
  // Offers none: only the provider side can help.
  changes = RunFixes(plugin_, ctx_, fixtures_[3].candidate());
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kOfferService);
}

}  // namespace
}  // namespace vendormatch::plugins
