// The SQL peer's mirror query: one statement per requirement that filters
// and scores as the mirror profile does, and the mirror profile's parameters.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/domain/catalog.h"
#include "tests/bench/sql_peer.h"
#include "tests/bench/sql_peer_internal.h"

namespace vendormatch::bench {
namespace {

using sql_peer_internal::DateText;
using sql_peer_internal::ModelName;
using sql_peer_internal::ProperPrefixes;
using sql_peer_internal::Unique;

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

// ---- pieces of the query ----

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

// ---- the query, part by part ----

// The filters on services (every requested service, or any one) and on the
// service model (only a requested one filters, or an advised one when the
// profile says so).
void AddServiceFilters(const ValidRequirement& valid, const MirrorParams& m,
                       std::vector<std::string>& where) {
  const sdk::Requirement& req = valid.req;
  const RequirementCodes& codes = valid.codes;
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
}

// The rate plugin: one quote per requested service, in the ceiling's currency
// (or the plugin's); only the services the provider offers count. Adds the
// band join and the quotes to `laterals` and the ceiling to `where`; returns
// the raw rate score (the mean service score; 0 when a rate cannot be
// compared).
std::string RateScoreSql(const ValidRequirement& valid, const MirrorParams& m,
                         std::vector<std::string>& where, std::string& laterals) {
  const sdk::Requirement& req = valid.req;
  const RequirementCodes& codes = valid.codes;
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
  return failing.empty()
             ? "0::float8"
             : absl::StrCat("CASE WHEN ", absl::StrJoin(failing, " OR "), " THEN 0::float8 WHEN (",
                            count, ") = 0 THEN 0::float8 ELSE (", absl::StrJoin(scores, " + "),
                            ") / (", count, ")::float8 END");
}

// Certifications: each required code valid on the start date (and, with
// certifications_through_end and an end date, through the end).
void AddCertificationFilters(const ValidRequirement& valid, std::vector<std::string>& where) {
  const sdk::Requirement& req = valid.req;
  const RequirementCodes& codes = valid.codes;
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
}

// Languages: each requested tag spoken, or a tag it extends or that extends
// it.
void AddLanguageFilters(const RequirementCodes& codes, std::vector<std::string>& where) {
  for (const auto& tag : codes.languages) {
    std::string cond = absl::StrCat("p.language_prefixes @> ", Array({tag}));
    const auto prefixes = ProperPrefixes(tag);
    if (!prefixes.empty()) absl::StrAppend(&cond, " OR p.languages && ", Array(prefixes));
    where.push_back(absl::StrCat("(", cond, ")"));
  }
}

// Capacity: seats of every centre (the mirror accepts every delivery model)
// cover the headcount, which meets the provider's minimum. Quality: the
// unadjusted rating reaches the minimum (with the plugin's tolerance).
void AddCapacityAndRatingFilters(const sdk::Requirement& req, std::vector<std::string>& where) {
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
}

// The quality plugin's raw score: the Bayesian rating from rating_floor to 5
// and the SLA from sla_floor to 100, each on 0..100, blended
// (QualityPlugin::ScoreOf).
std::string QualityScoreSql(const MirrorParams& m) {
  const std::string reviews = "greatest(p.review_count, 0)::float8";
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
  return absl::StrCat("(1::float8 - ", F8(m.sla_weight), ") * ", rating_part, " + ",
                      F8(m.sla_weight), " * ", sla_part);
}

// The weighted sum of the normalised scores, by the profile's weights.
std::string TotalSql(const MirrorParams& m) {
  double weight_sum = 0;
  for (const auto& s : m.scorers) weight_sum += s.weight;
  std::vector<std::string> contributions;
  for (const auto& s : m.scorers) {
    const std::string normalized = s.plugin == "rate" ? "rate_norm" : "quality_norm";
    contributions.push_back(
        weight_sum > 0 ? absl::StrCat(normalized, " * ", F8(s.weight), " / ", F8(weight_sum))
                       : "0::float8");
  }
  if (contributions.empty()) contributions.push_back("0::float8");
  return absl::StrJoin(contributions, " + ");
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

std::string SqlPeer::MirrorQuery(const ValidRequirement& valid, const MirrorParams& m) {
  std::vector<std::string> where;
  std::string laterals;
  AddServiceFilters(valid, m, where);
  const std::string rate_raw = RateScoreSql(valid, m, where, laterals);
  AddCertificationFilters(valid, where);
  AddLanguageFilters(valid.codes, where);
  AddCapacityAndRatingFilters(valid.req, where);
  const std::string quality_raw = QualityScoreSql(m);
  return absl::StrCat(
      "SELECT id, total, eligible FROM (\n"
      "  SELECT id, eligible, ",
      TotalSql(m),
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

}  // namespace vendormatch::bench
