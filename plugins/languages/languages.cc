#include "languages.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace vendormatch::plugins {
namespace {

using sdk::kNoSymbol;
using sdk::Symbol;

char Fold(char c) { return c == '_' ? '-' : absl::ascii_tolower(static_cast<unsigned char>(c)); }

// The primary language subtag: "es" of "es-mx".
absl::string_view Primary(absl::string_view tag) {
  const size_t end = std::min(tag.find('-'), tag.find('_'));
  return tag.substr(0, end);
}

// A primary subtag as a number, equal for subtags equal ignoring case; 0
// for none. Up to 8 letters (all BCP 47 allows) are packed exactly; a
// longer subtag is hashed, with the top bit set so it never equals a packed
// one.
uint64_t PrimaryKey(absl::string_view primary) {
  uint64_t key = 0;
  if (primary.size() <= 8) {
    for (char c : primary) key = (key << 8) | static_cast<uint8_t>(Fold(c));
    return key;
  }
  key = 14695981039346656037ull;  // FNV-1a
  for (char c : primary) key = (key ^ static_cast<uint8_t>(Fold(c))) * 1099511628211ull;
  return key | (uint64_t{1} << 63);
}

// This match's requested tags, each once, in request order, with their
// texts: derived once per stage call.
class Requested {
 public:
  explicit Requested(const sdk::MatchContext& ctx) {
    const std::vector<Symbol>& tags = ctx.requirement().languages;
    for (Symbol tag : tags) {
      if (std::find(tags_.begin(), tags_.end(), tag) != tags_.end()) continue;
      tags_.push_back(tag);
      texts_.push_back(ctx.Name(tag));
      primaries_.push_back(PrimaryKey(Primary(texts_.back())));
    }
  }

  size_t size() const { return tags_.size(); }
  // 64-bit words in a set of requested tags (bit r for tag r).
  size_t words() const { return (tags_.size() + 63) / 64; }
  Symbol tag(size_t r) const { return tags_[r]; }
  absl::string_view text(size_t r) const { return texts_[r]; }
  bool HasPrimary(uint64_t key) const {
    return std::find(primaries_.begin(), primaries_.end(), key) != primaries_.end();
  }

 private:
  std::vector<Symbol> tags_;
  std::vector<absl::string_view> texts_;
  std::vector<uint64_t> primaries_;
};

// What each spoken tag seen in a batch means for the request, worked out
// from its text the first time it is seen (open addressing on its Symbol),
// so the per-candidate work is integer work. Allocates only in the
// constructor; past its capacity a tag is worked out at each sight.
class SpokenTags {
 public:
  struct Facts {
    const uint64_t* meets;   // Requested::words() words: bit r when it meets requested tag r
    uint64_t primary;        // PrimaryKey of its primary subtag
    bool requested_primary;  // a requested tag has that primary subtag
  };

  SpokenTags(const sdk::MatchContext& ctx, const Requested& requested, size_t batch_size)
      : ctx_(ctx),
        requested_(requested),
        words_(requested.words()),
        slots_(std::bit_ceil(std::clamp<size_t>(8 * batch_size, 16, 4096))),
        capacity_(slots_.size() / 2),
        primary_(capacity_ + 1),
        requested_primary_(capacity_ + 1),
        meets_((capacity_ + 1) * words_) {}

