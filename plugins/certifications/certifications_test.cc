#include "certifications.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "fake_match_context.h"

namespace vendormatch::plugins {
namespace {

using sdk::testing::CandidateFixture;
using sdk::testing::CandidatesOf;
using sdk::testing::ExpectClausesNecessary;
using sdk::testing::FakeMatchContext;
using sdk::testing::MakeSettings;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunPrefilter;
using sdk::testing::RunRelax;
using sdk::testing::RunScore;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The fake's start date is 2027-03-01.
constexpr absl::CivilDay kStart(2027, 3, 1);

class CertificationsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(plugin_.Configure(sdk::Settings()).ok()); }

  sdk::Certification Cert(absl::string_view code,
                          std::optional<absl::CivilDay> issued = std::nullopt,
                          std::optional<absl::CivilDay> expires = std::nullopt) {
    return sdk::Certification{ctx_.Sym(code), issued ? sdk::DayNumberOf(*issued) : sdk::kNoDay,
                              expires ? sdk::DayNumberOf(*expires) : sdk::kNoDay};
  }

  void Require(std::initializer_list<absl::string_view> codes) {
    ctx_.mutable_requirement().certifications = ctx_.Syms(codes);
  }

  void Add(std::vector<sdk::Certification> certs) {
    CandidateFixture fixture;
    fixture.provider.certifications = std::move(certs);
    fixtures_.push_back(std::move(fixture));
  }

  std::vector<sdk::FilterResult> Filter() const { return RunFilter(plugin_, ctx_, fixtures_); }
  // The filter's verdicts as the framework shows them ("" for a pass).
  std::vector<std::string> Reasons() const {
    std::vector<std::string> out;
    for (const sdk::FilterResult& r : Filter()) out.push_back(ReasonText(ctx_, r));
    return out;
  }
  std::vector<sdk::ScoreResult> Score() const { return RunScore(plugin_, ctx_, fixtures_); }
  std::vector<std::string> Explain() const { return RunExplain(plugin_, ctx_, fixtures_); }
  std::string Relax() const { return RunRelax(plugin_, ctx_, fixtures_); }

  FakeMatchContext ctx_;
  CertificationsPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(CertificationsTest, InfoDeclaresStages) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_TRUE(info.filter);
  EXPECT_TRUE(info.score);
  EXPECT_FALSE(info.normalize);  // the framework's min-max
  EXPECT_TRUE(info.default_settings.empty());
}

TEST_F(CertificationsTest, ConfigureRejectsAnySetting) {
  CertificationsPlugin plugin;
  const absl::Status status = plugin.Configure(MakeSettings({{"grace_days", "30"}}));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("grace_days"));
}

TEST_F(CertificationsTest, NothingRequiredPassesEveryone) {
  Add({});
  EXPECT_TRUE(Filter()[0].pass);
}

TEST_F(CertificationsTest, MissingCertification) {
  Require({"ISO27001"});
  Add({Cert("ISO9001")});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[0]), "missing_certification:ISO27001");
}

TEST_F(CertificationsTest, ValidOnTheStartDatePasses) {
  Require({"ISO27001"});
  Add({Cert("ISO27001")});                                      // no dates
  Add({Cert("ISO27001", absl::CivilDay(2024, 1, 1), kStart)});  // last valid day
  Add({Cert("ISO27001", kStart, absl::CivilDay(2030, 1, 1))});  // issued that day
  for (const std::string& reason : Reasons()) EXPECT_EQ(reason, "");
}

TEST_F(CertificationsTest, ExpiredOnTheStartDateFails) {
  Require({"ISO27001"});
  // Valid today, perhaps, but expired the day before the engagement starts.
  Add({Cert("ISO27001", absl::CivilDay(2024, 1, 1), kStart - 1)});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[0]), "expired_certification:ISO27001");
}

TEST_F(CertificationsTest, ARenewedCopyCounts) {
  Require({"ISO27001"});
  Add({Cert("ISO27001", absl::CivilDay(2021, 1, 1), absl::CivilDay(2024, 1, 1)),
       Cert("ISO27001", absl::CivilDay(2024, 1, 1), absl::CivilDay(2028, 1, 1))});
  EXPECT_TRUE(Filter()[0].pass);
}

TEST_F(CertificationsTest, IssuedAfterTheStartDateIsMissing) {
  Require({"SOC2"});
  Add({Cert("SOC2", kStart + 1, absl::CivilDay(2030, 1, 1))});
  const auto out = Filter();
  EXPECT_FALSE(out[0].pass);
  EXPECT_EQ(ReasonText(ctx_, out[0]), "missing_certification:SOC2");
}

