// For plugin unit tests (in-tree): a MatchContext with a requirement, its
// own symbol table and a fixed exchange-rate table, helpers to build
// providers and candidates, and helpers that run a plugin's stages over a
// batch.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
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

  // Gives `service` a market band of USD low_cents..high_cents; Band
  // converts it like Convert does. Services without one have no band.
  void SetBand(absl::string_view service, int64_t low_cents, int64_t high_cents) {
    bands_[Sym(service)] = {low_cents, high_cents};
  }
  std::optional<MarketBand> Band(Symbol service, Symbol currency) const override {
    auto it = bands_.find(service);
    const Symbol usd = Find("USD");
    if (it == bands_.end() || usd == kNoSymbol) return std::nullopt;
    const std::optional<int64_t> low = Convert(Money{usd, it->second.first}, currency);
    const std::optional<int64_t> high = Convert(Money{usd, it->second.second}, currency);
    if (!low || !high) return std::nullopt;
    return MarketBand{{currency, *low}, {currency, *high}};
  }

 private:
  double Scale(Symbol currency) const { return MinorDigits(currency) == 0 ? 1.0 : 100.0; }
  Requirement requirement_;
  std::vector<std::string> names_;
  std::map<Symbol, double> usd_per_unit_;
  std::map<Symbol, std::pair<int64_t, int64_t>> bands_;
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

// Score results with these raw values (not normalised), to feed
// plugin.Normalize.
inline std::vector<ScoreResult> RawScores(std::initializer_list<double> raws) {
  std::vector<ScoreResult> scores;
  for (double raw : raws) scores.push_back(ScoreResult{raw, 0});
  return scores;
}

// Score then Normalize over `batch`, expecting both to succeed: the
// normalised scores, one per candidate.
inline std::vector<double> RunNormalized(const Plugin& plugin, const MatchContext& ctx,
                                         std::span<const Candidate> batch) {
  std::vector<ScoreResult> scores = RunScore(plugin, ctx, batch);
  EXPECT_TRUE(plugin.Normalize(ctx, scores).ok());
  std::vector<double> out;
  for (const ScoreResult& s : scores) out.push_back(s.normalized);
  return out;
}

// Checks that a scorer's normalised score of each candidate depends on that
// candidate alone: scoring it on its own gives what it gets in `batch`.
inline void ExpectScoresIndependentOfTheBatch(const Plugin& plugin, const MatchContext& ctx,
                                              std::span<const Candidate> batch) {
  const std::vector<double> together = RunNormalized(plugin, ctx, batch);
  for (size_t i = 0; i < batch.size(); ++i) {
    const std::vector<double> alone = RunNormalized(plugin, ctx, batch.subspan(i, 1));
    EXPECT_DOUBLE_EQ(alone[0], together[i]) << "candidate " << i;
  }
  // Reversed, so each one's neighbours change too.
  std::vector<Candidate> reversed(batch.rbegin(), batch.rend());
  const std::vector<double> backwards = RunNormalized(plugin, ctx, reversed);
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_DOUBLE_EQ(backwards[batch.size() - 1 - i], together[i]) << "candidate " << i;
  }
}

// plugin.Verdicts for one candidate, expecting it to succeed.
inline std::vector<Verdict> RunVerdicts(const Plugin& plugin, const MatchContext& ctx,
                                        const Candidate& candidate) {
  std::vector<Verdict> out;
  EXPECT_TRUE(plugin.Verdicts(ctx, candidate, out).ok());
  return out;
}

// A verdict as "reason" or "reason:DETAIL".
inline std::string VerdictText(const MatchContext& ctx, const Verdict& v) {
  return ReasonText(ctx, FilterResult::Fail(v.reason, v.detail));
}
inline std::vector<std::string> VerdictTexts(const MatchContext& ctx,
                                             const std::vector<Verdict>& verdicts) {
  std::vector<std::string> out;
  for (const Verdict& v : verdicts) out.push_back(VerdictText(ctx, v));
  return out;
}

