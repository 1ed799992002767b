#include "diversity.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "vendormatch/dated.h"

namespace vendormatch::plugins {
namespace {

using sdk::DatedCode;
using sdk::DayNumber;
using sdk::kNoDay;
using sdk::kNoSymbol;
using sdk::Symbol;

// The engagement: start..end, or the start day alone (end == kNoDay).
struct Window {
  DayNumber start = 0;
  DayNumber end = kNoDay;
  DayNumber last() const { return end == kNoDay ? start : end; }
};

Window WindowOf(const sdk::Requirement& req) { return Window{req.start_day, req.end_day}; }

using sdk::Holding;

// Whether `copy` is valid on every day of the engagement.
bool Covers(const DatedCode& copy, const Window& w) {
  return copy.ValidOn(w.start) && (copy.expires == kNoDay || copy.expires >= w.last());
}

// How `provider` holds listed `code` over the engagement.
Holding Hold(const sdk::Provider& provider, Symbol code, const Window& w) {
  return sdk::HoldingOf(provider.diversity_classifications(), code, w.start, w.last(), w.end);
}

const char* ReasonOf(Holding holding) {
  switch (holding) {
    case Holding::kExpiresInWindow:
      return "classification_expires_in_window";
    case Holding::kValidFrom:
      return "classification_valid_from";
    case Holding::kExpired:
      return "expired_classification";
    case Holding::kMissing:
    case Holding::kValid:
      break;
  }
  return "missing_classification";
}

// The listed codes, each once, in request order.
std::vector<Symbol> Listed(const sdk::Requirement& req) {
  std::vector<Symbol> codes;
  for (Symbol code : req.diversity_classifications) {
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

// The listed code nearest to passing (the first in request order among
// equals), with how it is held; kMissing with kNoSymbol when none is held.
std::pair<Holding, Symbol> Nearest(const sdk::Provider& provider, const std::vector<Symbol>& listed,
                                   const Window& w) {
  std::pair<Holding, Symbol> nearest{Holding::kMissing, kNoSymbol};
  for (Symbol code : listed) {
    const Holding h = Hold(provider, code, w);
    if (h < nearest.first) nearest = {h, code};
  }
  return nearest;
}

// The share of start..last that `copy` is valid on.
double Share(const DatedCode& copy, DayNumber start, DayNumber last) {
  const DayNumber from = copy.issued == kNoDay ? start : std::max(start, copy.issued);
  const DayNumber to = copy.expires == kNoDay ? last : std::min(last, copy.expires);
  if (to < from) return 0;
  return static_cast<double>(to - from + 1) / static_cast<double>(last - start + 1);
}

// The copy covering the largest share of the scored period, among the
// listed codes (any code when `listed` is empty); nullptr for none.
struct Best {
  const DatedCode* copy = nullptr;
  double share = 0;
};
Best BestCopy(const sdk::Provider& provider, const std::vector<Symbol>& listed, DayNumber start,
              DayNumber last) {
  Best best;
  for (const DatedCode& copy : provider.diversity_classifications()) {
    if (!listed.empty() && std::find(listed.begin(), listed.end(), copy.code) == listed.end()) {
      continue;
    }
    const double share = Share(copy, start, last);
    if (best.copy == nullptr || share > best.share) best = {&copy, share};
  }
  return best;
}

// The sentence on listed `code`, held but not covering the engagement.
std::string HeldSentence(const sdk::MatchContext& ctx, const sdk::Provider& provider, Symbol code,
                         Holding holding, const Window& w) {
  const absl::string_view name = ctx.Name(code);
  switch (holding) {
    case Holding::kExpiresInWindow:
      return absl::StrCat(
          name, " expires on ",
          sdk::DateText(sdk::LatestExpiryFrom(provider.diversity_classifications(), code, w.start)),
          ", before the end of the engagement on ", sdk::DateText(w.last()));
    case Holding::kExpired:
      return absl::StrCat(name, " expired on ",
                          sdk::DateText(sdk::LatestExpiryBefore(
                              provider.diversity_classifications(), code, w.start)),
                          ", before the start on ", sdk::DateText(w.start));
    default:
      return absl::StrCat(name, " is valid only from ",
                          sdk::DateText(sdk::EarliestIssueAfter(
                              provider.diversity_classifications(), code, w.start)),
                          ", after the start on ", sdk::DateText(w.start));
  }
}

// The classifications `provider` holds, each once, as text.
std::vector<std::string> HeldNames(const sdk::MatchContext& ctx, const sdk::Provider& provider) {
  std::vector<std::string> names;
  for (const DatedCode& copy : provider.diversity_classifications()) {
    std::string name(ctx.Name(copy.code));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

// The sentence on the listed `missing` codes the provider does not hold.
std::string MissingSentence(const sdk::MatchContext& ctx, const sdk::Provider& provider,
                            const std::vector<Symbol>& missing) {
  std::vector<absl::string_view> names;
  for (Symbol code : missing) names.push_back(ctx.Name(code));
  std::string out = absl::StrCat("no ", absl::StrJoin(names, " or "), " classification is listed");
  const std::vector<std::string> held = HeldNames(ctx, provider);
  if (!held.empty()) absl::StrAppend(&out, " (it holds ", absl::StrJoin(held, ", "), ")");
  return out;
}

}  // namespace

sdk::PluginInfo DiversityPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Supplier diversity: holds one of the requested classifications (women-owned, "
      "minority-owned, veteran-owned, ...) valid through the engagement; scores the share of the "
      "engagement the best one covers";
  info.settings = {sdk::SettingSpec::Integer(
      "horizon_days", 365, 30, 3650,
      "with no stated end, the days from the start a classification's validity is scored over")};
  return info;
}

absl::Status DiversityPlugin::Configure(const sdk::Settings& settings) {
  horizon_days_ = settings.Integer("horizon_days");
  return absl::OkStatus();
}

absl::Status DiversityPlugin::Prefilter(const sdk::MatchContext& ctx,
                                        std::vector<sdk::IndexClause>& clauses) const {
  std::vector<Symbol> listed = Listed(ctx.requirement());
  if (listed.empty()) return absl::OkStatus();
  clauses.push_back(sdk::IndexClause{sdk::IndexField::kDiversityClassification, std::move(listed),
                                     "missing_classification", kNoSymbol});
  return absl::OkStatus();
}

absl::Status DiversityPlugin::Filter(const sdk::MatchContext& ctx,
                                     std::span<const sdk::Candidate> batch,
                                     std::span<sdk::FilterResult> out) const {
  const std::vector<Symbol> listed = Listed(ctx.requirement());
  const Window window = WindowOf(ctx.requirement());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (listed.empty()) {
      out[i] = sdk::FilterResult{};
      continue;
    }
    const auto [holding, code] = Nearest(*batch[i].provider, listed, window);
    out[i] = holding == Holding::kValid ? sdk::FilterResult{}
                                        : sdk::FilterResult::Fail(ReasonOf(holding), code);
  }
  return absl::OkStatus();
}

absl::Status DiversityPlugin::Score(const sdk::MatchContext& ctx,
                                    std::span<const sdk::Candidate> batch,
                                    std::span<sdk::ScoreResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  const std::vector<Symbol> listed = Listed(req);
  const DayNumber last = req.end_day != kNoDay
                             ? req.end_day
                             : req.start_day + static_cast<DayNumber>(horizon_days_) - 1;
  for (size_t i = 0; i < batch.size(); ++i) {
    out[i].raw = 100 * BestCopy(*batch[i].provider, listed, req.start_day, last).share;
  }
  return absl::OkStatus();
}

absl::Status DiversityPlugin::Normalize(const sdk::MatchContext& ctx,
                                        std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string DiversityPlugin::Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                     double raw) const {
  (void)raw;  // recomputed with the copy the words name
  const sdk::Requirement& req = ctx.requirement();
  const std::vector<Symbol> listed = Listed(req);
  const bool has_end = req.end_day != kNoDay;
  const DayNumber last =
      has_end ? req.end_day : req.start_day + static_cast<DayNumber>(horizon_days_) - 1;
  const Best best = BestCopy(*candidate.provider, listed, req.start_day, last);
  const std::string period =
      has_end ? "the engagement" : absl::StrCat("the first ", horizon_days_, " days");
  if (best.copy == nullptr || best.share == 0) {
    if (listed.empty()) return absl::StrCat("no supplier-diversity classification for ", period);
    std::vector<absl::string_view> names;
    for (Symbol code : listed) names.push_back(ctx.Name(code));
    return absl::StrCat("none of ", absl::StrJoin(names, ", "), " held for ", period);
  }
  const absl::string_view name = ctx.Name(best.copy->code);
  if (best.share >= 1) return absl::StrCat(name, " covers ", period);
  const std::string share = absl::StrCat(std::llround(100 * best.share), "% of ", period);
  if (best.copy->expires != kNoDay && best.copy->expires < last) {
    return absl::StrCat(name, " covers ", share, " (expires ", sdk::DateText(best.copy->expires),
                        ")");
  }
  return absl::StrCat(name, " covers ", share, " (valid from ", sdk::DateText(best.copy->issued),
                      ")");
}

absl::Status DiversityPlugin::Verdicts(const sdk::MatchContext& ctx,
                                       const sdk::Candidate& candidate,
                                       std::vector<sdk::Verdict>& out) const {
  const std::vector<Symbol> listed = Listed(ctx.requirement());
  const Window window = WindowOf(ctx.requirement());
  const sdk::Provider& provider = *candidate.provider;
  const auto [nearest, nearest_code] = Nearest(provider, listed, window);
  if (listed.empty() || nearest == Holding::kValid) return absl::OkStatus();
  std::vector<sdk::Verdict> held;
  std::vector<Symbol> missing;
  for (Symbol code : listed) {
    const Holding holding = Hold(provider, code, window);
    if (holding == Holding::kMissing) {
      missing.push_back(code);
      continue;
    }
    sdk::Verdict v{ReasonOf(holding), code, HeldSentence(ctx, provider, code, holding, window)};
    // Filter's reason first, then the others in request order.
    held.insert(code == nearest_code ? held.begin() : held.end(), std::move(v));
  }
  out.insert(out.end(), held.begin(), held.end());
  if (!missing.empty()) {
    out.push_back({"missing_classification", kNoSymbol, MissingSentence(ctx, provider, missing)});
  }
  return absl::OkStatus();
}

void DiversityPlugin::Warnings(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                               std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  const std::vector<Symbol> listed = Listed(req);
  if (listed.empty() || req.end_day != kNoDay) return;
  const Window start_only{req.start_day, kNoDay};
  const sdk::Provider& provider = *candidate.provider;
  DayNumber latest = kNoDay;
  Symbol code = kNoSymbol;
  for (Symbol listed_code : listed) {
    if (Hold(provider, listed_code, start_only) != Holding::kValid) continue;
    const DayNumber expiry =
        sdk::LatestExpiryFrom(provider.diversity_classifications(), listed_code, req.start_day);
    if (expiry == kNoDay) return;  // one never lapses
    if (code == kNoSymbol || expiry > latest) latest = expiry, code = listed_code;
  }
  if (code == kNoSymbol || latest - req.start_day >= horizon_days_) return;
  out.push_back({"classification_expires_soon", code,
                 absl::StrCat(ctx.Name(code), " expires on ", sdk::DateText(latest), ", ",
                              sdk::DaysText(latest - req.start_day),
                              " after the start (the engagement states no end)")});
}

void DiversityPlugin::Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                            std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  const std::vector<Symbol> listed = Listed(req);
  const Window window = WindowOf(req);
  const sdk::Provider& provider = *candidate.provider;
  const auto [nearest, nearest_code] = Nearest(provider, listed, window);
  if (listed.empty() || nearest == Holding::kValid) return;
  sdk::Change buyer{sdk::ChangeKind::kDropDiversity};
  for (const DatedCode& copy : provider.diversity_classifications()) {
    if (Covers(copy, window)) {
      buyer = sdk::Change{sdk::ChangeKind::kAcceptClassification};
      buyer.symbol = copy.code;
      break;
    }
  }
  out.push_back(buyer);
  sdk::Change hold{sdk::ChangeKind::kHoldClassification};
  hold.symbol = nearest_code != kNoSymbol ? nearest_code : listed.front();
  hold.day = window.last();
  out.push_back(hold);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::DiversityPlugin, "diversity", "1.0.0")
