#include "services/registry/generator_builder.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <type_traits>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace vendormatch::gen {
namespace {

using ::vendormatch::v1::Provider;

void Assign(std::string* out, absl::string_view value) { out->assign(value.data(), value.size()); }

// Appends `value` to `list` unless it is there already.
void AddUnique(google::protobuf::RepeatedPtrField<std::string>* list, absl::string_view value) {
  for (const std::string& have : *list) {
    if (have == value) return;
  }
  Assign(list->Add(), value);
}

// Writes a month counted from year 0 (year * 12 + month - 1) and a day.
void SetDate(int months, int day, google::type::Date& date) {
  date.set_year(months / 12);
  date.set_month(months % 12 + 1);
  date.set_day(day);
}

void SetTime(int minutes, google::type::TimeOfDay& time) {
  time.set_hours(minutes / 60);
  time.set_minutes(minutes % 60);
}

// "a", "a and b", "a, b and c".
void AppendJoined(std::string* out, const absl::string_view* words, int n) {
  for (int i = 0; i < n; ++i) {
    if (i > 0) absl::StrAppend(out, i == n - 1 ? " and " : ", ");
    absl::StrAppend(out, words[i]);
  }
}

}  // namespace

void AddCertificate(Rng& rng, const Cert& cert, bool expired, Provider& out) {
  int end;  // Months from year 0.
  if (expired) {
    const YearMonth& ym = rng.Pick(kExpiredEnds);
    end = ym.year * 12 + ym.month - 1 + rng.Between(0, 2);
  } else {
    end = 2026 * 12 + 2 + rng.Between(0, 12 * cert.years - 5);
  }
  const int day = rng.Between(2, 28);
  v1::Certification* c = out.add_certifications();
  Assign(c->mutable_code(), cert.code);
  SetDate(end - 12 * cert.years, day, *c->mutable_issue_date());
  SetDate(end, day - 1, *c->mutable_expiry_date());  // Valid up to the day before.
  Assign(c->mutable_issuer(), rng.Pick(cert.issuers->names));
}

void AddExpiredCertificate(Rng& rng, Provider& out) {
  const Cert* pool[std::size(kExpirable)];
  int n = 0;
  for (const Cert& cert : kExpirable) {
    const bool held =
        std::any_of(out.certifications().begin(), out.certifications().end(),
                    [&](const v1::Certification& c) { return c.code() == cert.code; });
    if (!held) pool[n++] = &cert;
  }
  if (n > 0) AddCertificate(rng, *rng.Pick(pool, n), /*expired=*/true, out);
}

void ProviderBuilder::Build(PickRoot pick_root) {
  ChooseArchetypes();
  Names(pick_root);
  Services();
  DeliveryCenters();
  const Country& hq = Hq();  // Its currency, for some.
  const bool local = hq.local_percent > 0 && rng_.Chance(hq.local_percent);
  currency_ = &kCurrencies[local ? hq.local_currency : kUSD];
  RateCard();
  Languages();
  Certifications();
  Industries();
  MinimumEngagement();
  QualityAndTalent();
  DeclaredModels();
  Description();
}

ArchetypeId ProviderBuilder::PickWeighted(const Affinity& affinity) {
  int total = 0;
  for (const Weighted& w : affinity.entries) total += w.weight;
  int r = static_cast<int>(rng_.Below(total));
  int i = 0;
  while (r >= affinity.entries[i].weight) r -= affinity.entries[i++].weight;
  return affinity.entries[i].archetype;
}

void ProviderBuilder::ChooseArchetypes() {
  if (kind_ == kBoth) {
    const auto& pair = rng_.Pick(kMixedPairs);
    archetypes_[0] = pair[0];
    archetypes_[1] = pair[1];
    archetype_count_ = 2;
  } else {
    archetypes_[0] = PickWeighted(kind_ == kBpo ? *Hq().bpo_affinity : *Hq().kpo_affinity);
    archetype_count_ = 1;
  }
  if (kind_ != kKpo) out_.add_service_models(v1::SERVICE_MODEL_BPO);
  if (kind_ != kBpo) out_.add_service_models(v1::SERVICE_MODEL_KPO);
  Assign(out_.mutable_headquarters_country(), Hq().code);
}

