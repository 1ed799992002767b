// The registry's logic: every RegistryService RPC as a plain C++ call that
// tests can make without a server or a database. Validates, runs one storage
// transaction per write with its audit rows, and returns absl::Status codes
// that map one-to-one onto gRPC codes at the edge.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/call_context.h"
#include "services/storage/storage.h"
#include "vendormatch/v1/registry_service.pb.h"

namespace vendormatch {

// Limits applied to every call.
struct RegistryLimits {
  int default_page_size = 50;
  int max_page_size = 1000;
  int max_import_batch = 10000;
};

// Thread-safe: one instance serves all RPC threads. Does not own `storage`,
// which must outlive it.
//
// Errors common to all methods: INVALID_ARGUMENT with a google.rpc.BadRequest
// payload naming every bad field; NOT_FOUND for an unknown provider;
// ABORTED for a stale etag; FAILED_PRECONDITION for a lifecycle change that
// is not allowed; UNAVAILABLE when the database cannot be reached. On any
// error nothing is written.
class Registry {
 public:
  explicit Registry(Storage& storage, RegistryLimits limits = {});

  // Creates a provider (status PENDING unless ACTIVE or SUSPENDED is given).
  // The id comes from provider_id, else from provider.name, else is random.
  // A request_id seen before returns the first response; reused with a
  // different request, ALREADY_EXISTS. An existing id: ALREADY_EXISTS.
  absl::StatusOr<v1::Provider> Create(const v1::CreateProviderRequest& request,
                                      const CallContext& context);

  absl::StatusOr<v1::Provider> Get(const v1::GetProviderRequest& request);

  absl::StatusOr<v1::ListProvidersResponse> List(const v1::ListProvidersRequest& request);

  // Applies the update mask; revision and etag move only when something
  // changed. Offboarded providers cannot be updated (FAILED_PRECONDITION).
  absl::StatusOr<v1::Provider> Update(const v1::UpdateProviderRequest& request,
                                      const CallContext& context);

  // Lifecycle: pending -> active <-> suspended; any but offboarded -> offboarded.
  absl::StatusOr<v1::Provider> Delete(const v1::DeleteProviderRequest& request,
                                      const CallContext& context);
  absl::StatusOr<v1::Provider> Activate(const v1::ActivateProviderRequest& request,
                                        const CallContext& context);
  absl::StatusOr<v1::Provider> Suspend(const v1::SuspendProviderRequest& request,
                                       const CallContext& context);

  // All providers are validated first; any bad one fails the whole call with
  // every violation named "providers[i].<field>". Then one transaction writes
  // them all with their audit rows. In create mode an existing id fails the
  // call with ALREADY_EXISTS naming the rows.
  absl::StatusOr<v1::ImportProvidersResponse> Import(const v1::ImportProvidersRequest& request,
                                                     const CallContext& context);

  absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEvents(
      const v1::ListAuditEventsRequest& request);

  absl::StatusOr<v1::ListCatalogEntriesResponse> ListCatalogEntries(
      const v1::ListCatalogEntriesRequest& request);

 private:
  struct Transition;
  absl::StatusOr<v1::Provider> ChangeStatus(const std::string& name, const std::string& etag,
                                            const std::string& reason, const Transition& t,
                                            const CallContext& context);
  absl::StatusOr<int> PageSize(int requested, absl::string_view field) const;
  absl::Status WriteImport(Transaction& txn, const v1::ImportProvidersRequest& request,
                           const CallContext& context, const std::vector<std::string>& ids,
                           std::vector<v1::Provider>& providers,
                           const std::map<std::string, v1::Provider>& existing,
                           v1::ImportProvidersResponse& response);
  void AppendAudit(Transaction& txn, const AuditRecord& record) {
    storage_.audit().Append(txn, {&record, 1});
  }

  Storage& storage_;
  const RegistryLimits limits_;
};

// Parses "providers/{id}" and checks the id's syntax ([a-z][a-z0-9-]{2,62}).
// Errors: INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> ParseProviderName(absl::string_view name, absl::string_view field);

// True when `id` is a valid provider id.
bool IsValidProviderId(absl::string_view id);

}  // namespace vendormatch
