#include "services/matching/relaxation.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/matching/constraints.h"
#include "services/matching/requirement.h"

namespace vendormatch {
namespace {

using sdk::ChangeKind;
using Providers = std::vector<const sdk::Provider*>;

// Providers gained without a numeric constraint that are asked for the
// value that admits them (the value is verified whatever the sample).
constexpr size_t kMaxFixProbes = 2000;
// Pairs of relaxations tried, lowest priority first.
constexpr size_t kMaxPairs = 15;
// Codes of one list (certifications, languages) tried one by one.
constexpr int kMaxListEntries = 8;

// One way to loosen one constraint: a change with nothing to work out, or
// a numeric constraint whose value comes from the providers it keeps out.
struct Relaxation {
  std::string constraint;
  std::string plugin;
  Preference preference;
  std::optional<NamedChange> direct;
  ChangeKind numeric = ChangeKind::kRaiseRateCeiling;
};

// A requirement with some changes applied, and what the match returned.
struct Outcome {
  std::vector<NamedChange> changes;
  std::vector<std::string> constraints;
  v1::Requirement requirement;
  Providers eligible;  // sorted
  int count = 0;
  int priority = 0;
};

Providers Minus(const Providers& a, const Providers& b) {
  Providers out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Providers Union(const Providers& a, const Providers& b) {
  Providers out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

NamedChange Direct(ChangeKind kind, std::string symbol = "") {
  NamedChange c;
  c.change.kind = kind;
  c.symbol = std::move(symbol);
  return c;
}

class Enumerator {
 public:
  Enumerator(const v1::Requirement& r, const std::vector<std::string>& filters)
      : r_(r), filters_(filters) {}

  std::vector<Relaxation> All() {
    if (r_.service_match() != v1::SERVICE_MATCH_ANY && r_.services_size() > 1) {
      Add("services", "services", Direct(ChangeKind::kAcceptAnyService));
    }
    if (r_.preferred_service_model() != v1::SERVICE_MODEL_UNSPECIFIED || r_.has_work()) {
      Add("service_model", "service_model", Direct(ChangeKind::kAcceptAnyServiceModel));
    }
    if (!r_.delivery_models().empty()) {
      for (int model = 1; model <= 3; ++model) {
        if (std::find(r_.delivery_models().begin(), r_.delivery_models().end(), model) !=
            r_.delivery_models().end()) {
          continue;
        }
        NamedChange c = Direct(ChangeKind::kAcceptDeliveryModel);
        c.change.delivery_model = static_cast<sdk::DeliveryModel>(model);
        Add("delivery_models", "delivery_model", c);
      }
    }
    if (r_.has_rate_ceiling()) Add("rate_ceiling", "rate", {}, ChangeKind::kRaiseRateCeiling);
    if (r_.headcount() > 0) Add("headcount", "capacity", {}, ChangeKind::kSetHeadcount);
    for (int i = 0; i < r_.certifications_size() && i < kMaxListEntries; ++i) {
      const std::string code = absl::AsciiStrToUpper(r_.certifications(i));
      Add(absl::StrCat("certifications:", code), "certifications",
          Direct(ChangeKind::kDropCertification, code));
    }
    if (r_.certifications_valid_through_end()) {
      Add("certifications_valid_through_end", "certifications",
          Direct(ChangeKind::kCertificationsOnStartDay));
    }
    for (int i = 0; i < r_.languages_size() && i < kMaxListEntries; ++i) {
      std::string tag = absl::AsciiStrToLower(r_.languages(i));
      std::replace(tag.begin(), tag.end(), '_', '-');
      Add(absl::StrCat("languages:", tag), "languages", Direct(ChangeKind::kDropLanguage, tag));
    }
    if (!r_.industry().empty()) Add("industry", "industry", Direct(ChangeKind::kDropIndustry));
    if (r_.min_rating() > 0) Add("min_rating", "quality", {}, ChangeKind::kLowerMinRating);
    if (r_.min_overlap_hours() > 0) {
      Add("min_overlap_hours", "timezone_overlap", {}, ChangeKind::kLowerMinOverlap);
    }
    if (!r_.diversity_classifications().empty()) {
      Add("diversity_classifications", "diversity", Direct(ChangeKind::kDropDiversity));
    }
    return std::move(out_);
  }

 private:
  void Add(std::string constraint, const std::string& plugin, std::optional<NamedChange> direct,
           ChangeKind numeric = ChangeKind::kRaiseRateCeiling) {
    if (std::find(filters_.begin(), filters_.end(), plugin) == filters_.end()) return;
    // Duplicated codes in a list are one constraint.
    for (const Relaxation& r : out_) {
      if (r.constraint == constraint && r.constraint != "delivery_models") return;
    }
    Relaxation r{constraint, plugin, PreferenceOf(r_, constraint), std::move(direct), numeric};
    out_.push_back(std::move(r));
  }

  const v1::Requirement& r_;
  const std::vector<std::string>& filters_;
  std::vector<Relaxation> out_;
};

// `r` without the numeric constraint `kind` loosens.
v1::Requirement Without(v1::Requirement r, ChangeKind kind) {
  NamedChange drop;
  drop.change.kind = kind;
  drop.drop = true;
  ApplyToRequirement(drop, r);
  return r;
}

// The value among `values` (one per gained provider) that admits `need` of
// them, loosening as little as it can.
NamedChange Pick(std::vector<NamedChange> values, size_t need, const v1::Requirement& r) {
  auto key = [&](const NamedChange& c) -> double {
    switch (c.change.kind) {
      case ChangeKind::kRaiseRateCeiling:
        return static_cast<double>(c.change.amount);
      case ChangeKind::kSetHeadcount:
        return std::fabs(static_cast<double>(c.change.amount - r.headcount()));
      default:
        return -c.change.number;  // lower minimums: the highest first
    }
  };
  std::stable_sort(values.begin(), values.end(),
                   [&](const auto& a, const auto& b) { return key(a) < key(b); });
  return values[std::min(need, values.size()) - 1];
}

class HintSearch {
 public:
  HintSearch(const Rerun& rerun, const v1::Requirement& r, int top_k, const Providers& eligible)
      : rerun_(rerun), top_k_(top_k) {
    base_.requirement = r;
    base_.eligible = eligible;
    base_.count = static_cast<int>(eligible.size());
  }

  absl::Status Run(v1::MatchProvidersResponse& response);

 private:
  absl::StatusOr<std::optional<Outcome>> Apply(const Relaxation& relax, const Outcome& base);
  absl::StatusOr<std::optional<NamedChange>> NumericValue(const Relaxation& relax,
                                                          const Outcome& base);
  // Runs `r`, once per distinct requirement.
  absl::StatusOr<const RerunOutput*> Counted(const v1::Requirement& r) {
    std::string key = r.SerializeAsString();
    if (auto it = runs_by_requirement_.find(key); it != runs_by_requirement_.end()) {
      return &it->second;
    }
    ++runs_;
    VM_ASSIGN_OR_RETURN(RerunOutput out, rerun_.run(r, RerunOptions{}));
    return &runs_by_requirement_.emplace(std::move(key), std::move(out)).first->second;
  }
  v1::RelaxationHint Hint(const Outcome& o, const std::string& plugin, int gained) const;

  const Rerun& rerun_;
  const int top_k_;
  Outcome base_;
  int runs_ = 0;
  std::map<std::string, RerunOutput> runs_by_requirement_;
};

absl::StatusOr<std::optional<NamedChange>> HintSearch::NumericValue(const Relaxation& relax,
                                                                    const Outcome& base) {
  VM_ASSIGN_OR_RETURN(const RerunOutput* without,
                      Counted(Without(base.requirement, relax.numeric)));
  Providers gained = Minus(without->eligible, base.eligible);
  if (gained.empty()) return std::optional<NamedChange>();
  // Without a value that admits some of them, dropping the constraint
  // does (that run was just made).
  NamedChange drop;
  drop.change.kind = relax.numeric;
  drop.drop = true;
  if (gained.size() > kMaxFixProbes) gained.resize(kMaxFixProbes);
  VM_ASSIGN_OR_RETURN(auto fixes, rerun_.fixes(base.requirement, gained));
  std::vector<NamedChange> values;
  for (const auto& list : fixes) {
    for (const NamedChange& c : list) {
      if (c.change.kind == relax.numeric) {
        values.push_back(c);
        break;
      }
    }
  }
  if (values.empty()) return std::optional<NamedChange>(drop);
  const size_t need = static_cast<size_t>(std::max(1, top_k_ - base.count));
  NamedChange value = Pick(std::move(values), need, base.requirement);
  v1::Requirement with_value = base.requirement;
  if (!ApplyToRequirement(value, with_value)) return std::optional<NamedChange>(drop);
  VM_ASSIGN_OR_RETURN(const RerunOutput* tried, Counted(with_value));
  if (Minus(tried->eligible, base.eligible).empty()) return std::optional<NamedChange>(drop);
  return std::optional<NamedChange>(value);
}

absl::StatusOr<std::optional<Outcome>> HintSearch::Apply(const Relaxation& relax,
                                                         const Outcome& base) {
  std::optional<NamedChange> change = relax.direct;
  if (!change) {
    VM_ASSIGN_OR_RETURN(change, NumericValue(relax, base));
  }
  Outcome o;
  o.requirement = base.requirement;
  if (!change || !ApplyToRequirement(*change, o.requirement)) return std::optional<Outcome>();
  o.changes = base.changes;
  o.changes.push_back(*change);
  o.constraints = base.constraints;
  o.constraints.push_back(relax.constraint);
  o.priority = std::max(base.constraints.empty() ? relax.preference.priority : base.priority,
                        relax.preference.priority);
  VM_ASSIGN_OR_RETURN(const RerunOutput* out, Counted(o.requirement));
  o.eligible = out->eligible;
  o.count = out->response.eligible_count();
  return std::optional<Outcome>(std::move(o));
}

v1::RelaxationHint HintSearch::Hint(const Outcome& o, const std::string& plugin, int gained) const {
  v1::RelaxationHint hint;
  hint.set_plugin(plugin);
  hint.set_eligible_if_relaxed(o.count);
  hint.set_gained(gained);
  hint.set_priority(o.priority);
  std::vector<std::string> words;
  v1::Requirement before = base_.requirement;
  for (const NamedChange& c : o.changes) {
    words.push_back(DescribeChange(c, before));
    ApplyToRequirement(c, before);
  }
  hint.set_suggestion(absl::StrJoin(words, " and "));
  *hint.mutable_relaxed_requirement() = o.requirement;
  for (const auto& c : o.constraints) hint.add_constraints(c);
  return hint;
}

absl::Status HintSearch::Run(v1::MatchProvidersResponse& response) {
  std::vector<Relaxation> all = Enumerator(base_.requirement, rerun_.filters).All();
  v1::HintReport& report = *response.mutable_hint_report();
  std::vector<Relaxation> relaxations;
  for (Relaxation& r : all) {
    if (r.preference.firm) {
      report.add_firm(r.constraint);
    } else {
      relaxations.push_back(std::move(r));
    }
  }
  std::vector<std::pair<v1::RelaxationHint, bool>> hints;  // bool: a pair
  std::vector<std::optional<Outcome>> singles(relaxations.size());
  for (size_t i = 0; i < relaxations.size(); ++i) {
    VM_ASSIGN_OR_RETURN(singles[i], Apply(relaxations[i], base_));
    if (!singles[i]) continue;
    const int gained = static_cast<int>(Minus(singles[i]->eligible, base_.eligible).size());
    if (gained > 0) hints.emplace_back(Hint(*singles[i], relaxations[i].plugin, gained), false);
  }
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i < relaxations.size(); ++i) {
    for (size_t j = i + 1; j < relaxations.size(); ++j) {
      if (relaxations[i].constraint == relaxations[j].constraint) continue;
      if (singles[i] || singles[j]) pairs.emplace_back(i, j);
    }
  }
  std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
    return std::max(relaxations[a.first].preference.priority,
                    relaxations[a.second].preference.priority) <
           std::max(relaxations[b.first].preference.priority,
                    relaxations[b.second].preference.priority);
  });
  if (pairs.size() > kMaxPairs) pairs.resize(kMaxPairs);
  for (const auto& [i, j] : pairs) {
    // The second is worked out on top of the first (which has an outcome).
    const size_t first = singles[i] ? i : j, second = first == i ? j : i;
    VM_ASSIGN_OR_RETURN(std::optional<Outcome> both, Apply(relaxations[second], *singles[first]));
    if (!both) continue;
    Providers before = Union(base_.eligible, singles[first]->eligible);
    if (singles[second]) before = Union(before, singles[second]->eligible);
    const int gained_together = static_cast<int>(Minus(both->eligible, before).size());
    if (gained_together == 0) continue;
    const int gained = static_cast<int>(Minus(both->eligible, base_.eligible).size());
    hints.emplace_back(Hint(*both, relaxations[first].plugin, gained), true);
  }
  std::stable_sort(hints.begin(), hints.end(), [](const auto& a, const auto& b) {
    if (a.first.priority() != b.first.priority()) return a.first.priority() < b.first.priority();
    if (a.second != b.second) return !a.second;
    return a.first.gained() > b.first.gained();
  });
  for (auto& [hint, pair] : hints) *response.add_relaxation_hints() = std::move(hint);
  report.set_matches_run(runs_);
  return absl::OkStatus();
}

}  // namespace

