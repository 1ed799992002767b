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
using sdk::testing::ConfigureWith;
using sdk::testing::CoreStages;
using sdk::testing::ExpectClausesNecessary;
using sdk::testing::ExpectFixesWork;
using sdk::testing::ExpectScoresIndependentOfTheBatch;
using sdk::testing::ExpectVerdictsAgreeWithFilter;
using sdk::testing::FakeMatchContext;
using sdk::testing::ReasonText;
using sdk::testing::RunExplain;
using sdk::testing::RunFilter;
using sdk::testing::RunFixes;
using sdk::testing::RunPrefilter;
using sdk::testing::RunScore;
using sdk::testing::RunVerdicts;
using sdk::testing::RunWarnings;
using sdk::testing::VerdictTexts;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The fake's start date is 2027-03-01.
constexpr absl::CivilDay kStart(2027, 3, 1);

class CertificationsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ConfigureWith(plugin_).ok()); }

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

  FakeMatchContext ctx_;
  CertificationsPlugin plugin_;
  std::vector<CandidateFixture> fixtures_;
};

TEST_F(CertificationsTest, InfoDeclaresStages) {
  const sdk::PluginInfo info = plugin_.Info();
  EXPECT_FALSE(info.description.empty());
  EXPECT_EQ(CoreStages<CertificationsPlugin>(), "filter,score,normalize");
  EXPECT_TRUE(info.settings.empty());
}

TEST_F(CertificationsTest, ConfigureRejectsAnySetting) {
  CertificationsPlugin plugin;
  const absl::Status status = ConfigureWith(plugin, {{"grace_days", "30"}});
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
  // ISO27001 is required, so it is not counted again as a security one:
  // out of 2 * 3 + 5 * 1 points.
  EXPECT_DOUBLE_EQ(out[0].raw, 100.0 * (2 * 3 + 2 * 1) / 11);
  EXPECT_DOUBLE_EQ(out[1].raw, 100.0 * 3 / 11);
  EXPECT_DOUBLE_EQ(out[2].raw, 0);
  EXPECT_THAT(
      Explain(),
      ElementsAre("2 of 2 required certifications valid on 2027-03-01; security: SOC2, HIPAA",
                  "1 of 2 required certifications valid on 2027-03-01",
                  "0 of 2 required certifications valid on 2027-03-01"));
}

TEST_F(CertificationsTest, ScoreWeighsSecurityUpForSensitiveData) {
  Add({Cert("ISO27001"), Cert("GDPR")});
  Add({Cert("ISO9001")});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 100.0 * 2 / 6);
  EXPECT_EQ(Explain()[0], "security: ISO27001, GDPR");
  EXPECT_EQ(Explain()[1], "no required or security certification");
  ctx_.mutable_requirement().data_sensitivity = sdk::Level::kHigh;
  Require({"ISO9001"});
  const auto out = Score();
  EXPECT_DOUBLE_EQ(out[0].raw, 100.0 * 4 / (3 + 6 * 2));
  EXPECT_EQ(Explain()[0],
            "0 of 1 required certifications valid on 2027-03-01; security: ISO27001, GDPR "
            "(weighted up for highly sensitive data)");
  EXPECT_DOUBLE_EQ(out[1].raw, 100.0 * 3 / 15);  // the required ISO9001
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
  EXPECT_DOUBLE_EQ(Score()[0].raw, 100.0 * 3 / 8);
  EXPECT_EQ(Explain()[0], "1 of 1 required certifications valid on 2027-03-01");
  EXPECT_EQ(RunPrefilter(plugin_, ctx_).size(), 1u);
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

TEST_F(CertificationsTest, MaxPointsDoNotDependOnWhatProvidersList) {
  // Nobody lists SOC2, HIPAA... yet: interning them must not move a score.
  Add({Cert("ISO27001")});
  const double before = Score()[0].raw;
  EXPECT_DOUBLE_EQ(before, 100.0 / 6);
  for (const char* code : {"SOC2", "ISO27701", "PCI_DSS", "HIPAA", "GDPR"}) ctx_.Sym(code);
  EXPECT_DOUBLE_EQ(Score()[0].raw, before);
  // Nothing required, no security certificate: still a score, 0.
  fixtures_.clear();
  Add({});
  EXPECT_DOUBLE_EQ(Score()[0].raw, 0);
}

