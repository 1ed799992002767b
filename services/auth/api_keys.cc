#include "services/auth/api_keys.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <optional>
#include <stdexcept>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/common/error_details.h"
#include "services/common/error_info.h"
#include "services/common/field_violations.h"
#include "services/common/status_macros.h"

namespace vendormatch::auth {
namespace {

constexpr char kKeyPrefix[] = "apiKeys/";
constexpr char kBootstrap[] = "bootstrap";

std::string RandomBytes(size_t n) {
  std::string bytes(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return bytes;
}

bool IsPrintableLabel(absl::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

}  // namespace

std::string HashSecret(absl::string_view secret) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(secret.data(), secret.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string NewSecret() { return absl::StrCat("vmk_", absl::WebSafeBase64Escape(RandomBytes(32))); }

absl::Status CheckSecret(absl::string_view secret, absl::string_view field) {
  if (secret.size() < kMinSecretLength || secret.size() > kMaxSecretLength) {
    return InvalidField(field, absl::StrCat("an API key must be ", kMinSecretLength, " to ",
                                            kMaxSecretLength, " characters long"));
  }
  for (unsigned char c : secret) {
    if (c <= 0x20 || c >= 0x7F) {
      return InvalidField(field, "an API key must be printable ASCII without spaces");
    }
  }
  return absl::OkStatus();
}

absl::Status KeyRing::Reload(Storage& storage) {
  absl::flat_hash_map<std::string, Entry> keys;
  VM_RETURN_IF_ERROR(storage.InTransaction([&](Transaction& txn) {
    for (StoredKey& stored : storage.keys().LoadUnrevoked(txn)) {
      Entry entry;
      entry.principal.key_id = std::move(stored.id);
      entry.principal.role = stored.role;
      if (stored.expire_time) entry.expire_time = *stored.expire_time;
      keys[std::move(stored.secret_sha256)] = std::move(entry);
    }
    return absl::OkStatus();
  }));
  std::lock_guard lock(mu_);
  by_hash_ = std::move(keys);
  return absl::OkStatus();
}

absl::StatusOr<Principal> KeyRing::Authenticate(absl::string_view secret, absl::Time now) const {
  const std::string hash = HashSecret(secret);
  std::lock_guard lock(mu_);
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end() || now >= it->second.expire_time) {
    return WithErrorInfo(absl::UnauthenticatedError("API key not accepted"), "API_KEY_INVALID");
  }
  return it->second.principal;
}

size_t KeyRing::size() const {
  std::lock_guard lock(mu_);
  return by_hash_.size();
}

absl::StatusOr<bool> BootstrapAdminKey(Storage& storage, absl::string_view secret,
                                       absl::string_view field) {
  VM_RETURN_IF_ERROR(CheckSecret(secret, field));
  bool inserted = false;
  VM_RETURN_IF_ERROR(storage.InTransaction([&](Transaction& txn) -> absl::Status {
    // Serialises first starts of several replicas.
    storage.keys().LockForChange(txn);
    if (storage.keys().CountUsableAdmins(txn, "") > 0) return absl::OkStatus();
    // The bootstrap key was made once and then revoked or expired: an admin
    // must make the next admin key.
    if (storage.keys().Find(txn, kBootstrap)) return absl::OkStatus();
    VM_RETURN_IF_ERROR(storage.keys()
                           .Insert(txn, {.id = kBootstrap,
                                         .secret_sha256 = HashSecret(secret),
                                         .role = v1::ROLE_ADMIN,
                                         .label = "first admin key",
                                         .expire_time = std::nullopt,
                                         .creator = kBootstrap})
                           .status());
    inserted = true;
    return absl::OkStatus();
  }));
  return inserted;
}

absl::StatusOr<v1::CreateApiKeyResponse> CreateApiKey(Storage& storage,
                                                      const v1::CreateApiKeyRequest& request,
                                                      const CallContext& by, absl::Time now) {
  const v1::ApiKey& want = request.api_key();
  FieldViolations violations;
  if (want.role() == v1::ROLE_UNSPECIFIED) {
    violations.Add("api_key.role", "required: ROLE_ADMIN, ROLE_PROCUREMENT or ROLE_READER");
  } else if (RoleName(want.role()).empty()) {
    violations.Add("api_key.role", "unknown role");
  }
  if (want.label().empty() || want.label().size() > kMaxLabelLength ||
      !IsPrintableLabel(want.label())) {
    violations.Add("api_key.label", absl::StrCat("required: 1 to ", kMaxLabelLength,
                                                 " printable characters saying what it is for"));
  }
  std::optional<absl::Time> expire_time;
  if (want.has_expire_time()) {
    const absl::Time expire = absl::FromUnixSeconds(want.expire_time().seconds()) +
                              absl::Nanoseconds(want.expire_time().nanos());
    if (expire <= now) {
      violations.Add("api_key.expire_time", "must be in the future");
    } else {
      expire_time = expire;
    }
  }
  VM_RETURN_IF_ERROR(violations.ToStatus("invalid API key"));

  v1::CreateApiKeyResponse response;
  response.set_secret(NewSecret());
  const std::string id = absl::StrCat("k", absl::BytesToHexString(RandomBytes(8)));
  VM_RETURN_IF_ERROR(storage.InTransaction([&](Transaction& txn) -> absl::Status {
    VM_ASSIGN_OR_RETURN(*response.mutable_api_key(),
                        storage.keys().Insert(txn, {.id = id,
                                                    .secret_sha256 = HashSecret(response.secret()),
                                                    .role = want.role(),
                                                    .label = want.label(),
                                                    .expire_time = expire_time,
                                                    .creator = by.key_id}));
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::ListApiKeysResponse> ListApiKeys(Storage& storage,
                                                    const v1::ListApiKeysRequest& request) {
  v1::ListApiKeysResponse response;
  VM_RETURN_IF_ERROR(storage.InTransaction([&](Transaction& txn) {
    for (v1::ApiKey& key : storage.keys().List(txn, request.show_revoked())) {
      *response.add_api_keys() = std::move(key);
    }
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::RevokeApiKeyResponse> RevokeApiKey(Storage& storage,
                                                      const v1::RevokeApiKeyRequest& request,
                                                      const CallContext& by) {
  absl::string_view id = request.name();
  if (!absl::ConsumePrefix(&id, kKeyPrefix) || id.empty() || id.size() > 64) {
    return InvalidField("name", "must be \"apiKeys/{key_id}\"");
  }
  v1::RevokeApiKeyResponse response;
  VM_RETURN_IF_ERROR(storage.InTransaction([&](Transaction& txn) -> absl::Status {
    // Serialises revocations so two admins cannot revoke the last two
    // admin keys at once.
    storage.keys().LockForChange(txn);
    const std::optional<v1::ApiKey> current = storage.keys().Find(txn, std::string(id));
    if (!current) {
      return NotFound(Resource::kApiKey, request.name(),
                      absl::StrCat("no API key ", request.name()));
    }
    if (!current->has_revoke_time() && current->role() == v1::ROLE_ADMIN &&
        storage.keys().CountUsableAdmins(txn, std::string(id)) == 0) {
      return FailedPrecondition(
          "LAST_ADMIN_KEY", "ADMIN_KEYS", request.name(),
          "cannot revoke the last usable admin key: create another admin key first");
    }
    VM_ASSIGN_OR_RETURN(*response.mutable_api_key(),
                        storage.keys().Revoke(txn, std::string(id), by.key_id));
    return absl::OkStatus();
  }));
  return response;
}

}  // namespace vendormatch::auth
