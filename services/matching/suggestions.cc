// What it would take, for named providers (relaxation.h): each suggestion
// is a set of changes tried in a match before it is shown.
#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/matching/constraints.h"
#include "services/matching/relaxation.h"

namespace vendormatch {
namespace {

using sdk::ChangeKind;

// Search bounds for the top-K levers.
constexpr int64_t kMaxRateMinor = 100'000'000;
constexpr int64_t kMinSeatsBound = 1000;
// Matches one side's suggestion may take: a change can uncover another
// (a service offered now needs a rate for it).
constexpr int kRounds = 3;

// Buyer-side changes merged: one per constraint, the largest of a kind.
std::vector<NamedChange> MergeBuyer(const std::vector<NamedChange>& fixes) {
  std::vector<NamedChange> out;
  for (const NamedChange& c : fixes) {
    if (!c.change.buyer_side()) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const NamedChange& o) {
      return ConstraintOf(o) == ConstraintOf(c) &&
             (c.change.kind != ChangeKind::kAcceptDeliveryModel ||
              o.change.delivery_model == c.change.delivery_model);
    });
    if (same == out.end()) {
      out.push_back(c);
    } else if (c.change.kind == ChangeKind::kRaiseRateCeiling) {
      same->change.amount = std::max(same->change.amount, c.change.amount);
    } else if (c.change.kind == ChangeKind::kLowerMinRating ||
               c.change.kind == ChangeKind::kLowerMinOverlap) {
      same->change.number = std::min(same->change.number, c.change.number);
    }
  }
  return out;
}

class Suggester {
 public:
  Suggester(const Rerun& rerun, const v1::Requirement& r, int top_k, const Totals* totals)
      : rerun_(rerun), r_(r), top_k_(top_k), totals_(totals) {}

  absl::Status ForExcluded(const NamedDetail& d, v1::ProviderExplanation& e);
  absl::Status ForLowRanked(const NamedDetail& d, double target, v1::ProviderExplanation& e);

 private:
  // Runs the match with `requirement` (and `substitute`) and records the
  // named provider's outcome as a suggestion.
  absl::Status Try(const std::string& side, const std::vector<NamedChange>& changes,
                   const v1::Requirement& requirement, const sdk::Provider* substitute,
                   const NamedDetail& d, bool goal_top_k, v1::ProviderExplanation& e);
  // What the provider's verdicts and total are with `requirement` and its
  // record `substitute` (its own when null): a match over it alone.
  absl::StatusOr<RerunOutput> Alone(const v1::Requirement& requirement,
                                    const sdk::Provider* substitute, const NamedDetail& d);
  struct Outcome {
    NamedDetail detail;
    std::vector<std::string> still_failing;
  };
  // Alone, and when eligible its rank: among the answer's totals for a
  // changed record under absolute scores, else from a full match.
  absl::StatusOr<Outcome> Verify(const v1::Requirement& requirement,
                                 const sdk::Provider* substitute, const NamedDetail& d);
  // Adds the suggestion of `changes` with what the match with them said.
  void Record(const std::string& side, const std::vector<NamedChange>& changes, const Outcome& out,
              const v1::Requirement* requirement, bool goal_top_k,
              v1::ProviderExplanation& e) const;
  // One side's changes for an excluded provider, closed over what each
  // match with them still names on that side (at most kRounds matches).
  absl::Status Close(bool buyer, const NamedDetail& d, v1::ProviderExplanation& e);
  // The provider's total with `data` in place of its record (alone), or
  // -1 when it would not be eligible.
  absl::StatusOr<double> TotalAlone(const sdk::ProviderData& data);
  absl::Status RateLever(const NamedDetail& d, double target, v1::ProviderExplanation& e);
  absl::Status SeatsLever(const NamedDetail& d, double target, v1::ProviderExplanation& e);

  const Rerun& rerun_;
  const v1::Requirement& r_;
  const int top_k_;
  const Totals* const totals_;  // null: rank by a full match
};