TEST_F(CertificationsTest, ScoreDoesNotDependOnTheOtherCandidates) {
  Require({"ISO9001", "ISO27001"});
  Add({Cert("ISO9001"), Cert("ISO27001"), Cert("SOC2"), Cert("HIPAA")});
  Add({Cert("ISO9001")});
  Add({});
  Add({Cert("GDPR"), Cert("PCI_DSS"), Cert("ISO27701"), Cert("SOC2"), Cert("HIPAA")});
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures_));
  ctx_.mutable_requirement().data_sensitivity = sdk::Level::kHigh;
  ExpectScoresIndependentOfTheBatch(plugin_, ctx_, CandidatesOf(fixtures_));
}

// The engagement of the examples: 2027-01-04 to 2027-12-31.
class WindowTest : public CertificationsTest {
 protected:
  void SetUp() override {
    CertificationsTest::SetUp();
    ctx_.SetStartDate(absl::CivilDay(2027, 1, 4));
    ctx_.mutable_requirement().end_day = sdk::DayNumberOf(absl::CivilDay(2027, 12, 31));
  }
  void ThroughEnd(bool on) { ctx_.mutable_requirement().certifications_through_end = on; }
  std::vector<std::string> VerdictsOf(size_t i) const {
    return VerdictTexts(ctx_, RunVerdicts(plugin_, ctx_, fixtures_[i].candidate()));
  }
};

TEST_F(WindowTest, ThroughTheEndACertificationMustCoverEveryDay) {
  ThroughEnd(true);
  Require({"ISO27001"});
  Add({Cert("ISO27001", absl::CivilDay(2025, 1, 1), absl::CivilDay(2027, 2, 20))});
  Add({Cert("ISO27001", absl::CivilDay(2025, 1, 1), absl::CivilDay(2027, 12, 31))});
  Add({Cert("ISO27001", absl::CivilDay(2025, 1, 1))});
  Add({Cert("ISO27001", absl::CivilDay(2025, 1, 1), absl::CivilDay(2027, 2, 20)),
       Cert("ISO27001", absl::CivilDay(2027, 2, 1), absl::CivilDay(2030, 1, 1))});
  EXPECT_THAT(Reasons(), ElementsAre("certification_expires_in_window:ISO27001", "", "",
                                     "certification_expires_in_window:ISO27001"));
  EXPECT_THAT(RunVerdicts(plugin_, ctx_, fixtures_[0].candidate())[0].sentence,
              "ISO27001 expires on 2027-02-20, before the end of the engagement on 2027-12-31");
  // Without through_end, the start day is enough.
  ThroughEnd(false);
  EXPECT_THAT(Reasons(), ElementsAre("", "", "", ""));
}

TEST_F(WindowTest, IssuedInsideTheEngagementIsValidOnlyFrom) {
  Require({"ISO27001"});
  Add({Cert("ISO27001", absl::CivilDay(2027, 2, 1), absl::CivilDay(2030, 1, 1))});
  Add({Cert("ISO27001", absl::CivilDay(2028, 2, 1))});  // after the end: missing
  EXPECT_THAT(Reasons(),
              ElementsAre("certification_valid_from:ISO27001", "missing_certification:ISO27001"));
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].sentence,
            "ISO27001 is valid only from 2027-02-01, after the start on 2027-01-04");
  // Without an end date: the existing behaviour.
  ctx_.mutable_requirement().end_day = sdk::kNoDay;
  EXPECT_THAT(Reasons(),
              ElementsAre("missing_certification:ISO27001", "missing_certification:ISO27001"));
}

TEST_F(WindowTest, VerdictsListEveryFailingCode) {
  Require({"ISO27001", "SOC2", "HIPAA"});
  Add({Cert("SOC2", absl::CivilDay(2023, 1, 1), absl::CivilDay(2026, 10, 1)), Cert("HIPAA")});
  const std::vector<sdk::Verdict> verdicts = RunVerdicts(plugin_, ctx_, fixtures_[0].candidate());
  EXPECT_THAT(VerdictTexts(ctx_, verdicts),
              ElementsAre("missing_certification:ISO27001", "expired_certification:SOC2"));
  EXPECT_EQ(verdicts[0].sentence, "no ISO27001 certification is listed");
  EXPECT_EQ(verdicts[1].sentence, "SOC2 expired on 2026-10-01, before the start on 2027-01-04");
}

