// The snapshot built and kept current from a change feed, without a
// database: the registry writes through MemoryStorage, the snapshot reads its
// feed. (integration/SnapshotRefreshTest runs the same against PostgreSQL.)
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/domain/names.h"
#include "services/matching/snapshot.h"
#include "services/matching/snapshot_keeper.h"
#include "services/registry/registry.h"
#include "services/storage/memory_storage.h"
#include "tests/unit/matching_fixtures.h"

namespace vendormatch::testing {
namespace {

using v1::Provider;

class SnapshotFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    v1::ImportProvidersRequest request;
    for (Provider p : Generate(200, 11, 0.8)) {
      p.clear_revision();
      p.clear_etag();
      *request.add_providers() = std::move(p);
    }
    auto imported = registry_.Import(request, by_);
    ASSERT_TRUE(imported.ok()) << imported.status();
    names_.assign(imported->names().begin(), imported->names().end());
  }

  void Rename(int i, const std::string& display_name) {
    v1::UpdateProviderRequest update;
    update.mutable_provider()->set_name(names_.at(i));
    update.mutable_provider()->set_display_name(display_name);
    update.mutable_update_mask()->add_paths("display_name");
    ASSERT_TRUE(registry_.Update(update, by_).ok());
  }

  Provider Get(int i) {
    v1::GetProviderRequest get;
    get.set_name(names_.at(i));
    return registry_.Get(get).value();
  }

  void ExpectSameAsFullRebuild(const Snapshot& incremental) {
    auto full = LoadSnapshot(storage_.feed(), incremental.dictionary);
    ASSERT_TRUE(full.ok()) << full.status();
    EXPECT_EQ(incremental.revision, (*full)->revision);
    EXPECT_EQ(Contents(incremental), Contents(**full));
    EXPECT_EQ(*incremental.inactive, *(*full)->inactive);
  }

  MemoryStorage storage_;
  Registry registry_{storage_, RegistryLimits{}};
  CallContext by_{"tester", ""};
  std::vector<std::string> names_;
};

TEST_F(SnapshotFeedTest, ARefreshAppliesExactlyWhatChanged) {
  auto base = LoadSnapshot(storage_.feed());
  ASSERT_TRUE(base.ok()) << base.status();
  std::shared_ptr<const Snapshot> current = *base;
  auto same = RefreshSnapshot(storage_.feed(), current);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, current);

  // One active provider to rename and suspend, one pending or suspended
  // one to activate.
  int active = -1, other = -1;
  for (int i = 0; i < static_cast<int>(names_.size()); ++i) {
    const Provider::Status status = Get(i).status();
    if (status == Provider::STATUS_ACTIVE && active < 0) active = i;
    if ((status == Provider::STATUS_PENDING || status == Provider::STATUS_SUSPENDED) && other < 0) {
      other = i;
    }
  }
  ASSERT_GE(active, 0);
  ASSERT_GE(other, 0);
  Rename(active, "Renamed");
  v1::SuspendProviderRequest suspend;
  suspend.set_name(names_[active]);
  ASSERT_TRUE(registry_.Suspend(suspend, by_).ok());
  v1::ActivateProviderRequest activate;
  activate.set_name(names_[other]);
  ASSERT_TRUE(registry_.Activate(activate, by_).ok());

  auto changes = storage_.feed().ReadChanges(current->position);
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->changed.size(), 2u);
  auto next = RefreshSnapshot(storage_.feed(), current);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_NE(*next, current);
  current = *next;
  const std::string suspended_id = ProviderId(Get(active));
  EXPECT_EQ(current->Find(suspended_id), nullptr);
  EXPECT_EQ(current->StatusOf(suspended_id), Provider::STATUS_SUSPENDED);
  EXPECT_NE(current->Find(ProviderId(Get(other))), nullptr);
  ExpectSameAsFullRebuild(*current);

  auto after = RefreshSnapshot(storage_.feed(), current);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, current) << "nothing changed since, yet a new snapshot";
}

TEST_F(SnapshotFeedTest, TheKeeperFollowsTheFeed) {
  SnapshotKeeper keeper(storage_.feed(), absl::Hours(1));
  EXPECT_EQ(keeper.current(), nullptr);
  ASSERT_TRUE(keeper.Update().ok());  // no snapshot yet: a full load
  const auto first = keeper.current();
  ASSERT_NE(first, nullptr);
  EXPECT_GT(keeper.revision(), 0);
  ASSERT_TRUE(keeper.Update().ok());
  EXPECT_EQ(keeper.current(), first);  // nothing new

  for (int i = 0; i < 10; ++i) Rename(i, absl::StrCat("Renamed ", i));
  ASSERT_TRUE(keeper.Update().ok());
  ASSERT_NE(keeper.current(), first);
  EXPECT_GT(keeper.revision(), first->revision);
  EXPECT_EQ(keeper.current()->segments.size(), 2u);
  ExpectSameAsFullRebuild(*keeper.current());
}

}  // namespace
}  // namespace vendormatch::testing
