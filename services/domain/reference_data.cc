#include "services/domain/reference_data.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace vendormatch {
namespace {

// ---------------------------------------------------------------------------
// Tables. Each is sorted by code; the static_asserts below keep them so.

constexpr Country kCountries[] = {
#include "services/domain/reference_data_countries.inc"
};

constexpr Currency kCurrencies[] = {
#include "services/domain/reference_data_currencies.inc"
};

// Defines kIso639Alpha2 and kIso639Alpha3 (packed, fixed-width, sorted).
#include "services/domain/reference_data_languages.inc"

// UN M.49 areas registered as BCP 47 region subtags (packed, sorted).
constexpr absl::string_view kM49Areas =
    "001002003005009011013014015017018019021029030034035039053054057061"
    "142143145150151154155202419";

constexpr CodeName kCertifications[] = {
    {"CCPA", "CCPA (California Consumer Privacy Act) compliance"},
    {"CMMI3", "CMMI Maturity Level 3"},
    {"CMMI4", "CMMI Maturity Level 4"},
    {"CMMI5", "CMMI Maturity Level 5"},
    {"COPC", "COPC Customer Experience Standard"},
    {"CSA_STAR", "CSA STAR cloud security certification"},
    {"CYBER_ESSENTIALS", "Cyber Essentials (UK)"},
    {"FEDRAMP", "FedRAMP authorization"},
    {"GDPR", "GDPR readiness"},
    {"HIPAA", "HIPAA compliance"},
    {"HITRUST", "HITRUST CSF certification"},
    {"ISAE3402", "ISAE 3402 assurance report"},
    {"ISO13485", "ISO 13485 medical devices quality management"},
    {"ISO14001", "ISO 14001 environmental management"},
    {"ISO20000", "ISO/IEC 20000-1 IT service management"},
    {"ISO22301", "ISO 22301 business continuity management"},
    {"ISO27001", "ISO/IEC 27001 information security management"},
    {"ISO27017", "ISO/IEC 27017 cloud security controls"},
    {"ISO27018", "ISO/IEC 27018 protection of PII in public clouds"},
    {"ISO27701", "ISO/IEC 27701 privacy information management"},
    {"ISO42001", "ISO/IEC 42001 AI management system"},
    {"ISO45001", "ISO 45001 occupational health and safety"},
    {"ISO9001", "ISO 9001 quality management"},
    {"PCI_DSS", "PCI DSS (Payment Card Industry Data Security Standard)"},
    {"SOC1", "SOC 1 (SSAE 18) report"},
    {"SOC2", "SOC 2 report"},
    {"SOC3", "SOC 3 report"},
    {"TISAX", "TISAX automotive information security"},
};

// Supplier-diversity classifications procurement programmes track, each
// certified by a body (WBENC, NMSDC, NaVOBA, SBA, B Lab, ...).
constexpr CodeName kClassifications[] = {
    {"B_CORP", "Certified B Corporation"},
    {"DISABILITY_OWNED", "Disability-owned business"},
    {"DISADVANTAGED_BUSINESS", "Small disadvantaged business"},
    {"HUBZONE", "Historically underutilised business zone business"},
    {"LGBTQ_OWNED", "LGBTQ+-owned business"},
    {"MINORITY_OWNED", "Minority-owned business"},
    {"SMALL_BUSINESS", "Small business"},
    {"SOCIAL_ENTERPRISE", "Social enterprise"},
    {"VETERAN_OWNED", "Veteran-owned business"},
    {"WOMEN_OWNED", "Women-owned business"},
};

constexpr CodeName kIndustries[] = {
    {"AEROSPACE_DEFENSE", "Aerospace and defence"},
    {"AGRICULTURE", "Agriculture"},
    {"AUTOMOTIVE", "Automotive"},
    {"BANKING", "Banking"},
    {"CAPITAL_MARKETS", "Capital markets"},
    {"CHEMICALS", "Chemicals"},
    {"CONSTRUCTION", "Construction"},
    {"CONSUMER_GOODS", "Consumer goods"},
    {"EDUCATION", "Education"},
    {"ENERGY_UTILITIES", "Energy and utilities"},
    {"GAMING", "Gaming"},
    {"HEALTHCARE", "Healthcare"},
    {"INSURANCE", "Insurance"},
    {"LEGAL", "Legal"},
    {"LOGISTICS", "Logistics and transportation"},
    {"MANUFACTURING", "Manufacturing"},
    {"MEDIA_ENTERTAINMENT", "Media and entertainment"},
    {"NON_PROFIT", "Non-profit"},
    {"PHARMA_LIFE_SCIENCES", "Pharmaceuticals and life sciences"},
    {"PROFESSIONAL_SERVICES", "Professional services"},
    {"PUBLIC_SECTOR", "Public sector"},
    {"REAL_ESTATE", "Real estate"},
    {"RETAIL_ECOMMERCE", "Retail and e-commerce"},
    {"TECHNOLOGY", "Technology"},
    {"TELECOM", "Telecommunications"},
    {"TRAVEL_HOSPITALITY", "Travel and hospitality"},
};

// Canonical spellings; sorted case-insensitively.
constexpr CodeName kQualifications[] = {
    {"ACCA", "Association of Chartered Certified Accountants member"},
    {"CA", "Chartered Accountant"},
    {"CCS", "Certified Coding Specialist"},
    {"CFA", "Chartered Financial Analyst"},
    {"CIA", "Certified Internal Auditor"},
    {"CISA", "Certified Information Systems Auditor"},
    {"CISSP", "Certified Information Systems Security Professional"},
    {"CMA", "Certified Management Accountant"},
    {"CPA", "Certified Public Accountant"},
    {"CPC", "Certified Professional Coder"},
    {"CS", "Company Secretary"},
    {"FRM", "Financial Risk Manager"},
    {"JD", "Juris Doctor"},
    {"LLB", "Bachelor of Laws"},
    {"LLM", "Master of Laws"},
    {"MBA", "Master of Business Administration"},
    {"MD", "Doctor of Medicine"},
    {"MSc", "Master of Science"},
    {"PE", "Professional Engineer"},
    {"PharmD", "Doctor of Pharmacy"},
    {"PhD", "Doctor of Philosophy"},
    {"PMP", "Project Management Professional"},
    {"RHIA", "Registered Health Information Administrator"},
    {"RN", "Registered Nurse"},
};

constexpr char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Case-insensitive "a < b" over ASCII, usable in constant expressions.
constexpr bool LessIgnoreCase(absl::string_view a, absl::string_view b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return LowerAscii(a[i]) < LowerAscii(b[i]);
  }
  return a.size() < b.size();
}

