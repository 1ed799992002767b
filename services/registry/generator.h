// Deterministic synthetic providers for tests and benchmarks (up to millions).
//
// Contracts:
//  - Reproducible: provider i depends only on (i, options). The same
//    (count, options) gives byte-identical providers (SerializeAsString) on
//    every platform and compiler: the generator uses its own PRNG (splitmix64)
//    and its own integer-to-range mapping, integer arithmetic for money, and
//    no std:: distributions, locale or hash-order dependent containers.
//    Changing the generator's tables changes the output; bump nothing, but
//    expect golden values in tests to move.
//  - Random access: GenerateProvider(i, options) equals the i-th provider of
//    GenerateProviders(count > i, options), byte for byte.
//  - Valid: every provider passes NormalizeProvider + ValidateProvider
//    (services/domain/validation.h) with no violations, and
//    NormalizeProvider leaves it unchanged (codes are already canonical).
//    Output-only fields (create_time, update_time, revision, etag) are unset.
//  - Realistic: BPO, KPO and mixed providers headquartered in 24 countries,
//    delivery centres in real cities with their IANA time zones (some in a
//    second country), rate cards at market levels for the centre's country
//    (offshore BPO about $8-16/h, onshore KPO about $80-200/h) in USD or a
//    local currency, certifications (some expired before 2026-01-01),
//    industries, languages, ratings and talent profiles consistent with the
//    service model.
//  - Identity: name "providers/gen-<index>", the index zero-padded to
//    `id_width` digits ("providers/gen-00000042"); display names are
//    deterministic but not unique.
//  - Fast: well over 200k providers per second on one core when the sink
//    does little (GenerateProviders reuses one message and its buffers).
//  - Thread-safe: no shared mutable state; several threads may generate
//    disjoint index ranges at once.
#pragma once

#include <cstdint>

#include "absl/functional/function_ref.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

struct GeneratorOptions {
  // Selects the data set; provider i depends only on (i, seed, the shares).
  uint64_t seed = 1;
  // Expected share of providers with STATUS_ACTIVE.
  double active_share = 0.9;
  // Expected share with STATUS_SUSPENDED; what is left after active and
  // suspended is STATUS_PENDING. Shares are clamped to [0, 1] and suspended
  // gets at most 1 - active_share.
  double suspended_share = 0.06;
  // Expected shares of service models: KPO only and both BPO and KPO; the
  // rest is BPO only. Clamped the same way.
  double kpo_share = 0.35;
  double both_share = 0.10;
  // Expected share of providers holding one certificate that expired before
  // 2026-01-01 (besides their valid ones).
  double expired_certificate_share = 0.05;
  // Zero-padding of the index in ids; at least 1. Indexes with more digits
  // are written in full.
  int id_width = 8;
};

// Calls sink(i, provider) for i in [0, count), in order; nothing when
// count <= 0. The provider object is reused between calls: the sink may read,
// modify or move from it, but must not keep a pointer to it.
void GenerateProviders(int64_t count, const GeneratorOptions& options,
                       absl::FunctionRef<void(int64_t, vendormatch::v1::Provider&)> sink);

// The provider with `index` (>= 0), as GenerateProviders would produce it.
vendormatch::v1::Provider GenerateProvider(int64_t index, const GeneratorOptions& options);

// Overwrites `out` (cleared first) with the provider with `index`; the
// allocation-saving form of GenerateProvider.
void GenerateProviderInto(int64_t index, const GeneratorOptions& options,
                          vendormatch::v1::Provider& out);

}  // namespace vendormatch
