// Named providers and the words of a match: every failing filter named
// (checked against a profile with that filter alone), the ranking left
// alone by explaining, gaps to the top K, verified suggestions, what put
// each provider above the next, the diversity limit, and scores that do
// not move when an unrelated provider joins.
#include <iostream>
#include <random>
#include <set>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "matching_fixtures.h"
#include "services/matching/relaxation.h"

namespace vendormatch::testing {
namespace {

class ExplainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto snapshot = BuildSnapshot(Generate(2000, 5, 0.85));
    ASSERT_TRUE(snapshot.ok()) << snapshot.status();
    snapshot_ = new std::shared_ptr<const Snapshot>(*snapshot);
  }
  static void TearDownTestSuite() { delete snapshot_; }

  static absl::StatusOr<v1::MatchProvidersResponse> Answer(const CompiledProfile& profile,
                                                           const v1::MatchProvidersRequest& request,
                                                           const Snapshot* snapshot = nullptr) {
    static const ExchangeRates rates = ExchangeRates::Default();
    auto valid = ValidateRequirement(request.requirement(), kToday, nullptr);
    if (!valid.ok()) return valid.status();
    MatchInput in;
    in.snapshot = snapshot != nullptr ? snapshot : snapshot_->get();
    in.profile = &profile;
    in.requirement = &*valid;
    in.exchange_rates = &rates;
    in.top_k = request.top_k() == 0 ? 10 : request.top_k();
    for (const auto& name : request.explain_providers()) {
      in.explain.push_back(absl::StartsWith(name, "providers/") ? name.substr(10) : name);
    }
    in.diversity = request.diversity();
    return vendormatch::Answer(in, request, kToday);
  }

  // The profile with only `filter` filtering (and a scorer, as profiles need one).
  static std::shared_ptr<const CompiledProfile> FilterAlone(const std::string& filter) {
    v1::Profile p;
    p.set_name("profiles/alone");
    auto* f = p.add_plugins();
    f->set_plugin(filter);
    f->set_filter_enabled(true);
    auto* s = p.add_plugins();
    s->set_plugin(filter == "quality" ? "services" : "quality");
    s->set_score_enabled(true);
    s->set_weight(1);
    auto compiled = CompileProfile(p, BuiltIns::Get().plugins);
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    return *compiled;
  }

  static std::vector<std::string> LiveIds(std::mt19937_64& rng, size_t n) {
    std::vector<std::string> all;
    (*snapshot_)->ForEachLive([&](const sdk::Provider& p) { all.emplace_back(p.id()); });
    std::shuffle(all.begin(), all.end(), rng);
    all.resize(std::min(n, all.size()));
    return all;
  }

  static std::shared_ptr<const Snapshot>* snapshot_;
};

std::shared_ptr<const Snapshot>* ExplainTest::snapshot_ = nullptr;

TEST_F(ExplainTest, EveryFailingFilterIsNamedAndAgreesWithThatFilterAlone) {
  const BuiltIns& built = BuiltIns::Get();
  std::mt19937_64 rng(7);
  std::map<std::string, std::shared_ptr<const CompiledProfile>> alone;
  int excluded = 0, multi = 0, verdicts = 0;
  for (int round = 0; round < 150; ++round) {
    v1::MatchProvidersRequest request;
    *request.mutable_requirement() = RandomWireRequirement(rng);
    request.set_hints(v1::HINT_POLICY_NEVER);
    for (const auto& id : LiveIds(rng, 5)) request.add_explain_providers(id);
    const CompiledProfile& profile = *built.profiles[round % built.profiles.size()];
    auto answer = Answer(profile, request);
    ASSERT_TRUE(answer.ok()) << answer.status();
    ASSERT_EQ(answer->explanations_size(), 5);
    for (const auto& e : answer->explanations()) {
      ASSERT_EQ(e.status(), v1::Provider::STATUS_ACTIVE);
      int failing = 0;
      for (const auto& v : e.verdicts()) {
        ++verdicts;
        if (!v.passed()) {
          ++failing;
          EXPECT_FALSE(v.reasons().empty()) << v.plugin();
          for (const auto& reason : v.reasons()) EXPECT_FALSE(reason.sentence().empty());
        }
        if (!alone.contains(v.plugin())) alone[v.plugin()] = FilterAlone(v.plugin());
        v1::MatchProvidersRequest one = request;
        one.clear_explain_providers();
        one.add_explain_providers(e.provider());
        auto single = Answer(*alone[v.plugin()], one);
        ASSERT_TRUE(single.ok()) << single.status();
        EXPECT_EQ(single->explanations(0).eligible(), v.passed())
            << e.provider() << " " << v.plugin() << " alone disagrees with its verdict";
      }
      EXPECT_EQ(e.eligible(), failing == 0) << e.summary();
      if (!e.eligible()) {
        ++excluded;
        for (const auto& v : e.verdicts()) {
          if (!v.passed()) {
            EXPECT_NE(e.summary().find(v.plugin()), std::string::npos);
          }
        }
      }
      if (failing > 1) ++multi;
    }
  }
  std::cout << "explained: " << excluded << " excluded providers (" << multi
            << " failing several filters), " << verdicts << " verdicts checked\n";
  EXPECT_GT(multi, 10);
}

