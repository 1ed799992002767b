#include "services/registry/registry.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/common/field_violations.h"
#include "services/common/message_diff.h"
#include "services/common/status_macros.h"
#include "services/registry/catalog.h"
#include "services/registry/etag.h"
#include "services/registry/filter.h"
#include "services/registry/page_token.h"
#include "services/registry/validation.h"
#include "services/storage/provider_store.h"

namespace vendormatch {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::util::FieldMaskUtil;
using v1::Provider;

constexpr size_t kMaxRequestIdLength = 128;
constexpr size_t kMaxReasonLength = 1000;

// Fields the server owns; clients' values for them are ignored.
const std::set<std::string>& OutputOnlyFields() {
  static const auto* fields =
      new std::set<std::string>{"name", "create_time", "update_time", "revision", "etag"};
  return *fields;
}

google::protobuf::Timestamp NowTimestamp() {
  // PostgreSQL keeps microseconds; so do we, so a stored record reads back equal.
  int64_t micros = absl::ToUnixMicros(absl::Now());
  google::protobuf::Timestamp t;
  t.set_seconds(micros / 1'000'000);
  t.set_nanos(static_cast<int32_t>(micros % 1'000'000) * 1000);
  return t;
}

std::string RandomProviderId() {
  thread_local absl::BitGen gen;
  return absl::StrFormat("p-%012x", absl::Uniform<uint64_t>(gen, 0, uint64_t{1} << 48));
}

void StampRevision(Provider& p, const std::string& id, int64_t revision,
                   const google::protobuf::Timestamp& now) {
  p.set_name(absl::StrCat("providers/", id));
  p.set_revision(revision);
  p.set_etag(ProviderEtag(id, revision));
  *p.mutable_update_time() = now;
  if (revision == 1) *p.mutable_create_time() = now;
}

// Top-level fields a client set (output-only ones excluded).
std::vector<std::string> PopulatedFields(const Provider& p) {
  std::vector<const FieldDescriptor*> fields;
  p.GetReflection()->ListFields(p, &fields);
  std::vector<std::string> names;
  for (const auto* f : fields) {
    if (!OutputOnlyFields().contains(f->name())) names.push_back(f->name());
  }
  return names;
}

// Writable top-level fields whose values differ between two records.
std::vector<std::string> ChangedFields(const Provider& before, const Provider& after) {
  return ChangedTopLevelFields(before, after, OutputOnlyFields());
}

absl::Status NotFound(absl::string_view id) {
  return absl::NotFoundError(absl::StrCat("provider \"providers/", id, "\" not found"));
}

absl::Status CheckEtag(const std::string& client_etag, const Provider& current) {
  if (EtagMatches(client_etag, current.etag())) return absl::OkStatus();
  return absl::AbortedError(
      absl::StrCat("etag mismatch: ", current.name(), " changed since it was read (sent etag \"",
                   client_etag, "\", current \"", current.etag(), "\"); read it again and retry"));
}

std::string StatusWord(Provider::Status s) { return absl::AsciiStrToLower(StatusName(s)); }

// The lifecycle: pending -> active <-> suspended; all but offboarded -> offboarded.
bool IsAllowedTransition(Provider::Status from, Provider::Status to) {
  switch (to) {
    case Provider::STATUS_ACTIVE:
      return from == Provider::STATUS_PENDING || from == Provider::STATUS_SUSPENDED;
    case Provider::STATUS_SUSPENDED:
      return from == Provider::STATUS_ACTIVE;
    case Provider::STATUS_OFFBOARDED:
      return from != Provider::STATUS_OFFBOARDED;
    default:
      return false;
  }
}

// Normalises and validates a client's provider; violations get `prefix`.
void CheckProvider(Provider& p, absl::string_view prefix, FieldViolations& out) {
  NormalizeProvider(p);
  FieldViolations violations;
  ValidateProvider(p, violations);
  out.AddAll(prefix, violations);
}

void CheckRequestId(const std::string& request_id, FieldViolations& out) {
  if (request_id.size() > kMaxRequestIdLength) {
    out.Add("request_id", absl::StrCat("at most ", kMaxRequestIdLength, " characters"));
  }
}

struct ParsedOrder {
  std::string column;  // display_name, create_time, update_time or id
  bool descending = false;
  std::string canonical;
};

absl::StatusOr<ParsedOrder> ParseOrderBy(absl::string_view order_by) {
  std::vector<absl::string_view> words =
      absl::StrSplit(order_by, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (words.empty()) return ParsedOrder{"id", false, "name"};
  static const auto* columns =
      new std::map<std::string, std::string>{{"name", "id"},
                                             {"display_name", "display_name"},
                                             {"create_time", "create_time"},
                                             {"update_time", "update_time"}};
  auto it = columns->find(std::string(words[0]));
  bool ok = it != columns->end() && words.size() <= 2;
  bool descending = false;
  if (ok && words.size() == 2) {
    descending = absl::AsciiStrToLower(words[1]) == "desc";
    ok = descending || absl::AsciiStrToLower(words[1]) == "asc";
  }
  if (!ok) {
    return InvalidField("order_by",
                        "expected one of name, display_name, create_time, update_time, "
                        "optionally followed by \"asc\" or \"desc\"");
  }
  return ParsedOrder{it->second, descending, absl::StrCat(words[0], descending ? " desc" : "")};
}

}  // namespace

bool IsValidProviderId(absl::string_view id) {
  if (id.size() < 3 || id.size() > 63 || !absl::ascii_islower(id[0])) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
  });
}

