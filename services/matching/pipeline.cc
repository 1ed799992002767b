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
#include "services/matching/pipeline_internal.h"

namespace vendormatch {
namespace pipeline_internal {

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

std::string CodeText(const sdk::MatchContext& ctx, const char* reason, Symbol detail,
                     const std::string& plugin) {
  std::string text = reason != nullptr ? reason : plugin + "_rejected";
  if (detail != sdk::kNoSymbol) absl::StrAppend(&text, ":", ctx.Name(detail));
  return text;
}

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
  if (in_.substitute_only) {
    Substitute(survivors, true);
    considered_ = candidates_.Build(survivors);
    return;
  }
  Bitmap scratch;
  for (const SegmentRef& ref : snapshot_.segments) {
    const Segment& segment = *ref.segment;
    Bitmap rows = *ref.live;
    size_t left = ref.live_count;
    if (in_.substitute != nullptr) {
      const int64_t row = segment.Find(in_.substitute->id());
      if (row >= 0 && rows.Test(static_cast<size_t>(row))) {
        rows.Reset(static_cast<size_t>(row));
        --left;
      }
    }
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
  if (in_.substitute != nullptr) Substitute(survivors, true);
  considered_ = candidates_.Build(survivors);
}

void Match::SelectReference() {
  std::vector<const sdk::Provider*> all;
  if (!in_.substitute_only) {
    snapshot_.ForEachLive([&](const sdk::Provider& p) { all.push_back(&p); });
  }
  if (in_.substitute != nullptr) Substitute(all, false);
  considered_ = candidates_.Build(all);
}

void Match::Substitute(std::vector<const sdk::Provider*>& survivors, bool indexed) {
  const sdk::Provider* s = in_.substitute;
  std::erase_if(survivors, [&](const sdk::Provider* p) { return p->id() == s->id(); });
  if (indexed) {
    // The indexes do not know it: its clauses are checked by a scan.
    for (FilterPlan& plan : plans_) {
      for (const sdk::IndexClause& clause : plan.clauses) {
        if (!sdk::ClauseHolds(ctx_, *s, clause)) {
          plan.Count(clause.reason, clause.detail, 1);
          return;
        }
      }
    }
  }
  survivors.push_back(s);
}

absl::Status Match::FilterFunnel() {
  if (in_.reference) return FilterReference();
  std::vector<Candidate> batch = considered_.list;
  std::vector<sdk::FilterResult> verdicts;
  for (FilterPlan& plan : plans_) {
    absl::Status status =
        CallBatch(plan.plugin->name, "Filter", batch, verdicts,
                  [&](auto in, auto out) { return plan.plugin->instance->Filter(ctx_, in, out); });
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

absl::Status Match::FilterReference() {
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
    absl::Status status =
        CallBatch(plan.plugin->name, "Filter", all, verdicts,
                  [&](auto in, auto out) { return plan.plugin->instance->Filter(ctx_, in, out); });
    if (!status.ok()) {
      if (plan.plugin->on_error != v1::FAILURE_POLICY_SKIP) return status;
      AddSkipped(response_, plan.plugin->name, status);
      continue;
    }
    plan.filter_ran = true;
    for (size_t i = 0; i < all.size(); ++i) {
      if (verdicts[i].pass) continue;
      if (!failed[i] && first_clause[i] < 0) plan.Count(verdicts[i].reason, verdicts[i].detail, 1);
      failed[i] = true;
    }
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (!failed[i]) eligible_.push_back(all[i]);
  }
  return absl::OkStatus();
}

absl::Status Match::ScoreOne(const ProfilePlugin& p, double weight) {
  ScorerRun run{&p, weight, {}};
  absl::Status status = CallBatch(p.name, "Score", eligible_, run.scores, [&](auto in, auto out) {
    return p.instance->Score(ctx_, in, out);
  });
  if (status.ok()) {
    status = Guarded(p.name, "Normalize", [&]() -> absl::Status {
      for (const auto& s : run.scores) {
        if (!std::isfinite(s.raw)) return absl::InternalError("raw score is not a number");
      }
      if (p.loaded->Has(sdk::kStageNormalize)) {
        absl::Status s = p.instance->Normalize(ctx_, std::span<sdk::ScoreResult>(run.scores));
        if (!s.ok()) return s;
      } else {
        // A plugin that does not normalise scores on 0..100 itself.
        for (auto& s : run.scores) s.normalized = s.raw;
      }
      if (p.min_max) {
        auto [lo, hi] = std::minmax_element(
            run.scores.begin(), run.scores.end(),
            [](const auto& a, const auto& b) { return a.normalized < b.normalized; });
        const double low = lo->normalized, span = hi->normalized - lo->normalized;
        for (auto& s : run.scores) {
          s.normalized = span > 0 ? (s.normalized - low) / span * 100 : 100;
        }
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
    return absl::OkStatus();
  }
  scorers_.push_back(std::move(run));
  return absl::OkStatus();
}

absl::Status Match::ScoreAndRank() {
  for (size_t k = 0; k < in_.profile->plugins.size(); ++k) {
    const auto& p = in_.profile->plugins[k];
    if (!p.run_score || eligible_.empty()) continue;
    if (absl::Status s = ScoreOne(p, weights_[k]); !s.ok()) return s;
  }
  for (const auto& s : scorers_) weight_sum_ += s.weight;
  totals_.assign(eligible_.size(), 0);
  if (weight_sum_ > 0) {
    for (size_t s = 0; s < scorers_.size(); ++s) {
      for (size_t i = 0; i < eligible_.size(); ++i) totals_[i] += Contribution(s, i);
    }
  }
  SelectTop();
  return absl::OkStatus();
}

double Match::Contribution(size_t scorer, size_t i) const {
  const ScorerRun& s = scorers_[scorer];
  return weight_sum_ > 0 ? s.scores[i].normalized * s.weight / weight_sum_ : 0;
}

// Best total first, ties on provider id.
bool Match::Better(size_t a, size_t b) const {
  if (totals_[a] != totals_[b]) return totals_[a] > totals_[b];
  return eligible_[a].provider->id() < eligible_[b].provider->id();
}

void Match::SelectTop() {
  const size_t k = std::min(eligible_.size(), static_cast<size_t>(std::max(in_.top_k, 0)));
  if (in_.diversity.scope() != v1::DIVERSITY_SCOPE_UNSPECIFIED) return SelectDiverse(k);
  // A bounded heap; its top is the worst kept.
  auto better = [this](size_t a, size_t b) { return Better(a, b); };
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
  std::vector<std::string> parts;
  for (const auto& [reason, count] : ByCount(all_reasons)) {
    if (parts.size() == 6) break;
    parts.push_back(absl::StrCat(count, " ", reason));
  }
  response_.set_summary(absl::StrCat(eligible_.size(), "/", snapshot_.size(), " providers eligible",
                                     parts.empty() ? "" : ": ", absl::StrJoin(parts, ", ")));
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
  if (in_.eligible_out != nullptr) {
    in_.eligible_out->clear();
    for (const Candidate& c : eligible_) in_.eligible_out->push_back(c.provider);
  }
  if (absl::Status s = ScoreAndRank(); !s.ok()) return s;
  if (in_.totals_out != nullptr) {
    in_.totals_out->clear();
    for (size_t i = 0; i < eligible_.size(); ++i) {
      in_.totals_out->emplace_back(totals_[i], eligible_[i].provider);
    }
  }
  Explain();
  if (absl::Status s = ExplainNamed(); !s.ok()) return s;
  Diagnose();
  return std::move(response_);
}

}  // namespace pipeline_internal

absl::StatusOr<v1::MatchProvidersResponse> RunPipeline(const MatchInput& in) {
  auto weights = pipeline_internal::EffectiveWeights(in);
  if (!weights.ok()) return weights.status();
  pipeline_internal::Match match(in, *weights);
  return match.Run();
}

}  // namespace vendormatch
