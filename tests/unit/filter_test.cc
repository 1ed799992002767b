#include "services/domain/filter.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/field_violations.h"
#include "services/storage/filter_sql.h"

namespace vendormatch {
namespace {

using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Parses `filter`, failing the test when it does not parse.
std::vector<FilterComparison> MustParse(absl::string_view filter) {
  absl::StatusOr<std::vector<FilterComparison>> result = ParseProviderFilter(filter);
  EXPECT_TRUE(result.ok()) << filter << " -> " << result.status();
  if (!result.ok()) return {};
  return *std::move(result);
}

// The normalised value of the single comparison in `filter`.
std::string ValueOf(absl::string_view filter) {
  std::vector<FilterComparison> comparisons = MustParse(filter);
  EXPECT_EQ(comparisons.size(), 1u) << filter;
  return comparisons.empty() ? "" : comparisons[0].value;
}

// The description of the one violation `filter` is rejected with, after
// checking that it is INVALID_ARGUMENT on field "filter".
std::string ParseError(absl::string_view filter) {
  absl::StatusOr<std::vector<FilterComparison>> result = ParseProviderFilter(filter);
  if (result.ok()) {
    ADD_FAILURE() << "parsed unexpectedly: " << filter;
    return "";
  }
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<FieldViolation> violations = ViolationsOf(result.status());
  EXPECT_EQ(violations.size(), 1u) << result.status();
  if (violations.size() != 1) return "";
  EXPECT_EQ(violations[0].field, "filter");
  return violations[0].description;
}

// A filter as a parameterised test's name. CTest names those tests after
// PrintTo's output, so keep it to characters that are safe there: a space
// becomes '_', anything else outside [A-Za-z0-9_.=!:-] becomes %XX.
std::string TestName(absl::string_view filter) {
  std::string name;
  for (char c : filter) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
        absl::string_view("_.=!:-").find(c) != absl::string_view::npos) {
      name.push_back(c);
    } else if (c == ' ') {
      name.push_back('_');
    } else {
      absl::StrAppendFormat(&name, "%%%02X", static_cast<unsigned char>(c));
    }
  }
  return name;
}

// "status = ACTIVE AND status = ACTIVE AND ..." with `n` comparisons.
std::string RepeatedComparisons(int n) {
  std::vector<std::string> parts(n, "status = ACTIVE");
  return absl::StrJoin(parts, " AND ");
}

// ---------------------------------------------------------------------------
// Grammar.

TEST(FilterGrammar, EmptyAndBlankFiltersHaveNoComparisons) {
  EXPECT_THAT(MustParse(""), IsEmpty());
  EXPECT_THAT(MustParse("   "), IsEmpty());
  EXPECT_THAT(MustParse(" \t\r\n "), IsEmpty());
}

TEST(FilterGrammar, ParsesEachOperator) {
  EXPECT_THAT(MustParse("status = ACTIVE"),
              ElementsAre(FieldsAre("status", FilterOp::kEqual, "ACTIVE", 1)));
  EXPECT_THAT(MustParse("status != ACTIVE"),
              ElementsAre(FieldsAre("status", FilterOp::kNotEqual, "ACTIVE", 1)));
  EXPECT_THAT(MustParse("service : CUSTOMER_SUPPORT"),
              ElementsAre(FieldsAre("service", FilterOp::kHas, "CUSTOMER_SUPPORT", 1)));
}

TEST(FilterGrammar, OperatorsNeedNoSurroundingSpace) {
  EXPECT_THAT(MustParse("status=ACTIVE AND country:PH AND service_model!=BPO"),
              ElementsAre(FieldsAre("status", FilterOp::kEqual, "ACTIVE", 1),
                          FieldsAre("country", FilterOp::kHas, "PH", 19),
                          FieldsAre("service_model", FilterOp::kNotEqual, "BPO", 34)));
}

