// The gRPC edge of matching: unpacks calls, runs Matcher, converts statuses.
#pragma once

#include <grpcpp/grpcpp.h>

#include "services/common/rpc_edge.h"
#include "services/matching/matcher.h"
#include "vendormatch/v1/matching_service.grpc.pb.h"

namespace vendormatch {

// Thread-safe; does not own `matcher` or `gate`, which must outlive it.
// Every call passes `gate` first.
class MatchingServiceImpl final : public v1::MatchingService::Service {
 public:
  MatchingServiceImpl(Matcher& matcher, const CallGate& gate) : matcher_(matcher), gate_(gate) {}

  grpc::Status MatchProviders(grpc::ServerContext*, const v1::MatchProvidersRequest* request,
                              v1::MatchProvidersResponse* response) override;
  grpc::Status CompareProfiles(grpc::ServerContext*, const v1::CompareProfilesRequest* request,
                               v1::CompareProfilesResponse* response) override;
  grpc::Status RecommendServiceModel(grpc::ServerContext*,
                                     const v1::RecommendServiceModelRequest* request,
                                     v1::RecommendServiceModelResponse* response) override;
  grpc::Status ListPlugins(grpc::ServerContext*, const v1::ListPluginsRequest* request,
                           v1::ListPluginsResponse* response) override;
  grpc::Status ListProfiles(grpc::ServerContext*, const v1::ListProfilesRequest* request,
                            v1::ListProfilesResponse* response) override;
  grpc::Status GetProfile(grpc::ServerContext*, const v1::GetProfileRequest* request,
                          v1::GetProfileResponse* response) override;
  grpc::Status CreateProfile(grpc::ServerContext* context, const v1::CreateProfileRequest* request,
                             v1::CreateProfileResponse* response) override;
  grpc::Status UpdateProfile(grpc::ServerContext* context, const v1::UpdateProfileRequest* request,
                             v1::UpdateProfileResponse* response) override;

 private:
  Matcher& matcher_;
  const CallGate& gate_;
};

}  // namespace vendormatch
