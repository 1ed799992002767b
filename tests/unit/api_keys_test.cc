// The pure parts of API keys: hashing, secrets, the policy lookup.
#include "services/auth/api_keys.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/auth/policy.h"

namespace vendormatch::auth {
namespace {

TEST(ApiKeysTest, HashIsSha256) {
  // FIPS 180-2 test vector.
  EXPECT_EQ(absl::BytesToHexString(HashSecret("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ApiKeysTest, NewSecretsAreLongRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string secret = NewSecret();
    ASSERT_TRUE(absl::StartsWith(secret, "vmk_")) << secret;
    ASSERT_EQ(secret.size(), 47u) << secret;
    for (char c : secret.substr(4)) {
      ASSERT_TRUE(absl::ascii_isalnum(c) || c == '-' || c == '_') << secret;
    }
    EXPECT_TRUE(CheckSecret(secret, "key").ok());
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(ApiKeysTest, CheckSecretNamesTheField) {
  for (const char* bad :
       {"short", "has a space in the middle of it all", "tab\there-0123456789abcdef"}) {
    absl::Status s = CheckSecret(bad, "admin_key_file");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_TRUE(absl::StrContains(s.ToString(), "admin_key_file")) << s;
  }
  EXPECT_FALSE(CheckSecret(std::string(300, 'x'), "k").ok());
  EXPECT_TRUE(CheckSecret("operator-chosen-secret-0123456789", "k").ok());
}

TEST(PolicyTest, UnknownMethodsAndRolesAreRefused) {
  EXPECT_FALSE(Allowed("/vendormatch.v1.RegistryService/NoSuchMethod", v1::ROLE_ADMIN));
  EXPECT_FALSE(Allowed("/vendormatch.v1.RegistryService/GetProvider", v1::ROLE_UNSPECIFIED));
  EXPECT_TRUE(Allowed("/vendormatch.v1.RegistryService/GetProvider", v1::ROLE_READER));
  EXPECT_FALSE(Allowed("/vendormatch.v1.MatchingService/MatchProviders", v1::ROLE_READER));
  EXPECT_TRUE(Allowed("/vendormatch.v1.MatchingService/MatchProviders", v1::ROLE_PROCUREMENT));
  EXPECT_FALSE(Allowed("/vendormatch.v1.KeyService/ListApiKeys", v1::ROLE_PROCUREMENT));
}

TEST(PolicyTest, EveryRuleIsAFullMethodNameAndAppearsOnce) {
  std::set<std::string> seen;
  for (const MethodRule& rule : MethodPolicy()) {
    const std::string method = rule.method;
    EXPECT_TRUE(absl::StartsWith(method, "/vendormatch.v1.")) << method;
    EXPECT_EQ(std::count(method.begin(), method.end(), '/'), 2) << method;
    EXPECT_TRUE(seen.insert(method).second) << "twice: " << method;
    EXPECT_TRUE(rule.allowed & RoleBit(v1::ROLE_ADMIN)) << "admins may do everything: " << method;
  }
}

}  // namespace
}  // namespace vendormatch::auth
