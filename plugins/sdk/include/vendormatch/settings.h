// Part of the plugin SDK (vendormatch/plugin_sdk.h includes it): typed
// plugin settings.
//
// A plugin declares each setting it takes in PluginInfo::settings as a
// SettingSpec: name, type (number, integer, bool, string, or one of fixed
// choices), the range of a number or integer, the default, a description
// and the choices. The framework checks a profile's settings against the
// specs when it compiles the profile (an unknown name, a value of the wrong
// type, out of range or not one of the choices is INVALID_ARGUMENT naming
// the field "profile.plugins[i].settings[<name>]"), fills in the defaults of
// the settings the profile leaves out, shows the specs in ListPlugins, and
// only then calls Configure. So Configure sees exactly the declared
// settings, each of its declared type and within its bounds, and the typed
// getters of Settings cannot fail: a plugin neither parses nor rejects
// settings itself.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace vendormatch::sdk {

enum class SettingType : uint8_t {
  kNumber = 0,   // a finite double in [min, max] ([min, max) with max_exclusive)
  kInteger = 1,  // a whole number (int64) in [min, max] ([min, max) with max_exclusive)
  kBool = 2,     // true or false (also yes/no, 1/0, t/f, y/n, in any case)
  kString = 3,   // any text
  kChoice = 4,   // exactly one of `choices`
};

// One setting a plugin takes. Build them with the factories:
//   SettingSpec::Number("sla_weight", 0.3, 0, 1, "share of the SLA part")
struct SettingSpec {
  static constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  std::string name;  // lower_snake_case, unique within the plugin
  SettingType type = SettingType::kString;
  double min = -kUnbounded;          // kNumber, kInteger: the lowest value allowed
  double max = kUnbounded;           // kNumber, kInteger: the highest value allowed...
  bool max_exclusive = false;        // ...or the bound values must stay below
  std::string default_value;         // as text ("3.5", "true", "USD"); must pass the spec itself
  std::string description;           // one line for ListPlugins and the docs
  std::vector<std::string> choices;  // kChoice: the values allowed

  static SettingSpec Number(std::string name, double default_value, double min, double max,
                            std::string description) {
    return {std::move(name),
            SettingType::kNumber,
            min,
            max,
            false,
            absl::StrCat(default_value),
            std::move(description),
            {}};
  }
  static SettingSpec Integer(std::string name, int64_t default_value, int64_t min, int64_t max,
                             std::string description) {
    return {std::move(name),
            SettingType::kInteger,
            static_cast<double>(min),
            static_cast<double>(max),
            false,
            absl::StrCat(default_value),
            std::move(description),
            {}};
  }
  static SettingSpec Bool(std::string name, bool default_value, std::string description) {
    return {std::move(name),
            SettingType::kBool,
            -kUnbounded,
            kUnbounded,
            false,
            default_value ? "true" : "false",
            std::move(description),
            {}};
  }
  static SettingSpec String(std::string name, std::string default_value, std::string description) {
    return {std::move(name),          SettingType::kString,   -kUnbounded, kUnbounded, false,
            std::move(default_value), std::move(description), {}};
  }
  static SettingSpec OneOf(std::string name, std::vector<std::string> choices,
                           std::string default_value, std::string description) {
    return {std::move(name),          SettingType::kChoice,   -kUnbounded,       kUnbounded, false,
            std::move(default_value), std::move(description), std::move(choices)};
  }
  // Makes `max` a bound values must stay below ("at least 0 and below 5"):
  //   SettingSpec::Number("rating_floor", 3, 0, 5, "...").MaxExclusive()
  SettingSpec& MaxExclusive() {
    max_exclusive = true;
    return *this;
  }
};

// "number", "integer", "bool", "string", "choice".
inline const char* SettingTypeName(SettingType type) {
  switch (type) {
    case SettingType::kNumber:
      return "number";
    case SettingType::kInteger:
      return "integer";
    case SettingType::kBool:
      return "bool";
    case SettingType::kString:
      return "string";
    case SettingType::kChoice:
      return "choice";
  }
  return "unknown";
}

// A setting's value, checked against its spec: every form, so a getter
// only reads.
struct SettingValue {
  SettingType type = SettingType::kString;
  double number = 0;     // kNumber, kInteger
  int64_t integer = 0;   // kInteger
  bool boolean = false;  // kBool
  std::string text;      // every type: the value as the profile (or the default) gives it
};

// Why `text` is not a valid value of `spec` ("must be a number", "7 must
// be between 0 and 5", "must be one of ok, throw"), or "" when it is; a
// valid value is parsed into `out` (when not null).
std::string CheckSetting(const SettingSpec& spec, absl::string_view text,
                         SettingValue* out = nullptr);

// A plugin's settings as Configure sees them: every declared setting, with
// the profile's value or the default, already checked against its spec.
class Settings {
 public:
  Settings() = default;

