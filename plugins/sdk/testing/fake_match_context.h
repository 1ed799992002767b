// For plugin unit tests (in-tree): a MatchContext with a requirement, its
// own symbol table and a fixed exchange-rate table, helpers to build
// providers and candidates, and helpers that run a plugin's stages over a
// batch.
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
    names_.push_back("");  // kNoSymbol
    for (const auto& [currency, usd] : std::map<std::string, double>{{"USD", 1.0},
                                                                     {"EUR", 1.10},
                                                                     {"GBP", 1.27},
                                                                     {"INR", 0.012},
                                                                     {"PHP", 0.018},
                                                                     {"MXN", 0.058},
                                                                     {"PLN", 0.25},
                                                                     {"JPY", 0.0067}}) {
      usd_per_unit_[Sym(currency)] = usd;
    }
    requirement_.client_country = Sym("US");
    absl::LoadTimeZone("America/New_York", &requirement_.client_time_zone);
    requirement_.client_hours = {Shift{0b0011111, 9 * 60, 17 * 60}};
    SetStartDate(absl::CivilDay(2027, 3, 1));
  }

  // The Symbol of `text`, interned on first use.
  Symbol Sym(absl::string_view text) {
    if (Symbol s = Find(text); s != kNoSymbol) return s;
    names_.emplace_back(text);
    return static_cast<Symbol>(names_.size() - 1);
  }
  std::vector<Symbol> Syms(std::initializer_list<absl::string_view> texts) {
    std::vector<Symbol> out;
    for (absl::string_view t : texts) out.push_back(Sym(t));
    return out;
  }
  Money Cash(absl::string_view currency, int64_t minor_units) {
    return Money{Sym(currency), minor_units};
  }
  void SetStartDate(absl::CivilDay day) {
    requirement_.start_date = day;
    requirement_.start_day = DayNumberOf(day);
  }

  Requirement& mutable_requirement() { return requirement_; }
  const Requirement& requirement() const override { return requirement_; }
  std::optional<int64_t> Convert(const Money& money, Symbol currency) const override {
    auto from = usd_per_unit_.find(money.currency);
    auto to = usd_per_unit_.find(currency);
    if (from == usd_per_unit_.end() || to == usd_per_unit_.end()) return std::nullopt;
    const double scale_from = Scale(money.currency), scale_to = Scale(currency);
    const double units = static_cast<double>(money.minor_units) / scale_from;
    return static_cast<int64_t>(units * from->second / to->second * scale_to + 0.5);
  }
  int MinorDigits(Symbol currency) const override { return Name(currency) == "JPY" ? 0 : 2; }
  absl::string_view Name(Symbol symbol) const override {
    return symbol < names_.size() ? absl::string_view(names_[symbol]) : absl::string_view();
  }
  Symbol Find(absl::string_view text) const override {
    for (size_t i = 1; i < names_.size(); ++i) {
      if (names_[i] == text) return static_cast<Symbol>(i);
    }
    return kNoSymbol;
  }
  // Removes a currency's rate, to test the "no rate" path.
  void ForgetCurrency(absl::string_view currency) { usd_per_unit_.erase(Sym(currency)); }

 private:
  double Scale(Symbol currency) const { return MinorDigits(currency) == 0 ? 1.0 : 100.0; }
  Requirement requirement_;
  std::vector<std::string> names_;
  std::map<Symbol, double> usd_per_unit_;
};

// A Candidate over `provider` with facts for each centre (all filled with
// `facts`, deciding centre 0) — tests then tweak what they need.
struct CandidateFixture {
  ProviderData provider;
  std::vector<CentreFacts> facts;
  // The candidate points into this fixture (and its view), which must
  // outlive it and not change while it is used.
  Candidate candidate() const {
    view_ = provider.view();
    Candidate c;
    c.provider = &view_;
    c.centres = facts;
    c.deciding_centre = facts.empty() ? -1 : 0;
    c.delivery_model = facts.empty() ? DeliveryModel::kUnspecified : facts[0].delivery_model;
    return c;
  }
  // Adds a centre to the provider with its facts, keeping the two parallel.
  CandidateFixture& AddCentre(Centre centre, CentreFacts centre_facts) {
    provider.centres.push_back(centre);
    facts.push_back(centre_facts);
    return *this;
  }

