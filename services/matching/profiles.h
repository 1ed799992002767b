// Scoring profiles: the ones shipped, and their rows in PostgreSQL.
// Storage functions run inside the caller's transaction and throw libpqxx
// exceptions (see Database::InTransaction).
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/common/call_context.h"
#include "vendormatch/v1/profile.pb.h"

namespace vendormatch {

// balanced, cost_first (BPO-style) and expertise_first (KPO-style), at
// revision 0 (not yet stored).
std::vector<v1::Profile> DefaultProfiles();

// Inserts each default profile that is not stored yet (revision 1, audit
// row by "vendormatch"); existing ones are left as admins changed them.
void SeedProfiles(pqxx::work& txn, const std::vector<v1::Profile>& profiles);

std::vector<v1::Profile> LoadProfiles(pqxx::work& txn);
std::optional<v1::Profile> LoadProfile(pqxx::work& txn, const std::string& id, bool for_update);
void InsertProfile(pqxx::work& txn, const v1::Profile& profile);
// Overwrites a profile stored at `old_revision`; false when it changed.
bool ReplaceProfile(pqxx::work& txn, const v1::Profile& profile, int64_t old_revision);
void InsertProfileAudit(pqxx::work& txn, const std::string& id, const CallContext& by,
                        const std::string& action, int64_t old_revision, int64_t new_revision,
                        const std::vector<std::string>& changed_fields);

// "profiles/{id}" -> id; nullopt when malformed ([a-z][a-z0-9_-]{2,62}).
std::optional<std::string> ProfileIdOf(const std::string& name);

}  // namespace vendormatch
