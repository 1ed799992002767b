#include "services/matching/pipeline.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <queue>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/field_violations.h"
#include "services/registry/reference_data.h"

namespace vendormatch {
namespace {

using sdk::Candidate;
using sdk::Symbol;

// Symbols of requirement codes no snapshot provider uses: they match
// nothing, and the context remembers their text.
constexpr Symbol kOverlayBase = 0x80000000u;

class Context final : public sdk::MatchContext {
 public:
  Context(const ValidRequirement& valid, const Dictionary& dictionary, const ExchangeRates& rates)
      : dictionary_(dictionary), requirement_(valid.req), rates_(rates) {
    const RequirementCodes& codes = valid.codes;
    for (const auto& code : codes.services) requirement_.services.push_back(Resolve(code));
    requirement_.client_country = Resolve(codes.client_country);
    for (const auto& code : codes.certifications) {
      requirement_.certifications.push_back(Resolve(code));
    }
    for (const auto& tag : codes.languages) requirement_.languages.push_back(Resolve(tag));
    requirement_.industry = codes.industry.empty() ? sdk::kNoSymbol : Resolve(codes.industry);
    if (requirement_.rate_ceiling) {
      requirement_.rate_ceiling->currency = Resolve(codes.rate_currency);
    }
  }

  const sdk::Requirement& requirement() const override { return requirement_; }
  std::optional<int64_t> Convert(const sdk::Money& money, Symbol currency) const override {
    if (money.currency == currency) return money.minor_units;
    const auto& from = Unit(money.currency);
    const auto& to = Unit(currency);
    if (!from || !to) return std::nullopt;
    return ExchangeRates::ConvertWith(money.minor_units, *from, *to);
  }
  int MinorDigits(Symbol currency) const override {
    auto c = FindCurrency(Name(currency));
    return c ? c->minor_digits : 2;
  }
  absl::string_view Name(Symbol symbol) const override {
    if (symbol >= kOverlayBase) {
      const size_t i = symbol - kOverlayBase;
      return i < overlay_.size() ? absl::string_view(overlay_[i]) : absl::string_view();
    }
    return dictionary_.Name(symbol);
  }
  Symbol Find(absl::string_view text) const override {
    const Symbol symbol = dictionary_.Find(text);
    if (symbol != sdk::kNoSymbol) return symbol;
    for (size_t i = 0; i < overlay_.size(); ++i) {
      if (overlay_[i] == text) return kOverlayBase + static_cast<Symbol>(i);
    }
    return sdk::kNoSymbol;
  }

 private:
  // The rate of a currency Symbol: ISO codes are Symbols 1..N in every
  // dictionary, so this is an array lookup.
  const std::optional<ExchangeRates::Unit>& Unit(Symbol currency) const {
    return rates_.LookupIso(currency - 1);  // kNoSymbol wraps to "none"
  }

  Symbol Resolve(const std::string& text) {
    const Symbol symbol = Find(text);
    if (symbol != sdk::kNoSymbol || text.empty()) return symbol;
    overlay_.push_back(text);
    return kOverlayBase + static_cast<Symbol>(overlay_.size() - 1);
  }

  const Dictionary& dictionary_;
  sdk::Requirement requirement_;
  std::vector<std::string> overlay_;
  const ExchangeRates& rates_;
};

// Runs `call` and turns a throw into a status naming the plugin.
template <typename Call>
absl::Status Guarded(const std::string& plugin, absl::string_view stage, Call call) {
  absl::Status status;
  try {
    status = call();
  } catch (const std::exception& e) {
    status = absl::InternalError(absl::StrCat("threw: ", e.what()));
  } catch (...) {
    status = absl::InternalError("threw a non-standard exception");
  }
  if (status.ok()) return status;
  return absl::InternalError(
      absl::StrCat("plugin ", plugin, " failed in ", stage, ": ", status.message()));
}

// Candidates with their per-centre facts. Facts are derived once per kind
// of centre per match and copied into one flat array.
class Candidates {
 public:
  Candidates(const sdk::Requirement& req, absl::string_view client_country,
             const Dictionary& dictionary, const FactsOptions& options,
             matching::CentreFactsCache* cache)
      : dictionary_(dictionary),
        calculator_(req, client_country, options),
        accepted_models_(req.delivery_models),
        cache_(cache) {
    size_t kinds = dictionary.kind_count();
    if (cache_ != nullptr) {
      cache_key_ =
          absl::StrCat(client_country, "|", req.client_time_zone.name(), "|",
                       absl::FormatCivilTime(req.start_date), "|", options.max_nearshore_hours);
      for (const sdk::Shift& s : req.client_hours) {
        absl::StrAppend(&cache_key_, "|", s.days, ":", s.start_minute, "-", s.end_minute);
      }
      if (auto cached = cache_->Get(cache_key_)) {
        table_ = *cached;
        kinds = std::max(kinds, table_.facts.size());
      }
    }
    table_.facts.resize(kinds);
    table_.known.resize(kinds, 0);
  }
  ~Candidates() {
    if (cache_ != nullptr && computed_ > 0) {
      cache_->Put(cache_key_,
                  std::make_shared<const matching::CentreFactsCache::Table>(std::move(table_)));
    }
  }

