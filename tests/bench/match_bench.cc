// match_bench: matching latency, snapshot memory and rebuild time at 10k,
// 100k and 1M generated providers, side by side with the same match as one
// SQL query in PostgreSQL. See BENCHMARKS.md for how to run it and what it
// measures.
//
//   match_bench [--sizes=10000,100000,1000000] [--database_url=URL] [--quick]
//
// Exit status: 0 when every requirement's SQL answer agrees with ours and the
// indexed and reference pipeline paths agree, 1 when one does not, 2 on a
// setup error.
#include <google/protobuf/util/message_differencer.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"
#include "services/matching/exchange_rates.h"
#include "services/matching/pipeline.h"
#include "services/matching/plugin_loader.h"
#include "services/matching/profiles.h"
#include "services/matching/requirement.h"
#include "services/matching/snapshot.h"
#include "services/registry/generator.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/registry_rebuild.h"
#include "tests/bench/scenarios.h"
#include "tests/bench/scratch_db.h"
#include "tests/bench/sql_peer.h"

ABSL_FLAG(std::string, sizes, "10000,100000,1000000", "registry sizes to measure, comma-separated");
ABSL_FLAG(std::string, repeats, "",
          "timed matches per requirement with the shipped profile, one number or one per size; "
          "empty: 200 up to 10k providers, 50 up to 100k, 10 above");
ABSL_FLAG(std::string, sql_repeats, "",
          "timed runs per requirement of the mirror profile and of the SQL query, one number or "
          "one per size; empty: 50 up to 10k, 20 up to 100k, 5 above");
ABSL_FLAG(bool, quick, false,
          "10k providers, a few repeats, rebuild at 10k: the smoke run CTest does (bench/quick)");
ABSL_FLAG(std::string, plugin_dir, VM_BENCH_PLUGIN_DIR, "folder of the built-in plugins");
ABSL_FLAG(std::string, database_url, "",
          "PostgreSQL server for the SQL peer and the rebuild (the bench creates and drops a "
          "database bench_<pid> there); empty: the URL in $VENDORMATCH_TEST_PG_DIR/url");
ABSL_FLAG(std::string, out, "bench-results.json", "where the figures go, as JSON");
ABSL_FLAG(int, top_k, 10, "matches per answer");
ABSL_FLAG(int64_t, rebuild_size, -1,
          "providers stored in the registry schema to time LoadSnapshot on; -1: the largest "
          "size; 0: skip");
ABSL_FLAG(int, sql_parallel_workers, 0,
          "max_parallel_workers_per_gather for the SQL peer (0: one core, like ours)");
ABSL_FLAG(uint64_t, seed, 1, "generator seed");
ABSL_FLAG(std::string, scenarios, "",
          "requirements to run, comma-separated keys (bpo_call_centre, kpo_legal, kpo_clinical, "
          "matches_nothing); empty: all");
ABSL_FLAG(bool, sql, true,
          "run the SQL peer and the agreement check (false: ours only, e.g. under a profiler)");
ABSL_FLAG(bool, print_sql, false, "print each SQL peer query (at the first size)");
ABSL_FLAG(bool, explain, false, "print EXPLAIN ANALYZE of each SQL peer query, at every size");
ABSL_FLAG(bool, reference, false,
          "time our side on the pipeline's reference path (no indexes: every filter judges every "
          "live provider) instead of the indexed one; the indexed/reference agreement check runs "
          "either way");

