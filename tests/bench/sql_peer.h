// The SQL peer of the benchmark: the snapshot's providers in PostgreSQL
// tables designed for matching in SQL, and one query per requirement that
// filters and scores as the mirror profile (scenarios.h) does.
#pragma once

#include <cstdint>
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/matching/exchange_rates.h"
#include "services/matching/requirement.h"
#include "services/matching/snapshot.h"
#include "vendormatch/plugin_sdk.h"
#include "vendormatch/v1/profile.pb.h"

namespace vendormatch::bench {

// What the mirror query needs to know of the profile: scorer weights in
// profile order, and the settings of the plugins whose formulas it copies
// (as text, so SQL parses the same numbers the plugins did).
struct MirrorParams {
  struct Scorer {
    std::string plugin;  // "rate" or "quality"
    double weight = 0;
  };
  std::vector<Scorer> scorers;
  std::string rate_currency = "USD";
  std::string prior_rating = "3.5";
  std::string prior_reviews = "20";
  std::string sla_weight = "0.3";
  std::string rating_floor = "3";
  std::string sla_floor = "80";
  bool filter_advised = false;
  int top_k = 10;
};

// The mirror profile's scorers and settings (profile values over the
// plugins' defaults, as CompileProfile merges them).
MirrorParams MirrorParamsOf(
    const v1::Profile& mirror,
    const std::vector<std::pair<std::string, std::map<std::string, std::string>>>& plugin_defaults,
    int top_k);

struct SqlLoadStats {
  int64_t providers = 0, centres = 0, rates = 0, certifications = 0;
  double copy_seconds = 0;
  double index_seconds = 0;  // indexes, VACUUM ANALYZE
  int64_t table_bytes = 0;   // pg_total_relation_size of the bench tables
};

struct SqlAnswer {
  int64_t eligible = 0;
  std::vector<std::string> ids;  // top K, best first
  std::vector<double> totals;
};

// Not thread-safe; owns nothing but the names of its prepared statements.
class SqlPeer {
 public:
  explicit SqlPeer(pqxx::connection& connection) : connection_(connection) {}

  // (Re)creates the bench tables and loads the live providers of
  // `snapshot` with COPY (codes as the dictionary's text), then indexes and
  // analyses them. `rates` become the bench_fx table.
  SqlLoadStats Load(const Snapshot& snapshot, const ExchangeRates& rates);

  // Drops the bench tables.
  void Drop();

  // The one statement that answers `requirement` (a MirrorRequirement: its
  // codes as text and the SDK fields) as the mirror profile described by
  // `params` does.
  static std::string MirrorQuery(const ValidRequirement& requirement, const MirrorParams& params);

  // Prepares `sql` as `name` (planned once, so timing excludes planning).
  void Prepare(const std::string& name, const std::string& sql);
  SqlAnswer Run(const std::string& name);
  // EXPLAIN (ANALYZE, BUFFERS) of `sql`, as text.
  std::string Explain(const std::string& sql);

  // Session settings for the timed queries (parallel workers, JIT, memory).
  void Configure(int parallel_workers);

 private:
  pqxx::connection& connection_;
};

}  // namespace vendormatch::bench