  // Candidates over `providers`, in order. They point into storage the
  // returned object and this one own.
  struct Set {
    std::vector<sdk::CentreFacts> facts;
    std::vector<Candidate> list;
  };
  Set Build(std::span<const sdk::Provider* const> providers) {
    Set set;
    size_t centres = 0;
    for (const sdk::Provider* p : providers) centres += p->centres().size();
    set.facts.resize(centres);
    set.list.resize(providers.size());
    size_t offset = 0;
    for (size_t i = 0; i < providers.size(); ++i) {
      const sdk::Provider& p = *providers[i];
      const auto centres_of = p.centres();
      for (size_t c = 0; c < centres_of.size(); ++c) {
        set.facts[offset + c] = FactsOf(centres_of[c].kind);
      }
      Candidate& candidate = set.list[i];
      candidate.provider = &p;
      candidate.centres =
          std::span<const sdk::CentreFacts>(set.facts.data() + offset, centres_of.size());
      candidate.deciding_centre = matching::DecidingCentre(candidate.centres, accepted_models_);
      if (candidate.deciding_centre >= 0) {
        candidate.delivery_model = candidate.centres[candidate.deciding_centre].delivery_model;
      }
      offset += centres_of.size();
    }
    return set;
  }

 private:
  const sdk::CentreFacts& FactsOf(uint32_t kind) {
    if (!table_.known[kind]) {
      const matching::CentreKind& k = dictionary_.Kind(kind);
      table_.facts[kind] = calculator_.Facts(k, dictionary_.Name(k.country));
      table_.known[kind] = 1;
      ++computed_;
    }
    return table_.facts[kind];
  }

  const Dictionary& dictionary_;
  const matching::CentreFactsCalculator calculator_;
  const uint8_t accepted_models_;
  matching::CentreFactsCache* const cache_;
  std::string cache_key_;
  matching::CentreFactsCache::Table table_;
  size_t computed_ = 0;
};

// The rows of `segment` that have one of `clause.any_of`: a posting set of
// the index, or their union in `scratch`; nullptr when none has.
const Bitmap* ClauseRows(const Segment& segment, const sdk::IndexClause& clause, Bitmap& scratch) {
  if (clause.any_of.size() == 1) return segment.Postings(clause.field, clause.any_of[0]);
  const Bitmap* only = nullptr;
  bool merged = false;
  for (const Symbol v : clause.any_of) {
    const Bitmap* rows = segment.Postings(clause.field, v);
    if (rows == nullptr) continue;
    if (only == nullptr && !merged) {
      only = rows;
      continue;
    }
    if (!merged) {
      scratch = *only;
      merged = true;
    }
    scratch.OrWith(*rows);
  }
  return merged ? &scratch : only;
}

using ReasonKey = std::pair<const char*, Symbol>;

// One filter plugin of the profile during a match.
struct FilterPlan {
  const ProfilePlugin* plugin = nullptr;
  std::vector<sdk::IndexClause> clauses;
  bool filter_ran = false;
  int removed = 0;
  int filter_removed = 0;  // by the filter (not the clauses)
  absl::flat_hash_map<ReasonKey, int> reasons;
  void Count(const char* reason, Symbol detail, int n) {
    if (n == 0) return;
    removed += n;
    if (reason == last_reason_ && detail == last_detail_ && last_count_ != nullptr) {
      *last_count_ += n;
      return;
    }
    last_count_ = &reasons[{reason, detail}];
    last_reason_ = reason;
    last_detail_ = detail;
    *last_count_ += n;
  }