constexpr auto kByCode = [](const auto& a, const auto& b) { return a.code < b.code; };

static_assert(std::size(kCountries) == 249, "ISO 3166-1 has 249 countries");
static_assert(std::is_sorted(std::begin(kCountries), std::end(kCountries), kByCode));
static_assert(std::is_sorted(std::begin(kCurrencies), std::end(kCurrencies), kByCode));
static_assert(std::is_sorted(std::begin(kCertifications), std::end(kCertifications), kByCode));
static_assert(std::is_sorted(std::begin(kIndustries), std::end(kIndustries), kByCode));
static_assert(std::is_sorted(std::begin(kClassifications), std::end(kClassifications), kByCode));
static_assert(std::is_sorted(std::begin(kQualifications), std::end(kQualifications),
                             [](const CodeName& a, const CodeName& b) {
                               return LessIgnoreCase(a.code, b.code);
                             }));

// True when `packed` is a whole number of `width`-char codes, strictly sorted.
constexpr bool IsPackedAndSorted(absl::string_view packed, size_t width) {
  if (packed.size() % width != 0) return false;
  for (size_t i = width; i < packed.size(); i += width) {
    if (packed.substr(i - width, width).compare(packed.substr(i, width)) >= 0) return false;
  }
  return true;
}
static_assert(IsPackedAndSorted(kIso639Alpha2, 2));
static_assert(IsPackedAndSorted(kIso639Alpha3, 3));
static_assert(IsPackedAndSorted(kM49Areas, 3));

