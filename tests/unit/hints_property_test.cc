// Relaxation hints keep their promise: over thousands of random
// requirements on a generated registry, under every shipped profile, each
// hint's count is what the match with its relaxed requirement returns,
// every single relaxation that would gain providers has a hint, and firm
// constraints are never relaxed.
#include <iostream>
#include <random>
#include <set>

#include "absl/strings/ascii.h"
#include "gtest/gtest.h"
#include "matching_fixtures.h"
#include "services/matching/relaxation.h"

namespace vendormatch::testing {
namespace {

struct World {
  std::shared_ptr<const Snapshot> snapshot;
  ExchangeRates rates = ExchangeRates::Default();
};

const World& TheWorld() {
  static const World* world = [] {
    auto* w = new World;
    auto snapshot = BuildSnapshot(Generate(2500, 11, 0.9));
    EXPECT_TRUE(snapshot.ok()) << snapshot.status();
    w->snapshot = *snapshot;
    return w;
  }();
  return *world;
}

absl::StatusOr<v1::MatchProvidersResponse> AnswerOn(const CompiledProfile& profile,
                                                    const v1::MatchProvidersRequest& request) {
  auto valid = ValidateRequirement(request.requirement(), kToday, nullptr);
  if (!valid.ok()) return valid.status();
  MatchInput in;
  in.snapshot = TheWorld().snapshot.get();
  in.profile = &profile;
  in.requirement = &*valid;
  in.exchange_rates = &TheWorld().rates;
  in.top_k = request.top_k();
  return Answer(in, request, kToday);
}

int Eligible(const CompiledProfile& profile, const v1::Requirement& r) {
  v1::MatchProvidersRequest request;
  *request.mutable_requirement() = r;
  request.set_hints(v1::HINT_POLICY_NEVER);
  auto response = AnswerOn(profile, request);
  EXPECT_TRUE(response.ok()) << response.status();
  return response.ok() ? response->eligible_count() : -1;
}

// Every single relaxation of `r`, named as ConstraintPreference names them:
// the constraint dropped (or, for delivery models, one more accepted).
std::vector<std::pair<std::string, v1::Requirement>> SingleRelaxations(const v1::Requirement& r) {
  std::vector<std::pair<std::string, v1::Requirement>> out;
  auto add = [&](const std::string& name, auto change) {
    v1::Requirement relaxed = r;
    change(relaxed);
    out.emplace_back(name, relaxed);
  };
  if (r.service_match() != v1::SERVICE_MATCH_ANY && r.services_size() > 1) {
    add("services", [](v1::Requirement& x) { x.set_service_match(v1::SERVICE_MATCH_ANY); });
  }
  if (r.preferred_service_model() != v1::SERVICE_MODEL_UNSPECIFIED || r.has_work()) {
    add("service_model", [](v1::Requirement& x) {
      x.set_preferred_service_model(v1::SERVICE_MODEL_UNSPECIFIED);
      x.clear_work();
    });
  }
  if (!r.delivery_models().empty()) {
    for (int m = 1; m <= 3; ++m) {
      if (std::count(r.delivery_models().begin(), r.delivery_models().end(), m) > 0) continue;
      add("delivery_models",
          [m](v1::Requirement& x) { x.add_delivery_models(static_cast<v1::DeliveryModel>(m)); });
    }
  }
  if (r.has_rate_ceiling()) add("rate_ceiling", [](v1::Requirement& x) { x.clear_rate_ceiling(); });
  if (r.headcount() > 0) add("headcount", [](v1::Requirement& x) { x.set_headcount(0); });
  for (const std::string& code : r.certifications()) {
    const std::string upper = absl::AsciiStrToUpper(code);
    add("certifications:" + upper, [&](v1::Requirement& x) {
      auto* list = x.mutable_certifications();
      list->erase(
          std::remove_if(list->begin(), list->end(),
                         [&](const std::string& c) { return absl::AsciiStrToUpper(c) == upper; }),
          list->end());
    });
  }
  if (r.certifications_valid_through_end()) {
    add("certifications_valid_through_end",
        [](v1::Requirement& x) { x.set_certifications_valid_through_end(false); });
  }
  for (const std::string& tag : r.languages()) {
    const std::string lower = absl::AsciiStrToLower(tag);
    add("languages:" + lower, [&](v1::Requirement& x) {
      auto* list = x.mutable_languages();
      list->erase(
          std::remove_if(list->begin(), list->end(),
                         [&](const std::string& t) { return absl::AsciiStrToLower(t) == lower; }),
          list->end());
    });
  }
  if (!r.industry().empty()) add("industry", [](v1::Requirement& x) { x.clear_industry(); });
  if (r.min_rating() > 0) add("min_rating", [](v1::Requirement& x) { x.set_min_rating(0); });
  if (r.min_overlap_hours() > 0) {
    add("min_overlap_hours", [](v1::Requirement& x) { x.set_min_overlap_hours(0); });
  }
  return out;
}

TEST(HintsPropertyTest, EveryHintKeepsItsPromiseAndEveryGainingRelaxationHasOne) {
  const BuiltIns& built = BuiltIns::Get();
  std::mt19937_64 rng(2026);
  int requirements = 0, hints = 0, pairs = 0, gaining_singles = 0, firm_skipped = 0;
  const int kRequirements = 1200;
  for (int round = 0; round < kRequirements; ++round) {
    v1::MatchProvidersRequest request;
    *request.mutable_requirement() = RandomWireRequirement(rng);
    request.set_hints(v1::HINT_POLICY_ALWAYS);
    request.set_top_k(10);
    v1::Requirement& r = *request.mutable_requirement();
    const auto singles = SingleRelaxations(r);
    std::set<std::string> firm;
    if (!singles.empty() && rng() % 4 == 0) {
      const std::string& name = singles[rng() % singles.size()].first;
      auto* pref = r.add_constraint_preferences();
      pref->set_constraint(name);
      pref->set_firm(true);
      firm.insert(name);
    }
    const CompiledProfile& profile = *built.profiles[round % built.profiles.size()];
    auto answer = AnswerOn(profile, request);
    ASSERT_TRUE(answer.ok()) << answer.status() << "\n" << r.DebugString();
    ++requirements;
    std::set<std::string> hinted;
    for (const auto& hint : answer->relaxation_hints()) {
      ++hints;
      if (hint.constraints_size() > 1) ++pairs;
      EXPECT_GT(hint.gained(), 0) << hint.suggestion();
      EXPECT_EQ(Eligible(profile, hint.relaxed_requirement()), hint.eligible_if_relaxed())
          << "hint \"" << hint.suggestion() << "\" broke its promise for\n"
          << r.DebugString();
      for (const auto& c : hint.constraints()) {
        EXPECT_FALSE(firm.contains(c) || firm.contains(c.substr(0, c.find(':'))))
            << "firm constraint " << c << " relaxed";
      }
      if (hint.constraints_size() == 1) hinted.insert(hint.constraints(0));
    }
    const int now = answer->eligible_count();
    for (const auto& [name, relaxed] : singles) {
      if (firm.contains(name)) {
        ++firm_skipped;
        continue;
      }
      if (Eligible(profile, relaxed) <= now) continue;
      ++gaining_singles;
      EXPECT_TRUE(hinted.contains(name))
          << "relaxing " << name << " gains providers but has no hint (profile "
          << profile.proto.name() << ")\n"
          << r.DebugString();
    }
  }
  std::cout << "hint property: " << requirements << " requirements, " << hints << " hints ("
            << pairs << " pairs) all kept their promise; " << gaining_singles
            << " gaining single relaxations all hinted; " << firm_skipped
            << " firm ones never relaxed\n";
  EXPECT_EQ(requirements, kRequirements);
  EXPECT_GT(hints, kRequirements);
  EXPECT_GT(pairs, 0);
}

}  // namespace
}  // namespace vendormatch::testing