TEST(FilterGrammar, JoinsComparisonsWithAndAndRecordsFieldPositions) {
  EXPECT_THAT(MustParse("  service_model = KPO AND country = \"IN\"\tAND\nlanguage : en "),
              ElementsAre(FieldsAre("service_model", FilterOp::kEqual, "KPO", 3),
                          FieldsAre("country", FilterOp::kEqual, "IN", 27),
                          FieldsAre("language", FilterOp::kHas, "en", 46)));
}

TEST(FilterGrammar, RepeatedFieldsAreKeptInOrder) {
  EXPECT_THAT(MustParse("certification = ISO27001 AND certification = SOC2"),
              ElementsAre(FieldsAre("certification", FilterOp::kEqual, "ISO27001", 1),
                          FieldsAre("certification", FilterOp::kEqual, "SOC2", 30)));
}

TEST(FilterGrammar, DoubleQuotedStringsWithEscapes) {
  EXPECT_EQ(ValueOf(R"(display_name = "Acme \"BPO\" Ltd")"), R"(Acme "BPO" Ltd)");
  EXPECT_EQ(ValueOf(R"(display_name = "back\\slash")"), R"(back\slash)");
  EXPECT_EQ(ValueOf(R"(display_name = "it's \'fine\'")"), "it's 'fine'");
}

TEST(FilterGrammar, SingleQuotedStringsWithEscapes) {
  EXPECT_EQ(ValueOf(R"(display_name = 'Acme "BPO" Ltd')"), R"(Acme "BPO" Ltd)");
  EXPECT_EQ(ValueOf(R"(display_name = 'O\'Brien \\ Sons')"), R"(O'Brien \ Sons)");
}

TEST(FilterGrammar, QuotedStringsKeepSpacesSymbolsAndKeywords) {
  EXPECT_EQ(ValueOf(R"(display_name = "  A AND B OR (C) = D : E *  ")"),
            "  A AND B OR (C) = D : E *  ");
  EXPECT_EQ(ValueOf(R"(display_name = "AND")"), "AND");
  EXPECT_EQ(ValueOf("display_name = 'NOT'"), "NOT");
}

TEST(FilterGrammar, BareWordsTakeLettersDigitsUnderscoreHyphenAndDot) {
  EXPECT_EQ(ValueOf("display_name = Acme-Corp_2.0"), "Acme-Corp_2.0");
  EXPECT_EQ(ValueOf("display_name = 42"), "42");
}

TEST(FilterGrammar, QuotedValuesAreNormalizedLikeBareOnes) {
  EXPECT_EQ(ValueOf("status = \"active\""), "ACTIVE");
  EXPECT_EQ(ValueOf("country = 'ph'"), "PH");
}

TEST(FilterGrammar, AcceptsExactlyTheMaximumLength) {
  std::string filter = "status = ACTIVE";
  filter.resize(2000, ' ');
  EXPECT_THAT(MustParse(filter), ElementsAre(FieldsAre("status", FilterOp::kEqual, "ACTIVE", 1)));
}

TEST(FilterGrammar, AcceptsExactlyTheMaximumNumberOfComparisons) {
  EXPECT_EQ(MustParse(RepeatedComparisons(50)).size(), 50u);
}

// ---------------------------------------------------------------------------
// Fields and value normalisation.

struct NormalizeCase {
  std::string filter;
  std::string field;
  std::string value;
};

void PrintTo(const NormalizeCase& c, std::ostream* os) { *os << TestName(c.filter); }

class FilterNormalize : public ::testing::TestWithParam<NormalizeCase> {};

TEST_P(FilterNormalize, GivesTheNormalizedValue) {
  const NormalizeCase& c = GetParam();
  EXPECT_THAT(MustParse(c.filter), ElementsAre(FieldsAre(c.field, FilterOp::kEqual, c.value, 1)));
}

INSTANTIATE_TEST_SUITE_P(
    FilterAllFields, FilterNormalize,
    ::testing::Values(
        // status: short or enum names, any case.
        NormalizeCase{"status = PENDING", "status", "PENDING"},
        NormalizeCase{"status = active", "status", "ACTIVE"},
        NormalizeCase{"status = Suspended", "status", "SUSPENDED"},
        NormalizeCase{"status = STATUS_OFFBOARDED", "status", "OFFBOARDED"},
        NormalizeCase{"status = status_active", "status", "ACTIVE"},
        // service_model.
        NormalizeCase{"service_model = BPO", "service_model", "BPO"},
        NormalizeCase{"service_model = kpo", "service_model", "KPO"},
        NormalizeCase{"service_model = SERVICE_MODEL_KPO", "service_model", "KPO"},
        NormalizeCase{"service_model = service_model_bpo", "service_model", "BPO"},
        // delivery_model.
        NormalizeCase{"delivery_model = ONSHORE", "delivery_model", "ONSHORE"},
        NormalizeCase{"delivery_model = nearshore", "delivery_model", "NEARSHORE"},
        NormalizeCase{"delivery_model = DELIVERY_MODEL_ONSHORE", "delivery_model", "ONSHORE"},
        NormalizeCase{"delivery_model = Delivery_Model_Offshore", "delivery_model", "OFFSHORE"},
        // service: catalogue codes, any case.
        NormalizeCase{"service = CUSTOMER_SUPPORT", "service", "CUSTOMER_SUPPORT"},
        NormalizeCase{"service = market_research", "service", "MARKET_RESEARCH"},
        // country and delivery_country: ISO 3166-1 alpha-2.
        NormalizeCase{"country = PH", "country", "PH"},
        NormalizeCase{"country = in", "country", "IN"},
        NormalizeCase{"delivery_country = us", "delivery_country", "US"},
        NormalizeCase{"delivery_country = \"Ph\"", "delivery_country", "PH"},
        // certification and industry codes.
        NormalizeCase{"certification = ISO27001", "certification", "ISO27001"},
        NormalizeCase{"certification = soc2", "certification", "SOC2"},
        NormalizeCase{"industry = BANKING", "industry", "BANKING"},
        NormalizeCase{"industry = healthcare", "industry", "HEALTHCARE"},
        // language: BCP 47, lower-cased.
        NormalizeCase{"language = en", "language", "en"},
        NormalizeCase{"language = EN", "language", "en"},
        NormalizeCase{"language = es-MX", "language", "es-mx"},
        // display_name: exact, case and spaces kept.
        NormalizeCase{"display_name = \"Acme Outsourcing, Inc.\"", "display_name",
                      "Acme Outsourcing, Inc."},
        NormalizeCase{"display_name = acme", "display_name", "acme"},
        NormalizeCase{"display_name = \"Café Société 東京\"", "display_name",
                      "Café Société 東京"}));

TEST(FilterFields, DisplayNameMayHave200Characters) {
  const std::string name(200, 'n');
  EXPECT_EQ(ValueOf(absl::StrCat("display_name = ", name)), name);
  std::string wide;
  for (int i = 0; i < 200; ++i) wide += "é";  // 200 characters, 400 bytes.
  EXPECT_EQ(ValueOf(absl::StrCat("display_name = \"", wide, "\"")), wide);
}

// ---------------------------------------------------------------------------
// Errors: each with its exact description and position.

struct ErrorCase {
  std::string filter;
  std::string description;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << TestName(c.filter); }

class FilterError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(FilterError, IsRejectedWithPosition) {
  EXPECT_EQ(ParseError(GetParam().filter), GetParam().description);
}

INSTANTIATE_TEST_SUITE_P(
    FilterSyntax, FilterError,
    ::testing::Values(
        ErrorCase{"country = PH AND status =",
                  "position 26: expected a value after '=', found end of filter"},
        ErrorCase{"status != ", "position 11: expected a value after '!=', found end of filter"},
        ErrorCase{"status = = ACTIVE", "position 10: expected a value after '=', found '='"},
        ErrorCase{"status : : ACTIVE", "position 10: expected a value after ':', found ':'"},
        ErrorCase{"display_name = AND",
                  "position 16: expected a value after '=', found AND; quote it to use it as a "
                  "value"},
        ErrorCase{"display_name = OR",
                  "position 16: expected a value after '=', found OR; quote it to use it as a "
                  "value"},
        ErrorCase{"status",
                  "position 7: expected an operator (=, != or :) after status, found end "
                  "of filter"},
        ErrorCase{"status ACTIVE",
                  "position 8: expected an operator (=, != or :) after status, found \"ACTIVE\""},
        ErrorCase{"country \"PH\"",
                  "position 9: expected an operator (=, != or :) after country, "
                  "found quoted string \"PH\""},
        ErrorCase{"= ACTIVE", "position 1: expected a field name, found '='"},
        ErrorCase{"\"status\" = ACTIVE",
                  "position 1: expected a field name, found quoted string \"status\""},
        ErrorCase{"AND status = ACTIVE", "position 1: expected a field name, found AND"},
        ErrorCase{"status = ACTIVE AND",
                  "position 20: expected a field name after AND, found end of filter"},
        ErrorCase{"status = ACTIVE AND   ",
                  "position 23: expected a field name after AND, found end of filter"},
        ErrorCase{"status = ACTIVE AND AND country = PH",
                  "position 21: expected a field name after AND, found AND"},
        ErrorCase{"status = ACTIVE country = PH",
                  "position 17: expected AND or end of filter, found \"country\""},
        ErrorCase{"status = ACTIVE and country = PH",
                  "position 17: expected AND or end of filter, found \"and\"; AND must be upper "
                  "case"},
        ErrorCase{"status = ACTIVE = PH", "position 17: expected AND or end of filter, found '='"},
        ErrorCase{"status = ACTIVE 'x'",
                  "position 17: expected AND or end of filter, found quoted string \"x\""}));

INSTANTIATE_TEST_SUITE_P(
    FilterUnsupported, FilterError,
    ::testing::Values(
        ErrorCase{"status = ACTIVE OR status = PENDING",
                  "position 17: OR is not supported; only AND can join comparisons"},
        ErrorCase{"OR status = ACTIVE",
                  "position 1: OR is not supported; only AND can join comparisons"},
        ErrorCase{"NOT status = ACTIVE",
                  "position 1: NOT is not supported; use != to negate a comparison"},
        ErrorCase{"status = ACTIVE AND NOT country = PH",
                  "position 21: NOT is not supported; use != to negate a comparison"},
        ErrorCase{"status = ACTIVE NOT country = PH",
                  "position 17: NOT is not supported; use != to negate a comparison"},
        ErrorCase{"-status = ACTIVE",
                  "position 1: negation with '-' is not supported; use != to negate a "
                  "comparison"},
        ErrorCase{"(status = ACTIVE)",
                  "position 1: parentheses are not supported; join comparisons with AND and "
                  "quote values that contain parentheses"},
        ErrorCase{"status = ACTIVE AND (country = PH OR country = IN)",
                  "position 21: parentheses are not supported; join comparisons with AND and "
                  "quote values that contain parentheses"},
        ErrorCase{"display_name = Acme(PH)",
                  "position 20: parentheses are not supported; join comparisons with AND and "
                  "quote values that contain parentheses"},
        ErrorCase{"status < ACTIVE", "position 8: operator '<' is not supported; use =, != or :"},
        ErrorCase{"status >= ACTIVE", "position 8: operator '>=' is not supported; use =, != or :"},
        ErrorCase{"status ! ACTIVE",
                  "position 8: unexpected character '!'; quote values that contain spaces or "
                  "symbols"},
        ErrorCase{"display_name = Acme*",
                  "position 20: unexpected character '*'; quote values that contain spaces or "
                  "symbols"},
        ErrorCase{"status = ACTIVE; DROP TABLE providers",
                  "position 16: unexpected character ';'; quote values that contain spaces or "
                  "symbols"}));

INSTANTIATE_TEST_SUITE_P(
    FilterStrings, FilterError,
    ::testing::Values(
        ErrorCase{"display_name = \"Acme",
                  "position 16: unterminated string; expected a closing \" before end of filter"},
        ErrorCase{"display_name = 'Acme",
                  "position 16: unterminated string; expected a closing ' before end of filter"},
        ErrorCase{"display_name = 'Acme\"",
                  "position 16: unterminated string; expected a closing ' before end of filter"},
        ErrorCase{R"(display_name = "Acme\")",
                  "position 16: unterminated string; expected a closing \" before end of filter"},
        ErrorCase{R"(display_name = "Acme\)",
                  "position 16: unterminated string; expected a closing \" before end of filter"},
        ErrorCase{R"(status = ACTIVE AND display_name = "a)",
                  "position 36: unterminated string; expected a closing \" before end of filter"},
        ErrorCase{R"(display_name = "a\nb")",
                  "position 18: unsupported escape sequence in string; only \\\", \\' and \\\\ "
                  "are allowed"},
        ErrorCase{"display_name = \"a\tb\"",
                  "position 18: control character \"\\t\" is not allowed in a string"},
        ErrorCase{std::string("display_name = \"a\0b\"", 20),
                  "position 18: control character \"\\000\" is not allowed in a string"},
        ErrorCase{"display_name = \"a\xff\"", "position 18: invalid UTF-8 in string"},
        ErrorCase{"display_name = \"\xc3\"", "position 17: invalid UTF-8 in string"},
        ErrorCase{"display_name = \"\xed\xa0\x80\"", "position 17: invalid UTF-8 in string"},
        ErrorCase{"display_name = \xff", "position 16: invalid UTF-8"},
        ErrorCase{"display_name = Café",
                  "position 19: unexpected character 'é'; quote values that contain spaces or "
                  "symbols"},
        // Positions count characters, not bytes: "é" is one column.
        ErrorCase{"display_name = \"Café\" AND colour = x",
                  "position 27: unknown field \"colour\"; known fields: status, service_model, "
                  "service, country, delivery_country, certification, language, industry, "
                  "delivery_model, display_name, classification"}));

INSTANTIATE_TEST_SUITE_P(
    FilterFieldsAndValues, FilterError,
    ::testing::Values(
        ErrorCase{"colour = red",
                  "position 1: unknown field \"colour\"; known fields: status, service_model, "
                  "service, country, delivery_country, certification, language, industry, "
                  "delivery_model, display_name, classification"},
        ErrorCase{"Status = ACTIVE",
                  "position 1: unknown field \"Status\"; known fields: status, service_model, "
                  "service, country, delivery_country, certification, language, industry, "
                  "delivery_model, display_name, classification"},
        ErrorCase{"status = ACTIVATED",
                  "position 10: unknown status \"ACTIVATED\"; expected one of PENDING, ACTIVE, "
                  "SUSPENDED, OFFBOARDED"},
        ErrorCase{"status = STATUS_UNSPECIFIED",
                  "position 10: unknown status \"STATUS_UNSPECIFIED\"; expected one of PENDING, "
                  "ACTIVE, SUSPENDED, OFFBOARDED"},
        ErrorCase{"status = ''", "position 10: empty value for status"},
        ErrorCase{"service_model = ANY",
                  "position 17: unknown service model \"ANY\"; expected one of BPO, KPO"},
        ErrorCase{"delivery_model = SERVICE_MODEL_BPO",
                  "position 18: unknown delivery model \"SERVICE_MODEL_BPO\"; expected one of "
                  "ONSHORE, NEARSHORE, OFFSHORE"},
        ErrorCase{"service = COOKING",
                  "position 11: unknown service \"COOKING\"; expected a catalogue code such as "
                  "CUSTOMER_SUPPORT (see ListCatalogEntries)"},
        ErrorCase{"country = XX",
                  "position 11: unknown country \"XX\"; expected an ISO 3166-1 alpha-2 code such "
                  "as US"},
        ErrorCase{"country = USA",
                  "position 11: unknown country \"USA\"; expected an ISO 3166-1 alpha-2 code such "
                  "as US"},
        ErrorCase{"status = ACTIVE AND delivery_country = 'P H'",
                  "position 40: unknown country \"P H\"; expected an ISO 3166-1 alpha-2 code such "
                  "as US"},
        ErrorCase{"certification = ISO99999",
                  "position 17: unknown certification \"ISO99999\"; expected a certification code "
                  "such as ISO27001"},
        ErrorCase{"industry = ALCHEMY",
                  "position 12: unknown industry \"ALCHEMY\"; expected an industry code such as "
                  "BANKING"},
        ErrorCase{"language = 12",
                  "position 12: invalid language tag \"12\"; expected a BCP 47 tag such as en or "
                  "es-MX"},
        ErrorCase{"language = \"\"", "position 12: empty value for language"},
        ErrorCase{"display_name = \"\"", "position 16: empty value for display_name"}));

TEST(FilterErrors, DisplayNameLongerThan200CharactersIsRejected) {
  EXPECT_EQ(ParseError(absl::StrCat("display_name = ", std::string(201, 'n'))),
            "position 16: display name is longer than 200 characters");
}

TEST(FilterErrors, LongValuesAreCutInMessages) {
  const std::string description = ParseError(absl::StrCat("country = ", std::string(100, 'Q')));
  EXPECT_EQ(description, absl::StrCat("position 11: unknown country \"", std::string(64, 'Q'),
                                      "...\"; expected an ISO 3166-1 alpha-2 code such as US"));
}

TEST(FilterErrors, FilterLongerThan2000CharactersIsRejected) {
  std::string filter = "status = ACTIVE";
  filter.resize(2001, ' ');
  EXPECT_EQ(ParseError(filter),
            "position 2001: filter is too long (2001 characters); at most 2000 are allowed");
}

TEST(FilterErrors, LengthCountsCharactersNotBytes) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "é";
  // 16 + 100 + 1 characters (217 bytes) per comparison; 16 of them with ANDs
  // are 1947 characters but 3547 bytes.
  std::vector<std::string> parts(16, absl::StrCat("display_name = \"", name, "\""));
  EXPECT_EQ(MustParse(absl::StrJoin(parts, " AND ")).size(), 16u);
}