namespace vendormatch::bench {
namespace {

using nlohmann::json;

constexpr int kExitMismatch = 1;
constexpr int kExitSetup = 2;

void Log(const std::string& message) {
  std::fprintf(stderr, "[%s] %s\n",
               absl::FormatTime("%H:%M:%S", absl::Now(), absl::LocalTimeZone()).c_str(),
               message.c_str());
}

// A setup error: unwinds (dropping the scratch database) to Main.
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[noreturn]] void Fail(const std::string& message) { throw SetupError(message); }

// The value of a per-size list flag for the size at `index`.
int RepeatsFor(const std::vector<int64_t>& list, size_t index, int64_t size, int small, int medium,
               int large) {
  if (list.size() == 1) return static_cast<int>(list[0]);
  if (index < list.size()) return static_cast<int>(list[index]);
  return size <= 10'000 ? small : size <= 100'000 ? medium : large;
}

json ToJson(const Latency& l) {
  return {
      {"samples", l.samples}, {"p50_ms", l.p50_ms}, {"p99_ms", l.p99_ms}, {"mean_ms", l.mean_ms}};
}

struct ScenarioRun {
  const Scenario* scenario = nullptr;
  // The shipped profile.
  std::vector<double> ours_seconds;
  int64_t eligible = 0;
  std::string summary;
  std::vector<std::string> top;
  // The mirror profile and the SQL query.
  std::vector<double> mirror_seconds, sql_seconds;
  int64_t mirror_eligible = 0, sql_eligible = 0;
  std::vector<std::string> mirror_top, sql_top;
  double max_total_difference = 0;
  bool checked = false;
  bool match = false;
  std::string mismatch;
  // The indexed and the reference path on the same input (the shipped
  // profile, and the mirror one when the SQL peer runs): one untimed match
  // each.
  bool ref_checked = false;
  bool ref_match = true;
  std::string ref_mismatch;
  double ref_indexed_ms = 0, ref_reference_ms = 0;  // the shipped profile's two matches
};

struct SizeRun {
  int64_t providers = 0;
  int repeats = 0, sql_repeats = 0;
  double generate_seconds = 0;  // the generator, into a vector of v1::Provider
  double build_seconds = 0;     // BuildSnapshot over that vector, what a rebuild does after parsing
  double rss_bytes_per_provider = 0;
  double heap_bytes_per_provider = 0;
  double layout_bytes_per_provider = 0;  // layout.total() / N
  double memory_bytes_per_provider = 0;  // Snapshot::MemoryBytes() / N
  SnapshotBytes layout;                  // summed over the snapshot
  double centres_per_provider = 0, rates_per_provider = 0, certifications_per_provider = 0;
  SqlLoadStats sql_load;
  std::vector<ScenarioRun> scenarios;
  double load_before = 0, load_after = 0;
};

struct Setup {
  std::vector<LoadedPlugin> plugins;
  std::map<std::string, std::shared_ptr<const CompiledProfile>> shipped, mirror;
  std::map<std::string, MirrorParams> mirror_params;
  ExchangeRates rates = ExchangeRates::Default();
  std::vector<Scenario> scenarios = Scenarios();
  int top_k = 10;
  bool reference = false;  // time our side on the reference path
};

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

void RunSize(const Setup& setup, int64_t size, uint64_t seed, SqlPeer* sql, SizeRun& run,
             const SizeRun* first_run) {
  run.providers = size;
  run.load_before = LoadAverage();
  Log(absl::StrCat("size ", size, ": building the snapshot"));
  std::shared_ptr<const Snapshot> snapshot = MakeSnapshot(size, seed, run);
  Log(absl::StrFormat("size %d: built in %.2f s (+%.2f s generating), %.0f B/provider resident",
                      size, run.build_seconds, run.generate_seconds, run.rss_bytes_per_provider));

  std::vector<ValidRequirement> requirements;
  for (const Scenario& s : setup.scenarios) {
    auto req = ValidateRequirement(s.requirement, kToday, nullptr);
    if (!req.ok()) Fail(absl::StrCat(s.key, ": ", req.status().ToString()));
    requirements.push_back(std::move(*req));
  }

  for (size_t i = 0; i < setup.scenarios.size(); ++i) {
    const Scenario& s = setup.scenarios[i];
    ScenarioRun& r = run.scenarios.emplace_back();
    r.scenario = &s;
    const v1::MatchProvidersResponse shipped =
        TimeOurs(setup, *snapshot, *setup.shipped.at(s.profile), requirements[i], run.repeats,
                 r.ours_seconds);
    r.eligible = shipped.eligible_count();
    r.summary = shipped.summary();
    r.top = IdsOf(shipped);
    Log(absl::StrFormat("size %d: %s (%s): p50 %.3f ms%s; %s", size, s.key, s.profile,
                        Percentile(r.ours_seconds, 0.5) * 1e3,
                        setup.reference ? " (reference path)" : "", r.summary));
    std::tie(r.ref_indexed_ms, r.ref_reference_ms) = CheckReference(
        setup, *snapshot, *setup.shipped.at(s.profile), requirements[i], s.profile, r);
    Log(absl::StrFormat("size %d: %s: indexed %.3f ms, reference %.3f ms: %s", size, s.key,
                        r.ref_indexed_ms, r.ref_reference_ms,
                        r.ref_match ? "REF-OK" : "REF-MISMATCH\n" + r.ref_mismatch));
  }

  if (sql == nullptr) return;
  Log(absl::StrCat("size ", size, ": loading PostgreSQL"));
  run.sql_load = sql->Load(*snapshot, setup.rates);
  Log(absl::StrFormat("size %d: COPY %.1f s, indexes + VACUUM ANALYZE %.1f s, %d MB", size,
                      run.sql_load.copy_seconds, run.sql_load.index_seconds,
                      run.sql_load.table_bytes >> 20));
  for (size_t i = 0; i < setup.scenarios.size(); ++i) {
    const Scenario& s = setup.scenarios[i];
    ScenarioRun& r = run.scenarios[i];
    const ValidRequirement mirror_req = MirrorRequirement(requirements[i]);
    const v1::MatchProvidersResponse ours = TimeOurs(setup, *snapshot, *setup.mirror.at(s.profile),
                                                     mirror_req, run.sql_repeats, r.mirror_seconds);
    const std::string name = absl::StrCat("bench_", s.key, "_", size);
    const std::string query = SqlPeer::MirrorQuery(mirror_req, setup.mirror_params.at(s.profile));
    if (absl::GetFlag(FLAGS_print_sql) && &run == first_run) {
      std::printf("-- %s (%s)\n%s;\n\n", s.key.c_str(), s.profile.c_str(), query.c_str());
    }
    if (absl::GetFlag(FLAGS_explain)) {
      std::printf("-- EXPLAIN ANALYZE %s at %lld\n%s\n", s.key.c_str(), (long long)size,
                  sql->Explain(query).c_str());
    }
    sql->Prepare(name, query);
    const SqlAnswer answer = sql->Run(name);
    for (int k = 0; k < run.sql_repeats; ++k) {
      const double start = Now();
      sql->Run(name);
      r.sql_seconds.push_back(Now() - start);
    }
    Compare(ours, answer, r);
    const bool ref_before = r.ref_match;
    CheckReference(setup, *snapshot, *setup.mirror.at(s.profile), mirror_req,
                   absl::StrCat(s.profile, " mirror"), r);
    if (ref_before && !r.ref_match) {
      Log(absl::StrCat("size ", size, ": ", s.key, ": REF-MISMATCH (mirror profile)\n",
                       r.ref_mismatch));
    }
    Log(absl::StrFormat("size %d: %s: mirror p50 %.3f ms, SQL p50 %.3f ms, eligible %d/%d: %s",
                        size, s.key, Percentile(r.mirror_seconds, 0.5) * 1e3,
                        Percentile(r.sql_seconds, 0.5) * 1e3, r.mirror_eligible, r.sql_eligible,
                        r.match ? "MATCH" : "MISMATCH " + r.mismatch));
  }
  sql->Drop();
  run.load_after = LoadAverage();
  Log(absl::StrCat("size ", size, ": freeing the snapshot"));
}

std::vector<double> Pooled(const SizeRun& run, std::vector<double> ScenarioRun::*samples) {
  std::vector<double> all;
  for (const auto& r : run.scenarios) {
    all.insert(all.end(), (r.*samples).begin(), (r.*samples).end());
  }
  return all;
}

double Ratio(double a, double b) { return b > 0 ? a / b : 0; }

// "MATCH REF-OK", "- REF-MISMATCH", ...
std::string CheckText(bool with_sql, bool sql_match, bool ref_match) {
  return absl::StrCat(!with_sql   ? "-"
                      : sql_match ? "MATCH"
                                  : "MISMATCH",
                      " ", ref_match ? "REF-OK" : "REF-MISMATCH");
}

void PrintReport(const std::vector<SizeRun>& runs, const std::optional<RebuildStats>& rebuild,
                 bool with_sql, bool reference) {
  std::printf("\nSnapshot (BuildSnapshot: one segment)\n");
  std::printf("%10s %10s %10s %14s %14s %14s %14s\n", "providers", "build s", "gen s", "RSS B/prov",
              "heap B/prov", "layout B/prov", "MemoryBytes/p");
  for (const auto& r : runs) {
    std::printf("%10lld %10.2f %10.2f %14.0f %14.0f %14.0f %14.0f\n", (long long)r.providers,
                r.build_seconds, r.generate_seconds, r.rss_bytes_per_provider,
                r.heap_bytes_per_provider, r.layout_bytes_per_provider,
                r.memory_bytes_per_provider);
  }
  for (const auto& r : runs) {
    const double n = static_cast<double>(std::max<int64_t>(r.providers, 1));
    const SnapshotBytes& b = r.layout;
    std::printf(
        "%10lld by part (B/prov): records %.1f, text %.1f, symbol lists %.1f, centres %.1f "
        "(%.2f each), certifications %.1f (%.2f), rates %.1f (%.2f), indexes %.1f, live %.2f\n",
        (long long)r.providers, double(b.records) / n, double(b.text) / n, double(b.symbols) / n,
        double(b.centres) / n, r.centres_per_provider, double(b.certifications) / n,
        r.certifications_per_provider, double(b.rates) / n, r.rates_per_provider,
        double(b.indexes) / n, double(b.live) / n);
  }
  std::printf(
      "\nLatency per match, one thread (ms). ours = shipped profile%s; mirror = the "
      "profile SQL reproduces; SQL = one query; check: SQL vs mirror, then indexed vs "
      "reference path\n",
      reference ? " on the reference path (--reference)" : "");
  std::printf("%10s %-16s %-16s %9s %8s %9s %9s %9s %9s %9s %9s %8s %8s %-8s\n", "providers",
              "requirement", "profile", "eligible", "n", "ours p50", "ours p99", "mirr p50",
              "mirr p99", "SQL p50", "SQL p99", "SQL/ours", "SQL/mirr", "check");
  for (const auto& run : runs) {
    auto line = [&](const std::string& name, const std::string& profile, const std::string& elig,
                    const std::vector<double>& ours, const std::vector<double>& mirror,
                    const std::vector<double>& sql, const std::string& check) {
      const Latency o = Summarise(ours), m = Summarise(mirror), s = Summarise(sql);
      std::printf(
          "%10lld %-16s %-16s %9s %8s %9.3f %9.3f %9.3f %9.3f %9.2f %9.2f %8.1f %8.1f %-8s\n",
          (long long)run.providers, name.c_str(), profile.c_str(), elig.c_str(),
          absl::StrCat(o.samples, "/", s.samples).c_str(), o.p50_ms, o.p99_ms, m.p50_ms, m.p99_ms,
          s.p50_ms, s.p99_ms, Ratio(s.p50_ms, o.p50_ms), Ratio(s.p50_ms, m.p50_ms), check.c_str());
    };
    for (const auto& r : run.scenarios) {
      line(r.scenario->key, r.scenario->profile, absl::StrCat(r.eligible), r.ours_seconds,
           r.mirror_seconds, r.sql_seconds, CheckText(with_sql, r.match, r.ref_match));
    }
    bool all = with_sql, all_ref = true;
    for (const auto& r : run.scenarios) {
      all = all && r.match;
      all_ref = all_ref && r.ref_checked && r.ref_match;
    }
    line("(mix)", "", "", Pooled(run, &ScenarioRun::ours_seconds),
         Pooled(run, &ScenarioRun::mirror_seconds), Pooled(run, &ScenarioRun::sql_seconds),
         CheckText(with_sql, all, all_ref));
  }
  std::printf(
      "\nIndexed vs reference path, one untimed match each (shipped profile, ms)\n"
      "%10s %-16s %10s %10s %8s\n",
      "providers", "requirement", "indexed", "reference", "ratio");
  for (const auto& run : runs) {
    for (const auto& r : run.scenarios) {
      std::printf("%10lld %-16s %10.3f %10.3f %8.1f\n", (long long)run.providers,
                  r.scenario->key.c_str(), r.ref_indexed_ms, r.ref_reference_ms,
                  Ratio(r.ref_reference_ms, r.ref_indexed_ms));
    }
  }
  for (const auto& run : runs) {
    for (const auto& r : run.scenarios) {
      if (r.checked && !r.match) {
        std::printf("MISMATCH at %lld, %s: %s\n", (long long)run.providers, r.scenario->key.c_str(),
                    r.mismatch.c_str());
      }
      if (!r.ref_match) {
        std::printf("REF-MISMATCH at %lld, %s: %s\n", (long long)run.providers,
                    r.scenario->key.c_str(), r.ref_mismatch.c_str());
      }
    }
  }
  if (rebuild) {
    std::printf("\nRebuild from PostgreSQL (LoadSnapshot over the registry schema)\n");
    std::printf(
        "%10lld providers stored in %.1f s (body %.0f B mean); LoadSnapshot %.2f s "
        "(%lld loaded, %.0f providers/s)\n",
        (long long)rebuild->providers, rebuild->store_seconds, rebuild->body_bytes_mean,
        rebuild->rebuild_seconds, (long long)rebuild->loaded,
        Ratio(double(rebuild->loaded), rebuild->rebuild_seconds));
  }
}

json Report(const std::vector<SizeRun>& runs, const std::optional<RebuildStats>& rebuild, bool ok,
            double seconds) {
  json out;
  out["machine"] = {{"nproc", std::thread::hardware_concurrency()},
                    {"cpu", CpuModel()},
                    {"load_average_end", LoadAverage()}};
  out["settings"] = {{"sizes", absl::GetFlag(FLAGS_sizes)},
                     {"quick", absl::GetFlag(FLAGS_quick)},
                     {"top_k", absl::GetFlag(FLAGS_top_k)},
                     {"seed", absl::GetFlag(FLAGS_seed)},
                     {"today", absl::FormatCivilTime(kToday)},
                     {"sql_parallel_workers", absl::GetFlag(FLAGS_sql_parallel_workers)},
                     {"reference", absl::GetFlag(FLAGS_reference)},
                     {"sql_session", "jit off, work_mem 256MB, prepared statements (planned once)"},
                     {"generator", "active_share 1.0 (every provider active)"}};
  json sizes = json::array();
  for (const auto& run : runs) {
    json s;
    const double n = static_cast<double>(std::max<int64_t>(run.providers, 1));
    s["providers"] = run.providers;
    s["repeats"] = run.repeats;
    s["sql_repeats"] = run.sql_repeats;
    s["load_average"] = {run.load_before, run.load_after};
    s["snapshot"] = {{"build_seconds", run.build_seconds},
                     {"generate_seconds", run.generate_seconds},
                     {"rss_bytes_per_provider", run.rss_bytes_per_provider},
                     {"heap_bytes_per_provider", run.heap_bytes_per_provider},
                     {"layout_bytes_per_provider", run.layout_bytes_per_provider},
                     {"memory_bytes_per_provider", run.memory_bytes_per_provider},
                     {"layout_by_part_bytes_per_provider",
                      {{"records", double(run.layout.records) / n},
                       {"text", double(run.layout.text) / n},
                       {"symbol_lists", double(run.layout.symbols) / n},
                       {"centres", double(run.layout.centres) / n},
                       {"certifications", double(run.layout.certifications) / n},
                       {"rates", double(run.layout.rates) / n},
                       {"indexes", double(run.layout.indexes) / n},
                       {"live", double(run.layout.live) / n}}},
                     {"centres_per_provider", run.centres_per_provider},
                     {"rates_per_provider", run.rates_per_provider},
                     {"certifications_per_provider", run.certifications_per_provider}};
    s["sql_load"] = {{"providers", run.sql_load.providers},
                     {"centres", run.sql_load.centres},
                     {"rates", run.sql_load.rates},
                     {"certifications", run.sql_load.certifications},
                     {"copy_seconds", run.sql_load.copy_seconds},
                     {"index_seconds", run.sql_load.index_seconds},
                     {"table_bytes", run.sql_load.table_bytes}};
    const Latency ours = Summarise(Pooled(run, &ScenarioRun::ours_seconds));
    const Latency mirror = Summarise(Pooled(run, &ScenarioRun::mirror_seconds));
    const Latency sql = Summarise(Pooled(run, &ScenarioRun::sql_seconds));
    s["mix"] = {{"ours", ToJson(ours)},
                {"mirror", ToJson(mirror)},
                {"sql", ToJson(sql)},
                {"speedup_sql_over_ours", Ratio(sql.p50_ms, ours.p50_ms)},
                {"speedup_sql_over_mirror", Ratio(sql.p50_ms, mirror.p50_ms)}};
    json scenarios = json::array();
    for (const auto& r : run.scenarios) {
      const Latency o = Summarise(r.ours_seconds), m = Summarise(r.mirror_seconds),
                    q = Summarise(r.sql_seconds);
      scenarios.push_back({{"key", r.scenario->key},
                           {"requirement", r.scenario->summary},
                           {"profile", r.scenario->profile},
                           {"eligible", r.eligible},
                           {"summary", r.summary},
                           {"top", r.top},
                           {"ours", ToJson(o)},
                           {"mirror", ToJson(m)},
                           {"sql", ToJson(q)},
                           {"speedup_sql_over_ours", Ratio(q.p50_ms, o.p50_ms)},
                           {"speedup_sql_over_mirror", Ratio(q.p50_ms, m.p50_ms)},
                           {"check",
                            {{"done", r.checked},
                             {"match", r.match},
                             {"mirror_eligible", r.mirror_eligible},
                             {"sql_eligible", r.sql_eligible},
                             {"mirror_top", r.mirror_top},
                             {"sql_top", r.sql_top},
                             {"max_total_difference", r.max_total_difference},
                             {"problems", r.mismatch}}},
                           {"reference_check",
                            {{"done", r.ref_checked},
                             {"match", r.ref_match},
                             {"indexed_ms", r.ref_indexed_ms},
                             {"reference_ms", r.ref_reference_ms},
                             {"problems", r.ref_mismatch}}}});
    }
    s["scenarios"] = scenarios;
    sizes.push_back(s);
  }
  out["sizes"] = sizes;
  if (rebuild) {
    out["rebuild"] = {{"providers", rebuild->providers},
                      {"loaded", rebuild->loaded},
                      {"store_seconds", rebuild->store_seconds},
                      {"body_bytes_mean", rebuild->body_bytes_mean},
                      {"rebuild_seconds", rebuild->rebuild_seconds}};
  }
  out["ok"] = ok;
  out["wall_seconds"] = seconds;
  return out;
}

int Main() {
  const double start = Now();
  const bool quick = absl::GetFlag(FLAGS_quick);
  std::vector<int64_t> sizes, repeats, sql_repeats;
  if (!ParseIntList(quick ? "10000" : absl::GetFlag(FLAGS_sizes), sizes) || sizes.empty() ||
      !ParseIntList(quick ? "5" : absl::GetFlag(FLAGS_repeats), repeats) ||
      !ParseIntList(quick ? "3" : absl::GetFlag(FLAGS_sql_repeats), sql_repeats)) {
    Fail("--sizes, --repeats and --sql_repeats take comma-separated numbers");
  }
  for (int64_t s : sizes) {
    if (s <= 0) Fail("sizes must be positive");
  }
  std::string url = absl::GetFlag(FLAGS_database_url);
  if (url.empty()) url = DefaultUrl();
  if (url.empty() && absl::GetFlag(FLAGS_sql)) {
    Fail(
        "no PostgreSQL: pass --database_url (tests/pg/cluster start DIR prints one) or set "
        "VENDORMATCH_TEST_PG_DIR");
  }
  const int64_t largest = *std::max_element(sizes.begin(), sizes.end());
  const int64_t rebuild_size = quick ? 10'000
                               : absl::GetFlag(FLAGS_rebuild_size) < 0
                                   ? largest
                                   : absl::GetFlag(FLAGS_rebuild_size);

  Log(absl::StrFormat("%d cores (%s), load %.2f", std::thread::hardware_concurrency(), CpuModel(),
                      LoadAverage()));
  Setup setup = Prepare(absl::GetFlag(FLAGS_plugin_dir), absl::GetFlag(FLAGS_top_k),
                        absl::GetFlag(FLAGS_scenarios));
  setup.reference = absl::GetFlag(FLAGS_reference);
  const bool with_sql = absl::GetFlag(FLAGS_sql);

  std::vector<SizeRun> runs;
  std::optional<RebuildStats> rebuild;
  try {
    std::unique_ptr<ScratchDatabase> database;
    std::unique_ptr<pqxx::connection> connection;
    std::unique_ptr<SqlPeer> sql;
    if (with_sql) {
      database = std::make_unique<ScratchDatabase>(url, absl::StrCat("bench_", getpid()));
      connection = std::make_unique<pqxx::connection>(database->url());
      sql = std::make_unique<SqlPeer>(*connection);
      sql->Configure(absl::GetFlag(FLAGS_sql_parallel_workers));
    }
    runs.reserve(sizes.size());
    for (size_t i = 0; i < sizes.size(); ++i) {
      SizeRun& run = runs.emplace_back();
      run.repeats = RepeatsFor(repeats, i, sizes[i], 200, 50, 10);
      run.sql_repeats = RepeatsFor(sql_repeats, i, sizes[i], 50, 20, 5);
      RunSize(setup, sizes[i], absl::GetFlag(FLAGS_seed), sql.get(), run, &runs.front());
      TrimHeap();
    }
    if (with_sql && rebuild_size > 0) {
      Log(absl::StrCat("rebuild: storing ", rebuild_size, " providers in the registry schema"));
      GeneratorOptions options;
      options.seed = absl::GetFlag(FLAGS_seed);
      options.active_share = 1.0;
      options.suspended_share = 0;
      auto stats = MeasureRebuild(database->url(), rebuild_size, options);
      if (!stats.ok()) Fail(stats.status().ToString());
      rebuild = *stats;
      Log(absl::StrFormat("rebuild: stored in %.1f s; LoadSnapshot %.2f s", rebuild->store_seconds,
                          rebuild->rebuild_seconds));
    }
  } catch (const SetupError& e) {
    Log(absl::StrCat("error: ", e.what()));
    return kExitSetup;
  } catch (const std::exception& e) {
    Log(absl::StrCat("error: PostgreSQL: ", e.what()));
    return kExitSetup;
  }

  bool sql_ok = true, ref_ok = true;
  for (const auto& run : runs) {
    for (const auto& r : run.scenarios) {
      sql_ok = sql_ok && (!with_sql || (r.checked && r.match));
      ref_ok = ref_ok && r.ref_checked && r.ref_match;
    }
  }
  const bool ok = sql_ok && ref_ok;
  PrintReport(runs, rebuild, with_sql, setup.reference);
  const json report = Report(runs, rebuild, ok, Now() - start);
  std::ofstream out(absl::GetFlag(FLAGS_out));
  out << report.dump(2) << "\n";
  if (!out) Fail(absl::StrCat("cannot write ", absl::GetFlag(FLAGS_out)));
  std::printf("\n%s; %s; figures in %s (%.0f s)\n",
              !with_sql ? "SQL peer not run"
              : sql_ok  ? "SQL and ours agree on every requirement"
                        : "MISMATCH between SQL and ours",
              ref_ok ? "indexed and reference paths agree on every requirement"
                     : "REF-MISMATCH between the indexed and reference paths",
              absl::GetFlag(FLAGS_out).c_str(), Now() - start);
  return ok ? 0 : kExitMismatch;
}

}  // namespace
}  // namespace vendormatch::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Matching benchmark: latency at 10k/100k/1M providers against the same match in SQL");
  absl::ParseCommandLine(argc, argv);
  try {
    return vendormatch::bench::Main();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "match_bench: %s\n", e.what());
    return 2;
  }
}
