#include "rate.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::Rate;

// `money` in `currency`, without asking the context when it already is.
std::optional<int64_t> ConvertTo(const sdk::MatchContext& ctx, const sdk::Money& money,
                                 absl::string_view currency) {
  if (money.currency == currency) return money.minor_units;
  return ctx.Convert(money, currency);
}

bool Offers(const sdk::Provider& provider, const std::string& service) {
  return std::find(provider.services.begin(), provider.services.end(), service) !=
         provider.services.end();
}

// The lowest of the provider's rates that satisfy `pred`, converted.
struct Pick {
  bool found = false;
  bool convertible = true;
  absl::string_view bad_currency;  // when !convertible: the currency without a rate
  int64_t minor = 0;
};

template <typename Pred>
Pick LowestRate(const sdk::MatchContext& ctx, const sdk::Provider& provider,
                absl::string_view currency, Pred pred) {
  Pick pick;
  for (const Rate& rate : provider.rates) {
    if (!pred(rate)) continue;
    const std::optional<int64_t> minor = ConvertTo(ctx, rate.hourly, currency);
    if (!minor) {
      pick.found = true;
      pick.convertible = false;
      pick.bad_currency = rate.hourly.currency;
      return pick;
    }
    if (!pick.found || *minor < pick.minor) pick.minor = *minor;
    pick.found = true;
  }
  return pick;
}

Pick RateFor(const sdk::MatchContext& ctx, const sdk::Provider& provider,
             absl::string_view currency, const std::string& service, sdk::Seniority seniority) {
  const bool by_seniority = seniority != sdk::Seniority::kAny;
  Pick pick;
  if (by_seniority) {
    pick = LowestRate(ctx, provider, currency, [&](const Rate& r) {
      return r.service == service && r.seniority == seniority;
    });
  }
  if (!pick.found) {
    pick = LowestRate(ctx, provider, currency, [&](const Rate& r) { return r.service == service; });
  }
  if (!pick.found && by_seniority) {
    pick = LowestRate(ctx, provider, currency,
                      [&](const Rate& r) { return r.service.empty() && r.seniority == seniority; });
  }
  if (!pick.found) {
    pick = LowestRate(ctx, provider, currency, [](const Rate& r) { return r.service.empty(); });
  }
  return pick;
}

int64_t MeanMinor(const RatePlugin::Quote& quote) {
  return quote.count == 0 ? 0 : (quote.sum_minor + quote.count / 2) / quote.count;
}

double Pow10(int digits) {
  double scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  return scale;
}

absl::Status CheckSizes(size_t batch, size_t out) {
  if (batch == out) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("rate: ", out, " results for a batch of ", batch, " candidates"));
}

}  // namespace

sdk::PluginInfo RatePlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Rate ceiling and cost: each requested service's hourly rate within the ceiling; cheaper "
      "ranks higher";
  info.filter = true;
  info.score = true;
  info.normalize = true;
  info.default_settings = {{"currency", "USD"}};
  return info;
}

absl::Status RatePlugin::Configure(const sdk::Settings& settings) {
  for (const auto& [key, value] : settings.values()) {
    if (key != "currency") {
      return absl::InvalidArgumentError(
          absl::StrCat("setting ", key, ": unknown (rate takes: currency)"));
    }
  }
  std::string currency = settings.String("currency", "USD");
  if (currency.empty()) currency = "USD";
  const bool valid =
      currency.size() == 3 && std::all_of(currency.begin(), currency.end(), [](char c) {
        return absl::ascii_isupper(static_cast<unsigned char>(c));
      });
  if (!valid) {
    return absl::InvalidArgumentError(
        absl::StrCat("setting currency: \"", currency, "\" is not an ISO 4217 code such as USD"));
  }
  currency_ = std::move(currency);
  return absl::OkStatus();
}

RatePlugin::Quote RatePlugin::QuoteRates(const sdk::MatchContext& ctx,
                                         const sdk::Provider& provider,
                                         absl::string_view currency) {
  const sdk::Requirement& req = ctx.requirement();
  // A service the provider does not offer is the services filter's concern;
  // judging its (absent) rate here would count the provider twice.
  Quote quote;
  for (const std::string& service : req.services) {
    if (!Offers(provider, service)) continue;
    const Pick pick = RateFor(ctx, provider, currency, service, req.seniority);
    if (!pick.found) {
      quote.outcome = Quote::Outcome::kUnknown;
      quote.detail = service;
      return quote;
    }
    if (!pick.convertible) {
      quote.outcome = Quote::Outcome::kNotConvertible;
      quote.detail = pick.bad_currency;
      return quote;
    }
    quote.max_minor = quote.count == 0 ? pick.minor : std::max(quote.max_minor, pick.minor);
    quote.sum_minor += pick.minor;
    ++quote.count;
  }
  return quote;
}

