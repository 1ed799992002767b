// Synthetic registries for tests and benchmarks: provider i drawn on its own
// (random access), its kind and status by the options' shares, its
// headquarters weighted as the sample registry's are, its supplier-diversity
// classifications from a second stream of its own.
#include "services/registry/generator.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "services/registry/generator_builder.h"
#include "services/registry/generator_rng.h"
#include "services/registry/generator_tables.h"

namespace vendormatch {
namespace {

using ::vendormatch::gen::Country;
using ::vendormatch::gen::CountryId;
using ::vendormatch::gen::kCountries;
using ::vendormatch::gen::kCountryCount;
using ::vendormatch::gen::Kind;
using ::vendormatch::gen::Rng;
using ::vendormatch::gen::Threshold;
using ::vendormatch::v1::Provider;

// Cumulative headquarters weights per kind (the sample registry's plan),
// built once.
struct CountryPicker {
  int cumulative[3][kCountryCount];
  CountryPicker() : cumulative{} {
    int sums[3] = {0, 0, 0};
    for (int i = 0; i < kCountryCount; ++i) {
      for (int k = 0; k < 3; ++k) {
        sums[k] += kCountries[i].plan[k];
        cumulative[k][i] = sums[k];
      }
    }
  }
  CountryId Pick(Kind kind, Rng& rng) const {
    const int* c = cumulative[kind];
    const int r = static_cast<int>(rng.Below(c[kCountryCount - 1]));
    return static_cast<CountryId>(std::upper_bound(c, c + kCountryCount, r) - c);
  }
};

const CountryPicker& Picker() {
  static const CountryPicker picker;
  return picker;
}

// Writes "providers/gen-" and `index` zero-padded to `width` digits.
void WriteId(int64_t index, int width, std::string* out) {
  char digits[24];
  int n = 0;
  uint64_t v = static_cast<uint64_t>(index);
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out->assign("providers/gen-");
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(digits[--n]);
}

Kind PickKind(const GeneratorOptions& options, Rng& rng) {
  const uint64_t kpo = Threshold(options.kpo_share);
  const uint64_t both = std::min(Threshold(options.both_share), (uint64_t{1} << 32) - kpo);
  const uint64_t r = rng.Next() >> 32;
  return r < kpo ? gen::kKpo : (r < kpo + both ? gen::kBoth : gen::kBpo);
}

Provider::Status PickStatus(const GeneratorOptions& options, Rng& rng) {
  const uint64_t active = Threshold(options.active_share);
  const uint64_t suspended =
      std::min(Threshold(options.suspended_share), (uint64_t{1} << 32) - active);
  const uint64_t r = rng.Next() >> 32;
  if (r < active) return Provider::STATUS_ACTIVE;
  if (r < active + suspended) return Provider::STATUS_SUSPENDED;
  return Provider::STATUS_PENDING;
}

}  // namespace

void GenerateProviderInto(int64_t index, const GeneratorOptions& options, Provider& out) {
  out.Clear();
  const uint64_t state =
      gen::Mix64(gen::Mix64(options.seed + gen::kGolden) + static_cast<uint64_t>(index));
  Rng rng(state);
  const Kind kind = PickKind(options, rng);
  const CountryId hq = Picker().Pick(kind, rng);
  gen::ProviderBuilder(rng, hq, kind, out).Build([&](const Country& c) -> absl::string_view {
    return rng.Pick(c.roots);
  });
  WriteId(index, options.id_width, out.mutable_name());
  out.set_status(PickStatus(options, rng));
  if (out.status() == Provider::STATUS_PENDING) {  // New: few or no reviews yet.
    v1::QualitySignals* q = out.mutable_quality();
    q->set_review_count(rng.Between(0, 12));
    if (q->review_count() == 0) q->clear_rating();
  }
  if (rng.Under(Threshold(options.expired_certificate_share))) {
    gen::AddExpiredCertificate(rng, out);
  }
  // On a stream of their own: the other fields draw as before they existed.
  Rng diversity(gen::Mix64(state ^ gen::kDiversityStream));
  gen::AddDiversityClassifications(diversity, hq, out);
}

Provider GenerateProvider(int64_t index, const GeneratorOptions& options) {
  Provider p;
  GenerateProviderInto(index, options, p);
  return p;
}

void GenerateProviders(int64_t count, const GeneratorOptions& options,
                       absl::FunctionRef<void(int64_t, Provider&)> sink) {
  Provider p;
  for (int64_t i = 0; i < count; ++i) {
    GenerateProviderInto(i, options, p);
    sink(i, p);
  }
}

}  // namespace vendormatch
