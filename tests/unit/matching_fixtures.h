// Shared by the matching unit tests: the built-in plugins and profiles,
// generated registries and random requirements.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/catalog.h"
#include "services/domain/reference_data.h"
#include "services/matching/pipeline.h"
#include "services/matching/profiles.h"
#include "services/matching/requirement.h"
#include "services/matching/snapshot.h"
#include "services/registry/generator.h"

namespace vendormatch::testing {

// The built-in plugins and the default profiles compiled over them, loaded
// once per test binary.
struct BuiltIns {
  std::vector<LoadedPlugin> plugins;
  std::vector<std::shared_ptr<const CompiledProfile>> profiles;
  static const BuiltIns& Get() {
    static const BuiltIns* built = [] {
      auto* b = new BuiltIns;
      auto plugins = LoadPluginDirectory(VM_TEST_PLUGIN_DIR);
      EXPECT_TRUE(plugins.ok()) << plugins.status();
      if (plugins.ok()) b->plugins = *std::move(plugins);
      for (const v1::Profile& p : DefaultProfiles()) {
        auto compiled = CompileProfile(p, b->plugins);
        EXPECT_TRUE(compiled.ok()) << compiled.status();
        if (compiled.ok()) b->profiles.push_back(*compiled);
      }
      return b;
    }();
    return *built;
  }
};

inline std::vector<v1::Provider> Generate(int64_t count, uint64_t seed, double active_share) {
  GeneratorOptions options;
  options.seed = seed;
  options.active_share = active_share;
  std::vector<v1::Provider> out;
  GenerateProviders(count, options, [&](int64_t, v1::Provider& p) { out.push_back(p); });
  return out;
}

inline const absl::CivilDay kToday(2026, 11, 21);

// A random valid requirement over the catalogue and reference data, biased
// towards what the generator produces so that matches are not all empty.
inline v1::Requirement RandomWireRequirement(std::mt19937_64& rng);
inline ValidRequirement RandomRequirement(std::mt19937_64& rng) {
  while (true) {
    auto valid = ValidateRequirement(RandomWireRequirement(rng), kToday, nullptr);
    if (valid.ok()) return *std::move(valid);
  }
}

// The parts of RandomWireRequirement, each drawing from one generator in
// a fixed order (tests print counts that depend on it).
namespace random_requirement {

// Draws from `rng`: an index below `n`, or true with `percent` % chance.
class Draw {
 public:
  explicit Draw(std::mt19937_64& rng) : rng_(rng) {}
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }
  bool Chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }

 private:
  std::mt19937_64& rng_;
};

// Services (one to three), how they must match, and the client.
inline void AddServicesAndClient(Draw& draw, v1::Requirement& r) {
  auto pick = [&](size_t n) { return draw.Pick(n); };
  auto chance = [&](int percent) { return draw.Chance(percent); };
  const auto services = CatalogServices();
  const int n_services = 1 + static_cast<int>(pick(3));
  for (int i = 0; i < n_services; ++i) {
    const std::string code(services[pick(services.size())].code);
    bool seen = false;
    for (const auto& s : r.services()) seen |= s == code;
    if (!seen) r.add_services(code);
  }
  if (chance(30)) r.set_service_match(v1::SERVICE_MATCH_ANY);
  static const char* const kClients[][2] = {
      {"US", "America/New_York"}, {"DE", "Europe/Berlin"},      {"GB", "Europe/London"},
      {"IN", "Asia/Kolkata"},     {"AU", "Australia/Sydney"},   {"BR", "America/Sao_Paulo"},
      {"JP", "Asia/Tokyo"},       {"MX", "America/Mexico_City"}};
  const auto& client = kClients[pick(8)];
  r.set_client_country(client[0]);
  r.set_client_time_zone(client[1]);
}

// Service and delivery models, the rate ceiling, seniority and headcount.
inline void AddModelsRateAndStaffing(Draw& draw, v1::Requirement& r) {
  auto pick = [&](size_t n) { return draw.Pick(n); };
  auto chance = [&](int percent) { return draw.Chance(percent); };
  if (chance(50))
    r.set_preferred_service_model(chance(50) ? v1::SERVICE_MODEL_BPO : v1::SERVICE_MODEL_KPO);
  for (int m = 1; m <= 3; ++m) {
    if (chance(40)) r.add_delivery_models(static_cast<v1::DeliveryModel>(m));
  }
  if (chance(60)) {
    r.mutable_rate_ceiling()->set_currency_code(chance(70) ? "USD" : chance(50) ? "EUR" : "INR");
    r.mutable_rate_ceiling()->set_minor_units(static_cast<int64_t>(500 + pick(15000)));
  }
  if (chance(30)) r.set_seniority(static_cast<v1::Seniority>(1 + pick(4)));
  if (chance(50)) r.set_headcount(static_cast<int32_t>(1 + pick(200)));
}

