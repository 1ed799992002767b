// Internal to vm_generator: one provider drawn from the shared tables, the
// same way for every flavour (the synthetic registries of tests and benches,
// generator.cc, and the sample registry, generator_sample.cc).
#pragma once

#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "services/registry/generator_rng.h"
#include "services/registry/generator_tables.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch::gen {

// Fills a cleared provider with everything but its name and status: names,
// headquarters, service models and services, delivery centres, languages,
// certificates, industries, rate card, minimum engagement, quality, talent,
// declared delivery models and description. Draws from `rng` in a fixed
// order; the caller picks the kind and the headquarters country.
class ProviderBuilder {
 public:
  // Picks the root of the display name among the country's roots.
  using PickRoot = absl::FunctionRef<absl::string_view(const Country&)>;

  ProviderBuilder(Rng& rng, CountryId hq, Kind kind, v1::Provider& out)
      : rng_(rng), hq_(hq), kind_(kind), out_(out) {}

  void Build(PickRoot pick_root);

 private:
  struct Centre {
    CountryId country;
    uint8_t city;
    int headcount;
    int seats;
    bool round_the_clock;
    const ShiftPlan* plan;  // Null: default hours.
  };
  static constexpr int kMaxCentres = 7;  // 3 cities at home, 2 in each of 2 partners.
  static constexpr int kMaxServices = 16;

  const Country& Hq() const { return kCountries[hq_]; }
  const Archetype& Arch(int i) const { return kArchetypes[archetypes_[i]]; }
  bool OffersBpo() const { return kind_ != kKpo; }

  void ChooseArchetypes();
  ArchetypeId PickWeighted(const Affinity& affinity);
  void Names(PickRoot pick_root);
  void Services();
  void DeliveryCenters();
  int TotalHeadcount();
  int CentreCountries(CountryId* countries);
  int ChooseSites(int total, CountryId* site_country, uint8_t* site_city);
  void AddCentre(CountryId country, uint8_t city, int headcount);
  void WriteCentres();
  void RateCard();
  void AddRate(const Service* service, const SeniorityBand& band, double usd,
               v1::ServiceModel model);
  void Languages();
  void Certifications();
  void Industries();
  void MinimumEngagement();
  void QualityAndTalent();
  void DeclaredModels();
  void Description();

  Rng& rng_;
  const CountryId hq_;
  const Kind kind_;
  v1::Provider& out_;
  ArchetypeId archetypes_[2] = {kContactCenter, kContactCenter};
  int archetype_count_ = 1;
  // Arrays are filled before they are read (and left uninitialised: this
  // runs for every provider of benchmarks of millions).
  const Service* services_[kMaxServices];
  int service_count_ = 0;
  Centre centres_[kMaxCentres];
  int centre_count_ = 0;
  const Currency* currency_ = nullptr;
  double kpo_cap_ = 0;                  // Of the largest centre's rate tier.
  const Industry* industries_[2] = {};  // The first two, for the description.
};

// Adds `cert` dated by the rules of the sample registry: a valid one
// expires between March 2026 and the end of its validity, an expired one
// ran out between March 2024 and December 2025; never issued after October
// 2025; issued by one of its plausible bodies.
void AddCertificate(Rng& rng, const Cert& cert, bool expired, v1::Provider& out);

// Adds a certificate that has expired: one of kExpirable that `out` does
// not hold (none when it holds them all).
void AddExpiredCertificate(Rng& rng, v1::Provider& out);

// The month (counted from year 0) the generator's supplier-diversity
// classifications are dated from: November 2026. Every one was issued
// before it; some lapsed in the twelve months before it; the others run
// from it to the end of their validity, so many lapse in the months after.
inline constexpr int kDiversityAsOf = 2026 * 12 + 10;

// Seeds the stream AddDiversityClassifications draws from, apart from the
// stream of the provider's other fields: mixed with what seeds those.
inline constexpr uint64_t kDiversityStream = 0xD1CE5EEDC1A55E5ULL;

// Gives `out`, headquartered in `hq`, the supplier-diversity classifications
// of some providers there (kDiversity: about one provider in five overall
// holds one, a few two; the small-business ones only when its centres have
// fewer than kSmallFirmStaff staff), each with its certifying body, a
// certificate number and dates as of kDiversityAsOf. Reads the provider's
// centres; draws from `rng` only.
void AddDiversityClassifications(Rng& rng, CountryId hq, v1::Provider& out);

}  // namespace vendormatch::gen
