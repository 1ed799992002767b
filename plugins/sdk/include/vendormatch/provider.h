// Part of the plugin SDK (vendormatch/plugin_sdk.h includes it): the data a
// plugin reads — the models and levels, Symbols, dates, money, and the
// compact provider view with what it is made of.
#pragma once

#include <climits>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace vendormatch::sdk {

enum class ServiceModel : uint8_t { kUnspecified = 0, kBpo = 1, kKpo = 2 };
enum class DeliveryModel : uint8_t {
  kUnspecified = 0,
  kOnshore = 1,
  kNearshore = 2,
  kOffshore = 3
};
enum class Level : uint8_t { kUnspecified = 0, kLow = 1, kMedium = 2, kHigh = 3 };
enum class Seniority : uint8_t { kAny = 0, kJunior = 1, kMid = 2, kSenior = 3, kExpert = 4 };

// Bit for a model in the masks below: 1 << static_cast<int>(model).
constexpr uint8_t Bit(ServiceModel m) { return uint8_t(1u << static_cast<int>(m)); }
constexpr uint8_t Bit(DeliveryModel m) { return uint8_t(1u << static_cast<int>(m)); }

// An interned code. Every code a plugin sees (catalogue service, ISO country
// and currency, certification, industry, BCP 47 language tag, IANA time
// zone, city) is a Symbol: the same text is the same Symbol for the whole
// life of the server, so plugins compare codes as integers.
// MatchContext::Name gives the text, MatchContext::Find the Symbol of a
// text. Codes are interned in their canonical form: services, countries,
// currencies, certifications and industries upper case; language tags lower
// case with '-'. kNoSymbol is "none" (a rate for every service, no
// industry). A requirement code no provider has gets a Symbol of its own
// that matches nothing.
using Symbol = uint32_t;
inline constexpr Symbol kNoSymbol = 0;

// Days since 1970-01-01 (civil): how dates are stored in the snapshot.
using DayNumber = int32_t;
inline constexpr DayNumber kNoDay = INT32_MIN;
inline DayNumber DayNumberOf(absl::CivilDay day) {
  return static_cast<DayNumber>(day - absl::CivilDay(1970, 1, 1));
}
inline absl::CivilDay CivilDayOf(DayNumber day) { return absl::CivilDay(1970, 1, 1) + day; }

// Money in integer minor units of an ISO 4217 currency.
struct Money {
  Symbol currency = kNoSymbol;
  int64_t minor_units = 0;
};

struct Rate {
  Symbol service = kNoSymbol;  // catalogue code; kNoSymbol for every service
  Seniority seniority = Seniority::kAny;
  Money hourly;
};

// A weekly shift in local time: `days` bit d is set for day d (0 = Monday);
// minutes from local midnight; end <= start means it ends the next day.
struct Shift {
  uint8_t days = 0;
  int16_t start_minute = 0;
  int16_t end_minute = 0;
};

struct Centre {
  Symbol country = kNoSymbol;  // ISO 3166-1 alpha-2
  Symbol city = kNoSymbol;
  Symbol time_zone = kNoSymbol;  // IANA name
  // The framework's: equal for centres with the same country, time zone
  // and hours, so per-centre facts are derived once per kind and match.
  uint32_t kind = 0;
  int32_t headcount = 0;
  int32_t seats_available = 0;
  bool round_the_clock = false;
};

// How the codes of a list field are spelled and checked
// (vendormatch/provider_fields.inc).
enum class CodeKind : uint8_t {
  kCatalogService,      // a service of the catalogue, upper case
  kLanguageTag,         // a BCP 47 tag, lower case with '-'; "es" also finds "es-mx"
  kIndustryCode,        // an industry code, upper case
  kCertificationCode,   // a certification code, upper case
  kClassificationCode,  // a supplier-diversity classification, upper case
};

// The list fields of a provider, one enumerator per line of
// provider_fields.inc, in its order.
enum class CodeList : uint8_t {
#define VM_CODE_LIST(name, filter, index, kind) name,
#define VM_DATED_LIST(name, filter, index, kind)
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  kCount
};
enum class DatedList : uint8_t {
#define VM_CODE_LIST(name, filter, index, kind)
#define VM_DATED_LIST(name, filter, index, kind) name,
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  kCount
};
inline constexpr size_t kCodeLists = static_cast<size_t>(CodeList::kCount);
inline constexpr size_t kDatedLists = static_cast<size_t>(DatedList::kCount);

