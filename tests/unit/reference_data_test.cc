// Tests of the compiled-in reference tables, the language tag checker and the
// service catalogue.
#include "services/domain/reference_data.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/domain/catalog.h"

namespace vendormatch {
namespace {

using ::testing::ValuesIn;
using ::vendormatch::v1::ServiceModel;

// True when every code is unique and the table is sorted by code.
template <typename Table>
bool StrictlySortedByCode(const Table& table) {
  return std::adjacent_find(table.begin(), table.end(), [](const auto& a, const auto& b) {
           return !(a.code < b.code);
         }) == table.end();
}

bool IsUpperSnake(absl::string_view code) {
  if (code.empty() || code.front() == '_' || code.back() == '_') return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '_';
  });
}

// --- Countries -------------------------------------------------------------

TEST(CountriesTest, HasAllIso3166Alpha2CodesSorted) {
  EXPECT_EQ(Countries().size(), 249u);
  EXPECT_TRUE(StrictlySortedByCode(Countries()));
  for (const Country& c : Countries()) {
    EXPECT_EQ(c.code.size(), 2u) << c.code;
    EXPECT_TRUE(IsUpperSnake(c.code)) << c.code;
    EXPECT_FALSE(c.name.empty()) << c.code;
  }
}

TEST(CountriesTest, FindsKnownCodesExactly) {
  ASSERT_TRUE(FindCountry("PH").has_value());
  EXPECT_EQ(FindCountry("PH")->name, "Philippines");
  EXPECT_TRUE(FindCountry("AD").has_value());  // first
  EXPECT_TRUE(FindCountry("ZW").has_value());  // last
  EXPECT_EQ(FindCountry("XK"), std::nullopt);  // user-assigned, not ISO
  EXPECT_EQ(FindCountry("XX"), std::nullopt);
  EXPECT_EQ(FindCountry("ph"), std::nullopt);  // exact: callers normalise first
  EXPECT_EQ(FindCountry(""), std::nullopt);
  EXPECT_EQ(FindCountry("PHL"), std::nullopt);
}

// --- Currencies ------------------------------------------------------------

TEST(CurrenciesTest, SortedWithThreeLetterCodes) {
  EXPECT_TRUE(StrictlySortedByCode(Currencies()));
  EXPECT_GT(Currencies().size(), 150u);
  for (const Currency& c : Currencies()) {
    EXPECT_EQ(c.code.size(), 3u) << c.code;
    EXPECT_TRUE(c.minor_digits == 0 || c.minor_digits == 2 || c.minor_digits == 3) << c.code;
  }
}

TEST(CurrenciesTest, MinorDigits) {
  for (absl::string_view code : {"JPY", "KRW", "VND", "CLP", "ISK", "XAF", "XOF", "XPF", "PYG",
                                 "UGX", "BIF", "DJF", "GNF", "KMF", "RWF", "VUV"}) {
    ASSERT_TRUE(FindCurrency(code).has_value()) << code;
    EXPECT_EQ(FindCurrency(code)->minor_digits, 0) << code;
  }
  for (absl::string_view code : {"BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD"}) {
    ASSERT_TRUE(FindCurrency(code).has_value()) << code;
    EXPECT_EQ(FindCurrency(code)->minor_digits, 3) << code;
  }
  for (absl::string_view code : {"USD", "EUR", "GBP", "INR", "PHP", "MXN", "CNY", "IDR", "HUF"}) {
    ASSERT_TRUE(FindCurrency(code).has_value()) << code;
    EXPECT_EQ(FindCurrency(code)->minor_digits, 2) << code;
  }
}

TEST(CurrenciesTest, LeavesOutWhatIsNotBillableMoney) {
  for (absl::string_view code :
       {"XAU", "XAG", "XDR", "XTS", "XXX", "USN", "CLF", "BOV", "HRK", "usd", "", "US"}) {
    EXPECT_EQ(FindCurrency(code), std::nullopt) << code;
  }
}

// --- Certifications, industries, qualifications ----------------------------

