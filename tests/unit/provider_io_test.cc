// Tests of vm_provider_io's readers: provider files (YAML, JSON, JSON Lines,
// CSV), format sniffing and files by extension. The output formatting of
// vendormatchctl is in ctl_format_test.cc.
#include "services/ctl/provider_io.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "services/ctl/csv.h"
#include "services/ctl/format.h"
#include "tests/unit/provider_io_fixtures.h"
#include "vendormatch/v1/requirement.pb.h"

namespace vendormatch::ctl {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using vendormatch::v1::Provider;

std::string ErrorOf(const std::string& text, Format format, const std::string& source = "test") {
  auto parsed = ParseProvidersTextDetailed(text, format, source);
  EXPECT_FALSE(parsed.ok());
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

// A temporary file removed when the test ends.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content)
      : path_(std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "-" + name)) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// ---------------------------------------------------------------------------
// YAML

TEST(ProviderIoYamlTest, ReadsOneProviderWithSnakeAndCamelNames) {
  const ParsedProvider parsed = ParseOne(kYamlProvider, Format::kYaml);
  const Provider& p = parsed.provider;
  EXPECT_EQ(p.name(), "providers/acme");
  EXPECT_EQ(p.display_name(), "Acme Outsourcing");
  EXPECT_EQ(p.legal_name(), "Acme Outsourcing Inc.");
  EXPECT_EQ(p.status(), Provider::STATUS_ACTIVE);
  EXPECT_THAT(p.services(), ElementsAre("CUSTOMER_SUPPORT", "HELP_DESK"));
  ASSERT_EQ(p.delivery_centers_size(), 1);
  EXPECT_EQ(p.delivery_centers(0).seats_available(), 150);
  EXPECT_TRUE(p.delivery_centers(0).round_the_clock());
  EXPECT_EQ(p.certifications(0).expiry_date().year(), 2026);
  EXPECT_EQ(p.rate_card(0).hourly_rate().minor_units(), 1100);
  EXPECT_EQ(p.rate_card(0).seniority(), v1::SENIORITY_JUNIOR);
  EXPECT_DOUBLE_EQ(p.quality().rating(), 4.5);
  EXPECT_EQ(p.declared_delivery_models(0), v1::DELIVERY_MODEL_OFFSHORE);
  EXPECT_EQ(parsed.origin, "test line 2");
}

TEST(ProviderIoYamlTest, ListsTheTopLevelFieldsInSourceOrder) {
  const ParsedProvider parsed = ParseOne(kYamlProvider, Format::kYaml);
  EXPECT_THAT(parsed.fields,
              ElementsAre("name", "display_name", "legal_name", "headquarters_country", "status",
                          "service_models", "services", "delivery_centers", "languages",
                          "certifications", "rate_card", "quality", "declared_delivery_models"));
}

TEST(ProviderIoYamlTest, KeepsYamlLookalikesAsStringsInStringFields) {
  const ParsedProvider parsed = ParseOne(R"(
headquarters_country: NO
display_name: on
legal_name: 1e3
description: 0800
services: [yes, null-ish, 012]
delivery_centers:
  - {country_code: NO, city: Off, time_zone: Europe/Oslo, headcount: 0800, seats_available: 1e3}
)",
                                         Format::kYaml);
  const Provider& p = parsed.provider;
  EXPECT_EQ(p.headquarters_country(), "NO");
  EXPECT_EQ(p.display_name(), "on");
  EXPECT_EQ(p.legal_name(), "1e3");
  EXPECT_EQ(p.description(), "0800");
  EXPECT_THAT(p.services(), ElementsAre("yes", "null-ish", "012"));
  EXPECT_EQ(p.delivery_centers(0).city(), "Off");
  EXPECT_EQ(p.delivery_centers(0).headcount(), 800);
  EXPECT_EQ(p.delivery_centers(0).seats_available(), 1000);
}