  // The facts of `tag`; `meets` is valid until the next call.
  Facts Of(Symbol tag) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = ((tag * 0x9E3779B97F4A7C15ull) >> 40) & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.entry != 0 && slot.tag == tag) return FactsAt(slot.entry - 1);
      if (slot.entry != 0) continue;
      if (used_ == capacity_) break;  // full: work it out in the spare entry
      slot = Slot{tag, static_cast<uint32_t>(++used_)};
      WorkOut(tag, used_ - 1);
      return FactsAt(used_ - 1);
    }
    WorkOut(tag, capacity_);
    return FactsAt(capacity_);
  }

 private:
  struct Slot {
    Symbol tag = kNoSymbol;
    uint32_t entry = 0;  // 1 + index of its facts; 0: empty
  };

  void WorkOut(Symbol tag, size_t entry) {
    const absl::string_view text = ctx_.Name(tag);
    uint64_t* meets = meets_.data() + entry * words_;
    std::fill(meets, meets + words_, 0);
    for (size_t r = 0; r < requested_.size(); ++r) {
      if (LanguagesPlugin::Meets(text, requested_.text(r))) {
        meets[r / 64] |= uint64_t{1} << (r % 64);
      }
    }
    primary_[entry] = PrimaryKey(Primary(text));
    requested_primary_[entry] = primary_[entry] != 0 && requested_.HasPrimary(primary_[entry]);
  }

  Facts FactsAt(size_t entry) const {
    return Facts{meets_.data() + entry * words_, primary_[entry], requested_primary_[entry] != 0};
  }

  const sdk::MatchContext& ctx_;
  const Requested& requested_;
  const size_t words_;
  std::vector<Slot> slots_;
  const size_t capacity_;  // entries; one more is the spare
  std::vector<uint64_t> primary_;
  std::vector<uint8_t> requested_primary_;
  std::vector<uint64_t> meets_;
  size_t used_ = 0;
};

// The requested tags `provider` speaks, into `met` (Requested::words()).
void Met(SpokenTags& spoken, const sdk::Provider& provider, std::span<uint64_t> met) {
  std::fill(met.begin(), met.end(), 0);
  for (Symbol tag : provider.languages()) {
    const uint64_t* meets = spoken.Of(tag).meets;
    for (size_t w = 0; w < met.size(); ++w) met[w] |= meets[w];
  }
}

bool Has(std::span<const uint64_t> set, size_t r) { return (set[r / 64] >> (r % 64) & 1) != 0; }

size_t Count(std::span<const uint64_t> set) {
  size_t n = 0;
  for (uint64_t word : set) n += static_cast<size_t>(std::popcount(word));
  return n;
}

// Distinct primary languages spoken that no requested tag names.
int OtherLanguages(SpokenTags& spoken, std::span<const Symbol> tags) {
  int other = 0;
  for (size_t i = 0; i < tags.size(); ++i) {
    const SpokenTags::Facts facts = spoken.Of(tags[i]);
    if (facts.primary == 0 || facts.requested_primary) continue;
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = spoken.Of(tags[j]).primary == facts.primary;
    if (!seen) ++other;
  }
  return other;
}

double RawScore(size_t met, size_t requested, int other) {
  const double share =
      requested == 0 ? 1.0 : static_cast<double>(met) / static_cast<double>(requested);
  return std::clamp(
      LanguagesPlugin::kShareWeight * share +
          LanguagesPlugin::kBreadthPoints * std::min(other, LanguagesPlugin::kMaxBreadth),
      0.0, 100.0);
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
  return info;
}

absl::Status LanguagesPlugin::Prefilter(const sdk::MatchContext& ctx,
                                        std::vector<sdk::IndexClause>& clauses) const {
  const Requested requested(ctx);
  for (size_t r = 0; r < requested.size(); ++r) {
    sdk::IndexClause clause{
        sdk::IndexField::kLanguage, {requested.tag(r)}, "missing_language", requested.tag(r)};
    const absl::string_view text = requested.text(r);
    const absl::string_view primary = Primary(text);
    if (primary.size() < text.size()) {
      const Symbol symbol = ctx.Find(primary);
      if (symbol == kNoSymbol) continue;  // see languages.h
      clause.any_of.push_back(symbol);
    }
    clauses.push_back(std::move(clause));
  }
  return absl::OkStatus();
}

