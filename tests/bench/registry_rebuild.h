// The start-up rebuild figure: generated providers stored in the real
// registry schema (migrations applied, one row per provider with its
// serialised body and filter columns), then LoadSnapshot timed on it.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "services/registry/generator.h"

namespace vendormatch::bench {

struct RebuildStats {
  int64_t providers = 0;       // rows stored
  int64_t loaded = 0;          // providers in the rebuilt snapshot
  double store_seconds = 0;    // COPY into providers, then VACUUM ANALYZE
  double body_bytes_mean = 0;  // serialised Provider
  double rebuild_seconds = 0;  // LoadSnapshot
};

// Stores `count` providers from the generator into the database at `url`
// (which must be empty: migrations are applied to it) and times
// LoadSnapshot. Errors: as Database and ApplyMigrations.
absl::StatusOr<RebuildStats> MeasureRebuild(const std::string& url, int64_t count,
                                            const GeneratorOptions& options);

}  // namespace vendormatch::bench
