// Scoring profiles: the ones shipped, and seeding them into storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/storage/storage.h"
#include "vendormatch/v1/profile.pb.h"

namespace vendormatch {

// balanced, cost_first (BPO-style) and expertise_first (KPO-style), at
// revision 0 (not yet stored).
std::vector<v1::Profile> DefaultProfiles();

// Inserts each default profile that is not stored yet (revision 1, audit
// row by "vendormatch"), in one transaction; existing ones are left as
// admins changed them. Safe when replicas start together. Errors: as
// Storage::InTransaction.
absl::Status SeedProfiles(Storage& storage, const std::vector<v1::Profile>& profiles);

// "profiles/{id}" -> id; nullopt when malformed ([a-z][a-z0-9_-]{2,62}).
std::optional<std::string> ProfileIdOf(const std::string& name);

}  // namespace vendormatch