absl::Status LanguagesPlugin::Filter(const sdk::MatchContext& ctx,
                                     std::span<const sdk::Candidate> batch,
                                     std::span<sdk::FilterResult> out) const {
  const Requested requested(ctx);
  if (requested.size() == 0) {
    std::fill(out.begin(), out.end(), sdk::FilterResult{});
    return absl::OkStatus();
  }
  SpokenTags spoken(ctx, requested, batch.size());
  std::vector<uint64_t> met(requested.words());
  for (size_t i = 0; i < batch.size(); ++i) {
    Met(spoken, *batch[i].provider, met);
    sdk::FilterResult result;
    for (size_t r = 0; r < requested.size(); ++r) {
      if (Has(met, r)) continue;
      result = sdk::FilterResult::Fail("missing_language", requested.tag(r));
      break;
    }
    out[i] = result;
  }
  return absl::OkStatus();
}

absl::Status LanguagesPlugin::Score(const sdk::MatchContext& ctx,
                                    std::span<const sdk::Candidate> batch,
                                    std::span<sdk::ScoreResult> out) const {
  const Requested requested(ctx);
  SpokenTags spoken(ctx, requested, batch.size());
  std::vector<uint64_t> met(requested.words());
  for (size_t i = 0; i < batch.size(); ++i) {
    const sdk::Provider& provider = *batch[i].provider;
    Met(spoken, provider, met);
    out[i].raw =
        RawScore(Count(met), requested.size(), OtherLanguages(spoken, provider.languages()));
  }
  return absl::OkStatus();
}

std::string LanguagesPlugin::Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                     double raw) const {
  (void)raw;  // recomputed with the counts the words name
  const Requested requested(ctx);
  SpokenTags spoken(ctx, requested, 1);
  std::vector<uint64_t> met(requested.words());
  const sdk::Provider& provider = *candidate.provider;
  Met(spoken, provider, met);
  const int other = OtherLanguages(spoken, provider.languages());
  const size_t distinct = requested.size();
  if (distinct == 0) {
    return absl::StrCat("no language requested; speaks ", other,
                        other == 1 ? " language" : " languages");
  }
  std::string reason = absl::StrCat("speaks ", Count(met), " of ", distinct, " requested ",
                                    distinct == 1 ? "language" : "languages");
  if (other > 0) absl::StrAppend(&reason, ", plus ", other, " more");
  return reason;
}

absl::Status LanguagesPlugin::Normalize(const sdk::MatchContext& ctx,
                                        std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

namespace {

// The distinct requested tags `provider` does not speak, in request order.
std::vector<Symbol> MissingTags(const sdk::MatchContext& ctx, const sdk::Provider& provider) {
  const Requested requested(ctx);
  SpokenTags spoken(ctx, requested, 1);
  std::vector<uint64_t> met(requested.words());
  Met(spoken, provider, met);
  std::vector<Symbol> missing;
  for (size_t r = 0; r < requested.size(); ++r) {
    if (!Has(met, r)) missing.push_back(requested.tag(r));
  }
  return missing;
}

}  // namespace

absl::Status LanguagesPlugin::Verdicts(const sdk::MatchContext& ctx,
                                       const sdk::Candidate& candidate,
                                       std::vector<sdk::Verdict>& out) const {
  for (Symbol tag : MissingTags(ctx, *candidate.provider)) {
    const absl::string_view text = ctx.Name(tag);
    const absl::string_view primary = Primary(text);
    out.push_back({"missing_language", tag,
                   primary.size() < text.size()
                       ? absl::StrCat("speaks neither ", text, " nor plain ", primary)
                       : absl::StrCat("speaks no ", text, " (nor a variant of it)")});
  }
  return absl::OkStatus();
}

void LanguagesPlugin::Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                            std::vector<sdk::Change>& out) const {
  const std::vector<Symbol> missing = MissingTags(ctx, *candidate.provider);
  for (Symbol tag : missing) {
    sdk::Change drop{sdk::ChangeKind::kDropLanguage};
    drop.symbol = tag;
    out.push_back(drop);
  }
  for (Symbol tag : missing) {
    sdk::Change speak{sdk::ChangeKind::kSpeakLanguage};
    speak.symbol = tag;
    out.push_back(speak);
  }
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::LanguagesPlugin, "languages", "1.0.0")
