#include "rate.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace vendormatch::plugins {
namespace {

using sdk::kNoSymbol;
using sdk::Money;
using sdk::Rate;
using sdk::Symbol;

// ctx.Convert into one target currency, for one batch: remembers which
// currencies convert at all (the answer does not depend on the amount) and,
// when given memo slots, the last conversion of each (currency, amount) that
// hashes to a slot. A memo is exact: Convert's answers hold for the match.
// Allocates only in the constructor.
class Converter {
 public:
  // `memo_slots`: 0 (no memo: one candidate) or a power of two.
  Converter(const sdk::MatchContext& ctx, Symbol target, size_t memo_slots)
      : ctx_(ctx), target_(target), memo_(memo_slots), mask_(memo_slots - 1) {}

  // Whether `currency` is the target, so its amounts need no conversion.
  bool IsTarget(Symbol currency) const { return currency == target_ && target_ != kNoSymbol; }

  // Whether `money` (not in the target currency) can be converted.
  bool Convertible(const Money& money) {
    for (size_t i = 0; i < known_count_; ++i) {
      if (known_[i].currency == money.currency) return known_[i].convertible;
    }
    const std::optional<int64_t> converted = ctx_.Convert(money, target_);
    if (known_count_ < known_.size()) {
      known_[known_count_++] = {money.currency, converted.has_value()};
    }
    if (converted) Remember(money, *converted);
    return converted.has_value();
  }

  // `money` (not in the target currency) in the target; nullopt when it
  // cannot be converted.
  std::optional<int64_t> Convert(const Money& money) {
    if (memo_.empty()) return ctx_.Convert(money, target_);
    const Slot& slot = memo_[SlotOf(money)];
    if (slot.currency == money.currency && slot.minor == money.minor_units &&
        slot.currency != kNoSymbol) {
      return slot.converted;
    }
    const std::optional<int64_t> converted = ctx_.Convert(money, target_);
    if (converted) Remember(money, *converted);
    return converted;
  }

 private:
  struct Known {
    Symbol currency = kNoSymbol;
    bool convertible = false;
  };
  struct Slot {
    Symbol currency = kNoSymbol;  // kNoSymbol: empty
    int64_t minor = 0;
    int64_t converted = 0;
  };

  size_t SlotOf(const Money& money) const {
    uint64_t h = static_cast<uint64_t>(money.minor_units) * 0x9E3779B97F4A7C15ull ^
                 static_cast<uint64_t>(money.currency) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    return static_cast<size_t>(h) & mask_;
  }

  void Remember(const Money& money, int64_t converted) {
    if (memo_.empty()) return;
    memo_[SlotOf(money)] = Slot{money.currency, money.minor_units, converted};
  }

