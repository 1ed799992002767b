// Reference tables the registry validates against: ISO 3166-1 alpha-2
// countries, ISO 4217 currencies, certification codes, industry codes and
// qualification codes. All tables are compiled in, immutable and safe to use
// from any thread.
#pragma once

#include <optional>
#include <span>
#include <string>

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

// Looks `code` up (exact, upper case). nullopt when unknown. Currencies are
// those of ISO 4217 list one that a provider can bill in: fund codes (BOV,
// CLF, USN, ...), precious metals, bond-market units, XDR, XTS and XXX are
// left out.
std::optional<Country> FindCountry(absl::string_view code);
std::optional<Currency> FindCurrency(absl::string_view code);
std::optional<CodeName> FindCertification(absl::string_view code);
std::optional<CodeName> FindIndustry(absl::string_view code);
// Supplier-diversity classifications (WOMEN_OWNED, MINORITY_OWNED, ...).
std::optional<CodeName> FindClassification(absl::string_view code);
// Qualifications are looked up case-insensitively ("phd" finds "PhD"); the
// result carries the canonical spelling.
std::optional<CodeName> FindQualification(absl::string_view code);

// Whole tables, sorted by code.
std::span<const Country> Countries();
std::span<const Currency> Currencies();
std::span<const CodeName> Certifications();
std::span<const CodeName> Industries();
std::span<const CodeName> Classifications();
// Sorted by code compared case-insensitively.
std::span<const CodeName> Qualifications();

// True when `tag` is a well-formed BCP 47 language tag (RFC 5646 syntax:
// language[-script][-region][-variant]*[-extension]*[-privateuse]) whose
// primary language subtag is a known ISO 639 code and whose region, when it is
// two letters, is a known ISO 3166-1 country. Case-insensitive.
//
// Details a caller may rely on:
//  - Known languages are ISO 639-1, 639-2 (terminology and bibliographic) and
//    639-3 codes ("en", "fil", "yue", "ger"). The special codes "mis", "mul",
//    "und", "zxx", the local-use range "qaa".."qtz" and 4-8 letter primary
//    subtags are rejected: they name no language a provider can work in.
//  - Private-use-only tags ("x-private") and irregular grandfathered tags
//    ("i-klingon", "en-GB-oed") are rejected; a private-use suffix
//    ("en-x-legal") is fine. Grandfathered tags that fit the langtag grammar
//    ("zh-min-nan") are read by that grammar.
//  - A three-digit region must be a UN M.49 area registered for BCP 47
//    ("419", "150", "001"). Script, extlang, variant and extension subtags are
//    checked for form only. Repeated variants or extension singletons are
//    rejected, as RFC 5646 requires.
//  - At most kMaxLanguageTagLength characters.
inline constexpr int kMaxLanguageTagLength = 64;
bool IsValidLanguageTag(absl::string_view tag);

// `tag` with the RFC 5646 case conventions applied: language and extlang
// lower case, script title case ("Hant"), two-letter region upper case,
// everything else (variants, extensions, private use) lower case. Works by
// subtag shape and position only: it does not validate and never fails.
std::string CanonicalizeLanguageTag(absl::string_view tag);

}  // namespace vendormatch