absl::StatusOr<std::string> ParseProviderName(absl::string_view name, absl::string_view field) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, "providers/") || !IsValidProviderId(id)) {
    return InvalidField(field, absl::StrCat("expected \"providers/{id}\" with an id of 3-63 "
                                            "characters [a-z0-9-] starting with a letter, got \"",
                                            name, "\""));
  }
  return std::string(id);
}

Registry::Registry(Database& db, RegistryLimits limits) : db_(db), limits_(limits) {}

absl::StatusOr<int> Registry::PageSize(int requested, absl::string_view field) const {
  if (requested < 0) return InvalidField(field, "must not be negative");
  if (requested == 0) return limits_.default_page_size;
  return std::min(requested, limits_.max_page_size);
}

absl::StatusOr<Provider> Registry::Create(const v1::CreateProviderRequest& request,
                                          const CallContext& context) {
  FieldViolations violations;
  Provider p = request.provider();
  std::string id;
  if (!request.provider_id().empty()) {
    id = request.provider_id();
    if (!IsValidProviderId(id)) {
      violations.Add("provider_id", "3-63 characters [a-z0-9-] starting with a letter");
    }
    if (!p.name().empty() && p.name() != absl::StrCat("providers/", id)) {
      violations.Add("provider.name", absl::StrCat("must be empty or \"providers/", id,
                                                   "\" when provider_id is set"));
    }
  } else if (!p.name().empty()) {
    auto parsed = ParseProviderName(p.name(), "provider.name");
    if (parsed.ok()) id = *parsed;
    for (const auto& v : ViolationsOf(parsed.status())) violations.Add(v.field, v.description);
  } else {
    id = RandomProviderId();
  }
  CheckRequestId(request.request_id(), violations);
  if (!request.has_provider()) violations.Add("provider", "required");
  CheckProvider(p, "provider.", violations);
  VM_RETURN_IF_ERROR(violations.ToStatus());

  if (p.status() == Provider::STATUS_UNSPECIFIED) p.set_status(Provider::STATUS_PENDING);
  StampRevision(p, id, 1, NowTimestamp());
  if (request.validate_only()) return p;

  v1::CreateProviderRequest fingerprinted = request;
  fingerprinted.clear_request_id();
  const std::string hash = MessageFingerprint(fingerprinted);
  Provider result;
  auto attempt = [&](pqxx::work& txn) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto first = LoadCreateRequest(txn, request.request_id())) {
        if (first->request_hash != hash) {
          return absl::AlreadyExistsError(absl::StrCat("request_id \"", request.request_id(),
                                                       "\" was already used for another request"));
        }
        result = first->response;
        return absl::OkStatus();
      }
    }
    if (ProviderExists(txn, id)) {
      return absl::AlreadyExistsError(absl::StrCat("provider \"", p.name(), "\" already exists"));
    }
    InsertProvider(txn, p);
    InsertAuditEvent(txn, {id, context, v1::AuditEvent::ACTION_CREATE, 0, 1, PopulatedFields(p), "",
                           request.request_id()});
    if (!request.request_id().empty()) InsertCreateRequest(txn, request.request_id(), hash, p);
    result = p;
    return absl::OkStatus();
  };
  absl::Status status = db_.InTransaction(attempt);
  // A concurrent retry with the same request_id committed first: its answer
  // is now recorded, so a second attempt returns it.
  if (absl::IsAlreadyExists(status) && !request.request_id().empty()) {
    status = db_.InTransaction(attempt);
  }
  VM_RETURN_IF_ERROR(status);
  return result;
}

