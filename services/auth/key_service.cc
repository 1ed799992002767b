#include "services/auth/key_service.h"

#include <spdlog/spdlog.h>

#include "absl/time/clock.h"

namespace vendormatch::auth {
namespace {

constexpr char kService[] = "/vendormatch.v1.KeyService/";

// Reloads the ring after a change; a failure only delays it to the
// notification every replica gets.
void RefreshRing(KeyRing& keys, Storage& storage) {
  if (absl::Status s = keys.Reload(storage); !s.ok()) {
    spdlog::warn("key ring reload after a change: {}", s.ToString());
  }
}

}  // namespace

grpc::Status KeyServiceImpl::CreateApiKey(grpc::ServerContext* context,
                                          const v1::CreateApiKeyRequest* request,
                                          v1::CreateApiKeyResponse* response) {
  return gate_.Run(*context, absl::StrCat(kService, "CreateApiKey"), [&](const CallContext& by) {
    return Respond(auth::CreateApiKey(storage_, *request, by, absl::Now()),
                   [&](v1::CreateApiKeyResponse r) {
                     *response = std::move(r);
                     RefreshRing(keys_, storage_);
                   });
  });
}

grpc::Status KeyServiceImpl::ListApiKeys(grpc::ServerContext* context,
                                         const v1::ListApiKeysRequest* request,
                                         v1::ListApiKeysResponse* response) {
  return gate_.Run(*context, absl::StrCat(kService, "ListApiKeys"), [&](const CallContext&) {
    return Respond(auth::ListApiKeys(storage_, *request),
                   [&](v1::ListApiKeysResponse r) { *response = std::move(r); });
  });
}

grpc::Status KeyServiceImpl::RevokeApiKey(grpc::ServerContext* context,
                                          const v1::RevokeApiKeyRequest* request,
                                          v1::RevokeApiKeyResponse* response) {
  return gate_.Run(*context, absl::StrCat(kService, "RevokeApiKey"), [&](const CallContext& by) {
    return Respond(auth::RevokeApiKey(storage_, *request, by), [&](v1::RevokeApiKeyResponse r) {
      *response = std::move(r);
      RefreshRing(keys_, storage_);
    });
  });
}

}  // namespace vendormatch::auth
