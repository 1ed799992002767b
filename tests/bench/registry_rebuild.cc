#include "tests/bench/registry_rebuild.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/matching/snapshot.h"
#include "services/storage/database.h"
#include "services/storage/migrations.h"
#include "services/storage/postgres_storage.h"
#include "services/storage/provider_store.h"
#include "tests/bench/bench_util.h"

namespace vendormatch::bench {
absl::StatusOr<RebuildStats> MeasureRebuild(const std::string& url, int64_t count,
                                            const GeneratorOptions& options) {
  RebuildStats stats;
  Database db(DatabaseOptions{url, 2, absl::Seconds(30)});
  VM_RETURN_IF_ERROR(db.WithConnection([](pqxx::connection& c) { return ApplyMigrations(c); }));

  const double store_start = Now();
  int64_t body_bytes = 0;
  VM_RETURN_IF_ERROR(db.WithConnection([&](pqxx::connection& c) {
    pqxx::work txn(c);
    ProviderWriter rows(txn);
    GenerateProviders(count, options, [&](int64_t, v1::Provider& p) {
      p.set_revision(1);
      p.mutable_create_time()->set_seconds(1767225600);  // 2026-01-01T00:00:00Z
      *p.mutable_update_time() = p.create_time();
      body_bytes += static_cast<int64_t>(p.ByteSizeLong());
      rows.Add(p);
      ++stats.providers;
    });
    rows.Complete();
    txn.commit();
    return absl::OkStatus();
  }));
  VM_RETURN_IF_ERROR(db.WithConnection([](pqxx::connection& c) {
    pqxx::nontransaction txn(c);
    txn.exec("VACUUM ANALYZE providers");
    return absl::OkStatus();
  }));
  stats.store_seconds = Now() - store_start;
  stats.body_bytes_mean =
      stats.providers > 0 ? static_cast<double>(body_bytes) / static_cast<double>(stats.providers)
                          : 0;

  const double rebuild_start = Now();
  VM_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot,
                      LoadSnapshot(*NewPgRegistryFeed(db)));
  stats.rebuild_seconds = Now() - rebuild_start;
  stats.loaded = static_cast<int64_t>(snapshot->size());
  return stats;
}

}  // namespace vendormatch::bench