TEST(CertificationsTest, HasTheRequiredCodes) {
  EXPECT_TRUE(StrictlySortedByCode(Certifications()));
  for (absl::string_view code : {"ISO9001", "ISO27001", "ISO27701", "ISO14001", "ISO22301", "SOC1",
                                 "SOC2", "HIPAA", "PCI_DSS", "GDPR", "COPC", "CMMI3", "CMMI5",
                                 "HITRUST", "CSA_STAR", "ISO13485", "ISO20000"}) {
    ASSERT_TRUE(FindCertification(code).has_value()) << code;
    EXPECT_FALSE(FindCertification(code)->name.empty()) << code;
  }
  for (const CodeName& c : Certifications()) EXPECT_TRUE(IsUpperSnake(c.code)) << c.code;
  EXPECT_EQ(FindCertification("iso27001"), std::nullopt);
  EXPECT_EQ(FindCertification("ISO 27001"), std::nullopt);
}

TEST(IndustriesTest, HasTheRequiredCodes) {
  EXPECT_TRUE(StrictlySortedByCode(Industries()));
  for (absl::string_view code : {"BANKING",
                                 "INSURANCE",
                                 "CAPITAL_MARKETS",
                                 "HEALTHCARE",
                                 "PHARMA_LIFE_SCIENCES",
                                 "RETAIL_ECOMMERCE",
                                 "TELECOM",
                                 "TECHNOLOGY",
                                 "MANUFACTURING",
                                 "AUTOMOTIVE",
                                 "ENERGY_UTILITIES",
                                 "TRAVEL_HOSPITALITY",
                                 "LOGISTICS",
                                 "MEDIA_ENTERTAINMENT",
                                 "PUBLIC_SECTOR",
                                 "EDUCATION",
                                 "LEGAL",
                                 "REAL_ESTATE",
                                 "PROFESSIONAL_SERVICES",
                                 "GAMING"}) {
    ASSERT_TRUE(FindIndustry(code).has_value()) << code;
    EXPECT_FALSE(FindIndustry(code)->name.empty()) << code;
  }
  for (const CodeName& c : Industries()) EXPECT_TRUE(IsUpperSnake(c.code)) << c.code;
  EXPECT_EQ(FindIndustry("banking"), std::nullopt);
}

TEST(QualificationsTest, CaseInsensitiveWithCanonicalSpelling) {
  ASSERT_TRUE(FindQualification("phd").has_value());
  EXPECT_EQ(FindQualification("phd")->code, "PhD");
  EXPECT_EQ(FindQualification("Cfa")->code, "CFA");
  EXPECT_EQ(FindQualification("Six Sigma"), std::nullopt);
  std::set<std::string> lowered;
  for (const CodeName& q : Qualifications()) {
    EXPECT_TRUE(lowered.insert(absl::AsciiStrToLower(q.code)).second) << q.code;
  }
}

// --- Language tags ----------------------------------------------------------

// "3_en_US" for the fourth tag "en-US": test names must be alphanumeric.
std::string TagTestName(const testing::TestParamInfo<const char*>& info) {
  std::string name = absl::StrCat(info.index, "_", info.param);
  for (char& c : name) {
    if (!absl::ascii_isalnum(c)) c = '_';
  }
  return name;
}

class ValidLanguageTagTest : public testing::TestWithParam<const char*> {};

TEST_P(ValidLanguageTagTest, Accepted) { EXPECT_TRUE(IsValidLanguageTag(GetParam())); }

INSTANTIATE_TEST_SUITE_P(LanguageTags, ValidLanguageTagTest,
                         ValuesIn<const char*>({
                             "en",
                             "EN",
                             "en-US",
                             "en-us",
                             "es-419",
                             "zh-Hant-TW",
                             "sr-Latn-RS",
                             "de-CH-1996",
                             "sl-rozaj-biske",  // two variants
                             "fil",
                             "yue-HK",  // ISO 639-2 / 639-3 three-letter languages
                             "ger",
                             "ast",         // 639-2 bibliographic code; 639-2 only
                             "zh-yue-HK",   // extlang
                             "zh-min-nan",  // regular grandfathered tag, read as extlangs
                             "en-001",
                             "pt-150",              // UN M.49 areas
                             "de-DE-u-co-phonebk",  // extension
                             "en-a-bbb-b-ccc",      // two extensions
                             "en-x-legal",
                             "en-US-x-twain",
                             "en-Latn-US-1abc-x-a-b-c",
                             "sr-Cyrl",
                         }),
                         TagTestName);

