// The vendormatch plugin SDK: the only header a plugin author includes.
//
// A plugin is a shared library that exports one C entry point,
// `vendormatch_plugin_entry`, returning a PluginEntry whose first member is a
// version record. The server reads the record right after dlopen() and
// refuses the library (naming the file, the field and both values) unless
// the SDK major version is the same, the SDK minor version is not newer, and
// the Protobuf, Abseil and C++ ABI versions are the ones the server was built
// with; plugin names must be unique. Only then does it call `create`.
//
// Writing one: derive from Plugin, override the stages you implement, and
// put VENDORMATCH_PLUGIN(YourClass) in one .cc file. Build it with
// find_package(VendormatchPluginSdk) and
// vendormatch_add_plugin(<target> NAME <name> SOURCES <file>...).
//
// Stages follow the Kubernetes scheduler framework. Prefilter names index
// clauses the framework answers with set operations over its indexes, so
// only candidates that can pass reach Filter; Filter says yes or no per
// candidate with a reason code; Score gives a raw score; Normalize maps raw
// scores to 0..100, each on its own scale, so that a score depends on the
// provider and the requirement alone (when a plugin does not normalise, its
// raw scores must be on 0..100 already; a profile may ask the framework to
// rescale them min..max over the eligible, and plugins built against SDK
// 2.0 that do not normalise are rescaled so); Explain words a score for the
// candidates shown. SDK 2.1 adds Verdicts (every reason a filter rejects a
// named candidate), Warnings and Fixes (what would let it through), which
// the framework verifies by matching again. Filter, Score and Normalize
// work on a batch of candidates at once and must cost time linear in the
// batch with no allocation per candidate.
//
// Data: providers are compact views (Provider) into the snapshot; codes are
// interned Symbols (see Symbol); dates are DayNumbers.
//
// Threading: the server creates one Plugin instance per profile that uses it,
// calls Configure once, then calls the stages from many threads at once, so
// those must not modify the instance.
//
// Errors: return a non-OK absl::Status, or throw; either way the match fails
// with a status naming the plugin, or the plugin is skipped, as the profile
// says. The server never goes down for a plugin's error.
#pragma once