TEST(FilterErrors, MoreThan50ComparisonsAreRejectedAtThe51st) {
  // Each "status = ACTIVE AND " is 20 characters: the 51st starts at 1001.
  EXPECT_EQ(ParseError(RepeatedComparisons(51)),
            "position 1001: too many comparisons; at most 50 are allowed");
}

TEST(FilterErrors, TheLeftmostErrorIsReported) {
  EXPECT_EQ(ParseError("colour = red AND status = \"unterminated"),
            "position 1: unknown field \"colour\"; known fields: status, service_model, service, "
            "country, delivery_country, certification, language, industry, delivery_model, "
            "display_name, classification");
}

TEST(FilterErrors, StatusMessageNamesTheFieldAndPosition) {
  absl::StatusOr<std::vector<FilterComparison>> result = ParseProviderFilter("status = NOPE");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("filter: position 10: unknown status"));
}

// ---------------------------------------------------------------------------
// SQL translation.

TEST(FilterSql, NoComparisonsGiveNoCondition) {
  const SqlCondition condition = ToSqlCondition({}, 1);
  EXPECT_EQ(condition.sql, "");
  EXPECT_THAT(condition.params, IsEmpty());
  EXPECT_FALSE(condition.constrains_status);
}

TEST(FilterSql, MultiClauseFilter) {
  const SqlCondition condition = ToSqlCondition(
      MustParse("status = active AND service_model : kpo AND country != in AND "
                "language = es-MX AND certification != soc2 AND display_name = \"Acme Ltd\""),
      3);
  EXPECT_EQ(condition.sql,
            "(status = $3) AND (service_models @> ARRAY[$4]::text[]) AND "
            "(headquarters_country <> $5) AND (languages @> ARRAY[$6]::text[]) AND "
            "(NOT (certifications @> ARRAY[$7]::text[])) AND (display_name = $8)");
  EXPECT_THAT(condition.params, ElementsAre("ACTIVE", "KPO", "IN", "es-mx", "SOC2", "Acme Ltd"));
  EXPECT_TRUE(condition.constrains_status);
}

