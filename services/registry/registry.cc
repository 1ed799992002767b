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
#include "services/common/error_details.h"
#include "services/common/field_violations.h"
#include "services/common/message_diff.h"
#include "services/common/status_macros.h"
#include "services/domain/catalog.h"
#include "services/domain/etag.h"
#include "services/domain/filter.h"
#include "services/domain/names.h"
#include "services/domain/page_token.h"
#include "services/domain/validation.h"
#include "services/registry/provider_rules.h"

namespace vendormatch {
namespace {

using google::protobuf::util::FieldMaskUtil;
using v1::Provider;

// The id a new provider gets: `provider_id`, else the id in `provider.name`,
// else a random one. Bad ids and a name that disagrees become violations.
std::string IdToCreate(const v1::CreateProviderRequest& request, FieldViolations& violations) {
  const Provider& p = request.provider();
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
  return id;
}

// The fields an update changes: "*" for every field a client may set, an
// empty mask for the fields the request's provider populates (status aside
// in both: it changes only through its own methods), else the paths given,
// each checked against Provider (bad ones become violations).
google::protobuf::FieldMask UpdateMask(const v1::UpdateProviderRequest& request,
                                       FieldViolations& violations) {
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
  return mask;
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

Registry::Registry(Storage& storage, RegistryLimits limits) : storage_(storage), limits_(limits) {}

absl::StatusOr<int> Registry::PageSize(int requested, absl::string_view field) const {
  if (requested < 0) return InvalidField(field, "must not be negative");
  if (requested == 0) return limits_.default_page_size;
  return std::min(requested, limits_.max_page_size);
}

absl::StatusOr<Provider> Registry::Create(const v1::CreateProviderRequest& request,
                                          const CallContext& context) {
  FieldViolations violations;
  Provider p = request.provider();
  const std::string id = IdToCreate(request, violations);
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
  auto attempt = [&](Transaction& txn) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto first = storage_.requests().Load(txn, request.request_id())) {
        if (first->request_hash != hash) {
          return AlreadyExists(Resource::kRequest, request.request_id(),
                               absl::StrCat("request_id \"", request.request_id(),
                                            "\" was already used for another request"));
        }
        result = first->response;
        return absl::OkStatus();
      }
    }
    if (storage_.providers().Exists(txn, id)) {
      return AlreadyExists(Resource::kProvider, p.name(),
                           absl::StrCat("provider \"", p.name(), "\" already exists"));
    }
    VM_RETURN_IF_ERROR(storage_.providers().Insert(txn, {&p, 1}));
    AppendAudit(txn, {id, context, v1::AuditEvent::ACTION_CREATE, 0, 1, PopulatedFields(p), "",
                      request.request_id()});
    if (!request.request_id().empty()) {
      VM_RETURN_IF_ERROR(storage_.requests().Insert(txn, request.request_id(), {hash, p}));
    }
    result = p;
    return absl::OkStatus();
  };
  absl::Status status = storage_.InTransaction(attempt);
  // A concurrent retry with the same request_id committed first: its answer
  // is now recorded, so a second attempt returns it.
  if (absl::IsAlreadyExists(status) && !request.request_id().empty()) {
    status = storage_.InTransaction(attempt);
  }
  VM_RETURN_IF_ERROR(status);
  return result;
}

absl::StatusOr<Provider> Registry::Get(const v1::GetProviderRequest& request) {
  VM_ASSIGN_OR_RETURN(std::string id, ParseProviderName(request.name(), "name"));
  std::optional<Provider> found;
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) {
    found = storage_.providers().Load(txn, id, /*for_update=*/false);
    return absl::OkStatus();
  }));
  if (!found) return ProviderNotFound(id);
  return *std::move(found);
}

absl::StatusOr<v1::ListProvidersResponse> Registry::List(const v1::ListProvidersRequest& request) {
  VM_ASSIGN_OR_RETURN(int page_size, PageSize(request.page_size(), "page_size"));
  VM_ASSIGN_OR_RETURN(auto comparisons, ParseProviderFilter(request.filter()));
  VM_ASSIGN_OR_RETURN(ParsedOrder order, ParseOrderBy(request.order_by()));

  ProviderQuery query;
  query.filter = std::move(comparisons);
  query.hide_offboarded = !request.show_deleted();
  query.order = order.order;
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
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) {
    rows = storage_.providers().List(txn, query);
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

  const google::protobuf::FieldMask mask = UpdateMask(request, violations);
  if (mask.paths().empty() && violations.empty()) {
    violations.Add("update_mask", "names no field to update");
  }
  VM_RETURN_IF_ERROR(violations.ToStatus());

  Provider result;
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) -> absl::Status {
    std::optional<Provider> current = storage_.providers().Load(txn, *id, /*for_update=*/true);
    if (!current) return ProviderNotFound(*id);
    if (current->status() == Provider::STATUS_OFFBOARDED) {
      return FailedPrecondition(
          "PROVIDER_OFFBOARDED", "LIFECYCLE", current->name(),
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
    if (!storage_.providers().Replace(txn, merged, current->revision())) {
      return ConcurrentChange("concurrent change, retry");
    }
    AppendAudit(txn, {*id, context, v1::AuditEvent::ACTION_UPDATE, current->revision(),
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
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) -> absl::Status {
    std::optional<Provider> current = storage_.providers().Load(txn, id, /*for_update=*/true);
    if (!current) return ProviderNotFound(id);
    VM_RETURN_IF_ERROR(CheckEtag(etag, *current));
    if (current->status() == t.target) {
      return FailedPrecondition("LIFECYCLE_NO_CHANGE", "LIFECYCLE", name,
                                absl::StrCat(name, " is already ", StatusWord(t.target)));
    }
    if (!IsAllowedTransition(current->status(), t.target)) {
      return FailedPrecondition(
          "LIFECYCLE_TRANSITION_NOT_ALLOWED", "LIFECYCLE", name,
          absl::StrCat("cannot ", t.verb, " ", name, ": it is ", StatusWord(current->status())));
    }
    Provider updated = *current;
    updated.set_status(t.target);
    StampRevision(updated, id, current->revision() + 1, NowTimestamp());
    if (!storage_.providers().Replace(txn, updated, current->revision())) {
      return ConcurrentChange("concurrent change, retry");
    }
    AppendAudit(
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
  VM_RETURN_IF_ERROR(storage_.InTransaction([&](Transaction& txn) -> absl::Status {
    if (!id.empty() && !storage_.providers().Exists(txn, id)) return ProviderNotFound(id);
    events = storage_.audit().List(txn, id, before, page_size + 1);
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
