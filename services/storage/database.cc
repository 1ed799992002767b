#include "services/storage/database.h"

#include <exception>
#include <utility>

#include "absl/strings/str_cat.h"

namespace vendormatch {
namespace {

// Opens a connection with the settings every session uses.
std::unique_ptr<pqxx::connection> Open(const std::string& url) {
  auto connection = std::make_unique<pqxx::connection>(url);
  pqxx::nontransaction setup(*connection);
  setup.exec("SET TIME ZONE 'UTC'");
  setup.exec("SET application_name = 'vendormatch'");
  return connection;
}

}  // namespace

absl::Status StatusFromCurrentException() {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(absl::StrCat("database unavailable: ", e.what()));
  } catch (const pqxx::in_doubt_error& e) {
    return absl::UnavailableError(absl::StrCat("database commit in doubt: ", e.what()));
  } catch (const pqxx::serialization_failure& e) {
    return absl::AbortedError(absl::StrCat("concurrent change, retry: ", e.what()));
  } catch (const pqxx::deadlock_detected& e) {
    return absl::AbortedError(absl::StrCat("concurrent change, retry: ", e.what()));
  } catch (const pqxx::unique_violation& e) {
    return absl::AlreadyExistsError(e.what());
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() == "57014") {  // query_canceled, e.g. by statement_timeout
      return absl::DeadlineExceededError("database statement cancelled (timeout)");
    }
    return absl::InternalError(absl::StrCat("database error (SQLSTATE ", e.sqlstate(), ")"));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("database error: ", e.what()));
  }
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

absl::StatusOr<std::unique_ptr<pqxx::connection>> Database::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.pool_size;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&ready), options_.acquire_timeout)) {
      ++acquire_timeouts_;
      return absl::UnavailableError(
          absl::StrCat("all ", options_.pool_size, " database connections are busy"));
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
    absl::MutexLock lock(&mu_);
    --open_;
    ++connect_failures_;
    return StatusFromCurrentException();
  }
}

void Database::Release(std::unique_ptr<pqxx::connection> connection) {
  absl::MutexLock lock(&mu_);
  if (connection && connection->is_open()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
    ++broken_connections_;
  }
}

PoolStats Database::stats() const {
  absl::MutexLock lock(&mu_);
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

absl::Status Database::WithConnection(const std::function<absl::Status(pqxx::connection&)>& body) {
  auto acquired = Acquire();
  if (!acquired.ok()) return acquired.status();
  Lease lease(*this, std::move(*acquired));
  try {
    return body(*lease);
  } catch (...) {
    return StatusFromCurrentException();
  }
}

absl::Status Database::InTransaction(const std::function<absl::Status(pqxx::work&)>& body) {
  return WithConnection([&](pqxx::connection& connection) {
    pqxx::work txn(connection);
    absl::Status status = body(txn);
    if (status.ok()) txn.commit();  // Otherwise the destructor rolls back.
    return status;
  });
}

}  // namespace vendormatch
