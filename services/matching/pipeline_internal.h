// The pipeline's moving parts, shared by its source files (pipeline.cc:
// selection, filters, scores, diagnostics; pipeline_explain.cc: the words
// for the shown and the named providers). Not a public interface: only
// the pipeline's own files include it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/common/error_info.h"
#include "services/domain/catalog.h"
#include "services/domain/reference_data.h"
#include "services/matching/pipeline.h"

namespace vendormatch::pipeline_internal {

using sdk::Candidate;
using sdk::Symbol;

// Symbols of requirement codes no snapshot provider uses: they match
// nothing, and the context remembers their text.
constexpr Symbol kOverlayBase = 0x80000000u;

// USD's position in reference_data's Currencies().
inline const size_t kUsdIndex = [] {
  const auto all = Currencies();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].code == "USD") return i;
  }
  return all.size();
}();

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
    for (const auto& code : codes.diversity_classifications) {
      requirement_.diversity_classifications.push_back(Resolve(code));
    }
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
  std::optional<sdk::MarketBand> Band(Symbol service, Symbol currency) const override {
    const std::optional<MarketBandUsd> band = FindMarketBand(Name(service));
    const std::optional<ExchangeRates::Unit>& to = Unit(currency);
    const std::optional<ExchangeRates::Unit>& usd = rates_.LookupIso(kUsdIndex);
    if (!band || !to || !usd) return std::nullopt;
    return sdk::MarketBand{{currency, ExchangeRates::ConvertWith(band->low_cents, *usd, *to)},
                           {currency, ExchangeRates::ConvertWith(band->high_cents, *usd, *to)}};
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

// Runs `call` and turns a throw into a status naming the plugin, in its
// message and as data (an ErrorInfo: kPluginFailed).
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
  return WithErrorInfo(absl::InternalError(absl::StrCat("plugin ", plugin, " failed in ", stage,
                                                        ": ", status.message())),
                       kPluginFailed, {{"plugin", plugin}, {"stage", std::string(stage)}});
}

// Calls a batch stage (Filter, Score) on `batch` with `out` sized to it:
// the SDK promises plugins out.size() == batch.size(), and this is the one
// place that keeps the promise. `call(batch, out)` calls the stage.
template <typename Result, typename Call>
absl::Status CallBatch(const std::string& plugin, absl::string_view stage,
                       std::span<const Candidate> batch, std::vector<Result>& out, Call call) {
  out.assign(batch.size(), Result{});
  return Guarded(plugin, stage, [&] { return call(batch, std::span<Result>(out)); });
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
    if (cache_ != nullptr) {
      cache_key_ =
          absl::StrCat(client_country, "|", req.client_time_zone.name(), "|",
                       absl::FormatCivilTime(req.start_date), "|", options.max_nearshore_hours);
      for (const sdk::Shift& s : req.client_hours) {
        absl::StrAppend(&cache_key_, "|", s.days, ":", s.start_minute, "-", s.end_minute);
      }
      shared_ = cache_->Get(cache_key_);
    }
  }
  // Kinds computed here join the cached table (a new table: the cached one
  // is shared with the matches that read it).
  ~Candidates() {
    if (cache_ == nullptr || computed_ == 0) return;
    matching::CentreFactsCache::Table merged;
    if (shared_) merged = *shared_;
    const size_t kinds = std::max(merged.facts.size(), local_.facts.size());
    merged.facts.resize(kinds);
    merged.known.resize(kinds, 0);
    for (size_t k = 0; k < local_.known.size(); ++k) {
      if (!local_.known[k]) continue;
      merged.facts[k] = local_.facts[k];
      merged.known[k] = 1;
    }
    cache_->Put(cache_key_,
                std::make_shared<const matching::CentreFactsCache::Table>(std::move(merged)));
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
  // Cached facts are read in place; the rest are derived into `local_`.
  const sdk::CentreFacts& FactsOf(uint32_t kind) {
    if (shared_ && kind < shared_->known.size() && shared_->known[kind]) {
      return shared_->facts[kind];
    }
    if (kind >= local_.known.size()) {
      const size_t kinds = std::max<size_t>(dictionary_.kind_count(), kind + 1);
      local_.facts.resize(kinds);
      local_.known.resize(kinds, 0);
    }
    if (!local_.known[kind]) {
      const matching::CentreKind& k = dictionary_.Kind(kind);
      local_.facts[kind] = calculator_.Facts(k, dictionary_.Name(k.country));
      local_.known[kind] = 1;
      ++computed_;
    }
    return local_.facts[kind];
  }

  const Dictionary& dictionary_;
  const matching::CentreFactsCalculator calculator_;
  const uint8_t accepted_models_;
  matching::CentreFactsCache* const cache_;
  std::string cache_key_;
  std::shared_ptr<const matching::CentreFactsCache::Table> shared_;
  matching::CentreFactsCache::Table local_;
  size_t computed_ = 0;
};

// The rows of `segment` that have one of `clause.any_of`: a posting set of
// the index, or their union in `scratch`; nullptr when none has.
const Bitmap* ClauseRows(const Segment& segment, const sdk::IndexClause& clause, Bitmap& scratch);

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

std::string ReasonText(const sdk::MatchContext& ctx, const FilterPlan& plan, ReasonKey key);
NamedChange Named(const sdk::MatchContext& ctx, const sdk::Change& change);
void AddSkipped(v1::MatchProvidersResponse& response, const std::string& plugin,
                const absl::Status& status);
// "rate_above_ceiling:PAYROLL": a verdict's code as the answer shows it.
std::string CodeText(const sdk::MatchContext& ctx, const char* reason, Symbol detail,
                     const std::string& plugin);

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
  // pipeline.cc
  absl::Status Prefilter();
  void SelectIndexed();
  void SelectReference();
  // Puts in.substitute in place of the snapshot's provider with its id.
  void Substitute(std::vector<const sdk::Provider*>& survivors, bool indexed);
  absl::Status FilterFunnel();
  absl::Status FilterReference();
  absl::Status ScoreAndRank();
  absl::Status ScoreOne(const ProfilePlugin& p, double weight);
  void SelectTop();
  void Diagnose();
  // pipeline_explain.cc
  void Explain();
  void FillMatch(size_t i, int rank, v1::ProviderMatch& m);
  void AddWarnings(const Candidate& c, v1::ProviderMatch& m);
  void OrderReasons();
  void SelectDiverse(size_t k);
  absl::Status ExplainNamed();
  v1::ProviderExplanation ExplainOne(const std::string& id, NamedDetail& detail);
  void Verdicts(const Candidate& c, v1::ProviderExplanation& e, NamedDetail& detail);
  void PlaceEligible(size_t i, v1::ProviderExplanation& e, NamedDetail& detail);
  double Contribution(size_t scorer, size_t i) const;
  bool Better(size_t a, size_t b) const;

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
  std::vector<size_t> top_;  // indexes into eligible_, best first
};

}  // namespace vendormatch::pipeline_internal