 private:
  // The last key counted: filters tend to repeat one reason.
  int* last_count_ = nullptr;
  const char* last_reason_ = nullptr;
  Symbol last_detail_ = sdk::kNoSymbol;
};

std::string ReasonText(const sdk::MatchContext& ctx, const FilterPlan& plan, ReasonKey key) {
  std::string text = key.first != nullptr ? key.first : plan.plugin->name + "_rejected";
  if (key.second != sdk::kNoSymbol) absl::StrAppend(&text, ":", ctx.Name(key.second));
  return text;
}

// Sorted most first, then by reason.
std::vector<std::pair<std::string, int>> ByCount(const std::map<std::string, int>& counts) {
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return sorted;
}

absl::StatusOr<std::vector<double>> EffectiveWeights(const MatchInput& in) {
  FieldViolations v;
  std::set<std::string> known;
  std::vector<double> weights;
  for (const auto& p : in.profile->plugins) {
    known.insert(p.name);
    double w = p.weight;
    if (auto it = in.weights.find(p.name); it != in.weights.end()) {
      w = it->second;
      if (!p.run_score) {
        v.Add(absl::StrCat("weights[", p.name, "]"), "the plugin does not score in this profile");
      } else if (!(w >= p.min_weight && w <= p.max_weight)) {
        v.Add(absl::StrCat("weights[", p.name, "]"),
              absl::StrCat("weight ", w, " is outside the profile's bounds [", p.min_weight, ", ",
                           p.max_weight, "]"));
      }
    }
    weights.push_back(w);
  }
  for (const auto& [name, w] : in.weights) {
    if (!known.contains(name)) {
      v.Add(absl::StrCat("weights[", name, "]"),
            absl::StrCat("plugin \"", name, "\" is not in profile ", in.profile->proto.name()));
    }
  }
  if (!v.empty()) return v.ToStatus("invalid weights");
  return weights;
}

void AddSkipped(v1::MatchProvidersResponse& response, const std::string& plugin,
                const absl::Status& status) {
  auto* skipped = response.add_skipped_plugins();
  skipped->set_plugin(plugin);
  skipped->set_message(std::string(status.message()));
}

// One match's state between the steps.
class Match {
 public:
  Match(const MatchInput& in, const std::vector<double>& weights)
      : in_(in),
        weights_(weights),
        snapshot_(*in.snapshot),
        ctx_(*in.requirement, *snapshot_.dictionary, *in.exchange_rates),
        candidates_(ctx_.requirement(), in.requirement->codes.client_country, *snapshot_.dictionary,
                    in.facts, in.cache_facts ? &snapshot_.dictionary->facts_cache() : nullptr) {}

  absl::StatusOr<v1::MatchProvidersResponse> Run();

 private:
  absl::Status Prefilter();
  void SelectIndexed();
  void SelectReference();
  absl::Status FilterFunnel();
  absl::Status ScoreAndRank();
  void Explain();
  void Diagnose();
  std::vector<std::vector<Candidate>> AloneRemoved();
  // For each candidate of `batch`, the filters (plans other than `skip`)
  // that reject it, as bits (bit f = plan f); all ones when more than
  // `max_failures` do (asking stops there).
  std::vector<uint64_t> FailureMasks(std::span<const Candidate> batch, size_t skip,
                                     int max_failures);