absl::StatusOr<Provider> Registry::Get(const v1::GetProviderRequest& request) {
  VM_ASSIGN_OR_RETURN(std::string id, ParseProviderName(request.name(), "name"));
  std::optional<Provider> found;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) {
    found = LoadProvider(txn, id, /*for_update=*/false);
    return absl::OkStatus();
  }));
  if (!found) return NotFound(id);
  return *std::move(found);
}

absl::StatusOr<v1::ListProvidersResponse> Registry::List(const v1::ListProvidersRequest& request) {
  VM_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size(), "page_size"));
  VM_ASSIGN_OR_RETURN(auto comparisons, ParseProviderFilter(request.filter()));
  VM_ASSIGN_OR_RETURN(ParsedOrder order, ParseOrderBy(request.order_by()));
  SqlCondition condition = ToSqlCondition(comparisons, 1);

  ProviderQuery query;
  std::vector<std::string> where;
  if (!condition.sql.empty()) where.push_back(condition.sql);
  if (!request.show_deleted() && !condition.constrains_status) {
    where.push_back("status <> 'OFFBOARDED'");
  }
  query.where = absl::StrJoin(where, " AND ");
  query.params = condition.params;
  query.order_column = order.column;
  query.descending = order.descending;
  query.limit = page_size + 1;
  const std::string query_hash = StableHash(
      absl::StrCat(request.filter(), "\n", order.canonical, "\n", request.show_deleted()));
  if (!request.page_token().empty()) {
    VM_ASSIGN_OR_RETURN(PageCursor cursor, DecodePageToken(request.page_token(), query_hash));
    query.after_key = cursor.last_key;
    query.after_id = cursor.last_id;
  }

  std::vector<ProviderRow> rows;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) {
    rows = ListProviderRows(txn, query);
    return absl::OkStatus();
  }));
  v1::ListProvidersResponse response;
  const bool more = static_cast<int>(rows.size()) > page_size;
  if (more) rows.resize(page_size);
  for (auto& row : rows) *response.add_providers() = std::move(row.provider);
  if (more) {
    response.set_next_page_token(EncodePageToken(
        {query_hash, rows.back().sort_key, ProviderId(response.providers(page_size - 1))}));
  }
  return response;
}