TEST_F(ExplainTest, ExplainingNeverChangesTheRanking) {
  const BuiltIns& built = BuiltIns::Get();
  std::mt19937_64 rng(8);
  for (int round = 0; round < 40; ++round) {
    v1::MatchProvidersRequest plain;
    *plain.mutable_requirement() = RandomWireRequirement(rng);
    plain.set_top_k(15);
    v1::MatchProvidersRequest named = plain;
    for (const auto& id : LiveIds(rng, 20)) named.add_explain_providers(id);
    const CompiledProfile& profile = *built.profiles[round % built.profiles.size()];
    auto a = Answer(profile, plain), b = Answer(profile, named);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->matches_size(), b->matches_size());
    for (int i = 0; i < a->matches_size(); ++i) {
      EXPECT_EQ(a->matches(i).SerializeAsString(), b->matches(i).SerializeAsString());
    }
    EXPECT_EQ(a->relaxation_hints_size(), b->relaxation_hints_size());
    EXPECT_EQ(b->explanations_size(), 20);
  }
}

TEST_F(ExplainTest, InactiveProvidersSayTheirStatus) {
  std::vector<std::pair<std::string, v1::Provider::Status>> inactive(
      (*snapshot_)->inactive->begin(), (*snapshot_)->inactive->end());
  ASSERT_GT(inactive.size(), 10u);
  v1::MatchProvidersRequest request;
  std::mt19937_64 rng(9);
  *request.mutable_requirement() = RandomWireRequirement(rng);
  for (size_t i = 0; i < 5; ++i) request.add_explain_providers(inactive[i].first);
  auto answer = Answer(*BuiltIns::Get().profiles[0], request);
  ASSERT_TRUE(answer.ok());
  for (size_t i = 0; i < 5; ++i) {
    const auto& e = answer->explanations(static_cast<int>(i));
    EXPECT_EQ(e.status(), inactive[i].second);
    EXPECT_FALSE(e.eligible());
    EXPECT_TRUE(e.verdicts().empty());
    EXPECT_NE(e.summary().find("never matches"), std::string::npos) << e.summary();
  }
}

// A broad need, so most explained providers are eligible but outside the top 5.
v1::MatchProvidersRequest Broad() {
  v1::MatchProvidersRequest request;
  v1::Requirement& r = *request.mutable_requirement();
  r.add_services("CUSTOMER_SUPPORT");
  r.set_client_country("US");
  r.set_client_time_zone("America/New_York");
  r.set_headcount(20);
  r.mutable_rate_ceiling()->set_currency_code("USD");
  r.mutable_rate_ceiling()->set_minor_units(4000);
  request.set_top_k(5);
  return request;
}

