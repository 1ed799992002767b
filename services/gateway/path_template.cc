#include "services/gateway/path_template.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"

namespace vendormatch::gateway {
namespace {

absl::Status Bad(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("http path template \"", text, "\": ", why));
}

bool ValidLiteral(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c == '{' || c == '}' || c == '=' || c == ':' || c == '/' || c == '*') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate t;
  t.text_ = std::string(text);
  if (!absl::ConsumePrefix(&text, "/")) return Bad(t.text_, "must start with /");
  // The verb follows the last ':' outside braces.
  const size_t close = text.rfind('}');
  const size_t colon = text.find(':', close == absl::string_view::npos ? 0 : close);
  if (colon != absl::string_view::npos) {
    t.verb_ = std::string(text.substr(colon + 1));
    text = text.substr(0, colon);
    if (!ValidLiteral(t.verb_)) return Bad(t.text_, "bad verb");
  }
  std::optional<Variable> open;
  for (absl::string_view part : absl::StrSplit(text, '/')) {
    if (absl::ConsumePrefix(&part, "{")) {
      if (open) return Bad(t.text_, "nested variable");
      open = Variable{.field_path = "", .begin = t.segments_.size()};
      const auto [field, pattern] = std::pair<absl::string_view, absl::string_view>(
          absl::StrSplit(part, absl::MaxSplits('=', 1)));
      open->field_path = std::string(absl::StripSuffix(field, "}"));
      part = pattern.empty() ? (absl::EndsWith(part, "}") ? "*}" : "*") : pattern;
      if (open->field_path.empty()) return Bad(t.text_, "variable without a field");
    }
    const bool closes = absl::ConsumeSuffix(&part, "}");
    if (closes && !open) return Bad(t.text_, "} without {");
    if (part != "*" && part != "**" && !ValidLiteral(part)) {
      return Bad(t.text_, absl::StrCat("bad segment \"", part, "\""));
    }
    t.segments_.emplace_back(part);
    if (closes) {
      open->end = t.segments_.size();
      t.variables_.push_back(std::move(*open));
      open.reset();
    }
  }
  if (open) return Bad(t.text_, "unclosed {");
  for (size_t i = 0; i + 1 < t.segments_.size(); ++i) {
    if (t.segments_[i] == "**") return Bad(t.text_, "** must be the last segment");
  }
  return t;
}

std::optional<PathTemplate::Bindings> PathTemplate::Match(absl::string_view path) const {
  if (!absl::ConsumePrefix(&path, "/")) return std::nullopt;
  if (!verb_.empty() && !absl::ConsumeSuffix(&path, absl::StrCat(":", verb_))) return std::nullopt;
  std::vector<absl::string_view> parts = absl::StrSplit(path, '/');
  const bool rest = !segments_.empty() && segments_.back() == "**";
  if (rest ? parts.size() < segments_.size() : parts.size() != segments_.size()) {
    return std::nullopt;
  }
  for (size_t i = 0; i < segments_.size(); ++i) {
    if (segments_[i] == "**") break;
    if (parts[i].empty()) return std::nullopt;
    if (segments_[i] != "*" && segments_[i] != parts[i]) return std::nullopt;
  }
  Bindings bindings;
  for (const Variable& v : variables_) {
    const size_t end = v.end == segments_.size() && rest ? parts.size() : v.end;
    bindings.emplace_back(
        v.field_path,
        absl::StrJoin(absl::MakeConstSpan(parts).subspan(v.begin, end - v.begin), "/"));
  }
  return bindings;
}

std::vector<std::string> PathTemplate::field_paths() const {
  std::vector<std::string> paths;
  for (const Variable& v : variables_) paths.push_back(v.field_path);
  return paths;
}

}  // namespace vendormatch::gateway
