// The registry commands of vendormatchctl: create, get, list, update, the
// status transitions, import, audit and catalog.
#include "services/ctl/commands.h"

#include <algorithm>
#include <ostream>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/ctl/commands_internal.h"
#include "services/ctl/format.h"

namespace vendormatch::ctl {
namespace {

using ::vendormatch::ctl::commands_internal::Call;
using ::vendormatch::ctl::commands_internal::Fail;
using ::vendormatch::ctl::commands_internal::FetchPages;
using ::vendormatch::ctl::commands_internal::ListJson;
using ::vendormatch::ctl::commands_internal::NormalizeMaskPath;
using ::vendormatch::ctl::commands_internal::PrintPageHint;
using ::vendormatch::ctl::commands_internal::ReadOneProvider;
using ::vendormatch::ctl::commands_internal::ReadProviders;
using ::vendormatch::ctl::commands_internal::ReportRpcError;
using vendormatch::v1::Provider;

// ---------------------------------------------------------------------------
// Output.

void PrintProviderJson(const CommandContext& ctx, const Provider& provider) {
  *ctx.out << ToJson(provider);
}

std::string RevisionAndEtag(const Provider& provider) {
  return absl::StrCat("revision ", provider.revision(),
                      provider.etag().empty() ? "" : absl::StrCat(", etag ", provider.etag()));
}

// ---------------------------------------------------------------------------
// Status transitions.

struct TransitionCall {
  const char* verb = "";
  grpc::Status status;
  Provider provider;
};

template <typename Request, typename Response, typename Method>
TransitionCall RunTransition(const CommandContext& ctx, const TransitionOptions& options,
                             const char* verb, Method method) {
  Request request;
  request.set_name(ProviderName(options.name));
  request.set_etag(options.etag);
  request.set_reason(options.reason);
  Response response;
  TransitionCall result{verb, {}, {}};
  result.status = Call(ctx, [&](grpc::ClientContext* call) {
    return (ctx.stub->*method)(call, request, &response);
  });
  result.provider = std::move(*response.mutable_provider());
  return result;
}

}  // namespace

// ---------------------------------------------------------------------------
// Registry commands.

int CreateProvider(CommandContext& ctx, const CreateOptions& options) {
  absl::StatusOr<ParsedProvider> parsed =
      ReadOneProvider(ctx, options.file, options.format, "create");
  if (!parsed.ok()) return Fail(ctx, parsed.status());
  v1::CreateProviderRequest request;
  Provider& provider = *request.mutable_provider();
  provider = std::move(parsed->provider);
  request.set_provider_id(ProviderId(options.id.empty() ? provider.name() : options.id));
  provider.clear_name();
  request.set_request_id(options.request_id);
  request.set_validate_only(options.validate_only);
  v1::CreateProviderResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.stub->CreateProvider(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  const Provider& created = response.provider();
  if (ctx.json) {
    PrintProviderJson(ctx, created);
  } else if (options.validate_only) {
    *ctx.out << (created.name().empty() ? "provider" : created.name())
             << " is valid (validate only: nothing written)\n";
  } else {
    *ctx.out << "created " << created.name() << " (status "
             << ShortEnumName(*Provider::Status_descriptor(), created.status()) << ", "
             << RevisionAndEtag(created) << ")\n";
  }
  return kExitOk;
}

int GetProvider(CommandContext& ctx, const std::string& name) {
  v1::GetProviderRequest request;
  request.set_name(ProviderName(name));
  v1::GetProviderResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.stub->GetProvider(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    PrintProviderJson(ctx, response.provider());
  } else {
    DescribeProvider(response.provider(), ctx.today, *ctx.out);
  }
  return kExitOk;
}

int ListProviders(CommandContext& ctx, const ListOptions& options) {
  v1::ListProvidersRequest request;
  request.set_filter(options.filter);
  request.set_order_by(options.order_by);
  request.set_page_size(options.page_size);
  request.set_page_token(options.page_token);
  request.set_show_deleted(options.show_deleted);
  v1::ListProvidersResponse merged;
  const int code = FetchPages(
      ctx, request, options.all,
      [&](grpc::ClientContext* call, const v1::ListProvidersRequest& req,
          v1::ListProvidersResponse* resp) { return ctx.stub->ListProviders(call, req, resp); },
      [](v1::ListProvidersResponse& r) { return r.mutable_providers(); }, merged);
  if (code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ListJson("providers", merged.providers(), merged.next_page_token());
    return kExitOk;
  }
  if (merged.providers().empty()) {
    *ctx.out << "No providers found.\n";
  } else {
    ProviderTable(merged.providers()).Print(*ctx.out);
  }
  PrintPageHint(ctx, merged.next_page_token());
  return kExitOk;
}

std::vector<std::string> DefaultUpdateMask(const std::vector<std::string>& fields) {
  static const std::set<std::string> kNotUpdatable = {"name",        "etag",        "status",
                                                      "create_time", "update_time", "revision"};
  std::vector<std::string> mask;
  for (const std::string& field : fields) {
    if (kNotUpdatable.count(field) == 0) mask.push_back(field);
  }
  return mask;
}

int UpdateProvider(CommandContext& ctx, const UpdateOptions& options) {
  absl::StatusOr<ParsedProvider> parsed =
      ReadOneProvider(ctx, options.file, options.format, "update");
  if (!parsed.ok()) return Fail(ctx, parsed.status());
  const std::string name = ProviderName(options.name);
  v1::UpdateProviderRequest request;
  Provider& provider = *request.mutable_provider();
  provider = std::move(parsed->provider);
  if (!provider.name().empty() && provider.name() != name) {
    return Fail(ctx, absl::InvalidArgumentError(
                         absl::StrCat(options.file, " is for ", provider.name(), ", not ", name)));
  }
  provider.set_name(name);
  if (options.etag) provider.set_etag(*options.etag);
  std::vector<std::string> mask;
  for (const std::string& path : options.update_mask) {
    mask.push_back(NormalizeMaskPath(Provider::descriptor(), path));
  }
  if (mask.empty()) mask = DefaultUpdateMask(parsed->fields);
  if (mask.empty()) {
    return Fail(ctx, absl::InvalidArgumentError(
                         absl::StrCat(options.file, " sets no field that update can change")));
  }
  for (const std::string& path : mask) request.mutable_update_mask()->add_paths(path);
  request.set_request_id(options.request_id);
  request.set_validate_only(options.validate_only);
  v1::UpdateProviderResponse response;
  const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
    return ctx.stub->UpdateProvider(call, request, &response);
  });
  if (!status.ok()) return ReportRpcError(ctx, status);
  if (ctx.json) {
    PrintProviderJson(ctx, response.provider());
  } else {
    *ctx.out << (options.validate_only ? "valid update of " : "updated ") << name << " ("
             << RevisionAndEtag(response.provider()) << "; fields " << absl::StrJoin(mask, ", ")
             << ")\n";
  }
  return kExitOk;
}

