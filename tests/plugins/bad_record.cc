// Purpose-built bad plugins for the loader's refusal tests: compiled once per
// case with BAD_FIELD naming the version-record field to spoil (BAD_LAYOUT:
// the layout of the SDK's data types, as a plugin built against other SDK
// headers has it), NO_ENTRY for a library without the entry point, or
// NO_STAGE / BAD_SPEC for a plugin with no stage or contradictory settings.
#include "vendormatch/plugin_sdk.h"

namespace {

// A filter that passes everyone (NO_STAGE: overrides no stage at all;
// BAD_SPEC: declares a setting whose default its own spec refuses).
class Probe : public vendormatch::sdk::Plugin {
 public:
  vendormatch::sdk::PluginInfo Info() const override {
#ifdef BAD_SPEC
    return {"a probe",
            { vendormatch::sdk::SettingSpec::Number("limit", 7, 0, 5, "default out of range") }};
#else
    return {"a probe", {}};
#endif
  }
#ifndef NO_STAGE
  absl::Status Filter(const vendormatch::sdk::MatchContext&,
                      std::span<const vendormatch::sdk::Candidate>,
                      std::span<vendormatch::sdk::FilterResult> out) const override {
    for (auto& r : out) r = vendormatch::sdk::FilterResult{};
    return absl::OkStatus();
  }
#endif
};

#ifndef NO_ENTRY
constexpr vendormatch::sdk::PluginVersionRecord Spoiled() {
  auto r = vendormatch::sdk::MakeVersionRecord(PLUGIN_NAME, "0.0.1");
#if defined(BAD_SDK_MAJOR)
  r.sdk_major += 1;
#elif defined(BAD_SDK_MINOR)
  r.sdk_minor += 1;
#elif defined(BAD_PROTOBUF)
  r.protobuf_version += 1;
#elif defined(BAD_ABSEIL)
  r.abseil_lts -= 1;
#elif defined(BAD_ABI)
  r.cxx_abi += 1;
#elif defined(BAD_LAYOUT)
  // As if built against SDK headers in which a data type grew a pointer.
  r.layout = vendormatch::sdk::layout_internal::Mix(r.layout, sizeof(void*));
#endif
  return r;
}
#endif

}  // namespace

#ifndef NO_ENTRY
extern "C" __attribute__((visibility("default"))) const vendormatch::sdk::PluginEntry*
vendormatch_plugin_entry() {
  static const vendormatch::sdk::PluginEntry entry{
      Spoiled(), []() -> vendormatch::sdk::Plugin* { return new Probe(); },
      vendormatch::sdk::StagesOf<Probe>()};
  return &entry;
}
#else
extern "C" __attribute__((visibility("default"))) int not_a_vendormatch_plugin() { return 1; }
#endif