TEST(ProviderIoYamlTest, ReadsBooleansByFieldType) {
  for (const auto& [text, expected] :
       std::vector<std::pair<std::string, bool>>{{"yes", true},
                                                 {"No", false},
                                                 {"on", true},
                                                 {"OFF", false},
                                                 {"true", true},
                                                 {"\"false\"", false}}) {
    const ParsedProvider parsed =
        ParseOne("delivery_centers: [{city: X, round_the_clock: " + text + "}]\n", Format::kYaml);
    EXPECT_EQ(parsed.provider.delivery_centers(0).round_the_clock(), expected) << text;
  }
  EXPECT_THAT(ErrorOf("delivery_centers: [{round_the_clock: maybe}]\n", Format::kYaml),
              HasSubstr("delivery_centers[0].round_the_clock: expected true or false"));
}

TEST(ProviderIoYamlTest, NullMeansUnset) {
  const ParsedProvider parsed =
      ParseOne("display_name: X\ndescription: ~\nquality:\nservices: null\n", Format::kYaml);
  EXPECT_EQ(parsed.provider.description(), "");
  EXPECT_FALSE(parsed.provider.has_quality());
}

TEST(ProviderIoYamlTest, KeepsLargeIntegersExact) {
  const ParsedProvider parsed =
      ParseOne("rate_card: [{hourly_rate: {currency_code: USD, minor_units: 9007199254740993}}]\n",
               Format::kYaml);
  EXPECT_EQ(parsed.provider.rate_card(0).hourly_rate().minor_units(), 9007199254740993);
}

TEST(ProviderIoYamlTest, AcceptsProvidersKeyTopLevelListAndDocuments) {
  auto keyed = ParseProvidersText("providers:\n  - id: a\n  - id: b\nnextPageToken: ''\n");
  ASSERT_TRUE(keyed.ok()) << keyed.status();
  ASSERT_EQ(keyed->size(), 2u);
  EXPECT_EQ((*keyed)[1].name(), "providers/b");

  auto list = ParseProvidersText("- id: a\n- id: b\n- id: c\n", Format::kYaml);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->size(), 3u);

  auto documents = ParseProvidersText("id: a\n---\n- id: b\n---\n", Format::kYaml);
  ASSERT_TRUE(documents.ok()) << documents.status();
  ASSERT_EQ(documents->size(), 2u);
  EXPECT_EQ((*documents)[1].name(), "providers/b");
}

TEST(ProviderIoYamlTest, EmptyTextHasNoProviders) {
  auto parsed = ParseProvidersText("", Format::kYaml);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->empty());
}

TEST(ProviderIoYamlTest, ErrorsNameLineColumnAndPath) {
  EXPECT_EQ(ErrorOf("display_name: X\ndelivery_centers:\n  - city: Manila\n    headcount: many\n",
                    Format::kYaml, "p.yaml"),
            "p.yaml line 4, column 16: delivery_centers[0].headcount: expected an integer "
            "(int32), got \"many\"");
  EXPECT_THAT(ErrorOf("display_name: X\ncontry: PH\n", Format::kYaml, "p.yaml"),
              AllOf(StartsWith("p.yaml line 2, column 1: unknown field \"contry\" in "
                               "vendormatch.v1.Provider; its fields: name, "),
                    HasSubstr(", headquarters_country, ")));
  // A likely meaning is named first.
  EXPECT_THAT(
      ErrorOf("delivery_centers:\n  - country: PH\n", Format::kYaml, "p.yaml"),
      HasSubstr("unknown field \"country\" in vendormatch.v1.DeliveryCenter (did you mean "
                "\"country_code\"?); its fields: country_code, city, time_zone, headcount, "));
  EXPECT_EQ(ErrorOf("providers:\n  - id: a\n  - status: STATUS_ACTVE\n", Format::kYaml, "p.yaml"),
            "p.yaml line 3, column 13: providers[1].status: unknown value \"STATUS_ACTVE\" for "
            "enum vendormatch.v1.Provider.Status (did you mean \"ACTIVE\"?); its values: "
            "PENDING, ACTIVE, SUSPENDED, OFFBOARDED");
  // The short names CSV and flags take, in any case, as in the docs' examples.
  auto short_names = ParseProvidersText(
      "service_models: [BPO, kpo]\nstatus: active\ndeclared_delivery_models: [OFFSHORE]\n");
  ASSERT_TRUE(short_names.ok()) << short_names.status();
  EXPECT_THAT((*short_names)[0].service_models(),
              ElementsAre(v1::SERVICE_MODEL_BPO, v1::SERVICE_MODEL_KPO));
  EXPECT_EQ((*short_names)[0].status(), Provider::STATUS_ACTIVE);
  EXPECT_EQ((*short_names)[0].declared_delivery_models(0), v1::DELIVERY_MODEL_OFFSHORE);
  EXPECT_THAT(ErrorOf("services: CUSTOMER_SUPPORT\n", Format::kYaml),
              HasSubstr("line 1, column 11: services: expected a list, got a scalar"));
  EXPECT_THAT(ErrorOf("quality: {rating: high}\n", Format::kYaml),
              HasSubstr("quality.rating: expected a number, got \"high\""));
  EXPECT_THAT(ErrorOf("delivery_centers: [{headcount: 3000000000}]\n", Format::kYaml),
              HasSubstr("expected an integer (int32), got \"3000000000\""));
}

