// A bounded pool of PostgreSQL connections and the transaction runner every
// store uses. The only place that turns libpqxx exceptions into absl::Status.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/storage/deadline.h"

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

// Thread-safe pool. Connections open lazily and are replaced when broken:
// one that fails with a broken connection is closed, and so are the idle
// ones then (the server probably restarted), so the pool reconnects by
// itself once PostgreSQL is back. Calls honour the thread's ScopedDeadline.
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
  // Under a ScopedDeadline the transaction starts with `SET LOCAL
  // statement_timeout`. A pooled connection found broken at BEGIN (before
  // `body` ran) is replaced and the transaction retried, at most twice.
  // Errors: UNAVAILABLE when PostgreSQL cannot be reached, the connection
  // breaks (also during COMMIT: "commit in doubt") or all connections stay
  // busy for acquire_timeout; DEADLINE_EXCEEDED when the thread's deadline
  // passes (before starting, while waiting for a connection, or as a
  // cancelled statement); ABORTED on serialization failure or deadlock;
  // ALREADY_EXISTS on a unique violation; INTERNAL with the SQLSTATE for
  // anything else. Safe to call from many threads at once.
  absl::Status InTransaction(const std::function<absl::Status(pqxx::work&)>& body);

  // Runs `body` with a pooled connection outside any transaction (for
  // migrations and other session-level work). Under a ScopedDeadline the
  // session's statement_timeout is set for the duration of `body` and reset
  // after it. Errors as InTransaction (no retry: `body` may have run).
  absl::Status WithConnection(const std::function<absl::Status(pqxx::connection&)>& body);

  const DatabaseOptions& options() const { return options_; }

  // A snapshot of the pool's counters. Thread-safe.
  PoolStats stats() const;

 private:
  class Lease;
  // Checks the thread's deadline, leases a connection and maps exceptions.
  absl::Status Run(const std::function<absl::Status(pqxx::connection&)>& body);
  // Waits for a free connection until acquire_timeout or `deadline`.
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Acquire(absl::Time deadline);
  void Release(std::unique_ptr<pqxx::connection> connection);

  const DatabaseOptions options_;
  // std::mutex rather than absl::Mutex: ThreadSanitizer sees through it
  // (the system Abseil is not instrumented; see TESTING.md).
  mutable std::mutex mu_;
  std::condition_variable freed_;  // a connection went idle or a slot opened
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t acquire_timeouts_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t connect_failures_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t broken_connections_ ABSL_GUARDED_BY(mu_) = 0;
};

// Maps a libpqxx/std exception currently being handled to a Status; call
// only inside a catch block. Used by Database and by tests.
absl::Status StatusFromCurrentException();

// `url` with libpq's connect_timeout set to `seconds` unless it sets one:
// without it libpq waits for an unreachable host as long as TCP does
// (minutes). Works for URLs ("postgresql://...") and key=value strings.
// Pure.
std::string WithConnectTimeout(const std::string& url, int seconds = 5);

// Formats `values` as a PostgreSQL array literal ({"a","b"}) for use as a
// query parameter; every element is quoted and escaped.
std::string ToPgArray(const std::vector<std::string>& values);

}  // namespace vendormatch