  const sdk::MatchContext& ctx_;
  const Symbol target_;
  std::vector<Slot> memo_;
  const size_t mask_;
  std::array<Known, 16> known_{};
  size_t known_count_ = 0;
};

// Memo slots for a batch of `n` candidates: enough for the distinct rates
// a registry typically has, bounded so a batch never costs much memory.
size_t MemoSlots(size_t n) { return std::bit_ceil(std::clamp<size_t>(n, 16, 4096)); }

// The tier (1..4, see rate.h) of `rate` for `service`, or kNoTier.
constexpr int kNoTier = 5;
int TierOf(const Rate& rate, Symbol service, sdk::Seniority seniority) {
  const bool at_seniority = seniority != sdk::Seniority::kAny && rate.seniority == seniority;
  if (rate.service == service) return at_seniority ? 1 : 2;
  if (rate.service == kNoSymbol) return at_seniority ? 3 : 4;
  return kNoTier;
}

// The rate of one service: the lowest of its tier's rates, converted.
struct Pick {
  enum class Kind { kNone, kRate, kNotConvertible };
  Kind kind = Kind::kNone;
  Symbol bad_currency = kNoSymbol;  // kNotConvertible: the first such rate's currency
  int64_t minor = 0;                // kRate
};

Pick NotConvertible(Symbol currency) { return Pick{Pick::Kind::kNotConvertible, currency, 0}; }

Pick RateFor(Converter& converter, std::span<const Rate> rates, Symbol service,
             sdk::Seniority seniority) {
  int tier = kNoTier;
  for (const Rate& rate : rates) tier = std::min(tier, TierOf(rate, service, seniority));
  if (tier == kNoTier) return Pick{};
  // Amounts in the target currency count as they are; for the others the
  // lowest amount per currency is converted once, after checking in rate
  // order that every currency converts.
  int64_t lowest = std::numeric_limits<int64_t>::max();
  std::array<Money, 4> pending;
  size_t pending_count = 0;
  for (const Rate& rate : rates) {
    if (TierOf(rate, service, seniority) != tier) continue;
    const Money& money = rate.hourly;
    if (converter.IsTarget(money.currency)) {
      lowest = std::min(lowest, money.minor_units);
      continue;
    }
    if (!converter.Convertible(money)) return NotConvertible(money.currency);
    auto same = [&money](const Money& m) { return m.currency == money.currency; };
    auto it = std::find_if(pending.begin(), pending.begin() + pending_count, same);
    if (it != pending.begin() + pending_count) {
      it->minor_units = std::min(it->minor_units, money.minor_units);
    } else if (pending_count < pending.size()) {
      pending[pending_count++] = money;
    } else {
      const std::optional<int64_t> converted = converter.Convert(money);
      if (!converted) return NotConvertible(money.currency);
      lowest = std::min(lowest, *converted);
    }
  }
  for (size_t i = 0; i < pending_count; ++i) {
    const std::optional<int64_t> converted = converter.Convert(pending[i]);
    if (!converted) return NotConvertible(pending[i].currency);
    lowest = std::min(lowest, *converted);
  }
  return Pick{Pick::Kind::kRate, kNoSymbol, lowest};
}

// The quote of `provider` for `services` (in request order) at `seniority`;
// calls on_rate(i, minor) with each considered services[i]'s rate.
template <typename OnRate>
RatePlugin::Quote QuoteWith(Converter& converter, const sdk::Provider& provider,
                            std::span<const Symbol> services, sdk::Seniority seniority,
                            OnRate&& on_rate) {
  using Quote = RatePlugin::Quote;
  // A service the provider does not offer is the services filter's concern;
  // judging its (absent) rate here would count the provider twice.
  Quote quote;
  const std::span<const Rate> rates = provider.rates();
  for (size_t i = 0; i < services.size(); ++i) {
    const Symbol service = services[i];
    if (!provider.Offers(service)) continue;
    const Pick pick = RateFor(converter, rates, service, seniority);
    switch (pick.kind) {
      case Pick::Kind::kNone:
        quote.outcome = Quote::Outcome::kUnknown;
        quote.detail = service;
        return quote;
      case Pick::Kind::kNotConvertible:
        quote.outcome = Quote::Outcome::kNotConvertible;
        quote.detail = pick.bad_currency;
        return quote;
      case Pick::Kind::kRate:
        break;
    }
    quote.max_minor = quote.count == 0 ? pick.minor : std::max(quote.max_minor, pick.minor);
    quote.sum_minor += pick.minor;
    ++quote.count;
    on_rate(i, pick.minor);
  }
  return quote;
}

RatePlugin::Quote QuoteWith(Converter& converter, const sdk::Provider& provider,
                            std::span<const Symbol> services, sdk::Seniority seniority) {
  return QuoteWith(converter, provider, services, seniority, [](size_t, int64_t) {});
}

// The rate of each distinct requested service `provider` offers, in request
// order, for the words of Explain, Verdicts and Fixes (one candidate).
struct ServiceRate {
  Symbol service = kNoSymbol;
  Pick pick;
};
std::vector<ServiceRate> EachService(const sdk::MatchContext& ctx, const sdk::Provider& provider,
                                     Symbol currency) {
  const sdk::Requirement& req = ctx.requirement();
  Converter converter(ctx, currency, 0);
  std::vector<ServiceRate> out;
  for (size_t i = 0; i < req.services.size(); ++i) {
    const Symbol service = req.services[i];
    const auto first = req.services.begin() + static_cast<std::ptrdiff_t>(i);
    if (!provider.Offers(service) || std::find(req.services.begin(), first, service) != first) {
      continue;
    }
    out.push_back({service, RateFor(converter, provider.rates(), service, req.seniority)});
  }
  return out;
}

int64_t MeanMinor(const RatePlugin::Quote& quote) {
  return quote.count == 0 ? 0 : (quote.sum_minor + quote.count / 2) / quote.count;
}

// The band of each of `services` in `currency` (nullopt: none), asked once
// per batch.
std::vector<std::optional<sdk::MarketBand>> BandsOf(const sdk::MatchContext& ctx,
                                                    std::span<const Symbol> services,
                                                    Symbol currency) {
  std::vector<std::optional<sdk::MarketBand>> bands;
  bands.reserve(services.size());
  for (Symbol service : services) bands.push_back(ctx.Band(service, currency));
  return bands;
}

std::optional<int64_t> CeilingOf(const sdk::Requirement& req) {
  if (!req.rate_ceiling) return std::nullopt;
  return req.rate_ceiling->minor_units;
}

// "33% up the market band", "under the market band" for `rate` in `band`.
std::string BandPosition(int64_t rate, const sdk::MarketBand& band) {
  const int64_t low = band.low.minor_units, high = band.high.minor_units;
  if (rate < low) return "under the market band";
  if (rate > high) return "over the market band";
  if (high == low) return "at the market band";
  const int64_t percent =
      std::llround(static_cast<double>(rate - low) * 100.0 / static_cast<double>(high - low));
  return absl::StrCat(percent, "% up the market band");
}

// ", 28% under the ceiling", ", at the ceiling", "" without a ceiling.
std::string CeilingDistance(int64_t rate, const std::optional<Money>& ceiling) {
  if (!ceiling || ceiling->minor_units <= 0) return "";
  const int64_t limit = ceiling->minor_units;
  if (rate == limit) return ", at the ceiling";
  const int64_t percent = std::llround(static_cast<double>(std::abs(limit - rate)) * 100.0 /
                                       static_cast<double>(limit));
  const char* side = rate < limit ? "under" : "over";
  if (percent == 0) return absl::StrCat(", just ", side, " the ceiling");
  return absl::StrCat(", ", percent, "% ", side, " the ceiling");
}

}  // namespace

