// An HTTP path template of a google.api.http rule (AIP-127), parsed and
// matched: "/v1/{name=providers/*}:activate", "/v1/providers", "/v1:match".
// Pure; thread-compatible (const methods may be called concurrently).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch::gateway {

class PathTemplate {
 public:
  // A variable's field path ("provider.name") and the value it matched
  // ("providers/acme").
  using Bindings = std::vector<std::pair<std::string, std::string>>;

  // Parses the grammar of google/api/http.proto: segments of literals, "*",
  // "**" and {field.path=segments} (or {field}, which is {field=*}), with an
  // optional ":verb" at the end. INVALID_ARGUMENT naming the template
  // otherwise.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The bindings when `path` (already percent-decoded, starting with "/")
  // matches; nullopt otherwise. A "*" matches one non-empty segment, "**" the
  // rest of the path.
  std::optional<Bindings> Match(absl::string_view path) const;

  const std::string& text() const { return text_; }
  const std::string& verb() const { return verb_; }
  // The variables' field paths, in order.
  std::vector<std::string> field_paths() const;

 private:
  struct Variable {
    std::string field_path;
    size_t begin = 0;  // first segment it covers
    size_t end = 0;    // one past its last
  };
  std::string text_;
  std::vector<std::string> segments_;  // literal, "*" or "**"
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace vendormatch::gateway
