// Part of the plugin SDK (include vendormatch/plugin_sdk.h, which includes
// this): ClauseHolds, the version record and entry point a plugin exports,
// the inline definitions of Settings, and the VENDORMATCH_PLUGIN macro.
#pragma once

#include "vendormatch/plugin_sdk.h"

namespace vendormatch::sdk {

// Whether `provider` satisfies `clause`, by a plain scan: what the
// framework's indexes answer (its reference path and plugin tests use it).
inline bool ClauseHolds(const MatchContext& ctx, const Provider& p, const IndexClause& clause) {
  auto listed = [](std::span<const Symbol> list, Symbol v) {
    for (Symbol s : list) {
      if (s == v) return true;
    }
    return false;
  };
  for (const Symbol v : clause.any_of) {
    switch (clause.field) {
      case IndexField::kService:
        if (listed(p.services(), v)) return true;
        break;
      case IndexField::kServiceModel:
        if (v < 8 && (p.service_models() & (1u << v))) return true;
        break;
      case IndexField::kLanguage:
        for (const Symbol tag : p.languages()) {
          const absl::string_view text = ctx.Name(tag);
          const size_t dash = text.find('-');
          if (tag == v || (dash != absl::string_view::npos && dash > 0 &&
                           text.substr(0, dash) == ctx.Name(v))) {
            return true;
          }
        }
        break;
      case IndexField::kCertification:
        for (const Certification& c : p.certifications()) {
          if (c.code == v) return true;
        }
        break;
      case IndexField::kIndustry:
        if (listed(p.industries(), v)) return true;
        break;
      case IndexField::kCentreCountry:
        for (const Centre& c : p.centres()) {
          if (c.country == v) return true;
        }
        break;
      case IndexField::kHeadquartersCountry:
        if (p.headquarters_country() == v) return true;
        break;
      case IndexField::kDeclaredDeliveryModel:
        if (v < 8 && (p.declared_delivery_models() & (1u << v))) return true;
        break;
    }
  }
  return false;
}

// The version record: fixed layout, no padding, compared field by field.
struct PluginVersionRecord {
  uint32_t record_size;
  uint32_t sdk_major;
  uint32_t sdk_minor;
  uint32_t protobuf_version;  // GOOGLE_PROTOBUF_VERSION, e.g. 3021012
  uint32_t abseil_lts;        // ABSL_LTS_RELEASE_VERSION, e.g. 20220623
  uint32_t cxx_abi;           // __GXX_ABI_VERSION
  char name[64];              // the plugin's unique name, NUL-terminated
  char version[32];           // the plugin's own version
};
static_assert(sizeof(PluginVersionRecord) == 6 * 4 + 64 + 32, "no padding");

struct PluginEntry {
  PluginVersionRecord record;  // first, so it is read before anything else
  Plugin* (*create)();         // a new instance; the caller owns it
};

// The record this SDK header describes, for a plugin named `name`.
constexpr PluginVersionRecord MakeVersionRecord(const char* name, const char* version) {
  PluginVersionRecord r{
      sizeof(PluginVersionRecord), kSdkMajor,         kSdkMinor, GOOGLE_PROTOBUF_VERSION,
      ABSL_LTS_RELEASE_VERSION,    __GXX_ABI_VERSION, {},        {}};
  for (int i = 0; i < 63 && name[i] != '\0'; ++i) r.name[i] = name[i];
  for (int i = 0; i < 31 && version[i] != '\0'; ++i) r.version[i] = version[i];
  return r;
}

inline absl::StatusOr<double> Settings::Double(absl::string_view key, double fallback) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end() || it->second.empty()) return fallback;
  double value = 0;
  if (!absl::SimpleAtod(it->second, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("setting ", key, ": \"", it->second, "\" is not a number"));
  }
  return value;
}

inline absl::StatusOr<bool> Settings::Bool(absl::string_view key, bool fallback) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end() || it->second.empty()) return fallback;
  bool value = false;
  if (!absl::SimpleAtob(it->second, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("setting ", key, ": \"", it->second, "\" is not true or false"));
  }
  return value;
}

inline std::string Settings::String(absl::string_view key, absl::string_view fallback) const {
  auto it = values_.find(std::string(key));
  return it == values_.end() ? std::string(fallback) : it->second;
}

}  // namespace vendormatch::sdk

// Name of the one symbol a plugin exports.
#define VENDORMATCH_PLUGIN_ENTRY_SYMBOL "vendormatch_plugin_entry"

// Exports `Class` (default-constructible, derived from Plugin) as the
// plugin `name` ("rate", "my_scorer") at `version` ("1.2.0").
#define VENDORMATCH_PLUGIN(Class, name, version)                                           \
  extern "C" __attribute__((visibility("default"))) const ::vendormatch::sdk::PluginEntry* \
  vendormatch_plugin_entry() {                                                             \
    static const ::vendormatch::sdk::PluginEntry entry{                                    \
        ::vendormatch::sdk::MakeVersionRecord(name, version),                              \
        []() -> ::vendormatch::sdk::Plugin* { return new Class(); }};                      \
    return &entry;                                                                         \
  }