TEST_F(ExplainTest, OutsideTheTopKGivesTheGapAndVerifiedWaysIn) {
  const CompiledProfile& profile = *BuiltIns::Get().profiles[1];  // cost_first
  v1::MatchProvidersRequest request = Broad();
  request.set_top_k(100);
  auto all = Answer(profile, request);
  ASSERT_TRUE(all.ok());
  ASSERT_GT(all->eligible_count(), 40);
  request.set_top_k(5);
  for (int i = 20; i < 40; i += 4) request.add_explain_providers(all->matches(i).provider());
  auto answer = Answer(profile, request);
  ASSERT_TRUE(answer.ok());
  const double kth = answer->matches(4).total_score();
  int reached = 0;
  for (const auto& e : answer->explanations()) {
    ASSERT_TRUE(e.eligible()) << e.summary();
    EXPECT_GT(e.match().rank(), 5);
    EXPECT_NEAR(e.gap_to_top_k(), kth - e.match().total_score(), 1e-9);
    EXPECT_GE(e.gap_to_top_k(), 0);
    EXPECT_FALSE(e.behind_top_k().empty());
    for (const auto& f : e.behind_top_k()) EXPECT_GT(f.points(), 0);
    for (const auto& s : e.suggestions()) {
      EXPECT_EQ(s.side(), "provider");
      if (!s.reaches_goal()) continue;
      ++reached;
      EXPECT_LE(s.rank_after(), 5) << e.provider();
      EXPECT_GE(s.total_after(), kth);
    }
  }
  EXPECT_GT(reached, 0);
}

TEST_F(ExplainTest, BuyerSuggestionsForExcludedProvidersAreTrueWhenTried) {
  const BuiltIns& built = BuiltIns::Get();
  std::mt19937_64 rng(10);
  int tried = 0, reached = 0, provider_tried = 0, provider_reached = 0;
  for (int round = 0; round < 80; ++round) {
    v1::MatchProvidersRequest request;
    *request.mutable_requirement() = RandomWireRequirement(rng);
    request.set_hints(v1::HINT_POLICY_NEVER);
    for (const auto& id : LiveIds(rng, 4)) request.add_explain_providers(id);
    const CompiledProfile& profile = *built.profiles[round % built.profiles.size()];
    auto answer = Answer(profile, request);
    ASSERT_TRUE(answer.ok());
    for (const auto& e : answer->explanations()) {
      if (e.eligible()) continue;
      for (const auto& s : e.suggestions()) {
        ++tried;
        EXPECT_EQ(s.reaches_goal(), s.eligible_after());
        // What still keeps it out is named exactly when it is still out.
        EXPECT_EQ(s.still_failing().empty(), s.eligible_after()) << e.provider();
        if (s.side() != "buyer") {
          ++provider_tried;
          if (s.eligible_after()) ++provider_reached;
          continue;
        }
        v1::MatchProvidersRequest again;
        *again.mutable_requirement() = s.requirement();
        again.add_explain_providers(e.provider());
        auto check = Answer(profile, again);
        ASSERT_TRUE(check.ok()) << check.status();
        EXPECT_EQ(check->explanations(0).eligible(), s.eligible_after()) << e.provider();
        if (s.eligible_after()) ++reached;
      }
    }
  }
  std::cout << "suggestions: " << tried << " tried; buyer side " << tried - provider_tried
            << ", of which " << reached << " re-checked eligible; provider side " << provider_tried
            << ", " << provider_reached << " eligible\n";
  EXPECT_GT(reached, 20);
}

TEST_F(ExplainTest, EachRankedProviderSaysWhatPutItAboveTheNext) {
  auto answer = Answer(*BuiltIns::Get().profiles[0], Broad());
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(answer->matches_size(), 5);
  for (int i = 0; i + 1 < answer->matches_size(); ++i) {
    const auto& m = answer->matches(i);
    ASSERT_TRUE(m.has_ahead_of_next());
    EXPECT_EQ(m.ahead_of_next().next_provider(), answer->matches(i + 1).provider());
    EXPECT_NEAR(m.ahead_of_next().margin(), m.total_score() - answer->matches(i + 1).total_score(),
                1e-9);
    EXPECT_LE(m.ahead_of_next().factors_size(), 2);
    EXPECT_NE(m.ahead_of_next().summary().find(absl::StrCat("#", i + 2)), std::string::npos);
    for (const auto& f : m.ahead_of_next().factors()) EXPECT_GT(f.points(), 0);
  }
  EXPECT_FALSE(answer->matches(4).has_ahead_of_next());
}

