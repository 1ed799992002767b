// API keys: secrets, their hashes, the keys table and the in-memory key
// ring every replica authenticates calls against.
//
// A secret is "vmk_" followed by 43 base64url characters (256 random bits);
// the first admin key may be any secret of at least kMinSecretLength
// printable characters chosen by the operator. Only SHA-256(secret) is
// stored. Storage functions throw nothing: errors come back as Status
// (UNAVAILABLE when PostgreSQL cannot be reached).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/domain/call_context.h"
#include "services/domain/names.h"
#include "services/storage/storage.h"
#include "vendormatch/v1/key_service.pb.h"

namespace vendormatch::auth {

inline constexpr size_t kMinSecretLength = 24;
inline constexpr size_t kMaxSecretLength = 256;
inline constexpr size_t kMaxLabelLength = 200;

// SHA-256 of `secret`, 32 raw bytes. Pure.
std::string HashSecret(absl::string_view secret);

// A new random secret ("vmk_..."). Thread-safe.
std::string NewSecret();

// "admin", "procurement", "reader"; "" for ROLE_UNSPECIFIED. Pure.
using vendormatch::RoleName;

// INVALID_ARGUMENT naming `field` unless `secret` is kMinSecretLength to
// kMaxSecretLength printable ASCII characters without spaces. Pure.
absl::Status CheckSecret(absl::string_view secret, absl::string_view field);

// The caller a valid key stands for.
struct Principal {
  std::string key_id;
  v1::Role role = v1::ROLE_UNSPECIFIED;
};

// The usable keys of the registry, by secret hash. Thread-safe: Reload swaps
// the whole set under a lock; Authenticate reads it.
class KeyRing {
 public:
  // Reads every key that is not revoked from storage and replaces the
  // set. On error (UNAVAILABLE) the previous set stays: a replica keeps
  // admitting the keys it knew while the database is away.
  absl::Status Reload(Storage& storage);

  // The principal of `secret` when its key exists, is not revoked and has
  // not expired at `now`; UNAUTHENTICATED otherwise, with one message for
  // all three cases, so a caller learns nothing about which keys exist.
  absl::StatusOr<Principal> Authenticate(absl::string_view secret, absl::Time now) const;

  // Keys held (for logs).
  size_t size() const;

 private:
  struct Entry {
    Principal principal;
    absl::Time expire_time = absl::InfiniteFuture();
  };
  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, Entry> by_hash_ ABSL_GUARDED_BY(mu_);
};

// At first start: when no unrevoked admin key exists, stores `secret` as
// the admin key "bootstrap" made by "bootstrap". Returns whether it did.
// Safe when several replicas start at once. Errors: INVALID_ARGUMENT naming
// `field` for an unusable secret; UNAVAILABLE.
absl::StatusOr<bool> BootstrapAdminKey(Storage& storage, absl::string_view secret,
                                       absl::string_view field);

// KeyService logic, callable without a server. `by` is the admin calling.
// Errors: INVALID_ARGUMENT with field violations; NOT_FOUND; UNAVAILABLE;
// FAILED_PRECONDITION when a revocation would leave no usable admin key.
absl::StatusOr<v1::CreateApiKeyResponse> CreateApiKey(Storage& storage,
                                                      const v1::CreateApiKeyRequest& request,
                                                      const CallContext& by, absl::Time now);
absl::StatusOr<v1::ListApiKeysResponse> ListApiKeys(Storage& storage,
                                                    const v1::ListApiKeysRequest& request);
absl::StatusOr<v1::RevokeApiKeyResponse> RevokeApiKey(Storage& storage,
                                                      const v1::RevokeApiKeyRequest& request,
                                                      const CallContext& by);

}  // namespace vendormatch::auth