absl::Status Suggester::Try(const std::string& side, const std::vector<NamedChange>& changes,
                            const v1::Requirement& requirement, const sdk::Provider* substitute,
                            const NamedDetail& d, bool goal_top_k, v1::ProviderExplanation& e) {
  VM_ASSIGN_OR_RETURN(Outcome out, Verify(requirement, substitute, d));
  Record(side, changes, out, substitute == nullptr ? &requirement : nullptr, goal_top_k, e);
  return absl::OkStatus();
}

absl::StatusOr<RerunOutput> Suggester::Alone(const v1::Requirement& requirement,
                                             const sdk::Provider* substitute,
                                             const NamedDetail& d) {
  RerunOptions options;
  options.explain = {d.id};
  options.substitute = substitute != nullptr ? substitute : d.provider;
  options.substitute_only = true;
  return rerun_.run(requirement, options);
}

absl::StatusOr<Suggester::Outcome> Suggester::Verify(const v1::Requirement& requirement,
                                                     const sdk::Provider* substitute,
                                                     const NamedDetail& d) {
  Outcome out;
  VM_ASSIGN_OR_RETURN(RerunOutput alone, Alone(requirement, substitute, d));
  out.detail = alone.named.at(0);
  for (const auto& verdict : alone.response.explanations(0).verdicts()) {
    for (const auto& reason : verdict.reasons()) out.still_failing.push_back(reason.code());
  }
  if (!out.detail.eligible) return out;
  if (substitute != nullptr && totals_ != nullptr) {
    // The others' totals do not move with this provider's record.
    out.detail.rank = 1;
    for (const auto& [total, p] : *totals_) {
      if (p->id() == d.id) continue;
      if (total > out.detail.total || (total == out.detail.total && p->id() < d.id)) {
        ++out.detail.rank;
      }
    }
    return out;
  }
  RerunOptions options;
  options.explain = {d.id};
  options.substitute = substitute;
  options.top_k = top_k_;
  VM_ASSIGN_OR_RETURN(RerunOutput full, rerun_.run(requirement, options));
  out.detail = full.named.at(0);
  return out;
}

void Suggester::Record(const std::string& side, const std::vector<NamedChange>& changes,
                       const Outcome& out, const v1::Requirement* requirement, bool goal_top_k,
                       v1::ProviderExplanation& e) const {
  const NamedDetail& after = out.detail;
  v1::Suggestion& s = *e.add_suggestions();
  s.set_side(side);
  v1::Requirement words = r_;
  for (const NamedChange& c : changes) {
    s.add_changes(DescribeChange(c, words));
    if (c.change.buyer_side()) ApplyToRequirement(c, words);
  }
  s.set_eligible_after(after.eligible);
  s.set_rank_after(after.rank);
  s.set_total_after(after.total);
  s.set_reaches_goal(after.eligible && (!goal_top_k || after.rank <= top_k_));
  if (requirement != nullptr) *s.mutable_requirement() = *requirement;
  for (const std::string& code : out.still_failing) s.add_still_failing(code);
}

absl::Status Suggester::Close(bool buyer, const NamedDetail& d, v1::ProviderExplanation& e) {
  v1::Requirement requirement = r_;
  sdk::ProviderData data = CopyProvider(*d.provider);
  const auto seniority = static_cast<sdk::Seniority>(r_.seniority());
  std::vector<NamedChange> applied;
  std::vector<NamedChange> pending = buyer ? MergeBuyer(d.fixes) : d.fixes;
  bool tried = false;
  for (int round = 0; round < kRounds; ++round) {
    bool any = false;
    for (const NamedChange& c : pending) {
      if (c.change.buyer_side() != buyer) continue;
      const bool done = buyer ? ApplyToRequirement(c, requirement)
                              : ApplyToProvider(c.change, seniority, d.deciding_centre, data);
      if (done) applied.push_back(c);
      any |= done;
    }
    if (!any) break;
    const sdk::Provider view = data.view();
    VM_ASSIGN_OR_RETURN(RerunOutput alone, Alone(requirement, buyer ? nullptr : &view, d));
    tried = true;
    const NamedDetail& after = alone.named.at(0);
    if (after.eligible) break;
    pending = buyer ? MergeBuyer(after.fixes) : after.fixes;
  }
  if (!tried) return absl::OkStatus();
  const sdk::Provider view = data.view();
  return Try(buyer ? "buyer" : "provider", applied, requirement, buyer ? nullptr : &view, d, false,
             e);
}