// "<root> <word>"; the legal name adds, at times, "Holdings" or the like, and
// a legal form of the headquarters country.
void ProviderBuilder::Names(PickRoot pick_root) {
  const Country& hq = Hq();
  const absl::string_view root = pick_root(hq);
  absl::string_view word;
  for (const FixedWord& fixed : kFixedWords) {
    if (fixed.root == root) word = fixed.word;
  }
  if (word.empty()) {
    word = kind_ == kBoth ? rng_.Pick(kMixedWords) : rng_.Pick(Arch(0).words);
    if (word == "Contact Centre" && hq.us_spelling) word = "Contact Center";
  }
  std::string* display = out_.mutable_display_name();
  absl::StrAppend(display, root, " ", word);
  std::string* legal = out_.mutable_legal_name();
  Assign(legal, *display);
  if (rng_.Chance(25)) {
    absl::string_view extras[std::size(kLegalExtras)];
    int n = 0;
    for (absl::string_view extra : kLegalExtras) {
      if (!absl::StrContains(*display, extra)) extras[n++] = extra;
    }
    absl::StrAppend(legal, " ", rng_.Pick(extras, n));
  }
  absl::StrAppend(legal, rng_.Pick(hq.legal_suffixes));
}

// Each archetype's first services, then a random choice of the others.
void ProviderBuilder::Services() {
  for (int a = 0; a < archetype_count_; ++a) {
    const Archetype& arch = Arch(a);
    int n = rng_.Between(arch.min_services, arch.max_services);
    if (archetype_count_ > 1) n = std::max<int>(arch.always, n - 1);
    uint8_t picks[kMaxSample];
    const int optional = rng_.Sample(arch.services.size - arch.always, n - arch.always, picks);
    const int before = service_count_;  // A list holds each entry once.
    for (int i = 0; i < arch.always + optional; ++i) {
      const Service& s = arch.services[i < arch.always ? i : arch.always + picks[i - arch.always]];
      const bool have = std::any_of(services_, services_ + before,
                                    [&](const Service* x) { return x->code == s.code; });
      if (have) continue;
      services_[service_count_++] = &s;
      Assign(out_.add_services(), s.code);
    }
  }
}

// One country or more (the headquarters first), one city or more in each,
// the staff shared between them; written largest first.
void ProviderBuilder::DeliveryCenters() {
  const int total = TotalHeadcount();
  CountryId site_country[kMaxCentres];
  uint8_t site_city[kMaxCentres];
  const int sites = ChooseSites(total, site_country, site_city);
  int weight[kMaxCentres];
  for (int i = 0; i < sites; ++i) weight[i] = rng_.Between(2, 10);
  int total_weight = 0;
  // Sites go country by country: the last is abroad when any is.
  const bool offshoring =
      Hq().market == kOnshoreMarket && site_country[sites - 1] != hq_ && OffersBpo();
  for (int i = 0; i < sites; ++i) {
    if (offshoring && site_country[i] != hq_) weight[i] *= 4;  // Most seats abroad.
    total_weight += weight[i];
  }
  for (int i = 0; i < sites; ++i) {
    const double share = static_cast<double>(total * weight[i]) / total_weight / 10;
    AddCentre(site_country[i], site_city[i],
              static_cast<int>(std::max<int64_t>(40, RoundHalfEven(share) * 10)));
  }
  for (int i = 1; i < centre_count_; ++i) {  // A stable insertion sort: a few centres.
    const Centre c = centres_[i];
    int at = i;
    for (; at > 0 && centres_[at - 1].headcount < c.headcount; --at) {
      centres_[at] = centres_[at - 1];
    }
    centres_[at] = c;
  }
  WriteCentres();
}

