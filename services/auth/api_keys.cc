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

std::optional<v1::Role> RoleFromName(const std::string& name) {
  for (v1::Role r : {v1::ROLE_ADMIN, v1::ROLE_PROCUREMENT, v1::ROLE_READER}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

void SetTime(const pqxx::field& epoch_micros, google::protobuf::Timestamp* out) {
  const int64_t micros = epoch_micros.as<int64_t>();
  out->set_seconds(micros / 1'000'000);
  out->set_nanos(static_cast<int32_t>(micros % 1'000'000) * 1000);
}

// The columns ApiKeyFromRow reads, in order.
constexpr char kKeyColumns[] =
    "id, role, label, (extract(epoch FROM create_time) * 1000000)::bigint, "
    "(extract(epoch FROM expire_time) * 1000000)::bigint, "
    "(extract(epoch FROM revoke_time) * 1000000)::bigint, creator, revoker";

v1::ApiKey ApiKeyFromRow(const pqxx::row& row) {
  v1::ApiKey key;
  key.set_name(absl::StrCat(kKeyPrefix, row[0].as<std::string>()));
  key.set_role(RoleFromName(row[1].as<std::string>()).value_or(v1::ROLE_UNSPECIFIED));
  key.set_label(row[2].as<std::string>());
  SetTime(row[3], key.mutable_create_time());
  if (!row[4].is_null()) SetTime(row[4], key.mutable_expire_time());
  if (!row[5].is_null()) SetTime(row[5], key.mutable_revoke_time());
  key.set_creator(row[6].as<std::string>());
  key.set_revoker(row[7].as<std::string>());
  return key;
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

std::string RoleName(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN:
      return "admin";
    case v1::ROLE_PROCUREMENT:
      return "procurement";
    case v1::ROLE_READER:
      return "reader";
    default:
      return "";
  }
}

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

absl::Status KeyRing::Reload(Database& db) {
  absl::flat_hash_map<std::string, Entry> keys;
  VM_RETURN_IF_ERROR(db.InTransaction([&](pqxx::work& txn) {
    for (const auto& row : txn.exec(
             "SELECT secret_sha256, id, role, (extract(epoch FROM expire_time) * 1000000)::bigint "
             "FROM api_keys WHERE revoke_time IS NULL")) {
      Entry entry;
      entry.principal.key_id = row[1].as<std::string>();
      entry.principal.role = RoleFromName(row[2].as<std::string>()).value_or(v1::ROLE_UNSPECIFIED);
      if (!row[3].is_null()) entry.expire_time = absl::FromUnixMicros(row[3].as<int64_t>());
      keys[pqxx::binarystring(row[0]).str()] = std::move(entry);
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
    return absl::UnauthenticatedError("API key not accepted");
  }
  return it->second.principal;
}

size_t KeyRing::size() const {
  std::lock_guard lock(mu_);
  return by_hash_.size();
}

absl::StatusOr<bool> BootstrapAdminKey(Database& db, absl::string_view secret,
                                       absl::string_view field) {
  VM_RETURN_IF_ERROR(CheckSecret(secret, field));
  bool inserted = false;
  VM_RETURN_IF_ERROR(db.InTransaction([&](pqxx::work& txn) {
    // Serialises first starts of several replicas.
    txn.exec("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE");
    auto result = txn.exec_params(
        "INSERT INTO api_keys (id, secret_sha256, role, label, creator) "
        "SELECT $1, $2, 'admin', 'first admin key', $1 "
        "WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE role = 'admin' AND revoke_time IS NULL "
        "                  AND (expire_time IS NULL OR expire_time > now())) "
        "ON CONFLICT DO NOTHING",
        std::string(kBootstrap), pqxx::binarystring(HashSecret(secret)));
    inserted = result.affected_rows() == 1;
    return absl::OkStatus();
  }));
  return inserted;
}

absl::StatusOr<v1::CreateApiKeyResponse> CreateApiKey(Database& db,
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
  std::optional<int64_t> expire_micros;
  if (want.has_expire_time()) {
    const absl::Time expire = absl::FromUnixSeconds(want.expire_time().seconds()) +
                              absl::Nanoseconds(want.expire_time().nanos());
    if (expire <= now) {
      violations.Add("api_key.expire_time", "must be in the future");
    } else {
      expire_micros = absl::ToUnixMicros(expire);
    }
  }
  VM_RETURN_IF_ERROR(violations.ToStatus("invalid API key"));

  v1::CreateApiKeyResponse response;
  response.set_secret(NewSecret());
  const std::string id = absl::StrCat("k", absl::BytesToHexString(RandomBytes(8)));
  VM_RETURN_IF_ERROR(db.InTransaction([&](pqxx::work& txn) {
    auto rows = txn.exec_params(
        absl::StrCat("INSERT INTO api_keys (id, secret_sha256, role, label, expire_time, creator) "
                     "VALUES ($1, $2, $3, $4, to_timestamp($5::bigint / 1000000.0), $6) "
                     "RETURNING ",
                     kKeyColumns),
        id, pqxx::binarystring(HashSecret(response.secret())), RoleName(want.role()), want.label(),
        expire_micros, by.key_id);
    *response.mutable_api_key() = ApiKeyFromRow(rows[0]);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::ListApiKeysResponse> ListApiKeys(Database& db,
                                                    const v1::ListApiKeysRequest& request) {
  v1::ListApiKeysResponse response;
  VM_RETURN_IF_ERROR(db.InTransaction([&](pqxx::work& txn) {
    for (const auto& row :
         txn.exec_params(absl::StrCat("SELECT ", kKeyColumns,
                                      " FROM api_keys WHERE $1 OR revoke_time IS NULL "
                                      "ORDER BY create_time, id"),
                         request.show_revoked())) {
      *response.add_api_keys() = ApiKeyFromRow(row);
    }
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::RevokeApiKeyResponse> RevokeApiKey(Database& db,
                                                      const v1::RevokeApiKeyRequest& request,
                                                      const CallContext& by) {
  absl::string_view id = request.name();
  if (!absl::ConsumePrefix(&id, kKeyPrefix) || id.empty() || id.size() > 64) {
    return InvalidField("name", "must be \"apiKeys/{key_id}\"");
  }
  v1::RevokeApiKeyResponse response;
  VM_RETURN_IF_ERROR(db.InTransaction([&](pqxx::work& txn) {
    // Serialises revocations so two admins cannot revoke the last two
    // admin keys at once.
    txn.exec("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE");
    auto current = txn.exec_params(
        "SELECT role, revoke_time IS NOT NULL FROM api_keys WHERE id = $1", std::string(id));
    if (current.empty()) {
      return absl::NotFoundError(absl::StrCat("no API key ", request.name()));
    }
    if (!current[0][1].as<bool>() && current[0][0].as<std::string>() == "admin") {
      auto others = txn.exec_params(
          "SELECT count(*) FROM api_keys WHERE role = 'admin' AND revoke_time IS NULL "
          "AND (expire_time IS NULL OR expire_time > now()) AND id <> $1",
          std::string(id));
      if (others[0][0].as<int64_t>() == 0) {
        return absl::FailedPreconditionError(
            "cannot revoke the last usable admin key: create another admin key first");
      }
    }
    auto rows = txn.exec_params(
        absl::StrCat("UPDATE api_keys SET revoke_time = coalesce(revoke_time, now()), "
                     "revoker = CASE WHEN revoke_time IS NULL THEN $2 ELSE revoker END "
                     "WHERE id = $1 RETURNING ",
                     kKeyColumns),
        std::string(id), by.key_id);
    *response.mutable_api_key() = ApiKeyFromRow(rows[0]);
    return absl::OkStatus();
  }));
  return response;
}

}  // namespace vendormatch::auth
