// match_bench's measuring: the setup, the snapshot of each size, our matches
// (indexed and reference path) and the SQL peer's, and the checks that they
// agree.
#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "services/matching/pipeline.h"
#include "services/matching/requirement.h"
#include "services/matching/snapshot.h"
#include "services/registry/generator.h"
#include "tests/bench/match_bench.h"

namespace vendormatch::bench::match_bench {

void Log(const std::string& message) {
  std::fprintf(stderr, "[%s] %s\n",
               absl::FormatTime("%H:%M:%S", absl::Now(), absl::LocalTimeZone()).c_str(),
               message.c_str());
}

void Fail(const std::string& message) { throw SetupError(message); }

Setup Prepare(const std::string& plugin_dir, int top_k, const std::string& only) {
  Setup s;
  s.top_k = top_k;
  if (!only.empty()) {
    const std::vector<std::string> keys = absl::StrSplit(only, ',', absl::SkipWhitespace());
    std::vector<Scenario> chosen;
    for (const auto& key : keys) {
      auto it = std::find_if(s.scenarios.begin(), s.scenarios.end(),
                             [&](const Scenario& sc) { return sc.key == key; });
      if (it == s.scenarios.end()) Fail(absl::StrCat("no requirement named ", key));
      chosen.push_back(*it);
    }
    s.scenarios = std::move(chosen);
  }
  auto plugins = LoadPluginDirectory(plugin_dir);
  if (!plugins.ok()) Fail(plugins.status().ToString());
  s.plugins = std::move(*plugins);
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> defaults;
  for (const auto& p : s.plugins) {
    std::map<std::string, std::string> plugin_defaults;
    for (const sdk::SettingSpec& spec : p.info.settings) {
      plugin_defaults[spec.name] = spec.default_value;
    }
    defaults.emplace_back(p.name, std::move(plugin_defaults));
  }
  for (const v1::Profile& profile : DefaultProfiles()) {
    const std::string id = std::string(absl::StripPrefix(profile.name(), "profiles/"));
    auto compiled = CompileProfile(profile, s.plugins);
    if (!compiled.ok()) Fail(absl::StrCat("profile ", id, ": ", compiled.status().ToString()));
    s.shipped[id] = *compiled;
    const v1::Profile mirror = MirrorProfile(profile);
    auto compiled_mirror = CompileProfile(mirror, s.plugins);
    if (!compiled_mirror.ok()) {
      Fail(absl::StrCat("mirror of ", id, ": ", compiled_mirror.status().ToString()));
    }
    s.mirror[id] = *compiled_mirror;
    s.mirror_params[id] = MirrorParamsOf(mirror, defaults, top_k);
  }
  return s;
}

namespace {

// Generates `count` providers into a vector (timed as generating), builds
// the snapshot from it with BuildSnapshot (timed as building), then frees
// the vector before taking the memory figures, so they are the snapshot's
// (its arrays, indexes, live bitmap and dictionary).
std::shared_ptr<const Snapshot> MakeSnapshot(int64_t count, uint64_t seed, SizeRun& run) {
  GeneratorOptions options;
  options.seed = seed;
  options.active_share = 1.0;  // every provider active: the snapshot holds all N
  options.suspended_share = 0;
  TrimHeap();
  const int64_t rss_before = ResidentBytes();
  const int64_t heap_before = HeapInUseBytes();
  std::vector<v1::Provider> providers;
  providers.reserve(static_cast<size_t>(count));
  const double start = Now();
  GenerateProviders(count, options,
                    [&](int64_t, v1::Provider& p) { providers.push_back(std::move(p)); });
  const double built = Now();
  auto snapshot = BuildSnapshot(providers);
  run.build_seconds = Now() - built;
  run.generate_seconds = built - start;
  if (!snapshot.ok()) Fail(absl::StrCat("BuildSnapshot: ", snapshot.status().ToString()));
  std::vector<v1::Provider>().swap(providers);
  TrimHeap();
  const int64_t rss_after = ResidentBytes();
  const int64_t heap_after = HeapInUseBytes();
  const Snapshot& snap = **snapshot;
  if (static_cast<int64_t>(snap.size()) != count) {
    Fail(absl::StrCat("the snapshot holds ", snap.size(), " providers, not ", count));
  }
  const SnapshotBytes layout = LayoutBytes(snap);
  const double n = static_cast<double>(std::max<int64_t>(count, 1));
  run.rss_bytes_per_provider = static_cast<double>(rss_after - rss_before) / n;
  run.heap_bytes_per_provider = static_cast<double>(heap_after - heap_before) / n;
  run.layout_bytes_per_provider = static_cast<double>(layout.total()) / n;
  run.memory_bytes_per_provider = static_cast<double>(snap.MemoryBytes()) / n;
  run.layout = layout;
  run.centres_per_provider = static_cast<double>(layout.centre_count) / n;
  run.rates_per_provider = static_cast<double>(layout.rate_count) / n;
  run.certifications_per_provider = static_cast<double>(layout.certification_count) / n;
  return *std::move(snapshot);
}

v1::MatchProvidersResponse Match(const Setup& setup, const Snapshot& snapshot,
                                 const CompiledProfile& profile, const ValidRequirement& req,
                                 bool reference) {
  MatchInput input;
  input.snapshot = &snapshot;
  input.profile = &profile;
  input.requirement = &req;
  input.exchange_rates = &setup.rates;
  input.top_k = setup.top_k;
  input.reference = reference;
  auto response = RunPipeline(input);
  if (!response.ok()) Fail(absl::StrCat("match failed: ", response.status().ToString()));
  return std::move(*response);
}

std::vector<std::string> IdsOf(const v1::MatchProvidersResponse& response) {
  std::vector<std::string> ids;
  for (const auto& m : response.matches()) {
    ids.push_back(std::string(absl::StripPrefix(m.provider(), "providers/")));
  }
  return ids;
}

// Times `repeats` matches of one requirement (after one untimed warm-up,
// whose answer is returned).
v1::MatchProvidersResponse TimeOurs(const Setup& setup, const Snapshot& snapshot,
                                    const CompiledProfile& profile, const ValidRequirement& req,
                                    int repeats, std::vector<double>& seconds) {
  v1::MatchProvidersResponse first = Match(setup, snapshot, profile, req, setup.reference);
  for (int i = 0; i < repeats; ++i) {
    const double start = Now();
    v1::MatchProvidersResponse response = Match(setup, snapshot, profile, req, setup.reference);
    seconds.push_back(Now() - start);
  }
  return first;
}

// Runs one match of `req` under `profile` on the indexed and on the
// reference path and records whether the answers are the same message
// (matches with their scores and explanations, eligible count, filter
// outcomes, relaxation hints, summary). `label` names the profile in the
// report. Returns the two latencies in ms.
std::pair<double, double> CheckReference(const Setup& setup, const Snapshot& snapshot,
                                         const CompiledProfile& profile,
                                         const ValidRequirement& req, const std::string& label,
                                         ScenarioRun& run) {
  double start = Now();
  const v1::MatchProvidersResponse indexed = Match(setup, snapshot, profile, req, false);
  const double indexed_ms = (Now() - start) * 1e3;
  start = Now();
  const v1::MatchProvidersResponse reference = Match(setup, snapshot, profile, req, true);
  const double reference_ms = (Now() - start) * 1e3;
  run.ref_checked = true;
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  if (!differencer.Compare(indexed, reference)) {
    run.ref_match = false;
    constexpr size_t kMaxText = 4000;
    if (difference.size() > kMaxText) {
      difference = absl::StrCat(difference.substr(0, kMaxText), "... (",
                                difference.size() - kMaxText, " more characters)");
    }
    absl::StrAppend(&run.ref_mismatch, run.ref_mismatch.empty() ? "" : "\n", label,
                    " profile, indexed vs reference:\n", difference);
  }
  return {indexed_ms, reference_ms};
}

void Compare(const v1::MatchProvidersResponse& ours, const SqlAnswer& sql, ScenarioRun& run) {
  run.checked = true;
  run.mirror_eligible = ours.eligible_count();
  run.mirror_top = IdsOf(ours);
  run.sql_eligible = sql.eligible;
  run.sql_top = sql.ids;
  std::vector<std::string> problems;
  if (run.mirror_eligible != run.sql_eligible) {
    problems.push_back(
        absl::StrCat("eligible: ours ", run.mirror_eligible, ", SQL ", run.sql_eligible));
  }
  const size_t k = std::max(run.mirror_top.size(), run.sql_top.size());
  for (size_t i = 0; i < k; ++i) {
    const std::string a = i < run.mirror_top.size() ? run.mirror_top[i] : "-";
    const std::string b = i < run.sql_top.size() ? run.sql_top[i] : "-";
    const double ta = i < run.mirror_top.size() ? ours.matches(int(i)).total_score() : 0;
    const double tb = i < sql.totals.size() ? sql.totals[i] : 0;
    if (a != "-" && b != "-") {
      run.max_total_difference = std::max(run.max_total_difference, std::abs(ta - tb));
    }
    if (a != b) {
      problems.push_back(
          absl::StrFormat("rank %d: ours %s (%.17g), SQL %s (%.17g)", i + 1, a, ta, b, tb));
    }
  }
  if (run.max_total_difference > 1e-9) {
    problems.push_back(absl::StrCat("totals differ by up to ", run.max_total_difference));
  }
  run.match = problems.empty();
  run.mismatch = absl::StrJoin(problems, "; ");
}

// The scenarios' requirements, validated. Fails (SetupError) on a bad one.
std::vector<ValidRequirement> ValidateScenarios(const Setup& setup) {
  std::vector<ValidRequirement> requirements;
  for (const Scenario& s : setup.scenarios) {
    auto req = ValidateRequirement(s.requirement, kToday, nullptr);
    if (!req.ok()) Fail(absl::StrCat(s.key, ": ", req.status().ToString()));
    requirements.push_back(std::move(*req));
  }
  return requirements;
}

// Times every scenario with the shipped profile at `size`, and checks the
// indexed path against the reference one.
void RunShipped(const Setup& setup, const Snapshot& snapshot, int64_t size,
                const std::vector<ValidRequirement>& requirements, SizeRun& run) {
  for (size_t i = 0; i < setup.scenarios.size(); ++i) {
    const Scenario& s = setup.scenarios[i];
    ScenarioRun& r = run.scenarios.emplace_back();
    r.scenario = &s;
    const v1::MatchProvidersResponse shipped =
        TimeOurs(setup, snapshot, *setup.shipped.at(s.profile), requirements[i], run.repeats,
                 r.ours_seconds);
    r.eligible = shipped.eligible_count();
    r.summary = shipped.summary();
    r.top = IdsOf(shipped);
    Log(absl::StrFormat("size %d: %s (%s): p50 %.3f ms%s; %s", size, s.key, s.profile,
                        Percentile(r.ours_seconds, 0.5) * 1e3,
                        setup.reference ? " (reference path)" : "", r.summary));
    std::tie(r.ref_indexed_ms, r.ref_reference_ms) = CheckReference(
        setup, snapshot, *setup.shipped.at(s.profile), requirements[i], s.profile, r);
    Log(absl::StrFormat("size %d: %s: indexed %.3f ms, reference %.3f ms: %s", size, s.key,
                        r.ref_indexed_ms, r.ref_reference_ms,
                        r.ref_match ? "REF-OK" : "REF-MISMATCH\n" + r.ref_mismatch));
  }
}

// Times the mirror profile and the SQL query of scenario `s` (whose
// requirement is `requirement`) at `size`, checks that they agree, and the
// mirror's indexed path against its reference one. `print_sql`: print the
// query first.
void RunSqlScenario(const Setup& setup, const Snapshot& snapshot, int64_t size, SqlPeer& sql,
                    const Scenario& s, const ValidRequirement& requirement, int repeats,
                    bool print_sql, ScenarioRun& r) {
  const ValidRequirement mirror_req = MirrorRequirement(requirement);
  const v1::MatchProvidersResponse ours =
      TimeOurs(setup, snapshot, *setup.mirror.at(s.profile), mirror_req, repeats, r.mirror_seconds);
  const std::string name = absl::StrCat("bench_", s.key, "_", size);
  const std::string query = SqlPeer::MirrorQuery(mirror_req, setup.mirror_params.at(s.profile));
  if (print_sql) {
    std::printf("-- %s (%s)\n%s;\n\n", s.key.c_str(), s.profile.c_str(), query.c_str());
  }
  if (setup.explain) {
    std::printf("-- EXPLAIN ANALYZE %s at %lld\n%s\n", s.key.c_str(), (long long)size,
                sql.Explain(query).c_str());
  }
  sql.Prepare(name, query);
  const SqlAnswer answer = sql.Run(name);
  for (int k = 0; k < repeats; ++k) {
    const double start = Now();
    sql.Run(name);
    r.sql_seconds.push_back(Now() - start);
  }
  Compare(ours, answer, r);
  const bool ref_before = r.ref_match;
  CheckReference(setup, snapshot, *setup.mirror.at(s.profile), mirror_req,
                 absl::StrCat(s.profile, " mirror"), r);
  if (ref_before && !r.ref_match) {
    Log(absl::StrCat("size ", size, ": ", s.key, ": REF-MISMATCH (mirror profile)\n",
                     r.ref_mismatch));
  }
  Log(absl::StrFormat("size %d: %s: mirror p50 %.3f ms, SQL p50 %.3f ms, eligible %d/%d: %s", size,
                      s.key, Percentile(r.mirror_seconds, 0.5) * 1e3,
                      Percentile(r.sql_seconds, 0.5) * 1e3, r.mirror_eligible, r.sql_eligible,
                      r.match ? "MATCH" : "MISMATCH " + r.mismatch));
}

}  // namespace

void RunSize(const Setup& setup, int64_t size, uint64_t seed, SqlPeer* sql, SizeRun& run,
             const SizeRun* first_run) {
  run.providers = size;
  run.load_before = LoadAverage();
  Log(absl::StrCat("size ", size, ": building the snapshot"));
  std::shared_ptr<const Snapshot> snapshot = MakeSnapshot(size, seed, run);
  Log(absl::StrFormat("size %d: built in %.2f s (+%.2f s generating), %.0f B/provider resident",
                      size, run.build_seconds, run.generate_seconds, run.rss_bytes_per_provider));

  const std::vector<ValidRequirement> requirements = ValidateScenarios(setup);
  RunShipped(setup, *snapshot, size, requirements, run);

  if (sql == nullptr) return;
  Log(absl::StrCat("size ", size, ": loading PostgreSQL"));
  run.sql_load = sql->Load(*snapshot, setup.rates);
  Log(absl::StrFormat("size %d: COPY %.1f s, indexes + VACUUM ANALYZE %.1f s, %d MB", size,
                      run.sql_load.copy_seconds, run.sql_load.index_seconds,
                      run.sql_load.table_bytes >> 20));
  for (size_t i = 0; i < setup.scenarios.size(); ++i) {
    RunSqlScenario(setup, *snapshot, size, *sql, setup.scenarios[i], requirements[i],
                   run.sql_repeats, setup.print_sql && &run == first_run, run.scenarios[i]);
  }
  sql->Drop();
  run.load_after = LoadAverage();
  Log(absl::StrCat("size ", size, ": freeing the snapshot"));
}

}  // namespace vendormatch::bench::match_bench
