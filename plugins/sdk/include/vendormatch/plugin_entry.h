// Part of the plugin SDK (include vendormatch/plugin_sdk.h, which includes
// this): ClauseHolds, the stages a plugin class overrides (StagesOf), the
// layout of the SDK's data types (kLayout), the version record and entry
// point a plugin exports, and the VENDORMATCH_PLUGIN macro.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

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
  auto language = [&](std::span<const Symbol> tags, Symbol v) {
    for (const Symbol tag : tags) {
      const absl::string_view text = ctx.Name(tag);
      const size_t dash = text.find('-');
      if (tag == v ||
          (dash != absl::string_view::npos && dash > 0 && text.substr(0, dash) == ctx.Name(v))) {
        return true;
      }
    }
    return false;
  };
  auto dated = [](std::span<const DatedCode> list, Symbol v) {
    for (const DatedCode& c : list) {
      if (c.code == v) return true;
    }
    return false;
  };
  for (const Symbol v : clause.any_of) {
    switch (clause.field) {
#define VM_CODE_LIST(name, filter, index, kind)                                                 \
  case IndexField::index:                                                                       \
    if (CodeKind::kind == CodeKind::kLanguageTag ? language(p.name(), v) : listed(p.name(), v)) \
      return true;                                                                              \
    break;
#define VM_DATED_LIST(name, filter, index, kind) \
  case IndexField::index:                        \
    if (dated(p.name(), v)) return true;         \
    break;
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
      case IndexField::kServiceModel:
        if (v < 8 && (p.service_models() & (1u << v))) return true;
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

// The stages a plugin has: the virtual functions its class overrides.
enum Stage : uint32_t {
  kStagePrefilter = 1u << 0,
  kStageFilter = 1u << 1,
  kStageScore = 1u << 2,
  kStageNormalize = 1u << 3,
  kStageExplain = 1u << 4,
  kStageVerdicts = 1u << 5,
  kStageWarnings = 1u << 6,
  kStageFixes = 1u << 7,
};

// The stages `Class` overrides, worked out at compile time: `&Class::Filter`
// names Plugin::Filter (and has its member-pointer type) unless Class, or a
// base between it and Plugin, overrides it. Overrides must be public.
#define VENDORMATCH_STAGE_IF_OVERRIDDEN(method, bit)                                    \
  if constexpr (!std::is_same_v<decltype(&Class::method), decltype(&Plugin::method)>) { \
    stages |= bit;                                                                      \
  }
template <typename Class>
constexpr uint32_t StagesOf() {
  static_assert(std::is_base_of_v<Plugin, Class>, "a plugin derives from vendormatch::sdk::Plugin");
  uint32_t stages = 0;
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Prefilter, kStagePrefilter)
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Filter, kStageFilter)
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Score, kStageScore)
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Normalize, kStageNormalize)
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Explain, kStageExplain)
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Verdicts, kStageVerdicts)
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Warnings, kStageWarnings)
  VENDORMATCH_STAGE_IF_OVERRIDDEN(Fixes, kStageFixes)
  return stages;
}
#undef VENDORMATCH_STAGE_IF_OVERRIDDEN

// The names of `stages` in pipeline order ("prefilter", "filter", "score",
// "normalize", "explain", "verdicts", "warnings", "fixes").
inline std::vector<std::string> StageNames(uint32_t stages) {
  static constexpr std::pair<Stage, const char*> kNames[] = {
      {kStagePrefilter, "prefilter"}, {kStageFilter, "filter"},   {kStageScore, "score"},
      {kStageNormalize, "normalize"}, {kStageExplain, "explain"}, {kStageVerdicts, "verdicts"},
      {kStageWarnings, "warnings"},   {kStageFixes, "fixes"}};
  std::vector<std::string> out;
  for (const auto& [bit, name] : kNames) {
    if (stages & bit) out.push_back(name);
  }
  return out;
}

// The layout of the data a plugin reads or writes across the library
// boundary, as one number (kLayout): sizeof and alignof of each type,
// offsetof of each field of the standard-layout ones, the last enumerator
// of the enums whose values travel, and the provider's list fields in
// order. Provider (private fields), PluginInfo and Settings (maps, not
// standard-layout) count by sizeof and alignof only. Changing any of them
// changes the layout, and the server refuses a plugin built against
// another.
namespace layout_internal {

// FNV-1a over the eight bytes of `value`.
constexpr uint64_t Mix(uint64_t hash, uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    hash ^= (value >> (8 * i)) & 0xffu;
    hash *= 0x100000001b3ull;
  }
  return hash;
}
template <typename T>
constexpr uint64_t Shape(uint64_t hash) {
  return Mix(Mix(hash, sizeof(T)), alignof(T));
}
template <typename T>
constexpr uint64_t Fields(uint64_t hash, std::initializer_list<size_t> offsets) {
  static_assert(std::is_standard_layout_v<T>, "offsetof needs a standard-layout type");
  hash = Shape<T>(hash);
  for (size_t offset : offsets) hash = Mix(hash, offset);
  return hash;
}