  const MatchInput& in_;
  const std::vector<double>& weights_;
  const Snapshot& snapshot_;
  Context ctx_;
  Candidates candidates_;
  v1::MatchProvidersResponse response_;
  std::vector<FilterPlan> plans_;
  Candidates::Set considered_;  // passed every clause (reference: every live provider)
  std::vector<Candidate> eligible_;
  struct ScorerRun {
    const ProfilePlugin* plugin;
    double weight;
    std::vector<sdk::ScoreResult> scores;
  };
  std::vector<ScorerRun> scorers_;
  double weight_sum_ = 0;
  std::vector<double> totals_;
  std::vector<size_t> top_;            // indexes into eligible_, best first
  std::vector<Candidates::Set> held_;  // candidates the relaxation hints point to
};

absl::Status Match::Prefilter() {
  for (const auto& p : in_.profile->plugins) {
    if (!p.run_filter) continue;
    FilterPlan plan;
    plan.plugin = &p;
    absl::Status status =
        Guarded(p.name, "Prefilter", [&] { return p.instance->Prefilter(ctx_, plan.clauses); });
    if (!status.ok()) {
      if (p.on_error != v1::FAILURE_POLICY_SKIP) return status;
      AddSkipped(response_, p.name, status);
      plan.clauses.clear();  // clauses only speed the filter up
    }
    plans_.push_back(std::move(plan));
  }
  return absl::OkStatus();
}

void Match::SelectIndexed() {
  std::vector<const sdk::Provider*> survivors;
  Bitmap scratch;
  for (const SegmentRef& ref : snapshot_.segments) {
    const Segment& segment = *ref.segment;
    Bitmap rows = *ref.live;
    size_t left = ref.live_count;
    for (FilterPlan& plan : plans_) {
      for (const sdk::IndexClause& clause : plan.clauses) {
        if (left == 0) break;
        const Bitmap* passing = ClauseRows(segment, clause, scratch);
        const size_t removed = passing == nullptr ? rows.Clear() : rows.AndWith(*passing);
        plan.Count(clause.reason, clause.detail, static_cast<int>(removed));
        left -= removed;
      }
    }
    const auto providers = segment.providers();
    rows.ForEach([&](size_t row) { survivors.push_back(&providers[row]); });
  }
  considered_ = candidates_.Build(survivors);
}

void Match::SelectReference() {
  std::vector<const sdk::Provider*> all;
  snapshot_.ForEachLive([&](const sdk::Provider& p) { all.push_back(&p); });
  considered_ = candidates_.Build(all);
}

std::vector<uint64_t> Match::FailureMasks(std::span<const Candidate> batch, size_t skip,
                                          int max_failures) {
  std::vector<uint64_t> masks(batch.size(), 0);
  // Ask the most selective filters first, so candidates drop out early.
  std::vector<size_t> order;
  for (size_t f = 0; f < plans_.size() && f < 64; ++f) {
    if (plans_[f].filter_ran && f != skip) order.push_back(f);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return plans_[a].filter_removed > plans_[b].filter_removed;
  });
  std::vector<size_t> active(batch.size());
  std::iota(active.begin(), active.end(), 0);
  std::vector<uint8_t> failures(batch.size(), 0);
  std::vector<Candidate> sub;
  sub.reserve(batch.size());
  std::vector<sdk::FilterResult> verdicts;
  for (const size_t f : order) {
    if (active.empty()) break;
    const FilterPlan& plan = plans_[f];
    sub.clear();
    for (size_t i : active) sub.push_back(batch[i]);
    verdicts.assign(sub.size(), sdk::FilterResult{});
    absl::Status status = Guarded(plan.plugin->name, "Filter", [&] {
      return plan.plugin->instance->Filter(ctx_, sub, std::span<sdk::FilterResult>(verdicts));
    });
    if (!status.ok()) continue;  // it failed before on the same kind of input
    size_t kept = 0;
    for (size_t k = 0; k < active.size(); ++k) {
      const size_t i = active[k];
      if (!verdicts[k].pass) {
        masks[i] |= uint64_t{1} << f;
        ++failures[i];
      }
      if (failures[i] <= max_failures) {
        active[kept++] = i;
      } else {
        masks[i] = ~uint64_t{0};  // out: more failures than asked about
      }
    }
    active.resize(kept);
  }
  return masks;
}

absl::Status Match::FilterFunnel() {
  if (in_.reference) {
    // Every filter judges every live provider; a provider failing a clause
    // is counted against the clause (as the indexed path does), the others
    // against the first filter that says no.
    const auto& all = considered_.list;
    std::vector<int> first_clause(all.size(), -1);
    for (size_t i = 0; i < all.size(); ++i) {
      for (size_t f = 0; f < plans_.size() && first_clause[i] < 0; ++f) {
        for (const auto& clause : plans_[f].clauses) {
          if (!sdk::ClauseHolds(ctx_, *all[i].provider, clause)) {
            plans_[f].Count(clause.reason, clause.detail, 1);
            first_clause[i] = static_cast<int>(f);
            break;
          }
        }
      }
    }
    std::vector<bool> failed(all.size(), false);
    std::vector<sdk::FilterResult> verdicts;
    for (FilterPlan& plan : plans_) {
      verdicts.assign(all.size(), sdk::FilterResult{});
      absl::Status status = Guarded(plan.plugin->name, "Filter", [&] {
        return plan.plugin->instance->Filter(ctx_, all, std::span<sdk::FilterResult>(verdicts));
      });
      if (!status.ok()) {
        if (plan.plugin->on_error != v1::FAILURE_POLICY_SKIP) return status;
        AddSkipped(response_, plan.plugin->name, status);
        continue;
      }
      plan.filter_ran = true;
      for (size_t i = 0; i < all.size(); ++i) {
        if (verdicts[i].pass) continue;
        if (!failed[i] && first_clause[i] < 0)
          plan.Count(verdicts[i].reason, verdicts[i].detail, 1);
        failed[i] = true;
      }
    }
    for (size_t i = 0; i < all.size(); ++i) {
      if (!failed[i]) eligible_.push_back(all[i]);
    }
    // Clause-failing providers are out of `considered_` for the hints, as
    // in the indexed path.
    std::vector<Candidate> passing_clauses;
    for (size_t i = 0; i < all.size(); ++i) {
      if (first_clause[i] < 0) passing_clauses.push_back(all[i]);
    }
    considered_.list = std::move(passing_clauses);
    return absl::OkStatus();
  }
  std::vector<Candidate> batch = considered_.list;
  std::vector<sdk::FilterResult> verdicts;
  for (FilterPlan& plan : plans_) {
    verdicts.assign(batch.size(), sdk::FilterResult{});
    absl::Status status = Guarded(plan.plugin->name, "Filter", [&] {
      return plan.plugin->instance->Filter(ctx_, batch, std::span<sdk::FilterResult>(verdicts));
    });
    if (!status.ok()) {
      if (plan.plugin->on_error != v1::FAILURE_POLICY_SKIP) return status;
      AddSkipped(response_, plan.plugin->name, status);
      continue;
    }
    plan.filter_ran = true;
    size_t kept = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (verdicts[i].pass) {
        batch[kept++] = batch[i];
      } else {
        plan.Count(verdicts[i].reason, verdicts[i].detail, 1);
        ++plan.filter_removed;
      }
    }
    batch.resize(kept);
  }
  eligible_ = std::move(batch);
  return absl::OkStatus();
}

