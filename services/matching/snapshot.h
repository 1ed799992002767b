// The in-memory registry snapshot matching reads from: the active providers
// in the SDK's shape, immutable once built, shared by every match that
// started on it.
#pragma once

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/storage/database.h"
#include "vendormatch/plugin_sdk.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

struct Snapshot {
  // The newest audit event id the snapshot includes: every registry change
  // writes one, so equal revisions mean equal registries.
  int64_t revision = 0;
  absl::Time built_at;
  std::vector<sdk::Provider> providers;  // active only, sorted by id
};

// Converts a stored provider to the SDK's shape. Time zones are loaded
// (an unloadable one becomes UTC; validation keeps them out). Pure.
sdk::Provider ToSdkProvider(const v1::Provider& provider);

// Reads every active provider and the revision in one REPEATABLE READ
// transaction. Errors: as Database::InTransaction.
absl::StatusOr<std::shared_ptr<const Snapshot>> LoadSnapshot(Database& db);

}  // namespace vendormatch
