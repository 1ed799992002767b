// The vendormatch plugin SDK (3.0): the only header a plugin author includes.
//
// A plugin is a shared library that exports one C entry point,
// `vendormatch_plugin_entry`, returning a PluginEntry whose first member is a
// version record. The server reads the record right after dlopen() and
// refuses the library (naming the file, the field and both values) unless
// the SDK major version is the same, the SDK minor version is not newer, the
// layout of the SDK's data types (`layout`, see plugin_entry.h) is the one
// the server was built with, and the Protobuf, Abseil and C++ ABI versions
// are the ones the server was built with; plugin names must be unique. Only
// then does it call `create`.
//
// Writing one: derive from Plugin, override the stages you implement
// (publicly), and put VENDORMATCH_PLUGIN(YourClass, "name", "1.0.0") in one
// .cc file. Build it with find_package(VendormatchPluginSdk) and
// vendormatch_add_plugin(<target> NAME <name> SOURCES <file>...).
//
// Stages follow the Kubernetes scheduler framework. Prefilter names index
// clauses the framework answers with set operations over its indexes, so
// only candidates that can pass reach Filter; Filter says yes or no per
// candidate with a reason code; Score gives a raw score; Normalize maps raw
// scores to 0..100, each on its own scale, so that a score depends on the
// provider and the requirement alone (when a plugin does not normalise, its
// raw scores must be on 0..100 already; a profile may ask the framework to
// rescale them min..max over the eligible); Explain words a score for the
// candidates shown; Verdicts (every reason a filter rejects a named
// candidate), Warnings and Fixes (what would let it through, which the
// framework verifies by matching again) are asked for a few candidates.
//
// Stages come from one place: the stages a plugin has are the ones its
// class overrides. VENDORMATCH_PLUGIN works them out at compile time
// (StagesOf in plugin_entry.h) and records them in the PluginEntry: a class
// that overrides Filter is a filter, one that overrides Score a scorer, one
// that overrides Normalize normalises its raw scores. PluginInfo does not
// state them again.
//
// Batches: Filter, Score and Normalize work on a batch of candidates at once
// and must cost time linear in the batch with no allocation per candidate.
// The framework guarantees out.size() == batch.size() (it checks this once,
// where it calls the stage), so a plugin never checks it.
//
// Settings: a plugin declares typed settings (SettingSpec: name, type,
// range, default, description, choices; see settings.h) in
// PluginInfo::settings; the framework validates a profile's settings
// against them, fills in the defaults, and lists them in ListPlugins.
// Configure receives Settings whose typed getters cannot fail, so a plugin
// neither parses settings nor rejects unknown ones.
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
#include "vendormatch/provider.h"  // IWYU pragma: export
#include "vendormatch/settings.h"  // IWYU pragma: export

namespace vendormatch::sdk {

inline constexpr uint32_t kSdkMajor = 3;
inline constexpr uint32_t kSdkMinor = 0;

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
  // The engagement window. end_day is its last day (inclusive),
  // kNoDay when the requirement states neither an end date nor a duration.
  // With certifications_through_end, a required certification must be valid
  // on every day from start_day to end_day, not only on the start day.
  DayNumber end_day = kNoDay;
  bool certifications_through_end = false;
  // Supplier-diversity classifications: the provider must hold one of them
  // (any one suffices), valid on every day of the engagement (the start
  // day when it has no end). Empty: no such requirement.
  std::vector<Symbol> diversity_classifications;
};

// The usual hourly rates for a catalogue service, from the
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
  // The market band of catalogue service `service` in `currency`
  // (amounts rounded to the nearest minor unit), or nullopt when the
  // service has no band or the currency cannot be converted. Depends only
  // on the reference data, never on which providers are registered.
  virtual std::optional<MarketBand> Band(Symbol service, Symbol currency) const {
    (void)service, (void)currency;
    return std::nullopt;
  }
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

// One reason a filter rejects a candidate, or one warning about a
// candidate that passes, with a sentence for buyers. `reason` has static
// storage as in FilterResult ("rate_above_ceiling",
// "certification_expires_in_window"); `detail` is shown after a colon.
struct Verdict {
  const char* reason = nullptr;
  Symbol detail = kNoSymbol;
  std::string sentence;  // "USD 42.00/h for PAYROLL is above the ceiling of USD 38.00/h"
};