std::string RatePlugin::FormatMoney(absl::string_view currency, int64_t minor, int digits) {
  std::string out = absl::StrCat(currency, " ");
  if (minor < 0) {
    out += '-';
    minor = -minor;
  }
  int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  absl::StrAppend(&out, minor / scale);
  if (digits > 0) {
    const std::string fraction = absl::StrCat(minor % scale);
    out += '.';
    out.append(static_cast<size_t>(digits) - fraction.size(), '0');
    out += fraction;
  }
  return out;
}

absl::Status RatePlugin::Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                                std::span<sdk::FilterResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const std::optional<sdk::Money>& ceiling = ctx.requirement().rate_ceiling;
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::FilterResult& result = out[i];
    result.pass = true;
    result.reason.clear();
    if (!ceiling) continue;
    const Quote quote = QuoteRates(ctx, *batch[i].provider, ceiling->currency);
    switch (quote.outcome) {
      case Quote::Outcome::kUnknown:
        result.pass = false;
        absl::StrAppend(&result.reason, "rate_unknown:", quote.detail);
        break;
      case Quote::Outcome::kNotConvertible:
        result.pass = false;
        absl::StrAppend(&result.reason, "currency_not_convertible:", quote.detail);
        break;
      case Quote::Outcome::kOk:
        if (quote.count > 0 && quote.max_minor > ceiling->minor_units) {
          result.pass = false;
          result.reason = "rate_above_ceiling";
        }
        break;
    }
  }
  return absl::OkStatus();
}

absl::Status RatePlugin::Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                               std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const std::optional<sdk::Money>& ceiling = ctx.requirement().rate_ceiling;
  const std::string& currency = ceiling ? ceiling->currency : currency_;
  const int digits = ctx.MinorDigits(currency);
  const double scale = Pow10(digits);
  for (size_t i = 0; i < batch.size(); ++i) {
    sdk::ScoreResult& result = out[i];
    result.reason.clear();
    const Quote quote = QuoteRates(ctx, *batch[i].provider, currency);
    if (quote.outcome == Quote::Outcome::kUnknown) {
      result.raw = -1;
      absl::StrAppend(&result.reason, "no rate for ", quote.detail);
      continue;
    }
    if (quote.outcome == Quote::Outcome::kNotConvertible) {
      result.raw = -1;
      absl::StrAppend(&result.reason, "rates in ", quote.detail, " cannot be converted to ",
                      currency);
      continue;
    }
    if (quote.count == 0) {
      result.raw = -1;
      result.reason = "no requested service to rate";
      continue;
    }
    const int64_t mean = MeanMinor(quote);
    result.raw = static_cast<double>(mean) / scale;
    absl::StrAppend(&result.reason, FormatMoney(currency, mean, digits), "/h",
                    quote.count > 1 ? " mean rate" : " rate");
    if (ceiling && ceiling->minor_units > 0) {
      const int64_t limit = ceiling->minor_units;
      if (mean == limit) {
        result.reason += ", at the ceiling";
      } else {
        const int64_t percent = std::llround(static_cast<double>(std::abs(limit - mean)) * 100.0 /
                                             static_cast<double>(limit));
        const char* side = mean < limit ? "under" : "over";
        if (percent == 0) {
          absl::StrAppend(&result.reason, ", just ", side, " the ceiling");
        } else {
          absl::StrAppend(&result.reason, ", ", percent, "% ", side, " the ceiling");
        }
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RatePlugin::Normalize(const sdk::MatchContext& ctx,
                                   std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  bool any = false;
  double lowest = 0, highest = 0;
  for (const sdk::ScoreResult& s : scores) {
    if (s.raw < 0) continue;
    lowest = any ? std::min(lowest, s.raw) : s.raw;
    highest = any ? std::max(highest, s.raw) : s.raw;
    any = true;
  }
  for (sdk::ScoreResult& s : scores) {
    if (s.raw < 0) {
      s.normalized = 0;
    } else if (highest == lowest) {
      s.normalized = 100;
    } else {
      s.normalized = std::clamp(100.0 * (highest - s.raw) / (highest - lowest), 0.0, 100.0);
    }
  }
  return absl::OkStatus();
}

std::string RatePlugin::Relax(const sdk::MatchContext& ctx,
                              std::span<const sdk::Candidate> removed) const {
  const std::optional<sdk::Money>& ceiling = ctx.requirement().rate_ceiling;
  if (!ceiling) return "";
  std::optional<int64_t> needed;
  for (const sdk::Candidate& candidate : removed) {
    const Quote quote = QuoteRates(ctx, *candidate.provider, ceiling->currency);
    if (quote.outcome != Quote::Outcome::kOk || quote.count == 0) continue;
    if (quote.max_minor <= ceiling->minor_units) continue;
    needed = needed ? std::max(*needed, quote.max_minor) : quote.max_minor;
  }
  if (!needed) return "";
  return absl::StrCat("raise rate_ceiling to ",
                      FormatMoney(ceiling->currency, *needed, ctx.MinorDigits(ceiling->currency)));
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::RatePlugin, "rate", "1.0.0")
