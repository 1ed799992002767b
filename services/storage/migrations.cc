#include "services/storage/migrations.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/storage/database.h"

namespace vendormatch {
namespace {

// Advisory lock key shared by every vendormatch replica ("vm-migr").
constexpr int64_t kMigrationLockKey = 0x766d2d6d69677200;

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version integer PRIMARY KEY,"
    "  name text NOT NULL,"
    "  applied_at timestamptz NOT NULL DEFAULT now())";

// Releases the session advisory lock however the migration run ends.
class AdvisoryLock {
 public:
  explicit AdvisoryLock(pqxx::connection& c) : connection_(c) {
    pqxx::nontransaction(connection_).exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
  }
  ~AdvisoryLock() {
    try {
      if (connection_.is_open()) {
        pqxx::nontransaction(connection_)
            .exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
      }
    } catch (...) {
      // The lock goes with the session when the connection closes.
    }
  }

 private:
  pqxx::connection& connection_;
};

}  // namespace

absl::StatusOr<std::vector<int>> AppliedMigrations(pqxx::connection& connection) {
  try {
    pqxx::nontransaction txn(connection);
    auto exists = txn.exec1("SELECT to_regclass('schema_migrations') IS NOT NULL");
    std::vector<int> versions;
    if (!exists[0].as<bool>()) return versions;
    for (const auto& row : txn.exec("SELECT version FROM schema_migrations ORDER BY version")) {
      versions.push_back(row[0].as<int>());
    }
    return versions;
  } catch (...) {
    return StatusFromCurrentException();
  }
}

absl::Status ApplyMigrations(pqxx::connection& connection) {
  try {
    AdvisoryLock lock(connection);
    pqxx::nontransaction(connection).exec(kCreateTable);
    std::set<int> applied;
    {
      pqxx::nontransaction txn(connection);
      for (const auto& row : txn.exec("SELECT version FROM schema_migrations")) {
        applied.insert(row[0].as<int>());
      }
    }
    for (const Migration& m : Migrations()) {
      if (applied.contains(m.version)) continue;
      try {
        pqxx::work txn(connection);
        txn.exec(m.sql);
        txn.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version,
                        std::string(m.name));
        txn.commit();
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception& e) {
        return absl::InternalError(absl::StrCat("migration ", m.name, " failed: ", e.what()));
      }
    }
    return absl::OkStatus();
  } catch (...) {
    return StatusFromCurrentException();
  }
}

}  // namespace vendormatch