TEST(ProviderIoYamlTest, RejectsAFieldGivenTwice) {
  EXPECT_THAT(ErrorOf("display_name: A\ndisplayName: B\n", Format::kYaml),
              HasSubstr("line 2, column 1: displayName: given twice (as display_name too)"));
  EXPECT_THAT(ErrorOf("id: a\nname: providers/a\n", Format::kYaml),
              HasSubstr("give either id or name, not both"));
}

TEST(ProviderIoYamlTest, ReportsSyntaxErrorsWithTheirLine) {
  EXPECT_THAT(ErrorOf("display_name: X\nservices: [a, b\nstatus: x\n", Format::kYaml, "p.yaml"),
              StartsWith("p.yaml line 3"));
}

TEST(ProviderIoYamlTest, RejectsAScalarDocumentAndAStrayKeyBesideProviders) {
  EXPECT_THAT(ErrorOf("just text\n", Format::kYaml),
              HasSubstr("expected a provider, a list of providers or a `providers:` list"));
  EXPECT_THAT(ErrorOf("providers: []\nfoo: 1\n", Format::kYaml),
              HasSubstr("unexpected key \"foo\" beside `providers`"));
}

// Found by tests/fuzz: yaml-cpp's LoadAll never returned on a stray ',' after
// a top-level node; aliases could stand for billions of values or for a node
// holding itself. Each is now an error naming the place.
TEST(ProviderIoYamlTest, RejectsAStrayCommaAtTheTopLevel) {
  EXPECT_THAT(ErrorOf("{display_name: A, services: [HELP_DESK]},\n", Format::kYaml, "p.yaml"),
              HasSubstr("p.yaml line 1, column 41: unexpected ','"));
  EXPECT_THAT(ErrorOf("- display_name: A\n,\n", Format::kYaml), HasSubstr("line 2, column 1"));
  v1::Requirement r;
  EXPECT_THAT(ParseMessageText("[a],", Format::kYaml, "r.yaml", r).message(),
              HasSubstr("unexpected ','"));
}

TEST(ProviderIoYamlTest, RejectsAliasesThatExpandTooFar) {
  // 440 bytes standing for 10^8 values.
  std::string text = "create_time:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (const char* level : {"b", "c", "d", "e", "f", "g", "h"}) {
    const std::string below(1, static_cast<char>(level[0] - 1));
    text += std::string("  ") + level + ": &" + level + " [*" + below;
    for (int i = 1; i < 10; ++i) text += ", *" + below;
    text += "]\n";
  }
  EXPECT_THAT(ErrorOf(text, Format::kYaml), HasSubstr("aliases repeat too much"));
  // Modest reuse is fine.
  const ParsedProvider p = ParseOne(
      "delivery_centers:\n  - &c {country_code: IN, city: Pune, time_zone: Asia/Kolkata}\n"
      "  - *c\n",
      Format::kYaml);
  EXPECT_EQ(p.provider.delivery_centers_size(), 2);
}

TEST(ProviderIoYamlTest, RejectsAnAliasInsideItsOwnAnchor) {
  EXPECT_THAT(ErrorOf("create_time:\n  a: &a [x, *a]\n", Format::kYaml),
              HasSubstr("nested more than 100 levels deep"));
}

