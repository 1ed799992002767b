// Helpers the ctl's view files share (format.cc, match_format.cc). Pure.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "services/ctl/format.h"

namespace vendormatch::ctl {

// What an empty value shows as.
inline constexpr absl::string_view kNone = "-";

// The items joined, or kNone when there are none.
template <typename Container>
std::string JoinStrings(const Container& items, absl::string_view separator = ", ") {
  return items.empty() ? std::string(kNone) : absl::StrJoin(items, separator);
}

// The short names ("BPO") of enum `values` of the type `descriptor()` gives.
template <typename EnumDescriptorFn, typename Container>
std::vector<std::string> ShortNames(EnumDescriptorFn descriptor, const Container& values) {
  std::vector<std::string> names;
  for (int value : values) names.push_back(ShortEnumName(*descriptor(), value));
  return names;
}

// One "Label:   value" line with the value column aligned.
void Line(std::ostream& out, absl::string_view label, absl::string_view value);

// A labelled table indented under its label, or "Label: -" when empty.
void Section(std::ostream& out, absl::string_view label, const Table& table);

}  // namespace vendormatch::ctl