// Checks that Verdicts agrees with Filter on each candidate: a candidate
// fails iff it gets a verdict, and the first verdict has Filter's reason
// (and its detail, when Filter gives one); every verdict has a sentence.
inline void ExpectVerdictsAgreeWithFilter(const Plugin& plugin, const MatchContext& ctx,
                                          std::span<const Candidate> batch) {
  const std::vector<FilterResult> results = RunFilter(plugin, ctx, batch);
  for (size_t i = 0; i < batch.size(); ++i) {
    const std::vector<Verdict> verdicts = RunVerdicts(plugin, ctx, batch[i]);
    EXPECT_EQ(results[i].pass, verdicts.empty()) << "candidate " << i;
    if (results[i].pass || verdicts.empty()) continue;
    EXPECT_STREQ(verdicts[0].reason, results[i].reason) << "candidate " << i;
    if (results[i].detail != kNoSymbol) {
      EXPECT_EQ(verdicts[0].detail, results[i].detail) << "candidate " << i;
    }
    for (const Verdict& v : verdicts) {
      EXPECT_FALSE(v.sentence.empty()) << "candidate " << i << ": " << VerdictText(ctx, v);
    }
  }
}

// plugin.Warnings and plugin.Fixes for one candidate.
inline std::vector<Verdict> RunWarnings(const Plugin& plugin, const MatchContext& ctx,
                                        const Candidate& candidate) {
  std::vector<Verdict> out;
  plugin.Warnings(ctx, candidate, out);
  return out;
}
inline std::vector<Change> RunFixes(const Plugin& plugin, const MatchContext& ctx,
                                    const Candidate& candidate) {
  std::vector<Change> out;
  plugin.Fixes(ctx, candidate, out);
  return out;
}

// The changes on one side (buyer_side() == buyer) of `changes`.
inline std::vector<Change> Side(const std::vector<Change>& changes, bool buyer) {
  std::vector<Change> out;
  for (const Change& c : changes) {
    if (c.buyer_side() == buyer) out.push_back(c);
  }
  return out;
}

// Applies the buyer-side `changes` to `req`, as ChangeKind documents them.
inline void ApplyToRequirement(const std::vector<Change>& changes, Requirement& req) {
  auto erase = [](std::vector<Symbol>& list, Symbol s) {
    list.erase(std::remove(list.begin(), list.end(), s), list.end());
  };
  for (const Change& c : changes) {
    switch (c.kind) {
      case ChangeKind::kRaiseRateCeiling:
        if (req.rate_ceiling) req.rate_ceiling->minor_units = c.amount;
        break;
      case ChangeKind::kAcceptDeliveryModel:
        if (req.delivery_models != 0) req.delivery_models |= Bit(c.delivery_model);
        break;
      case ChangeKind::kSetHeadcount:
        req.headcount = static_cast<int32_t>(c.amount);
        break;
      case ChangeKind::kDropCertification:
        erase(req.certifications, c.symbol);
        break;
      case ChangeKind::kCertificationsOnStartDay:
        req.certifications_through_end = false;
        break;
      case ChangeKind::kDropLanguage:
        erase(req.languages, c.symbol);
        break;
      case ChangeKind::kLowerMinRating:
        req.min_rating = c.number;
        break;
      case ChangeKind::kLowerMinOverlap:
        req.min_overlap_hours = c.number;
        break;
      case ChangeKind::kAcceptAnyService:
        req.any_service = true;
        break;
      case ChangeKind::kAcceptAnyServiceModel:
        req.service_model = ServiceModel::kUnspecified;
        req.service_model_advised = false;
        break;
      case ChangeKind::kDropIndustry:
        req.industry = kNoSymbol;
        break;
      case ChangeKind::kAcceptClassification:
        if (!req.diversity_classifications.empty()) {
          erase(req.diversity_classifications, c.symbol);
          req.diversity_classifications.push_back(c.symbol);
        }
        break;
      case ChangeKind::kDropDiversity:
        req.diversity_classifications.clear();
        break;
      default:
        ADD_FAILURE() << "provider-side change " << static_cast<int>(c.kind)
                      << " on the buyer side";
    }
  }
}

