#include "services/matching/exchange_rates.h"

#include <yaml-cpp/yaml.h>

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_violations.h"
#include "services/domain/reference_data.h"

namespace vendormatch {
namespace {

int64_t Pow10(int n) {
  int64_t v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

// Parses a positive decimal into billionths, exactly (up to 9 decimals).
std::optional<int64_t> ParseNanos(absl::string_view text) {
  size_t dot = text.find('.');
  absl::string_view whole = text.substr(0, dot);
  absl::string_view frac = dot == absl::string_view::npos ? "" : text.substr(dot + 1);
  if (frac.size() > 9 || (whole.empty() && frac.empty())) return std::nullopt;
  int64_t w = 0, f = 0;
  if (!whole.empty() && !absl::SimpleAtoi(whole, &w)) return std::nullopt;
  if (!frac.empty() && !absl::SimpleAtoi(frac, &f)) return std::nullopt;
  if (w < 0 || f < 0 || w > 1'000'000) return std::nullopt;
  int64_t nanos = w * 1'000'000'000 + f * Pow10(9 - static_cast<int>(frac.size()));
  if (nanos <= 0) return std::nullopt;
  return nanos;
}

}  // namespace

ExchangeRates ExchangeRates::Default() {
  static const char kTable[] = R"(
USD: 1
EUR: 1.08
GBP: 1.27
CAD: 0.73
MXN: 0.058
BRL: 0.19
COP: 0.00025
ARS: 0.0011
CRC: 0.0019
PLN: 0.25
RON: 0.22
BGN: 0.55
CZK: 0.043
HUF: 0.0027
UAH: 0.024
CHF: 1.12
INR: 0.012
PHP: 0.0175
VND: 0.000039
MYR: 0.21
LKR: 0.0033
ZAR: 0.054
EGP: 0.020
KES: 0.0077
MAD: 0.10
JMD: 0.0064
AUD: 0.66
NZD: 0.60
SGD: 0.74
JPY: 0.0067
CNY: 0.14
AED: 0.27
)";
  return *FromYaml(kTable);
}

absl::StatusOr<ExchangeRates> ExchangeRates::FromYaml(absl::string_view text) {
  ExchangeRates rates;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return InvalidField("exchange_rates", absl::StrCat("not YAML: ", e.what()));
  }
  if (!root.IsMap()) return InvalidField("exchange_rates", "expected CUR: value lines");
  FieldViolations violations;
  for (const auto& item : root) {
    const std::string code = item.first.as<std::string>();
    const std::string value = item.second.IsScalar() ? item.second.as<std::string>() : "";
    if (!FindCurrency(code)) {
      violations.Add(absl::StrCat("exchange_rates.", code), "unknown ISO 4217 currency");
    } else if (auto nanos = ParseNanos(value)) {
      rates.nano_usd_[code] = *nanos;
    } else {
      violations.Add(absl::StrCat("exchange_rates.", code),
                     absl::StrCat("\"", value, "\" is not a positive decimal (USD per unit)"));
    }
  }
  if (!violations.empty()) return violations.ToStatus("bad exchange rates");
  rates.IndexByIso();
  return rates;
}

bool ExchangeRates::Has(absl::string_view currency) const {
  return nano_usd_.find(currency) != nano_usd_.end();
}

void ExchangeRates::IndexByIso() {
  by_iso_.clear();
  for (const Currency& c : vendormatch::Currencies()) by_iso_.push_back(Lookup(c.code));
}

const std::optional<ExchangeRates::Unit>& ExchangeRates::LookupIso(size_t index) const {
  static const std::optional<Unit> kNone;
  return index < by_iso_.size() ? by_iso_[index] : kNone;
}

std::optional<ExchangeRates::Unit> ExchangeRates::Lookup(absl::string_view currency) const {
  auto rate = nano_usd_.find(currency);
  auto iso = FindCurrency(currency);
  if (rate == nano_usd_.end() || !iso) return std::nullopt;
  return Unit{rate->second, iso->minor_digits};
}

int64_t ExchangeRates::ConvertWith(int64_t minor_units, const Unit& from, const Unit& to) {
  // minor_to = minor_from / 10^df * rate_from / rate_to * 10^dt, in 128-bit.
  __int128 numerator = static_cast<__int128>(minor_units) * from.nano_usd * Pow10(to.minor_digits);
  __int128 denominator = static_cast<__int128>(to.nano_usd) * Pow10(from.minor_digits);
  __int128 quotient = numerator / denominator;
  __int128 remainder = numerator % denominator;
  if (remainder * 2 >= denominator) ++quotient;
  if (remainder * 2 <= -denominator) --quotient;
  return static_cast<int64_t>(quotient);
}

std::optional<int64_t> ExchangeRates::Convert(int64_t minor_units, absl::string_view from,
                                              absl::string_view to) const {
  auto f = Lookup(from);
  auto t = Lookup(to);
  if (!f || !t) return std::nullopt;
  return ConvertWith(minor_units, *f, *t);
}

}  // namespace vendormatch
