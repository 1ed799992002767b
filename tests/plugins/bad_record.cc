// Purpose-built bad plugins for the loader's refusal tests: compiled once per
// case with BAD_FIELD naming the version-record field to spoil (or
// NO_ENTRY for a library without the entry point).
#include "vendormatch/plugin_sdk.h"

namespace {

class Probe : public vendormatch::sdk::Plugin {
 public:
  vendormatch::sdk::PluginInfo Info() const override { return {"a probe", true, false, false, {}}; }
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
#endif
  return r;
}
#endif

}  // namespace

#ifndef NO_ENTRY
extern "C" __attribute__((visibility("default"))) const vendormatch::sdk::PluginEntry*
vendormatch_plugin_entry() {
  static const vendormatch::sdk::PluginEntry entry{
      Spoiled(), []() -> vendormatch::sdk::Plugin* { return new Probe(); }};
  return &entry;
}
#else
extern "C" __attribute__((visibility("default"))) int not_a_vendormatch_plugin() { return 1; }
#endif
