#include "services/storage/database.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "services/common/error_details.h"
#include "services/common/error_info.h"

namespace vendormatch {
namespace {

// A pooled connection found broken at BEGIN is replaced this many times.
constexpr int kBeginAttempts = 3;

// statement_timeout for the thread's deadline: the milliseconds left, at
// least 1; 0 (no timeout) without a deadline or beyond what PostgreSQL takes.
int64_t StatementTimeoutMs() {
  const absl::Duration left = ScopedDeadline::Current() - absl::Now();
  if (left > absl::Milliseconds(std::numeric_limits<int32_t>::max())) return 0;
  return std::max<int64_t>(1, absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))));
}

// Opens a connection with the settings every session uses.
std::unique_ptr<pqxx::connection> Open(const std::string& url) {
  auto connection = std::make_unique<pqxx::connection>(WithConnectTimeout(url));
  pqxx::nontransaction setup(*connection);
  setup.exec("SET TIME ZONE 'UTC'");
  setup.exec("SET application_name = 'vendormatch'");
  // libpqxx 6 would silently reconnect a broken connection on next use,
  // without the settings above; the pool replaces it instead.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  connection->inhibit_reactivation(true);
#pragma GCC diagnostic pop
  return connection;
}

}  // namespace

namespace {

// UNAVAILABLE for a database that cannot serve now; clients retry.
absl::Status DatabaseUnavailable(absl::string_view message,
                                 absl::string_view reason = "DATABASE_UNAVAILABLE") {
  return WithRetryInfo(WithErrorInfo(absl::UnavailableError(message), reason), absl::Seconds(1));
}

// libpq's message on one line: its "\n\t" continuation lines joined.
std::string OneLine(const char* message) {
  std::vector<absl::string_view> parts =
      absl::StrSplit(message, absl::ByAnyChar("\n\t"), absl::SkipWhitespace());
  for (auto& part : parts) part = absl::StripAsciiWhitespace(part);
  return absl::StrJoin(parts, " ");
}

}  // namespace

absl::Status StatusFromCurrentException() {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    return DatabaseUnavailable(absl::StrCat("database unavailable: ", OneLine(e.what())));
  } catch (const pqxx::in_doubt_error& e) {
    return DatabaseUnavailable(absl::StrCat("database commit in doubt: ", OneLine(e.what())),
                               "DATABASE_COMMIT_IN_DOUBT");
  } catch (const pqxx::serialization_failure& e) {
    return ConcurrentChange(absl::StrCat("concurrent change, retry: ", OneLine(e.what())));
  } catch (const pqxx::deadlock_detected& e) {
    return ConcurrentChange(absl::StrCat("concurrent change, retry: ", OneLine(e.what())));
  } catch (const pqxx::unique_violation& e) {
    return absl::AlreadyExistsError(OneLine(e.what()));
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() == "57014") {  // query_canceled, e.g. by statement_timeout
      return absl::DeadlineExceededError("database statement cancelled (timeout)");
    }
    // Connection exceptions and the server shutting down or starting up.
    if (absl::StartsWith(e.sqlstate(), "08") || absl::StartsWith(e.sqlstate(), "57P")) {
      return DatabaseUnavailable(
          absl::StrCat("database unavailable (SQLSTATE ", e.sqlstate(), "): ", OneLine(e.what())));
    }
    return absl::InternalError(absl::StrCat("database error (SQLSTATE ", e.sqlstate(), ")"));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("database error: ", OneLine(e.what())));
  }
}

std::string WithConnectTimeout(const std::string& url, int seconds) {
  if (absl::StrContains(url, "connect_timeout")) return url;
  if (!absl::StartsWith(url, "postgresql://") && !absl::StartsWith(url, "postgres://")) {
    return absl::StrCat(url, url.empty() ? "" : " ", "connect_timeout=", seconds);
  }
  return absl::StrCat(url, absl::StrContains(url, "?") ? "&" : "?", "connect_timeout=", seconds);
}

std::string ToPgArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

// Holds a connection for the duration of one call and returns it to the pool,
// unless it broke, in which case it is dropped and replaced on next Acquire.
class Database::Lease {
 public:
  Lease(Database& db, std::unique_ptr<pqxx::connection> connection)
      : db_(db), connection_(std::move(connection)) {}
  ~Lease() { db_.Release(std::move(connection_)); }
  pqxx::connection& operator*() { return *connection_; }

 private:
  Database& db_;
  std::unique_ptr<pqxx::connection> connection_;
};

Database::Database(DatabaseOptions options) : options_(std::move(options)) {}

Database::~Database() = default;

