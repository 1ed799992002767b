// The snapshot's change feed against a real PostgreSQL: incremental refresh
// gives what a full rebuild gives, including a change whose transaction
// started before, and committed after, a newer one; a refresh reads only
// what is new, whatever other transactions stay open on the cluster.
#include <gtest/gtest.h>

#include "absl/strings/str_replace.h"
#include "services/matching/snapshot.h"
#include "services/storage/database.h"
#include "services/storage/migrations.h"
#include "services/storage/postgres_storage.h"
#include "services/storage/provider_store.h"
#include "tests/integration/test_env.h"
#include "tests/unit/matching_fixtures.h"

namespace vendormatch::testing {
namespace {

void Write(pqxx::work& txn, v1::Provider p, bool insert) {
  const std::string id = ProviderId(p);
  p.set_revision(insert ? 1 : p.revision() + 1);
  p.set_etag(absl::StrCat(p.revision()));
  if (insert) {
    InsertProvider(txn, p);
  } else {
    ASSERT_TRUE(ReplaceProvider(txn, p, p.revision() - 1));
  }
  InsertAuditEvent(
      txn, AuditRecord{id,
                       CallContext{"test", ""},
                       insert ? v1::AuditEvent::ACTION_CREATE : v1::AuditEvent::ACTION_UPDATE,
                       p.revision() - 1,
                       p.revision(),
                       {"display_name"},
                       "",
                       ""});
}

class SnapshotRefreshTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        database_.WithConnection([](pqxx::connection& c) { return ApplyMigrations(c); }).ok());
    registry_ = Generate(300, 21, 0.9);
    ASSERT_TRUE(database_
                    .InTransaction([&](pqxx::work& txn) {
                      for (auto& p : registry_) {
                        Write(txn, p, true);
                        p.set_revision(1);
                      }
                      return absl::OkStatus();
                    })
                    .ok());
  }

  // A change to provider i, committed at once.
  void Change(size_t i, const std::string& name) {
    registry_[i].set_display_name(name);
    ASSERT_TRUE(database_
                    .InTransaction([&](pqxx::work& txn) {
                      Write(txn, registry_[i], false);
                      return absl::OkStatus();
                    })
                    .ok());
    registry_[i].set_revision(registry_[i].revision() + 1);
  }

  void ExpectSameAsFullRebuild(const Snapshot& incremental) {
    auto full = LoadSnapshot(*feed_, incremental.dictionary);
    ASSERT_TRUE(full.ok()) << full.status();
    EXPECT_EQ(incremental.revision, (*full)->revision);
    EXPECT_EQ(Contents(incremental), Contents(**full));
  }

  TestDatabase db_;
  Database database_{{.url = db_.url(), .pool_size = 2}};
  std::unique_ptr<RegistryFeed> feed_ = NewPgRegistryFeed(database_);
  std::vector<v1::Provider> registry_;
};

TEST_F(SnapshotRefreshTest, RefreshAppliesChangesLikeAFullRebuild) {
  auto base = LoadSnapshot(*feed_);
  ASSERT_TRUE(base.ok()) << base.status();
  std::shared_ptr<const Snapshot> current = *base;
  auto same = RefreshSnapshot(*feed_, current);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, current);  // nothing changed: the same snapshot

  Change(3, "Renamed three");
  registry_[4].set_status(v1::Provider::STATUS_SUSPENDED);
  Change(4, "Suspended four");
  auto next = RefreshSnapshot(*feed_, current);
  ASSERT_TRUE(next.ok()) << next.status();
  current = *next;
  EXPECT_EQ(current->segments.size(), 2u);
  EXPECT_EQ(current->Find(ProviderId(registry_[3]))->display_name(), "Renamed three");
  EXPECT_EQ(current->Find(ProviderId(registry_[4])), nullptr);
  ExpectSameAsFullRebuild(*current);
}

TEST_F(SnapshotRefreshTest, ALateCommitOfAnOlderTransactionIsNotMissed) {
  auto base = LoadSnapshot(*feed_);
  ASSERT_TRUE(base.ok());
  std::shared_ptr<const Snapshot> current = *base;
  // Transaction A writes first (its audit row takes the lower id) but
  // commits last.
  pqxx::connection slow(db_.url());
  pqxx::work a(slow);
  registry_[10].set_display_name("Written by the slow transaction");
  Write(a, registry_[10], false);
  Change(11, "Committed first");
  auto after_b = RefreshSnapshot(*feed_, current);
  ASSERT_TRUE(after_b.ok());
  current = *after_b;
  EXPECT_EQ(current->Find(ProviderId(registry_[11]))->display_name(), "Committed first");
  EXPECT_NE(current->Find(ProviderId(registry_[10]))->display_name(),
            "Written by the slow transaction");
  a.commit();
  auto after_a = RefreshSnapshot(*feed_, current);
  ASSERT_TRUE(after_a.ok());
  current = *after_a;
  EXPECT_EQ(current->Find(ProviderId(registry_[10]))->display_name(),
            "Written by the slow transaction");
  ExpectSameAsFullRebuild(*current);
}

// A transaction left open elsewhere on the cluster (another database's, an
// idle-in-transaction session here) holds back the cluster's oldest running
// transaction; the feed must still read each change once.
TEST_F(SnapshotRefreshTest, OpenTransactionsElsewhereDoNotMakeARefreshRereadOldChanges) {
  pqxx::connection here(db_.url());
  pqxx::work idle_here(here);
  idle_here.exec("SELECT txid_current()");  // takes a transaction id and stays open
  pqxx::connection elsewhere(absl::StrReplaceAll(db_.url(), {{db_.name(), "postgres"}}));
  pqxx::work idle_elsewhere(elsewhere);
  idle_elsewhere.exec("SELECT txid_current()");

  auto base = LoadSnapshot(*feed_);
  ASSERT_TRUE(base.ok()) << base.status();
  std::shared_ptr<const Snapshot> current = *base;
  for (int round = 0; round < 5; ++round) {
    Change(20 + round, absl::StrCat("Round ", round));
    auto changes = feed_->ReadChanges(current->position);
    ASSERT_TRUE(changes.ok()) << changes.status();
    ASSERT_EQ(changes->changed.size(), 1u) << "round " << round;
    EXPECT_EQ(changes->changed[0].display_name(), absl::StrCat("Round ", round));
    auto next = RefreshSnapshot(*feed_, current);
    ASSERT_TRUE(next.ok()) << next.status();
    ASSERT_NE(*next, current);
    current = *next;
    auto same = RefreshSnapshot(*feed_, current);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(*same, current) << "round " << round << ": nothing changed, yet a new snapshot";
  }
  // Only the five changes were applied: the base segment is still shared.
  EXPECT_EQ(current->segments.front().segment, (*base)->segments.front().segment);
  EXPECT_EQ(current->size(), (*base)->size());
  ExpectSameAsFullRebuild(*current);
}

}  // namespace
}  // namespace vendormatch::testing