TEST_F(CertificationsTest, ReportsTheFirstFailingCodeInRequestOrder) {
  Require({"ISO9001", "HIPAA", "SOC2"});
  Add({Cert("ISO9001"), Cert("SOC2", std::nullopt, absl::CivilDay(2020, 1, 1))});
  EXPECT_EQ(Reasons()[0], "missing_certification:HIPAA");
}

TEST_F(CertificationsTest, CodesAreCanonicalSymbols) {
  // The framework interns canonical catalogue codes ("PCI DSS" and
  // "pci-dss" both arrive as PCI_DSS), so one certification is one Symbol;
  // a different code, however close, is another certification.
  Add({Cert("PCI_DSS")});
  Add({Cert("ISO27001")});
  Add({Cert("ISO27701")});
  Add({Cert("SOC2")});
  Require({"PCI_DSS"});
  EXPECT_THAT(Reasons(),
              ElementsAre("", "missing_certification:PCI_DSS", "missing_certification:PCI_DSS",
                          "missing_certification:PCI_DSS"));
  Require({"ISO27001"});
  EXPECT_THAT(Reasons(),
              ElementsAre("missing_certification:ISO27001", "", "missing_certification:ISO27001",
                          "missing_certification:ISO27001"));
}

TEST_F(CertificationsTest, ScoreCountsRequiredAndSecurityCertifications) {
  Require({"ISO9001", "ISO27001"});
  Add({Cert("ISO9001"), Cert("ISO27001"), Cert("SOC2"), Cert("HIPAA"), Cert("CMMI5")});
  Add({Cert("ISO9001")});
  Add({});
  const auto out = Score();
  // ISO27001 is required, so it is not counted again as a security one.
  EXPECT_DOUBLE_EQ(out[0].raw, 2 * 3 + 2 * 1);
  EXPECT_DOUBLE_EQ(out[1].raw, 3);
  EXPECT_DOUBLE_EQ(out[2].raw, 0);
  EXPECT_THAT(Explain(), ElementsAre("2 of 2 required certifications valid; security: SOC2, HIPAA",
                                     "1 of 2 required certifications valid",
                                     "0 of 2 required certifications valid"));
}

TEST_F(CertificationsTest, ScoreWeighsSecurityUpForSensitiveData) {
  Add({Cert("ISO27001"), Cert("GDPR")});
  Add({Cert("ISO9001")});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 2);
  EXPECT_EQ(Explain()[0], "security: ISO27001, GDPR");
  EXPECT_EQ(Explain()[1], "no required or security certification");
  ctx_.mutable_requirement().data_sensitivity = sdk::Level::kHigh;
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 4);
  EXPECT_EQ(Explain()[0], "security: ISO27001, GDPR (weighted up for highly sensitive data)");
  EXPECT_DOUBLE_EQ(out[1].raw, 0);
}

TEST_F(CertificationsTest, ScoreIgnoresCertificationsInvalidOnTheStartDate) {
  Add({Cert("SOC2", std::nullopt, kStart - 1), Cert("HIPAA", kStart + 1)});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 0);
  EXPECT_EQ(Explain()[0], "no required or security certification");
}

TEST_F(CertificationsTest, RepeatedRequiredCodesCountOnce) {
  Require({"ISO27001", "ISO27001"});
  Add({Cert("ISO27001")});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 3);
  EXPECT_EQ(Explain()[0], "1 of 1 required certifications valid");
  Add({});
  EXPECT_EQ(plugin_.Relax(ctx_, std::vector<sdk::Candidate>{fixtures_[1].candidate()}),
            "drop certification ISO27001");
  EXPECT_EQ(RunPrefilter(plugin_, ctx_).size(), 1u);
}

TEST_F(CertificationsTest, RelaxDropsTheCodeThatAdmitsTheMost) {
  Require({"ISO9001", "ISO27001", "SOC2"});
  Add({Cert("ISO9001"), Cert("ISO27001")});  // fails SOC2 only
  Add({Cert("ISO9001"), Cert("ISO27001")});  // fails SOC2 only
  Add({Cert("SOC2")});                       // fails ISO9001 and ISO27001
  Add({Cert("ISO9001"), Cert("SOC2")});      // fails ISO27001 only
  Add({Cert("SOC2")});                       // fails ISO9001 and ISO27001
  EXPECT_EQ(Relax(), "drop certification SOC2");
}

