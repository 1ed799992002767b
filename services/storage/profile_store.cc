// SQL over the profiles and profile_audit_events tables.
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/storage/database.h"
#include "services/storage/pg_transaction.h"
#include "services/storage/postgres_storage.h"

namespace vendormatch {
namespace {

class PgProfileStore final : public ProfileStore {
 public:
  std::vector<v1::Profile> LoadAll(Transaction& txn) override {
    std::vector<v1::Profile> out;
    for (const auto& row : Work(txn).exec("SELECT body FROM profiles ORDER BY id")) {
      out.push_back(ParseBytea<v1::Profile>(row[0]));
    }
    return out;
  }

  std::optional<v1::Profile> Load(Transaction& txn, const std::string& id,
                                  bool for_update) override {
    auto rows =
        Work(txn).exec_params(for_update ? "SELECT body FROM profiles WHERE id = $1 FOR UPDATE"
                                         : "SELECT body FROM profiles WHERE id = $1",
                              id);
    if (rows.empty()) return std::nullopt;
    return ParseBytea<v1::Profile>(rows[0][0]);
  }

  absl::StatusOr<bool> Insert(Transaction& txn, const std::string& id, const v1::Profile& p,
                              bool if_absent) override {
    const std::string sql = absl::StrCat(
        "INSERT INTO profiles (id, revision, update_time, body) VALUES ($1, $2, "
        "$3::timestamptz, $4)",
        if_absent ? " ON CONFLICT (id) DO NOTHING" : "");
    try {
      auto result = Work(txn).exec_params(
          sql, id, p.revision(), google::protobuf::util::TimeUtil::ToString(p.update_time()),
          pqxx::binarystring(p.SerializeAsString()));
      return result.affected_rows() == 1;
    } catch (const pqxx::unique_violation&) {
      return absl::AlreadyExistsError(absl::StrCat("profile \"", id, "\" already exists"));
    }
  }

  bool Replace(Transaction& txn, const std::string& id, const v1::Profile& p,
               int64_t old_revision) override {
    auto r = Work(txn).exec_params(
        "UPDATE profiles SET revision = $2, update_time = $3::timestamptz, body = $4 "
        "WHERE id = $1 AND revision = $5",
        id, p.revision(), google::protobuf::util::TimeUtil::ToString(p.update_time()),
        pqxx::binarystring(p.SerializeAsString()), old_revision);
    return r.affected_rows() == 1;
  }

  void AppendAudit(Transaction& txn, const ProfileAuditRecord& r) override {
    Work(txn).exec_params(
        "INSERT INTO profile_audit_events (profile_id, actor, action, old_revision, "
        "new_revision, changed_fields, key_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        r.profile_id, r.by.actor, r.action, r.old_revision, r.new_revision,
        ToPgArray(r.changed_fields), r.by.key_id);
  }
};

}  // namespace

std::unique_ptr<ProfileStore> NewPgProfileStore() { return std::make_unique<PgProfileStore>(); }

}  // namespace vendormatch
