#include "matching_world.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "fuzz_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/matching/profiles.h"
#include "services/registry/generator.h"

// Each built-in plugin's entry point, renamed by tests/fuzz/CMakeLists.txt.
#define VM_FUZZ_PLUGIN(name) \
  extern "C" const ::vendormatch::sdk::PluginEntry* vm_fuzz_plugin_entry_##name();
#include "fuzz_plugins.inc"
#undef VM_FUZZ_PLUGIN

namespace vendormatch::fuzz {
namespace {

std::vector<LoadedPlugin> BuiltInPlugins() {
  std::vector<const sdk::PluginEntry*> entries;
#define VM_FUZZ_PLUGIN(name) entries.push_back(vm_fuzz_plugin_entry_##name());
#include "fuzz_plugins.inc"
#undef VM_FUZZ_PLUGIN
  std::vector<LoadedPlugin> plugins;
  for (const sdk::PluginEntry* entry : entries) {
    LoadedPlugin p;
    p.name = entry->record.name;
    p.version = entry->record.version;
    p.file = absl::StrCat("vm_", p.name, ".so (linked in)");
    p.sdk_major = entry->record.sdk_major;
    p.sdk_minor = entry->record.sdk_minor;
    p.entry = entry;
    p.stages = entry->stages;
    p.info = p.Create()->Info();
    plugins.push_back(std::move(p));
  }
  std::sort(plugins.begin(), plugins.end(),
            [](const LoadedPlugin& a, const LoadedPlugin& b) { return a.name < b.name; });
  return plugins;
}

}  // namespace

const MatchingWorld& MatchingWorld::Get() {
  static const MatchingWorld* world = [] {
    QuietProtobuf();
    auto* w = new MatchingWorld;
    w->plugins = BuiltInPlugins();
    w->today = absl::CivilDay(2026, 11, 21);
    // A small registry, so that every match is quick; varied enough that
    // filters both pass and remove providers.
    std::vector<v1::Provider> registry;
    GeneratorOptions options;
    options.seed = 11;
    options.active_share = 0.9;
    GenerateProviders(48, options, [&](int64_t, v1::Provider& p) { registry.push_back(p); });
    auto snapshot = BuildSnapshot(registry);
    Check(snapshot.ok(), "cannot build the snapshot", snapshot.status().ToString());
    w->snapshot = *snapshot;
    for (const v1::Profile& p : DefaultProfiles()) {
      auto compiled = CompileProfile(p, w->plugins);
      Check(compiled.ok(), "a default profile does not compile", compiled.status().ToString());
      w->profiles.push_back(*compiled);
    }
    return w;
  }();
  return *world;
}

void CheckMatch(const CompiledProfile& profile, const ValidRequirement& requirement, int top_k,
                bool wire, absl::string_view context) {
  const MatchingWorld& world = MatchingWorld::Get();
  MatchInput in;
  in.snapshot = world.snapshot.get();
  in.profile = &profile;
  in.requirement = &requirement;
  in.exchange_rates = &world.rates;
  in.top_k = top_k;
  const absl::StatusOr<v1::MatchProvidersResponse> indexed = RunPipeline(in);
  Check(indexed.ok(), "the match failed", absl::StrCat(context, "\n", indexed.status().ToString()));
  in.reference = true;
  const absl::StatusOr<v1::MatchProvidersResponse> reference = RunPipeline(in);
  Check(reference.ok(), "the reference match failed",
        absl::StrCat(context, "\n", reference.status().ToString()));
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  Check(differencer.Compare(*reference, *indexed), "indexed and reference paths differ",
        absl::StrCat(context, "\n", difference));

  const v1::MatchProvidersResponse& r = *indexed;
  const std::string response = absl::StrCat(context, "\nresponse: ", r.ShortDebugString());
  Check(!wire || WireValid(r), "the response has a string that is not valid UTF-8", response);
  Check(r.matches_size() <= std::max(top_k, 0) && r.matches_size() <= r.eligible_count(),
        "more matches than top_k or eligible providers", response);
  constexpr double kSlack = 1e-9;
  for (int i = 0; i < r.matches_size(); ++i) {
    const v1::ProviderMatch& m = r.matches(i);
    Check(m.rank() == i + 1, "ranks are not 1..n", response);
    Check(std::isfinite(m.total_score()) && m.total_score() >= -kSlack &&
              m.total_score() <= 100 + kSlack,
          "total score outside 0..100", response);
    Check(i == 0 || r.matches(i - 1).total_score() >= m.total_score(),
          "matches not in order of total score", response);
    for (const v1::ScoreContribution& s : m.scores()) {
      Check(s.normalized_score() >= 0 && s.normalized_score() <= 100,
            "normalised score outside 0..100", response);
    }
  }
}

}  // namespace vendormatch::fuzz
