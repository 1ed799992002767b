// The gRPC edge of the registry: unpacks calls, runs Registry, converts the
// result with ToGrpcStatus. No logic of its own.
#pragma once

#include <grpcpp/grpcpp.h>

#include "services/common/rpc_edge.h"
#include "services/registry/registry.h"
#include "vendormatch/v1/registry_service.grpc.pb.h"

namespace vendormatch {

// Thread-safe; does not own `registry` or `gate`, which must outlive it.
// Every call passes `gate` first.
class RegistryServiceImpl final : public v1::RegistryService::Service {
 public:
  RegistryServiceImpl(Registry& registry, const CallGate& gate)
      : registry_(registry), gate_(gate) {}

  grpc::Status CreateProvider(grpc::ServerContext* context,
                              const v1::CreateProviderRequest* request,
                              v1::CreateProviderResponse* response) override;
  grpc::Status GetProvider(grpc::ServerContext* context, const v1::GetProviderRequest* request,
                           v1::GetProviderResponse* response) override;
  grpc::Status ListProviders(grpc::ServerContext* context, const v1::ListProvidersRequest* request,
                             v1::ListProvidersResponse* response) override;
  grpc::Status UpdateProvider(grpc::ServerContext* context,
                              const v1::UpdateProviderRequest* request,
                              v1::UpdateProviderResponse* response) override;
  grpc::Status DeleteProvider(grpc::ServerContext* context,
                              const v1::DeleteProviderRequest* request,
                              v1::DeleteProviderResponse* response) override;
  grpc::Status ActivateProvider(grpc::ServerContext* context,
                                const v1::ActivateProviderRequest* request,
                                v1::ActivateProviderResponse* response) override;
  grpc::Status SuspendProvider(grpc::ServerContext* context,
                               const v1::SuspendProviderRequest* request,
                               v1::SuspendProviderResponse* response) override;
  grpc::Status ImportProviders(grpc::ServerContext* context,
                               const v1::ImportProvidersRequest* request,
                               v1::ImportProvidersResponse* response) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* request,
                               v1::ListAuditEventsResponse* response) override;
  grpc::Status ListCatalogEntries(grpc::ServerContext* context,
                                  const v1::ListCatalogEntriesRequest* request,
                                  v1::ListCatalogEntriesResponse* response) override;

 private:
  Registry& registry_;
  const CallGate& gate_;
};

}  // namespace vendormatch