// Certifications, languages, industry, rating, overlap and the levels.
inline void AddQualificationsAndLevels(Draw& draw, v1::Requirement& r) {
  auto pick = [&](size_t n) { return draw.Pick(n); };
  auto chance = [&](int percent) { return draw.Chance(percent); };
  const auto certs = Certifications();
  if (chance(40)) r.add_certifications(std::string(certs[pick(certs.size())].code));
  if (chance(15)) r.add_certifications(std::string(certs[pick(certs.size())].code));
  static const char* const kLanguages[] = {"en", "es", "en-gb", "de", "fr", "pt-br", "hi", "tl"};
  if (chance(50)) r.add_languages(kLanguages[pick(8)]);
  if (chance(15)) r.add_languages(kLanguages[pick(8)]);
  const auto industries = Industries();
  if (chance(40)) r.set_industry(std::string(industries[pick(industries.size())].code));
  if (chance(30)) r.set_min_rating(static_cast<double>(pick(46)) / 10.0);
  if (chance(20)) r.set_min_overlap_hours(static_cast<double>(pick(9)));
  if (chance(30)) r.set_collaboration(static_cast<v1::Level>(1 + pick(3)));
  if (chance(30)) r.set_data_sensitivity(static_cast<v1::Level>(1 + pick(3)));
  if (chance(20)) {
    r.mutable_work()->set_complexity(static_cast<v1::Level>(1 + pick(3)));
    r.mutable_work()->set_expertise(static_cast<v1::Level>(1 + pick(3)));
  }
}

// The start date and duration, and diversity classifications.
inline void AddDatesAndDiversity(Draw& draw, v1::Requirement& r) {
  auto pick = [&](size_t n) { return draw.Pick(n); };
  auto chance = [&](int percent) { return draw.Chance(percent); };
  auto* start = r.mutable_start_date();
  start->set_year(2027);
  start->set_month(static_cast<int32_t>(1 + pick(12)));
  start->set_day(static_cast<int32_t>(1 + pick(28)));
  if (chance(40)) r.set_duration_months(static_cast<int32_t>(1 + pick(24)));
  if (r.duration_months() > 0 && chance(15)) r.set_certifications_valid_through_end(true);
  const auto classifications = Classifications();
  for (int i = 0; i < 2 && chance(i == 0 ? 12 : 40); ++i) {
    r.add_diversity_classifications(
        std::string(classifications[pick(classifications.size())].code));
  }
}

}  // namespace random_requirement

inline v1::Requirement RandomWireRequirement(std::mt19937_64& rng) {
  random_requirement::Draw draw(rng);
  while (true) {
    v1::Requirement r;
    random_requirement::AddServicesAndClient(draw, r);
    random_requirement::AddModelsRateAndStaffing(draw, r);
    random_requirement::AddQualificationsAndLevels(draw, r);
    random_requirement::AddDatesAndDiversity(draw, r);
    if (ValidateRequirement(r, kToday, nullptr).ok()) return r;
  }
}

// Everything a snapshot holds about a provider, as text.
std::string Dump(const Dictionary& d, const sdk::Provider& p) {
  auto names = [&](std::span<const sdk::Symbol> list) {
    std::vector<std::string> out;
    for (sdk::Symbol s : list) out.emplace_back(d.Name(s));
    return absl::StrJoin(out, ",");
  };
  std::string out =
      absl::StrCat(p.id(), "|", p.display_name(), "|", d.Name(p.headquarters_country()), "|",
                   p.service_models(), "|", p.declared_delivery_models(), "|", names(p.services()),
                   "|", names(p.languages()), "|", names(p.industries()));
  for (const auto& c : p.centres()) {
    const matching::CentreKind& kind = d.Kind(c.kind);
    absl::StrAppend(&out, "|centre ", d.Name(c.country), " ", d.Name(c.city), " ",
                    d.Name(c.time_zone), " ", c.headcount, " ", c.seats_available, " ",
                    c.round_the_clock, " kind:", d.Name(kind.country), "/", d.Name(kind.zone), "/",
                    kind.shifts.size(), "/", kind.round_the_clock);
  }
  for (const auto& c : p.certifications()) {
    absl::StrAppend(&out, "|cert ", d.Name(c.code), " ", c.issued, " ", c.expires);
  }
  for (const auto& r : p.rates()) {
    absl::StrAppend(&out, "|rate ", d.Name(r.service), " ", static_cast<int>(r.seniority), " ",
                    d.Name(r.hourly.currency), " ", r.hourly.minor_units);
  }
  absl::StrAppend(&out, "|", p.rating(), "|", p.review_count(), "|", p.sla_attainment_percent(),
                  "|", p.qualified_staff_percent(), "|", p.min_headcount());
  return out;
}

std::map<std::string, std::string> Contents(const Snapshot& s) {
  std::map<std::string, std::string> out;
  s.ForEachLive([&](const sdk::Provider& p) {
    EXPECT_TRUE(out.emplace(std::string(p.id()), Dump(*s.dictionary, p)).second)
        << "provider " << p.id() << " is live twice";
  });
  return out;
}

}  // namespace vendormatch::testing
