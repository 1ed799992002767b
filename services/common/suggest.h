// "Did you mean …?": the known word closest to a mistyped one. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace vendormatch {

// The candidate `word` most likely meant, compared without regard to case,
// or nullopt when none is close: the same letters in another case, then one
// that starts with the other (at least 3 letters: "country" for
// "country_code"), then the nearest by edit distance (insertions, deletions,
// substitutions and swaps of neighbours) within a third of the word's length.
// Ties go to the earlier candidate.
std::optional<std::string> Closest(absl::string_view word,
                                   const std::vector<std::string>& candidates);

// " (did you mean \"X\"?)" for Closest(word, candidates), or "".
std::string DidYouMean(absl::string_view word, const std::vector<std::string>& candidates);

}  // namespace vendormatch
