#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/field_violations.h"
#include "services/matching/pipeline_internal.h"

namespace vendormatch {

using pipeline_internal::Guarded;

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
    if (s.filter_enabled() && !loaded->info.filter) {
      v.Add(field + ".filter_enabled", absl::StrCat(s.plugin(), " has no filter stage"));
    }
    if (s.score_enabled() && !loaded->info.score) {
      v.Add(field + ".score_enabled", absl::StrCat(s.plugin(), " has no score stage"));
    }
    const double min_w = s.min_weight(),
                 max_w = s.max_weight() == 0 && s.min_weight() == 0 ? s.weight() : s.max_weight();
    if (!(s.weight() >= 0 && s.weight() <= 100)) v.Add(field + ".weight", "must be within 0..100");
    if (!(min_w >= 0 && min_w <= s.weight() && s.weight() <= max_w && max_w <= 100)) {
      v.Add(field + ".max_weight", "need 0 <= min_weight <= weight <= max_weight <= 100");
    }
    if (!v1::FailurePolicy_IsValid(s.on_error())) v.Add(field + ".on_error", "unknown policy");
    std::map<std::string, std::string> settings = loaded->info.default_settings;
    for (const auto& [key, value] : s.settings()) {
      if (!settings.contains(key)) {
        v.Add(absl::StrCat(field, ".settings[", key, "]"),
              absl::StrCat(s.plugin(), " has no setting \"", key, "\""));
      }
      settings[key] = value;
    }
    std::shared_ptr<sdk::Plugin> instance;
    absl::Status configured = Guarded(s.plugin(), "Configure", [&] {
      instance = loaded->Create();
      return instance->Configure(sdk::Settings(settings));
    });
    if (!configured.ok()) {
      v.Add(field + ".settings", configured.message());
      continue;
    }
    if (s.score_enabled()) score_weight += s.weight();
    if (!v1::Normalization_IsValid(s.normalization())) {
      v.Add(field + ".normalization", "unknown normalization");
    }
    const bool sdk_2_1 = loaded->sdk_minor >= 1;
    const bool min_max =
        s.normalization() == v1::NORMALIZATION_MIN_MAX || (!sdk_2_1 && !loaded->info.normalize);
    compiled->plugins.push_back({s.plugin(), &*loaded, std::move(instance), s.filter_enabled(),
                                 s.score_enabled(), s.weight(), min_w, max_w, s.on_error(), min_max,
                                 sdk_2_1});
  }
  if (v.empty() && score_weight <= 0) {
    v.Add("profile.plugins", "at least one scorer needs a weight above 0");
  }
  if (!v.empty()) return v.ToStatus("invalid profile");
  return std::shared_ptr<const CompiledProfile>(std::move(compiled));
}

}  // namespace vendormatch
