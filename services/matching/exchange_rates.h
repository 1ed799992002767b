// Exchange rates for comparing rate cards with ceilings in other currencies.
// Rates are exact decimals (nano-USD per major unit), arithmetic is integer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch {

// Immutable after construction; thread-safe.
class ExchangeRates {
 public:
  // The built-in table: approximate mid-market rates for the currencies
  // providers commonly bill in. Operators should supply their own.
  static ExchangeRates Default();

  // Parses "CUR: value" lines (YAML mapping; value = USD per one unit of
  // CUR, a decimal like 0.0118). Errors: INVALID_ARGUMENT naming the line's
  // currency (unknown ISO 4217 code, non-positive or malformed value).
  static absl::StatusOr<ExchangeRates> FromYaml(absl::string_view text);

  // `minor_units` of `from` in minor units of `to`, rounded half away from
  // zero; nullopt when either currency has no rate.
  std::optional<int64_t> Convert(int64_t minor_units, absl::string_view from,
                                 absl::string_view to) const;

  // One currency's rate and minor digits, to convert many amounts without
  // looking the currencies up each time: Convert(m, a, b) ==
  // ConvertWith(m, *Lookup(a), *Lookup(b)).
  struct Unit {
    int64_t nano_usd = 0;  // per major unit
    int minor_digits = 2;
  };
  std::optional<Unit> Lookup(absl::string_view currency) const;
  // The same by position in reference_data's Currencies() (no string
  // lookups: the matching dictionary gives those currencies Symbols 1..N).
  const std::optional<Unit>& LookupIso(size_t index) const;
  static int64_t ConvertWith(int64_t minor_units, const Unit& from, const Unit& to);

  bool Has(absl::string_view currency) const;
  size_t size() const { return nano_usd_.size(); }

 private:
  void IndexByIso();

  std::map<std::string, int64_t, std::less<>> nano_usd_;  // per major unit
  std::vector<std::optional<Unit>> by_iso_;               // by Currencies() position
};

}  // namespace vendormatch
