// The SQL peer's tables: their schema, loading a snapshot into them, the
// session settings and running the prepared queries. The mirror query itself
// is written in sql_peer_query.cc.
#include "tests/bench/sql_peer.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/reference_data.h"
#include "services/storage/database.h"
#include "tests/bench/bench_util.h"
#include "tests/bench/sql_peer_internal.h"

namespace vendormatch::bench {
namespace sql_peer_internal {

std::vector<std::string> ProperPrefixes(const std::string& tag) {
  std::vector<std::string> out;
  for (size_t i = tag.find('-'); i != std::string::npos; i = tag.find('-', i + 1)) {
    if (i > 0) out.push_back(tag.substr(0, i));
  }
  return out;
}

std::vector<std::string> Unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::string DateText(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

const char* ModelName(sdk::ServiceModel m) {
  return m == sdk::ServiceModel::kBpo ? "BPO" : m == sdk::ServiceModel::kKpo ? "KPO" : "";
}

}  // namespace sql_peer_internal

namespace {

using sql_peer_internal::DateText;
using sql_peer_internal::ModelName;
using sql_peer_internal::ProperPrefixes;
using sql_peer_internal::Unique;

std::string DateOrNull(sdk::DayNumber day) {
  return day == sdk::kNoDay ? std::string() : DateText(sdk::CivilDayOf(day));
}

constexpr char kSchema[] = R"sql(
DROP TABLE IF EXISTS bench_providers, bench_centres, bench_rates, bench_certs, bench_fx;
DROP FUNCTION IF EXISTS bench_convert(bigint, bigint, bigint, bigint, bigint);
-- One row per active provider, with the list-valued facts the filters test
-- as arrays (GIN-indexed).
CREATE UNLOGGED TABLE bench_providers (
  id                text COLLATE "C" PRIMARY KEY,
  service_models    text[] NOT NULL,   -- 'BPO', 'KPO'
  services          text[] NOT NULL,   -- catalogue codes
  languages         text[] NOT NULL,   -- tags, lower case, '-' separated
  language_prefixes text[] NOT NULL,   -- every tag and its subtag prefixes
  cert_codes        text[] NOT NULL,   -- codes held (any validity)
  rating            float8 NOT NULL,
  review_count      int NOT NULL,
  sla               float8 NOT NULL,   -- SLA attainment percent
  min_headcount     int NOT NULL
);
CREATE UNLOGGED TABLE bench_centres (
  provider_id text COLLATE "C" NOT NULL,
  country     text NOT NULL,
  seats       int NOT NULL,
  headcount   int NOT NULL
);
CREATE UNLOGGED TABLE bench_rates (
  provider_id text COLLATE "C" NOT NULL,
  service     text NOT NULL,           -- '' for every service
  seniority   int NOT NULL,            -- 0 any, 1 junior .. 4 expert
  currency    text NOT NULL,
  minor_units bigint NOT NULL
);
CREATE UNLOGGED TABLE bench_certs (
  provider_id text COLLATE "C" NOT NULL,
  code        text NOT NULL,
  issued      date,
  expires     date                     -- last valid day
);
-- Exchange rates as the matcher holds them: nano-USD per major unit.
CREATE UNLOGGED TABLE bench_fx (
  code     text PRIMARY KEY,
  nano_usd bigint NOT NULL,
  unit     bigint NOT NULL             -- 10^minor digits
);
-- minor units of one currency in another, rounded half away from zero,
-- in exact arithmetic (as ExchangeRates::Convert).
CREATE FUNCTION bench_convert(minor bigint, from_nano bigint, from_unit bigint,
                              to_nano bigint, to_unit bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (CASE
    WHEN 2 * mod(minor::numeric * from_nano * to_unit, to_nano::numeric * from_unit)
         >= to_nano::numeric * from_unit
      THEN div(minor::numeric * from_nano * to_unit, to_nano::numeric * from_unit) + 1
    WHEN 2 * mod(minor::numeric * from_nano * to_unit, to_nano::numeric * from_unit)
         <= -(to_nano::numeric * from_unit)
      THEN div(minor::numeric * from_nano * to_unit, to_nano::numeric * from_unit) - 1
    ELSE div(minor::numeric * from_nano * to_unit, to_nano::numeric * from_unit) END)::bigint
$$;
)sql";

constexpr char kIndexes[] = R"sql(
CREATE INDEX bench_providers_services ON bench_providers USING gin (services);
CREATE INDEX bench_providers_service_models ON bench_providers USING gin (service_models);
CREATE INDEX bench_providers_language_prefixes ON bench_providers USING gin (language_prefixes);
CREATE INDEX bench_providers_languages ON bench_providers USING gin (languages);
CREATE INDEX bench_providers_cert_codes ON bench_providers USING gin (cert_codes);
CREATE INDEX bench_providers_rating ON bench_providers (rating);
CREATE INDEX bench_centres_provider ON bench_centres (provider_id) INCLUDE (seats);
CREATE INDEX bench_rates_provider ON bench_rates (provider_id, service);
CREATE INDEX bench_certs_provider ON bench_certs (provider_id, code);
)sql";

// ---- loading ----

std::string Name(const Dictionary& dictionary, sdk::Symbol symbol) {
  return std::string(dictionary.Name(symbol));
}

std::vector<std::string> Names(const Dictionary& dictionary, std::span<const sdk::Symbol> symbols) {
  std::vector<std::string> out;
  out.reserve(symbols.size());
  for (sdk::Symbol s : symbols) out.push_back(Name(dictionary, s));
  return out;
}

// The exchange table: every currency the data or the target uses that the
// matcher has a rate for, at its exact nano-USD value (recovered through
// Convert: 10^(9 + digits - 2) units of X are fX cents).
void InsertExchangeRates(pqxx::work& txn, const Snapshot& snapshot, const ExchangeRates& rates) {
  const Dictionary& dictionary = *snapshot.dictionary;
  std::set<std::string> currencies = {"USD"};
  std::set<sdk::Symbol> currency_symbols;
  snapshot.ForEachLive([&](const sdk::Provider& p) {
    for (const auto& r : p.rates()) currency_symbols.insert(r.hourly.currency);
  });
  for (sdk::Symbol c : currency_symbols) currencies.insert(Name(dictionary, c));
  const auto usd = FindCurrency("USD");
  for (const auto& code : currencies) {
    const auto c = FindCurrency(code);
    if (!c || !usd || !rates.Has(code)) continue;
    int64_t units = 1;
    for (int i = 0; i < 9 + c->minor_digits - usd->minor_digits; ++i) units *= 10;
    const std::optional<int64_t> nano = rates.Convert(units, code, "USD");
    if (!nano) continue;
    int64_t unit = 1;
    for (int i = 0; i < c->minor_digits; ++i) unit *= 10;
    txn.exec_params("INSERT INTO bench_fx (code, nano_usd, unit) VALUES ($1, $2, $3)", code, *nano,
                    unit);
  }
}

// One bench_providers row per live provider.
void CopyProviders(pqxx::work& txn, const Snapshot& snapshot, SqlLoadStats& stats) {
  const Dictionary& dictionary = *snapshot.dictionary;
  pqxx::stream_to providers(
      txn, "bench_providers",
      std::vector<std::string>{"id", "service_models", "services", "languages", "language_prefixes",
                               "cert_codes", "rating", "review_count", "sla", "min_headcount"});
  snapshot.ForEachLive([&](const sdk::Provider& p) {
    std::vector<std::string> models, languages, prefixes, certs;
    for (sdk::ServiceModel m : {sdk::ServiceModel::kBpo, sdk::ServiceModel::kKpo}) {
      if (p.service_models() & sdk::Bit(m)) models.push_back(ModelName(m));
    }
    for (sdk::Symbol tag : p.languages()) {
      std::string text = Name(dictionary, tag);
      for (auto& prefix : ProperPrefixes(text)) prefixes.push_back(std::move(prefix));
      prefixes.push_back(text);
      languages.push_back(std::move(text));
    }
    for (const auto& c : p.certifications()) certs.push_back(Name(dictionary, c.code));
    providers << std::make_tuple(
        std::string(p.id()), ToPgArray(models), ToPgArray(Names(dictionary, p.services())),
        ToPgArray(Unique(languages)), ToPgArray(Unique(prefixes)), ToPgArray(Unique(certs)),
        absl::StrFormat("%.17g", p.rating()), p.review_count(),
        absl::StrFormat("%.17g", p.sla_attainment_percent()), p.min_headcount());
    ++stats.providers;
  });
  providers.complete();
}

void CopyCentres(pqxx::work& txn, const Snapshot& snapshot, SqlLoadStats& stats) {
  const Dictionary& dictionary = *snapshot.dictionary;
  pqxx::stream_to centres(txn, "bench_centres",
                          std::vector<std::string>{"provider_id", "country", "seats", "headcount"});
  snapshot.ForEachLive([&](const sdk::Provider& p) {
    const std::string id(p.id());
    for (const auto& c : p.centres()) {
      centres << std::make_tuple(id, Name(dictionary, c.country), c.seats_available, c.headcount);
      ++stats.centres;
    }
  });
  centres.complete();
}

void CopyRates(pqxx::work& txn, const Snapshot& snapshot, SqlLoadStats& stats) {
  const Dictionary& dictionary = *snapshot.dictionary;
  pqxx::stream_to rate_rows(
      txn, "bench_rates",
      std::vector<std::string>{"provider_id", "service", "seniority", "currency", "minor_units"});
  snapshot.ForEachLive([&](const sdk::Provider& p) {
    const std::string id(p.id());
    for (const auto& r : p.rates()) {
      // kNoSymbol (a rate for every service) is "".
      rate_rows << std::make_tuple(id, Name(dictionary, r.service), static_cast<int>(r.seniority),
                                   Name(dictionary, r.hourly.currency), r.hourly.minor_units);
      ++stats.rates;
    }
  });
  rate_rows.complete();
}

void CopyCertifications(pqxx::work& txn, const Snapshot& snapshot, SqlLoadStats& stats) {
  const Dictionary& dictionary = *snapshot.dictionary;
  pqxx::stream_to cert_rows(txn, "bench_certs",
                            std::vector<std::string>{"provider_id", "code", "issued", "expires"});
  snapshot.ForEachLive([&](const sdk::Provider& p) {
    const std::string id(p.id());
    for (const auto& c : p.certifications()) {
      const std::string issued = DateOrNull(c.issued), expires = DateOrNull(c.expires);
      cert_rows << std::make_tuple(id, Name(dictionary, c.code),
                                   issued.empty() ? nullptr : issued.c_str(),
                                   expires.empty() ? nullptr : expires.c_str());
      ++stats.certifications;
    }
  });
  cert_rows.complete();
}

// Indexes and analyses the bench tables; returns their size in bytes.
int64_t IndexAndAnalyse(pqxx::connection& connection) {
  pqxx::nontransaction txn(connection);
  txn.exec(kIndexes);
  txn.exec("VACUUM ANALYZE bench_providers, bench_centres, bench_rates, bench_certs, bench_fx");
  return txn
      .exec1(
          "SELECT sum(pg_total_relation_size(c)) FROM unnest(ARRAY['bench_providers', "
          "'bench_centres', 'bench_rates', 'bench_certs', 'bench_fx']::regclass[]) c")[0]
      .as<int64_t>();
}

}  // namespace

void SqlPeer::Configure(int parallel_workers) {
  pqxx::nontransaction txn(connection_);
  txn.exec(absl::StrCat("SET max_parallel_workers_per_gather = ", parallel_workers));
  txn.exec("SET jit = off");
  txn.exec("SET work_mem = '256MB'");
  txn.exec("SET maintenance_work_mem = '1GB'");
}

void SqlPeer::Drop() {
  pqxx::nontransaction txn(connection_);
  txn.exec(
      "DROP TABLE IF EXISTS bench_providers, bench_centres, bench_rates, bench_certs, bench_fx");
  txn.exec("DROP FUNCTION IF EXISTS bench_convert(bigint, bigint, bigint, bigint, bigint)");
}

SqlLoadStats SqlPeer::Load(const Snapshot& snapshot, const ExchangeRates& rates) {
  SqlLoadStats stats;
  const double start = Now();
  {
    pqxx::work txn(connection_);
    txn.exec(kSchema);
    InsertExchangeRates(txn, snapshot, rates);
    CopyProviders(txn, snapshot, stats);
    CopyCentres(txn, snapshot, stats);
    CopyRates(txn, snapshot, stats);
    CopyCertifications(txn, snapshot, stats);
    txn.commit();
  }
  stats.copy_seconds = Now() - start;
  const double index_start = Now();
  stats.table_bytes = IndexAndAnalyse(connection_);
  stats.index_seconds = Now() - index_start;
  return stats;
}

void SqlPeer::Prepare(const std::string& name, const std::string& sql) {
  connection_.prepare(name, sql);
}

SqlAnswer SqlPeer::Run(const std::string& name) {
  pqxx::nontransaction txn(connection_);
  const pqxx::result rows = txn.exec_prepared(name);
  SqlAnswer answer;
  for (const auto& row : rows) {
    answer.ids.push_back(row[0].as<std::string>());
    answer.totals.push_back(row[1].as<double>());
    answer.eligible = row[2].as<int64_t>();
  }
  return answer;
}

std::string SqlPeer::Explain(const std::string& sql) {
  pqxx::nontransaction txn(connection_);
  std::string out;
  for (const auto& row : txn.exec("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
    absl::StrAppend(&out, row[0].c_str(), "\n");
  }
  return out;
}

}  // namespace vendormatch::bench