TEST_F(CertificationsTest, RelaxFallsBackToTheMostFailedCode) {
  Require({"ISO9001", "ISO27001", "SOC2"});
  Add({Cert("ISO9001")});  // fails ISO27001 and SOC2
  Add({Cert("SOC2")});     // fails ISO9001 and ISO27001
  EXPECT_EQ(Relax(), "drop certification ISO27001");
}

TEST_F(CertificationsTest, RelaxWithNothingToDrop) {
  Require({"ISO9001"});
  Add({Cert("ISO9001")});
  EXPECT_EQ(Relax(), "");
  EXPECT_EQ(plugin_.Relax(ctx_, {}), "");
}

TEST_F(CertificationsTest, FilterReasonsAreStaticCodesWithTheCodeAsDetail) {
  Require({"ISO27001", "SOC2"});
  Add({Cert("ISO27001", std::nullopt, kStart - 1)});
  Add({Cert("ISO27001")});
  const auto out = Filter();
  EXPECT_STREQ(out[0].reason, "expired_certification");
  EXPECT_EQ(out[0].detail, ctx_.Sym("ISO27001"));
  EXPECT_STREQ(out[1].reason, "missing_certification");
  EXPECT_EQ(out[1].detail, ctx_.Sym("SOC2"));
}

TEST_F(CertificationsTest, PrefilterWithNothingRequiredNamesNoClause) {
  EXPECT_THAT(RunPrefilter(plugin_, ctx_), IsEmpty());
}

TEST_F(CertificationsTest, PrefilterNamesOneClausePerDistinctRequiredCode) {
  Require({"ISO27001", "SOC2", "ISO27001", "HIPAA"});
  const std::vector<sdk::IndexClause> clauses = RunPrefilter(plugin_, ctx_);
  ASSERT_EQ(clauses.size(), 3u);
  const std::vector<sdk::Symbol> codes = ctx_.Syms({"ISO27001", "SOC2", "HIPAA"});
  for (size_t i = 0; i < clauses.size(); ++i) {
    SCOPED_TRACE(ctx_.Name(codes[i]));
    EXPECT_EQ(clauses[i].field, sdk::IndexField::kCertification);
    EXPECT_THAT(clauses[i].any_of, ElementsAre(codes[i]));
    EXPECT_STREQ(clauses[i].reason, "missing_certification");
    EXPECT_EQ(clauses[i].detail, codes[i]);
  }
}

TEST_F(CertificationsTest, PrefilterClausesAreNecessary) {
  Require({"ISO27001", "SOC2"});
  Add({Cert("ISO27001"), Cert("SOC2")});                          // passes
  Add({Cert("ISO27001", absl::CivilDay(2024, 1, 1), kStart),      // passes: last valid day
       Cert("SOC2", kStart, absl::CivilDay(2030, 1, 1))});        // and issued that day
  Add({Cert("ISO27001", absl::CivilDay(2021, 1, 1), kStart - 1),  // passes: renewed
       Cert("ISO27001", absl::CivilDay(2024, 1, 1), std::nullopt), Cert("SOC2")});
  Add({Cert("ISO27001", std::nullopt, kStart - 1), Cert("SOC2")});  // expired
  Add({Cert("ISO27001"), Cert("SOC2", kStart + 1)});                // not issued yet
  Add({Cert("ISO27001"), Cert("ISO27701")});                        // missing SOC2
  Add({Cert("GDPR")});                                              // missing both
  Add({});                                                          // none at all
  EXPECT_THAT(Reasons(),
              ElementsAre("", "", "", "expired_certification:ISO27001",
                          "missing_certification:SOC2", "missing_certification:SOC2",
                          "missing_certification:ISO27001", "missing_certification:ISO27001"));
  ExpectClausesNecessary(plugin_, ctx_, fixtures_);
}

TEST_F(CertificationsTest, MismatchedOutputSizeIsAnError) {
  Add({});
  std::vector<sdk::FilterResult> out(3);
  EXPECT_FALSE(plugin_.Filter(ctx_, CandidatesOf(fixtures_), out).ok());
  std::vector<sdk::ScoreResult> scores;
  EXPECT_FALSE(plugin_.Score(ctx_, CandidatesOf(fixtures_), scores).ok());
}

}  // namespace
}  // namespace vendormatch::plugins
