// Migrations against a real PostgreSQL: applied once, even by replicas that
// start at the same moment.
#include "services/storage/migrations.h"

#include <gtest/gtest.h>

#include <thread>

#include "services/storage/database.h"
#include "tests/integration/test_env.h"

namespace vendormatch::testing {
namespace {

TEST(MigrationsTest, ReplicasStartingTogetherApplyEachMigrationOnce) {
  TestDatabase db;
  constexpr int kReplicas = 6;
  std::vector<absl::Status> results(kReplicas);
  std::vector<std::thread> replicas;
  for (int i = 0; i < kReplicas; ++i) {
    replicas.emplace_back([&, i] {
      Database database({.url = db.url(), .pool_size = 1});
      results[i] = database.WithConnection(
          [](pqxx::connection& connection) { return ApplyMigrations(connection); });
    });
  }
  for (auto& t : replicas) t.join();
  for (const auto& status : results) EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(db.Query("SELECT count(*) FROM schema_migrations"),
            std::to_string(Migrations().size()));
  EXPECT_EQ(db.Query("SELECT min(version) FROM schema_migrations"),
            std::to_string(Migrations().front().version));
}

TEST(MigrationsTest, VersionsAreNumberedUpwards) {
  int last = 0;
  for (const Migration& m : Migrations()) {
    EXPECT_GT(m.version, last) << m.name;
    last = m.version;
  }
}

TEST(MigrationsTest, UnreachableDatabaseIsUnavailable) {
  Database database(
      {.url = "postgresql:///nowhere?host=/nonexistent-socket-dir&port=1", .pool_size = 1});
  absl::Status status = database.Ping();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
}

}  // namespace
}  // namespace vendormatch::testing