 private:
  mutable Provider view_;
};

// The candidates over `fixtures`, in order. They point into `fixtures`, which
// must outlive them and not change while they are used.
inline std::vector<Candidate> CandidatesOf(const std::vector<CandidateFixture>& fixtures) {
  std::vector<Candidate> candidates;
  candidates.reserve(fixtures.size());
  for (const CandidateFixture& f : fixtures) candidates.push_back(f.candidate());
  return candidates;
}

// A filter verdict as text, the way the framework shows it: "" when it
// passes, else "reason" or "reason:DETAIL".
inline std::string ReasonText(const MatchContext& ctx, const FilterResult& r) {
  if (r.pass) return "";
  std::string out = r.reason ? r.reason : "rejected";
  if (r.detail != kNoSymbol) {
    out += ':';
    out += std::string(ctx.Name(r.detail));
  }
  return out;
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
// candidate (raw only; not normalised).
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

// plugin.Explain for each fixture with its raw score from RunScore.
inline std::vector<std::string> RunExplain(const Plugin& plugin, const MatchContext& ctx,
                                           const std::vector<CandidateFixture>& fixtures) {
  const std::vector<Candidate> batch = CandidatesOf(fixtures);
  const std::vector<ScoreResult> scores = RunScore(plugin, ctx, batch);
  std::vector<std::string> out;
  for (size_t i = 0; i < batch.size(); ++i) {
    out.push_back(plugin.Explain(ctx, batch[i], scores[i].raw));
  }
  return out;
}

// plugin.Prefilter's clauses, expecting it to succeed.
inline std::vector<IndexClause> RunPrefilter(const Plugin& plugin, const MatchContext& ctx) {
  std::vector<IndexClause> clauses;
  EXPECT_TRUE(plugin.Prefilter(ctx, clauses).ok());
  return clauses;
}

// Checks the IndexClause contract on `fixtures`: every candidate the
// plugin's Filter passes satisfies every clause of its Prefilter.
inline void ExpectClausesNecessary(const Plugin& plugin, const MatchContext& ctx,
                                   const std::vector<CandidateFixture>& fixtures) {
  const std::vector<IndexClause> clauses = RunPrefilter(plugin, ctx);
  const std::vector<Candidate> batch = CandidatesOf(fixtures);
  const std::vector<FilterResult> verdicts = RunFilter(plugin, ctx, batch);
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!verdicts[i].pass) continue;
    for (const IndexClause& clause : clauses) {
      EXPECT_TRUE(ClauseHolds(ctx, *batch[i].provider, clause))
          << "candidate " << i << " passes Filter but fails a clause with reason "
          << (clause.reason ? clause.reason : "(none)");
    }
  }
}

// plugin.Relax's suggestion with the candidates over `fixtures` as removed.
inline std::string RunRelax(const Plugin& plugin, const MatchContext& ctx,
                            const std::vector<CandidateFixture>& fixtures) {
  return plugin.Relax(ctx, CandidatesOf(fixtures));
}

// Score results with these raw values (not normalised), to feed
// plugin.Normalize.
inline std::vector<ScoreResult> RawScores(std::initializer_list<double> raws) {
  std::vector<ScoreResult> scores;
  for (double raw : raws) scores.push_back(ScoreResult{raw, 0});
  return scores;
}

// Plugin settings with these values, e.g. MakeSettings({{"currency", "EUR"}}).
inline Settings MakeSettings(std::map<std::string, std::string> values) {
  return Settings(std::move(values));
}

}  // namespace vendormatch::sdk::testing
