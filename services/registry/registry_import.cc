// Registry::Import: every row validated first, then one transaction that
// writes them all with their audit rows, or nothing.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/error_details.h"
#include "services/common/field_violations.h"
#include "services/common/status_macros.h"
#include "services/domain/names.h"
#include "services/registry/provider_rules.h"
#include "services/registry/registry.h"

namespace vendormatch {
namespace {

using v1::Provider;

// The rows of an import, validated, with their ids.
struct ImportRows {
  std::vector<Provider> providers;
  std::vector<std::string> ids;
  bool upsert = false;
};

// Every row's name, id and fields; any violation rejects the whole import.
absl::StatusOr<ImportRows> ValidateRows(const v1::ImportProvidersRequest& request, int max_batch) {
  const int n = request.providers_size();
  if (n == 0) return InvalidField("providers", "at least one provider is required");
  if (n > max_batch) {
    return InvalidField(
        "providers",
        absl::StrCat("at most ", max_batch, " providers per call, got ", n, "; split the import"));
  }
  ImportRows rows{{request.providers().begin(), request.providers().end()},
                  std::vector<std::string>(n),
                  request.mode() == v1::ImportProvidersRequest::MODE_UPSERT};
  FieldViolations violations;
  CheckRequestId(request.request_id(), violations);
  std::map<std::string, int> first_index;
  for (int i = 0; i < n; ++i) {
    const std::string prefix = absl::StrCat("providers[", i, "].");
    Provider& p = rows.providers[i];
    if (p.name().empty()) {
      if (rows.upsert) violations.Add(prefix + "name", "required in upsert mode");
      rows.ids[i] = RandomProviderId();
    } else {
      auto id = ParseProviderName(p.name(), prefix + "name");
      for (const auto& v : ViolationsOf(id.status())) violations.Add(v.field, v.description);
      if (id.ok()) rows.ids[i] = *id;
    }
    if (!rows.ids[i].empty()) {
      auto [it, inserted] = first_index.emplace(rows.ids[i], i);
      if (!inserted) {
        violations.Add(prefix + "name", absl::StrCat("duplicate of providers[", it->second, "]"));
      }
    }
    CheckProvider(p, prefix, violations);
  }
  VM_RETURN_IF_ERROR(violations.ToStatus("import rejected, nothing was written"));
  return rows;
}

// Rows that clash with stored providers: any existing id in create mode;
// an offboarded one or a forbidden status change in upsert mode.
absl::Status CheckConflicts(const ImportRows& rows,
                            const std::map<std::string, Provider>& existing) {
  FieldViolations conflicts;
  std::string first;  // the first provider in conflict
  for (size_t i = 0; i < rows.ids.size(); ++i) {
    auto it = existing.find(rows.ids[i]);
    if (it == existing.end()) continue;
    const std::string field = absl::StrCat("providers[", i, "].name");
    const Provider& old = it->second;
    if (first.empty()) first = old.name();
    const Provider::Status wanted = rows.providers[i].status();
    if (!rows.upsert) {
      conflicts.Add(field, absl::StrCat(old.name(), " already exists"));
    } else if (old.status() == Provider::STATUS_OFFBOARDED) {
      conflicts.Add(field, absl::StrCat(old.name(), " is offboarded and cannot be replaced"));
    } else if (wanted != Provider::STATUS_UNSPECIFIED && wanted != old.status() &&
               !IsAllowedTransition(old.status(), wanted)) {
      conflicts.Add(absl::StrCat("providers[", i, "].status"),
                    absl::StrCat("cannot move ", old.name(), " from ", StatusWord(old.status()),
                                 " to ", StatusWord(wanted)));
    }
  }
  const absl::Status status = conflicts.ToStatus("import rejected, nothing was written");
  if (status.ok()) return status;
  // The code and details of a single write's conflict, about the first
  // provider in conflict; the BadRequest lists every one.
  absl::Status detailed = rows.upsert ? FailedPrecondition("IMPORT_LIFECYCLE_CONFLICT", "LIFECYCLE",
                                                           first, status.message())
                                      : AlreadyExists(Resource::kProvider, first, status.message());
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    if (!detailed.GetPayload(url)) detailed.SetPayload(url, payload);
  });
  return detailed;
}

}  // namespace

absl::StatusOr<v1::ImportProvidersResponse> Registry::Import(
    const v1::ImportProvidersRequest& request, const CallContext& context) {
  VM_ASSIGN_OR_RETURN(ImportRows rows, ValidateRows(request, limits_.max_import_batch));
  v1::ImportProvidersResponse response;
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) -> absl::Status {
    std::map<std::string, Provider> existing;
    for (auto& p : storage_.providers().LoadForUpdate(txn, rows.ids)) {
      existing.emplace(ProviderId(p), std::move(p));
    }
    VM_RETURN_IF_ERROR(CheckConflicts(rows, existing));
    return WriteImport(txn, request, context, rows.ids, rows.providers, existing, response);
  }));
  return response;
}

// Updates are written one by one as they are met; new providers and every
// audit row afterwards, each in one bulk write (the audit rows in request
// order).
absl::Status Registry::WriteImport(Transaction& txn, const v1::ImportProvidersRequest& request,
                                   const CallContext& context, const std::vector<std::string>& ids,
                                   std::vector<Provider>& providers,
                                   const std::map<std::string, Provider>& existing,
                                   v1::ImportProvidersResponse& response) {
  const auto now = NowTimestamp();
  std::vector<Provider> created;
  std::vector<AuditRecord> audit;
  for (size_t i = 0; i < providers.size(); ++i) {
    Provider& p = providers[i];
    auto it = existing.find(ids[i]);
    if (it == existing.end()) {
      if (p.status() == Provider::STATUS_UNSPECIFIED) p.set_status(Provider::STATUS_PENDING);
      StampRevision(p, ids[i], 1, now);
      audit.push_back({ids[i], context, v1::AuditEvent::ACTION_IMPORT_CREATE, 0, 1,
                       PopulatedFields(p), "", request.request_id()});
      response.set_created_count(response.created_count() + 1);
      response.add_names(p.name());
      created.push_back(std::move(p));
      continue;
    }
    const Provider& old = it->second;
    if (p.status() == Provider::STATUS_UNSPECIFIED) p.set_status(old.status());
    *p.mutable_create_time() = old.create_time();
    std::vector<std::string> changed = ChangedFields(old, p);
    response.add_names(old.name());
    if (changed.empty()) {
      response.set_unchanged_count(response.unchanged_count() + 1);
      continue;
    }
    StampRevision(p, ids[i], old.revision() + 1, now);
    if (!request.validate_only() && !storage_.providers().Replace(txn, p, old.revision())) {
      return ConcurrentChange("concurrent change, retry");
    }
    audit.push_back({ids[i], context, v1::AuditEvent::ACTION_IMPORT_UPDATE, old.revision(),
                     p.revision(), std::move(changed), "", request.request_id()});
    response.set_updated_count(response.updated_count() + 1);
  }
  if (request.validate_only()) return absl::OkStatus();
  if (!created.empty()) VM_RETURN_IF_ERROR(storage_.providers().Insert(txn, created));
  storage_.audit().Append(txn, audit);
  return absl::OkStatus();
}

}  // namespace vendormatch