Rerun MakeRerun(const MatchInput& main, absl::CivilDay today) {
  MatchInput base = main;
  base.explain.clear();
  base.eligible_out = nullptr;
  base.named_out = nullptr;
  base.totals_out = nullptr;
  base.diversity.Clear();
  Rerun rerun;
  // The closures copy what they need: `base` lives on the caller's stack
  // as long as the answer is being completed.
  rerun.run = [base, today](const v1::Requirement& requirement,
                            const RerunOptions& options) -> absl::StatusOr<RerunOutput> {
    VM_ASSIGN_OR_RETURN(ValidRequirement req, ValidateRequirement(requirement, today, nullptr));
    MatchInput input = base;
    input.requirement = &req;
    input.top_k = options.top_k;
    input.explain = options.explain;
    input.substitute = options.substitute;
    input.substitute_only = options.substitute_only;
    RerunOutput out;
    input.eligible_out = &out.eligible;
    input.named_out = &out.named;
    VM_ASSIGN_OR_RETURN(out.response, RunPipeline(input));
    std::sort(out.eligible.begin(), out.eligible.end());
    return out;
  };
  rerun.fixes = [base, today](const v1::Requirement& requirement,
                              std::span<const sdk::Provider* const> providers)
      -> absl::StatusOr<std::vector<std::vector<NamedChange>>> {
    VM_ASSIGN_OR_RETURN(ValidRequirement req, ValidateRequirement(requirement, today, nullptr));
    MatchInput input = base;
    input.requirement = &req;
    return CollectFixes(input, providers);
  };
  for (const ProfilePlugin& p : base.profile->plugins) {
    if (p.run_filter) rerun.filters.push_back(p.name);
  }
  const Dictionary* dictionary = base.snapshot->dictionary.get();
  rerun.symbol = [dictionary](const std::string& code) { return dictionary->Find(code); };
  return rerun;
}

