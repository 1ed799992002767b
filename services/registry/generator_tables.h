// Internal to vm_generator: the one set of reference tables every flavour of
// synthetic providers draws from (countries with their cities, IANA time
// zones, name roots, legal forms, languages, currencies and rate tiers; what
// providers do: services, industries, certificates, qualifications; the
// supplier-diversity classifications they hold).
//
// Lists are `List`s: up to N entries and their number, written as braced
// lists. The order of every list is part of the output: draws pick by
// position, so reordering, adding or removing an entry changes the generated
// providers (and the sample registry, deploy/local/sample/providers.yaml,
// which a test compares with what the generator writes).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>

#include "absl/strings/string_view.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch::gen {

// Up to N entries of a table, and how many: a braced list in the tables
// (more than N entries do not compile).
template <typename T, int N>
struct List {
  constexpr List() = default;
  constexpr List(std::initializer_list<T> items) : size(static_cast<int>(items.size())) {
    int i = 0;
    for (const T& item : items) data[i++] = item;
  }
  constexpr const T& operator[](int i) const { return data[i]; }
  constexpr const T* begin() const { return data; }
  constexpr const T* end() const { return data + size; }

  T data[N] = {};
  int size = 0;
};

enum CountryId : uint8_t {
  kPH,
  kIN,
  kMX,
  kCO,
  kCR,
  kJM,
  kBR,
  kAR,
  kPL,
  kRO,
  kBG,
  kPT,
  kMA,
  kEG,
  kZA,
  kKE,
  kVN,
  kMY,
  kLK,
  kUS,
  kCA,
  kIE,
  kGB,
  kDE,
  kCountryCount
};

enum CurrencyId : uint8_t { kUSD, kEUR, kGBP, kCAD, kINR, kPHP, kMXN, kPLN, kRON, kZAR, kBRL };

enum RateTierId : uint8_t {
  kOffshore,
  kOffshoreMid,
  kNearshoreLatam,
  kNearshoreCr,
  kNearshoreEu,
  kNearshorePt,
  kOnshoreUs,
  kOnshoreCa,
  kOnshoreIe,
  kOnshoreGb,
  kOnshoreDe,
};

// Where clients of a centre in the country typically sit: what the centre
// lets its provider declare.
enum Market : uint8_t { kOnshoreMarket, kNearshoreHub, kOffshoreMarket };

enum ShiftOptionsId : uint8_t {
  kBpoOffshoreNights,  // Offshore centres serving US hours.
  kBpoOffshoreDays,
  kBpoNearshore,
  kBpoOnshore,
  kKpoIndia,
  kKpoPhilippines,
  kKpoElsewhere,
};

enum ArchetypeId : uint8_t {
  kContactCenter,
  kTechSupport,
  kBackOffice,
  kFinanceHr,
  kHealthcareBpo,
  kTrustSafety,
  kCollectionAgency,
  kResearch,
  kFinResearch,
  kLegalKpo,
  kLifeSci,
  kEngineering,
  kSoftware,
  kCreative,
  kHealthInfo,
  kArchetypeCount
};

// Kinds of provider: BPO only, KPO only, both.
enum Kind : uint8_t { kBpo = 0, kKpo = 1, kBoth = 2 };

struct Currency {
  absl::string_view code;
  double per_usd;           // Units per USD.
  int64_t step;             // Hourly rates are rounded to this many minor units.
  int64_t engagement_step;  // Minimum monthly values are rounded to this.
};

// Junior hourly rates in USD, before the service's factor.
struct RateTier {
  bool onshore;
  double bpo_lo, bpo_hi;
  double kpo_lo, kpo_hi;
  double kpo_cap;  // Highest KPO rate, so expert bands stay believable.
};

struct City {
  absl::string_view name;
  absl::string_view zone;
};

struct Weighted {
  ArchetypeId archetype;
  uint8_t weight;
};

// Which archetypes headquarters in a country favour.
struct Affinity {
  List<Weighted, 8> entries;
};