int ChangeStatus(CommandContext& ctx, Transition transition, const TransitionOptions& options) {
  using Stub = v1::RegistryService::StubInterface;
  TransitionCall result;
  switch (transition) {
    case Transition::kActivate:
      result = RunTransition<v1::ActivateProviderRequest, v1::ActivateProviderResponse>(
          ctx, options, "activated", &Stub::ActivateProvider);
      break;
    case Transition::kSuspend:
      result = RunTransition<v1::SuspendProviderRequest, v1::SuspendProviderResponse>(
          ctx, options, "suspended", &Stub::SuspendProvider);
      break;
    case Transition::kOffboard:
      result = RunTransition<v1::DeleteProviderRequest, v1::DeleteProviderResponse>(
          ctx, options, "offboarded", &Stub::DeleteProvider);
      break;
  }
  if (!result.status.ok()) return ReportRpcError(ctx, result.status);
  if (ctx.json) {
    PrintProviderJson(ctx, result.provider);
  } else {
    *ctx.out << result.verb << " " << result.provider.name() << " (status "
             << ShortEnumName(*Provider::Status_descriptor(), result.provider.status()) << ", "
             << RevisionAndEtag(result.provider) << ")\n";
  }
  return kExitOk;
}

int ImportProviders(CommandContext& ctx, const ImportOptions& options) {
  std::vector<Provider> providers;
  std::vector<std::string> origins;
  for (const std::string& file : options.files) {
    absl::StatusOr<std::vector<ParsedProvider>> parsed = ReadProviders(ctx, file, options.format);
    if (!parsed.ok()) return Fail(ctx, parsed.status());
    for (ParsedProvider& p : *parsed) {
      providers.push_back(std::move(p.provider));
      origins.push_back(std::move(p.origin));
    }
  }
  if (providers.empty()) {
    return Fail(ctx, absl::InvalidArgumentError("no providers in the given files"));
  }
  const size_t batch =
      options.batch_size > 0 ? static_cast<size_t>(options.batch_size) : providers.size();
  const bool batched = batch < providers.size();
  v1::ImportProvidersResponse total;
  for (size_t start = 0; start < providers.size(); start += batch) {
    v1::ImportProvidersRequest request;
    const size_t end = std::min(providers.size(), start + batch);
    for (size_t i = start; i < end; ++i) *request.add_providers() = providers[i];
    request.set_mode(options.mode);
    request.set_validate_only(options.validate_only);
    if (!options.request_id.empty()) {
      request.set_request_id(batched ? absl::StrCat(options.request_id, "-", start / batch)
                                     : options.request_id);
    }
    v1::ImportProvidersResponse response;
    const grpc::Status status = Call(ctx, [&](grpc::ClientContext* call) {
      return ctx.stub->ImportProviders(call, request, &response);
    });
    if (!status.ok()) {
      const int code = ReportRpcError(ctx, status, &origins, start);
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        *ctx.err << "vendormatchctl: hint: send fewer providers per call with --batch-size N "
                    "(each batch is then its own transaction)\n";
      }
      if (start > 0 && !options.validate_only) {
        *ctx.err << "vendormatchctl: the first " << start
                 << " providers were imported by earlier batches\n";
      }
      return code;
    }
    total.set_created_count(total.created_count() + response.created_count());
    total.set_updated_count(total.updated_count() + response.updated_count());
    total.set_unchanged_count(total.unchanged_count() + response.unchanged_count());
    for (auto& name : *response.mutable_names()) total.add_names(std::move(name));
  }
  if (ctx.json) {
    *ctx.out << ToJson(total);
  } else if (options.validate_only) {
    *ctx.out << "validated " << providers.size() << " providers: no errors (nothing written)\n";
  } else {
    *ctx.out << "imported " << providers.size() << " providers: " << total.created_count()
             << " created, " << total.updated_count() << " updated, " << total.unchanged_count()
             << " unchanged\n";
  }
  return kExitOk;
}

