#include "languages.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

char Fold(char c) { return c == '_' ? '-' : absl::ascii_tolower(static_cast<unsigned char>(c)); }

bool SameTag(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Fold(a[i]) != Fold(b[i])) return false;
  }
  return true;
}

// The primary language subtag: "es" of "es-mx".
absl::string_view Primary(absl::string_view tag) {
  const size_t end = std::min(tag.find('-'), tag.find('_'));
  return tag.substr(0, end);
}

bool Speaks(const sdk::Provider& provider, absl::string_view requested) {
  return std::any_of(
      provider.languages.begin(), provider.languages.end(),
      [requested](const std::string& spoken) { return LanguagesPlugin::Meets(spoken, requested); });
}

// Whether requested[i] repeats an earlier requested tag.
bool Repeated(const std::vector<std::string>& requested, size_t i) {
  for (size_t j = 0; j < i; ++j) {
    if (SameTag(requested[j], requested[i])) return true;
  }
  return false;
}

// Distinct primary languages spoken that no requested tag names.
int OtherLanguages(const sdk::Provider& provider, const std::vector<std::string>& requested) {
  const std::vector<std::string>& spoken = provider.languages;
  int other = 0;
  for (size_t i = 0; i < spoken.size(); ++i) {
    const absl::string_view primary = Primary(spoken[i]);
    if (primary.empty()) continue;
    auto same = [primary](absl::string_view tag) { return SameTag(Primary(tag), primary); };
    if (std::any_of(requested.begin(), requested.end(), same)) continue;
    if (std::any_of(spoken.begin(), spoken.begin() + static_cast<std::ptrdiff_t>(i), same)) {
      continue;
    }
    ++other;
  }
  return other;
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("languages: ", out, " results for a batch of ", batch, " candidates"));
}

}  // namespace

bool LanguagesPlugin::Meets(absl::string_view spoken, absl::string_view requested) {
  const size_t common = std::min(spoken.size(), requested.size());
  if (common == 0) return false;
  for (size_t i = 0; i < common; ++i) {
    if (Fold(spoken[i]) != Fold(requested[i])) return false;
  }
  // Equal, or the shorter tag ends where the longer one starts a subtag.
  const absl::string_view longer = spoken.size() > requested.size() ? spoken : requested;
  return longer.size() == common || Fold(longer[common]) == '-';
}

sdk::PluginInfo LanguagesPlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Languages: speaks every requested language; more languages rank a little higher";
  info.filter = true;
  info.score = true;
  info.normalize = true;
  return info;
}

absl::Status LanguagesPlugin::Configure(const sdk::Settings& settings) {
  if (!settings.values().empty()) {
    return absl::InvalidArgumentError(absl::StrCat("setting ", settings.values().begin()->first,
                                                   ": unknown (languages takes no settings)"));
  }
  return absl::OkStatus();
}

absl::Status LanguagesPlugin::Filter(const sdk::MatchContext& ctx,
                                     std::span<const sdk::Candidate> batch,
                                     std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const std::vector<std::string>& requested = ctx.requirement().languages;
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::FilterResult& result = out[i];
    result.pass = true;
    result.reason.clear();
    for (const std::string& tag : requested) {
      if (Speaks(*batch[i].provider, tag)) continue;
      result.pass = false;
      absl::StrAppend(&result.reason, "missing_language:", tag);
      break;
    }
  }
  return absl::OkStatus();
}

absl::Status LanguagesPlugin::Score(const sdk::MatchContext& ctx,
                                    std::span<const sdk::Candidate> batch,
                                    std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const std::vector<std::string>& requested = ctx.requirement().languages;
  size_t distinct = 0;
  for (size_t r = 0; r < requested.size(); ++r) {
    if (!Repeated(requested, r)) ++distinct;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Provider& provider = *batch[i].provider;
    sdk::ScoreResult& result = out[i];
    result.reason.clear();
    size_t met = 0;
    for (size_t r = 0; r < requested.size(); ++r) {
      if (!Repeated(requested, r) && Speaks(provider, requested[r])) ++met;
    }
    const int other = OtherLanguages(provider, requested);
    const double share =
        distinct == 0 ? 1.0 : static_cast<double>(met) / static_cast<double>(distinct);
    result.raw = std::clamp(kShareWeight * share + kBreadthPoints * std::min(other, kMaxBreadth),
                            0.0, 100.0);
    if (distinct == 0) {
      absl::StrAppend(&result.reason, "no language requested; speaks ", other,
                      other == 1 ? " language" : " languages");
      continue;
    }
    absl::StrAppend(&result.reason, "speaks ", met, " of ", distinct, " requested ",
                    distinct == 1 ? "language" : "languages");
    if (other > 0) absl::StrAppend(&result.reason, ", plus ", other, " more");
  }
  return absl::OkStatus();
}

absl::Status LanguagesPlugin::Normalize(const sdk::MatchContext& ctx,
                                        std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

std::string LanguagesPlugin::Relax(const sdk::MatchContext& ctx,
                                   std::span<const sdk::Candidate> removed) const {
  const std::vector<std::string>& requested = ctx.requirement().languages;
  const size_t n = requested.size();
  std::vector<int> admits(n, 0), lacks(n, 0);
  for (const sdk::Candidate& candidate : removed) {
    int missing = 0;
    size_t only = 0;
    for (size_t r = 0; r < n; ++r) {
      if (Repeated(requested, r) || Speaks(*candidate.provider, requested[r])) continue;
      ++lacks[r];
      ++missing;
      only = r;
    }
    if (missing == 1) ++admits[only];
  }
  size_t best = n;
  for (size_t r = 0; r < n; ++r) {
    if (lacks[r] == 0) continue;
    if (best == n || admits[r] > admits[best] ||
        (admits[r] == admits[best] && lacks[r] > lacks[best])) {
      best = r;
    }
  }
  if (best == n) return "";
  return absl::StrCat("drop language ", requested[best]);
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::LanguagesPlugin, "languages", "1.0.0")
