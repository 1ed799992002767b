// SQL over the registry tables (providers, audit_events, create_requests),
// inside storage only: PostgresStorage's stores and PostgreSQL-backed tests
// call these. Every function runs inside a transaction the caller owns (see
// Database::InTransaction) and throws libpqxx exceptions on database errors,
// which InTransaction turns into a Status and a rollback. All SQL is
// parameterised; no value ever enters the statement text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "services/domain/names.h"
#include "services/storage/storage.h"

namespace vendormatch {

// Reads one provider; FOR UPDATE locks the row until the transaction ends.
std::optional<vendormatch::v1::Provider> LoadProvider(pqxx::work& txn, const std::string& id,
                                                      bool for_update);

// Reads the providers among `ids` that exist, locked FOR UPDATE.
std::vector<vendormatch::v1::Provider> LoadProvidersForUpdate(pqxx::work& txn,
                                                              const std::vector<std::string>& ids);

// Inserts a new provider (revision, times and etag already set by the
// caller). Throws pqxx::unique_violation if the id exists.
void InsertProvider(pqxx::work& txn, const vendormatch::v1::Provider& provider);

// Inserts many new providers with one COPY, the rows InsertProvider would
// write. While a writer is open the transaction runs no other statement;
// Complete() ends the COPY (a pqxx exception there, e.g. unique_violation,
// means the transaction must be rolled back). A writer destroyed without
// Complete() (an exception on the way) ends the COPY too; the rows written
// so far stay in the transaction, which the caller then rolls back, as
// Database::InTransaction does on any exception. Not thread-safe; `txn`
// must outlive it.
class ProviderWriter {
 public:
  explicit ProviderWriter(pqxx::work& txn);
  ~ProviderWriter();
  ProviderWriter(const ProviderWriter&) = delete;
  ProviderWriter& operator=(const ProviderWriter&) = delete;

  void Add(const vendormatch::v1::Provider& provider);
  void Complete();

 private:
  std::unique_ptr<pqxx::stream_to> stream_;
  std::string body_;  // reused serialisation buffer
};

// Overwrites a provider whose stored revision is `old_revision`. Returns false
// (writing nothing) if the row is missing or its revision differs.
bool ReplaceProvider(pqxx::work& txn, const vendormatch::v1::Provider& provider,
                     int64_t old_revision);

// Rows matching `query` in (order, id) order after the given key.
std::vector<ProviderRow> ListProviderRows(pqxx::work& txn, const ProviderQuery& query);

void InsertAuditEvent(pqxx::work& txn, const AuditRecord& record);

// Inserts many audit rows with one COPY, in order (their ids ascend in the
// order given). Same rules as ProviderWriter: no other statement on `txn`
// until it returns; pqxx exceptions mean roll back.
void InsertAuditEvents(pqxx::work& txn, std::span<const AuditRecord> records);

// Events newest first, for one provider or all (empty provider_id), with id
// below `before_id` when given.
std::vector<vendormatch::v1::AuditEvent> ListAuditEventRows(pqxx::work& txn,
                                                            const std::string& provider_id,
                                                            std::optional<int64_t> before_id,
                                                            int limit);

// True when the provider row exists (any status).
bool ProviderExists(pqxx::work& txn, const std::string& id);

// Every provider that is not ACTIVE, as (id, status), for the matching
// snapshot's "why is it never matched" answers. Any transaction (the
// snapshot reads in a REPEATABLE READ, read-only one).
std::vector<std::pair<std::string, vendormatch::v1::Provider::Status>> LoadInactiveStatuses(
    pqxx::transaction_base& txn);

std::optional<CreateRequestRecord> LoadCreateRequest(pqxx::work& txn,
                                                     const std::string& request_id);
// Throws pqxx::unique_violation if another transaction recorded it first.
void InsertCreateRequest(pqxx::work& txn, const std::string& request_id,
                         const CreateRequestRecord& record);

// The registry stores of PostgresStorage over these functions (their
// Transaction must be a PgTransaction).
std::unique_ptr<ProviderStore> NewPgProviderStore();
std::unique_ptr<AuditStore> NewPgAuditStore();
std::unique_ptr<RequestStore> NewPgRequestStore();

}  // namespace vendormatch