// A dated code: a certification, a diversity classification.
struct DatedCode {
  Symbol code = kNoSymbol;
  DayNumber issued = kNoDay;   // kNoDay: no issue date
  DayNumber expires = kNoDay;  // last valid day; kNoDay: does not expire
  bool ValidOn(DayNumber day) const {
    return (issued == kNoDay || issued <= day) && (expires == kNoDay || day <= expires);
  }
  bool ExpiredOn(DayNumber day) const { return expires != kNoDay && expires < day; }
};
using Certification = DatedCode;

// The lists of one provider, for building a Provider (ProviderData below,
// the snapshot builder). Spans, so the caller keeps the storage.
struct ProviderParts {
  absl::string_view id;  // without "providers/"
  absl::string_view display_name;
  Symbol headquarters_country = kNoSymbol;
  uint8_t service_models = 0;  // Bit(ServiceModel) mask
  // The code lists, in CodeList order, contiguous in one buffer; the dated
  // lists, in DatedList order, contiguous in another.
  std::span<const Symbol> codes[kCodeLists];
  std::span<const DatedCode> dated[kDatedLists];
  std::span<const Centre> centres;
  std::span<const Rate> rates;
  double rating = 0;  // 0..5
  int32_t review_count = 0;
  double sla_attainment_percent = 0;
  double qualified_staff_percent = 0;
  uint8_t declared_delivery_models = 0;  // Bit(DeliveryModel) mask
  int32_t min_headcount = 0;
};

// One provider of the registry snapshot: a compact, immutable view. Its
// strings and lists live in storage the snapshot owns (or a ProviderData),
// which outlives every match that sees it. Lists hold at most 65535 items
// (validation allows far fewer).
class Provider {
 public:
  Provider() = default;
  // A view of `parts`; the storage behind every span and string must
  // outlive the Provider and not move. The id and display name must be
  // contiguous in one buffer (id first), the code lists too (in CodeList
  // order), and the dated lists (in DatedList order), as the snapshot
  // stores them.
  static Provider View(const ProviderParts& parts);

  absl::string_view id() const { return {text_, id_size_}; }
  absl::string_view display_name() const { return {text_ + id_size_, name_size_}; }
  Symbol headquarters_country() const { return headquarters_country_; }
  uint8_t service_models() const { return service_models_; }
  uint8_t declared_delivery_models() const { return declared_delivery_models_; }
  // One accessor per line of provider_fields.inc: services(), languages(),
  // industries(), certifications(), ...
#define VM_CODE_LIST(name, filter, index, kind) \
  std::span<const Symbol> name() const { return Codes(CodeList::name); }
#define VM_DATED_LIST(name, filter, index, kind) \
  std::span<const DatedCode> name() const { return Dated(DatedList::name); }
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  std::span<const Symbol> Codes(CodeList list) const {
    const size_t l = static_cast<size_t>(list);
    size_t offset = 0;
    for (size_t i = 0; i < l; ++i) offset += code_counts_[i];
    return {symbols_ + offset, code_counts_[l]};
  }
  std::span<const DatedCode> Dated(DatedList list) const {
    const size_t l = static_cast<size_t>(list);
    size_t offset = 0;
    for (size_t i = 0; i < l; ++i) offset += dated_counts_[i];
    return {dated_ + offset, dated_counts_[l]};
  }
  std::span<const Centre> centres() const { return {centres_, n_centres_}; }
  std::span<const Rate> rates() const { return {rates_, n_rates_}; }
  double rating() const { return rating_; }
  int32_t review_count() const { return review_count_; }
  double sla_attainment_percent() const { return sla_; }
  double qualified_staff_percent() const { return qualified_; }
  int32_t min_headcount() const { return min_headcount_; }
  bool Offers(Symbol service) const {
    for (Symbol s : services()) {
      if (s == service) return true;
    }
    return false;
  }

 private:
  const char* text_ = "";
  const Symbol* symbols_ = nullptr;
  const DatedCode* dated_ = nullptr;
  const Centre* centres_ = nullptr;
  const Rate* rates_ = nullptr;
  double rating_ = 0;
  double sla_ = 0;
  double qualified_ = 0;
  Symbol headquarters_country_ = kNoSymbol;
  int32_t review_count_ = 0;
  int32_t min_headcount_ = 0;
  uint16_t id_size_ = 0;
  uint16_t name_size_ = 0;
  uint16_t code_counts_[kCodeLists] = {};
  uint16_t dated_counts_[kDatedLists] = {};
  uint16_t n_centres_ = 0;
  uint16_t n_rates_ = 0;
  uint8_t service_models_ = 0;
  uint8_t declared_delivery_models_ = 0;
};

