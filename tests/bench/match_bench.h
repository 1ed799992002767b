// The parts of match_bench (match_bench.cc): what one run measures per
// registry size and per requirement, the shared setup (plugins, shipped and
// mirror profiles), the measuring (match_bench_run.cc) and the report
// (match_bench_report.cc). Single-threaded; not a library.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "services/matching/exchange_rates.h"
#include "services/matching/pipeline.h"
#include "services/matching/plugin_loader.h"
#include "services/matching/profiles.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/registry_rebuild.h"
#include "tests/bench/scenarios.h"
#include "tests/bench/sql_peer.h"

namespace vendormatch::bench::match_bench {

// A line on stderr, stamped with the local time.
void Log(const std::string& message);

// A setup error: unwinds (dropping the scratch database) to Main.
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws SetupError(message).
[[noreturn]] void Fail(const std::string& message);

// What one requirement measured at one size.
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

// What one registry size measured.
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

// What every size shares.
struct Setup {
  std::vector<LoadedPlugin> plugins;
  std::map<std::string, std::shared_ptr<const CompiledProfile>> shipped, mirror;
  std::map<std::string, MirrorParams> mirror_params;
  ExchangeRates rates = ExchangeRates::Default();
  std::vector<Scenario> scenarios = Scenarios();
  int top_k = 10;
  bool reference = false;  // time our side on the reference path
  bool print_sql = false;  // print each SQL peer query (at the first size)
  bool explain = false;    // print EXPLAIN ANALYZE of each SQL peer query, at every size
};

// Loads the plugins of `plugin_dir` and compiles each shipped profile and its
// mirror; `only` (comma-separated keys, empty for all) picks the scenarios.
// Fails (SetupError) on an unknown key, a plugin or a profile that does not load.
Setup Prepare(const std::string& plugin_dir, int top_k, const std::string& only);

// Measures one registry size into `run` (whose repeats are set): builds the
// snapshot of `size` generated providers, times every scenario with the
// shipped profile and checks the indexed path against the reference one;
// then, when `sql` is not null, loads the providers into PostgreSQL and times
// and checks the mirror profile against the SQL query. `first_run` is the
// first size's run (the SQL is printed there only). Fails (SetupError) when a
// scenario or a match fails.
void RunSize(const Setup& setup, int64_t size, uint64_t seed, SqlPeer* sql, SizeRun& run,
             const SizeRun* first_run);

// The tables of the run on stdout: snapshot figures, latencies, indexed vs
// reference path, mismatches and (when measured) the rebuild.
void PrintReport(const std::vector<SizeRun>& runs, const std::optional<RebuildStats>& rebuild,
                 bool with_sql, bool reference);

// The figures as JSON: the machine, `settings` as given, each size, the
// rebuild, whether everything agreed and the wall time.
nlohmann::json Report(const std::vector<SizeRun>& runs, const std::optional<RebuildStats>& rebuild,
                      const nlohmann::json& settings, bool ok, double seconds);

}  // namespace vendormatch::bench::match_bench
