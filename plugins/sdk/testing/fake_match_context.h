// For plugin unit tests (in-tree): a MatchContext with a requirement and a
// fixed exchange-rate table, helpers to build providers and candidates, and
// helpers that run a plugin's stages over a batch.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::sdk::testing {

class FakeMatchContext : public MatchContext {
 public:
  // Rates: units of USD per one unit of each currency.
  FakeMatchContext() {
    usd_per_unit_ = {{"USD", 1.0},   {"EUR", 1.10},  {"GBP", 1.27}, {"INR", 0.012},
                     {"PHP", 0.018}, {"MXN", 0.058}, {"PLN", 0.25}, {"JPY", 0.0067}};
    requirement_.client_country = "US";
    absl::LoadTimeZone("America/New_York", &requirement_.client_time_zone);
    requirement_.client_hours = {Shift{0b0011111, 9 * 60, 17 * 60}};
    requirement_.start_date = absl::CivilDay(2027, 3, 1);
  }
  Requirement& mutable_requirement() { return requirement_; }
  const Requirement& requirement() const override { return requirement_; }
  std::optional<int64_t> Convert(const Money& money, absl::string_view currency) const override {
    auto from = usd_per_unit_.find(money.currency);
    auto to = usd_per_unit_.find(std::string(currency));
    if (from == usd_per_unit_.end() || to == usd_per_unit_.end()) return std::nullopt;
    const double scale_from = Scale(money.currency), scale_to = Scale(std::string(currency));
    const double units = static_cast<double>(money.minor_units) / scale_from;
    return static_cast<int64_t>(units * from->second / to->second * scale_to + 0.5);
  }
  int MinorDigits(absl::string_view currency) const override { return currency == "JPY" ? 0 : 2; }
  // Removes a currency's rate, to test the "no rate" path.
  void ForgetCurrency(const std::string& currency) { usd_per_unit_.erase(currency); }

 private:
  double Scale(const std::string& currency) const {
    return MinorDigits(currency) == 0 ? 1.0 : 100.0;
  }
  Requirement requirement_;
  std::map<std::string, double> usd_per_unit_;
};

// A Candidate over `provider` with facts for each centre (all filled with
// `facts`, deciding centre 0) — tests then tweak what they need.
struct CandidateFixture {
  Provider provider;
  std::vector<CentreFacts> facts;
  Candidate candidate() const {
    Candidate c;
    c.provider = &provider;
    c.centres = facts;
    c.deciding_centre = facts.empty() ? -1 : 0;
    c.delivery_model = facts.empty() ? DeliveryModel::kUnspecified : facts[0].delivery_model;
    return c;
  }
  // Adds a centre to the provider with its facts, keeping the two parallel.
  CandidateFixture& AddCentre(Centre centre, CentreFacts centre_facts) {
    provider.centres.push_back(std::move(centre));
    facts.push_back(centre_facts);
    return *this;
  }
};

// The candidates over `fixtures`, in order. They point into `fixtures`, which
// must outlive them and not change while they are used.
inline std::vector<Candidate> CandidatesOf(const std::vector<CandidateFixture>& fixtures) {
  std::vector<Candidate> candidates;
  candidates.reserve(fixtures.size());
  for (const CandidateFixture& f : fixtures) candidates.push_back(f.candidate());
  return candidates;
}

// Runs plugin.Filter over `batch`, expecting it to succeed; one result per
// candidate.
inline std::vector<FilterResult> RunFilter(const Plugin& plugin, const MatchContext& ctx,
                                           std::span<const Candidate> batch) {
  std::vector<FilterResult> out(batch.size());
  EXPECT_TRUE(plugin.Filter(ctx, batch, out).ok());
  return out;
}
inline std::vector<FilterResult> RunFilter(const Plugin& plugin, const MatchContext& ctx,
                                           const std::vector<CandidateFixture>& fixtures) {
  return RunFilter(plugin, ctx, CandidatesOf(fixtures));
}

// Runs plugin.Score over `batch`, expecting it to succeed; one result per
// candidate (raw and reason; not normalised).
inline std::vector<ScoreResult> RunScore(const Plugin& plugin, const MatchContext& ctx,
                                         std::span<const Candidate> batch) {
  std::vector<ScoreResult> out(batch.size());
  EXPECT_TRUE(plugin.Score(ctx, batch, out).ok());
  return out;
}
inline std::vector<ScoreResult> RunScore(const Plugin& plugin, const MatchContext& ctx,
                                         const std::vector<CandidateFixture>& fixtures) {
  return RunScore(plugin, ctx, CandidatesOf(fixtures));
}

// plugin.Relax's suggestion with the candidates over `fixtures` as removed.
inline std::string RunRelax(const Plugin& plugin, const MatchContext& ctx,
                            const std::vector<CandidateFixture>& fixtures) {
  return plugin.Relax(ctx, CandidatesOf(fixtures));
}

// Score results with these raw values (reasons empty, not normalised), to
// feed plugin.Normalize.
inline std::vector<ScoreResult> RawScores(std::initializer_list<double> raws) {
  std::vector<ScoreResult> scores;
  for (double raw : raws) scores.push_back(ScoreResult{raw, "", 0});
  return scores;
}

// Plugin settings with these values, e.g. MakeSettings({{"currency", "EUR"}}).
inline Settings MakeSettings(std::map<std::string, std::string> values) {
  return Settings(std::move(values));
}

}  // namespace vendormatch::sdk::testing