// FNV-1a over the characters of `text`.
constexpr uint64_t MixText(uint64_t hash, const char* text) {
  for (; *text != '\0'; ++text) {
    hash ^= static_cast<unsigned char>(*text);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

// The provider's list fields in their order (vendormatch/provider_fields.inc):
// a line added, removed or moved moves the view's accessors even when
// sizeof(Provider) stays the same (its list counts can fill padding).
constexpr uint64_t ListLayout(uint64_t h) {
  h = Mix(Mix(h, kCodeLists), kDatedLists);
#define VM_CODE_LIST(name, ...) h = MixText(h, "code list " #name);
#define VM_DATED_LIST(name, ...) h = MixText(h, "dated list " #name);
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  return h;
}

// The provider view and what it is made of (vendormatch/provider.h).
constexpr uint64_t ProviderLayout(uint64_t h) {
  h = Fields<Money>(h, {offsetof(Money, currency), offsetof(Money, minor_units)});
  h = Fields<Rate>(h, {offsetof(Rate, service), offsetof(Rate, seniority), offsetof(Rate, hourly)});
  h = Fields<Shift>(
      h, {offsetof(Shift, days), offsetof(Shift, start_minute), offsetof(Shift, end_minute)});
  h = Fields<Centre>(
      h, {offsetof(Centre, country), offsetof(Centre, city), offsetof(Centre, time_zone),
          offsetof(Centre, kind), offsetof(Centre, headcount), offsetof(Centre, seats_available),
          offsetof(Centre, round_the_clock)});
  h = Fields<Certification>(h, {offsetof(Certification, code), offsetof(Certification, issued),
                                offsetof(Certification, expires)});
  h = ListLayout(h);
  return Shape<Provider>(h);  // private fields: size and alignment only
}

// What the framework hands a plugin during a match.
constexpr uint64_t MatchLayout(uint64_t h) {
  h = Fields<CentreFacts>(
      h, {offsetof(CentreFacts, delivery_model), offsetof(CentreFacts, rule),
          offsetof(CentreFacts, hours_apart), offsetof(CentreFacts, overlap_hours)});
  h = Fields<Candidate>(
      h, {offsetof(Candidate, provider), offsetof(Candidate, centres),
          offsetof(Candidate, deciding_centre), offsetof(Candidate, delivery_model)});
  h = Fields<Requirement>(h, {offsetof(Requirement, services),
                              offsetof(Requirement, any_service),
                              offsetof(Requirement, service_model),
                              offsetof(Requirement, service_model_advised),
                              offsetof(Requirement, advice_confidence),
                              offsetof(Requirement, client_country),
                              offsetof(Requirement, client_time_zone),
                              offsetof(Requirement, client_hours),
                              offsetof(Requirement, delivery_models),
                              offsetof(Requirement, rate_ceiling),
                              offsetof(Requirement, seniority),
                              offsetof(Requirement, headcount),
                              offsetof(Requirement, start_date),
                              offsetof(Requirement, start_day),
                              offsetof(Requirement, certifications),
                              offsetof(Requirement, languages),
                              offsetof(Requirement, industry),
                              offsetof(Requirement, min_rating),
                              offsetof(Requirement, min_overlap_hours),
                              offsetof(Requirement, collaboration),
                              offsetof(Requirement, data_sensitivity),
                              offsetof(Requirement, end_day),
                              offsetof(Requirement, certifications_through_end),
                              offsetof(Requirement, diversity_classifications)});
  return Fields<MarketBand>(h, {offsetof(MarketBand, low), offsetof(MarketBand, high)});
}

// What a plugin hands back.
constexpr uint64_t ResultLayout(uint64_t h) {
  h = Fields<FilterResult>(h, {offsetof(FilterResult, pass), offsetof(FilterResult, reason),
                               offsetof(FilterResult, detail)});
  h = Fields<ScoreResult>(h, {offsetof(ScoreResult, raw), offsetof(ScoreResult, normalized)});
  h = Fields<Verdict>(
      h, {offsetof(Verdict, reason), offsetof(Verdict, detail), offsetof(Verdict, sentence)});
  h = Fields<Change>(h,
                     {offsetof(Change, kind), offsetof(Change, symbol), offsetof(Change, currency),
                      offsetof(Change, amount), offsetof(Change, number), offsetof(Change, day),
                      offsetof(Change, delivery_model), offsetof(Change, service_model)});
  h = Mix(h, static_cast<uint64_t>(ChangeKind::kHoldClassification));
  h = Fields<IndexClause>(h, {offsetof(IndexClause, field), offsetof(IndexClause, any_of),
                              offsetof(IndexClause, reason), offsetof(IndexClause, detail)});
  return Mix(h, static_cast<uint64_t>(IndexField::kDeclaredDeliveryModel));
}

// What a plugin says about itself, and its settings.
constexpr uint64_t InfoLayout(uint64_t h) {
  h = Fields<SettingSpec>(
      h, {offsetof(SettingSpec, name), offsetof(SettingSpec, type), offsetof(SettingSpec, min),
          offsetof(SettingSpec, max), offsetof(SettingSpec, max_exclusive),
          offsetof(SettingSpec, default_value), offsetof(SettingSpec, description),
          offsetof(SettingSpec, choices)});
  h = Mix(h, static_cast<uint64_t>(SettingType::kChoice));
  h = Fields<SettingValue>(h, {offsetof(SettingValue, type), offsetof(SettingValue, number),
                               offsetof(SettingValue, integer), offsetof(SettingValue, boolean),
                               offsetof(SettingValue, text)});
  h = Shape<Settings>(h);
  return Shape<PluginInfo>(h);
}

}  // namespace layout_internal

inline constexpr uint64_t kLayout = layout_internal::InfoLayout(layout_internal::ResultLayout(
    layout_internal::MatchLayout(layout_internal::ProviderLayout(0xcbf29ce484222325ull))));

// The version record: fixed layout, no padding, compared field by field.
struct PluginVersionRecord {
  uint32_t record_size;
  uint32_t sdk_major;
  uint32_t sdk_minor;
  uint32_t protobuf_version;  // GOOGLE_PROTOBUF_VERSION, e.g. 3021012
  uint32_t abseil_lts;        // ABSL_LTS_RELEASE_VERSION, e.g. 20220623
  uint32_t cxx_abi;           // __GXX_ABI_VERSION
  uint64_t layout;            // kLayout of the SDK headers the plugin was built with
  char name[64];              // the plugin's unique name, NUL-terminated
  char version[32];           // the plugin's own version
};
static_assert(sizeof(PluginVersionRecord) == 6 * 4 + 8 + 64 + 32, "no padding");
static_assert(offsetof(PluginVersionRecord, layout) == 6 * 4, "no padding before layout");
static_assert(offsetof(PluginVersionRecord, sdk_major) == 4,
              "sdk_major stays where every SDK version has it");

struct PluginEntry {
  PluginVersionRecord record;  // first, so it is read before anything else
  Plugin* (*create)();         // a new instance; the caller owns it
  uint32_t stages;             // the Stage bits the class overrides (StagesOf)
};

// The record this SDK header describes, for a plugin named `name`.
constexpr PluginVersionRecord MakeVersionRecord(const char* name, const char* version) {
  PluginVersionRecord r{sizeof(PluginVersionRecord),
                        kSdkMajor,
                        kSdkMinor,
                        GOOGLE_PROTOBUF_VERSION,
                        ABSL_LTS_RELEASE_VERSION,
                        __GXX_ABI_VERSION,
                        kLayout,
                        {},
                        {}};
  for (int i = 0; i < 63 && name[i] != '\0'; ++i) r.name[i] = name[i];
  for (int i = 0; i < 31 && version[i] != '\0'; ++i) r.version[i] = version[i];
  return r;
}

}  // namespace vendormatch::sdk

// Name of the one symbol a plugin exports.
#define VENDORMATCH_PLUGIN_ENTRY_SYMBOL "vendormatch_plugin_entry"

// Exports `Class` (default-constructible, derived from Plugin) as the
// plugin `name` ("rate", "my_scorer") at `version` ("1.2.0"), with the
// stages Class overrides.
#define VENDORMATCH_PLUGIN(Class, name, version)                                           \
  extern "C" __attribute__((visibility("default"))) const ::vendormatch::sdk::PluginEntry* \
  vendormatch_plugin_entry() {                                                             \
    static constexpr uint32_t kStages = ::vendormatch::sdk::StagesOf<Class>();             \
    static const ::vendormatch::sdk::PluginEntry entry{                                    \
        ::vendormatch::sdk::MakeVersionRecord(name, version),                              \
        []() -> ::vendormatch::sdk::Plugin* { return new Class(); }, kStages};             \
    return &entry;                                                                         \
  }