class InvalidLanguageTagTest : public testing::TestWithParam<const char*> {};

TEST_P(InvalidLanguageTagTest, Rejected) { EXPECT_FALSE(IsValidLanguageTag(GetParam())); }

INSTANTIATE_TEST_SUITE_P(LanguageTags, InvalidLanguageTagTest,
                         ValuesIn<const char*>({
                             "",
                             "e",
                             "english",
                             "en_US",
                             "en-XX",
                             "qq",
                             "en--US",
                             "en-",
                             "-en",
                             " en",
                             "en-US ",
                             "x-private",  // private use only: no language
                             "i-klingon",  // irregular grandfathered
                             "en-GB-oed",  // irregular grandfathered
                             "sgn-BE-FR",  // irregular grandfathered
                             "und",
                             "mul",
                             "zxx",
                             "mis",
                             "qaa",           // special and local-use codes
                             "abcde",         // 5-8 letter language: never ISO 639
                             "en-US-US",      // second region
                             "en-Latn-Latn",  // second script
                             "en-AA",
                             "en-EU",
                             "en-UK",         // not ISO 3166-1 countries
                             "en-999",        // not a registered M.49 area
                             "de-1996-1996",  // repeated variant
                             "en-a-bb-a-cc",  // repeated singleton
                             "en-a",
                             "en-a-x-y",
                             "en-a-b",  // extension without subtags
                             "en-x",
                             "en-x-abcdefghi",        // bad private use
                             "en-US-abc",             // three letters after region
                             "en-Latn-US-12345678a",  // subtag too long
                             "en-US-x-tw@in",
                             "de-\xc3\xa4",  // not alphanumeric
                         }),
                         TagTestName);

TEST(LanguageTagTest, RejectsOverlongTags) {
  std::string tag = "en";
  while (tag.size() <= static_cast<size_t>(kMaxLanguageTagLength)) tag += "-x-abcdefgh";
  EXPECT_FALSE(IsValidLanguageTag(tag));
}

TEST(LanguageTagTest, CanonicalCase) {
  EXPECT_EQ(CanonicalizeLanguageTag("EN-us"), "en-US");
  EXPECT_EQ(CanonicalizeLanguageTag("zh-hant-tw"), "zh-Hant-TW");
  EXPECT_EQ(CanonicalizeLanguageTag("SR-LATN-rs"), "sr-Latn-RS");
  EXPECT_EQ(CanonicalizeLanguageTag("ES-419"), "es-419");
  EXPECT_EQ(CanonicalizeLanguageTag("DE-ch-1996"), "de-CH-1996");
  EXPECT_EQ(CanonicalizeLanguageTag("zh-YUE-hk"), "zh-yue-HK");
  EXPECT_EQ(CanonicalizeLanguageTag("en-A-BB-x-Private"), "en-a-bb-x-private");
  EXPECT_EQ(CanonicalizeLanguageTag("en-US-x-AB-Latn"), "en-US-x-ab-latn");
  EXPECT_EQ(CanonicalizeLanguageTag("X-Private"), "x-private");
  EXPECT_EQ(CanonicalizeLanguageTag(""), "");
  EXPECT_EQ(CanonicalizeLanguageTag("en--us"), "en--US");  // shape only, never fails
}

// --- Service catalogue ------------------------------------------------------

TEST(CatalogTest, SortedUniqueAndComplete) {
  EXPECT_TRUE(StrictlySortedByCode(CatalogServices()));
  for (const CatalogService& s : CatalogServices()) {
    EXPECT_TRUE(IsUpperSnake(s.code)) << s.code;
    EXPECT_FALSE(s.display_name.empty()) << s.code;
    EXPECT_TRUE(s.service_model == v1::SERVICE_MODEL_BPO ||
                s.service_model == v1::SERVICE_MODEL_KPO)
        << s.code;
    ASSERT_FALSE(s.description.empty()) << s.code;
    EXPECT_EQ(s.description.back(), '.') << s.code;
    EXPECT_EQ(FindCatalogService(s.code), &s) << s.code;
  }
}