// A headcount from the model's size bands (KPO firms are smaller).
int ProviderBuilder::TotalHeadcount() {
  const HeadcountBand* bands = kHeadcountBands[kind_ == kKpo ? 1 : 0];
  int total_weight = 0;
  for (int b = 0; b < 4; ++b) total_weight += bands[b].weight;
  int r = static_cast<int>(rng_.Below(total_weight));
  int b = 0;
  while (r >= bands[b].weight) r -= bands[b++].weight;
  return rng_.Between(bands[b].lo, bands[b].hi);
}

// The headquarters country, sometimes a partner country, rarely two.
int ProviderBuilder::CentreCountries(CountryId* countries) {
  const Country& hq = Hq();
  int n = 0;
  countries[n++] = hq_;
  if (!rng_.Chance(hq.market == kOnshoreMarket && OffersBpo() ? 55 : 25)) return n;
  const int partners = hq.partners.size;
  countries[n++] = rng_.Pick(hq.partners);
  if (!rng_.Chance(15)) return n;
  CountryId more[std::extent_v<decltype(Country::partners.data)>];
  int m = 0;
  for (int i = 0; i < partners; ++i) {
    if (hq.partners[i] != countries[1]) more[m++] = hq.partners[i];
  }
  if (m > 0) countries[n++] = rng_.Pick(more, m);
  return n;
}

int ProviderBuilder::ChooseSites(int total, CountryId* site_country, uint8_t* site_city) {
  CountryId countries[3];
  const int n = CentreCountries(countries);
  int sites = 0;
  for (int i = 0; i < n; ++i) {
    int cities = 1;
    if (i == 0 && total >= 3000) {
      cities = rng_.Between(2, 3);
    } else if (total >= 8000) {
      cities = 2;
    }
    uint8_t picks[kMaxSample];
    const int m = rng_.Sample(kCountries[countries[i]].cities.size, cities, picks);
    for (int k = 0; k < m; ++k) {
      site_country[sites] = countries[i];
      site_city[sites++] = picks[k];
    }
  }
  return sites;
}

// Seats free, and the hours: round the clock for some large centres, else
// the shifts usual for the country and the kind of work.
void ProviderBuilder::AddCentre(CountryId country, uint8_t city, int headcount) {
  Centre& c = centres_[centre_count_++];
  c = Centre{country, city, headcount, 0, false, nullptr};
  const double seats = static_cast<double>(headcount * rng_.Between(2, 15)) / 100 / 5;
  c.seats = static_cast<int>(
      std::min<int64_t>(headcount, std::max<int64_t>(5, RoundHalfEven(seats) * 5)));
  if (OffersBpo() && headcount >= 700 && rng_.Chance(65)) {
    c.round_the_clock = true;
  } else if (kind_ == kKpo && headcount >= 1500 && rng_.Chance(10)) {
    c.round_the_clock = true;
  } else {
    const Country& where = kCountries[country];
    const ShiftOptions& options = kShiftOptions[OffersBpo() ? where.bpo_shifts : where.kpo_shifts];
    c.plan = &options.plans[rng_.Below(options.count)];
  }
}

void ProviderBuilder::WriteCentres() {
  for (int i = 0; i < centre_count_; ++i) {
    const Centre& c = centres_[i];
    const Country& country = kCountries[c.country];
    v1::DeliveryCenter* out = out_.add_delivery_centers();
    Assign(out->mutable_country_code(), country.code);
    Assign(out->mutable_city(), country.cities[c.city].name);
    Assign(out->mutable_time_zone(), country.cities[c.city].zone);
    out->set_headcount(c.headcount);
    out->set_seats_available(c.seats);
    if (c.round_the_clock) out->set_round_the_clock(true);
    if (c.plan == nullptr) continue;
    for (const ShiftSpec& spec : c.plan->shifts) {
      if (spec.days == 0) continue;
      v1::Shift* shift = out->add_shifts();
      for (int d = 0; d < 7; ++d) {
        if (spec.days & (1 << d)) shift->add_days(static_cast<google::type::DayOfWeek>(d + 1));
      }
      SetTime(spec.start, *shift->mutable_start_time());
      SetTime(spec.end, *shift->mutable_end_time());
    }
  }
}