// A provider that owns its storage: for tests, tools and plugin authors.
// Fill the fields, then view() (valid until the ProviderData changes or
// goes away).
struct ProviderData {
  std::string id;
  std::string display_name;
  Symbol headquarters_country = kNoSymbol;
  uint8_t service_models = 0;
#define VM_CODE_LIST(name, filter, index, kind) std::vector<Symbol> name;
#define VM_DATED_LIST(name, filter, index, kind) std::vector<DatedCode> name;
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  std::vector<Centre> centres;
  std::vector<Rate> rates;
  double rating = 0;
  int32_t review_count = 0;
  double sla_attainment_percent = 0;
  double qualified_staff_percent = 0;
  uint8_t declared_delivery_models = 0;
  int32_t min_headcount = 0;

  Provider view() const;

 private:
  mutable std::string text_;
  mutable std::vector<Symbol> symbols_;
  mutable std::vector<DatedCode> dated_;
};

inline Provider ProviderData::view() const {
  text_ = id + display_name;
  ProviderParts parts;
  parts.id = absl::string_view(text_).substr(0, id.size());
  parts.display_name = absl::string_view(text_).substr(id.size());
  const std::vector<Symbol>* codes[] = {
#define VM_CODE_LIST(name, filter, index, kind) &name,
#define VM_DATED_LIST(name, filter, index, kind)
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  };
  const std::vector<DatedCode>* dated[] = {
#define VM_CODE_LIST(name, filter, index, kind)
#define VM_DATED_LIST(name, filter, index, kind) &name,
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  };
  symbols_.clear();
  for (const auto* list : codes) symbols_.insert(symbols_.end(), list->begin(), list->end());
  dated_.clear();
  for (const auto* list : dated) dated_.insert(dated_.end(), list->begin(), list->end());
  size_t offset = 0;
  for (size_t i = 0; i < kCodeLists; ++i) {
    parts.codes[i] = std::span<const Symbol>(symbols_.data() + offset, codes[i]->size());
    offset += codes[i]->size();
  }
  offset = 0;
  for (size_t i = 0; i < kDatedLists; ++i) {
    parts.dated[i] = std::span<const DatedCode>(dated_.data() + offset, dated[i]->size());
    offset += dated[i]->size();
  }
  parts.headquarters_country = headquarters_country;
  parts.service_models = service_models;
  parts.centres = centres;
  parts.rates = rates;
  parts.rating = rating;
  parts.review_count = review_count;
  parts.sla_attainment_percent = sla_attainment_percent;
  parts.qualified_staff_percent = qualified_staff_percent;
  parts.declared_delivery_models = declared_delivery_models;
  parts.min_headcount = min_headcount;
  return Provider::View(parts);
}

inline Provider Provider::View(const ProviderParts& p) {
  Provider v;
  v.text_ = p.id.data();
  v.id_size_ = static_cast<uint16_t>(p.id.size());
  v.name_size_ = static_cast<uint16_t>(p.display_name.size());
  v.symbols_ = p.codes[0].data();
  for (size_t i = 0; i < kCodeLists; ++i)
    v.code_counts_[i] = static_cast<uint16_t>(p.codes[i].size());
  v.dated_ = p.dated[0].data();
  for (size_t i = 0; i < kDatedLists; ++i) {
    v.dated_counts_[i] = static_cast<uint16_t>(p.dated[i].size());
  }
  v.centres_ = p.centres.data();
  v.n_centres_ = static_cast<uint16_t>(p.centres.size());
  v.rates_ = p.rates.data();
  v.n_rates_ = static_cast<uint16_t>(p.rates.size());
  v.rating_ = p.rating;
  v.sla_ = p.sla_attainment_percent;
  v.qualified_ = p.qualified_staff_percent;
  v.headquarters_country_ = p.headquarters_country;
  v.review_count_ = p.review_count;
  v.min_headcount_ = p.min_headcount;
  v.service_models_ = p.service_models;
  v.declared_delivery_models_ = p.declared_delivery_models;
  return v;
}

}  // namespace vendormatch::sdk