absl::Status Match::ScoreAndRank() {
  for (size_t k = 0; k < in_.profile->plugins.size(); ++k) {
    const auto& p = in_.profile->plugins[k];
    if (!p.run_score || eligible_.empty()) continue;
    ScorerRun run{&p, weights_[k], std::vector<sdk::ScoreResult>(eligible_.size())};
    absl::Status status = Guarded(p.name, "Score", [&] {
      return p.instance->Score(ctx_, eligible_, std::span<sdk::ScoreResult>(run.scores));
    });
    if (status.ok()) {
      status = Guarded(p.name, "Normalize", [&]() -> absl::Status {
        for (const auto& s : run.scores) {
          if (!std::isfinite(s.raw)) return absl::InternalError("raw score is not a number");
        }
        if (p.loaded->info.normalize) {
          absl::Status s = p.instance->Normalize(ctx_, std::span<sdk::ScoreResult>(run.scores));
          if (!s.ok()) return s;
        } else {
          auto [lo, hi] =
              std::minmax_element(run.scores.begin(), run.scores.end(),
                                  [](const auto& a, const auto& b) { return a.raw < b.raw; });
          const double low = lo->raw, span = hi->raw - lo->raw;
          for (auto& s : run.scores) s.normalized = span > 0 ? (s.raw - low) / span * 100 : 100;
        }
        for (const auto& s : run.scores) {
          if (!(s.normalized >= 0 && s.normalized <= 100)) {
            return absl::InternalError(
                absl::StrCat("normalised score ", s.normalized, " is outside 0..100"));
          }
        }
        return absl::OkStatus();
      });
    }
    if (!status.ok()) {
      if (p.on_error != v1::FAILURE_POLICY_SKIP) return status;
      AddSkipped(response_, p.name, status);
      continue;
    }
    scorers_.push_back(std::move(run));
  }
  for (const auto& s : scorers_) weight_sum_ += s.weight;
  totals_.assign(eligible_.size(), 0);
  if (weight_sum_ > 0) {
    for (const auto& s : scorers_) {
      for (size_t i = 0; i < eligible_.size(); ++i) {
        totals_[i] += s.scores[i].normalized * s.weight / weight_sum_;
      }
    }
  }
  // Top K by a bounded heap: best total first, ties on provider id. The
  // heap's top is the worst kept.
  const size_t k = std::min(eligible_.size(), static_cast<size_t>(std::max(in_.top_k, 0)));
  auto better = [&](size_t a, size_t b) {
    if (totals_[a] != totals_[b]) return totals_[a] > totals_[b];
    return eligible_[a].provider->id() < eligible_[b].provider->id();
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(better)> heap(better);
  for (size_t i = 0; i < eligible_.size() && k > 0; ++i) {
    if (heap.size() < k) {
      heap.push(i);
    } else if (better(i, heap.top())) {
      heap.pop();
      heap.push(i);
    }
  }
  top_.resize(heap.size());
  for (size_t r = heap.size(); r > 0; --r) {
    top_[r - 1] = heap.top();
    heap.pop();
  }
  return absl::OkStatus();
}

void Match::Explain() {
  const auto& req = ctx_.requirement();
  for (size_t r = 0; r < top_.size(); ++r) {
    const size_t i = top_[r];
    const Candidate& c = eligible_[i];
    auto* m = response_.add_matches();
    m->set_rank(static_cast<int>(r + 1));
    m->set_provider(absl::StrCat("providers/", c.provider->id()));
    m->set_display_name(std::string(c.provider->display_name()));
    m->set_total_score(totals_[i]);
    for (const auto& s : scorers_) {
      auto* score = m->add_scores();
      score->set_plugin(s.plugin->name);
      score->set_raw_score(s.scores[i].raw);
      score->set_normalized_score(s.scores[i].normalized);
      score->set_weight(s.weight);
      score->set_contribution(weight_sum_ > 0 ? s.scores[i].normalized * s.weight / weight_sum_
                                              : 0);
      std::string reason;
      try {
        reason = s.plugin->instance->Explain(ctx_, c, s.scores[i].raw);
      } catch (...) {
        reason.clear();  // words are optional; the numbers stand
      }
      score->set_reason(std::move(reason));
    }
    if (c.deciding_centre >= 0) {
      const auto& centre = c.provider->centres()[c.deciding_centre];
      const auto& facts = c.centres[c.deciding_centre];
      auto* d = m->mutable_delivery();
      d->set_delivery_model(static_cast<v1::DeliveryModel>(facts.delivery_model));
      d->set_country_code(std::string(ctx_.Name(centre.country)));
      d->set_city(std::string(ctx_.Name(centre.city)));
      d->set_rule(facts.rule);
      d->set_hours_apart(facts.hours_apart);
    }
    for (const Symbol service : req.services) {
      if (c.provider->Offers(service)) m->add_matched_services(std::string(ctx_.Name(service)));
    }
    for (int model : {1, 2}) {
      if (c.provider->service_models() & (1u << model)) {
        m->add_service_models(static_cast<v1::ServiceModel>(model));
      }
    }
  }
}

std::vector<std::vector<Candidate>> Match::AloneRemoved() {
  const size_t plans = std::min<size_t>(plans_.size(), 64);
  std::vector<std::vector<Candidate>> alone(plans);
  // Providers that pass every clause: fail only plan f's filter.
  const std::vector<uint64_t> masks = FailureMasks(considered_.list, plans_.size(), 1);
  for (size_t i = 0; i < masks.size(); ++i) {
    if (masks[i] != 0 && std::has_single_bit(masks[i])) {
      alone[static_cast<size_t>(std::countr_zero(masks[i]))].push_back(considered_.list[i]);
    }
  }
  // Providers that fail only plan f's clauses, and pass every other filter.
  std::vector<Candidates::Set> held;  // keeps the facts the candidates point to
  for (size_t f = 0; f < plans; ++f) {
    if (plans_[f].clauses.empty()) continue;
    std::vector<const sdk::Provider*> rows_failing_f;
    if (in_.reference) {
      snapshot_.ForEachLive([&](const sdk::Provider& p) {
        bool others = true, own = true;
        for (size_t g = 0; g < plans_.size() && others; ++g) {
          for (const auto& clause : plans_[g].clauses) {
            if (sdk::ClauseHolds(ctx_, p, clause)) continue;
            if (g == f) {
              own = false;
            } else {
              others = false;
              break;
            }
          }
        }
        if (others && !own) rows_failing_f.push_back(&p);
      });
    } else {
      Bitmap scratch;
      for (const SegmentRef& ref : snapshot_.segments) {
        const Segment& segment = *ref.segment;
        Bitmap others = *ref.live;
        for (size_t g = 0; g < plans_.size(); ++g) {
          if (g == f) continue;
          for (const auto& clause : plans_[g].clauses) {
            const Bitmap* passing = ClauseRows(segment, clause, scratch);
            if (passing == nullptr) {
              others.Clear();
            } else {
              others.AndWith(*passing);
            }
          }
        }
        Bitmap own = others;
        for (const auto& clause : plans_[f].clauses) {
          const Bitmap* passing = ClauseRows(segment, clause, scratch);
          if (passing == nullptr) {
            own.Clear();
          } else {
            own.AndWith(*passing);
          }
        }
        // others minus own: fail f's clauses, pass the rest.
        const auto providers = segment.providers();
        others.ForEach([&](size_t row) {
          if (!own.Test(row)) rows_failing_f.push_back(&providers[row]);
        });
      }
    }
    if (rows_failing_f.empty()) continue;
    held.push_back(candidates_.Build(rows_failing_f));
    const auto& batch = held.back().list;
    const std::vector<uint64_t> others_mask = FailureMasks(batch, f, 0);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (others_mask[i] == 0) alone[f].push_back(batch[i]);
    }
  }
  for (auto& list : alone) {
    // One order for both paths: the snapshot's (rows are sorted by id
    // within a segment).
    std::sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
      return std::less<const sdk::Provider*>()(a.provider, b.provider);
    });
  }
  held_ = std::move(held);
  return alone;
}