absl::StatusOr<Provider> Registry::Update(const v1::UpdateProviderRequest& request,
                                          const CallContext& context) {
  FieldViolations violations;
  if (!request.has_provider()) return InvalidField("provider", "required");
  auto id = ParseProviderName(request.provider().name(), "provider.name");
  VM_RETURN_IF_ERROR(id.status());
  CheckRequestId(request.request_id(), violations);

  google::protobuf::FieldMask mask;
  const auto& paths = request.update_mask().paths();
  if (paths.size() == 1 && paths[0] == "*") {
    for (int i = 0; i < Provider::descriptor()->field_count(); ++i) {
      const std::string& name = Provider::descriptor()->field(i)->name();
      if (!OutputOnlyFields().contains(name) && name != "status") mask.add_paths(name);
    }
  } else if (paths.empty()) {
    for (const auto& name : PopulatedFields(request.provider())) {
      if (name != "status") mask.add_paths(name);
    }
  } else {
    for (int i = 0; i < paths.size(); ++i) {
      const std::string field = absl::StrCat("update_mask.paths[", i, "]");
      std::string top = paths[i].substr(0, paths[i].find('.'));
      if (!FieldMaskUtil::IsValidPath<Provider>(paths[i])) {
        violations.Add(field, absl::StrCat("\"", paths[i], "\" is not a field of Provider"));
      } else if (OutputOnlyFields().contains(top)) {
        violations.Add(field, absl::StrCat("\"", top, "\" is output only"));
      } else {
        mask.add_paths(paths[i]);
      }
    }
  }
  if (mask.paths().empty() && violations.empty()) {
    violations.Add("update_mask", "names no field to update");
  }
  VM_RETURN_IF_ERROR(violations.ToStatus());

  Provider result;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) -> absl::Status {
    std::optional<Provider> current = LoadProvider(txn, *id, /*for_update=*/true);
    if (!current) return NotFound(*id);
    if (current->status() == Provider::STATUS_OFFBOARDED) {
      return absl::FailedPreconditionError(
          absl::StrCat(current->name(), " is offboarded and can no longer be changed"));
    }
    VM_RETURN_IF_ERROR(CheckEtag(request.provider().etag(), *current));
    Provider merged = *current;
    FieldMaskUtil::MergeOptions options;
    options.set_replace_message_fields(true);
    options.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(request.provider(), mask, options, &merged);
    FieldViolations invalid;
    CheckProvider(merged, "provider.", invalid);
    if (merged.status() != current->status()) {
      invalid.Add("provider.status",
                  "change status with ActivateProvider, SuspendProvider or DeleteProvider");
    }
    VM_RETURN_IF_ERROR(invalid.ToStatus());
    std::vector<std::string> changed = ChangedFields(*current, merged);
    if (changed.empty() || request.validate_only()) {
      result = changed.empty() ? *current : merged;
      return absl::OkStatus();
    }
    StampRevision(merged, *id, current->revision() + 1, NowTimestamp());
    if (!ReplaceProvider(txn, merged, current->revision())) {
      return absl::AbortedError("concurrent change, retry");
    }
    InsertAuditEvent(txn, {*id, context, v1::AuditEvent::ACTION_UPDATE, current->revision(),
                           merged.revision(), changed, "", request.request_id()});
    result = std::move(merged);
    return absl::OkStatus();
  }));
  return result;
}

struct Registry::Transition {
  Provider::Status target;
  v1::AuditEvent::Action action;
  const char* verb;
};

absl::StatusOr<Provider> Registry::ChangeStatus(const std::string& name, const std::string& etag,
                                                const std::string& reason, const Transition& t,
                                                const CallContext& context) {
  VM_ASSIGN_OR_RETURN(std::string id, ParseProviderName(name, "name"));
  if (reason.size() > kMaxReasonLength) {
    return InvalidField("reason", absl::StrCat("at most ", kMaxReasonLength, " characters"));
  }
  Provider result;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) -> absl::Status {
    std::optional<Provider> current = LoadProvider(txn, id, /*for_update=*/true);
    if (!current) return NotFound(id);
    VM_RETURN_IF_ERROR(CheckEtag(etag, *current));
    if (current->status() == t.target) {
      return absl::FailedPreconditionError(
          absl::StrCat(name, " is already ", StatusWord(t.target)));
    }
    if (!IsAllowedTransition(current->status(), t.target)) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot ", t.verb, " ", name, ": it is ", StatusWord(current->status())));
    }
    Provider updated = *current;
    updated.set_status(t.target);
    StampRevision(updated, id, current->revision() + 1, NowTimestamp());
    if (!ReplaceProvider(txn, updated, current->revision())) {
      return absl::AbortedError("concurrent change, retry");
    }
    InsertAuditEvent(
        txn,
        {id, context, t.action, current->revision(), updated.revision(), {"status"}, reason, ""});
    result = std::move(updated);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Provider> Registry::Delete(const v1::DeleteProviderRequest& request,
                                          const CallContext& context) {
  return ChangeStatus(request.name(), request.etag(), request.reason(),
                      {Provider::STATUS_OFFBOARDED, v1::AuditEvent::ACTION_OFFBOARD, "offboard"},
                      context);
}

absl::StatusOr<Provider> Registry::Activate(const v1::ActivateProviderRequest& request,
                                            const CallContext& context) {
  return ChangeStatus(request.name(), request.etag(), request.reason(),
                      {Provider::STATUS_ACTIVE, v1::AuditEvent::ACTION_ACTIVATE, "activate"},
                      context);
}