struct SqlCase {
  std::string filter;
  std::string sql;
};

void PrintTo(const SqlCase& c, std::ostream* os) { *os << TestName(c.filter); }

class FilterSqlPerField : public ::testing::TestWithParam<SqlCase> {};

TEST_P(FilterSqlPerField, MapsFieldToColumn) {
  const SqlCondition condition = ToSqlCondition(MustParse(GetParam().filter), 1);
  EXPECT_EQ(condition.sql, GetParam().sql);
  EXPECT_EQ(condition.params.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    FilterAllFields, FilterSqlPerField,
    ::testing::Values(
        SqlCase{"status = ACTIVE", "(status = $1)"}, SqlCase{"status != ACTIVE", "(status <> $1)"},
        SqlCase{"status : ACTIVE", "(status = $1)"},
        SqlCase{"country = PH", "(headquarters_country = $1)"},
        SqlCase{"country != PH", "(headquarters_country <> $1)"},
        SqlCase{"display_name = x", "(display_name = $1)"},
        SqlCase{"display_name != x", "(display_name <> $1)"},
        SqlCase{"service_model = BPO", "(service_models @> ARRAY[$1]::text[])"},
        SqlCase{"service = CUSTOMER_SUPPORT", "(services @> ARRAY[$1]::text[])"},
        SqlCase{"service : CUSTOMER_SUPPORT", "(services @> ARRAY[$1]::text[])"},
        SqlCase{"service != CUSTOMER_SUPPORT", "(NOT (services @> ARRAY[$1]::text[]))"},
        SqlCase{"delivery_country = IN", "(delivery_countries @> ARRAY[$1]::text[])"},
        SqlCase{"certification = ISO27001", "(certifications @> ARRAY[$1]::text[])"},
        SqlCase{"language = en", "(languages @> ARRAY[$1]::text[])"},
        SqlCase{"industry = BANKING", "(industries @> ARRAY[$1]::text[])"},
        SqlCase{"industry != BANKING", "(NOT (industries @> ARRAY[$1]::text[]))"},
        SqlCase{"delivery_model = OFFSHORE", "(delivery_models @> ARRAY[$1]::text[])"}));

TEST(FilterSql, ConstrainsStatusOnlyWithAStatusComparison) {
  EXPECT_TRUE(
      ToSqlCondition(MustParse("country = PH AND status != OFFBOARDED"), 1).constrains_status);
  EXPECT_FALSE(
      ToSqlCondition(MustParse("country = PH AND service_model = BPO"), 1).constrains_status);
}

TEST(FilterSql, InjectionAttemptStaysInParams) {
  const std::string payload = "x'); DROP TABLE providers; --";
  for (const std::string& filter :
       {absl::StrCat("display_name = \"", payload, "\""),
        std::string(R"(display_name = 'x\'); DROP TABLE providers; --')")}) {
    const SqlCondition condition = ToSqlCondition(MustParse(filter), 1);
    EXPECT_EQ(condition.sql, "(display_name = $1)");
    EXPECT_THAT(condition.params, ElementsAre(payload));
    EXPECT_THAT(condition.sql, Not(HasSubstr("DROP")));
  }
}

TEST(FilterSql, HandBuiltUnknownFieldFailsClosed) {
  const SqlCondition condition =
      ToSqlCondition({{"status", FilterOp::kEqual, "ACTIVE", 1},
                      {"1=1); DROP TABLE providers; --", FilterOp::kEqual, "x", 20},
                      {"country", FilterOp::kEqual, "PH", 40}},
                     5);
  EXPECT_EQ(condition.sql, "(status = $5) AND (FALSE) AND (headquarters_country = $6)");
  EXPECT_THAT(condition.params, ElementsAre("ACTIVE", "PH"));
}

}  // namespace
}  // namespace vendormatch