// ---------------------------------------------------------------------------
// JSON and JSON Lines

TEST(ProviderIoJsonTest, ReadsObjectListAndProvidersKey) {
  const ParsedProvider one = ParseOne(
      R"({"name": "providers/x", "displayName": "X", "serviceModels": ["SERVICE_MODEL_KPO"],
          "deliveryCenters": [{"countryCode": "IN", "headcount": "12", "roundTheClock": true}],
          "rateCard": [{"hourlyRate": {"currencyCode": "USD", "minorUnits": "2400"}}]})",
      Format::kJson);
  EXPECT_EQ(one.provider.name(), "providers/x");
  EXPECT_EQ(one.provider.service_models(0), v1::SERVICE_MODEL_KPO);
  EXPECT_EQ(one.provider.delivery_centers(0).headcount(), 12);
  EXPECT_TRUE(one.provider.delivery_centers(0).round_the_clock());
  EXPECT_EQ(one.provider.rate_card(0).hourly_rate().minor_units(), 2400);
  EXPECT_THAT(one.fields, ElementsAre("name", "display_name", "service_models", "delivery_centers",
                                      "rate_card"));

  auto list = ParseProvidersTextDetailed(R"([{"id": "a"}, {"id": "b"}])", Format::kJson, "p.json");
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[1].origin, "p.json providers[1]");

  // What `vendormatchctl list --json` prints reads back.
  auto keyed = ParseProvidersText(
      R"({"providers": [{"name": "providers/a", "revision": "3", "etag": "e1",
          "createTime": "2024-05-01T12:00:00Z"}], "nextPageToken": ""})");
  ASSERT_TRUE(keyed.ok()) << keyed.status();
  ASSERT_EQ(keyed->size(), 1u);
  EXPECT_EQ((*keyed)[0].revision(), 3);
  EXPECT_EQ((*keyed)[0].create_time().seconds(), 1714564800);
}

TEST(ProviderIoJsonTest, ErrorsNameTheLine) {
  EXPECT_EQ(ErrorOf("{\n  \"displayName\": \"X\",\n  \"deliveryCenters\": [{\"seats\": 3}]\n}",
                    Format::kJson, "p.json"),
            "p.json line 3, column 24: delivery_centers[0]: unknown field \"seats\" in "
            "vendormatch.v1.DeliveryCenter (did you mean \"seats_available\"?); its fields: "
            "country_code, city, time_zone, headcount, seats_available, round_the_clock, shifts");
  EXPECT_THAT(ErrorOf("{\n  \"displayName\": \"X\",\n}", Format::kJson, "p.json"),
              AllOf(StartsWith("p.json: "), HasSubstr("line 3")));
}

TEST(ProviderIoJsonTest, FallsBackToTheLenientReaderWhereProtobufIsStrict) {
  const ParsedProvider parsed = ParseOne(
      R"({"displayName": "X", "deliveryCenters": [{"roundTheClock": "yes", "headcount": 1e3}]})",
      Format::kJson);
  EXPECT_TRUE(parsed.provider.delivery_centers(0).round_the_clock());
  EXPECT_EQ(parsed.provider.delivery_centers(0).headcount(), 1000);
  EXPECT_THAT(parsed.fields, ElementsAre("display_name", "delivery_centers"));
}

TEST(ProviderIoJsonTest, IsStrictJson) {
  EXPECT_THAT(ErrorOf("display_name: X\n", Format::kJson), HasSubstr("syntax error"));
}

TEST(ProviderIoJsonTest, DecodesEscapesIncludingSurrogatePairs) {
  const ParsedProvider parsed =
      ParseOne(R"({"description": "caf\u00e9 \ud83d\ude00 \"q\" a\/b"})", Format::kJson);
  EXPECT_EQ(parsed.provider.description(), "caf\u00e9 \U0001F600 \"q\" a/b");
}