sdk::PluginInfo RatePlugin::Info() const {
  sdk::PluginInfo info;
  info.description =
      "Rate ceiling and cost: each requested service's hourly rate within the ceiling; cheaper "
      "ranks higher";
  info.settings = {sdk::SettingSpec::String(
      "currency", "USD",
      "ISO 4217 code scores are computed in when the request has no rate ceiling")};
  return info;
}

absl::Status RatePlugin::Configure(const sdk::Settings& settings) {
  std::string currency = settings.String("currency");
  if (currency.empty()) currency = "USD";
  // The spec says "a string"; the form of a currency code is this plugin's.
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
                                         const sdk::Provider& provider, Symbol currency) {
  const sdk::Requirement& req = ctx.requirement();
  Converter converter(ctx, currency, 0);
  return QuoteWith(converter, provider, req.services, req.seniority);
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

RatePlugin::Target RatePlugin::ScoreCurrency(const sdk::MatchContext& ctx) const {
  const std::optional<Money>& ceiling = ctx.requirement().rate_ceiling;
  if (ceiling) return Target{ceiling->currency, ctx.Name(ceiling->currency)};
  return Target{ctx.Find(currency_), currency_};
}

absl::Status RatePlugin::Filter(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                                std::span<sdk::FilterResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!req.rate_ceiling || req.services.empty()) {
    std::fill(out.begin(), out.end(), sdk::FilterResult{});
    return absl::OkStatus();
  }
  const int64_t limit = req.rate_ceiling->minor_units;
  const std::span<const Symbol> services = req.services;
  const sdk::Seniority seniority = req.seniority;
  Converter converter(ctx, req.rate_ceiling->currency, MemoSlots(batch.size()));
  for (size_t i = 0; i < batch.size(); ++i) {
    const Quote quote = QuoteWith(converter, *batch[i].provider, services, seniority);
    switch (quote.outcome) {
      case Quote::Outcome::kUnknown:
        out[i] = sdk::FilterResult::Fail("rate_unknown", quote.detail);
        break;
      case Quote::Outcome::kNotConvertible:
        out[i] = sdk::FilterResult::Fail("currency_not_convertible", quote.detail);
        break;
      case Quote::Outcome::kOk:
        out[i] = quote.count > 0 && quote.max_minor > limit
                     ? sdk::FilterResult::Fail("rate_above_ceiling")
                     : sdk::FilterResult{};
        break;
    }
  }
  return absl::OkStatus();
}

