// Reference tables the registry validates against: ISO 3166-1 alpha-2
// countries, ISO 4217 currencies, certification codes, industry codes and
// qualification codes. All tables are compiled in, immutable and safe to use
// from any thread.
#pragma once

#include <optional>
#include <span>
#include "absl/strings/string_view.h"

namespace vendormatch {

struct Country {
  absl::string_view code;  // ISO 3166-1 alpha-2, upper case.
  absl::string_view name;
};

struct Currency {
  absl::string_view code;  // ISO 4217 alphabetic, upper case.
  absl::string_view name;
  int minor_digits;  // 2 for USD, 0 for JPY, 3 for KWD.
};

struct CodeName {
  absl::string_view code;
  absl::string_view name;
};

// Looks `code` up (exact, upper case). nullopt when unknown.
std::optional<Country> FindCountry(absl::string_view code);
std::optional<Currency> FindCurrency(absl::string_view code);
std::optional<CodeName> FindCertification(absl::string_view code);
std::optional<CodeName> FindIndustry(absl::string_view code);

// Whole tables, sorted by code.
std::span<const Country> Countries();
std::span<const Currency> Currencies();
std::span<const CodeName> Certifications();
std::span<const CodeName> Industries();

// True when `tag` is a well-formed BCP 47 language tag (RFC 5646 syntax:
// language[-script][-region][-variant]*[-extension]*[-privateuse]) whose
// primary language subtag is a known ISO 639 code and whose region, when it is
// two letters, is a known ISO 3166-1 country. Case-insensitive.
bool IsValidLanguageTag(absl::string_view tag);

}  // namespace vendormatch
