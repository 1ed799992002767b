// The `rate` built-in plugin: is the provider within the client's rate
// ceiling, and how cheap is it.
#pragma once

#include <cstdint>
#include <span>
#include <string>

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
// Score: raw = mean rate of the considered services in major units of the
// target currency (e.g. 11.5 for USD 11.50); -1 when no rate can be
// compared (unknown or not convertible). Explain words it, e.g.
// "USD 11.00/h mean rate, 45% under the ceiling", "no rate for PAYROLL",
// "rates in PHP cannot be converted to USD", "no requested service to rate".
//
// Normalize (Info().normalize is true): lower is better. Among candidates
// with raw >= 0, the minimum maps to 100 and the maximum to 0, linearly;
// all equal maps to 100. Candidates with raw < 0 get 0.
//
// Relax: "raise rate_ceiling to CUR X.XX", the lowest ceiling (in the
// ceiling's currency) that admits every removed candidate that a higher
// ceiling can admit (those removed for unknown or unconvertible rates
// cannot be); "" when there is no ceiling or no such candidate.
//
// Prefilter: none (a rate is not something the indexes answer).
//
// Settings: `currency` (USD; empty means USD), the ISO 4217 code scores are
// computed in when the request has no ceiling; three upper-case letters. A
// currency that no provider nor the request uses has no Symbol, so nothing
// converts to it: every provider then scores -1 ("rates in EUR cannot be
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
  std::string Relax(const sdk::MatchContext& ctx,
                    std::span<const sdk::Candidate> removed) const override;

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
