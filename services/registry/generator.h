// Deterministic synthetic providers: the synthetic registries of tests and
// benchmarks (up to millions, GenerateProviders) and the sample registry of
// local development (deploy/local/sample/providers.yaml,
// GenerateSampleRegistry). Both draw every provider the same way from one set
// of tables (generator_tables.h); they differ in how they pick kinds,
// countries, names and statuses.
//
// Contracts:
//  - Reproducible: the same arguments give byte-identical providers
//    (SerializeAsString) on every platform and compiler: the generator uses
//    its own PRNG (splitmix64) and its own integer-to-range mapping, rates in
//    IEEE doubles with products and quotients only (no fused multiply-add
//    can apply), its own round-half-even, and no std:: distributions, locale
//    or hash-order dependent containers. Changing the generator's tables or
//    draws changes the output: the golden fingerprint in
//    tests/unit/generator_test.cc moves, and the committed sample registry
//    must be written again (a test compares it with the generator's).
//  - Random access (synthetic): provider i depends only on (i, options);
//    GenerateProvider(i, options) equals the i-th provider of
//    GenerateProviders(count > i, options), byte for byte.
//  - Valid: every provider passes NormalizeProvider + ValidateProvider
//    (services/domain/validation.h) with no violations, and
//    NormalizeProvider leaves it unchanged (codes are already canonical).
//    Output-only fields (create_time, update_time, revision, etag) are unset.
//  - Realistic: BPO, KPO and mixed providers headquartered in 24 countries,
//    delivery centres in real cities with their IANA time zones (some in a
//    second or third country), rate cards at market levels for the largest
//    centre's country (offshore BPO about $8-16/h, nearshore $14-25/h,
//    onshore $28-45/h; KPO $20-45/h offshore up to $80-200/h onshore) in USD
//    or a local currency, certifications (some expired before 2026-01-01),
//    industries, languages, ratings and talent profiles consistent with what
//    the provider does (its archetypes: contact centre, legal process, ...),
//    and supplier-diversity classifications for about one provider in five
//    (a few hold two) as their headquarters country has them (WBENC,
//    NMSDC, the SBA's programmes for small firms in the US, Social
//    Enterprise UK, B Lab, ...), dated as of November 2026: issued before
//    it, about one in ten lapsed in the year before it, many lapsing in the
//    months after it. They come from a stream of their own (seeded from
//    the same arguments), so the other fields draw as they did before the
//    field existed.
//  - Identity (synthetic): name "providers/gen-<index>", the index
//    zero-padded to `id_width` digits ("providers/gen-00000042"); display
//    names are deterministic but not unique. The sample registry's ids are
//    its display names in lower case ("providers/arenal-connect"), unique.
//  - Fast: well over 200k synthetic providers per second on one core when
//    the sink does little (GenerateProviders reuses one message and its
//    buffers).
//  - Thread-safe: no shared mutable state; several threads may generate
//    disjoint index ranges at once.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

// The synthetic registries. Headquarters are weighted as the sample
// registry's; pending providers have 0-12 reviews (no rating with none).
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

// The seed of the committed sample registry.
inline constexpr uint64_t kSampleSeed = 20251115;

// The sample registry: 171 providers with their headquarters spread as the
// market's are (18 in the Philippines, 22 in India, 16 in the United States,
// ...), unique display names and ids derived from them, all active but 10
// suspended and 5 pending (one of them without reviews yet), 12 holding an
// expired certificate and 2 with a new centre still hiring (more seats free
// than staff), about a fifth holding a supplier-diversity classification. In
// order of name. Another seed gives another registry of the
// same shape.
std::vector<vendormatch::v1::Provider> GenerateSampleRegistry(uint64_t seed = kSampleSeed);

}  // namespace vendormatch