absl::Status Suggester::ForExcluded(const NamedDetail& d, v1::ProviderExplanation& e) {
  VM_RETURN_IF_ERROR(Close(true, d, e));
  return Close(false, d, e);
}

absl::StatusOr<double> Suggester::TotalAlone(const sdk::ProviderData& data) {
  const sdk::Provider view = data.view();
  RerunOptions options;
  options.explain = {data.id};
  options.substitute = &view;
  options.substitute_only = true;
  VM_ASSIGN_OR_RETURN(RerunOutput out, rerun_.run(r_, options));
  const NamedDetail& d = out.named.at(0);
  return d.eligible ? d.total : -1.0;
}

absl::Status Suggester::RateLever(const NamedDetail& d, double target, v1::ProviderExplanation& e) {
  const std::string currency = r_.has_rate_ceiling()
                                   ? absl::AsciiStrToUpper(r_.rate_ceiling().currency_code())
                                   : std::string("USD");
  std::vector<NamedChange> changes;
  for (const std::string& code : r_.services()) {
    const std::string service = absl::AsciiStrToUpper(code);
    const sdk::Symbol symbol = rerun_.symbol(service);
    if (symbol == sdk::kNoSymbol || !d.provider->Offers(symbol)) continue;
    NamedChange c{{}, service, currency};
    c.change.kind = ChangeKind::kOfferRate;
    c.change.symbol = symbol;
    c.change.currency = rerun_.symbol(currency);
    changes.push_back(c);
  }
  if (changes.empty()) return absl::OkStatus();
  auto with_rate = [&](int64_t amount) {
    sdk::ProviderData data = CopyProvider(*d.provider);
    for (NamedChange& c : changes) {
      c.change.amount = amount;
      ApplyToProvider(c.change, static_cast<sdk::Seniority>(r_.seniority()), -1, data);
    }
    return data;
  };
  VM_ASSIGN_OR_RETURN(const double best, TotalAlone(with_rate(0)));
  if (best < target) return absl::OkStatus();  // even free it would not reach #K
  // The highest rate that still reaches the target: the smallest cut.
  int64_t lo = 0, hi = r_.has_rate_ceiling() ? r_.rate_ceiling().minor_units() : kMaxRateMinor;
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo + 1) / 2;
    VM_ASSIGN_OR_RETURN(const double total, TotalAlone(with_rate(mid)));
    if (total >= target) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  sdk::ProviderData data = with_rate(lo);
  const sdk::Provider view = data.view();
  return Try("provider", changes, r_, &view, d, true, e);
}

absl::Status Suggester::SeatsLever(const NamedDetail& d, double target,
                                   v1::ProviderExplanation& e) {
  if (r_.headcount() <= 0 || d.deciding_centre < 0) return absl::OkStatus();
  NamedChange c;
  c.change.kind = ChangeKind::kAddSeats;
  auto with_seats = [&](int64_t seats) {
    sdk::ProviderData data = CopyProvider(*d.provider);
    c.change.amount = seats;
    ApplyToProvider(c.change, sdk::Seniority::kAny, d.deciding_centre, data);
    return data;
  };
  int64_t lo = 1, hi = std::max<int64_t>(int64_t{r_.headcount()} * 10, kMinSeatsBound);
  VM_ASSIGN_OR_RETURN(const double most, TotalAlone(with_seats(hi)));
  if (most < target) return absl::OkStatus();
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    VM_ASSIGN_OR_RETURN(const double total, TotalAlone(with_seats(mid)));
    if (total >= target) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  sdk::ProviderData data = with_seats(lo);
  const sdk::Provider view = data.view();
  return Try("provider", {c}, r_, &view, d, true, e);
}