// Binary search of a table sorted by `code`.
template <typename T>
std::optional<T> FindByCode(std::span<const T> table, absl::string_view code) {
  auto it = std::lower_bound(table.begin(), table.end(), code,
                             [](const T& entry, absl::string_view c) { return entry.code < c; });
  if (it == table.end() || it->code != code) return std::nullopt;
  return *it;
}

// Binary search of `code` in `packed`: sorted codes of exactly `width` chars.
bool InPackedCodes(absl::string_view packed, size_t width, absl::string_view code) {
  if (code.size() != width) return false;
  size_t lo = 0;
  size_t hi = packed.size() / width;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const int cmp = packed.substr(mid * width, width).compare(code);
    if (cmp == 0) return true;
    if (cmp < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Language tags (RFC 5646 section 2.1). The tag is split on '-' and the
// subtags are consumed left to right, one grammar production at a time.

bool AllOf(absl::string_view s, bool (*pred)(unsigned char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [pred](char c) { return pred(c); });
}
bool IsAlpha(absl::string_view s) { return AllOf(s, absl::ascii_isalpha); }
bool IsDigits(absl::string_view s) { return AllOf(s, absl::ascii_isdigit); }
bool IsAlnum(absl::string_view s) { return AllOf(s, absl::ascii_isalnum); }
bool LengthIn(absl::string_view s, size_t lo, size_t hi) {
  return s.size() >= lo && s.size() <= hi;
}

bool IsKnownLanguage(absl::string_view subtag) {
  const std::string lower = absl::AsciiStrToLower(subtag);
  return InPackedCodes(kIso639Alpha2, 2, lower) || InPackedCodes(kIso639Alpha3, 3, lower);
}

bool IsScript(absl::string_view s) { return s.size() == 4 && IsAlpha(s); }
bool IsExtlang(absl::string_view s) { return s.size() == 3 && IsAlpha(s); }
bool IsRegionShape(absl::string_view s) {
  return (s.size() == 2 && IsAlpha(s)) || (s.size() == 3 && IsDigits(s));
}
bool IsKnownRegion(absl::string_view s) {
  if (IsDigits(s)) return InPackedCodes(kM49Areas, 3, s);
  return FindCountry(absl::AsciiStrToUpper(s)).has_value();
}
// variant = 5*8alphanum / (DIGIT 3alphanum)
bool IsVariant(absl::string_view s) {
  if (!IsAlnum(s)) return false;
  return LengthIn(s, 5, 8) || (s.size() == 4 && absl::ascii_isdigit(s[0]));
}
bool IsSingleton(absl::string_view s) {
  return s.size() == 1 && IsAlnum(s) && s != "x" && s != "X";
}
bool IsPrivateUseMarker(absl::string_view s) { return s == "x" || s == "X"; }

// True when `seen` already holds `s` (case-insensitively); otherwise adds it.
bool SeenBefore(std::vector<std::string>& seen, absl::string_view s) {
  std::string lower = absl::AsciiStrToLower(s);
  if (std::find(seen.begin(), seen.end(), lower) != seen.end()) return true;
  seen.push_back(std::move(lower));
  return false;
}

class LangtagParser {
 public:
  explicit LangtagParser(absl::string_view tag) : subtags_(absl::StrSplit(tag, '-')) {}

  bool Parse() {
    return Language() && Script() && Region() && Variants() && Extensions() && PrivateUse() &&
           AtEnd();
  }

 private:
  bool AtEnd() const { return pos_ == subtags_.size(); }
  absl::string_view Peek() const { return AtEnd() ? absl::string_view() : subtags_[pos_]; }

  // language = 2*3ALPHA ["-" extlang], extlang = 3ALPHA *2("-" 3ALPHA).
  // 4-8 letter languages are well-formed but never ISO 639, so rejected.
  bool Language() {
    const absl::string_view lang = Peek();
    if (!LengthIn(lang, 2, 3) || !IsAlpha(lang) || !IsKnownLanguage(lang)) return false;
    ++pos_;
    for (int i = 0; i < 3 && IsExtlang(Peek()); ++i) ++pos_;
    return true;
  }
  bool Script() {
    if (IsScript(Peek())) ++pos_;
    return true;
  }
  bool Region() {
    if (!IsRegionShape(Peek())) return true;
    if (!IsKnownRegion(Peek())) return false;
    ++pos_;
    return true;
  }
  bool Variants() {
    std::vector<std::string> seen;
    for (; IsVariant(Peek()); ++pos_) {
      if (SeenBefore(seen, Peek())) return false;
    }
    return true;
  }
  // extension = singleton 1*("-" (2*8alphanum)); each singleton at most once.
  bool Extensions() {
    std::vector<std::string> seen;
    while (IsSingleton(Peek())) {
      if (SeenBefore(seen, Peek())) return false;
      ++pos_;
      size_t count = 0;
      for (; !AtEnd() && LengthIn(Peek(), 2, 8) && IsAlnum(Peek()); ++pos_) ++count;
      if (count == 0) return false;
    }
    return true;
  }
  // privateuse = "x" 1*("-" (1*8alphanum)); it runs to the end of the tag.
  bool PrivateUse() {
    if (!IsPrivateUseMarker(Peek())) return true;
    ++pos_;
    if (AtEnd()) return false;
    for (; !AtEnd(); ++pos_) {
      if (!LengthIn(Peek(), 1, 8) || !IsAlnum(Peek())) return false;
    }
    return true;
  }

  std::vector<absl::string_view> subtags_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<Country> FindCountry(absl::string_view code) {
  return FindByCode<Country>(kCountries, code);
}
std::optional<Currency> FindCurrency(absl::string_view code) {
  return FindByCode<Currency>(kCurrencies, code);
}
std::optional<CodeName> FindCertification(absl::string_view code) {
  return FindByCode<CodeName>(kCertifications, code);
}
std::optional<CodeName> FindIndustry(absl::string_view code) {
  return FindByCode<CodeName>(kIndustries, code);
}
std::optional<CodeName> FindClassification(absl::string_view code) {
  return FindByCode<CodeName>(kClassifications, code);
}
std::optional<CodeName> FindQualification(absl::string_view code) {
  for (const CodeName& entry : kQualifications) {
    if (absl::EqualsIgnoreCase(entry.code, code)) return entry;
  }
  return std::nullopt;
}

std::span<const Country> Countries() { return kCountries; }
std::span<const Currency> Currencies() { return kCurrencies; }
std::span<const CodeName> Certifications() { return kCertifications; }
std::span<const CodeName> Industries() { return kIndustries; }
std::span<const CodeName> Classifications() { return kClassifications; }
std::span<const CodeName> Qualifications() { return kQualifications; }

bool IsValidLanguageTag(absl::string_view tag) {
  if (tag.empty() || tag.size() > static_cast<size_t>(kMaxLanguageTagLength)) return false;
  return LangtagParser(tag).Parse();
}

std::string CanonicalizeLanguageTag(absl::string_view tag) {
  std::string out = absl::AsciiStrToLower(tag);
  bool first = true;
  bool after_singleton = false;  // extensions and private use stay lower case
  size_t start = 0;
  for (absl::string_view subtag : absl::StrSplit(tag, '-')) {
    if (!first && !after_singleton) {
      if (subtag.size() == 1) {
        after_singleton = true;
      } else if (IsScript(subtag)) {
        out[start] = absl::ascii_toupper(out[start]);
      } else if (subtag.size() == 2 && IsAlpha(subtag)) {
        out[start] = absl::ascii_toupper(out[start]);
        out[start + 1] = absl::ascii_toupper(out[start + 1]);
      }
    }
    // A leading singleton ("x-...", "i-...") starts a private or irregular tag.
    if (first && subtag.size() == 1) after_singleton = true;
    first = false;
    start += subtag.size() + 1;
  }
  return out;
}

}  // namespace vendormatch
