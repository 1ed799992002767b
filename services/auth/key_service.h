// The gRPC edge of API key management: every call passes the gate, runs the
// key functions of api_keys.h, and refreshes this replica's key ring at
// once (the others follow on the vendormatch_keys notification).
#pragma once

#include <grpcpp/grpcpp.h>

#include "services/auth/api_keys.h"
#include "services/common/rpc_edge.h"
#include "vendormatch/v1/key_service.grpc.pb.h"

namespace vendormatch::auth {

// Thread-safe; owns nothing: `storage`, `keys` and `gate` must outlive it.
class KeyServiceImpl final : public v1::KeyService::Service {
 public:
  KeyServiceImpl(Storage& storage, KeyRing& keys, const CallGate& gate)
      : storage_(storage), keys_(keys), gate_(gate) {}

  grpc::Status CreateApiKey(grpc::ServerContext* context, const v1::CreateApiKeyRequest* request,
                            v1::CreateApiKeyResponse* response) override;
  grpc::Status ListApiKeys(grpc::ServerContext* context, const v1::ListApiKeysRequest* request,
                           v1::ListApiKeysResponse* response) override;
  grpc::Status RevokeApiKey(grpc::ServerContext* context, const v1::RevokeApiKeyRequest* request,
                            v1::RevokeApiKeyResponse* response) override;

 private:
  Storage& storage_;
  KeyRing& keys_;
  const CallGate& gate_;
};

}  // namespace vendormatch::auth