void Match::Diagnose() {
  std::map<std::string, int> all_reasons;
  for (const FilterPlan& plan : plans_) {
    if (!plan.filter_ran && plan.removed == 0) continue;
    std::map<std::string, int> reasons;
    for (const auto& [key, count] : plan.reasons) reasons[ReasonText(ctx_, plan, key)] += count;
    auto* outcome = response_.add_filter_outcomes();
    outcome->set_plugin(plan.plugin->name);
    outcome->set_removed(plan.removed);
    for (const auto& [reason, count] : ByCount(reasons)) {
      auto* rc = outcome->add_reasons();
      rc->set_reason(reason);
      rc->set_count(count);
      all_reasons[reason] += count;
    }
  }
  const size_t n = snapshot_.size();
  std::vector<std::string> parts;
  for (const auto& [reason, count] : ByCount(all_reasons)) {
    if (parts.size() == 6) break;
    parts.push_back(absl::StrCat(count, " ", reason));
  }
  response_.set_summary(absl::StrCat(eligible_.size(), "/", n, " providers eligible",
                                     parts.empty() ? "" : ": ", absl::StrJoin(parts, ", ")));
  if (eligible_.size() >= static_cast<size_t>(in_.top_k)) return;
  const std::vector<std::vector<Candidate>> alone = AloneRemoved();
  std::vector<v1::RelaxationHint> hints;
  for (size_t f = 0; f < alone.size(); ++f) {
    if (alone[f].empty()) continue;
    const FilterPlan& plan = plans_[f];
    v1::RelaxationHint hint;
    hint.set_plugin(plan.plugin->name);
    hint.set_eligible_if_relaxed(static_cast<int>(eligible_.size() + alone[f].size()));
    std::string suggestion;
    absl::Status status = Guarded(plan.plugin->name, "Relax", [&] {
      suggestion = plan.plugin->instance->Relax(ctx_, alone[f]);
      return absl::OkStatus();
    });
    hint.set_suggestion(status.ok() && !suggestion.empty()
                            ? suggestion
                            : absl::StrCat("relax the ", plan.plugin->name, " constraint"));
    hints.push_back(std::move(hint));
  }
  std::stable_sort(hints.begin(), hints.end(), [](const auto& a, const auto& b) {
    return a.eligible_if_relaxed() > b.eligible_if_relaxed();
  });
  for (auto& h : hints) *response_.add_relaxation_hints() = std::move(h);
}

