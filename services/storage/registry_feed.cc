// The registry change feed (migration 0003): every audit row carries the id
// of the transaction that wrote it. A read records what its snapshot could
// not see: the transactions numbered from its xmax on, and those still
// running below it (xip). The next read takes the audit rows of exactly
// those transactions — a change is read once, whatever order writers commit
// in and whatever else runs on the cluster (another database's transaction,
// a pg_dump, an idle session holding a snapshot).
#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/storage/database.h"
#include "services/storage/pg_transaction.h"
#include "services/storage/postgres_storage.h"
#include "services/storage/provider_store.h"

namespace vendormatch {
namespace {

using ReadTransaction =
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>;

constexpr char kPositionSql[] =
    "SELECT txid_snapshot_xmax(s), array_to_string(ARRAY(SELECT txid_snapshot_xip(s)), ','), "
    "(SELECT coalesce(max(id), 0) FROM audit_events) "
    "FROM (SELECT txid_current_snapshot() AS s) AS snap";

FeedPosition ReadPosition(ReadTransaction& txn) {
  const pqxx::row row = txn.exec1(kPositionSql);
  FeedPosition position;
  position.horizon = row[0].as<int64_t>();
  for (absl::string_view id : absl::StrSplit(row[1].as<std::string>(), ',', absl::SkipEmpty())) {
    int64_t txid = 0;
    if (absl::SimpleAtoi(id, &txid)) position.in_flight.push_back(txid);
  }
  position.revision = row[2].as<int64_t>();
  return position;
}

class PgRegistryFeed final : public RegistryFeed {
 public:
  explicit PgRegistryFeed(Database& db) : db_(db) {}

  absl::StatusOr<RegistryRead> ReadAll(
      const std::function<void(int64_t)>& expect,
      const std::function<absl::Status(const v1::Provider&)>& each) override {
    RegistryRead read;
    VM_RETURN_IF_ERROR(db_.WithConnection([&](pqxx::connection& connection) -> absl::Status {
      ReadTransaction txn(connection);
      read.position = ReadPosition(txn);
      expect(txn.exec1("SELECT count(*) FROM providers WHERE status = 'ACTIVE'")[0].as<int64_t>());
      // In batches through a cursor, so libpq never holds every body at once.
      txn.exec(
          "DECLARE registry_rows NO SCROLL CURSOR FOR "
          "SELECT body FROM providers WHERE status = 'ACTIVE' ORDER BY id");
      while (true) {
        const pqxx::result batch = txn.exec("FETCH 5000 FROM registry_rows");
        for (const auto& row : batch) VM_RETURN_IF_ERROR(each(ParseBytea<v1::Provider>(row[0])));
        if (batch.size() < 5000) break;
      }
      read.inactive = LoadInactiveStatuses(txn);
      txn.commit();
      return absl::OkStatus();
    }));
    return read;
  }

  absl::StatusOr<RegistryChanges> ReadChanges(const FeedPosition& since) override {
    RegistryChanges changes;
    VM_RETURN_IF_ERROR(db_.WithConnection([&](pqxx::connection& connection) -> absl::Status {
      ReadTransaction txn(connection);
      changes.position = ReadPosition(txn);
      const std::string in_flight = absl::StrCat("{", absl::StrJoin(since.in_flight, ","), "}");
      for (const auto& row :
           txn.exec_params("SELECT p.body FROM providers p WHERE p.id IN "
                           "(SELECT provider_id FROM audit_events "
                           " WHERE txid >= $1 OR txid = ANY($2::bigint[])) ORDER BY p.id",
                           since.horizon, in_flight)) {
        changes.changed.push_back(ParseBytea<v1::Provider>(row[0]));
      }
      txn.commit();
      return absl::OkStatus();
    }));
    return changes;
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<RegistryFeed> NewPgRegistryFeed(Database& db) {
  return std::make_unique<PgRegistryFeed>(db);
}

}  // namespace vendormatch
