#include "services/matching/pipeline.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/field_violations.h"
#include "services/registry/reference_data.h"

namespace vendormatch {
namespace {

using sdk::Candidate;

class Context final : public sdk::MatchContext {
 public:
  Context(const sdk::Requirement& requirement, const ExchangeRates& rates)
      : requirement_(requirement), rates_(rates) {}
  const sdk::Requirement& requirement() const override { return requirement_; }
  std::optional<int64_t> Convert(const sdk::Money& money,
                                 absl::string_view currency) const override {
    if (money.currency == currency) return money.minor_units;
    return rates_.Convert(money.minor_units, money.currency, currency);
  }
  int MinorDigits(absl::string_view currency) const override {
    auto c = FindCurrency(currency);
    return c ? c->minor_digits : 2;
  }

 private:
  const sdk::Requirement& requirement_;
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

// Candidates with their per-centre facts in one flat array.
struct CandidateSet {
  std::vector<sdk::CentreFacts> facts;
  std::vector<Candidate> candidates;
};

CandidateSet BuildCandidates(const MatchInput& in) {
  CandidateSet set;
  size_t centres = 0;
  for (const auto& p : in.snapshot->providers) centres += p.centres.size();
  set.facts.resize(centres);
  set.candidates.reserve(in.snapshot->providers.size());
  std::vector<sdk::CentreFacts> scratch;
  const matching::CentreFactsCalculator calculator(*in.requirement, in.facts);
  size_t offset = 0;
  for (const auto& p : in.snapshot->providers) {
    Candidate c;
    c.provider = &p;
    c.deciding_centre = calculator.Compute(p, scratch);
    std::copy(scratch.begin(), scratch.end(), set.facts.begin() + offset);
    c.centres = std::span<const sdk::CentreFacts>(set.facts.data() + offset, scratch.size());
    if (c.deciding_centre >= 0) c.delivery_model = c.centres[c.deciding_centre].delivery_model;
    offset += scratch.size();
    set.candidates.push_back(c);
  }
  return set;
}

struct FilterRun {
  const ProfilePlugin* plugin;
  int removed = 0;
  std::map<std::string, int> reasons;
};

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

}  // namespace

absl::StatusOr<v1::MatchProvidersResponse> RunPipeline(const MatchInput& in) {
  auto weights_or = EffectiveWeights(in);
  if (!weights_or.ok()) return weights_or.status();
  const std::vector<double>& weights = *weights_or;
  const Context ctx(*in.requirement, *in.exchange_rates);
  CandidateSet set = BuildCandidates(in);
  const auto& all = set.candidates;
  const size_t n = all.size();

  v1::MatchProvidersResponse response;
  response.set_snapshot_revision(in.snapshot->revision);
  response.set_profile(in.profile->proto.name());
  response.set_profile_revision(in.profile->proto.revision());
  response.set_candidates_considered(static_cast<int>(n));

  // Filters: every filter sees every candidate; fail_mask bit f = filter f said no.
  std::vector<uint64_t> fail_mask(n, 0);
  std::vector<FilterRun> runs;
  std::vector<sdk::FilterResult> verdicts(n);
  for (const auto& p : in.profile->plugins) {
    if (!p.run_filter || runs.size() == 64) continue;
    std::fill(verdicts.begin(), verdicts.end(), sdk::FilterResult{});
    absl::Status status = Guarded(p.name, "Filter", [&] {
      return p.instance->Filter(ctx, all, std::span<sdk::FilterResult>(verdicts));
    });
    if (!status.ok()) {
      if (p.on_error != v1::FAILURE_POLICY_SKIP) return status;
      auto* skipped = response.add_skipped_plugins();
      skipped->set_plugin(p.name);
      skipped->set_message(std::string(status.message()));
      continue;
    }
    FilterRun run{&p, 0, {}};
    const uint64_t bit = uint64_t{1} << runs.size();
    for (size_t i = 0; i < n; ++i) {
      if (verdicts[i].pass) continue;
      fail_mask[i] |= bit;
      ++run.removed;
      ++run.reasons[verdicts[i].reason.empty() ? p.name + "_rejected" : verdicts[i].reason];
    }
    runs.push_back(std::move(run));
  }
  std::vector<Candidate> eligible;
  for (size_t i = 0; i < n; ++i) {
    if (fail_mask[i] == 0) eligible.push_back(all[i]);
  }
  response.set_eligible_count(static_cast<int>(eligible.size()));

  // Scores: raw, then normalised to 0..100, then weighted.
  struct ScorerRun {
    const ProfilePlugin* plugin;
    double weight;
    std::vector<sdk::ScoreResult> scores;
  };
  std::vector<ScorerRun> scorers;
  for (size_t k = 0; k < in.profile->plugins.size(); ++k) {
    const auto& p = in.profile->plugins[k];
    if (!p.run_score || eligible.empty()) continue;
    ScorerRun run{&p, weights[k], std::vector<sdk::ScoreResult>(eligible.size())};
    absl::Status status = Guarded(p.name, "Score", [&] {
      return p.instance->Score(ctx, eligible, std::span<sdk::ScoreResult>(run.scores));
    });
    if (status.ok()) {
      status = Guarded(p.name, "Normalize", [&]() -> absl::Status {
        for (const auto& s : run.scores) {
          if (!std::isfinite(s.raw)) return absl::InternalError("raw score is not a number");
        }
        if (p.loaded->info.normalize) {
          absl::Status s = p.instance->Normalize(ctx, std::span<sdk::ScoreResult>(run.scores));
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
      auto* skipped = response.add_skipped_plugins();
      skipped->set_plugin(p.name);
      skipped->set_message(std::string(status.message()));
      continue;
    }
    scorers.push_back(std::move(run));
  }
  double weight_sum = 0;
  for (const auto& s : scorers) weight_sum += s.weight;
  std::vector<double> totals(eligible.size(), 0);
  for (const auto& s : scorers) {
    for (size_t i = 0; i < eligible.size(); ++i) {
      totals[i] += weight_sum > 0 ? s.scores[i].normalized * s.weight / weight_sum : 0;
    }
  }

  // Top K: best total first, ties on provider id.
  std::vector<size_t> order(eligible.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t k = std::min(order.size(), static_cast<size_t>(in.top_k));
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](size_t a, size_t b) {
    if (totals[a] != totals[b]) return totals[a] > totals[b];
    return eligible[a].provider->id < eligible[b].provider->id;
  });
  const auto& req = *in.requirement;
  for (size_t r = 0; r < k; ++r) {
    const size_t i = order[r];
    const Candidate& c = eligible[i];
    auto* m = response.add_matches();
    m->set_rank(static_cast<int>(r + 1));
    m->set_provider(absl::StrCat("providers/", c.provider->id));
    m->set_display_name(c.provider->display_name);
    m->set_total_score(totals[i]);
    for (const auto& s : scorers) {
      auto* score = m->add_scores();
      score->set_plugin(s.plugin->name);
      score->set_raw_score(s.scores[i].raw);
      score->set_normalized_score(s.scores[i].normalized);
      score->set_weight(s.weight);
      score->set_contribution(weight_sum > 0 ? s.scores[i].normalized * s.weight / weight_sum : 0);
      score->set_reason(s.scores[i].reason);
    }
    if (c.deciding_centre >= 0) {
      const auto& centre = c.provider->centres[c.deciding_centre];
      const auto& facts = c.centres[c.deciding_centre];
      auto* d = m->mutable_delivery();
      d->set_delivery_model(static_cast<v1::DeliveryModel>(facts.delivery_model));
      d->set_country_code(centre.country);
      d->set_city(centre.city);
      d->set_rule(facts.rule);
      d->set_hours_apart(facts.hours_apart);
    }
    for (const auto& service : req.services) {
      const auto& offered = c.provider->services;
      if (std::find(offered.begin(), offered.end(), service) != offered.end()) {
        m->add_matched_services(service);
      }
    }
    for (int model : {1, 2}) {
      if (c.provider->service_models & (1u << model)) {
        m->add_service_models(static_cast<v1::ServiceModel>(model));
      }
    }
  }

  // Diagnostics: what each filter removed, a one-line summary, and hints.
  std::map<std::string, int> all_reasons;
  for (const auto& run : runs) {
    auto* outcome = response.add_filter_outcomes();
    outcome->set_plugin(run.plugin->name);
    outcome->set_removed(run.removed);
    for (const auto& [reason, count] : ByCount(run.reasons)) {
      auto* rc = outcome->add_reasons();
      rc->set_reason(reason);
      rc->set_count(count);
      all_reasons[reason] += count;
    }
  }
  std::vector<std::string> parts;
  for (const auto& [reason, count] : ByCount(all_reasons)) {
    if (parts.size() == 6) break;
    parts.push_back(absl::StrCat(count, " ", reason));
  }
  response.set_summary(absl::StrCat(eligible.size(), "/", n, " providers eligible",
                                    parts.empty() ? "" : ": ", absl::StrJoin(parts, ", ")));
  if (eligible.size() < static_cast<size_t>(in.top_k)) {
    std::vector<v1::RelaxationHint> hints;
    for (size_t f = 0; f < runs.size(); ++f) {
      std::vector<Candidate> only_this;
      for (size_t i = 0; i < n; ++i) {
        if (fail_mask[i] == (uint64_t{1} << f)) only_this.push_back(all[i]);
      }
      if (only_this.empty()) continue;
      v1::RelaxationHint hint;
      hint.set_plugin(runs[f].plugin->name);
      hint.set_eligible_if_relaxed(static_cast<int>(eligible.size() + only_this.size()));
      std::string suggestion;
      absl::Status status = Guarded(runs[f].plugin->name, "Relax", [&] {
        suggestion = runs[f].plugin->instance->Relax(ctx, only_this);
        return absl::OkStatus();
      });
      hint.set_suggestion(status.ok() && !suggestion.empty()
                              ? suggestion
                              : absl::StrCat("relax the ", runs[f].plugin->name, " constraint"));
      hints.push_back(std::move(hint));
    }
    std::stable_sort(hints.begin(), hints.end(), [](const auto& a, const auto& b) {
      return a.eligible_if_relaxed() > b.eligible_if_relaxed();
    });
    for (auto& h : hints) *response.add_relaxation_hints() = std::move(h);
  }
  return response;
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