absl::StatusOr<std::unique_ptr<pqxx::connection>> Database::Acquire(absl::Time deadline) {
  {
    std::unique_lock lock(mu_);
    auto ready = [this] { return !idle_.empty() || open_ < options_.pool_size; };
    const absl::Time give_up = std::min(absl::Now() + options_.acquire_timeout, deadline);
    if (!freed_.wait_until(lock, absl::ToChronoTime(give_up), ready)) {
      if (give_up == deadline) {
        return absl::DeadlineExceededError(
            "deadline passed while waiting for a free database connection");
      }
      ++acquire_timeouts_;
      return DatabaseUnavailable(
          absl::StrCat("all ", options_.pool_size, " database connections are busy"),
          "DATABASE_POOL_EXHAUSTED");
    }
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->is_open()) return connection;
      --open_;  // Broken while idle: replace it below.
      ++broken_connections_;
    }
    ++open_;
  }
  try {
    return Open(options_.url);
  } catch (...) {
    {
      std::lock_guard lock(mu_);
      --open_;
      ++connect_failures_;
    }
    freed_.notify_one();
    return StatusFromCurrentException();
  }
}

void Database::Release(std::unique_ptr<pqxx::connection> connection) {
  std::vector<std::unique_ptr<pqxx::connection>> closing;  // closed unlocked
  {
    std::lock_guard lock(mu_);
    if (connection && connection->is_open()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
      ++broken_connections_;
      // The server probably went away: the idle ones are most likely broken
      // too and would each fail a call before being replaced.
      open_ -= static_cast<int>(idle_.size());
      closing.swap(idle_);
      closing.push_back(std::move(connection));
    }
  }
  freed_.notify_all();
}

PoolStats Database::stats() const {
  std::lock_guard lock(mu_);
  PoolStats s;
  s.size = options_.pool_size;
  s.open = open_;
  s.in_use = open_ - static_cast<int>(idle_.size());
  s.acquire_timeouts = acquire_timeouts_;
  s.connect_failures = connect_failures_;
  s.broken_connections = broken_connections_;
  return s;
}

absl::Status Database::Ping() {
  return WithConnection([](pqxx::connection& c) {
    pqxx::nontransaction(c).exec("SELECT 1");
    return absl::OkStatus();
  });
}

absl::Status Database::Run(const std::function<absl::Status(pqxx::connection&)>& body) {
  const absl::Time deadline = ScopedDeadline::Current();
  if (absl::Now() >= deadline) {
    return absl::DeadlineExceededError("deadline passed before the database was reached");
  }
  auto acquired = Acquire(deadline);
  if (!acquired.ok()) return acquired.status();
  Lease lease(*this, std::move(*acquired));
  try {
    return body(*lease);
  } catch (...) {
    absl::Status status = StatusFromCurrentException();
    if (!(*lease).is_open() && !absl::IsUnavailable(status)) {
      return DatabaseUnavailable(absl::StrCat("database connection lost: ", status.message()));
    }
    return status;
  }
}

absl::Status Database::WithConnection(const std::function<absl::Status(pqxx::connection&)>& body) {
  return Run([&](pqxx::connection& connection) {
    const int64_t timeout_ms = StatementTimeoutMs();
    if (timeout_ms == 0) return body(connection);
    pqxx::nontransaction(connection).exec(absl::StrCat("SET statement_timeout = ", timeout_ms));
    // However `body` ends; a connection that cannot be reset is not pooled.
    auto reset = [&connection] {
      try {
        pqxx::nontransaction(connection).exec("RESET statement_timeout");
      } catch (...) {
        connection.disconnect();
      }
    };
    absl::Status status;
    try {
      status = body(connection);
    } catch (...) {
      reset();
      throw;
    }
    reset();
    return status;
  });
}

absl::Status Database::InTransaction(const std::function<absl::Status(pqxx::work&)>& body) {
  for (int attempt = 1;; ++attempt) {
    bool leased = false, begun = false;
    absl::Status status = Run([&](pqxx::connection& connection) {
      leased = true;
      pqxx::work txn(connection);
      begun = true;
      if (const int64_t timeout_ms = StatementTimeoutMs(); timeout_ms > 0) {
        txn.exec(absl::StrCat("SET LOCAL statement_timeout = ", timeout_ms));
      }
      absl::Status status = body(txn);
      if (status.ok()) txn.commit();  // Otherwise the destructor rolls back.
      return status;
    });
    // A pooled connection whose server went away while it sat idle breaks
    // at BEGIN, before `body` ran: safe to retry on a fresh one.
    if (!leased || begun || !absl::IsUnavailable(status) || attempt == kBeginAttempts) {
      return status;
    }
  }
}

}  // namespace vendormatch