TEST(ProviderIoJsonLinesTest, ReadsOneProviderPerLine) {
  auto parsed =
      ParseProvidersTextDetailed("{\"id\": \"a\"}\n\n{\"id\": \"b\", \"displayName\": \"B\"}\r\n",
                                 Format::kJsonLines, "p.jsonl");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].provider.display_name(), "B");
  EXPECT_EQ((*parsed)[1].origin, "p.jsonl line 3");
}

TEST(ProviderIoJsonLinesTest, ErrorsNameTheFileLine) {
  EXPECT_EQ(ErrorOf("{\"id\": \"a\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"status\": \"NOPE\"}\n",
                    Format::kJsonLines, "p.jsonl"),
            "p.jsonl line 3, column 23: status: unknown value \"NOPE\" for enum "
            "vendormatch.v1.Provider.Status; its values: PENDING, ACTIVE, SUSPENDED, OFFBOARDED");
  EXPECT_THAT(ErrorOf("{\"id\": \"a\"}\n{\"id\": }\n", Format::kJsonLines, "p.jsonl"),
              StartsWith("p.jsonl line 2: "));
}

TEST(ProviderIoSniffTest, GuessesJsonJsonLinesAndYaml) {
  auto json = ParseProvidersText("  [{\"id\": \"a\"}]");
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(json->size(), 1u);
  auto lines = ParseProvidersText("{\"id\": \"a\"}\n{\"id\": \"b\"}\n");
  ASSERT_TRUE(lines.ok()) << lines.status();
  EXPECT_EQ(lines->size(), 2u);
  auto yaml = ParseProvidersText("id: a\n");
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  EXPECT_EQ((*yaml)[0].name(), "providers/a");
}

// ---------------------------------------------------------------------------
// CSV

constexpr char kCsvHeader[] =
    "id,display_name,legal_name,headquarters_country,status,service_models,services,languages,"
    "industries,declared_delivery_models,certifications,delivery_centers,rate_card,rating,"
    "review_count,sla_attainment_percent,qualified_staff_percent,qualifications,min_headcount,"
    "min_duration_months,min_monthly_value,description,etag\n";

