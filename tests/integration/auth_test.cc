// Who may call: API keys, roles and the policy over every RPC the server
// serves, through a real channel against PostgreSQL.
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/auth/api_keys.h"
#include "services/auth/policy.h"
#include "services/storage/postgres_storage.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/key_service.grpc.pb.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

using google::protobuf::util::TimeUtil;

// Every method of every vendormatch.v1 service, "/vendormatch.v1.S/M",
// from the API's descriptor set (all .proto files under proto/).
std::vector<std::string> ApiMethods() {
  google::protobuf::FileDescriptorSet set;
  std::ifstream in(VM_DESCRIPTOR_SET, std::ios::binary);
  EXPECT_TRUE(set.ParseFromIstream(&in)) << VM_DESCRIPTOR_SET;
  std::vector<std::string> methods;
  for (const auto& file : set.file()) {
    if (file.package() != "vendormatch.v1") continue;
    for (const auto& service : file.service()) {
      for (const auto& method : service.method()) {
        methods.push_back(
            absl::StrCat("/", file.package(), ".", service.name(), "/", method.name()));
      }
    }
  }
  return methods;
}

// What the roles mean, independently of the policy table: readers read
// (Get/List) anything but keys; procurement also matches and asks the
// advisor; admins do everything.
bool ShouldAllow(const std::string& method, v1::Role role) {
  if (role == v1::ROLE_ADMIN) return true;
  const std::string name = method.substr(method.rfind('/') + 1);
  const bool keys = absl::StrContains(method, ".KeyService/");
  const bool read = !keys && (absl::StartsWith(name, "Get") || absl::StartsWith(name, "List"));
  if (role == v1::ROLE_READER) return read;
  return read || name == "MatchProviders" || name == "CompareProfiles" ||
         name == "RecommendServiceModel";
}

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer(db_.url());
    ASSERT_NE(server_, nullptr);
    keys_ = v1::KeyService::NewStub(ChannelTo(server_->port()));
  }

  // Creates a key as the test admin and returns its secret.
  std::string CreateKey(v1::Role role, const std::string& label,
                        std::optional<absl::Time> expire = std::nullopt,
                        v1::ApiKey* created = nullptr) {
    v1::CreateApiKeyRequest request;
    request.mutable_api_key()->set_role(role);
    request.mutable_api_key()->set_label(label);
    if (expire) {
      *request.mutable_api_key()->mutable_expire_time() =
          TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(*expire));
    }
    v1::CreateApiKeyResponse response;
    grpc::ClientContext context;
    grpc::Status status = keys_->CreateApiKey(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (created) *created = response.api_key();
    return response.secret();
  }

  // Calls `method` with an empty request and `key` (none when empty).
  static grpc::Status CallEmpty(int port, const std::string& method, const std::string& key) {
    grpc::GenericStub stub(ChannelTo(port, key));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    grpc::ByteBuffer request, response;
    grpc::Slice empty("");
    request = grpc::ByteBuffer(&empty, 1);
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) { done.set_value(std::move(s)); });
    return done.get_future().get();
  }

  grpc::Status ListPlugins(int port, const std::string& key) {
    auto stub = v1::MatchingService::NewStub(ChannelTo(port, key));
    grpc::ClientContext context;
    v1::ListPluginsResponse response;
    return stub->ListPlugins(&context, v1::ListPluginsRequest(), &response);
  }

  TestDatabase db_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::KeyService::Stub> keys_;
};

TEST_F(AuthTest, EveryMethodHasAPolicyAndNoPolicyNamesAMissingMethod) {
  const std::vector<std::string> methods = ApiMethods();
  ASSERT_GE(methods.size(), 21u);
  std::set<std::string> in_policy;
  for (const auto& rule : auth::MethodPolicy()) in_policy.insert(rule.method);
  for (const std::string& m : methods) {
    EXPECT_TRUE(in_policy.count(m)) << m << " has no entry in services/auth/policy.cc";
    in_policy.erase(m);
  }
  EXPECT_TRUE(in_policy.empty()) << "policy names methods the API lacks: " << *in_policy.begin();
}

