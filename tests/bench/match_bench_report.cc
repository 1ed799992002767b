// match_bench's report: the tables it prints and the figures it writes as
// JSON.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/bench/match_bench.h"

namespace vendormatch::bench::match_bench {
namespace {

using nlohmann::json;

json ToJson(const Latency& l) {
  return {
      {"samples", l.samples}, {"p50_ms", l.p50_ms}, {"p99_ms", l.p99_ms}, {"mean_ms", l.mean_ms}};
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

// ---------------------------------------------------------------------------
// Tables.

// Build time and memory per provider, in all and by part of the layout.
void PrintSnapshotTable(const std::vector<SizeRun>& runs) {
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
}

// Latency per requirement and pooled over them, ours against SQL.
void PrintLatencyTable(const std::vector<SizeRun>& runs, bool with_sql, bool reference) {
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
}

// One untimed match on each path, per requirement (the shipped profile).
void PrintReferenceTable(const std::vector<SizeRun>& runs) {
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
}

void PrintMismatches(const std::vector<SizeRun>& runs) {
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
}

void PrintRebuild(const RebuildStats& rebuild) {
  std::printf("\nRebuild from PostgreSQL (LoadSnapshot over the registry schema)\n");
  std::printf(
      "%10lld providers stored in %.1f s (body %.0f B mean); LoadSnapshot %.2f s "
      "(%lld loaded, %.0f providers/s)\n",
      (long long)rebuild.providers, rebuild.store_seconds, rebuild.body_bytes_mean,
      rebuild.rebuild_seconds, (long long)rebuild.loaded,
      Ratio(double(rebuild.loaded), rebuild.rebuild_seconds));
}

// ---------------------------------------------------------------------------
// JSON.

json SnapshotJson(const SizeRun& run) {
  const double n = static_cast<double>(std::max<int64_t>(run.providers, 1));
  return {{"build_seconds", run.build_seconds},
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
}

json SqlLoadJson(const SizeRun& run) {
  return {{"providers", run.sql_load.providers},
          {"centres", run.sql_load.centres},
          {"rates", run.sql_load.rates},
          {"certifications", run.sql_load.certifications},
          {"copy_seconds", run.sql_load.copy_seconds},
          {"index_seconds", run.sql_load.index_seconds},
          {"table_bytes", run.sql_load.table_bytes}};
}

// The pooled latencies of every requirement at one size.
json MixJson(const SizeRun& run) {
  const Latency ours = Summarise(Pooled(run, &ScenarioRun::ours_seconds));
  const Latency mirror = Summarise(Pooled(run, &ScenarioRun::mirror_seconds));
  const Latency sql = Summarise(Pooled(run, &ScenarioRun::sql_seconds));
  return {{"ours", ToJson(ours)},
          {"mirror", ToJson(mirror)},
          {"sql", ToJson(sql)},
          {"speedup_sql_over_ours", Ratio(sql.p50_ms, ours.p50_ms)},
          {"speedup_sql_over_mirror", Ratio(sql.p50_ms, mirror.p50_ms)}};
}

json ScenarioJson(const ScenarioRun& r) {
  const Latency o = Summarise(r.ours_seconds), m = Summarise(r.mirror_seconds),
                q = Summarise(r.sql_seconds);
  return {{"key", r.scenario->key},
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
            {"problems", r.ref_mismatch}}}};
}

json SizeJson(const SizeRun& run) {
  json s;
  s["providers"] = run.providers;
  s["repeats"] = run.repeats;
  s["sql_repeats"] = run.sql_repeats;
  s["load_average"] = {run.load_before, run.load_after};
  s["snapshot"] = SnapshotJson(run);
  s["sql_load"] = SqlLoadJson(run);
  s["mix"] = MixJson(run);
  json scenarios = json::array();
  for (const auto& r : run.scenarios) scenarios.push_back(ScenarioJson(r));
  s["scenarios"] = scenarios;
  return s;
}

}  // namespace

void PrintReport(const std::vector<SizeRun>& runs, const std::optional<RebuildStats>& rebuild,
                 bool with_sql, bool reference) {
  PrintSnapshotTable(runs);
  PrintLatencyTable(runs, with_sql, reference);
  PrintReferenceTable(runs);
  PrintMismatches(runs);
  if (rebuild) PrintRebuild(*rebuild);
}

json Report(const std::vector<SizeRun>& runs, const std::optional<RebuildStats>& rebuild,
            const json& settings, bool ok, double seconds) {
  json out;
  out["machine"] = {{"nproc", std::thread::hardware_concurrency()},
                    {"cpu", CpuModel()},
                    {"load_average_end", LoadAverage()}};
  out["settings"] = settings;
  json sizes = json::array();
  for (const auto& run : runs) sizes.push_back(SizeJson(run));
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

}  // namespace vendormatch::bench::match_bench