absl::StatusOr<Provider> Registry::Suspend(const v1::SuspendProviderRequest& request,
                                           const CallContext& context) {
  return ChangeStatus(request.name(), request.etag(), request.reason(),
                      {Provider::STATUS_SUSPENDED, v1::AuditEvent::ACTION_SUSPEND, "suspend"},
                      context);
}

absl::StatusOr<v1::ImportProvidersResponse> Registry::Import(
    const v1::ImportProvidersRequest& request, const CallContext& context) {
  const int n = request.providers_size();
  if (n == 0) return InvalidField("providers", "at least one provider is required");
  if (n > limits_.max_import_batch) {
    return InvalidField(
        "providers", absl::StrCat("at most ", limits_.max_import_batch, " providers per call, got ",
                                  n, "; split the import"));
  }
  const bool upsert = request.mode() == v1::ImportProvidersRequest::MODE_UPSERT;
  FieldViolations violations;
  CheckRequestId(request.request_id(), violations);
  std::vector<Provider> providers(request.providers().begin(), request.providers().end());
  std::vector<std::string> ids(n);
  std::map<std::string, int> first_index;
  for (int i = 0; i < n; ++i) {
    const std::string prefix = absl::StrCat("providers[", i, "].");
    Provider& p = providers[i];
    if (p.name().empty()) {
      if (upsert) violations.Add(prefix + "name", "required in upsert mode");
      ids[i] = RandomProviderId();
    } else {
      auto id = ParseProviderName(p.name(), prefix + "name");
      for (const auto& v : ViolationsOf(id.status())) violations.Add(v.field, v.description);
      if (id.ok()) ids[i] = *id;
    }
    if (!ids[i].empty()) {
      auto [it, inserted] = first_index.emplace(ids[i], i);
      if (!inserted) {
        violations.Add(prefix + "name", absl::StrCat("duplicate of providers[", it->second, "]"));
      }
    }
    CheckProvider(p, prefix, violations);
  }
  VM_RETURN_IF_ERROR(violations.ToStatus(absl::StrCat("import rejected, nothing was written")));

  v1::ImportProvidersResponse response;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) -> absl::Status {
    std::map<std::string, Provider> existing;
    for (auto& p : LoadProvidersForUpdate(txn, ids)) existing.emplace(ProviderId(p), std::move(p));
    FieldViolations conflicts;
    for (int i = 0; i < n; ++i) {
      auto it = existing.find(ids[i]);
      if (it == existing.end()) continue;
      const std::string field = absl::StrCat("providers[", i, "].name");
      const Provider& old = it->second;
      Provider::Status wanted = providers[i].status();
      if (!upsert) {
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
    VM_RETURN_IF_ERROR(conflicts.ToStatus(
        "import rejected, nothing was written",
        upsert ? absl::StatusCode::kFailedPrecondition : absl::StatusCode::kAlreadyExists));

    // Updates are written one by one as they are met; new providers and every
    // audit row afterwards, each with one COPY (the audit rows in request order).
    const auto now = NowTimestamp();
    std::vector<int> created;
    std::vector<AuditRecord> audit;
    for (int i = 0; i < n; ++i) {
      Provider& p = providers[i];
      auto it = existing.find(ids[i]);
      if (it == existing.end()) {
        if (p.status() == Provider::STATUS_UNSPECIFIED) p.set_status(Provider::STATUS_PENDING);
        StampRevision(p, ids[i], 1, now);
        created.push_back(i);
        audit.push_back({ids[i], context, v1::AuditEvent::ACTION_IMPORT_CREATE, 0, 1,
                         PopulatedFields(p), "", request.request_id()});
        response.set_created_count(response.created_count() + 1);
      } else {
        const Provider& old = it->second;
        if (p.status() == Provider::STATUS_UNSPECIFIED) p.set_status(old.status());
        *p.mutable_create_time() = old.create_time();
        std::vector<std::string> changed = ChangedFields(old, p);
        if (changed.empty()) {
          p = old;
          response.set_unchanged_count(response.unchanged_count() + 1);
        } else {
          StampRevision(p, ids[i], old.revision() + 1, now);
          if (!request.validate_only()) {
            if (!ReplaceProvider(txn, p, old.revision())) {
              return absl::AbortedError("concurrent change, retry");
            }
          }
          audit.push_back({ids[i], context, v1::AuditEvent::ACTION_IMPORT_UPDATE, old.revision(),
                           p.revision(), changed, "", request.request_id()});
          response.set_updated_count(response.updated_count() + 1);
        }
      }
      response.add_names(p.name());
    }
    if (request.validate_only()) return absl::OkStatus();
    if (!created.empty()) {
      ProviderWriter writer(txn);
      for (int i : created) writer.Add(providers[i]);
      writer.Complete();
    }
    if (!audit.empty()) InsertAuditEvents(txn, audit);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::ListAuditEventsResponse> Registry::ListAuditEvents(
    const v1::ListAuditEventsRequest& request) {
  VM_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size(), "page_size"));
  std::string id;  // empty: every provider
  if (request.parent() != "providers/-") {
    VM_ASSIGN_OR_RETURN(id, ParseProviderName(request.parent(), "parent"));
  }
  const std::string query_hash = StableHash(request.parent());
  VM_ASSIGN_OR_RETURN(int64_t last, DecodePositionToken(request.page_token(), query_hash, -1));
  const std::optional<int64_t> before = last < 0 ? std::nullopt : std::optional<int64_t>(last);
  std::vector<v1::AuditEvent> events;
  VM_RETURN_IF_ERROR(db_.InTransaction([&](pqxx::work& txn) -> absl::Status {
    if (!id.empty() && !ProviderExists(txn, id)) return NotFound(id);
    events = ListAuditEventRows(txn, id, before, page_size + 1);
    return absl::OkStatus();
  }));
  v1::ListAuditEventsResponse response;
  const bool more = static_cast<int>(events.size()) > page_size;
  if (more) events.resize(page_size);
  for (auto& e : events) *response.add_audit_events() = std::move(e);
  if (more) {
    const std::string& last = response.audit_events(page_size - 1).name();
    int64_t last_id = 0;
    if (!absl::SimpleAtoi(last.substr(last.rfind('/') + 1), &last_id)) {
      return absl::InternalError(absl::StrCat("audit event without a numeric id: ", last));
    }
    response.set_next_page_token(EncodePositionToken(query_hash, last_id));
  }
  return response;
}

absl::StatusOr<v1::ListCatalogEntriesResponse> Registry::ListCatalogEntries(
    const v1::ListCatalogEntriesRequest& request) {
  if (request.page_size() < 0) return InvalidField("page_size", "must not be negative");
  VM_ASSIGN_OR_RETURN(auto comparisons, ParseProviderFilter(request.filter()));
  std::optional<std::string> model;
  for (const auto& c : comparisons) {
    if (c.field != "service_model" || c.op == FilterOp::kNotEqual) {
      return InvalidField("filter", absl::StrCat("position ", c.position,
                                                 ": the catalogue filters only on "
                                                 "service_model = BPO or KPO"));
    }
    model = c.value;
  }
  const std::string query_hash = StableHash(request.filter());
  VM_ASSIGN_OR_RETURN(const int64_t start,
                      DecodePositionToken(request.page_token(), query_hash, 0));
  const size_t page_size = request.page_size() == 0
                               ? CatalogServices().size()
                               : std::min(request.page_size(), limits_.max_page_size);
  v1::ListCatalogEntriesResponse response;
  const auto services = CatalogServices();
  size_t i = start;
  for (; i < services.size() && static_cast<size_t>(response.catalog_entries_size()) < page_size;
       ++i) {
    const CatalogService& s = services[i];
    if (model && ServiceModelName(s.service_model) != *model) continue;
    auto* entry = response.add_catalog_entries();
    entry->set_name(absl::StrCat("catalogEntries/", s.code));
    entry->set_code(std::string(s.code));
    entry->set_display_name(std::string(s.display_name));
    entry->set_service_model(s.service_model);
    entry->set_description(std::string(s.description));
  }
  if (i < services.size()) {
    response.set_next_page_token(EncodePositionToken(query_hash, static_cast<int64_t>(i)));
  }
  return response;
}

}  // namespace vendormatch