TEST_F(AuthTest, RoleMatrixOverEveryMethod) {
  const std::map<v1::Role, std::string> keys = {
      {v1::ROLE_ADMIN, kTestAdminKey},
      {v1::ROLE_PROCUREMENT, CreateKey(v1::ROLE_PROCUREMENT, "portal")},
      {v1::ROLE_READER, CreateKey(v1::ROLE_READER, "auditor")}};
  const std::string unknown = "vmk_thisKeyWasNeverIssuedToAnyoneAtAll0000000";
  int checked = 0;
  for (const std::string& method : ApiMethods()) {
    SCOPED_TRACE(method);
    grpc::Status none = CallEmpty(server_->port(), method, "");
    EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED) << none.error_message();
    EXPECT_EQ(ExpectMachineReadable(none), "API_KEY_MISSING");
    grpc::Status bad = CallEmpty(server_->port(), method, unknown);
    EXPECT_EQ(bad.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(bad.error_message(), "API key not accepted");
    EXPECT_EQ(ExpectMachineReadable(bad), "API_KEY_INVALID");
    for (const auto& [role, key] : keys) {
      grpc::Status s = CallEmpty(server_->port(), method, key);
      if (ShouldAllow(method, role)) {
        EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << auth::RoleName(role) << ": " << s.error_message();
        EXPECT_NE(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << auth::RoleName(role);
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << auth::RoleName(role);
        EXPECT_EQ(ExpectMachineReadable(s), "ROLE_NOT_ALLOWED");
        EXPECT_EQ(s.error_message(),
                  absl::StrCat("role ", auth::RoleName(role), " may not call ", method.substr(1)));
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(ApiMethods().size()) * 3);
}

TEST_F(AuthTest, HealthIsOpen) {
  auto health = grpc::health::v1::Health::NewStub(ChannelTo(server_->port(), ""));
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, {}, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(AuthTest, ReflectionIsOpenOrClosedByConfiguration) {
  const std::string method = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
  EXPECT_NE(CallEmpty(server_->port(), method, "").error_code(), grpc::StatusCode::UNIMPLEMENTED);
  ServerOptions options = TestServerOptions(db_.url());
  options.auth.reflection = false;
  auto closed = StartServerWith(options);
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(CallEmpty(closed->port(), method, kTestAdminKey).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  // Other servers of the process keep theirs.
  EXPECT_NE(CallEmpty(server_->port(), method, "").error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

// The plugins' server paths are for admins; others see the plugins only.
TEST_F(AuthTest, PluginFilesAreShownToAdminsOnly) {
  for (const auto& [role, key] : std::vector<std::pair<v1::Role, std::string>>{
           {v1::ROLE_ADMIN, kTestAdminKey},
           {v1::ROLE_PROCUREMENT, CreateKey(v1::ROLE_PROCUREMENT, "portal")},
           {v1::ROLE_READER, CreateKey(v1::ROLE_READER, "auditor")}}) {
    auto stub = v1::MatchingService::NewStub(ChannelTo(server_->port(), key));
    grpc::ClientContext context;
    v1::ListPluginsResponse response;
    ASSERT_TRUE(stub->ListPlugins(&context, {}, &response).ok());
    ASSERT_GT(response.plugins_size(), 0);
    for (const auto& plugin : response.plugins()) {
      EXPECT_EQ(plugin.file().empty(), role != v1::ROLE_ADMIN)
          << auth::RoleName(role) << " " << plugin.name() << ": \"" << plugin.file() << "\"";
    }
  }
}

TEST_F(AuthTest, MalformedHeaderIsUnauthenticated) {
  auto stub = v1::MatchingService::NewStub(ChannelTo(server_->port(), ""));
  grpc::ClientContext context;
  context.AddMetadata("authorization", std::string("Basic ") + kTestAdminKey);
  v1::ListPluginsResponse response;
  grpc::Status s = stub->ListPlugins(&context, {}, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "Bearer")) << s.error_message();
}

TEST_F(AuthTest, SecretsAreStoredOnlyAsHashes) {
  v1::ApiKey created;
  const std::string secret = CreateKey(v1::ROLE_READER, "dashboards", std::nullopt, &created);
  ASSERT_TRUE(absl::StartsWith(secret, "vmk_")) << secret;
  EXPECT_EQ(secret.size(), 4u + 43u);
  const std::string id = created.name().substr(std::string("apiKeys/").size());
  EXPECT_EQ(db_.Query(absl::StrCat("SELECT count(*) FROM api_keys WHERE secret_sha256 = "
                                   "sha256('",
                                   secret, "'::bytea) AND id = '", id, "'")),
            "1");
  EXPECT_EQ(db_.Query(absl::StrCat("SELECT count(*) FROM api_keys WHERE "
                                   "position('",
                                   secret,
                                   "' in encode(secret_sha256, 'escape')) > 0 "
                                   "OR label = '",
                                   secret, "'")),
            "0");
  EXPECT_EQ(created.role(), v1::ROLE_READER);
  EXPECT_EQ(created.label(), "dashboards");
  EXPECT_EQ(created.creator(), "bootstrap");
  EXPECT_TRUE(created.has_create_time());
  EXPECT_FALSE(created.has_expire_time());

  v1::ListApiKeysResponse list;
  grpc::ClientContext context;
  ASSERT_TRUE(keys_->ListApiKeys(&context, {}, &list).ok());
  ASSERT_EQ(list.api_keys_size(), 2);
  EXPECT_EQ(list.api_keys(0).name(), "apiKeys/bootstrap");
  EXPECT_EQ(list.api_keys(0).role(), v1::ROLE_ADMIN);
  EXPECT_EQ(list.api_keys(1).name(), created.name());
  EXPECT_EQ(list.DebugString().find(secret), std::string::npos);
}

TEST_F(AuthTest, BadKeyRequestsNameTheField) {
  v1::CreateApiKeyRequest request;
  request.mutable_api_key()->mutable_expire_time()->set_seconds(1);
  v1::CreateApiKeyResponse response;
  grpc::ClientContext context;
  grpc::Status s = keys_->CreateApiKey(&context, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"api_key.role", "api_key.label", "api_key.expire_time"}) {
    EXPECT_TRUE(absl::StrContains(s.error_message(), field)) << s.error_message();
  }
  grpc::ClientContext revoke_context;
  v1::RevokeApiKeyRequest revoke;
  revoke.set_name("apiKeys/nope");
  v1::RevokeApiKeyResponse revoked;
  EXPECT_EQ(keys_->RevokeApiKey(&revoke_context, revoke, &revoked).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(AuthTest, ExpiredKeysStopWorking) {
  const absl::Time expire = absl::Now() + absl::Seconds(2);
  const std::string secret = CreateKey(v1::ROLE_READER, "short-lived", expire);
  EXPECT_TRUE(ListPlugins(server_->port(), secret).ok());
  absl::SleepFor(expire - absl::Now() + absl::Milliseconds(50));
  grpc::Status s = ListPlugins(server_->port(), secret);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(s.error_message(), "API key not accepted");  // as for a key never issued
}

TEST_F(AuthTest, RevokedKeysStopWorkingOnEveryReplica) {
  auto replica = StartServer(db_.url());
  ASSERT_NE(replica, nullptr);
  v1::ApiKey created;
  const std::string secret = CreateKey(v1::ROLE_PROCUREMENT, "portal", std::nullopt, &created);
  // The replica learns of the new key by notification.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!ListPlugins(replica->port(), secret).ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_TRUE(ListPlugins(replica->port(), secret).ok());

  v1::RevokeApiKeyRequest request;
  request.set_name(created.name());
  v1::RevokeApiKeyResponse response;
  grpc::ClientContext context;
  const absl::Time revoked_at = absl::Now();
  ASSERT_TRUE(keys_->RevokeApiKey(&context, request, &response).ok());
  EXPECT_TRUE(response.api_key().has_revoke_time());
  EXPECT_EQ(response.api_key().revoker(), "bootstrap");
  // On the replica that revoked it: at once.
  EXPECT_EQ(ListPlugins(server_->port(), secret).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // On the other: as soon as the notification arrives.
  while (ListPlugins(replica->port(), secret).ok() &&
         absl::Now() < revoked_at + absl::Seconds(10)) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  EXPECT_EQ(ListPlugins(replica->port(), secret).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  std::cout << "revocation reached the other replica after "
            << absl::FormatDuration(absl::Now() - revoked_at) << "\n";
}

TEST_F(AuthTest, TheLastAdminKeyCannotBeRevoked) {
  v1::RevokeApiKeyRequest request;
  request.set_name("apiKeys/bootstrap");
  v1::RevokeApiKeyResponse response;
  grpc::ClientContext context;
  grpc::Status s = keys_->RevokeApiKey(&context, request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  // With a second admin key, the first one can go, and stops working.
  const std::string second = CreateKey(v1::ROLE_ADMIN, "second admin");
  auto as_second = v1::KeyService::NewStub(ChannelTo(server_->port(), second));
  grpc::ClientContext context2;
  ASSERT_TRUE(as_second->RevokeApiKey(&context2, request, &response).ok());
  EXPECT_NE(response.api_key().revoker(), "bootstrap");
  EXPECT_EQ(ListPlugins(server_->port(), kTestAdminKey).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthTest, TheBootstrapKeyIsUsedOnlyWhileNoAdminKeyExists) {
  // A restart with another bootstrap secret adds nothing: an admin exists.
  const std::string other = "another-bootstrap-secret-0123456789";
  PostgresStorage db(DatabaseOptions{db_.url()});
  auto result = auth::BootstrapAdminKey(db, other, "admin_key");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(*result);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM api_keys"), "1");
  auto short_secret = auth::BootstrapAdminKey(db, "short", "admin_key");
  EXPECT_EQ(short_secret.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(short_secret.status().ToString(), "admin_key"));
}

TEST_F(AuthTest, AuditTrailRecordsTheKeyOfEveryChange) {
  v1::ApiKey second_admin;
  const std::string secret =
      CreateKey(v1::ROLE_ADMIN, "registry admin", std::nullopt, &second_admin);
  const std::string key_id = second_admin.name().substr(std::string("apiKeys/").size());
  auto registry = v1::RegistryService::NewStub(ChannelTo(server_->port(), secret));
  v1::CreateProviderRequest create;
  *create.mutable_provider() = ValidProvider("keyed");
  v1::CreateProviderResponse created;
  grpc::ClientContext context;
  ASSERT_TRUE(registry->CreateProvider(&context, create, &created).ok());
  v1::ListAuditEventsRequest list;
  list.set_parent("providers/keyed");
  v1::ListAuditEventsResponse events;
  grpc::ClientContext list_context;
  ASSERT_TRUE(registry->ListAuditEvents(&list_context, list, &events).ok());
  ASSERT_EQ(events.audit_events_size(), 1);
  EXPECT_EQ(events.audit_events(0).key_id(), key_id);

  auto matching = v1::MatchingService::NewStub(ChannelTo(server_->port(), secret));
  v1::CreateProfileRequest profile;
  profile.set_profile_id("keyed");
  profile.mutable_profile()->set_display_name("Keyed");
  auto* services = profile.mutable_profile()->add_plugins();
  services->set_plugin("services");
  services->set_filter_enabled(true);
  services->set_score_enabled(true);
  services->set_weight(1);
  v1::CreateProfileResponse profile_created;
  grpc::ClientContext profile_context;
  grpc::Status s = matching->CreateProfile(&profile_context, profile, &profile_created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(db_.Query("SELECT key_id FROM profile_audit_events WHERE profile_id = 'keyed'"),
            key_id);
}

}  // namespace
}  // namespace vendormatch::testing
