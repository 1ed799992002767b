// The `rate` built-in plugin: is the provider within the client's rate
// ceiling, and how cheap is it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::plugins {

// Semantics (plugins/README.md is the spec):
//
// Services considered: the requested services the provider offers (whether
// the request asks for all or any of them); one that offers none passes,
// since removing it is the services filter's job, and scores as "no rate".
//
// Rate of one service, in a target currency (the ceiling's when there is
// one, else the `currency` setting), taken from the first tier that holds a
// rate:
//   1. the service's rates at the requested seniority (skipped for kAny);
//   2. all the service's rates;
//   3. the general rates (service kNoSymbol) at the requested seniority
//      (skipped for kAny);
//   4. all the general rates.
// Within a tier the lowest converted rate wins. Rates already in the target
// currency are not converted. If any rate of the chosen tier cannot be
// converted, the provider's rates are not compared at all.
//
// Conversions give exactly what MatchContext::Convert gives for each rate,
// with fewer calls: Convert rounds a multiplication by a positive exchange
// rate, so it never decreases as the amount grows, and the lowest converted
// rate of one currency in a tier is the conversion of its lowest amount;
// whether a currency converts at all does not depend on the amount, so it
// is asked once per currency per batch; and each (currency, amount)
// converted in a batch is remembered.
//
// Filter: without a ceiling every candidate passes. Otherwise a candidate
// fails, checking services in request order, with
//   "rate_unknown", detail the service, when no tier holds a rate;
//   "currency_not_convertible", detail the currency, when a rate in it has
//     no exchange rate;
//   "rate_above_ceiling" when a service's rate > the ceiling.
// The framework shows them as "rate_unknown:PAYROLL",
// "currency_not_convertible:PHP".
//
// Score: raw = the rate score, 0..100, higher is better, from the provider
// and the requirement alone (never the other candidates). For each
// considered service, with rate r in the target currency:
//   band score    = 100 * clamp((hi - r) / (hi - lo), 0, 1), [lo, hi] the
//                   service's market band in the target currency
//                   (MatchContext::Band);
//   ceiling score = 100 * clamp((c - r) / (0.5 * c), 0, 1), only with a
//                   ceiling c (half the ceiling or less is 100, the ceiling 0);
//   service score = the mean of those it has (ServiceScore); kNoScaleScore
//                   (50) with neither.
// raw = the mean service score over the considered services (a service
// requested twice counts twice); 0 when no rate can be compared (unknown,
// not convertible, or no considered service). Explain words it with the
// money, e.g. "USD 18.00/h, 28% under the ceiling; 39% up the market band
// USD 7.00–35.00 for CUSTOMER_SUPPORT", "USD 11.00/h mean rate, 45% under
// the ceiling; USD 10.00/h for DATA_ENTRY is 25% up the market band …",
// "no rate for PAYROLL", "rates in PHP cannot be converted to USD", "no
// requested service to rate".
//
// Normalize: raw clamped to 0..100.
//
// Verdicts (with a ceiling): one per failing distinct service, first those
// whose rate cannot be compared ("rate_unknown", detail the service;
// "currency_not_convertible", detail the currency) in request order, then
// each service over the ceiling ("rate_above_ceiling", detail the
// service): "USD 42.00/h for PAYROLL is above the ceiling of USD 38.00/h".
//
// Fixes: none when a rate is in an unconvertible currency. Buyer side,
// unless a rate is unknown: kRaiseRateCeiling to the highest considered
// rate. Provider side: kOfferRate at the ceiling (its currency) for each
// service over the ceiling or without a rate.
//
// Prefilter: none (a rate is not something the indexes answer).
//
// Settings (declared in Info(), checked by the framework): `currency`
// (string, USD; empty means USD), the ISO 4217 code scores are computed in
// when the request has no ceiling; Configure refuses one that is not three
// upper-case letters (a form the spec cannot state). A
// currency that no provider nor the request uses has no Symbol, so nothing
// converts to it: every provider then scores 0 ("rates in EUR cannot be
// converted to CHF").
// Thread-safe after Configure: the stages only read.
class RatePlugin final : public sdk::Plugin {
 public:
  sdk::PluginInfo Info() const override;
  absl::Status Configure(const sdk::Settings& settings) override;
  absl::Status Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                      std::span<sdk::FilterResult> out) const override;
  absl::Status Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                     std::span<sdk::ScoreResult> out) const override;
  absl::Status Normalize(const sdk::MatchContext& ctx,
                         std::span<sdk::ScoreResult> scores) const override;
  std::string Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                      double raw) const override;
  absl::Status Verdicts(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                        std::vector<sdk::Verdict>& out) const override;
  void Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
             std::vector<sdk::Change>& out) const override;

  // The score 0..100 of one service's rate `rate` (minor units of the target
  // currency) against its market band `band` (same currency; nullopt: none)
  // and the ceiling `ceiling` (same currency; nullopt: none), as Score
  // defines it above.
  static double ServiceScore(int64_t rate, const std::optional<sdk::MarketBand>& band,
                             std::optional<int64_t> ceiling);
  // A service's score with neither a band nor a ceiling to read it against.
  static constexpr double kNoScaleScore = 50;

  // What a provider's rates for the considered services come to in one
  // currency.
  struct Quote {
    enum class Outcome { kOk, kUnknown, kNotConvertible };
    Outcome outcome = Outcome::kOk;
    sdk::Symbol detail = sdk::kNoSymbol;  // the service (kUnknown) or currency (kNotConvertible)
    int64_t max_minor = 0;                // highest service rate, minor units
    int64_t sum_minor = 0;                // sum of the service rates, minor units
    int count = 0;                        // services rated
  };
  // The quote of one provider for ctx's requirement, in `currency`.
  static Quote QuoteRates(const sdk::MatchContext& ctx, const sdk::Provider& provider,
                          sdk::Symbol currency);

  // "USD 11.50", "JPY 1500": `minor` minor units of a currency with `digits`
  // digits after the decimal point.
  static std::string FormatMoney(absl::string_view currency, int64_t minor, int digits);

  const std::string& currency() const { return currency_; }

 private:
  // The currency scores are in: the ceiling's, else the `currency` setting
  // (kNoSymbol when nothing uses it, so nothing converts to it).
  struct Target {
    sdk::Symbol symbol = sdk::kNoSymbol;
    absl::string_view name;
  };
  Target ScoreCurrency(const sdk::MatchContext& ctx) const;

  std::string currency_ = "USD";
};

}  // namespace vendormatch::plugins