TEST_F(ExplainTest, DiversityLimitsEachCountryAndNamesWhoWasPushedDown) {
  v1::MatchProvidersRequest request = Broad();
  request.set_top_k(8);
  auto plain = Answer(*BuiltIns::Get().profiles[1], request);
  request.mutable_diversity()->set_scope(v1::DIVERSITY_SCOPE_HEADQUARTERS_COUNTRY);
  request.mutable_diversity()->set_max_per_country(1);
  auto spread = Answer(*BuiltIns::Get().profiles[1], request);
  ASSERT_TRUE(plain.ok() && spread.ok());
  std::set<std::string> countries;
  for (const auto& m : spread->matches()) {
    const sdk::Provider* p = (*snapshot_)->Find(m.provider().substr(10));
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(
        countries.insert(std::string((*snapshot_)->dictionary->Name(p->headquarters_country())))
            .second)
        << "two providers from one country";
  }
  EXPECT_FALSE(spread->pushed_down().empty());
  for (const auto& pushed : spread->pushed_down()) {
    EXPECT_TRUE(countries.contains(pushed.country_code()));
    EXPECT_GT(pushed.rank_without_limit(), 1);
  }
  // The first is the same with or without the limit.
  EXPECT_EQ(plain->matches(0).provider(), spread->matches(0).provider());
}

// Scores on scales of their own: a provider's normalised scores do not move
// when another provider joins the registry, under every shipped profile.
TEST_F(ExplainTest, AnUnrelatedProviderJoiningMovesNoOtherScore) {
  std::vector<v1::Provider> extra = Generate(2010, 77, 1.0);
  std::vector<v1::Provider> joining(extra.end() - 10, extra.end());
  for (auto& p : joining) p.set_name(absl::StrCat(p.name(), "-joining"));
  auto bigger = ApplyChanges(**snapshot_, joining,
                             FeedPosition{.revision = 2, .horizon = 0, .in_flight = {}});
  ASSERT_TRUE(bigger.ok()) << bigger.status();
  std::mt19937_64 rng(12);
  int compared = 0;
  for (int round = 0; round < 80; ++round) {
    v1::MatchProvidersRequest request;
    *request.mutable_requirement() = RandomWireRequirement(rng);
    request.set_top_k(100);
    request.set_hints(v1::HINT_POLICY_NEVER);
    for (const auto& profile : BuiltIns::Get().profiles) {
      auto before = Answer(*profile, request), after = Answer(*profile, request, bigger->get());
      ASSERT_TRUE(before.ok() && after.ok());
      std::map<std::string, const v1::ProviderMatch*> later;
      for (const auto& m : after->matches()) later[m.provider()] = &m;
      for (const auto& m : before->matches()) {
        auto it = later.find(m.provider());
        if (it == later.end()) continue;  // pushed out of the top 100 by a newcomer
        ++compared;
        EXPECT_DOUBLE_EQ(m.total_score(), it->second->total_score()) << m.provider();
        for (int s = 0; s < m.scores_size(); ++s) {
          EXPECT_DOUBLE_EQ(m.scores(s).normalized_score(), it->second->scores(s).normalized_score())
              << m.provider() << " " << m.scores(s).plugin();
        }
      }
    }
  }
  EXPECT_GT(compared, 500);
}

TEST_F(ExplainTest, MinMaxStaysAvailableAsAProfileOption) {
  v1::Profile p = BuiltIns::Get().profiles[1]->proto;
  for (auto& plugin : *p.mutable_plugins()) {
    if (plugin.plugin() == "rate") plugin.set_normalization(v1::NORMALIZATION_MIN_MAX);
  }
  auto compiled = CompileProfile(p, BuiltIns::Get().plugins);
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  v1::MatchProvidersRequest request = Broad();
  request.mutable_requirement()->add_languages("es");
  request.mutable_requirement()->set_min_rating(4.0);
  request.set_top_k(100);
  auto answer = Answer(**compiled, request);
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(answer->matches_size(), std::min(100, answer->eligible_count()));
  ASSERT_LE(answer->eligible_count(), 100) << "need every eligible provider shown";
  double low = 100, high = 0;
  for (const auto& m : answer->matches()) {
    for (const auto& s : m.scores()) {
      if (s.plugin() != "rate") continue;
      low = std::min(low, s.normalized_score());
      high = std::max(high, s.normalized_score());
    }
  }
  EXPECT_DOUBLE_EQ(low, 0);
  EXPECT_DOUBLE_EQ(high, 100);
}

}  // namespace
}  // namespace vendormatch::testing
