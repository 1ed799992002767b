// The generator's supplier-diversity classifications: which ones providers
// headquartered in each country hold, who certifies them there and for how
// long (generator_tables.h), and the draw that gives them to a provider
// (generator_builder.h).
//
// Bodies are the programmes procurement teams look for: WBENC and NMSDC for
// women- and minority-owned businesses in the United States, the SBA's
// programmes (small business, 8(a) for disadvantaged ones, HUBZone,
// VetCert), NaVOBA, NGLCC, WBE Canada, CAMSC, MSDUK, Social Enterprise UK,
// WEConnect International where no national council certifies, B Lab for
// B Corps everywhere, AGPO in Kenya. South African B-BBEE verification
// agencies are invented, as the auditors of generator_catalog.cc are.
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/registry/generator_builder.h"
#include "services/registry/generator_rng.h"
#include "services/registry/generator_tables.h"

namespace vendormatch::gen {

// clang-format off
constexpr DiversityCert kBCorp{"B_CORP", "B Lab", "BC", 3, 1, false};

// In the order of CountryId.
constexpr Diversity kDiversity[kCountryCount] = {
    {kPH, 12, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 4, false}, kBCorp}},
    {kIN, 12, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 3, false},
                  {"SMALL_BUSINESS", "NSIC", "NSIC", 2, 3, true}, kBCorp}},
    {kMX, 14, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 3, false}, kBCorp}},
    {kCO, 14, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 3, false}, kBCorp,
                  {"LGBTQ_OWNED", "Cámara de Comerciantes LGBT de Colombia", "CCLGBT", 2, 1,
                   false}}},
    {kCR, 12, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false}, kBCorp}},
    {kJM, 10, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}}},
    {kBR, 16, 8, {{"B_CORP", "B Lab", "BC", 3, 2, false},
                  {"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false},
                  {"MINORITY_OWNED", "Integrare", "INT", 1, 2, false}}},
    {kAR, 10, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false}, kBCorp}},
    {kPL, 10, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false}, kBCorp}},
    {kRO, 10, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false}, kBCorp}},
    {kBG, 8, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}, kBCorp}},
    {kPT, 12, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false}, kBCorp}},
    {kMA, 8, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}}},
    {kEG, 8, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}}},
    // B-BBEE: black-owned (historically disadvantaged) and black women-owned.
    {kZA, 50, 20, {{"DISADVANTAGED_BUSINESS", "Karoo Verification Services", "KVS", 1, 3, false},
                   {"DISADVANTAGED_BUSINESS", "Protea BEE Ratings", "PBR", 1, 3, false},
                   {"WOMEN_OWNED", "Karoo Verification Services", "KVS", 1, 1, false},
                   {"WOMEN_OWNED", "Protea BEE Ratings", "PBR", 1, 1, false}, kBCorp}},
    // Access to Government Procurement Opportunities.
    {kKE, 25, 10, {{"WOMEN_OWNED", "National Treasury AGPO", "AGPO", 2, 3, false},
                   {"DISABILITY_OWNED", "National Treasury AGPO", "AGPO", 2, 1, false},
                   {"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}}},
    {kVN, 8, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}, kBCorp}},
    {kMY, 12, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}, kBCorp}},
    {kLK, 8, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}}},
    {kUS, 45, 30, {{"WOMEN_OWNED", "WBENC", "WBE", 1, 6, false},
                   {"MINORITY_OWNED", "NMSDC", "MBE", 1, 6, false},
                   {"SMALL_BUSINESS", "SBA", "SB", 1, 5, true},
                   {"DISADVANTAGED_BUSINESS", "SBA", "8A", 3, 3, true},
                   {"HUBZONE", "SBA", "HZ", 3, 2, true},
                   {"VETERAN_OWNED", "SBA", "VC", 3, 2, true},
                   {"VETERAN_OWNED", "NaVOBA", "VBE", 1, 2, false},
                   {"LGBTQ_OWNED", "NGLCC", "LGBTBE", 2, 2, false},
                   {"B_CORP", "B Lab", "BC", 3, 2, false}}},
    {kCA, 30, 15, {{"WOMEN_OWNED", "WBE Canada", "WBEC", 1, 4, false},
                   {"MINORITY_OWNED", "CAMSC", "CAMSC", 1, 4, false},
                   {"B_CORP", "B Lab", "BC", 3, 3, false},
                   {"LGBTQ_OWNED", "CGLCC", "CGLCC", 2, 2, false},
                   {"DISABILITY_OWNED", "IWSCC", "DOBE", 2, 1, false},
                   {"SOCIAL_ENTERPRISE", "Buy Social Canada", "BSC", 1, 2, false}}},
    {kIE, 18, 10, {{"B_CORP", "B Lab", "BC", 3, 2, false},
                   {"SOCIAL_ENTERPRISE", "Social Enterprise Mark CIC", "SEM", 1, 2, false},
                   {"WOMEN_OWNED", "WEConnect International", "WEC", 1, 1, false}}},
    {kGB, 30, 10, {{"SOCIAL_ENTERPRISE", "Social Enterprise UK", "SEUK", 1, 3, false},
                   {"SOCIAL_ENTERPRISE", "Social Enterprise Mark CIC", "SEM", 1, 2, false},
                   {"B_CORP", "B Lab", "BC", 3, 3, false},
                   {"MINORITY_OWNED", "MSDUK", "MSDUK", 1, 3, false},
                   {"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false}}},
    {kDE, 14, 8, {{"WOMEN_OWNED", "WEConnect International", "WEC", 1, 2, false},
                  {"B_CORP", "B Lab", "BC", 3, 2, false}}},
};
// clang-format on

static_assert([] {
  for (int i = 0; i < kCountryCount; ++i) {
    if (kDiversity[i].country != i) return false;
  }
  return true;
}());

namespace {

using ::vendormatch::v1::Provider;

// Of the classifications, those that lapsed before kDiversityAsOf.
constexpr int kLapsedPercent = 10;

// Writes a month counted from year 0 (year * 12 + month - 1) and a day.
void SetDate(int months, int day, google::type::Date& date) {
  date.set_year(months / 12);
  date.set_month(months % 12 + 1);
  date.set_day(day);
}

// One of `d`'s classifications a provider of its size may hold, other than
// `held`, by weight; null when none is left.
const DiversityCert* PickCert(Rng& rng, const Diversity& d, bool small, absl::string_view held) {
  const auto eligible = [&](const DiversityCert& c) {
    return (small || !c.small_only) && c.code != held;
  };
  uint32_t total = 0;
  for (const DiversityCert& c : d.certs) total += eligible(c) ? c.weight : 0;
  if (total == 0) return nullptr;
  uint32_t r = rng.Below(total);
  for (const DiversityCert& c : d.certs) {
    if (!eligible(c)) continue;
    if (r < c.weight) return &c;
    r -= c.weight;
  }
  return nullptr;  // Not reached.
}

// Valid for `cert.years` up to the day before the anniversary; some lapsed
// in the year before kDiversityAsOf, the others end in the years after it.
void AddCert(Rng& rng, const DiversityCert& cert, Provider& out) {
  const int months = 12 * cert.years;
  const int end = rng.Chance(kLapsedPercent) ? kDiversityAsOf - 1 - static_cast<int>(rng.Below(12))
                                             : kDiversityAsOf + static_cast<int>(rng.Below(months));
  const int issued = end - months;
  const int day = rng.Between(2, 28);
  v1::DiversityClassification* c = out.add_diversity_classifications();
  c->mutable_code()->assign(cert.code.data(), cert.code.size());
  SetDate(issued, day, *c->mutable_issue_date());
  SetDate(end, day - 1, *c->mutable_expiry_date());
  c->mutable_certifying_body()->assign(cert.body.data(), cert.body.size());
  absl::StrAppend(c->mutable_certificate_number(), cert.prefix, "-",
                  absl::Dec(issued / 12 % 100, absl::kZeroPad2),
                  absl::Dec(rng.Below(100000), absl::kZeroPad5));
}

}  // namespace

void AddDiversityClassifications(Rng& rng, CountryId hq, Provider& out) {
  const Diversity& d = kDiversity[hq];
  if (!rng.Chance(d.percent)) return;
  int staff = 0;
  for (const v1::DeliveryCenter& c : out.delivery_centers()) staff += c.headcount();
  const bool small = staff < kSmallFirmStaff;
  const DiversityCert* first = PickCert(rng, d, small, {});
  if (first == nullptr) return;
  AddCert(rng, *first, out);
  if (!rng.Chance(d.second_percent)) return;
  if (const DiversityCert* second = PickCert(rng, d, small, first->code)) {
    AddCert(rng, *second, out);
  }
}

}  // namespace vendormatch::gen