absl::StatusOr<v1::MatchProvidersResponse> Answer(MatchInput input,
                                                  const v1::MatchProvidersRequest& request,
                                                  absl::CivilDay today) {
  std::vector<const sdk::Provider*> eligible;
  std::vector<NamedDetail> named;
  Totals totals;
  input.eligible_out = &eligible;
  input.named_out = &named;
  if (!input.explain.empty()) input.totals_out = &totals;
  VM_ASSIGN_OR_RETURN(v1::MatchProvidersResponse response, RunPipeline(input));
  const Rerun rerun = MakeRerun(input, today);
  VM_RETURN_IF_ERROR(AddVerifiedHints(rerun, request.requirement(), request.hints(), input.top_k,
                                      eligible, response));
  VM_RETURN_IF_ERROR(AddSuggestions(rerun, request.requirement(), input.top_k, named,
                                    input.profile->Absolute() ? &totals : nullptr, response));
  return response;
}

absl::Status AddVerifiedHints(const Rerun& rerun, const v1::Requirement& requirement,
                              v1::HintPolicy policy, int top_k, const Providers& eligible,
                              v1::MatchProvidersResponse& response) {
  v1::HintReport& report = *response.mutable_hint_report();
  const int count = static_cast<int>(eligible.size());
  if (policy == v1::HINT_POLICY_NEVER) {
    report.set_reason("not asked for (hints=NEVER)");
    return absl::OkStatus();
  }
  if (policy != v1::HINT_POLICY_ALWAYS && count >= top_k) {
    report.set_reason(absl::StrCat(count, " eligible, at least top_k (", top_k,
                                   "): ask with hints=ALWAYS for them"));
    return absl::OkStatus();
  }
  report.set_computed(true);
  Providers sorted = eligible;
  std::sort(sorted.begin(), sorted.end());
  report.set_reason(policy == v1::HINT_POLICY_ALWAYS
                        ? "asked for (hints=ALWAYS)"
                        : absl::StrCat("fewer than top_k (", top_k, ") eligible"));
  HintSearch search(rerun, requirement, top_k, sorted);
  return search.Run(response);
}

}  // namespace vendormatch
