// SQL over the api_keys table.
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "services/domain/names.h"
#include "services/storage/pg_transaction.h"
#include "services/storage/postgres_storage.h"

namespace vendormatch {
namespace {

void SetTime(const pqxx::field& epoch_micros, google::protobuf::Timestamp* out) {
  const int64_t micros = epoch_micros.as<int64_t>();
  out->set_seconds(micros / 1'000'000);
  out->set_nanos(static_cast<int32_t>(micros % 1'000'000) * 1000);
}

// The columns KeyFromRow reads, in order.
constexpr char kKeyColumns[] =
    "id, role, label, (extract(epoch FROM create_time) * 1000000)::bigint, "
    "(extract(epoch FROM expire_time) * 1000000)::bigint, "
    "(extract(epoch FROM revoke_time) * 1000000)::bigint, creator, revoker";

v1::ApiKey KeyFromRow(const pqxx::row& row) {
  v1::ApiKey key;
  key.set_name(absl::StrCat("apiKeys/", row[0].as<std::string>()));
  key.set_role(RoleFromName(row[1].as<std::string>()).value_or(v1::ROLE_UNSPECIFIED));
  key.set_label(row[2].as<std::string>());
  SetTime(row[3], key.mutable_create_time());
  if (!row[4].is_null()) SetTime(row[4], key.mutable_expire_time());
  if (!row[5].is_null()) SetTime(row[5], key.mutable_revoke_time());
  key.set_creator(row[6].as<std::string>());
  key.set_revoker(row[7].as<std::string>());
  return key;
}

std::optional<int64_t> Micros(const std::optional<absl::Time>& t) {
  if (!t) return std::nullopt;
  return absl::ToUnixMicros(*t);
}

class PgKeyStore final : public KeyStore {
 public:
  void LockForChange(Transaction& txn) override {
    Work(txn).exec("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE");
  }

  std::vector<StoredKey> LoadUnrevoked(Transaction& txn) override {
    std::vector<StoredKey> out;
    for (const auto& row : Work(txn).exec(
             "SELECT secret_sha256, id, role, (extract(epoch FROM expire_time) * 1000000)::bigint "
             "FROM api_keys WHERE revoke_time IS NULL")) {
      StoredKey key;
      key.secret_sha256 = pqxx::binarystring(row[0]).str();
      key.id = row[1].as<std::string>();
      key.role = RoleFromName(row[2].as<std::string>()).value_or(v1::ROLE_UNSPECIFIED);
      if (!row[3].is_null()) key.expire_time = absl::FromUnixMicros(row[3].as<int64_t>());
      out.push_back(std::move(key));
    }
    return out;
  }

  std::optional<v1::ApiKey> Find(Transaction& txn, const std::string& id) override {
    auto rows = Work(txn).exec_params(
        absl::StrCat("SELECT ", kKeyColumns, " FROM api_keys WHERE id = $1"), id);
    if (rows.empty()) return std::nullopt;
    return KeyFromRow(rows[0]);
  }

  int64_t CountUsableAdmins(Transaction& txn, const std::string& except_id) override {
    return Work(txn)
        .exec_params1(
            "SELECT count(*) FROM api_keys WHERE role = 'admin' AND revoke_time IS NULL "
            "AND (expire_time IS NULL OR expire_time > now()) AND id <> $1",
            except_id)[0]
        .as<int64_t>();
  }

  absl::StatusOr<v1::ApiKey> Insert(Transaction& txn, const NewKey& k) override {
    try {
      auto rows = Work(txn).exec_params(
          absl::StrCat(
              "INSERT INTO api_keys (id, secret_sha256, role, label, expire_time, creator) "
              "VALUES ($1, $2, $3, $4, to_timestamp($5::bigint / 1000000.0), $6) RETURNING ",
              kKeyColumns),
          k.id, pqxx::binarystring(k.secret_sha256), RoleName(k.role), k.label,
          Micros(k.expire_time), k.creator);
      return KeyFromRow(rows[0]);
    } catch (const pqxx::unique_violation&) {
      return absl::AlreadyExistsError(absl::StrCat("API key \"", k.id, "\" already exists"));
    }
  }

  std::vector<v1::ApiKey> List(Transaction& txn, bool show_revoked) override {
    std::vector<v1::ApiKey> out;
    for (const auto& row :
         Work(txn).exec_params(absl::StrCat("SELECT ", kKeyColumns,
                                            " FROM api_keys WHERE $1 OR revoke_time IS NULL "
                                            "ORDER BY create_time, id"),
                               show_revoked)) {
      out.push_back(KeyFromRow(row));
    }
    return out;
  }

  absl::StatusOr<v1::ApiKey> Revoke(Transaction& txn, const std::string& id,
                                    const std::string& revoker) override {
    auto rows = Work(txn).exec_params(
        absl::StrCat("UPDATE api_keys SET revoke_time = coalesce(revoke_time, now()), "
                     "revoker = CASE WHEN revoke_time IS NULL THEN $2 ELSE revoker END "
                     "WHERE id = $1 RETURNING ",
                     kKeyColumns),
        id, revoker);
    if (rows.empty()) return absl::NotFoundError(absl::StrCat("no API key apiKeys/", id));
    return KeyFromRow(rows[0]);
  }
};

}  // namespace

std::unique_ptr<KeyStore> NewPgKeyStore() { return std::make_unique<PgKeyStore>(); }

}  // namespace vendormatch
