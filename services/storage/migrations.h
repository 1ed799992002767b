// Versioned schema migrations, compiled in from services/storage/migrations/.
#pragma once

#include <pqxx/pqxx>
#include <span>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vendormatch {

// One migration file: NNNN_name.sql, applied once in version order.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Every migration, ascending by version.
std::span<const Migration> Migrations();

// Applies every migration not yet recorded in table schema_migrations, each
// in its own transaction together with its record. Holds a PostgreSQL
// session advisory lock meanwhile, so replicas starting at once apply each
// migration exactly once (the others wait, then find nothing to do).
// `connection` must be open and not inside a transaction; it is used from
// this thread only. Errors: UNAVAILABLE when the database cannot be reached,
// INTERNAL naming the migration whose SQL failed (nothing of it is applied).
absl::Status ApplyMigrations(pqxx::connection& connection);

// Versions recorded as applied, ascending. Errors as for ApplyMigrations.
absl::StatusOr<std::vector<int>> AppliedMigrations(pqxx::connection& connection);

}  // namespace vendormatch
