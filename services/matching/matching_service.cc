#include "services/matching/matching_service.h"

#include "services/common/grpc_status.h"
#include "services/registry/registry_service.h"

namespace vendormatch {
namespace {

template <typename T, typename Store>
grpc::Status Respond(absl::StatusOr<T> result, Store store) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  store(*std::move(result));
  return grpc::Status::OK;
}

CallContext ContextOf(const grpc::ServerContext& context) {
  CallContext call;
  auto it = context.client_metadata().find(kActorMetadataKey);
  if (it != context.client_metadata().end() && !it->second.empty()) {
    call.actor = std::string(it->second.data(), std::min<size_t>(it->second.size(), 128));
  }
  return call;
}

}  // namespace

grpc::Status MatchingServiceImpl::MatchProviders(grpc::ServerContext*,
                                                 const v1::MatchProvidersRequest* request,
                                                 v1::MatchProvidersResponse* response) {
  return Respond(matcher_.Match(*request),
                 [&](v1::MatchProvidersResponse r) { *response = std::move(r); });
}

grpc::Status MatchingServiceImpl::CompareProfiles(grpc::ServerContext*,
                                                  const v1::CompareProfilesRequest* request,
                                                  v1::CompareProfilesResponse* response) {
  return Respond(matcher_.Compare(*request),
                 [&](v1::CompareProfilesResponse r) { *response = std::move(r); });
}

grpc::Status MatchingServiceImpl::RecommendServiceModel(
    grpc::ServerContext*, const v1::RecommendServiceModelRequest* request,
    v1::RecommendServiceModelResponse* response) {
  return Respond(matcher_.Recommend(*request),
                 [&](v1::RecommendServiceModelResponse r) { *response = std::move(r); });
}

grpc::Status MatchingServiceImpl::ListPlugins(grpc::ServerContext*, const v1::ListPluginsRequest*,
                                              v1::ListPluginsResponse* response) {
  *response = matcher_.ListPlugins();
  return grpc::Status::OK;
}

grpc::Status MatchingServiceImpl::ListProfiles(grpc::ServerContext*,
                                               const v1::ListProfilesRequest* request,
                                               v1::ListProfilesResponse* response) {
  return Respond(matcher_.ListProfiles(*request),
                 [&](v1::ListProfilesResponse r) { *response = std::move(r); });
}

grpc::Status MatchingServiceImpl::GetProfile(grpc::ServerContext*,
                                             const v1::GetProfileRequest* request,
                                             v1::GetProfileResponse* response) {
  return Respond(matcher_.GetProfile(*request),
                 [&](v1::Profile p) { *response->mutable_profile() = std::move(p); });
}

grpc::Status MatchingServiceImpl::CreateProfile(grpc::ServerContext* context,
                                                const v1::CreateProfileRequest* request,
                                                v1::CreateProfileResponse* response) {
  return Respond(matcher_.CreateProfile(*request, ContextOf(*context)),
                 [&](v1::Profile p) { *response->mutable_profile() = std::move(p); });
}

grpc::Status MatchingServiceImpl::UpdateProfile(grpc::ServerContext* context,
                                                const v1::UpdateProfileRequest* request,
                                                v1::UpdateProfileResponse* response) {
  return Respond(matcher_.UpdateProfile(*request, ContextOf(*context)),
                 [&](v1::Profile p) { *response->mutable_profile() = std::move(p); });
}

}  // namespace vendormatch
