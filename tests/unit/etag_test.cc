#include "services/domain/etag.h"

#include <gtest/gtest.h>

#include "services/common/field_violations.h"
#include "services/domain/page_token.h"
#include "services/registry/registry.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {
namespace {

TEST(EtagTest, SameInputsGiveTheSameEtag) {
  EXPECT_EQ(ProviderEtag("acme", 3), ProviderEtag("acme", 3));
}

TEST(EtagTest, EtagChangesWithRevisionAndProvider) {
  EXPECT_NE(ProviderEtag("acme", 3), ProviderEtag("acme", 4));
  EXPECT_NE(ProviderEtag("acme", 3), ProviderEtag("acne", 3));
  EXPECT_NE(ProviderEtag("ab", 12), ProviderEtag("ab1", 2));
}

TEST(EtagTest, EmptyClientEtagIsUnconditional) {
  EXPECT_TRUE(EtagMatches("", ProviderEtag("acme", 1)));
  EXPECT_TRUE(EtagMatches(ProviderEtag("acme", 1), ProviderEtag("acme", 1)));
  EXPECT_FALSE(EtagMatches(ProviderEtag("acme", 1), ProviderEtag("acme", 2)));
  EXPECT_FALSE(EtagMatches("garbage", ProviderEtag("acme", 2)));
}

TEST(EtagTest, StableHashIsFnv1a64) {
  // Reference values of 64-bit FNV-1a.
  EXPECT_EQ(StableHash(""), "cbf29ce484222325");
  EXPECT_EQ(StableHash("a"), "af63dc4c8601ec8c");
}

TEST(EtagTest, FingerprintIgnoresNothingButIsDeterministic) {
  v1::Provider a, b;
  a.set_display_name("x");
  a.add_services("DATA_ENTRY");
  b = a;
  EXPECT_EQ(MessageFingerprint(a), MessageFingerprint(b));
  b.add_services("PAYROLL");
  EXPECT_NE(MessageFingerprint(a), MessageFingerprint(b));
}

TEST(PageTokenTest, RoundTripsForTheSameQuery) {
  PageCursor cursor{"q1", "2026-01-01 00:00:00+00", "acme"};
  auto decoded = DecodePageToken(EncodePageToken(cursor), "q1");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->last_key, cursor.last_key);
  EXPECT_EQ(decoded->last_id, cursor.last_id);
}

TEST(PageTokenTest, RefusesAnotherQueryAndGarbage) {
  std::string token = EncodePageToken({"q1", "k", "id"});
  for (const auto& [text, query] : std::vector<std::pair<std::string, std::string>>{
           {token, "q2"}, {"%%%", "q1"}, {"bm90IGpzb24", "q1"}, {token.substr(3), "q1"}}) {
    auto decoded = DecodePageToken(text, query);
    ASSERT_FALSE(decoded.ok()) << text;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    ASSERT_EQ(ViolationsOf(decoded.status()).size(), 1u);
    EXPECT_EQ(ViolationsOf(decoded.status())[0].field, "page_token");
  }
}

TEST(ProviderNameTest, AcceptsOnlyWellFormedNames) {
  EXPECT_EQ(*ParseProviderName("providers/acme-2", "name"), "acme-2");
  for (const char* bad : {"acme", "providers/", "providers/ab", "providers/Acme", "providers/1abc",
                          "providers/a_b_c", "vendors/acme", "providers/acme/x"}) {
    auto parsed = ParseProviderName(bad, "name");
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(ViolationsOf(parsed.status())[0].field, "name") << bad;
  }
  EXPECT_FALSE(IsValidProviderId(std::string(64, 'a')));
  EXPECT_TRUE(IsValidProviderId(std::string(63, 'a')));
}

TEST(FieldViolationsTest, CapsTheDetailsButCountsAll) {
  FieldViolations v;
  for (int i = 0; i < 120; ++i) v.Add("providers[" + std::to_string(i) + "].name", "bad");
  absl::Status status = v.ToStatus("import rejected");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationsOf(status).size(), FieldViolations::kMaxReportedViolations);
  EXPECT_NE(status.message().find("120 violations"), absl::string_view::npos) << status;
}

}  // namespace
}  // namespace vendormatch
