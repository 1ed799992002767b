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

// The quote of `provider` for `services` (in request order) at `seniority`.
RatePlugin::Quote QuoteWith(Converter& converter, const sdk::Provider& provider,
                            std::span<const Symbol> services, sdk::Seniority seniority) {
  using Quote = RatePlugin::Quote;
  // A service the provider does not offer is the services filter's concern;
  // judging its (absent) rate here would count the provider twice.
  Quote quote;
  const std::span<const Rate> rates = provider.rates();
  for (Symbol service : services) {
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
  }
  return quote;
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
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
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

absl::Status RatePlugin::Score(const sdk::MatchContext& ctx, std::span<const sdk::Candidate> batch,
                               std::span<sdk::ScoreResult> out) const {
  if (absl::Status s = CheckSizes(batch.size(), out.size()); !s.ok()) return s;
  const sdk::Requirement& req = ctx.requirement();
  const Symbol currency = ScoreCurrency(ctx).symbol;
  const double scale = Pow10(ctx.MinorDigits(currency));
  const std::span<const Symbol> services = req.services;
  const sdk::Seniority seniority = req.seniority;
  Converter converter(ctx, currency, MemoSlots(batch.size()));
  for (size_t i = 0; i < batch.size(); ++i) {
    const Quote quote = QuoteWith(converter, *batch[i].provider, services, seniority);
    out[i].raw = quote.outcome != Quote::Outcome::kOk || quote.count == 0
                     ? -1
                     : static_cast<double>(MeanMinor(quote)) / scale;
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
  const int64_t mean = MeanMinor(quote);
  std::string reason = absl::StrCat(FormatMoney(name, mean, ctx.MinorDigits(currency)), "/h",
                                    quote.count > 1 ? " mean rate" : " rate");
  const std::optional<Money>& ceiling = ctx.requirement().rate_ceiling;
  if (ceiling && ceiling->minor_units > 0) {
    const int64_t limit = ceiling->minor_units;
    if (mean == limit) {
      reason += ", at the ceiling";
    } else {
      const int64_t percent = std::llround(static_cast<double>(std::abs(limit - mean)) * 100.0 /
                                           static_cast<double>(limit));
      const char* side = mean < limit ? "under" : "over";
      if (percent == 0) {
        absl::StrAppend(&reason, ", just ", side, " the ceiling");
      } else {
        absl::StrAppend(&reason, ", ", percent, "% ", side, " the ceiling");
      }
    }
  }
  return reason;
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
  const sdk::Requirement& req = ctx.requirement();
  const std::optional<Money>& ceiling = req.rate_ceiling;
  if (!ceiling) return "";
  Converter converter(ctx, ceiling->currency, MemoSlots(removed.size()));
  std::optional<int64_t> needed;
  for (const sdk::Candidate& candidate : removed) {
    const Quote quote = QuoteWith(converter, *candidate.provider, req.services, req.seniority);
    if (quote.outcome != Quote::Outcome::kOk || quote.count == 0) continue;
    if (quote.max_minor <= ceiling->minor_units) continue;
    needed = needed ? std::max(*needed, quote.max_minor) : quote.max_minor;
  }
  if (!needed) return "";
  return absl::StrCat("raise rate_ceiling to ", FormatMoney(ctx.Name(ceiling->currency), *needed,
                                                            ctx.MinorDigits(ceiling->currency)));
}

}  // namespace vendormatch::plugins

VENDORMATCH_PLUGIN(vendormatch::plugins::RatePlugin, "rate", "1.0.0")