TEST(ProviderIoCsvTest, ReadsEveryColumn) {
  const std::string text = std::string(kCsvHeader) +
                           "acme,Acme,Acme Inc.,PH,active,BPO;kpo,CUSTOMER_SUPPORT;MARKET_RESEARCH,"
                           "en; fil ,BANKING,OFFSHORE;DELIVERY_MODEL_NEARSHORE,"
                           "ISO27001:2023-03-01:2026-02-28:BSI;SOC2;GDPR::2027-01-01,"
                           "PH|Manila|Asia/Manila|1200|150|24x7;PH|Cebu|Asia/Manila||60|,"
                           "CUSTOMER_SUPPORT|junior|USD|1100;||USD|900,4.5,120,98.5,35,CA;MBA,"
                           "10,6,USD|500000,Hello,etag-1\n";
  const ParsedProvider parsed = ParseOne(text, Format::kCsv);
  const Provider& p = parsed.provider;
  EXPECT_EQ(p.name(), "providers/acme");
  EXPECT_EQ(p.legal_name(), "Acme Inc.");
  EXPECT_EQ(p.status(), Provider::STATUS_ACTIVE);
  EXPECT_THAT(p.service_models(), ElementsAre(v1::SERVICE_MODEL_BPO, v1::SERVICE_MODEL_KPO));
  EXPECT_THAT(p.languages(), ElementsAre("en", "fil"));
  EXPECT_THAT(p.declared_delivery_models(),
              ElementsAre(v1::DELIVERY_MODEL_OFFSHORE, v1::DELIVERY_MODEL_NEARSHORE));
  ASSERT_EQ(p.certifications_size(), 3);
  EXPECT_EQ(p.certifications(0).issue_date().month(), 3);
  EXPECT_EQ(p.certifications(0).expiry_date().day(), 28);
  EXPECT_EQ(p.certifications(0).issuer(), "BSI");
  EXPECT_FALSE(p.certifications(1).has_issue_date());
  EXPECT_FALSE(p.certifications(2).has_issue_date());
  EXPECT_EQ(p.certifications(2).expiry_date().year(), 2027);
  ASSERT_EQ(p.delivery_centers_size(), 2);
  EXPECT_EQ(p.delivery_centers(0).time_zone(), "Asia/Manila");
  EXPECT_EQ(p.delivery_centers(0).headcount(), 1200);
  EXPECT_TRUE(p.delivery_centers(0).round_the_clock());
  EXPECT_EQ(p.delivery_centers(1).headcount(), 0);
  EXPECT_EQ(p.delivery_centers(1).seats_available(), 60);
  EXPECT_FALSE(p.delivery_centers(1).round_the_clock());
  ASSERT_EQ(p.rate_card_size(), 2);
  EXPECT_EQ(p.rate_card(0).seniority(), v1::SENIORITY_JUNIOR);
  EXPECT_EQ(p.rate_card(0).hourly_rate().currency_code(), "USD");
  EXPECT_EQ(p.rate_card(1).service(), "");
  EXPECT_EQ(p.rate_card(1).seniority(), v1::SENIORITY_UNSPECIFIED);
  EXPECT_EQ(p.rate_card(1).hourly_rate().minor_units(), 900);
  EXPECT_DOUBLE_EQ(p.quality().rating(), 4.5);
  EXPECT_EQ(p.quality().review_count(), 120);
  EXPECT_DOUBLE_EQ(p.quality().sla_attainment_percent(), 98.5);
  EXPECT_DOUBLE_EQ(p.talent().qualified_staff_percent(), 35);
  EXPECT_THAT(p.talent().qualifications(), ElementsAre("CA", "MBA"));
  EXPECT_EQ(p.minimum_engagement().headcount(), 10);
  EXPECT_EQ(p.minimum_engagement().duration_months(), 6);
  EXPECT_EQ(p.minimum_engagement().monthly_value().minor_units(), 500000);
  EXPECT_EQ(p.description(), "Hello");
  EXPECT_EQ(p.etag(), "etag-1");
  EXPECT_EQ(parsed.origin, "test row 2");
  EXPECT_THAT(
      parsed.fields,
      ElementsAre("name", "display_name", "legal_name", "headquarters_country", "status",
                  "service_models", "services", "languages", "industries",
                  "declared_delivery_models", "certifications", "delivery_centers", "rate_card",
                  "quality", "talent", "minimum_engagement", "description", "etag"));
}

TEST(ProviderIoCsvTest, HandlesQuotedFieldsCrlfBomAndBlankLines) {
  const std::string text =
      "\xEF\xBB\xBF"
      "id,description,display_name\r\n"
      "a,\"one, two\",\"She said \"\"hi\"\"\"\r\n"
      "\r\n"
      "b,\"line one\nline two\",\"\"\r\n"
      "c,,plain\"quote\n";
  auto parsed = ParseProvidersTextDetailed(text, Format::kCsv, "q.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ((*parsed)[0].provider.description(), "one, two");
  EXPECT_EQ((*parsed)[0].provider.display_name(), "She said \"hi\"");
  EXPECT_EQ((*parsed)[1].provider.description(), "line one\nline two");
  EXPECT_EQ((*parsed)[1].provider.display_name(), "");
  EXPECT_EQ((*parsed)[1].origin, "q.csv row 4");
  EXPECT_EQ((*parsed)[2].provider.display_name(), "plain\"quote");
}

TEST(ProviderIoCsvTest, ReaderNumbersRowsAndLines) {
  auto records = internal::ReadCsv("h1,h2\n\"a\nb\",c\n\nd,\"\"\n", "x.csv");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].row, 2);
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_THAT((*records)[1].fields, ElementsAre("a\nb", "c"));
  EXPECT_EQ((*records)[2].row, 4);
  EXPECT_EQ((*records)[2].line, 5);
  EXPECT_THAT((*records)[2].fields, ElementsAre("d", ""));
}

TEST(ProviderIoCsvTest, ReaderReportsBadQuoting) {
  EXPECT_EQ(internal::ReadCsv("a,b\n1,\"open\n\n", "x.csv").status().message(),
            "x.csv line 2: quoted field is not closed (missing '\"')");
  EXPECT_THAT(std::string(internal::ReadCsv("a,b\n1,\"x\"y\n", "x.csv").status().message()),
              StartsWith("x.csv line 2: unexpected 'y' after a closing quote"));
}

