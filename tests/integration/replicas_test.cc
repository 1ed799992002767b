// Several replicas as one: three vendormatch-server processes over one
// PostgreSQL database. They start together (migrations apply exactly once,
// one first admin key), and a change made through one replica reaches the
// matches of the others.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/storage/migrations.h"
#include "tests/integration/server_process.h"
#include "tests/integration/test_env.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch::testing {
namespace {

constexpr int kReplicas = 3;

class ReplicasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // All three at once, over a database nobody has migrated yet.
    for (int i = 0; i < kReplicas; ++i) {
      processes_.push_back(std::make_unique<ServerProcess>(
          std::vector<std::string>{
              VM_SERVER_BINARY, "--listen=127.0.0.1:0", absl::StrCat("--database_url=", db_.url()),
              absl::StrCat("--plugin_dir=", VM_TEST_PLUGIN_DIR), "--log_format=text"},
          std::vector<std::string>{absl::StrCat("VENDORMATCH_ADMIN_KEY=", kTestAdminKey)}));
    }
    for (auto& process : processes_) {
      const int port = process->WaitForPort(absl::Seconds(60));
      ASSERT_GT(port, 0) << process->output();
      registry_.push_back(RegistryStub(port));
      matching_.push_back(v1::MatchingService::NewStub(ChannelTo(port)));
    }
  }

  // Matches on replica `r` for customer support, every eligible provider.
  v1::MatchProvidersResponse Match(int r) {
    v1::MatchProvidersRequest request;
    *request.mutable_requirement() = UsClient({"CUSTOMER_SUPPORT"});
    request.set_top_k(100);
    v1::MatchProvidersResponse response;
    grpc::ClientContext context;
    grpc::Status status = matching_[r]->MatchProviders(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Waits until `holds` is true of a match on every replica but the first.
  void ExpectOnTheOthers(const std::string& what,
                         const std::function<bool(const v1::MatchProvidersResponse&)>& holds) {
    for (int r = 1; r < kReplicas; ++r) {
      const absl::Time deadline = absl::Now() + absl::Seconds(10);
      bool seen = false;
      while (!(seen = holds(Match(r))) && absl::Now() < deadline) {
        absl::SleepFor(absl::Milliseconds(5));
      }
      EXPECT_TRUE(seen) << what << " did not reach replica " << r;
    }
  }

  static const v1::ProviderMatch* Find(const v1::MatchProvidersResponse& r,
                                       const std::string& name) {
    for (const auto& m : r.matches()) {
      if (m.provider() == name) return &m;
    }
    return nullptr;
  }

  // Edits profile cost_first through replica 0; its new revision into
  // `revision`.
  void EditCostFirstOnTheFirst(int64_t* revision) {
    v1::GetProfileRequest get;
    get.set_name("profiles/cost_first");
    v1::GetProfileResponse current;
    grpc::ClientContext c4;
    ASSERT_TRUE(matching_[0]->GetProfile(&c4, get, &current).ok());
    v1::UpdateProfileRequest edit;
    *edit.mutable_profile() = current.profile();
    edit.mutable_profile()->set_description("Edited on replica 0");
    edit.mutable_update_mask()->add_paths("description");
    v1::UpdateProfileResponse edited;
    grpc::ClientContext c5;
    ASSERT_TRUE(matching_[0]->UpdateProfile(&c5, edit, &edited).ok());
    *revision = edited.profile().revision();
  }

  // Matches on the others run `revision` of cost_first (GetProfile reads the
  // database; matches use each replica's compiled profiles).
  void ExpectCostFirstRevisionOnTheOthers(int64_t revision) {
    for (int r = 1; r < kReplicas; ++r) {
      const absl::Time deadline = absl::Now() + absl::Seconds(10);
      int64_t seen = 0;
      do {
        v1::MatchProvidersRequest request;
        *request.mutable_requirement() = UsClient({"CUSTOMER_SUPPORT"});
        request.set_profile("profiles/cost_first");
        v1::MatchProvidersResponse response;
        grpc::ClientContext c;
        ASSERT_TRUE(matching_[r]->MatchProviders(&c, request, &response).ok());
        seen = response.profile_revision();
        if (seen != revision) absl::SleepFor(absl::Milliseconds(5));
      } while (seen != revision && absl::Now() < deadline);
      EXPECT_EQ(seen, revision) << "replica " << r;
    }
  }

  TestDatabase db_;
  std::vector<std::unique_ptr<ServerProcess>> processes_;
  std::vector<std::unique_ptr<v1::RegistryService::Stub>> registry_;
  std::vector<std::unique_ptr<v1::MatchingService::Stub>> matching_;
};

TEST_F(ReplicasTest, StartingTogetherTheyMigrateOnceAndStoreOneFirstAdminKey) {
  std::string versions;
  for (const Migration& m : Migrations())
    absl::StrAppend(&versions, versions.empty() ? "" : ",", m.version);
  EXPECT_EQ(db_.Query("SELECT string_agg(version::text, ',' ORDER BY version) "
                      "FROM schema_migrations"),
            versions);
  EXPECT_EQ(db_.Query("SELECT count(*) FROM schema_migrations"), absl::StrCat(Migrations().size()));
  EXPECT_EQ(db_.Query("SELECT count(*) FROM api_keys WHERE role = 'admin'"), "1");
  EXPECT_EQ(db_.Query("SELECT count(*) FROM profiles"), "3");
}

TEST_F(ReplicasTest, ChangesThroughOneReplicaReachTheOthersMatches) {
  // Register through replica 0.
  v1::CreateProviderRequest create;
  *create.mutable_provider() = ValidProvider("shared");
  create.mutable_provider()->set_status(v1::Provider::STATUS_ACTIVE);
  v1::CreateProviderResponse created;
  grpc::ClientContext c1;
  ASSERT_TRUE(registry_[0]->CreateProvider(&c1, create, &created).ok());
  ExpectOnTheOthers("the new provider", [](const v1::MatchProvidersResponse& r) {
    return Find(r, "providers/shared") != nullptr;
  });

  // Edit it through replica 0.
  v1::UpdateProviderRequest update;
  *update.mutable_provider() = created.provider();
  update.mutable_provider()->set_display_name("Shared Services Renamed");
  update.mutable_update_mask()->add_paths("display_name");
  v1::UpdateProviderResponse updated;
  grpc::ClientContext c2;
  ASSERT_TRUE(registry_[0]->UpdateProvider(&c2, update, &updated).ok());
  ExpectOnTheOthers("the new display name", [](const v1::MatchProvidersResponse& r) {
    const v1::ProviderMatch* m = Find(r, "providers/shared");
    return m != nullptr && m->display_name() == "Shared Services Renamed";
  });

  // Suspend it through replica 0: gone from the others' matches.
  v1::SuspendProviderRequest suspend;
  suspend.set_name("providers/shared");
  v1::SuspendProviderResponse suspended;
  grpc::ClientContext c3;
  ASSERT_TRUE(registry_[0]->SuspendProvider(&c3, suspend, &suspended).ok());
  ExpectOnTheOthers("the suspension", [](const v1::MatchProvidersResponse& r) {
    return Find(r, "providers/shared") == nullptr && r.candidates_considered() == 0;
  });

  // A profile edit through replica 0 reaches the others too.
  int64_t revision = 0;
  ASSERT_NO_FATAL_FAILURE(EditCostFirstOnTheFirst(&revision));
  ASSERT_NO_FATAL_FAILURE(ExpectCostFirstRevisionOnTheOthers(revision));
}

}  // namespace
}  // namespace vendormatch::testing
