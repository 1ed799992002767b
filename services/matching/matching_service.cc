#include "services/matching/matching_service.h"

#include "services/common/rpc_edge.h"

namespace vendormatch {

grpc::Status MatchingServiceImpl::MatchProviders(grpc::ServerContext* context,
                                                 const v1::MatchProvidersRequest* request,
                                                 v1::MatchProvidersResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.MatchingService/MatchProviders", [&](const CallContext&) {
        return Respond(matcher_.Match(*request),
                       [&](v1::MatchProvidersResponse r) { *response = std::move(r); });
      });
}

grpc::Status MatchingServiceImpl::CompareProfiles(grpc::ServerContext* context,
                                                  const v1::CompareProfilesRequest* request,
                                                  v1::CompareProfilesResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.MatchingService/CompareProfiles", [&](const CallContext&) {
        return Respond(matcher_.Compare(*request),
                       [&](v1::CompareProfilesResponse r) { *response = std::move(r); });
      });
}

grpc::Status MatchingServiceImpl::RecommendServiceModel(
    grpc::ServerContext* context, const v1::RecommendServiceModelRequest* request,
    v1::RecommendServiceModelResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.MatchingService/RecommendServiceModel", [&](const CallContext&) {
        return Respond(matcher_.Recommend(*request),
                       [&](v1::RecommendServiceModelResponse r) { *response = std::move(r); });
      });
}

grpc::Status MatchingServiceImpl::ListPlugins(grpc::ServerContext* context,
                                              const v1::ListPluginsRequest*,
                                              v1::ListPluginsResponse* response) {
  return gate_.Run(*context, "/vendormatch.v1.MatchingService/ListPlugins",
                   [&](const CallContext& call) {
                     *response = matcher_.ListPlugins();
                     // Server paths are for admins only.
                     if (!call.admin) {
                       for (auto& plugin : *response->mutable_plugins()) plugin.clear_file();
                     }
                     return grpc::Status::OK;
                   });
}

grpc::Status MatchingServiceImpl::ListProfiles(grpc::ServerContext* context,
                                               const v1::ListProfilesRequest* request,
                                               v1::ListProfilesResponse* response) {
  return gate_.Run(*context, "/vendormatch.v1.MatchingService/ListProfiles",
                   [&](const CallContext&) {
                     return Respond(matcher_.profiles().List(*request),
                                    [&](v1::ListProfilesResponse r) { *response = std::move(r); });
                   });
}

grpc::Status MatchingServiceImpl::GetProfile(grpc::ServerContext* context,
                                             const v1::GetProfileRequest* request,
                                             v1::GetProfileResponse* response) {
  return gate_.Run(*context, "/vendormatch.v1.MatchingService/GetProfile", [&](const CallContext&) {
    return Respond(matcher_.profiles().Get(*request),
                   [&](v1::Profile p) { *response->mutable_profile() = std::move(p); });
  });
}

grpc::Status MatchingServiceImpl::CreateProfile(grpc::ServerContext* context,
                                                const v1::CreateProfileRequest* request,
                                                v1::CreateProfileResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.MatchingService/CreateProfile", [&](const CallContext& call) {
        return Respond(matcher_.profiles().Create(*request, call),
                       [&](v1::Profile p) { *response->mutable_profile() = std::move(p); });
      });
}

grpc::Status MatchingServiceImpl::UpdateProfile(grpc::ServerContext* context,
                                                const v1::UpdateProfileRequest* request,
                                                v1::UpdateProfileResponse* response) {
  return gate_.Run(
      *context, "/vendormatch.v1.MatchingService/UpdateProfile", [&](const CallContext& call) {
        return Respond(matcher_.profiles().Update(*request, call),
                       [&](v1::Profile p) { *response->mutable_profile() = std::move(p); });
      });
}

}  // namespace vendormatch