// Rates (in doubles, as the sample registry was first written: products and
// quotients only, so no fused multiply-add can change them) from the rate
// tier of the largest centre: a row per service and seniority band, or, for
// some providers of one model, rows for any service and a few exceptions.
void ProviderBuilder::RateCard() {
  const RateTier& tier = kRateTiers[kCountries[centres_[0].country].tier];
  kpo_cap_ = tier.kpo_cap;
  const double premium = Hq().market == kOnshoreMarket && !tier.onshore ? 1.08 : 1.0;
  const double bpo_base =
      (tier.bpo_lo + (tier.bpo_hi - tier.bpo_lo) * rng_.Below(1001) / 1000) * premium;
  const double kpo_base =
      (tier.kpo_lo + (tier.kpo_hi - tier.kpo_lo) * rng_.Below(1001) / 1000) * premium;
  const int bpo_bands = rng_.Between(2, 3);
  const SeniorityBand* kpo_first = &kKpoBands[rng_.Between(0, 1)];
  const int kpo_bands = rng_.Between(2, 3);
  const auto bands = [&](v1::ServiceModel m) {
    return m == v1::SERVICE_MODEL_KPO ? kpo_first : kBpoBands;
  };
  const auto band_count = [&](v1::ServiceModel m) {
    return m == v1::SERVICE_MODEL_KPO ? kpo_bands : bpo_bands;
  };
  const auto base = [&](v1::ServiceModel m) {
    return m == v1::SERVICE_MODEL_KPO ? kpo_base : bpo_base;
  };
  const bool one_model = std::all_of(services_, services_ + service_count_, [&](const Service* s) {
    return s->model == services_[0]->model;
  });
  if (service_count_ >= 4 && one_model && rng_.Chance(30)) {
    const v1::ServiceModel m = services_[0]->model;
    const SeniorityBand* b = bands(m);
    for (int i = 0; i < band_count(m); ++i) AddRate(nullptr, b[i], base(m) * b[i].factor, m);
    uint8_t picks[kMaxSample];
    const int n = rng_.Sample(service_count_, rng_.Between(1, 2), picks);
    const SeniorityBand& top = b[band_count(m) - 1];
    for (int k = 0; k < n; ++k) {
      const Service* s = services_[picks[k]];
      AddRate(s, top, base(m) * top.factor * std::max(1.1, s->rate_factor), m);
    }
    return;
  }
  for (int k = 0; k < service_count_; ++k) {
    const Service* s = services_[k];
    const double jitter = 1 + (static_cast<int>(rng_.Below(81)) - 40) / 1000.0;
    const SeniorityBand* b = bands(s->model);
    for (int i = 0; i < band_count(s->model); ++i) {
      AddRate(s, b[i], base(s->model) * s->rate_factor * b[i].factor * jitter, s->model);
    }
  }
}

void ProviderBuilder::AddRate(const Service* service, const SeniorityBand& band, double usd,
                              v1::ServiceModel model) {
  if (model == v1::SERVICE_MODEL_KPO) usd = std::min(usd, kpo_cap_);
  const double minor = usd * currency_->per_usd * 100;
  const int64_t step = currency_->step;
  v1::Rate* rate = out_.add_rate_card();
  if (service != nullptr) Assign(rate->mutable_service(), service->code);
  rate->set_seniority(band.seniority);
  Assign(rate->mutable_hourly_rate()->mutable_currency_code(), currency_->code);
  rate->mutable_hourly_rate()->set_minor_units(
      std::max(step, RoundHalfEven(minor / static_cast<double>(step)) * step));
}

