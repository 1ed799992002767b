// Loading plugins from shared libraries, with the version check that runs
// before anything else in the library is called.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch {

// A plugin library kept open for the life of the process.
struct LoadedPlugin {
  std::string name;
  std::string version;
  std::string file;
  uint32_t sdk_major = 0;
  uint32_t sdk_minor = 0;
  const sdk::PluginEntry* entry = nullptr;
  // The sdk::Stage bits its class overrides, from the entry (StagesOf): the
  // one place a plugin's stages come from.
  uint32_t stages = 0;
  sdk::PluginInfo info;  // from a probe instance
  bool Has(sdk::Stage stage) const { return (stages & stage) != 0; }
  // A fresh instance; the caller owns it.
  std::unique_ptr<sdk::Plugin> Create() const {
    return std::unique_ptr<sdk::Plugin>(entry->create());
  }
};

// Compares a plugin's version record with this server's build. Returns
// FAILED_PRECONDITION naming `file`, the field and both values when:
// the SDK major differs (also when the record's size differs, as it does
// for another major), the record's size is wrong, the SDK minor is newer,
// the layout of the SDK's data types differs (`layout`, sdk::kLayout), the
// Protobuf, Abseil or C++ ABI version differs, or the name is empty.
// Pure; thread-safe.
absl::Status CheckVersionRecord(const sdk::PluginVersionRecord& record, absl::string_view file);

// dlopen()s every *.so in `dir` (sorted by file name), checks each version
// record before calling anything else, reads its stages from the entry, and
// probes Info(). Refuses the whole set (FAILED_PRECONDITION naming the file)
// on: a library that cannot be opened, a missing entry point ("missing
// version record"), a failed CheckVersionRecord, a duplicate plugin name
// (naming both files), a plugin that overrides neither Filter nor Score or
// Normalize without Score, a plugin whose Info() throws, or setting specs
// that contradict themselves (an empty or repeated name, a choice without
// choices, a default its own spec refuses). NOT_FOUND when `dir` does not
// exist. Libraries stay loaded for the process's life.
absl::StatusOr<std::vector<LoadedPlugin>> LoadPluginDirectory(const std::string& dir);

}  // namespace vendormatch