absl::Status Suggester::ForLowRanked(const NamedDetail& d, double target,
                                     v1::ProviderExplanation& e) {
  VM_RETURN_IF_ERROR(RateLever(d, target, e));
  return SeatsLever(d, target, e);
}

}  // namespace

sdk::ProviderData CopyProvider(const sdk::Provider& p) {
  sdk::ProviderData d;
  d.id = std::string(p.id());
  d.display_name = std::string(p.display_name());
  d.headquarters_country = p.headquarters_country();
  d.service_models = p.service_models();
#define VM_CODE_LIST(name, filter, index, kind) d.name.assign(p.name().begin(), p.name().end());
#define VM_DATED_LIST(name, filter, index, kind) d.name.assign(p.name().begin(), p.name().end());
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  d.centres.assign(p.centres().begin(), p.centres().end());
  d.rates.assign(p.rates().begin(), p.rates().end());
  d.rating = p.rating();
  d.review_count = p.review_count();
  d.sla_attainment_percent = p.sla_attainment_percent();
  d.qualified_staff_percent = p.qualified_staff_percent();
  d.declared_delivery_models = p.declared_delivery_models();
  d.min_headcount = p.min_headcount();
  return d;
}

bool ApplyToProvider(const sdk::Change& c, sdk::Seniority seniority, int centre,
                     sdk::ProviderData& d) {
  switch (c.kind) {
    case ChangeKind::kOfferRate:
      d.rates.push_back(sdk::Rate{c.symbol, seniority, sdk::Money{c.currency, c.amount}});
      return true;
    case ChangeKind::kAddSeats: {
      const size_t i = centre >= 0 ? static_cast<size_t>(centre) : 0;
      if (i >= d.centres.size()) return false;
      d.centres[i].seats_available =
          static_cast<int32_t>(std::min<int64_t>(d.centres[i].seats_available + c.amount, 1 << 30));
      return true;
    }
    case ChangeKind::kHoldCertification:
      std::erase_if(d.certifications,
                    [&](const sdk::Certification& cert) { return cert.code == c.symbol; });
      d.certifications.push_back(sdk::Certification{c.symbol, sdk::kNoDay, c.day});
      return true;
    case ChangeKind::kHoldClassification:
      std::erase_if(d.diversity_classifications,
                    [&](const sdk::DatedCode& held) { return held.code == c.symbol; });
      d.diversity_classifications.push_back(sdk::DatedCode{c.symbol, sdk::kNoDay, c.day});
      return true;
    case ChangeKind::kSpeakLanguage:
      d.languages.push_back(c.symbol);
      return true;
    case ChangeKind::kOfferService:
      d.services.push_back(c.symbol);
      return true;
    case ChangeKind::kOfferServiceModel:
      d.service_models |= sdk::Bit(c.service_model);
      return true;
    case ChangeKind::kServeIndustry:
      d.industries.push_back(c.symbol);
      return true;
    case ChangeKind::kLowerMinimumHeadcount:
      d.min_headcount = static_cast<int32_t>(c.amount);
      return true;
    default:
      return false;
  }
}

absl::Status AddSuggestions(const Rerun& rerun, const v1::Requirement& requirement, int top_k,
                            const std::vector<NamedDetail>& named, const Totals* totals,
                            v1::MatchProvidersResponse& response) {
  Suggester suggester(rerun, requirement, top_k, totals);
  const int shown = response.matches_size();
  for (size_t i = 0; i < named.size(); ++i) {
    const NamedDetail& d = named[i];
    v1::ProviderExplanation& e = *response.mutable_explanations(static_cast<int>(i));
    if (d.provider == nullptr) continue;
    if (!d.eligible) {
      VM_RETURN_IF_ERROR(suggester.ForExcluded(d, e));
    } else if (shown > 0 && shown == top_k && d.rank > top_k) {
      VM_RETURN_IF_ERROR(suggester.ForLowRanked(d, response.matches(shown - 1).total_score(), e));
    }
  }
  return absl::OkStatus();
}

}  // namespace vendormatch