// Each centre's country's languages, and some of its extra ones.
void ProviderBuilder::Languages() {
  bool multilingual = false;
  for (int a = 0; a < archetype_count_; ++a) multilingual |= Arch(a).multilingual;
  for (int i = 0; i < centre_count_; ++i) {
    const Country& c = kCountries[centres_[i].country];
    for (const absl::string_view language : c.languages) {
      AddUnique(out_.mutable_languages(), language);
    }
    const int extras = c.extra_languages.size;
    if (extras == 0) continue;
    uint8_t picks[kMaxSample];
    const int n = rng_.Sample(extras, rng_.Between(0, multilingual ? 3 : 1), picks);
    for (int k = 0; k < n; ++k) AddUnique(out_.mutable_languages(), c.extra_languages[picks[k]]);
  }
}

// The archetypes' first certificate and some of their others; GDPR for
// some providers with a centre in the EU.
void ProviderBuilder::Certifications() {
  const Cert* pool[12];
  int n = 0;
  for (int a = 0; a < archetype_count_; ++a) {
    const int before = n;  // A list holds each entry once.
    for (const Cert& c : Arch(a).certs) {
      if (std::none_of(pool, pool + before, [&](const Cert* x) { return x->code == c.code; })) {
        pool[n++] = &c;
      }
    }
  }
  const Cert* held[5] = {pool[0]};
  uint8_t picks[kMaxSample];
  const int m = rng_.Sample(n - 1, rng_.Between(1, std::min(4, n)) - 1, picks);
  for (int k = 0; k < m; ++k) held[1 + k] = pool[1 + picks[k]];
  int count = 1 + m;
  const bool in_eu = std::any_of(centres_, centres_ + centre_count_,
                                 [](const Centre& c) { return kCountries[c.country].in_eu; });
  const bool has_gdpr =
      std::any_of(held, held + count, [](const Cert* c) { return c->code == kGdpr.code; });
  if (in_eu && !has_gdpr && rng_.Chance(60)) held[count++] = &kGdpr;
  for (int k = 0; k < count; ++k) AddCertificate(rng_, *held[k], /*expired=*/false, out_);
}

// The primary archetype's first industry and some of the archetypes' others.
void ProviderBuilder::Industries() {
  const Industry* pool[18];
  int n = 0;
  for (int a = 0; a < archetype_count_; ++a) {
    const int before = n;  // A list holds each entry once.
    for (const Industry& x : Arch(a).industries) {
      if (std::none_of(pool, pool + before, [&](const Industry* y) { return y->code == x.code; })) {
        pool[n++] = &x;
      }
    }
  }
  uint8_t picks[kMaxSample];
  const int m = rng_.Sample(n - 1, rng_.Between(2, std::min(5, n)) - 1, picks);
  Assign(out_.add_industries(), pool[0]->code);
  for (int k = 0; k < m; ++k) Assign(out_.add_industries(), pool[1 + picks[k]]->code);
  industries_[0] = pool[0];
  industries_[1] = pool[1 + picks[0]];
}

// Most providers ask for a minimum: a team for some months, its value from
// their lowest rate.
void ProviderBuilder::MinimumEngagement() {
  if (!rng_.Chance(90)) return;
  const bool kpo = kind_ == kKpo;
  const int headcount =
      kpo ? rng_.Pick(kKpoEngagementHeadcount) : rng_.Pick(kBpoEngagementHeadcount);
  const int months = kpo ? rng_.Pick(kKpoEngagementMonths) : rng_.Pick(kBpoEngagementMonths);
  int64_t hourly = out_.rate_card(0).hourly_rate().minor_units();
  for (const v1::Rate& r : out_.rate_card()) {
    hourly = std::min(hourly, r.hourly_rate().minor_units());
  }
  const int64_t step = currency_->engagement_step;
  const double steps = static_cast<double>(hourly * headcount * 160) / static_cast<double>(step);
  v1::MinimumEngagement* m = out_.mutable_minimum_engagement();
  m->set_headcount(headcount);
  m->set_duration_months(months);
  Assign(m->mutable_monthly_value()->mutable_currency_code(), currency_->code);
  m->mutable_monthly_value()->set_minor_units(std::max(step, RoundHalfEven(steps) * step));
}

