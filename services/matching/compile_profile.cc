#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/field_violations.h"
#include "services/matching/pipeline_internal.h"

namespace vendormatch {

using pipeline_internal::Guarded;

namespace {

// A configured instance of `loaded` with the profile's `settings` checked
// against the plugin's specs (each problem a violation of
// "<field>.settings[<name>]") over their defaults; null on a violation.
std::shared_ptr<sdk::Plugin> Configured(
    const LoadedPlugin& loaded, const google::protobuf::Map<std::string, std::string>& settings,
    const std::string& field, FieldViolations& v) {
  const std::map<std::string, std::string> values(settings.begin(), settings.end());
  std::vector<sdk::Settings::Problem> problems;
  const sdk::Settings resolved = sdk::Settings::Resolve(loaded.info.settings, values, problems);
  for (const sdk::Settings::Problem& p : problems) {
    v.Add(absl::StrCat(field, ".settings[", p.name, "]"),
          absl::StrCat(loaded.name, " setting ", p.name, ": ", p.message));
  }
  if (!problems.empty()) return nullptr;
  std::shared_ptr<sdk::Plugin> instance;
  absl::Status configured = Guarded(loaded.name, "Configure", [&] {
    instance = loaded.Create();
    return instance->Configure(resolved);
  });
  if (!configured.ok()) {
    v.Add(field + ".settings", configured.message());
    return nullptr;
  }
  return instance;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const CompiledProfile>> CompileProfile(
    const v1::Profile& profile, const std::vector<LoadedPlugin>& plugins) {
  auto compiled = std::make_shared<CompiledProfile>();
  compiled->proto = profile;
  FieldViolations v;
  if (profile.plugins().empty()) v.Add("profile.plugins", "name at least one plugin");
  std::set<std::string> seen;
  double score_weight = 0;
  for (int i = 0; i < profile.plugins_size(); ++i) {
    const auto& s = profile.plugins(i);
    const std::string field = absl::StrCat("profile.plugins[", i, "]");
    auto loaded = std::find_if(plugins.begin(), plugins.end(),
                               [&](const LoadedPlugin& p) { return p.name == s.plugin(); });
    if (loaded == plugins.end()) {
      v.Add(field + ".plugin", absl::StrCat("no plugin named \"", s.plugin(), "\" is loaded"));
      continue;
    }
    if (!seen.insert(s.plugin()).second) {
      v.Add(field + ".plugin", absl::StrCat("plugin \"", s.plugin(), "\" is listed twice"));
    }
    if (s.filter_enabled() && !loaded->Has(sdk::kStageFilter)) {
      v.Add(field + ".filter_enabled", absl::StrCat(s.plugin(), " has no filter stage"));
    }
    if (s.score_enabled() && !loaded->Has(sdk::kStageScore)) {
      v.Add(field + ".score_enabled", absl::StrCat(s.plugin(), " has no score stage"));
    }
    const double min_w = s.min_weight(),
                 max_w = s.max_weight() == 0 && s.min_weight() == 0 ? s.weight() : s.max_weight();
    if (!(s.weight() >= 0 && s.weight() <= 100)) v.Add(field + ".weight", "must be within 0..100");
    if (!(min_w >= 0 && min_w <= s.weight() && s.weight() <= max_w && max_w <= 100)) {
      v.Add(field + ".max_weight", "need 0 <= min_weight <= weight <= max_weight <= 100");
    }
    if (!v1::FailurePolicy_IsValid(s.on_error())) v.Add(field + ".on_error", "unknown policy");
    std::shared_ptr<sdk::Plugin> instance = Configured(*loaded, s.settings(), field, v);
    if (instance == nullptr) continue;
    if (s.score_enabled()) score_weight += s.weight();
    if (!v1::Normalization_IsValid(s.normalization())) {
      v.Add(field + ".normalization", "unknown normalization");
    }
    const bool min_max = s.normalization() == v1::NORMALIZATION_MIN_MAX;
    compiled->plugins.push_back({s.plugin(), &*loaded, std::move(instance), s.filter_enabled(),
                                 s.score_enabled(), s.weight(), min_w, max_w, s.on_error(),
                                 min_max});
  }
  if (v.empty() && score_weight <= 0) {
    v.Add("profile.plugins", "at least one scorer needs a weight above 0");
  }
  if (!v.empty()) return v.ToStatus("invalid profile");
  return std::shared_ptr<const CompiledProfile>(std::move(compiled));
}

}  // namespace vendormatch