double RatePlugin::ServiceScore(int64_t rate, const std::optional<sdk::MarketBand>& band,
                                std::optional<int64_t> ceiling) {
  const double r = static_cast<double>(rate);
  double sum = 0;
  int parts = 0;
  if (band) {
    const double low = static_cast<double>(band->low.minor_units);
    const double high = static_cast<double>(band->high.minor_units);
    sum += high > low ? 100 * std::clamp((high - r) / (high - low), 0.0, 1.0) : r <= low ? 100 : 0;
    ++parts;
  }
  if (ceiling) {
    const double c = static_cast<double>(*ceiling);
    sum += c > 0 ? 100 * std::clamp((c - r) / (0.5 * c), 0.0, 1.0) : r <= c ? 100 : 0;
    ++parts;
  }
  return parts == 0 ? kNoScaleScore : sum / parts;
}

absl::Status RatePlugin::Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                               std::span<sdk::ScoreResult> out) const {
  const sdk::Requirement& req = ctx.requirement();
  const Symbol currency = ScoreCurrency(ctx).symbol;
  const std::span<const Symbol> services = req.services;
  const sdk::Seniority seniority = req.seniority;
  const std::vector<std::optional<sdk::MarketBand>> bands = BandsOf(ctx, services, currency);
  const std::optional<int64_t> ceiling = CeilingOf(req);
  Converter converter(ctx, currency, MemoSlots(batch.size()));
  for (size_t i = 0; i < batch.size(); ++i) {
    double sum = 0;
    const Quote quote =
        QuoteWith(converter, *batch[i].provider, services, seniority,
                  [&](size_t s, int64_t minor) { sum += ServiceScore(minor, bands[s], ceiling); });
    out[i].raw = quote.outcome != Quote::Outcome::kOk || quote.count == 0 ? 0 : sum / quote.count;
  }
  return absl::OkStatus();
}

std::string RatePlugin::Explain(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                double raw) const {
  (void)raw;  // recomputed with the details the words need
  const auto [currency, name] = ScoreCurrency(ctx);
  const Quote quote = QuoteRates(ctx, *candidate.provider, currency);
  switch (quote.outcome) {
    case Quote::Outcome::kUnknown:
      return absl::StrCat("no rate for ", ctx.Name(quote.detail));
    case Quote::Outcome::kNotConvertible:
      return absl::StrCat("rates in ", ctx.Name(quote.detail), " cannot be converted to ", name);
    case Quote::Outcome::kOk:
      break;
  }
  if (quote.count == 0) return "no requested service to rate";
  const int digits = ctx.MinorDigits(currency);
  const int64_t mean = MeanMinor(quote);
  std::string reason =
      absl::StrCat(FormatMoney(name, mean, digits), "/h", quote.count > 1 ? " mean rate" : "",
                   CeilingDistance(mean, ctx.requirement().rate_ceiling));
  const std::vector<ServiceRate> rates = EachService(ctx, *candidate.provider, currency);
  for (const ServiceRate& rate : rates) {
    const std::optional<sdk::MarketBand> band = ctx.Band(rate.service, currency);
    if (!band || rate.pick.kind != Pick::Kind::kRate) continue;
    const std::string range =
        absl::StrCat(FormatMoney(name, band->low.minor_units, digits), "–",
                     FormatMoney("", band->high.minor_units, digits).substr(1));
    const std::string position = BandPosition(rate.pick.minor, *band);
    if (rates.size() == 1) {
      absl::StrAppend(&reason, "; ", position, " ", range, " for ", ctx.Name(rate.service));
    } else {
      absl::StrAppend(&reason, "; ", FormatMoney(name, rate.pick.minor, digits), "/h for ",
                      ctx.Name(rate.service), " is ", position, " ", range);
    }
  }
  return reason;
}