// Applies the provider-side `changes` to `fixture` under `req`, as
// ChangeKind documents them: a rate is offered at the requested seniority;
// seats are added to the first centre whose delivery model `req` accepts.
inline void ApplyToProvider(const std::vector<Change>& changes, const Requirement& req,
                            CandidateFixture& fixture) {
  ProviderData& p = fixture.provider;
  for (const Change& c : changes) {
    switch (c.kind) {
      case ChangeKind::kOfferRate:
        p.rates.push_back(Rate{c.symbol, req.seniority, Money{c.currency, c.amount}});
        break;
      case ChangeKind::kAddSeats: {
        bool added = false;
        for (size_t i = 0; i < fixture.facts.size() && !added; ++i) {
          const DeliveryModel m = fixture.facts[i].delivery_model;
          if (req.delivery_models != 0 && (req.delivery_models & Bit(m)) == 0) continue;
          p.centres[i].seats_available =
              std::max(p.centres[i].seats_available, 0) + static_cast<int32_t>(c.amount);
          added = true;
        }
        EXPECT_TRUE(added) << "no accepted centre to add seats to";
        break;
      }
      case ChangeKind::kHoldCertification:
        p.certifications.push_back(Certification{c.symbol, kNoDay, c.day});
        break;
      case ChangeKind::kHoldClassification:
        std::erase_if(p.diversity_classifications,
                      [&](const DatedCode& held) { return held.code == c.symbol; });
        p.diversity_classifications.push_back(DatedCode{c.symbol, kNoDay, c.day});
        break;
      case ChangeKind::kSpeakLanguage:
        p.languages.push_back(c.symbol);
        break;
      case ChangeKind::kOfferService:
        p.services.push_back(c.symbol);
        break;
      case ChangeKind::kOfferServiceModel:
        p.service_models |= Bit(c.service_model);
        break;
      case ChangeKind::kServeIndustry:
        p.industries.push_back(c.symbol);
        break;
      case ChangeKind::kLowerMinimumHeadcount:
        p.min_headcount = static_cast<int32_t>(c.amount);
        break;
      default:
        ADD_FAILURE() << "buyer-side change " << static_cast<int>(c.kind)
                      << " on the provider side";
    }
  }
}

// Whether plugin.Filter passes `fixture` under ctx's requirement.
inline bool Passes(const Plugin& plugin, const MatchContext& ctx, const CandidateFixture& fixture) {
  const Candidate candidate = fixture.candidate();
  return RunFilter(plugin, ctx, std::span<const Candidate>(&candidate, 1))[0].pass;
}

// Checks Fixes on `fixtures[i]` (using `ctx`, whose requirement it changes
// and restores): a candidate Filter passes gets none; one it fails gets
// changes on at least one side, and each side's changes, applied alone,
// make Filter pass it.
inline void ExpectFixesWork(const Plugin& plugin, FakeMatchContext& ctx,
                            const std::vector<CandidateFixture>& fixtures) {
  for (size_t i = 0; i < fixtures.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "candidate " << i);
    const std::vector<Change> changes = RunFixes(plugin, ctx, fixtures[i].candidate());
    if (Passes(plugin, ctx, fixtures[i])) {
      EXPECT_TRUE(changes.empty());
      continue;
    }
    const std::vector<Change> buyer = Side(changes, true), provider = Side(changes, false);
    if (!buyer.empty()) {
      const Requirement saved = ctx.requirement();
      ApplyToRequirement(buyer, ctx.mutable_requirement());
      EXPECT_TRUE(Passes(plugin, ctx, fixtures[i])) << "buyer-side changes do not suffice";
      ctx.mutable_requirement() = saved;
    }
    if (!provider.empty()) {
      CandidateFixture changed = fixtures[i];
      ApplyToProvider(provider, ctx.requirement(), changed);
      EXPECT_TRUE(Passes(plugin, ctx, changed)) << "provider-side changes do not suffice";
    }
  }
}

// What the framework does with a profile's settings for `plugin`: checks
// `values` (e.g. {{"currency", "EUR"}}) against plugin.Info().settings,
// fills in the defaults, and calls Configure. A value the specs refuse is
// INVALID_ARGUMENT "setting <name>: <why>" (the first refused one, by name)
// and Configure is not called.
inline absl::Status ConfigureWith(Plugin& plugin,
                                  const std::map<std::string, std::string>& values = {}) {
  std::vector<Settings::Problem> problems;
  const PluginInfo info = plugin.Info();
  const Settings settings = Settings::Resolve(info.settings, values, problems);
  if (!problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("setting ", problems[0].name, ": ", problems[0].message));
  }
  return plugin.Configure(settings);
}

// The spec of `plugin`'s setting `name` (a failed test when there is none).
inline SettingSpec SpecOf(const Plugin& plugin, absl::string_view name) {
  for (const SettingSpec& spec : plugin.Info().settings) {
    if (spec.name == name) return spec;
  }
  ADD_FAILURE() << "no setting " << name;
  return {};
}

// The stages `Class` overrides among Filter, Score and Normalize, as
// "filter,score,normalize" (what ListPlugins shows).
template <typename Class>
std::string CoreStages() {
  std::string out;
  for (const std::string& name : StageNames(StagesOf<Class>())) {
    if (name != "filter" && name != "score" && name != "normalize") continue;
    out += out.empty() ? name : "," + name;
  }
  return out;
}

}  // namespace vendormatch::sdk::testing