void ProviderBuilder::QualityAndTalent() {
  v1::QualitySignals* q = out_.mutable_quality();
  q->set_rating(kTenths[rng_.Between(32, 49)]);
  q->set_review_count(rng_.Between(3, 600));
  q->set_sla_attainment_percent(kTenths[rng_.Between(880, 998)]);
  v1::TalentProfile* t = out_.mutable_talent();
  t->set_qualified_staff_percent(kind_ == kKpo   ? rng_.Between(45, 92)
                                 : kind_ == kBpo ? rng_.Between(2, 15)
                                                 : rng_.Between(15, 40));
  for (int a = 0; a < archetype_count_; ++a) {
    const Archetype& arch = Arch(a);
    const int n = arch.qualifications.size;
    uint8_t picks[kMaxSample];
    const int m = rng_.Sample(n, rng_.Between(1, n), picks);
    for (int k = 0; k < m; ++k) {
      AddUnique(t->mutable_qualifications(), arch.qualifications[picks[k]]);
    }
  }
}

// What the centres' countries let the provider declare.
void ProviderBuilder::DeclaredModels() {
  bool models[4] = {false, false, false, false};
  for (int i = 0; i < centre_count_; ++i) {
    const Country& c = kCountries[centres_[i].country];
    if (c.market == kOnshoreMarket) {
      models[v1::DELIVERY_MODEL_ONSHORE] = true;
    } else if (c.market == kNearshoreHub) {
      models[v1::DELIVERY_MODEL_NEARSHORE] = true;
      if (rng_.Chance(30)) models[v1::DELIVERY_MODEL_ONSHORE] = true;
    } else {
      models[v1::DELIVERY_MODEL_OFFSHORE] = true;
      if (c.europe_facing && rng_.Chance(40)) models[v1::DELIVERY_MODEL_NEARSHORE] = true;
      if (rng_.Chance(20)) models[v1::DELIVERY_MODEL_ONSHORE] = true;
    }
  }
  for (int m = 1; m <= 3; ++m) {
    if (models[m]) out_.add_declared_delivery_models(static_cast<v1::DeliveryModel>(m));
  }
}

void ProviderBuilder::Description() {
  absl::string_view cities[kMaxCentres];
  int n = 0;
  for (int i = 0; i < centre_count_; ++i) {
    const absl::string_view city = kCountries[centres_[i].country].cities[centres_[i].city].name;
    if (std::find(cities, cities + n, city) == cities + n) cities[n++] = city;
  }
  const absl::string_view what = rng_.Pick(Arch(0).what);
  const absl::string_view extra = kind_ == kBoth ? rng_.Pick(Arch(1).what) : absl::string_view();
  const int form = kind_ == kBoth ? -1 : static_cast<int>(rng_.Below(3));
  std::string* d = out_.mutable_description();
  const auto where = [&] {
    if (n <= 3) return AppendJoined(d, cities, n);
    absl::StrAppend(d, cities[0], ", ", cities[1], " and ", n - 2, " more sites");
  };
  const absl::string_view industries[2] = {industries_[0]->words, industries_[1]->words};
  const absl::string_view label = kind_ == kBpo ? "BPO" : "KPO";
  switch (form) {
    case -1:
      absl::StrAppend(d, "Combines ", what, " with ", extra, " from ");
      where();
      d->append(", mainly for ");
      AppendJoined(d, industries, 2);
      d->append(" clients.");
      break;
    case 0:
      absl::StrAppend(d, label, " provider offering ", what, " from ");
      where();
      d->append(" for ");
      AppendJoined(d, industries, 2);
      d->append(" clients.");
      break;
    case 1:
      absl::StrAppend(d, "Delivers ", what, " from ");
      where();
      d->append(", with most clients in ");
      AppendJoined(d, industries, 2);
      d->append(".");
      break;
    default:
      absl::StrAppend(d, label, " specialist in ", what, ", working from ");
      where();
      d->append(" for ");
      AppendJoined(d, industries, 2);
      d->append(" companies.");
  }
}

}  // namespace vendormatch::gen