absl::Status RatePlugin::Normalize(const sdk::MatchContext& ctx,
                                   std::span<sdk::ScoreResult> scores) const {
  (void)ctx;
  for (sdk::ScoreResult& s : scores) s.normalized = std::clamp(s.raw, 0.0, 100.0);
  return absl::OkStatus();
}

absl::Status RatePlugin::Verdicts(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                                  std::vector<sdk::Verdict>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!req.rate_ceiling || req.services.empty()) return absl::OkStatus();
  const Money& ceiling = *req.rate_ceiling;
  const absl::string_view name = ctx.Name(ceiling.currency);
  const int digits = ctx.MinorDigits(ceiling.currency);
  const std::vector<ServiceRate> rates = EachService(ctx, *candidate.provider, ceiling.currency);
  // What Filter reports first comes first: a rate that cannot be compared.
  for (const ServiceRate& rate : rates) {
    const absl::string_view service = ctx.Name(rate.service);
    if (rate.pick.kind == Pick::Kind::kNone) {
      out.push_back(
          {"rate_unknown", rate.service, absl::StrCat("no hourly rate is listed for ", service)});
    } else if (rate.pick.kind == Pick::Kind::kNotConvertible) {
      out.push_back(
          {"currency_not_convertible", rate.pick.bad_currency,
           absl::StrCat("the rate for ", service, " is in ", ctx.Name(rate.pick.bad_currency),
                        ", which cannot be converted to ", name)});
    }
  }
  for (const ServiceRate& rate : rates) {
    if (rate.pick.kind != Pick::Kind::kRate || rate.pick.minor <= ceiling.minor_units) continue;
    out.push_back({"rate_above_ceiling", rate.service,
                   absl::StrCat(FormatMoney(name, rate.pick.minor, digits), "/h for ",
                                ctx.Name(rate.service), " is above the ceiling of ",
                                FormatMoney(name, ceiling.minor_units, digits), "/h")});
  }
  return absl::OkStatus();
}

void RatePlugin::Fixes(const sdk::MatchContext& ctx, const sdk::Candidate& candidate,
                       std::vector<sdk::Change>& out) const {
  const sdk::Requirement& req = ctx.requirement();
  if (!req.rate_ceiling || req.services.empty()) return;
  const Money& ceiling = *req.rate_ceiling;
  bool unknown = false;
  int64_t highest = 0;
  std::vector<sdk::Change> offers;
  for (const ServiceRate& rate : EachService(ctx, *candidate.provider, ceiling.currency)) {
    // No change on either side makes a rate in an unconvertible currency comparable.
    if (rate.pick.kind == Pick::Kind::kNotConvertible) return;
    if (rate.pick.kind == Pick::Kind::kRate) {
      highest = std::max(highest, rate.pick.minor);
      if (rate.pick.minor <= ceiling.minor_units) continue;
    } else {
      unknown = true;
    }
    sdk::Change offer{sdk::ChangeKind::kOfferRate};
    offer.symbol = rate.service;
    offer.currency = ceiling.currency;
    offer.amount = ceiling.minor_units;
    offers.push_back(offer);
  }
  if (offers.empty()) return;
  if (!unknown) {  // a higher ceiling cannot make an unknown rate known
    sdk::Change raise{sdk::ChangeKind::kRaiseRateCeiling};
    raise.currency = ceiling.currency;
    raise.amount = highest;
    out.push_back(raise);
  }
  out.insert(out.end(), offers.begin(), offers.end());
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::RatePlugin, "rate", "1.0.0")
