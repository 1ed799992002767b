#include "tests/bench/registry_rebuild.h"

#include <algorithm>
#include <pqxx/pqxx>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/matching/snapshot.h"
#include "services/storage/database.h"
#include "services/storage/migrations.h"
#include "services/storage/provider_store.h"
#include "tests/bench/bench_util.h"

namespace vendormatch::bench {
namespace {

std::string SortedArray(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return ToPgArray(values);
}

// The row InsertProvider writes, as COPY fields: the filter columns are
// derived from the record the way the provider store derives them.
auto RowOf(const v1::Provider& p, const std::string& body_hex) {
  std::vector<std::string> models, countries, certs, languages, delivery;
  for (int m : p.service_models()) models.push_back(ServiceModelName(v1::ServiceModel(m)));
  for (const auto& c : p.delivery_centers()) countries.push_back(c.country_code());
  for (const auto& c : p.certifications()) certs.push_back(c.code());
  for (const auto& tag : p.languages()) {
    std::string lower = absl::AsciiStrToLower(tag);
    languages.push_back(lower.substr(0, lower.find('-')));
    languages.push_back(lower);
  }
  for (int d : p.declared_delivery_models()) {
    delivery.push_back(DeliveryModelName(v1::DeliveryModel(d)));
  }
  return std::make_tuple(ProviderId(p), p.display_name(), StatusName(p.status()),
                         p.headquarters_country(), SortedArray(models),
                         SortedArray({p.services().begin(), p.services().end()}),
                         SortedArray(countries), SortedArray(certs), SortedArray(languages),
                         SortedArray({p.industries().begin(), p.industries().end()}),
                         SortedArray(delivery), p.revision(), std::string("2026-01-01T00:00:00Z"),
                         std::string("2026-01-01T00:00:00Z"), body_hex);
}

}  // namespace

absl::StatusOr<RebuildStats> MeasureRebuild(const std::string& url, int64_t count,
                                            const GeneratorOptions& options) {
  RebuildStats stats;
  Database db(DatabaseOptions{url, 2, absl::Seconds(30)});
  VM_RETURN_IF_ERROR(db.WithConnection([](pqxx::connection& c) { return ApplyMigrations(c); }));

  const double store_start = Now();
  int64_t body_bytes = 0;
  VM_RETURN_IF_ERROR(db.WithConnection([&](pqxx::connection& c) {
    pqxx::work txn(c);
    pqxx::stream_to rows(
        txn, "providers",
        std::vector<std::string>{"id", "display_name", "status", "headquarters_country",
                                 "service_models", "services", "delivery_countries",
                                 "certifications", "languages", "industries", "delivery_models",
                                 "revision", "create_time", "update_time", "body"});
    std::string body, hex;
    GenerateProviders(count, options, [&](int64_t, v1::Provider& p) {
      p.set_revision(1);
      p.mutable_create_time()->set_seconds(1767225600);  // 2026-01-01T00:00:00Z
      *p.mutable_update_time() = p.create_time();
      body.clear();
      p.SerializeToString(&body);
      body_bytes += static_cast<int64_t>(body.size());
      hex = "\\x" + absl::BytesToHexString(body);
      rows << RowOf(p, hex);
      ++stats.providers;
    });
    rows.complete();
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
  VM_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, LoadSnapshot(db));
  stats.rebuild_seconds = Now() - rebuild_start;
  stats.loaded = static_cast<int64_t>(snapshot->size());
  return stats;
}

}  // namespace vendormatch::bench