TEST(ProviderIoCsvTest, CellErrorsNameRowAndColumn) {
  std::string text = "id,delivery_centers\n";
  for (int i = 0; i < 5; ++i) text += "p" + std::to_string(i) + ",PH|Manila|Asia/Manila|1|1|\n";
  text += "bad,PH|Manila|Asia/Manila|100\n";
  EXPECT_EQ(ErrorOf(text, Format::kCsv, "providers.csv"),
            "providers.csv row 7, column delivery_centers: expected 6 '|'-separated parts, found "
            "4 in \"PH|Manila|Asia/Manila|100\"");
}

TEST(ProviderIoCsvTest, RowNumbersShowTheLineWhenTheyDiffer) {
  EXPECT_EQ(ErrorOf("description,rating\n\"a\nb\",x\n", Format::kCsv, "p.csv"),
            "p.csv row 2, column rating: expected a number, got \"x\"");
  EXPECT_EQ(ErrorOf("description,rating\n\"a\nb\",1\nc,x\n", Format::kCsv, "p.csv"),
            "p.csv row 3 (line 4), column rating: expected a number, got \"x\"");
}

TEST(ProviderIoCsvTest, ReportsBadValues) {
  EXPECT_EQ(ErrorOf("id,service_models\na,BPO;XPO\n", Format::kCsv, "p.csv"),
            "p.csv row 2, column service_models: unknown value \"XPO\" (expected one of BPO, "
            "KPO)");
  EXPECT_EQ(ErrorOf("certifications\nISO27001:2023-02-30\n", Format::kCsv, "p.csv"),
            "p.csv row 2, column certifications: expected a date YYYY-MM-DD, got \"2023-02-30\"");
  EXPECT_THAT(ErrorOf("certifications\nISO27001:2023-1-5\n", Format::kCsv),
              HasSubstr("expected a date YYYY-MM-DD"));
  EXPECT_THAT(ErrorOf("certifications\nA:2023-01-01:2024-01-01:X:Y\n", Format::kCsv),
              HasSubstr("expected CODE[:ISSUE[:EXPIRY[:ISSUER]]]"));
  EXPECT_EQ(
      ErrorOf("delivery_centers\nPH|Manila|Asia/Manila|many|1|\n", Format::kCsv, "p.csv"),
      "p.csv row 2, column delivery_centers: expected an integer for headcount, got \"many\"");
  EXPECT_THAT(ErrorOf("delivery_centers\nPH|Manila|Asia/Manila|1|1|sometimes\n", Format::kCsv),
              HasSubstr("expected 24x7, true, yes, 1, false, no, 0 or nothing"));
  EXPECT_THAT(ErrorOf("rate_card\nX|JUNIOR|USD\n", Format::kCsv),
              HasSubstr("expected 4 '|'-separated parts, found 3"));
  EXPECT_THAT(ErrorOf("rate_card\nX|INTERN|USD|100\n", Format::kCsv),
              HasSubstr("unknown value \"INTERN\" (expected one of JUNIOR, MID, SENIOR, EXPERT)"));
  EXPECT_THAT(ErrorOf("review_count\n12.5\n", Format::kCsv),
              HasSubstr("column review_count: expected an integer, got \"12.5\""));
  EXPECT_THAT(ErrorOf("status\nRETIRED\n", Format::kCsv),
              HasSubstr("unknown value \"RETIRED\" (expected one of PENDING, ACTIVE, SUSPENDED, "
                        "OFFBOARDED)"));
}

TEST(ProviderIoCsvTest, ReportsHeaderAndShapeProblems) {
  EXPECT_THAT(ErrorOf("id,colour\na,red\n", Format::kCsv, "p.csv"),
              StartsWith("p.csv row 1, column colour: unknown column (known: id, display_name,"));
  EXPECT_EQ(ErrorOf("id,ID\na,b\n", Format::kCsv, "p.csv"),
            "p.csv row 1, column id: column given twice");
  EXPECT_EQ(ErrorOf("id,display_name\na,b,c\n", Format::kCsv, "p.csv"),
            "p.csv row 2: expected 2 fields as in the header, found 3");
  EXPECT_EQ(ErrorOf("", Format::kCsv, "p.csv"), "p.csv: no header row");
}

