// The gate every RPC passes: the bearer key from the `authorization`
// metadata, checked against the key ring, and the caller's role against
// the method policy.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "services/auth/api_keys.h"
#include "services/common/rpc_edge.h"

namespace vendormatch::auth {

// Thread-safe. Does not own `keys`, which must outlive it.
class AuthGate final : public CallGate {
 public:
  explicit AuthGate(const KeyRing& keys) : keys_(keys) {}

  grpc::Status Run(grpc::ServerContext& context, absl::string_view method,
                   const std::function<grpc::Status(const CallContext&)>& body) const override;

  // The caller of `method` given the call's metadata. UNAUTHENTICATED when
  // the key is missing, malformed, unknown, revoked or expired (one message
  // for the last three); PERMISSION_DENIED when its role may not call
  // `method`. Neither says whether a key id exists.
  absl::StatusOr<CallContext> Admit(
      const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
      absl::string_view method) const;

  // From now on every call is refused with UNAVAILABLE (the server is
  // shutting down; clients retry elsewhere). Calls already admitted go on.
  void Drain() { draining_ = true; }

  // The id of the valid key in `metadata`, or "" (for request logs).
  std::string KeyIdOf(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const;

 private:
  absl::StatusOr<Principal> Authenticate(
      const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const;

  const KeyRing& keys_;
  std::atomic<bool> draining_{false};
};

}  // namespace vendormatch::auth