TEST(CatalogTest, EveryServiceHasAMarketBandThatSuitsItsModel) {
  EXPECT_EQ(MarketBandCount(), CatalogServices().size());
  for (const CatalogService& s : CatalogServices()) {
    const std::optional<MarketBandUsd> band = FindMarketBand(s.code);
    ASSERT_TRUE(band.has_value()) << s.code;
    EXPECT_GT(band->low_cents, 0) << s.code;
    EXPECT_GT(band->high_cents, band->low_cents * 2) << s.code;
    // KPO work is dearer than BPO work (the seeds: about 24 against 11 USD/h).
    if (s.service_model == v1::SERVICE_MODEL_KPO) {
      EXPECT_GE(band->low_cents, 1500) << s.code;
    } else {
      EXPECT_LE(band->low_cents, 1200) << s.code;
    }
  }
  EXPECT_FALSE(FindMarketBand("NOT_A_SERVICE").has_value());
  EXPECT_FALSE(FindMarketBand("customer_support").has_value());
}

void ExpectModel(absl::string_view code, ServiceModel model) {
  const CatalogService* s = FindCatalogService(code);
  ASSERT_NE(s, nullptr) << code;
  EXPECT_EQ(s->service_model, model) << code;
}

TEST(CatalogTest, CoversTheBriefsBpoServices) {
  for (absl::string_view code : {"CUSTOMER_SUPPORT",
                                 "CALL_CENTER_INBOUND",
                                 "CALL_CENTER_OUTBOUND",
                                 "HELP_DESK",
                                 "TECHNICAL_SUPPORT",
                                 "DATA_ENTRY",
                                 "PAYROLL",
                                 "HR_ADMINISTRATION",
                                 "RECRUITMENT",
                                 "STAFF_TRAINING",
                                 "FINANCE_AND_ACCOUNTING",
                                 "ACCOUNTS_PAYABLE",
                                 "ACCOUNTS_RECEIVABLE",
                                 "BOOKKEEPING",
                                 "WEBSITE_MAINTENANCE",
                                 "BACK_OFFICE_ADMINISTRATION",
                                 "CONTENT_MODERATION",
                                 "CLAIMS_PROCESSING",
                                 "ORDER_MANAGEMENT",
                                 "COLLECTIONS"}) {
    ExpectModel(code, v1::SERVICE_MODEL_BPO);
  }
}

TEST(CatalogTest, CoversTheBriefsKpoServices) {
  for (absl::string_view code : {"MARKET_RESEARCH",           "COMPETITIVE_INTELLIGENCE",
                                 "INVESTMENT_RESEARCH",       "FINANCIAL_RESEARCH",
                                 "FINANCIAL_MODELING",        "RISK_ANALYSIS",
                                 "LEGAL_PROCESS_OUTSOURCING", "CONTRACT_ANALYSIS",
                                 "IP_PATENT_RESEARCH",        "DATA_ANALYTICS",
                                 "BUSINESS_RESEARCH",         "RESEARCH_AND_DEVELOPMENT",
                                 "SCIENTIFIC_RESEARCH",       "CLINICAL_DATA_ANALYSIS",
                                 "ENGINEERING_DESIGN",        "ARCHITECTURAL_DESIGN",
                                 "SOFTWARE_DESIGN",           "ALGORITHM_DESIGN",
                                 "TECHNICAL_DOCUMENTATION",   "HEALTHCARE_INFORMATION_MANAGEMENT",
                                 "ANIMATION_AND_DESIGN",      "DIGITAL_MARKETING"}) {
    ExpectModel(code, v1::SERVICE_MODEL_KPO);
  }
}

TEST(CatalogTest, LookupIsExact) {
  EXPECT_EQ(FindCatalogService("data_entry"), nullptr);
  EXPECT_EQ(FindCatalogService(""), nullptr);
  EXPECT_EQ(FindCatalogService("DATA_ENTRY "), nullptr);
  EXPECT_EQ(FindCatalogService("ZZZ"), nullptr);
}

}  // namespace
}  // namespace vendormatch