TEST(ProviderIoCsvTest, TrimsCellsAndSkipsEmptyOnes) {
  const ParsedProvider parsed =
      ParseOne(" id , rating ,services\n  acme  ,  , ; A ;;B; \n", Format::kCsv);
  EXPECT_EQ(parsed.provider.name(), "providers/acme");
  EXPECT_FALSE(parsed.provider.has_quality());
  EXPECT_THAT(parsed.provider.services(), ElementsAre("A", "B"));
  EXPECT_THAT(parsed.fields, ElementsAre("name", "quality", "services"));
}

// ---------------------------------------------------------------------------
// Files, formats, names

TEST(ProviderIoFileTest, ChoosesTheFormatByExtension) {
  EXPECT_EQ(FormatFromPath("a/b.yaml"), Format::kYaml);
  EXPECT_EQ(FormatFromPath("b.YML"), Format::kYaml);
  EXPECT_EQ(FormatFromPath("b.json"), Format::kJson);
  EXPECT_EQ(FormatFromPath("b.jsonl"), Format::kJsonLines);
  EXPECT_EQ(FormatFromPath("b.ndjson"), Format::kJsonLines);
  EXPECT_EQ(FormatFromPath("b.csv"), Format::kCsv);
  EXPECT_EQ(FormatFromPath("b.txt"), Format::kAuto);
  EXPECT_EQ(FormatFromPath("dir.v2/file"), Format::kAuto);
  EXPECT_EQ(*ParseFormatName("JSONL"), Format::kJsonLines);
  EXPECT_FALSE(ParseFormatName("xml").ok());
}

TEST(ProviderIoFileTest, ReadsFilesOfEachFormat) {
  const TempFile yaml("p.yaml", "id: a\n");
  const TempFile json("p.json", "[{\"id\": \"b\"}]");
  const TempFile jsonl("p.jsonl", "{\"id\": \"c\"}\n{\"id\": \"d\"}\n");
  const TempFile csv("p.csv", "id\ne\n");
  const TempFile unknown("p.txt", "{\"id\": \"f\"}");
  std::vector<std::string> names;
  for (const TempFile* file : {&yaml, &json, &jsonl, &csv, &unknown}) {
    auto parsed = ParseProvidersFile(file->path());
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    for (const Provider& p : *parsed) names.push_back(p.name());
  }
  EXPECT_THAT(names, ElementsAre("providers/a", "providers/b", "providers/c", "providers/d",
                                 "providers/e", "providers/f"));
  auto forced = ParseProvidersFile(unknown.path(), Format::kYaml);
  ASSERT_TRUE(forced.ok()) << forced.status();
}

TEST(ProviderIoFileTest, ErrorsNameThePath) {
  const TempFile csv("bad.csv", "id,rating\na,x\n");
  auto parsed = ParseProvidersFile(csv.path());
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(std::string(parsed.status().message()),
              StartsWith(csv.path() + " row 2, column rating"));

  auto missing = ParseProvidersFile("/nonexistent/providers.yaml");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("/nonexistent/providers.yaml"));
}

TEST(ProviderIoFileTest, TheExampleCsvParses) {
  const std::filesystem::path example =
      std::filesystem::path(__FILE__).parent_path() / "../../services/ctl/examples/providers.csv";
  auto parsed = ParseProvidersFile(example.string());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].description(),
            "Analysts with CFA, MBA and PhD backgrounds; \"insight, not volume\"");
  EXPECT_EQ((*parsed)[0].delivery_centers_size(), 2);
}

TEST(ProviderIoFileTest, ProviderNameAcceptsBareIds) {
  EXPECT_EQ(ProviderName("acme"), "providers/acme");
  EXPECT_EQ(ProviderName("providers/acme"), "providers/acme");
  EXPECT_EQ(ProviderName(""), "");
  EXPECT_EQ(ProviderId("providers/acme"), "acme");
}

}  // namespace
}  // namespace vendormatch::ctl
