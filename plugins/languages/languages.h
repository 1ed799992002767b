// The `languages` built-in plugin: does the provider speak the requested
// languages.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Tags are BCP 47 Symbols, interned lower case with '-', so the same tag is
// the same Symbol. A requested tag is met by a spoken tag when one is the
// other or a subtag-prefix of it: a requested "es" is met by "es-mx", a
// requested "es-mx" by "es-mx" or plain "es", but not by "es-es". Repeated
// requested tags count once. Filter and Score read the text of a spoken tag
// once per batch (what it meets and its primary subtag), not per candidate.
//
// Prefilter: one clause per distinct requested tag, "missing_language"
// with the tag as detail: the provider lists (kLanguage) the tag, or, when
// the tag has more subtags, a tag with the same primary subtag (any_of
// {tag, primary}). Every tag that meets a request shares its primary
// subtag, so the clause is necessary. A tag with more subtags whose primary
// has no Symbol gets no clause and is left to Filter: the index could find
// an extension of it ("zh-hant-tw" for "zh-hant") only through that
// primary. (The framework interns the primary subtag of every tag it
// indexes, so there this happens only when no provider speaks the language
// at all; the SDK does not promise it, and the test fixture does not.) A
// candidate a clause removes is reported with that clause's tag, which may
// not be the first missing tag in request order that Filter would name.
//
// Filter: checking requested tags in order, a candidate fails with
// "missing_language" (detail: the tag) for the first one it does not speak.
//
// Score: raw = kShareWeight * met / requested (1 when nothing is requested)
// + kBreadthPoints per other language spoken, up to kMaxBreadth of them:
// "other" counts distinct primary subtags not requested ("en-us" and
// "en-gb" are one language). 0..100. Explain words it, e.g. "speaks 2 of 2
// requested languages, plus 3 more", "no language requested; speaks 2
// languages".
//
// Normalize: identity, clamped to 0..100; the raw
// share is an absolute scale.
//
// Verdicts: one "missing_language" per distinct requested tag it does not
// speak, in request order, detail the tag: "speaks no es (nor a variant of
// it)" ("speaks neither es-mx nor plain es" for a tag with subtags).
// Fixes: buyer side kDropLanguage, provider side kSpeakLanguage, per
// missing tag.
//
// Settings: none. Thread-safe: no state.
class LanguagesPlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Prefilter(const sdk::MatchContext& ctx,
                         std::vector<sdk::IndexClause>& clauses) const override;
  absl::Status Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                      std::span<sdk::FilterResult> out) const override;
  absl::Status Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                     std::span<sdk::ScoreResult> out) const override;
  absl::Status Normalize(const sdk::MatchContext& ctx,
                         std::span<sdk::ScoreResult> scores) const override;
  std::string Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                      double raw) const override;
  absl::Status Verdicts(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                        std::vector<sdk::Verdict>& out) const override;
  void Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
             std::vector<sdk::Change>& out) const override;

  static constexpr double kShareWeight = 90;
  static constexpr double kBreadthPoints = 2;
  static constexpr int kMaxBreadth = 5;

  // Whether the spoken tag meets the requested one (texts compared ignoring
  // case, with '_' read as '-').
  static bool Meets(absl::string_view spoken, absl::string_view requested);
};

}  // namespace vendormatch::plugins