  // The value of the declared setting `name`. The getters cannot fail for a
  // declared setting of that type; asking for a setting the plugin did not
  // declare, or as another type, is a bug in the plugin: they throw
  // std::logic_error naming it, which fails Configure (and so the profile).
  double Number(absl::string_view name) const {  // kNumber or kInteger
    const SettingValue& v = Get(name);
    if (v.type != SettingType::kNumber && v.type != SettingType::kInteger) Mistyped(name, v);
    return v.number;
  }
  int64_t Integer(absl::string_view name) const {  // kInteger
    const SettingValue& v = Get(name);
    if (v.type != SettingType::kInteger) Mistyped(name, v);
    return v.integer;
  }
  bool Bool(absl::string_view name) const {  // kBool
    const SettingValue& v = Get(name);
    if (v.type != SettingType::kBool) Mistyped(name, v);
    return v.boolean;
  }
  const std::string& String(absl::string_view name) const {  // kString or kChoice
    const SettingValue& v = Get(name);
    if (v.type != SettingType::kString && v.type != SettingType::kChoice) Mistyped(name, v);
    return v.text;
  }
  // Every setting by name.
  const std::map<std::string, SettingValue, std::less<>>& values() const { return values_; }

  // One problem with a profile's settings: the setting's name and what is
  // wrong ("unknown (it takes: currency)", "\"high\" is not a number",
  // "7 must be between 0 and 5").
  struct Problem {
    std::string name;
    std::string message;
  };
  // The settings of `values` (name -> text, as a profile gives them) over the
  // defaults of `specs`. Every name not in `specs` and every value the
  // spec refuses adds one problem to `problems` (and is left out).
  static Settings Resolve(std::span<const SettingSpec> specs,
                          const std::map<std::string, std::string>& values,
                          std::vector<Problem>& problems);

 private:
  const SettingValue& Get(absl::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) {
      throw std::logic_error(absl::StrCat("setting ", name, " is not declared in Info()"));
    }
    return it->second;
  }
  [[noreturn]] static void Mistyped(absl::string_view name, const SettingValue& v) {
    throw std::logic_error(
        absl::StrCat("setting ", name, " is declared as a ", SettingTypeName(v.type)));
  }

  std::map<std::string, SettingValue, std::less<>> values_;
};

// ---- Inline definitions ----------------------------------------------------

namespace settings_internal {

// "between 0 and 5", "at least 0", "at least 0 and below 5", "at most 9".
inline std::string RangeText(const SettingSpec& spec) {
  const bool low = std::isfinite(spec.min), high = std::isfinite(spec.max);
  const std::string top = absl::StrCat(spec.max_exclusive ? "below " : "at most ", spec.max);
  if (low && high) {
    return spec.max_exclusive ? absl::StrCat("at least ", spec.min, " and ", top)
                              : absl::StrCat("between ", spec.min, " and ", spec.max);
  }
  if (low) return absl::StrCat("at least ", spec.min);
  return high ? top : "any value";
}

inline bool InRange(const SettingSpec& spec, double value) {
  return value >= spec.min && (spec.max_exclusive ? value < spec.max : value <= spec.max);
}

}  // namespace settings_internal

inline std::string CheckSetting(const SettingSpec& spec, absl::string_view text,
                                SettingValue* out) {
  SettingValue value;
  value.type = spec.type;
  value.text = std::string(text);
  switch (spec.type) {
    case SettingType::kNumber:
      if (!absl::SimpleAtod(text, &value.number) || !std::isfinite(value.number)) {
        return absl::StrCat("\"", text, "\" is not a number");
      }
      break;
    case SettingType::kInteger:
      if (!absl::SimpleAtoi(text, &value.integer)) {
        return absl::StrCat("\"", text, "\" is not a whole number");
      }
      value.number = static_cast<double>(value.integer);
      break;
    case SettingType::kBool:
      if (!absl::SimpleAtob(text, &value.boolean)) {
        return absl::StrCat("\"", text, "\" is not true or false");
      }
      break;
    case SettingType::kString:
      break;
    case SettingType::kChoice: {
      bool listed = false;
      for (const std::string& choice : spec.choices) listed = listed || choice == text;
      if (!listed) {
        return absl::StrCat("\"", text, "\" is not one of ", absl::StrJoin(spec.choices, ", "));
      }
      break;
    }
  }
  const bool numeric = spec.type == SettingType::kNumber || spec.type == SettingType::kInteger;
  if (numeric && !settings_internal::InRange(spec, value.number)) {
    return absl::StrCat(value.text, " must be ", settings_internal::RangeText(spec));
  }
  if (out != nullptr) *out = std::move(value);
  return "";
}

inline Settings Settings::Resolve(std::span<const SettingSpec> specs,
                                  const std::map<std::string, std::string>& values,
                                  std::vector<Problem>& problems) {
  Settings settings;
  for (const SettingSpec& spec : specs) {
    SettingValue value;
    if (CheckSetting(spec, spec.default_value, &value).empty()) {
      settings.values_[spec.name] = std::move(value);
    }
  }
  for (const auto& [name, text] : values) {
    const SettingSpec* spec = nullptr;
    for (const SettingSpec& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr) {
      std::vector<std::string> names;
      for (const SettingSpec& s : specs) names.push_back(s.name);
      problems.push_back(
          {name, names.empty()
                     ? std::string("unknown (the plugin takes no settings)")
                     : absl::StrCat("unknown (it takes: ", absl::StrJoin(names, ", "), ")")});
      continue;
    }
    SettingValue value;
    if (std::string why = CheckSetting(*spec, text, &value); !why.empty()) {
      problems.push_back({name, std::move(why)});
      continue;
    }
    settings.values_[name] = std::move(value);
  }
  return settings;
}

}  // namespace vendormatch::sdk
