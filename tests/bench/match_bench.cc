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
#include "tests/bench/match_bench.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "nlohmann/json.hpp"
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

namespace vendormatch::bench::match_bench {
namespace {

using nlohmann::json;

constexpr int kExitMismatch = 1;
constexpr int kExitSetup = 2;

// The value of a per-size list flag for the size at `index`.
int RepeatsFor(const std::vector<int64_t>& list, size_t index, int64_t size, int small, int medium,
               int large) {
  if (list.size() == 1) return static_cast<int>(list[0]);
  if (index < list.size()) return static_cast<int>(list[index]);
  return size <= 10'000 ? small : size <= 100'000 ? medium : large;
}

// What the flags ask for: the sizes, the repeats at each, the database and
// the size of the rebuild.
struct Plan {
  std::vector<int64_t> sizes, repeats, sql_repeats;
  std::string url;           // the PostgreSQL server; may be empty with --nosql
  int64_t rebuild_size = 0;  // 0: no rebuild
};

// The plan of the flags. Fails (SetupError) on bad numbers or no database.
Plan ReadPlan() {
  Plan plan;
  const bool quick = absl::GetFlag(FLAGS_quick);
  if (!ParseIntList(quick ? "10000" : absl::GetFlag(FLAGS_sizes), plan.sizes) ||
      plan.sizes.empty() ||
      !ParseIntList(quick ? "5" : absl::GetFlag(FLAGS_repeats), plan.repeats) ||
      !ParseIntList(quick ? "3" : absl::GetFlag(FLAGS_sql_repeats), plan.sql_repeats)) {
    Fail("--sizes, --repeats and --sql_repeats take comma-separated numbers");
  }
  for (int64_t s : plan.sizes) {
    if (s <= 0) Fail("sizes must be positive");
  }
  plan.url = absl::GetFlag(FLAGS_database_url);
  if (plan.url.empty()) plan.url = DefaultUrl();
  if (plan.url.empty() && absl::GetFlag(FLAGS_sql)) {
    Fail(
        "no PostgreSQL: pass --database_url (tests/pg/cluster start DIR prints one) or set "
        "VENDORMATCH_TEST_PG_DIR");
  }
  const int64_t largest = *std::max_element(plan.sizes.begin(), plan.sizes.end());
  plan.rebuild_size = quick                                   ? 10'000
                      : absl::GetFlag(FLAGS_rebuild_size) < 0 ? largest
                                                              : absl::GetFlag(FLAGS_rebuild_size);
  return plan;
}

// Stores `size` providers in the registry schema of `url` and times
// LoadSnapshot over them. Fails (SetupError) when it cannot.
RebuildStats Rebuild(const std::string& url, int64_t size) {
  Log(absl::StrCat("rebuild: storing ", size, " providers in the registry schema"));
  GeneratorOptions options;
  options.seed = absl::GetFlag(FLAGS_seed);
  options.active_share = 1.0;
  options.suspended_share = 0;
  auto stats = MeasureRebuild(url, size, options);
  if (!stats.ok()) Fail(stats.status().ToString());
  Log(absl::StrFormat("rebuild: stored in %.1f s; LoadSnapshot %.2f s", stats->store_seconds,
                      stats->rebuild_seconds));
  return *stats;
}

// Runs every size of `plan` (in a scratch database when `with_sql`) into
// `runs`, then the rebuild. kExitSetup (after logging why) when setting up
// or PostgreSQL fails, else 0.
int Measure(const Setup& setup, const Plan& plan, bool with_sql, std::vector<SizeRun>& runs,
            std::optional<RebuildStats>& rebuild) {
  try {
    std::unique_ptr<ScratchDatabase> database;
    std::unique_ptr<pqxx::connection> connection;
    std::unique_ptr<SqlPeer> sql;
    if (with_sql) {
      database = std::make_unique<ScratchDatabase>(plan.url, absl::StrCat("bench_", getpid()));
      connection = std::make_unique<pqxx::connection>(database->url());
      sql = std::make_unique<SqlPeer>(*connection);
      sql->Configure(absl::GetFlag(FLAGS_sql_parallel_workers));
    }
    runs.reserve(plan.sizes.size());
    for (size_t i = 0; i < plan.sizes.size(); ++i) {
      SizeRun& run = runs.emplace_back();
      run.repeats = RepeatsFor(plan.repeats, i, plan.sizes[i], 200, 50, 10);
      run.sql_repeats = RepeatsFor(plan.sql_repeats, i, plan.sizes[i], 50, 20, 5);
      RunSize(setup, plan.sizes[i], absl::GetFlag(FLAGS_seed), sql.get(), run, &runs.front());
      TrimHeap();
    }
    if (with_sql && plan.rebuild_size > 0) rebuild = Rebuild(database->url(), plan.rebuild_size);
  } catch (const SetupError& e) {
    Log(absl::StrCat("error: ", e.what()));
    return kExitSetup;
  } catch (const std::exception& e) {
    Log(absl::StrCat("error: PostgreSQL: ", e.what()));
    return kExitSetup;
  }
  return 0;
}

// The run's settings, for the report.
json Settings() {
  return {{"sizes", absl::GetFlag(FLAGS_sizes)},
          {"quick", absl::GetFlag(FLAGS_quick)},
          {"top_k", absl::GetFlag(FLAGS_top_k)},
          {"seed", absl::GetFlag(FLAGS_seed)},
          {"today", absl::FormatCivilTime(kToday)},
          {"sql_parallel_workers", absl::GetFlag(FLAGS_sql_parallel_workers)},
          {"reference", absl::GetFlag(FLAGS_reference)},
          {"sql_session", "jit off, work_mem 256MB, prepared statements (planned once)"},
          {"generator", "active_share 1.0 (every provider active)"}};
}

// Prints the tables and the verdict and writes the JSON report; the exit
// status of the run (kExitMismatch when SQL and ours, or the two paths,
// disagree). Fails (SetupError) when the report cannot be written.
int Finish(const std::vector<SizeRun>& runs, const std::optional<RebuildStats>& rebuild,
           bool with_sql, bool reference, double start) {
  bool sql_ok = true, ref_ok = true;
  for (const auto& run : runs) {
    for (const auto& r : run.scenarios) {
      sql_ok = sql_ok && (!with_sql || (r.checked && r.match));
      ref_ok = ref_ok && r.ref_checked && r.ref_match;
    }
  }
  const bool ok = sql_ok && ref_ok;
  PrintReport(runs, rebuild, with_sql, reference);
  const json report = Report(runs, rebuild, Settings(), ok, Now() - start);
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

int Main() {
  const double start = Now();
  const Plan plan = ReadPlan();
  Log(absl::StrFormat("%d cores (%s), load %.2f", std::thread::hardware_concurrency(), CpuModel(),
                      LoadAverage()));
  Setup setup = Prepare(absl::GetFlag(FLAGS_plugin_dir), absl::GetFlag(FLAGS_top_k),
                        absl::GetFlag(FLAGS_scenarios));
  setup.reference = absl::GetFlag(FLAGS_reference);
  setup.print_sql = absl::GetFlag(FLAGS_print_sql);
  setup.explain = absl::GetFlag(FLAGS_explain);
  const bool with_sql = absl::GetFlag(FLAGS_sql);

  std::vector<SizeRun> runs;
  std::optional<RebuildStats> rebuild;
  if (const int code = Measure(setup, plan, with_sql, runs, rebuild); code != 0) return code;
  return Finish(runs, rebuild, with_sql, setup.reference, start);
}

}  // namespace
}  // namespace vendormatch::bench::match_bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Matching benchmark: latency at 10k/100k/1M providers against the same match in SQL");
  absl::ParseCommandLine(argc, argv);
  try {
    return vendormatch::bench::match_bench::Main();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "match_bench: %s\n", e.what());
    return 2;
  }
}