#include <google/protobuf/stubs/common.h>

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/base/config.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace vendormatch::sdk {

inline constexpr uint32_t kSdkMajor = 2;
inline constexpr uint32_t kSdkMinor = 1;

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

struct Certification {
  Symbol code = kNoSymbol;
  DayNumber issued = kNoDay;   // kNoDay: no issue date
  DayNumber expires = kNoDay;  // last valid day; kNoDay: does not expire
  bool ValidOn(DayNumber day) const {
    return (issued == kNoDay || issued <= day) && (expires == kNoDay || day <= expires);
  }
  bool ExpiredOn(DayNumber day) const { return expires != kNoDay && expires < day; }
};

// The lists of one provider, for building a Provider (ProviderData below,
// the snapshot builder). Spans, so the caller keeps the storage.
struct ProviderParts {
  absl::string_view id;  // without "providers/"
  absl::string_view display_name;
  Symbol headquarters_country = kNoSymbol;
  uint8_t service_models = 0;  // Bit(ServiceModel) mask
  std::span<const Symbol> services;
  std::span<const Centre> centres;
  std::span<const Symbol> languages;
  std::span<const Certification> certifications;
  std::span<const Symbol> industries;
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
  // contiguous in one buffer (id first), the three symbol lists too
  // (services, languages, industries), as the snapshot stores them.
  static Provider View(const ProviderParts& parts);

  absl::string_view id() const { return {text_, id_size_}; }
  absl::string_view display_name() const { return {text_ + id_size_, name_size_}; }
  Symbol headquarters_country() const { return headquarters_country_; }
  uint8_t service_models() const { return service_models_; }
  uint8_t declared_delivery_models() const { return declared_delivery_models_; }
  std::span<const Symbol> services() const { return {symbols_, services_}; }
  std::span<const Symbol> languages() const { return {symbols_ + services_, languages_}; }
  std::span<const Symbol> industries() const {
    return {symbols_ + services_ + languages_, industries_};
  }
  std::span<const Centre> centres() const { return {centres_, n_centres_}; }
  std::span<const Certification> certifications() const { return {certifications_, n_certs_}; }
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
  const Centre* centres_ = nullptr;
  const Certification* certifications_ = nullptr;
  const Rate* rates_ = nullptr;
  double rating_ = 0;
  double sla_ = 0;
  double qualified_ = 0;
  Symbol headquarters_country_ = kNoSymbol;
  int32_t review_count_ = 0;
  int32_t min_headcount_ = 0;
  uint16_t id_size_ = 0;
  uint16_t name_size_ = 0;
  uint16_t services_ = 0;
  uint16_t languages_ = 0;
  uint16_t industries_ = 0;
  uint16_t n_centres_ = 0;
  uint16_t n_certs_ = 0;
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
  std::vector<Symbol> services;
  std::vector<Centre> centres;
  std::vector<Symbol> languages;
  std::vector<Certification> certifications;
  std::vector<Symbol> industries;
  std::vector<Rate> rates;
  double rating = 0;
  int32_t review_count = 0;
  double sla_attainment_percent = 0;
  double qualified_staff_percent = 0;
  uint8_t declared_delivery_models = 0;
  int32_t min_headcount = 0;

  Provider view() const {
    text_ = id + display_name;
    symbols_.assign(services.begin(), services.end());
    symbols_.insert(symbols_.end(), languages.begin(), languages.end());
    symbols_.insert(symbols_.end(), industries.begin(), industries.end());
    ProviderParts parts;
    parts.id = absl::string_view(text_).substr(0, id.size());
    parts.display_name = absl::string_view(text_).substr(id.size());
    parts.headquarters_country = headquarters_country;
    parts.service_models = service_models;
    parts.services = std::span<const Symbol>(symbols_.data(), services.size());
    parts.languages = std::span<const Symbol>(symbols_.data() + services.size(), languages.size());
    parts.industries = std::span<const Symbol>(symbols_.data() + services.size() + languages.size(),
                                               industries.size());
    parts.centres = centres;
    parts.certifications = certifications;
    parts.rates = rates;
    parts.rating = rating;
    parts.review_count = review_count;
    parts.sla_attainment_percent = sla_attainment_percent;
    parts.qualified_staff_percent = qualified_staff_percent;
    parts.declared_delivery_models = declared_delivery_models;
    parts.min_headcount = min_headcount;
    return Provider::View(parts);
  }

 private:
  mutable std::string text_;
  mutable std::vector<Symbol> symbols_;
};

inline Provider Provider::View(const ProviderParts& p) {
  Provider v;
  v.text_ = p.id.data();
  v.id_size_ = static_cast<uint16_t>(p.id.size());
  v.name_size_ = static_cast<uint16_t>(p.display_name.size());
  v.symbols_ = p.services.data();
  v.services_ = static_cast<uint16_t>(p.services.size());
  v.languages_ = static_cast<uint16_t>(p.languages.size());
  v.industries_ = static_cast<uint16_t>(p.industries.size());
  v.centres_ = p.centres.data();
  v.n_centres_ = static_cast<uint16_t>(p.centres.size());
  v.certifications_ = p.certifications.data();
  v.n_certs_ = static_cast<uint16_t>(p.certifications.size());
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

// What the framework derives once per (request, centre kind) before any
// plugin runs, so plugins share one answer.
struct CentreFacts {
  DeliveryModel delivery_model = DeliveryModel::kUnspecified;
  // "same_country", "shared_border", "same_subregion", "time_zone_distance", "farther".
  const char* rule = "";
  double hours_apart = 0;    // |client UTC offset - centre UTC offset| on the start date
  double overlap_hours = 0;  // daily overlap of client and centre hours, start-date week average
};

// One provider as a plugin sees it during a match.
struct Candidate {
  const Provider* provider = nullptr;
  std::span<const CentreFacts> centres;                        // parallel to provider->centres()
  int deciding_centre = -1;                                    // index of the closest centre
  DeliveryModel delivery_model = DeliveryModel::kUnspecified;  // of that centre
};

// The client's requirement, validated and normalised by the framework.
struct Requirement {
  std::vector<Symbol> services;
  bool any_service = false;                                 // true: any one of `services` suffices
  ServiceModel service_model = ServiceModel::kUnspecified;  // preferred or advised
  bool service_model_advised = false;                       // true when the advisor chose it
  double advice_confidence = 0;
  Symbol client_country = kNoSymbol;
  absl::TimeZone client_time_zone;
  std::vector<Shift> client_hours;  // never empty (defaulted)
  uint8_t delivery_models = 0;      // Bit(DeliveryModel) mask; 0 accepts all
  std::optional<Money> rate_ceiling;
  Seniority seniority = Seniority::kAny;
  int32_t headcount = 0;
  absl::CivilDay start_date;
  DayNumber start_day = 0;  // start_date as a DayNumber
  std::vector<Symbol> certifications;
  std::vector<Symbol> languages;  // lower-case tags
  Symbol industry = kNoSymbol;
  double min_rating = 0;
  double min_overlap_hours = 0;
  Level collaboration = Level::kUnspecified;
  Level data_sensitivity = Level::kUnspecified;
  // SDK 2.1: the engagement window. end_day is its last day (inclusive),
  // kNoDay when the requirement states neither an end date nor a duration.
  // With certifications_through_end, a required certification must be valid
  // on every day from start_day to end_day, not only on the start day.
  DayNumber end_day = kNoDay;
  bool certifications_through_end = false;
};

// SDK 2.1: the usual hourly rates for a catalogue service, from the
// framework's reference data: most providers charge between low and high.
struct MarketBand {
  Money low;
  Money high;
};

// What plugins can ask the framework during a match. Thread-safe; the
// answers stay valid for the whole match.
class MatchContext {
 public:
  virtual ~MatchContext() = default;
  virtual const Requirement& requirement() const = 0;
  // Converts `money` to `currency` with the configured exchange rates,
  // rounding to the nearest minor unit; nullopt when either currency has no
  // rate.
  virtual std::optional<int64_t> Convert(const Money& money, Symbol currency) const = 0;
  // Digits after the decimal point of `currency` (2 for USD, 0 for JPY).
  virtual int MinorDigits(Symbol currency) const = 0;
  // The text of `symbol` ("" for kNoSymbol or an unknown one).
  virtual absl::string_view Name(Symbol symbol) const = 0;
  // The Symbol of `text` in canonical form, or kNoSymbol when no provider
  // nor the requirement uses it.
  virtual Symbol Find(absl::string_view text) const = 0;
  // SDK 2.1: the market band of catalogue service `service` in `currency`
  // (amounts rounded to the nearest minor unit), or nullopt when the
  // service has no band or the currency cannot be converted. Depends only
  // on the reference data, never on which providers are registered.
  virtual std::optional<MarketBand> Band(Symbol service, Symbol currency) const {
    (void)service, (void)currency;
    return std::nullopt;
  }
};

// A plugin's settings: the profile's values over the plugin's defaults.
class Settings {
 public:
  Settings() = default;
  explicit Settings(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  const std::map<std::string, std::string>& values() const { return values_; }
  // The value of `key`, or `fallback` when unset. A value that does not
  // parse is INVALID_ARGUMENT naming the key.
  absl::StatusOr<double> Double(absl::string_view key, double fallback) const;
  absl::StatusOr<bool> Bool(absl::string_view key, bool fallback) const;
  std::string String(absl::string_view key, absl::string_view fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

// A filter's verdict on one candidate. Nothing is allocated per candidate:
// `reason` is a reason code with static storage (a string literal such as
// "rate_above_ceiling"); `detail`, when set, is shown after a colon
// ("missing_certification:ISO27001").
struct FilterResult {
  bool pass = true;
  const char* reason = nullptr;  // when !pass; nullptr shows as "<plugin>_rejected"
  Symbol detail = kNoSymbol;
  static FilterResult Fail(const char* reason, Symbol detail = kNoSymbol) {
    return {false, reason, detail};
  }
};

// SDK 2.1: one reason a filter rejects a candidate, or one warning about a
// candidate that passes, with a sentence for buyers. `reason` has static
// storage as in FilterResult ("rate_above_ceiling",
// "certification_expires_in_window"); `detail` is shown after a colon.
struct Verdict {
  const char* reason = nullptr;
  Symbol detail = kNoSymbol;
  std::string sentence;  // "USD 42.00/h for PAYROLL is above the ceiling of USD 38.00/h"
};

// SDK 2.1: a change to the requirement (buyer side) or to the provider's
// record (provider side) that would let a candidate pass a filter, for
// "what it would take". The framework words it, applies it (to a copy of
// the requirement, or of the provider) and runs the pipeline again before
// it shows it, so a change that does not work is never shown.
enum class ChangeKind : uint8_t {
  // Buyer side: the requirement.
  kRaiseRateCeiling,          // amount: the new ceiling, minor units of the ceiling's currency
  kAcceptDeliveryModel,       // delivery_model: also accept it
  kSetHeadcount,              // amount: the new headcount
  kDropCertification,         // symbol: the certification code
  kCertificationsOnStartDay,  // require certifications valid on the start day only
  kDropLanguage,              // symbol: the language tag
  kLowerMinRating,            // number: the new minimum rating
  kLowerMinOverlap,           // number: the new minimum overlap, hours
  kAcceptAnyService,          // service_match ANY
  kAcceptAnyServiceModel,     // no service model preferred
  kDropIndustry,              // no industry required
  // Provider side: the provider's record.
  kOfferRate,              // symbol: service; amount: hourly rate, minor units of `currency`
  kAddSeats,               // amount: seats to add in accepted delivery centres
  kHoldCertification,      // symbol: code; day: valid through that day (kNoDay: no expiry)
  kSpeakLanguage,          // symbol: the language tag
  kOfferService,           // symbol: the catalogue service
  kOfferServiceModel,      // service_model
  kServeIndustry,          // symbol: the industry
  kLowerMinimumHeadcount,  // amount: the new minimum headcount
};
struct Change {
  ChangeKind kind = ChangeKind::kRaiseRateCeiling;
  Symbol symbol = kNoSymbol;
  Symbol currency = kNoSymbol;
  int64_t amount = 0;
  double number = 0;
  DayNumber day = kNoDay;
  DeliveryModel delivery_model = DeliveryModel::kUnspecified;
  ServiceModel service_model = ServiceModel::kUnspecified;
  bool buyer_side() const { return kind <= ChangeKind::kDropIndustry; }
};

// A scorer's number for one candidate. The words come from Explain, asked
// only for the candidates that are shown.
struct ScoreResult {
  double raw = 0;
  double normalized = 0;  // filled by Normalize (or the framework)
};

// What the indexes answer, for IndexClause.
enum class IndexField : uint8_t {
  kService,              // a catalogue service the provider offers
  kServiceModel,         // value: static_cast<Symbol>(ServiceModel)
  kLanguage,             // a tag the provider lists, or the primary subtag of one ("en" of "en-gb")
  kCertification,        // a certification code the provider lists (valid or not)
  kIndustry,             // an industry the provider has served
  kCentreCountry,        // a country one of its delivery centres is in
  kHeadquartersCountry,  // its headquarters country
  kDeclaredDeliveryModel,  // value: static_cast<Symbol>(DeliveryModel)
};

// A condition the framework answers from its indexes before Filter runs:
// the candidate has at least one of `any_of` in `field`. A plugin's clauses
// must be necessary for its Filter to pass (Filter would reject every
// candidate that fails one), so they change only the speed, never the
// answer. Candidates failing a clause are removed with `reason`/`detail`
// and counted against the plugin, and its Filter sees only the rest.
struct IndexClause {
  IndexField field = IndexField::kService;
  std::vector<Symbol> any_of;
  const char* reason = nullptr;  // static storage, as in FilterResult
  Symbol detail = kNoSymbol;
};

// What a plugin says about itself.
struct PluginInfo {
  std::string description;
  bool filter = false;
  bool score = false;
  bool normalize = false;
  std::map<std::string, std::string> default_settings;
};

class Plugin {
 public:
  virtual ~Plugin() = default;

  virtual PluginInfo Info() const = 0;

  // Called once with the profile's settings over Info().default_settings.
  virtual absl::Status Configure(const Settings& settings) {
    (void)settings;
    return absl::OkStatus();
  }

  // Appends the index clauses this match's requirement implies for the
  // filter (see IndexClause); none by default, and then Filter sees every
  // candidate the other plugins' clauses leave.
  virtual absl::Status Prefilter(const MatchContext& ctx, std::vector<IndexClause>& clauses) const {
    (void)ctx, (void)clauses;
    return absl::OkStatus();
  }

  // Fills out[i] for batch[i]; out.size() == batch.size(). Cost linear in
  // the batch; allocate nothing per candidate.
  virtual absl::Status Filter(const MatchContext& ctx, std::span<const Candidate> batch,
                              std::span<FilterResult> out) const {
    (void)ctx, (void)batch, (void)out;
    return absl::UnimplementedError("no filter stage");
  }

  // Fills out[i].raw for batch[i]. Cost linear in the batch; allocate
  // nothing per candidate.
  virtual absl::Status Score(const MatchContext& ctx, std::span<const Candidate> batch,
                             std::span<ScoreResult> out) const {
    (void)ctx, (void)batch, (void)out;
    return absl::UnimplementedError("no score stage");
  }

  // Sets scores[i].normalized in 0..100 from the raw scores of all eligible
  // candidates. Only called when Info().normalize.
  virtual absl::Status Normalize(const MatchContext& ctx, std::span<ScoreResult> scores) const {
    (void)ctx, (void)scores;
    return absl::UnimplementedError("no normalize stage");
  }

  // One line for buyers on why `candidate` scored `raw` ("USD 18.00/h rate,
  // 10% under the ceiling"). Called only for the candidates shown.
  virtual std::string Explain(const MatchContext& ctx, const Candidate& candidate,
                              double raw) const {
    (void)ctx, (void)candidate, (void)raw;
    return "";
  }

  // Not called since SDK 2.1: the framework works out relaxation hints from
  // Fixes and verifies them by matching again. Kept so that plugins built
  // against SDK 2.0 keep their layout and load.
  virtual std::string Relax(const MatchContext& ctx, std::span<const Candidate> removed) const {
    (void)ctx, (void)removed;
    return "";
  }

  // SDK 2.1 (the framework calls these only on plugins built against 2.1
  // or later). All are asked for a few named or shown candidates, never for
  // a whole batch, so they may allocate and build strings.

  // Every reason this filter rejects `candidate`, each with a sentence for
  // buyers (not only the first reason Filter reports); nothing when it
  // passes. The default runs Filter on the one candidate and reports its
  // reason without a sentence.
  virtual absl::Status Verdicts(const MatchContext& ctx, const Candidate& candidate,
                                std::vector<Verdict>& out) const {
    FilterResult result;
    absl::Status status =
        Filter(ctx, std::span<const Candidate>(&candidate, 1), std::span<FilterResult>(&result, 1));
    if (status.ok() && !result.pass) out.push_back({result.reason, result.detail, ""});
    return status;
  }

  // Warnings about a candidate this filter passes or this scorer scores
  // ("ISO27001 expires 2027-01-20, inside the engagement"); none by default.
  virtual void Warnings(const MatchContext& ctx, const Candidate& candidate,
                        std::vector<Verdict>& out) const {
    (void)ctx, (void)candidate, (void)out;
  }

  // What would let `candidate` pass this filter, on each side: the buyer-side
  // changes in `out` together are enough (e.g. drop both missing
  // certifications), and so are the provider-side ones; where one of
  // several would do (accept nearshore or offshore), the smallest. None by
  // default. The framework verifies them before showing any.
  virtual void Fixes(const MatchContext& ctx, const Candidate& candidate,
                     std::vector<Change>& out) const {
    (void)ctx, (void)candidate, (void)out;
  }
};

}  // namespace vendormatch::sdk

// The entry point, the version record, ClauseHolds and the inline
// definitions: part of this header, kept in a file of their own.
#include "vendormatch/plugin_entry.h"  // IWYU pragma: export
