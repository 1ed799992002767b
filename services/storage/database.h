// A bounded pool of PostgreSQL connections and the transaction runner every
// store uses. The only place that turns libpqxx exceptions into absl::Status.
#pragma once

#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace vendormatch {

struct DatabaseOptions {
  // libpq connection string or URL ("postgresql://user@host:5432/db",
  // "host=/tmp/sock port=5432 dbname=x").
  std::string url;
  // Connections opened at most; callers wait for a free one beyond that.
  int pool_size = 8;
  // How long Acquire waits for a free connection before UNAVAILABLE.
  absl::Duration acquire_timeout = absl::Seconds(5);
};

// What the pool is doing, for metrics. A consistent copy.
struct PoolStats {
  int size = 0;                    // pool_size
  int open = 0;                    // connections open (idle + in use)
  int in_use = 0;                  // leased to a caller now
  int64_t acquire_timeouts = 0;    // Acquire gave up: all connections busy
  int64_t connect_failures = 0;    // opening a connection failed
  int64_t broken_connections = 0;  // a connection found broken and dropped
};

// Thread-safe pool. Connections open lazily and are replaced when broken.
class Database {
 public:
  explicit Database(DatabaseOptions options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens one connection now to check that the database is reachable.
  // Errors: UNAVAILABLE with the libpq message (the password is never shown).
  absl::Status Ping();

  // Runs `body` in a read-write transaction on a pooled connection and
  // commits when it returns OK; any error or exception rolls everything back.
  // libpqxx exceptions become: broken connection -> UNAVAILABLE,
  // serialization failure / deadlock -> ABORTED, unique violation ->
  // ALREADY_EXISTS, query canceled -> DEADLINE_EXCEEDED, anything else ->
  // INTERNAL with the SQLSTATE. Safe to call from many threads at once.
  absl::Status InTransaction(const std::function<absl::Status(pqxx::work&)>& body);

  // Runs `body` with a pooled connection outside any transaction (for
  // migrations and other session-level work). Errors as InTransaction.
  absl::Status WithConnection(const std::function<absl::Status(pqxx::connection&)>& body);

  const DatabaseOptions& options() const { return options_; }

  // A snapshot of the pool's counters. Thread-safe.
  PoolStats stats() const;

 private:
  class Lease;
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Acquire();
  void Release(std::unique_ptr<pqxx::connection> connection);

  const DatabaseOptions options_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t acquire_timeouts_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t connect_failures_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t broken_connections_ ABSL_GUARDED_BY(mu_) = 0;
};

// Maps a libpqxx/std exception currently being handled to a Status; call
// only inside a catch block. Used by Database and by tests.
absl::Status StatusFromCurrentException();

// Formats `values` as a PostgreSQL array literal ({"a","b"}) for use as a
// query parameter; every element is quoted and escaped.
std::string ToPgArray(const std::vector<std::string>& values);

}  // namespace vendormatch