struct Country {
  absl::string_view code;
  RateTierId tier;
  Market market;
  bool europe_facing;  // Offshore, but also sold as nearshore to Europe.
  bool in_eu;          // GDPR applies to its centres.
  bool us_spelling;    // "Contact Center", not "Contact Centre".
  uint8_t plan[3];     // Providers headquartered here in the sample registry: BPO, KPO, both.
  CurrencyId local_currency;
  uint8_t local_percent;  // Providers quoting in the local currency; 0: none do.
  ShiftOptionsId bpo_shifts;
  ShiftOptionsId kpo_shifts;
  const Affinity* bpo_affinity;
  const Affinity* kpo_affinity;
  List<absl::string_view, 3> languages;  // Always spoken at centres here.
  List<absl::string_view, 9> extra_languages;
  List<CountryId, 8> partners;                // Countries of further centres.
  List<absl::string_view, 3> legal_suffixes;  // With their separator; repeats weigh.
  List<absl::string_view, 25> roots;          // Name roots with a local flavour.
  List<City, 26> cities;
};

struct Service {
  absl::string_view code;
  v1::ServiceModel model;
  double rate_factor;  // Rate relative to the model's baseline.
};

struct Industry {
  absl::string_view code;
  absl::string_view words;  // For descriptions.
};

struct Issuers {
  List<absl::string_view, 8> names;
};

struct Cert {
  absl::string_view code;
  int years;  // Validity.
  const Issuers* issuers;
};

// What a provider does. The first `always` services are always offered.
struct Archetype {
  v1::ServiceModel model;
  bool multilingual;  // Centres add more of their country's extra languages.
  uint8_t always;
  uint8_t min_services, max_services;
  List<Service, 9> services;
  List<Industry, 9> industries;
  List<Cert, 6> certs;
  List<absl::string_view, 5> qualifications;
  List<absl::string_view, 8> words;  // The second half of display names.
  List<absl::string_view, 3> what;   // For descriptions.
};

// Shifts: days as a bit mask (bit 0 = Monday), start and end hh*60+mm.
struct ShiftSpec {
  uint8_t days;
  int16_t start, end;
};
struct ShiftPlan {
  ShiftSpec shifts[2];  // Unused: days == 0; none used: the default hours.
};
struct ShiftOptions {
  ShiftPlan plans[4];
  int count;
};

struct HeadcountBand {
  int lo, hi, weight;
};

struct SeniorityBand {
  v1::Seniority seniority;
  double factor;
};

struct YearMonth {
  int year, month;
};

struct FixedWord {
  absl::string_view root;
  absl::string_view word;
};

// A supplier-diversity classification as a body certifies it in a country.
struct DiversityCert {
  absl::string_view code;    // One of the reference data's Classifications().
  absl::string_view body;    // The certifying body.
  absl::string_view prefix;  // Of its certificate numbers: "WBE" gives "WBE-2412345".
  uint8_t years;             // Validity.
  uint8_t weight;            // Among the country's classifications.
  bool small_only;           // Held by small firms only (kSmallFirmStaff).
};

// The classifications providers headquartered in a country hold, and how
// many of them hold one.
struct Diversity {
  CountryId country;
  uint8_t percent;         // Providers holding one at least (of those it allows).
  uint8_t second_percent;  // Holders with a second one (another code), if any is left.
  List<DiversityCert, 10> certs;
};

extern const Country kCountries[kCountryCount];
extern const Currency kCurrencies[];
extern const RateTier kRateTiers[];
extern const ShiftOptions kShiftOptions[];
extern const Archetype kArchetypes[kArchetypeCount];
extern const HeadcountBand kHeadcountBands[2][4];  // BPO (and both), KPO.
extern const SeniorityBand kBpoBands[3];
extern const SeniorityBand kKpoBands[4];
extern const ArchetypeId kMixedPairs[8][2];  // BPO archetype with a related KPO one.
extern const absl::string_view kMixedWords[6];
extern const absl::string_view kLegalExtras[3];  // Inserted before some legal suffixes.
extern const FixedWord kFixedWords[1];           // Roots that take one word only.
extern const Cert kGdpr;
extern const Cert kExpirable[6];         // Certificates a provider may hold expired.
extern const YearMonth kExpiredEnds[7];  // When expired certificates ran out (+0-2 months).
extern const int kBpoEngagementHeadcount[7];
extern const int kBpoEngagementMonths[6];
extern const int kKpoEngagementHeadcount[7];
extern const int kKpoEngagementMonths[6];
extern const std::array<double, 1000> kTenths;  // kTenths[n] == n / 10.0, exactly.
// Supplier-diversity classifications, in the order of CountryId
// (generator_diversity.cc).
extern const Diversity kDiversity[kCountryCount];
// Fewer staff (all centres) than this: a small business (the SBA's size
// standard for most services).
inline constexpr int kSmallFirmStaff = 500;

}  // namespace vendormatch::gen
