#include "services/registry/registry_service.h"

#include <string>

#include "services/common/rpc_edge.h"

namespace vendormatch {

grpc::Status RegistryServiceImpl::CreateProvider(grpc::ServerContext* context,
                                                 const v1::CreateProviderRequest* request,
                                                 v1::CreateProviderResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/CreateProvider", [&](const CallContext& call) {
        return Respond(registry_.Create(*request, call),
                       [&](v1::Provider p) { *response->mutable_provider() = std::move(p); });
      });
}

grpc::Status RegistryServiceImpl::GetProvider(grpc::ServerContext* context,
                                              const v1::GetProviderRequest* request,
                                              v1::GetProviderResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/GetProvider", [&](const CallContext&) {
        return Respond(registry_.Get(*request),
                       [&](v1::Provider p) { *response->mutable_provider() = std::move(p); });
      });
}

grpc::Status RegistryServiceImpl::ListProviders(grpc::ServerContext* context,
                                                const v1::ListProvidersRequest* request,
                                                v1::ListProvidersResponse* response) {
  return gate_.Run(*context, "/vendormatch.v1.RegistryService/ListProviders",
                   [&](const CallContext&) {
                     return Respond(registry_.List(*request),
                                    [&](v1::ListProvidersResponse r) { *response = std::move(r); });
                   });
}

grpc::Status RegistryServiceImpl::UpdateProvider(grpc::ServerContext* context,
                                                 const v1::UpdateProviderRequest* request,
                                                 v1::UpdateProviderResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/UpdateProvider", [&](const CallContext& call) {
        return Respond(registry_.Update(*request, call),
                       [&](v1::Provider p) { *response->mutable_provider() = std::move(p); });
      });
}

grpc::Status RegistryServiceImpl::DeleteProvider(grpc::ServerContext* context,
                                                 const v1::DeleteProviderRequest* request,
                                                 v1::DeleteProviderResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/DeleteProvider", [&](const CallContext& call) {
        return Respond(registry_.Delete(*request, call),
                       [&](v1::Provider p) { *response->mutable_provider() = std::move(p); });
      });
}

grpc::Status RegistryServiceImpl::ActivateProvider(grpc::ServerContext* context,
                                                   const v1::ActivateProviderRequest* request,
                                                   v1::ActivateProviderResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/ActivateProvider", [&](const CallContext& call) {
        return Respond(registry_.Activate(*request, call),
                       [&](v1::Provider p) { *response->mutable_provider() = std::move(p); });
      });
}

grpc::Status RegistryServiceImpl::SuspendProvider(grpc::ServerContext* context,
                                                  const v1::SuspendProviderRequest* request,
                                                  v1::SuspendProviderResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/SuspendProvider", [&](const CallContext& call) {
        return Respond(registry_.Suspend(*request, call),
                       [&](v1::Provider p) { *response->mutable_provider() = std::move(p); });
      });
}

grpc::Status RegistryServiceImpl::ImportProviders(grpc::ServerContext* context,
                                                  const v1::ImportProvidersRequest* request,
                                                  v1::ImportProvidersResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/ImportProviders", [&](const CallContext& call) {
        return Respond(registry_.Import(*request, call),
                       [&](v1::ImportProvidersResponse r) { *response = std::move(r); });
      });
}

grpc::Status RegistryServiceImpl::ListAuditEvents(grpc::ServerContext* context,
                                                  const v1::ListAuditEventsRequest* request,
                                                  v1::ListAuditEventsResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/ListAuditEvents", [&](const CallContext&) {
        return Respond(registry_.ListAuditEvents(*request),
                       [&](v1::ListAuditEventsResponse r) { *response = std::move(r); });
      });
}

grpc::Status RegistryServiceImpl::ListCatalogEntries(grpc::ServerContext* context,
                                                     const v1::ListCatalogEntriesRequest* request,
                                                     v1::ListCatalogEntriesResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.RegistryService/ListCatalogEntries", [&](const CallContext&) {
        return Respond(registry_.ListCatalogEntries(*request),
                       [&](v1::ListCatalogEntriesResponse r) { *response = std::move(r); });
      });
}

}  // namespace vendormatch