// A change to the requirement (buyer side) or to the provider's
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
  kAcceptClassification,      // symbol: also accept this diversity classification
  kDropDiversity,             // no diversity classification required
  // Provider side: the provider's record.
  kOfferRate,              // symbol: service; amount: hourly rate, minor units of `currency`
  kAddSeats,               // amount: seats to add in accepted delivery centres
  kHoldCertification,      // symbol: code; day: valid through that day (kNoDay: no expiry)
  kSpeakLanguage,          // symbol: the language tag
  kOfferService,           // symbol: the catalogue service
  kOfferServiceModel,      // service_model
  kServeIndustry,          // symbol: the industry
  kLowerMinimumHeadcount,  // amount: the new minimum headcount
  kHoldClassification,     // symbol: diversity classification; day: valid through that day
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
  bool buyer_side() const { return kind <= ChangeKind::kDropDiversity; }
};

// A scorer's number for one candidate. The words come from Explain, asked
// only for the candidates that are shown.
struct ScoreResult {
  double raw = 0;
  double normalized = 0;  // filled by Normalize (or the framework)
};

// What the indexes answer, for IndexClause.
// One per list field of provider_fields.inc (its `index`): a code the
// provider lists there (dated codes valid or not; a language tag, or the
// primary subtag of one: "en" of "en-gb"), then the others.
enum class IndexField : uint8_t {
#define VM_CODE_LIST(name, filter, index, kind) index,
#define VM_DATED_LIST(name, filter, index, kind) index,
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  kServiceModel,           // value: static_cast<Symbol>(ServiceModel)
  kCentreCountry,          // a country one of its delivery centres is in
  kHeadquartersCountry,    // its headquarters country
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

// What a plugin says about itself. Its stages are not here: they are the
// ones its class overrides (see StagesOf in plugin_entry.h).
struct PluginInfo {
  std::string description;
  // Every setting the plugin takes, in the order to document them; the
  // framework validates a profile's settings against these and fills in
  // their defaults before Configure.
  std::vector<SettingSpec> settings;
};

class Plugin {
 public:
  virtual ~Plugin() = default;

  virtual PluginInfo Info() const = 0;

  // Called once, before any stage, with every setting Info().settings
  // declares: the profile's value, already checked against its spec, or
  // the default. The typed getters cannot fail for declared settings, so
  // there is nothing to parse or reject; a non-OK status (for what a spec
  // cannot say) fails the profile naming the plugin.
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

  // Overriding it makes the plugin a filter. Fills out[i] for batch[i]; the
  // framework guarantees out.size() == batch.size() (do not check it). Cost
  // linear in the batch; allocate nothing per candidate.
  virtual absl::Status Filter(const MatchContext& ctx, std::span<const Candidate> batch,
                              std::span<FilterResult> out) const {
    (void)ctx, (void)batch, (void)out;
    return absl::UnimplementedError("no filter stage");
  }

  // Overriding it makes the plugin a scorer. Fills out[i].raw for batch[i];
  // out.size() == batch.size() as for Filter. Cost linear in the batch;
  // allocate nothing per candidate.
  virtual absl::Status Score(const MatchContext& ctx, std::span<const Candidate> batch,
                             std::span<ScoreResult> out) const {
    (void)ctx, (void)batch, (void)out;
    return absl::UnimplementedError("no score stage");
  }

  // Overriding it makes the plugin normalise its own scores: sets
  // scores[i].normalized in 0..100 from the raw scores of all eligible
  // candidates (read each on its own fixed scale). Without it the raw
  // scores must already be on 0..100. Cost linear in the batch.
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

  // The rest are asked for a few named or shown candidates, never for a
  // whole batch, so they may allocate and build strings. (Relaxation hints
  // are the framework's: it works them out from Fixes and verifies them by
  // matching again.)

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

// The entry point, the version record, the stages and layout it records,
// and ClauseHolds: part of this header, kept in a file of their own.
#include "vendormatch/plugin_entry.h"  // IWYU pragma: export