TEST_F(WindowTest, WarnsOfEveryCertificationThatMattersExpiringInside) {
  Require({"ISO27001"});
  Add({Cert("ISO27001", absl::CivilDay(2025, 1, 1), absl::CivilDay(2027, 2, 20)),
       Cert("SOC2", std::nullopt, absl::CivilDay(2027, 1, 10)),    // security, 6 days in
       Cert("ISO9001", std::nullopt, absl::CivilDay(2027, 3, 1)),  // does not matter
       Cert("GDPR", std::nullopt, absl::CivilDay(2028, 1, 1))});   // lasts
  const std::vector<sdk::Verdict> warnings = RunWarnings(plugin_, ctx_, fixtures_[0].candidate());
  EXPECT_THAT(VerdictTexts(ctx_, warnings), ElementsAre("certification_expires_in_window:ISO27001",
                                                        "certification_expires_in_window:SOC2"));
  EXPECT_EQ(warnings[0].sentence,
            "ISO27001 expires 2027-02-20, 7 weeks into the engagement (2027-01-04 to 2027-12-31)");
  EXPECT_EQ(warnings[1].sentence,
            "SOC2 expires 2027-01-10, 6 days into the engagement (2027-01-04 to 2027-12-31)");
  EXPECT_EQ(Explain()[0],
            "1 of 1 required certifications valid on 2027-01-04; ISO27001, SOC2 expire inside "
            "the engagement; security: SOC2, GDPR");
  // No end date: nothing to warn of.
  ctx_.mutable_requirement().end_day = sdk::kNoDay;
  EXPECT_TRUE(RunWarnings(plugin_, ctx_, fixtures_[0].candidate()).empty());
  EXPECT_EQ(Explain()[0],
            "1 of 1 required certifications valid on 2027-01-04; security: SOC2, GDPR");
}

TEST_F(WindowTest, FixesForTheWindowAloneAskForTheStartDayOnly) {
  ThroughEnd(true);
  Require({"ISO27001", "SOC2"});
  Add({Cert("ISO27001", std::nullopt, absl::CivilDay(2027, 2, 20)), Cert("SOC2")});
  std::vector<sdk::Change> changes = RunFixes(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kCertificationsOnStartDay);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kHoldCertification);
  EXPECT_EQ(changes[1].symbol, ctx_.Sym("ISO27001"));
  EXPECT_EQ(changes[1].day, ctx_.requirement().end_day);
  // Missing SOC2 as well: drop both, or hold both.
  fixtures_[0].provider.certifications.pop_back();
  changes = RunFixes(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].kind, sdk::ChangeKind::kDropCertification);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kDropCertification);
  EXPECT_EQ(changes[1].symbol, ctx_.Sym("SOC2"));
  ThroughEnd(false);
  changes = RunFixes(plugin_, ctx_, fixtures_[0].candidate());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].kind, sdk::ChangeKind::kHoldCertification);
  EXPECT_EQ(changes[1].day, ctx_.requirement().start_day);
}

TEST_F(WindowTest, VerdictsAgreeWithFilterAndFixesWork) {
  Require({"ISO27001", "SOC2", "HIPAA"});
  const absl::CivilDay start(2027, 1, 4);
  Add({Cert("ISO27001"), Cert("SOC2"), Cert("HIPAA")});
  Add({Cert("ISO27001", std::nullopt, absl::CivilDay(2027, 2, 20)), Cert("SOC2"), Cert("HIPAA")});
  Add({Cert("ISO27001", std::nullopt, start - 1), Cert("SOC2", start + 1), Cert("HIPAA")});
  Add({Cert("ISO27001", absl::CivilDay(2028, 6, 1)), Cert("SOC2", std::nullopt, start)});
  Add({Cert("SOC2", std::nullopt, absl::CivilDay(2027, 12, 31)), Cert("GDPR")});
  Add({Cert("ISO27001", std::nullopt, start - 1),
       Cert("ISO27001", start, absl::CivilDay(2027, 6, 1)), Cert("SOC2"),
       Cert("HIPAA", start + 30, absl::CivilDay(2029, 1, 1))});
  Add({});
  for (bool through_end : {false, true}) {
    for (sdk::DayNumber end : {sdk::kNoDay, sdk::DayNumberOf(absl::CivilDay(2027, 12, 31))}) {
      ThroughEnd(through_end);
      ctx_.mutable_requirement().end_day = end;
      SCOPED_TRACE(absl::StrCat("through_end ", through_end, " end ", end));
      ExpectVerdictsAgreeWithFilter(plugin_, ctx_, CandidatesOf(fixtures_));
      ExpectFixesWork(plugin_, ctx_, fixtures_);
    }
  }
}

}  // namespace
}  // namespace vendormatch::plugins
