#include "services/matching/plugin_loader.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>

#include "absl/strings/str_cat.h"

namespace vendormatch {
namespace {

absl::Status Refuse(absl::string_view file, absl::string_view what) {
  return absl::FailedPreconditionError(absl::StrCat("plugin ", file, ": ", what));
}

absl::Status Mismatch(absl::string_view file, absl::string_view field, uint64_t plugin,
                      uint64_t server, absl::string_view rule) {
  return Refuse(file, absl::StrCat("version mismatch: ", field, " is ", plugin, ", server has ",
                                   server, " (", rule, ")"));
}

std::string Bounded(const char* text, size_t size) {
  return std::string(text, strnlen(text, size));
}

// What the stages a plugin's class overrides (the entry's) lack, or "".
std::string StageProblem(uint32_t stages) {
  if ((stages & (sdk::kStageFilter | sdk::kStageScore)) == 0) {
    return "overrides neither Filter nor Score: it has no stage to run";
  }
  if ((stages & sdk::kStageNormalize) != 0 && (stages & sdk::kStageScore) == 0) {
    return "overrides Normalize but not Score";
  }
  return "";
}

// What is wrong with a plugin's own setting specs, or "".
std::string SpecProblem(const std::vector<sdk::SettingSpec>& specs) {
  for (size_t i = 0; i < specs.size(); ++i) {
    const sdk::SettingSpec& spec = specs[i];
    if (spec.name.empty()) return absl::StrCat("setting ", i, " has no name");
    for (size_t j = 0; j < i; ++j) {
      if (specs[j].name == spec.name)
        return absl::StrCat("setting ", spec.name, " is declared twice");
    }
    if (spec.type == sdk::SettingType::kChoice && spec.choices.empty()) {
      return absl::StrCat("setting ", spec.name, " is a choice without choices");
    }
    if (std::string why = sdk::CheckSetting(spec, spec.default_value); !why.empty()) {
      return absl::StrCat("setting ", spec.name, ": its default ", why);
    }
  }
  return "";
}

}  // namespace

absl::Status CheckVersionRecord(const sdk::PluginVersionRecord& r, absl::string_view file) {
  // record_size and sdk_major are where every SDK version has them, so a
  // record of another major (and size) is named by its major.
  if (r.sdk_major != sdk::kSdkMajor) {
    return Mismatch(file, "sdk_major", r.sdk_major, sdk::kSdkMajor, "must be equal");
  }
  if (r.record_size != sizeof(sdk::PluginVersionRecord)) {
    return Mismatch(file, "record_size", r.record_size, sizeof(sdk::PluginVersionRecord),
                    "not a vendormatch version record");
  }
  if (r.sdk_minor > sdk::kSdkMinor) {
    return Mismatch(file, "sdk_minor", r.sdk_minor, sdk::kSdkMinor, "must not be newer");
  }
  if (r.layout != sdk::kLayout) {
    return Refuse(
        file, absl::StrCat("version mismatch: layout is ", absl::Hex(r.layout, absl::kZeroPad16),
                           ", server has ", absl::Hex(sdk::kLayout, absl::kZeroPad16),
                           " (the SDK's data types differ: rebuild the plugin against "
                           "this server's SDK headers)"));
  }
  if (r.protobuf_version != GOOGLE_PROTOBUF_VERSION) {
    return Mismatch(file, "protobuf_version", r.protobuf_version, GOOGLE_PROTOBUF_VERSION,
                    "must be equal");
  }
  if (r.abseil_lts != ABSL_LTS_RELEASE_VERSION) {
    return Mismatch(file, "abseil_lts", r.abseil_lts, ABSL_LTS_RELEASE_VERSION, "must be equal");
  }
  if (r.cxx_abi != __GXX_ABI_VERSION) {
    return Mismatch(file, "cxx_abi", r.cxx_abi, __GXX_ABI_VERSION, "must be equal");
  }
  if (Bounded(r.name, sizeof r.name).empty()) return Refuse(file, "version record has no name");
  return absl::OkStatus();
}

namespace {

// Opens `file`, checks its version record before anything else, reads its
// stages from the entry and probes Info().
absl::StatusOr<LoadedPlugin> LoadOne(const std::string& file) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return Refuse(file, absl::StrCat("cannot load: ", dlerror()));
  auto* entry_fn = reinterpret_cast<const sdk::PluginEntry* (*)()>(
      dlsym(handle, VENDORMATCH_PLUGIN_ENTRY_SYMBOL));
  if (entry_fn == nullptr) {
    return Refuse(file, "missing version record (no " VENDORMATCH_PLUGIN_ENTRY_SYMBOL
                        " entry point; build it with VENDORMATCH_PLUGIN)");
  }
  const sdk::PluginEntry* entry = entry_fn();
  if (entry == nullptr) return Refuse(file, "missing version record (entry point returned null)");
  if (absl::Status s = CheckVersionRecord(entry->record, file); !s.ok()) return s;

  LoadedPlugin plugin;
  plugin.name = Bounded(entry->record.name, sizeof entry->record.name);
  plugin.version = Bounded(entry->record.version, sizeof entry->record.version);
  plugin.file = file;
  plugin.sdk_major = entry->record.sdk_major;
  plugin.sdk_minor = entry->record.sdk_minor;
  plugin.entry = entry;
  plugin.stages = entry->stages;
  if (std::string why = StageProblem(plugin.stages); !why.empty()) return Refuse(file, why);
  try {
    plugin.info = plugin.Create()->Info();
  } catch (const std::exception& e) {
    return Refuse(file, absl::StrCat("Info() threw: ", e.what()));
  } catch (...) {
    return Refuse(file, "Info() threw");
  }
  if (std::string why = SpecProblem(plugin.info.settings); !why.empty()) return Refuse(file, why);
  return plugin;
}

}  // namespace

absl::StatusOr<std::vector<LoadedPlugin>> LoadPluginDirectory(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return absl::NotFoundError(absl::StrCat("plugin directory ", dir, " does not exist"));
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".so") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());

  std::vector<LoadedPlugin> plugins;
  std::map<std::string, std::string> file_of;
  for (const std::string& file : files) {
    absl::StatusOr<LoadedPlugin> plugin = LoadOne(file);
    if (!plugin.ok()) return plugin.status();
    if (auto [it, inserted] = file_of.emplace(plugin->name, file); !inserted) {
      return Refuse(file, absl::StrCat("duplicate plugin name \"", plugin->name,
                                       "\", already loaded from ", it->second));
    }
    plugins.push_back(*std::move(plugin));
  }
  return plugins;
}

}  // namespace vendormatch
