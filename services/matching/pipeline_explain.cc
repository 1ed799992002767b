// The pipeline's words: the shown providers (scores, delivery, warnings,
// what put each above the next), the diversity limit, and the named
// providers (every filter's verdict, rank and gap, what their failing
// filters say would let them through).
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/matching/pipeline_internal.h"

namespace vendormatch {
namespace pipeline_internal {
namespace {

// Scorer differences below this are noise (points of the total).
constexpr double kNegligible = 0.05;

std::string Points(double points) { return absl::StrFormat("%+.1f", points); }

// The scorers on which `a` leads `b` (a's contribution minus b's), largest
// first, at most `n`, only those above kNegligible.
std::vector<v1::FactorDelta> Leads(const std::vector<std::pair<std::string, double>>& deltas,
                                   size_t n) {
  std::vector<std::pair<std::string, double>> sorted = deltas;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  std::vector<v1::FactorDelta> out;
  for (const auto& [plugin, points] : sorted) {
    if (out.size() == n || points < kNegligible) break;
    v1::FactorDelta d;
    d.set_plugin(plugin);
    d.set_points(points);
    out.push_back(std::move(d));
  }
  return out;
}

std::string Factors(const std::vector<v1::FactorDelta>& factors) {
  std::vector<std::string> parts;
  for (const auto& f : factors) parts.push_back(absl::StrCat(f.plugin(), " ", Points(f.points())));
  return absl::StrJoin(parts, ", ");
}

std::string StatusWord(v1::Provider::Status status) {
  switch (status) {
    case v1::Provider::STATUS_PENDING:
      return "pending approval";
    case v1::Provider::STATUS_SUSPENDED:
      return "suspended";
    case v1::Provider::STATUS_OFFBOARDED:
      return "offboarded";
    default:
      return "not active";
  }
}

}  // namespace

NamedChange Named(const sdk::MatchContext& ctx, const sdk::Change& change) {
  return NamedChange{change, std::string(ctx.Name(change.symbol)),
                     std::string(ctx.Name(change.currency))};
}

void Match::FillMatch(size_t i, int rank, v1::ProviderMatch& m) {
  const Candidate& c = eligible_[i];
  m.set_rank(rank);
  m.set_provider(absl::StrCat("providers/", c.provider->id()));
  m.set_display_name(std::string(c.provider->display_name()));
  m.set_total_score(totals_[i]);
  for (size_t s = 0; s < scorers_.size(); ++s) {
    const ScorerRun& run = scorers_[s];
    auto* score = m.add_scores();
    score->set_plugin(run.plugin->name);
    score->set_raw_score(run.scores[i].raw);
    score->set_normalized_score(run.scores[i].normalized);
    score->set_weight(run.weight);
    score->set_contribution(Contribution(s, i));
    std::string reason;
    try {
      reason = run.plugin->instance->Explain(ctx_, c, run.scores[i].raw);
    } catch (...) {
      reason.clear();  // words are optional; the numbers stand
    }
    score->set_reason(std::move(reason));
  }
  if (c.deciding_centre >= 0) {
    const auto& centre = c.provider->centres()[c.deciding_centre];
    const auto& facts = c.centres[c.deciding_centre];
    auto* d = m.mutable_delivery();
    d->set_delivery_model(static_cast<v1::DeliveryModel>(facts.delivery_model));
    d->set_country_code(std::string(ctx_.Name(centre.country)));
    d->set_city(std::string(ctx_.Name(centre.city)));
    d->set_rule(facts.rule);
    d->set_hours_apart(facts.hours_apart);
  }
  for (const Symbol service : ctx_.requirement().services) {
    if (c.provider->Offers(service)) m.add_matched_services(std::string(ctx_.Name(service)));
  }
  for (int model : {1, 2}) {
    if (c.provider->service_models() & (1u << model)) {
      m.add_service_models(static_cast<v1::ServiceModel>(model));
    }
  }
  AddWarnings(c, m);
}

void Match::AddWarnings(const Candidate& c, v1::ProviderMatch& m) {
  std::vector<sdk::Verdict> warnings;
  for (const ProfilePlugin& p : in_.profile->plugins) {
    warnings.clear();
    try {
      p.instance->Warnings(ctx_, c, warnings);
    } catch (...) {
      continue;  // warnings are advice; a plugin failing to give them costs nothing else
    }
    for (const sdk::Verdict& w : warnings) {
      auto* f = m.add_warnings();
      f->set_code(CodeText(ctx_, w.reason, w.detail, p.name));
      f->set_sentence(w.sentence);
      f->set_plugin(p.name);
    }
  }
}

void Match::Explain() {
  for (size_t r = 0; r < top_.size(); ++r) {
    FillMatch(top_[r], static_cast<int>(r + 1), *response_.add_matches());
  }
  OrderReasons();
}

void Match::OrderReasons() {
  for (size_t r = 0; r + 1 < top_.size(); ++r) {
    const size_t a = top_[r], b = top_[r + 1];
    std::vector<std::pair<std::string, double>> deltas;
    for (size_t s = 0; s < scorers_.size(); ++s) {
      deltas.emplace_back(scorers_[s].plugin->name, Contribution(s, a) - Contribution(s, b));
    }
    v1::OrderReason* reason =
        response_.mutable_matches(static_cast<int>(r))->mutable_ahead_of_next();
    reason->set_next_provider(absl::StrCat("providers/", eligible_[b].provider->id()));
    reason->set_margin(totals_[a] - totals_[b]);
    for (auto& f : Leads(deltas, 2)) *reason->add_factors() = std::move(f);
    const std::string next = absl::StrCat("#", r + 2);
    if (totals_[a] == totals_[b]) {
      reason->set_summary(absl::StrCat("tied with ", next, " on score; ahead by provider id"));
    } else if (reason->factors().empty()) {
      reason->set_summary(absl::StrCat("ahead of ", next, " by ",
                                       absl::StrFormat("%.2f", totals_[a] - totals_[b]),
                                       " points, spread over every factor"));
    } else {
      reason->set_summary(absl::StrCat("ahead of ", next, " mainly on ",
                                       Factors(std::vector<v1::FactorDelta>(
                                           reason->factors().begin(), reason->factors().end()))));
    }
  }
}

void Match::SelectDiverse(size_t k) {
  std::vector<size_t> order(eligible_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [this](size_t a, size_t b) { return Better(a, b); });
  const bool by_hq = in_.diversity.scope() == v1::DIVERSITY_SCOPE_HEADQUARTERS_COUNTRY;
  const int limit = in_.diversity.max_per_country();
  std::map<Symbol, int> taken;
  for (size_t pos = 0; pos < order.size() && top_.size() < k; ++pos) {
    const Candidate& c = eligible_[order[pos]];
    Symbol country = c.provider->headquarters_country();
    if (!by_hq) {
      country = c.deciding_centre >= 0 ? c.provider->centres()[c.deciding_centre].country
                                       : sdk::kNoSymbol;
    }
    if (taken[country] >= limit) {
      auto* pushed = response_.add_pushed_down();
      pushed->set_provider(absl::StrCat("providers/", c.provider->id()));
      pushed->set_rank_without_limit(static_cast<int>(pos + 1));
      pushed->set_country_code(std::string(ctx_.Name(country)));
      continue;
    }
    ++taken[country];
    top_.push_back(order[pos]);
  }
}

absl::Status Match::ExplainNamed() {
  std::vector<NamedDetail> details;
  for (const std::string& id : in_.explain) {
    NamedDetail detail;
    detail.id = id;
    *response_.add_explanations() = ExplainOne(id, detail);
    details.push_back(std::move(detail));
  }
  if (in_.named_out != nullptr) *in_.named_out = std::move(details);
  return absl::OkStatus();
}

v1::ProviderExplanation Match::ExplainOne(const std::string& id, NamedDetail& detail) {
  v1::ProviderExplanation e;
  e.set_provider(absl::StrCat("providers/", id));
  const sdk::Provider* p =
      in_.substitute != nullptr && in_.substitute->id() == id ? in_.substitute : snapshot_.Find(id);
  if (p == nullptr) {
    const v1::Provider::Status status =
        snapshot_.StatusOf(id).value_or(v1::Provider::STATUS_UNSPECIFIED);
    e.set_status(status);
    e.set_summary(absl::StrCat("never matches: ", StatusWord(status)));
    return e;
  }
  detail.provider = p;
  e.set_status(v1::Provider::STATUS_ACTIVE);
  e.set_display_name(std::string(p->display_name()));
  const sdk::Provider* one[] = {p};
  const Candidates::Set set = candidates_.Build(one);
  detail.deciding_centre = set.list[0].deciding_centre;
  Verdicts(set.list[0], e, detail);
  for (size_t i = 0; i < eligible_.size(); ++i) {
    if (eligible_[i].provider == p) {
      PlaceEligible(i, e, detail);
      return e;
    }
  }
  std::vector<std::string> out;
  for (const auto& v : e.verdicts()) {
    if (!v.passed() && !v.skipped()) out.push_back(v.plugin());
  }
  e.set_summary(out.empty() ? "not eligible"
                            : absl::StrCat("not eligible: excluded by ", absl::StrJoin(out, ", ")));
  return e;
}

void Match::Verdicts(const Candidate& c, v1::ProviderExplanation& e, NamedDetail& detail) {
  std::set<std::string> skipped;
  for (const auto& s : response_.skipped_plugins()) skipped.insert(s.plugin());
  std::vector<sdk::Verdict> verdicts;
  for (const FilterPlan& plan : plans_) {
    const ProfilePlugin& p = *plan.plugin;
    auto* v = e.add_verdicts();
    v->set_plugin(p.name);
    if (skipped.contains(p.name)) {
      v->set_skipped(true);
      v->set_passed(true);
      continue;
    }
    verdicts.clear();
    absl::Status status =
        Guarded(p.name, "Verdicts", [&] { return p.instance->Verdicts(ctx_, c, verdicts); });
    if (!status.ok()) {
      v->set_skipped(true);
      v->set_passed(true);
      continue;
    }
    v->set_passed(verdicts.empty());
    for (const sdk::Verdict& verdict : verdicts) {
      auto* f = v->add_reasons();
      f->set_code(CodeText(ctx_, verdict.reason, verdict.detail, p.name));
      f->set_sentence(verdict.sentence);
      f->set_plugin(p.name);
    }
    if (!verdicts.empty()) {
      std::vector<sdk::Change> fixes;
      try {
        p.instance->Fixes(ctx_, c, fixes);
      } catch (...) {
        fixes.clear();  // no suggestion from this filter; the verdict stands
      }
      for (const sdk::Change& f : fixes) detail.fixes.push_back(Named(ctx_, f));
    }
  }
}

void Match::PlaceEligible(size_t i, v1::ProviderExplanation& e, NamedDetail& detail) {
  int rank = 1;
  for (size_t j = 0; j < eligible_.size(); ++j) {
    if (j != i && Better(j, i)) ++rank;
  }
  e.set_eligible(true);
  FillMatch(i, rank, *e.mutable_match());
  detail.eligible = true;
  detail.rank = rank;
  detail.total = totals_[i];
  const bool shown = std::find(top_.begin(), top_.end(), i) != top_.end();
  const std::string place = absl::StrCat("rank ", rank, " of ", eligible_.size(), " eligible");
  if (shown || top_.empty()) {
    e.set_summary(shown ? absl::StrCat(place, ", in the top ", top_.size())
                        : absl::StrCat(place, "; no top K was asked for"));
    return;
  }
  const size_t kth = top_.back();
  e.set_gap_to_top_k(totals_[kth] - totals_[i]);
  std::vector<std::pair<std::string, double>> deltas;
  for (size_t s = 0; s < scorers_.size(); ++s) {
    deltas.emplace_back(scorers_[s].plugin->name, Contribution(s, kth) - Contribution(s, i));
  }
  for (auto& f : Leads(deltas, 3)) *e.add_behind_top_k() = std::move(f);
  std::string summary = absl::StrCat(place, ", ", absl::StrFormat("%.1f", e.gap_to_top_k()),
                                     " points behind #", top_.size());
  if (!e.behind_top_k().empty()) {
    absl::StrAppend(
        &summary, " (#", top_.size(), " leads on ",
        Factors(std::vector<v1::FactorDelta>(e.behind_top_k().begin(), e.behind_top_k().end())),
        ")");
  }
  if (in_.diversity.scope() != v1::DIVERSITY_SCOPE_UNSPECIFIED) {
    absl::StrAppend(&summary, "; with the diversity limit the top ", top_.size(),
                    " may skip providers ranked above it");
  }
  e.set_summary(std::move(summary));
}

}  // namespace pipeline_internal

absl::StatusOr<std::vector<std::vector<NamedChange>>> CollectFixes(
    const MatchInput& input, std::span<const sdk::Provider* const> providers) {
  using pipeline_internal::Candidates;
  using pipeline_internal::Context;
  const Snapshot& snapshot = *input.snapshot;
  Context ctx(*input.requirement, *snapshot.dictionary, *input.exchange_rates);
  Candidates candidates(ctx.requirement(), input.requirement->codes.client_country,
                        *snapshot.dictionary, input.facts,
                        input.cache_facts ? &snapshot.dictionary->facts_cache() : nullptr);
  const Candidates::Set set = candidates.Build(providers);
  std::vector<std::vector<NamedChange>> out(providers.size());
  std::vector<sdk::FilterResult> verdicts;
  std::vector<sdk::Change> fixes;
  for (const ProfilePlugin& p : input.profile->plugins) {
    if (!p.run_filter) continue;
    absl::Status status = pipeline_internal::CallBatch(
        p.name, "Filter", set.list, verdicts,
        [&](auto in, auto out) { return p.instance->Filter(ctx, in, out); });
    if (!status.ok()) {
      if (p.on_error == v1::FAILURE_POLICY_SKIP) continue;
      return status;
    }
    for (size_t i = 0; i < set.list.size(); ++i) {
      if (verdicts[i].pass) continue;
      fixes.clear();
      status = pipeline_internal::Guarded(p.name, "Fixes", [&] {
        p.instance->Fixes(ctx, set.list[i], fixes);
        return absl::OkStatus();
      });
      for (const sdk::Change& f : fixes) out[i].push_back(pipeline_internal::Named(ctx, f));
      if (!status.ok() && p.on_error != v1::FAILURE_POLICY_SKIP) return status;
    }
  }
  return out;
}

}  // namespace vendormatch
