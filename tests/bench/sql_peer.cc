#include "tests/bench/sql_peer.h"

#include <algorithm>
#include <set>
#include <span>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/domain/catalog.h"
#include "services/domain/reference_data.h"
#include "services/storage/database.h"
#include "tests/bench/bench_util.h"

namespace vendormatch::bench {
namespace {

// ---- values as the plugins compare them ----
//
// Codes are the dictionary's text: the snapshot interns them canonical
// (certifications upper case as stored, language tags lower case with '-')
// and the plugins compare Symbols, so SQL compares the text as it is.

// "zh-hant-tw" -> "zh", "zh-hant" (the proper subtag prefixes).
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

// ---- SQL text ----

// A double as SQL parses it back to the same bits.
std::string F8(double v) { return absl::StrFormat("%.17g::float8", v); }
// A decimal setting as written in the profile, parsed by SQL as the plugin
// parsed it (both read the nearest double).
std::string F8(const std::string& text) { return absl::StrCat("'", text, "'::float8"); }

std::string Lit(absl::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Array(const std::vector<std::string>& values) {
  std::vector<std::string> quoted;
  for (const auto& v : values) quoted.push_back(Lit(v));
  return absl::StrCat("ARRAY[", absl::StrJoin(quoted, ", "), "]::text[]");
}

std::string DateText(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string DateOrNull(sdk::DayNumber day) {
  return day == sdk::kNoDay ? std::string() : DateText(sdk::CivilDayOf(day));
}

const char* ModelName(sdk::ServiceModel m) {
  return m == sdk::ServiceModel::kBpo ? "BPO" : m == sdk::ServiceModel::kKpo ? "KPO" : "";
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

// The expression for one requested service's quote in currency `target`:
// a lateral subquery yielding n (rates in the first tier that has any),
// bad (of those, how many cannot be converted) and v (their lowest value,
// converted), as RatePlugin's RateFor.
std::string QuoteLateral(const std::string& alias, const std::string& service,
                         sdk::Seniority seniority, const std::string& target) {
  const std::string s = Lit(service);
  const int sen = static_cast<int>(seniority);
  const std::string tier =
      seniority == sdk::Seniority::kAny
          ? absl::StrCat("CASE WHEN r.service = ", s, " THEN 2 ELSE 4 END")
          : absl::StrCat("CASE WHEN r.service = ", s, " AND r.seniority = ", sen,
                         " THEN 1 WHEN r.service = ", s, " THEN 2 WHEN r.seniority = ", sen,
                         " THEN 3 ELSE 4 END");
  return absl::StrCat(
      "CROSS JOIN LATERAL (\n"
      "    SELECT count(*) AS n, count(*) FILTER (WHERE x.conv IS NULL) AS bad, min(x.conv) AS v\n"
      "    FROM (SELECT y.conv, y.tier, min(y.tier) OVER () AS best FROM (\n"
      "            SELECT ",
      tier,
      " AS tier,\n"
      "                   CASE WHEN r.currency = ",
      Lit(target),
      " THEN r.minor_units\n"
      "                        ELSE bench_convert(r.minor_units, f.nano_usd, f.unit, t.nano_usd, "
      "t.unit) END AS conv\n"
      "            FROM bench_rates r\n"
      "            LEFT JOIN bench_fx f ON f.code = r.currency\n"
      "            LEFT JOIN bench_fx t ON t.code = ",
      Lit(target),
      "\n"
      "            WHERE r.provider_id = p.id AND r.service IN (",
      s,
      ", '')) y) x\n"
      "    WHERE x.tier = x.best) ",
      alias, "\n");
}

}  // namespace

MirrorParams MirrorParamsOf(
    const v1::Profile& mirror,
    const std::vector<std::pair<std::string, std::map<std::string, std::string>>>& plugin_defaults,
    int top_k) {
  MirrorParams out;
  out.top_k = top_k;
  for (const auto& p : mirror.plugins()) {
    std::map<std::string, std::string> settings;
    for (const auto& [name, defaults] : plugin_defaults) {
      if (name == p.plugin()) settings = defaults;
    }
    for (const auto& [k, v] : p.settings()) settings[k] = v;
    auto get = [&](const std::string& key, const std::string& fallback) {
      auto it = settings.find(key);
      return it == settings.end() || it->second.empty() ? fallback : it->second;
    };
    if (p.plugin() == "rate") out.rate_currency = get("currency", "USD");
    if (p.plugin() == "quality") {
      out.prior_rating = get("prior_rating", "3.5");
      out.prior_reviews = get("prior_reviews", "20");
      out.sla_weight = get("sla_weight", "0.3");
      out.rating_floor = get("rating_floor", "3");
      out.sla_floor = get("sla_floor", "80");
    }
    if (p.plugin() == "service_model")
      out.filter_advised = get("filter_advised", "false") == "true";
    if (p.score_enabled()) out.scorers.push_back({p.plugin(), p.weight()});
  }
  return out;
}

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
  const Dictionary& dictionary = *snapshot.dictionary;
  auto name = [&dictionary](sdk::Symbol symbol) { return std::string(dictionary.Name(symbol)); };
  auto names = [&name](std::span<const sdk::Symbol> symbols) {
    std::vector<std::string> out;
    out.reserve(symbols.size());
    for (sdk::Symbol s : symbols) out.push_back(name(s));
    return out;
  };
  const double start = Now();
  {
    pqxx::work txn(connection_);
    txn.exec(kSchema);
    // The exchange table: every currency the data or the target uses that
    // the matcher has a rate for, at its exact nano-USD value (recovered
    // through Convert: 10^(9 + digits - 2) units of X are fX cents).
    std::set<std::string> currencies = {"USD"};
    std::set<sdk::Symbol> currency_symbols;
    snapshot.ForEachLive([&](const sdk::Provider& p) {
      for (const auto& r : p.rates()) currency_symbols.insert(r.hourly.currency);
    });
    for (sdk::Symbol c : currency_symbols) currencies.insert(name(c));
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
      txn.exec_params("INSERT INTO bench_fx (code, nano_usd, unit) VALUES ($1, $2, $3)", code,
                      *nano, unit);
    }
    pqxx::stream_to providers(
        txn, "bench_providers",
        std::vector<std::string>{"id", "service_models", "services", "languages",
                                 "language_prefixes", "cert_codes", "rating", "review_count", "sla",
                                 "min_headcount"});
    snapshot.ForEachLive([&](const sdk::Provider& p) {
      std::vector<std::string> models, languages, prefixes, certs;
      for (sdk::ServiceModel m : {sdk::ServiceModel::kBpo, sdk::ServiceModel::kKpo}) {
        if (p.service_models() & sdk::Bit(m)) models.push_back(ModelName(m));
      }
      for (sdk::Symbol tag : p.languages()) {
        std::string text = name(tag);
        for (auto& prefix : ProperPrefixes(text)) prefixes.push_back(std::move(prefix));
        prefixes.push_back(text);
        languages.push_back(std::move(text));
      }
      for (const auto& c : p.certifications()) certs.push_back(name(c.code));
      providers << std::make_tuple(
          std::string(p.id()), ToPgArray(models), ToPgArray(names(p.services())),
          ToPgArray(Unique(languages)), ToPgArray(Unique(prefixes)), ToPgArray(Unique(certs)),
          absl::StrFormat("%.17g", p.rating()), p.review_count(),
          absl::StrFormat("%.17g", p.sla_attainment_percent()), p.min_headcount());
      ++stats.providers;
    });
    providers.complete();
    pqxx::stream_to centres(
        txn, "bench_centres",
        std::vector<std::string>{"provider_id", "country", "seats", "headcount"});
    snapshot.ForEachLive([&](const sdk::Provider& p) {
      const std::string id(p.id());
      for (const auto& c : p.centres()) {
        centres << std::make_tuple(id, name(c.country), c.seats_available, c.headcount);
        ++stats.centres;
      }
    });
    centres.complete();
    pqxx::stream_to rate_rows(
        txn, "bench_rates",
        std::vector<std::string>{"provider_id", "service", "seniority", "currency", "minor_units"});
    snapshot.ForEachLive([&](const sdk::Provider& p) {
      const std::string id(p.id());
      for (const auto& r : p.rates()) {
        // kNoSymbol (a rate for every service) is "".
        rate_rows << std::make_tuple(id, name(r.service), static_cast<int>(r.seniority),
                                     name(r.hourly.currency), r.hourly.minor_units);
        ++stats.rates;
      }
    });
    rate_rows.complete();
    pqxx::stream_to cert_rows(txn, "bench_certs",
                              std::vector<std::string>{"provider_id", "code", "issued", "expires"});
    snapshot.ForEachLive([&](const sdk::Provider& p) {
      const std::string id(p.id());
      for (const auto& c : p.certifications()) {
        const std::string issued = DateOrNull(c.issued), expires = DateOrNull(c.expires);
        cert_rows << std::make_tuple(id, name(c.code), issued.empty() ? nullptr : issued.c_str(),
                                     expires.empty() ? nullptr : expires.c_str());
        ++stats.certifications;
      }
    });
    cert_rows.complete();
    txn.commit();
  }
  stats.copy_seconds = Now() - start;
  const double index_start = Now();
  {
    pqxx::nontransaction txn(connection_);
    txn.exec(kIndexes);
    txn.exec("VACUUM ANALYZE bench_providers, bench_centres, bench_rates, bench_certs, bench_fx");
    stats.table_bytes =
        txn.exec1(
               "SELECT sum(pg_total_relation_size(c)) FROM unnest(ARRAY['bench_providers', "
               "'bench_centres', 'bench_rates', 'bench_certs', 'bench_fx']::regclass[]) c")[0]
            .as<int64_t>();
  }
  stats.index_seconds = Now() - index_start;
  return stats;
}

namespace {

// 100 * clamp(num / den, 0, 1) in float8, as the plugins compute it.
std::string Share(const std::string& num, const std::string& den) {
  return absl::StrCat("100::float8 * least(greatest(", num, " / ", den, ", 0::float8), 1::float8)");
}

// The rate plugin's score of one service (RatePlugin::ServiceScore) whose
// rate in the target currency is the bigint `v`: against the market band
// (the columns lo/hi of `band`, NULL when the service has none in the
// target) and the ceiling.
std::string ServiceScoreSql(const std::string& v, const std::string& lo, const std::string& hi,
                            bool has_band, const std::optional<sdk::Money>& ceiling) {
  std::string ceiling_part;
  if (ceiling) {
    const int64_t c = ceiling->minor_units;
    ceiling_part =
        c > 0 ? Share(absl::StrCat("(", c, "::bigint - ", v, ")::float8"),
                      absl::StrCat("(0.5::float8 * ", c, "::float8)"))
              : absl::StrCat("CASE WHEN ", v, " <= ", c, " THEN 100::float8 ELSE 0::float8 END");
  }
  const std::string no_band = ceiling ? ceiling_part : "50::float8";
  if (!has_band) return no_band;
  const std::string band_part =
      absl::StrCat("CASE WHEN ", hi, " > ", lo, " THEN ",
                   Share(absl::StrCat("(", hi, " - ", v, ")::float8"),
                         absl::StrCat("(", hi, " - ", lo, ")::float8")),
                   " WHEN ", v, " <= ", lo, " THEN 100::float8 ELSE 0::float8 END");
  const std::string with_band =
      ceiling ? absl::StrCat("((", band_part, ") + (", ceiling_part, ")) / 2::float8") : band_part;
  return absl::StrCat("CASE WHEN ", lo, " IS NULL THEN ", no_band, " ELSE ", with_band, " END");
}

// A join giving the market band of each requested service with one, in
// `target` (lo<i>, hi<i>, converted from US cents as MatchContext::Band
// does; no row, so NULL, when `target` has no exchange rate).
std::string BandJoin(const std::vector<std::string>& services, const std::string& target,
                     std::vector<bool>& has_band) {
  std::vector<std::string> columns;
  for (size_t i = 0; i < services.size(); ++i) {
    const std::optional<MarketBandUsd> band = FindMarketBand(services[i]);
    has_band.push_back(band.has_value());
    if (!band) continue;
    for (const auto& [column, cents] :
         {std::pair{"lo", band->low_cents}, {"hi", band->high_cents}}) {
      columns.push_back(absl::StrCat("bench_convert(", cents,
                                     ", u.nano_usd, u.unit, t.nano_usd, t.unit) AS ", column, i));
    }
  }
  if (columns.empty()) return "";
  return absl::StrCat("LEFT JOIN (SELECT ", absl::StrJoin(columns, ", "),
                      " FROM bench_fx u JOIN bench_fx t ON t.code = ", Lit(target),
                      " WHERE u.code = 'USD') band ON true\n");
}

}  // namespace

std::string SqlPeer::MirrorQuery(const ValidRequirement& valid, const MirrorParams& m) {
  const sdk::Requirement& req = valid.req;
  const RequirementCodes& codes = valid.codes;
  std::vector<std::string> where;
  std::string laterals;
  // services: every requested service (or any one).
  if (!codes.services.empty()) {
    where.push_back(
        absl::StrCat("p.services ", req.any_service ? "&&" : "@>", " ", Array(codes.services)));
  }
  // service_model: only a requested model filters (or an advised one, when
  // the profile says so).
  if (req.service_model != sdk::ServiceModel::kUnspecified &&
      (!req.service_model_advised || m.filter_advised)) {
    where.push_back(absl::StrCat("p.service_models @> ", Array({ModelName(req.service_model)})));
  }
  // rate: one quote per requested service, in the ceiling's currency (or the
  // plugin's); only the services the provider offers count.
  const std::string target = req.rate_ceiling ? codes.rate_currency : m.rate_currency;
  std::vector<bool> has_band;
  laterals += BandJoin(codes.services, target, has_band);
  std::vector<std::string> offered, failing, scores, counted;
  for (size_t i = 0; i < codes.services.size(); ++i) {
    const std::string q = absl::StrCat("q", i);
    laterals += QuoteLateral(q, codes.services[i], req.seniority, target);
    const std::string o = absl::StrCat("p.services @> ", Array({codes.services[i]}));
    offered.push_back(o);
    failing.push_back(absl::StrCat("(", o, " AND (", q, ".n = 0 OR ", q, ".bad > 0))"));
    scores.push_back(
        absl::StrCat("CASE WHEN ", o, " THEN ",
                     ServiceScoreSql(q + ".v", absl::StrCat("band.lo", i),
                                     absl::StrCat("band.hi", i), has_band[i], req.rate_ceiling),
                     " ELSE 0::float8 END"));
    counted.push_back(absl::StrCat("CASE WHEN ", o, " THEN 1 ELSE 0 END"));
    if (req.rate_ceiling) {
      where.push_back(absl::StrCat("(NOT ", o, " OR (", q, ".n > 0 AND ", q, ".bad = 0 AND ", q,
                                   ".v <= ", req.rate_ceiling->minor_units, "))"));
    }
  }
  const std::string count = counted.empty() ? "0" : absl::StrJoin(counted, " + ");
  // The rate score: the mean service score; 0 when a rate cannot be compared.
  const std::string rate_raw =
      failing.empty() ? "0::float8"
                      : absl::StrCat("CASE WHEN ", absl::StrJoin(failing, " OR "),
                                     " THEN 0::float8 WHEN (", count, ") = 0 THEN 0::float8 ELSE (",
                                     absl::StrJoin(scores, " + "), ") / (", count, ")::float8 END");
  // certifications: each required code valid on the start date.
  const std::vector<std::string> certs = codes.certifications;
  const std::string day = Lit(DateText(req.start_date));
  // With certifications_through_end and an end date: valid through the end.
  const std::string last = req.certifications_through_end && req.end_day != sdk::kNoDay
                               ? Lit(DateText(sdk::CivilDayOf(req.end_day)))
                               : day;
  for (const auto& code : Unique(certs)) {
    where.push_back(absl::StrCat(
        "p.cert_codes @> ", Array({code}),
        " AND EXISTS (SELECT 1 FROM bench_certs c WHERE c.provider_id = p.id AND c.code = ",
        Lit(code), " AND (c.issued IS NULL OR c.issued <= ", day,
        "::date) AND (c.expires IS NULL OR ", day,
        "::date <= c.expires) AND (c.expires IS NULL "
        "OR ",
        last, "::date <= c.expires))"));
  }
  // languages: each requested tag spoken, or a tag it extends or that
  // extends it.
  for (const auto& tag : codes.languages) {
    std::string cond = absl::StrCat("p.language_prefixes @> ", Array({tag}));
    const auto prefixes = ProperPrefixes(tag);
    if (!prefixes.empty()) absl::StrAppend(&cond, " OR p.languages && ", Array(prefixes));
    where.push_back(absl::StrCat("(", cond, ")"));
  }
  // capacity: seats of every centre (the mirror accepts every delivery
  // model) cover the headcount, which meets the provider's minimum.
  if (req.headcount > 0) {
    where.push_back(
        absl::StrCat("(SELECT coalesce(sum(greatest(c.seats, 0)), 0) FROM bench_centres c "
                     "WHERE c.provider_id = p.id) >= ",
                     req.headcount, " AND p.min_headcount <= ", req.headcount));
  }
  // quality: the unadjusted rating reaches the minimum (with the plugin's
  // tolerance).
  if (req.min_rating > 0) {
    where.push_back(absl::StrCat("NOT (p.rating + ", F8(1e-9), " < ", F8(req.min_rating), ")"));
  }
  const std::string reviews = "greatest(p.review_count, 0)::float8";
  // quality: the Bayesian rating from rating_floor to 5 and the SLA from
  // sla_floor to 100, each on 0..100, blended (QualityPlugin::ScoreOf).
  const std::string adjusted =
      absl::StrCat("(CASE WHEN ", F8(m.prior_reviews), " + ", reviews, " <= 0::float8 THEN ",
                   F8(m.prior_rating), " ELSE (", F8(m.prior_rating), " * ", F8(m.prior_reviews),
                   " + least(greatest(p.rating, 0::float8), 5::float8) * ", reviews, ") / (",
                   F8(m.prior_reviews), " + ", reviews, ") END)");
  const std::string rating_part = Share(absl::StrCat("(", adjusted, " - ", F8(m.rating_floor), ")"),
                                        absl::StrCat("(5::float8 - ", F8(m.rating_floor), ")"));
  const std::string sla_part = Share(
      absl::StrCat("(least(greatest(p.sla, 0::float8), 100::float8) - ", F8(m.sla_floor), ")"),
      absl::StrCat("(100::float8 - ", F8(m.sla_floor), ")"));
  const std::string quality_raw =
      absl::StrCat("(1::float8 - ", F8(m.sla_weight), ") * ", rating_part, " + ", F8(m.sla_weight),
                   " * ", sla_part);

  double weight_sum = 0;
  for (const auto& s : m.scorers) weight_sum += s.weight;
  std::vector<std::string> contributions;
  for (const auto& s : m.scorers) {
    const std::string normalised = s.plugin == "rate" ? "rate_norm" : "quality_norm";
    contributions.push_back(
        weight_sum > 0 ? absl::StrCat(normalised, " * ", F8(s.weight), " / ", F8(weight_sum))
                       : "0::float8");
  }
  if (contributions.empty()) contributions.push_back("0::float8");

  return absl::StrCat(
      "SELECT id, total, eligible FROM (\n"
      "  SELECT id, eligible, ",
      absl::StrJoin(contributions, " + "),
      " AS total FROM (\n"
      "    SELECT id, eligible,\n"
      "      least(greatest(rate_raw, 0::float8), 100::float8) AS rate_norm,\n"
      "      least(greatest(quality_raw, 0::float8), 100::float8) AS quality_norm\n"
      "    FROM (\n"
      "      SELECT id, rate_raw, quality_raw, count(*) OVER () AS eligible\n"
      "      FROM (\n"
      "        SELECT p.id,\n"
      "               ",
      rate_raw,
      " AS rate_raw,\n"
      "               ",
      quality_raw,
      " AS quality_raw\n"
      "        FROM bench_providers p\n",
      laterals, "        WHERE ", where.empty() ? "true" : absl::StrJoin(where, "\n          AND "),
      "\n      ) e\n"
      "    ) w\n"
      "  ) n\n"
      ") t\n"
      "ORDER BY total DESC, id\n"
      "LIMIT ",
      m.top_k);
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