int ListAuditEvents(CommandContext& ctx, const AuditOptions& options) {
  v1::ListAuditEventsRequest request;
  request.set_parent(options.name.empty() ? "providers/-" : ProviderName(options.name));
  request.set_page_size(options.page_size);
  request.set_page_token(options.page_token);
  v1::ListAuditEventsResponse merged;
  const int code = FetchPages(
      ctx, request, options.all,
      [&](grpc::ClientContext* call, const v1::ListAuditEventsRequest& req,
          v1::ListAuditEventsResponse* resp) { return ctx.stub->ListAuditEvents(call, req, resp); },
      [](v1::ListAuditEventsResponse& r) { return r.mutable_audit_events(); }, merged);
  if (code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ListJson("auditEvents", merged.audit_events(), merged.next_page_token());
    return kExitOk;
  }
  if (merged.audit_events().empty()) {
    *ctx.out << "No audit events found.\n";
  } else {
    AuditTable(merged.audit_events()).Print(*ctx.out);
  }
  PrintPageHint(ctx, merged.next_page_token());
  return kExitOk;
}

int ListCatalog(CommandContext& ctx, const CatalogOptions& options) {
  v1::ListCatalogEntriesRequest request;
  request.set_filter(options.filter);
  v1::ListCatalogEntriesResponse merged;
  const int code = FetchPages(
      ctx, request, /*all=*/true,
      [&](grpc::ClientContext* call, const v1::ListCatalogEntriesRequest& req,
          v1::ListCatalogEntriesResponse* resp) {
        return ctx.stub->ListCatalogEntries(call, req, resp);
      },
      [](v1::ListCatalogEntriesResponse& r) { return r.mutable_catalog_entries(); }, merged);
  if (code != kExitOk) return code;
  if (ctx.json) {
    *ctx.out << ListJson("catalogEntries", merged.catalog_entries(), merged.next_page_token());
  } else {
    CatalogTable(merged.catalog_entries()).Print(*ctx.out);
  }
  return kExitOk;
}

}  // namespace vendormatch::ctl