absl::StatusOr<v1::MatchProvidersResponse> Match::Run() {
  response_.set_snapshot_revision(snapshot_.revision);
  response_.set_profile(in_.profile->proto.name());
  response_.set_profile_revision(in_.profile->proto.revision());
  response_.set_candidates_considered(static_cast<int>(snapshot_.size()));
  if (absl::Status s = Prefilter(); !s.ok()) return s;
  if (in_.reference) {
    SelectReference();
  } else {
    SelectIndexed();
  }
  if (absl::Status s = FilterFunnel(); !s.ok()) return s;
  response_.set_eligible_count(static_cast<int>(eligible_.size()));
  if (absl::Status s = ScoreAndRank(); !s.ok()) return s;
  Explain();
  Diagnose();
  return std::move(response_);
}

}  // namespace

absl::StatusOr<v1::MatchProvidersResponse> RunPipeline(const MatchInput& in) {
  auto weights = EffectiveWeights(in);
  if (!weights.ok()) return weights.status();
  Match match(in, *weights);
  return match.Run();
}

absl::StatusOr<std::shared_ptr<const CompiledProfile>> CompileProfile(
    const v1::Profile& profile, const std::vector<LoadedPlugin>& plugins) {
  auto compiled = std::make_shared<CompiledProfile>();
  compiled->proto = profile;
  FieldViolations v;
  if (profile.plugins().empty()) v.Add("profile.plugins", "name at least one plugin");
  std::set<std::string> seen;
  double score_weight = 0;
  for (int i = 0; i < profile.plugins_size(); ++i) {
    const auto& s = profile.plugins(i);
    const std::string field = absl::StrCat("profile.plugins[", i, "]");
    auto loaded = std::find_if(plugins.begin(), plugins.end(),
                               [&](const LoadedPlugin& p) { return p.name == s.plugin(); });
    if (loaded == plugins.end()) {
      v.Add(field + ".plugin", absl::StrCat("no plugin named \"", s.plugin(), "\" is loaded"));
      continue;
    }
    if (!seen.insert(s.plugin()).second) {
      v.Add(field + ".plugin", absl::StrCat("plugin \"", s.plugin(), "\" is listed twice"));
    }
    if (s.filter_enabled() && !loaded->info.filter) {
      v.Add(field + ".filter_enabled", absl::StrCat(s.plugin(), " has no filter stage"));
    }
    if (s.score_enabled() && !loaded->info.score) {
      v.Add(field + ".score_enabled", absl::StrCat(s.plugin(), " has no score stage"));
    }
    const double min_w = s.min_weight(),
                 max_w = s.max_weight() == 0 && s.min_weight() == 0 ? s.weight() : s.max_weight();
    if (!(s.weight() >= 0 && s.weight() <= 100)) v.Add(field + ".weight", "must be within 0..100");
    if (!(min_w >= 0 && min_w <= s.weight() && s.weight() <= max_w && max_w <= 100)) {
      v.Add(field + ".max_weight", "need 0 <= min_weight <= weight <= max_weight <= 100");
    }
    if (!v1::FailurePolicy_IsValid(s.on_error())) v.Add(field + ".on_error", "unknown policy");
    std::map<std::string, std::string> settings = loaded->info.default_settings;
    for (const auto& [key, value] : s.settings()) {
      if (!settings.contains(key)) {
        v.Add(absl::StrCat(field, ".settings[", key, "]"),
              absl::StrCat(s.plugin(), " has no setting \"", key, "\""));
      }
      settings[key] = value;
    }
    std::shared_ptr<sdk::Plugin> instance;
    absl::Status configured = Guarded(s.plugin(), "Configure", [&] {
      instance = loaded->Create();
      return instance->Configure(sdk::Settings(settings));
    });
    if (!configured.ok()) {
      v.Add(field + ".settings", configured.message());
      continue;
    }
    if (s.score_enabled()) score_weight += s.weight();
    compiled->plugins.push_back({s.plugin(), &*loaded, std::move(instance), s.filter_enabled(),
                                 s.score_enabled(), s.weight(), min_w, max_w, s.on_error()});
  }
  if (v.empty() && score_weight <= 0) {
    v.Add("profile.plugins", "at least one scorer needs a weight above 0");
  }
  if (!v.empty()) return v.ToStatus("invalid profile");
  return std::shared_ptr<const CompiledProfile>(std::move(compiled));
}

}  // namespace vendormatch
