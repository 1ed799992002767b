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
// Stages follow the Kubernetes scheduler framework: Filter says yes or no per
// candidate with a reason code; Score gives a raw score and a one-line
// reason; Normalize maps raw scores to 0..100 (when a plugin does not
// normalise, the framework maps min..max of the eligible candidates linearly
// to 0..100, and gives 100 to all when they are equal). Both work on a batch
// of candidates at once.
//
// Threading: the server creates one Plugin instance per profile that uses it,
// calls Configure once, then calls Filter/Score/Normalize/Relax from many
// threads at once, so those must not modify the instance.
//
// Errors: return a non-OK absl::Status, or throw; either way the match fails
// with a status naming the plugin, or the plugin is skipped, as the profile
// says. The server never goes down for a plugin's error.
#pragma once

#include <google/protobuf/stubs/common.h>

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

inline constexpr uint32_t kSdkMajor = 1;
inline constexpr uint32_t kSdkMinor = 0;

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

// Money in integer minor units of an ISO 4217 currency.
struct Money {
  std::string currency;
  int64_t minor_units = 0;
};

struct Rate {
  std::string service;  // catalogue code; empty for every service
  Seniority seniority = Seniority::kAny;
  Money hourly;
};

// A weekly shift in local time: `days` bit d is set for day d (0 = Monday);
// minutes from local midnight; end <= start means it ends the next day.
struct Shift {
  uint8_t days = 0;
  int start_minute = 0;
  int end_minute = 0;
};

struct Centre {
  std::string country;  // ISO 3166-1 alpha-2
  std::string city;
  std::string time_zone_name;
  absl::TimeZone time_zone;
  int32_t headcount = 0;
  int32_t seats_available = 0;
  bool round_the_clock = false;
  std::vector<Shift> shifts;  // empty and not round the clock: 09:00-17:00 Mon-Fri
};

struct Certification {
  std::string code;
  std::optional<absl::CivilDay> issued;
  std::optional<absl::CivilDay> expires;  // last valid day
  bool ValidOn(absl::CivilDay day) const {
    return (!issued || *issued <= day) && (!expires || day <= *expires);
  }
};

// One active provider of the registry snapshot. Immutable.
struct Provider {
  std::string id;  // without "providers/"
  std::string display_name;
  std::string headquarters_country;
  uint8_t service_models = 0;  // Bit(ServiceModel) mask
  std::vector<std::string> services;
  std::vector<Centre> centres;
  std::vector<std::string> languages;  // lower-case BCP 47 tags
  std::vector<Certification> certifications;
  std::vector<std::string> industries;
  std::vector<Rate> rates;
  double rating = 0;  // 0..5
  int32_t review_count = 0;
  double sla_attainment_percent = 0;
  double qualified_staff_percent = 0;
  uint8_t declared_delivery_models = 0;  // Bit(DeliveryModel) mask
  int32_t min_headcount = 0;
};

// What the framework derives once per (request, centre) before any plugin
// runs, so plugins share one answer.
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
  std::span<const CentreFacts> centres;                        // parallel to provider->centres
  int deciding_centre = -1;                                    // index of the closest centre
  DeliveryModel delivery_model = DeliveryModel::kUnspecified;  // of that centre
};

// The client's requirement, validated and normalised by the framework.
struct Requirement {
  std::vector<std::string> services;
  bool any_service = false;                                 // true: any one of `services` suffices
  ServiceModel service_model = ServiceModel::kUnspecified;  // preferred or advised
  bool service_model_advised = false;                       // true when the advisor chose it
  double advice_confidence = 0;
  std::string client_country;
  absl::TimeZone client_time_zone;
  std::vector<Shift> client_hours;  // never empty (defaulted)
  uint8_t delivery_models = 0;      // Bit(DeliveryModel) mask; 0 accepts all
  std::optional<Money> rate_ceiling;
  Seniority seniority = Seniority::kAny;
  int32_t headcount = 0;
  absl::CivilDay start_date;
  std::vector<std::string> certifications;
  std::vector<std::string> languages;  // lower-case
  std::string industry;
  double min_rating = 0;
  double min_overlap_hours = 0;
  Level collaboration = Level::kUnspecified;
  Level data_sensitivity = Level::kUnspecified;
};

// What plugins can ask the framework during a match. Thread-safe.
class MatchContext {
 public:
  virtual ~MatchContext() = default;
  virtual const Requirement& requirement() const = 0;
  // Converts `money` to `currency` with the configured exchange rates,
  // rounding to the nearest minor unit; nullopt when either currency has no
  // rate.
  virtual std::optional<int64_t> Convert(const Money& money, absl::string_view currency) const = 0;
  // Digits after the decimal point of `currency` (2 for USD, 0 for JPY).
  virtual int MinorDigits(absl::string_view currency) const = 0;
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

struct FilterResult {
  bool pass = true;
  std::string reason;  // reason code when !pass, e.g. "missing_certification:ISO27001"
};

struct ScoreResult {
  double raw = 0;
  std::string reason;     // one line, shown to buyers
  double normalized = 0;  // filled by Normalize (or the framework)
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

  // Fills out[i] for batch[i]; out.size() == batch.size().
  virtual absl::Status Filter(const MatchContext& ctx, std::span<const Candidate> batch,
                              std::span<FilterResult> out) const {
    (void)ctx, (void)batch, (void)out;
    return absl::UnimplementedError("no filter stage");
  }

  // Fills out[i].raw and out[i].reason for batch[i].
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

  // `removed` are the candidates this filter alone removed. Returns a
  // suggestion such as "raise rate_ceiling to USD 18.50", or "" for none.
  virtual std::string Relax(const MatchContext& ctx, std::span<const Candidate> removed) const {
    (void)ctx, (void)removed;
    return "";
  }
};

// The version record: fixed layout, no padding, compared field by field.
struct PluginVersionRecord {
  uint32_t record_size;
  uint32_t sdk_major;
  uint32_t sdk_minor;
  uint32_t protobuf_version;  // GOOGLE_PROTOBUF_VERSION, e.g. 3021012
  uint32_t abseil_lts;        // ABSL_LTS_RELEASE_VERSION, e.g. 20220623
  uint32_t cxx_abi;           // __GXX_ABI_VERSION
  char name[64];              // the plugin's unique name, NUL-terminated
  char version[32];           // the plugin's own version
};
static_assert(sizeof(PluginVersionRecord) == 6 * 4 + 64 + 32, "no padding");

struct PluginEntry {
  PluginVersionRecord record;  // first, so it is read before anything else
  Plugin* (*create)();         // a new instance; the caller owns it
};

// The record this SDK header describes, for a plugin named `name`.
constexpr PluginVersionRecord MakeVersionRecord(const char* name, const char* version) {
  PluginVersionRecord r{
      sizeof(PluginVersionRecord), kSdkMajor,         kSdkMinor, GOOGLE_PROTOBUF_VERSION,
      ABSL_LTS_RELEASE_VERSION,    __GXX_ABI_VERSION, {},        {}};
  for (int i = 0; i < 63 && name[i] != '\0'; ++i) r.name[i] = name[i];
  for (int i = 0; i < 31 && version[i] != '\0'; ++i) r.version[i] = version[i];
  return r;
}

inline absl::StatusOr<double> Settings::Double(absl::string_view key, double fallback) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end() || it->second.empty()) return fallback;
  double value = 0;
  if (!absl::SimpleAtod(it->second, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("setting ", key, ": \"", it->second, "\" is not a number"));
  }
  return value;
}

inline absl::StatusOr<bool> Settings::Bool(absl::string_view key, bool fallback) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end() || it->second.empty()) return fallback;
  bool value = false;
  if (!absl::SimpleAtob(it->second, &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("setting ", key, ": \"", it->second, "\" is not true or false"));
  }
  return value;
}

inline std::string Settings::String(absl::string_view key, absl::string_view fallback) const {
  auto it = values_.find(std::string(key));
  return it == values_.end() ? std::string(fallback) : it->second;
}

}  // namespace vendormatch::sdk

// Name of the one symbol a plugin exports.
#define VENDORMATCH_PLUGIN_ENTRY_SYMBOL "vendormatch_plugin_entry"

// Exports `Class` (default-constructible, derived from Plugin) as the
// plugin `name` ("rate", "my_scorer") at `version` ("1.2.0").
#define VENDORMATCH_PLUGIN(Class, name, version)                                           \
  extern "C" __attribute__((visibility("default"))) const ::vendormatch::sdk::PluginEntry* \
  vendormatch_plugin_entry() {                                                             \
    static const ::vendormatch::sdk::PluginEntry entry{                                    \
        ::vendormatch::sdk::MakeVersionRecord(name, version),                              \
        []() -> ::vendormatch::sdk::Plugin* { return new Class(); }};                      \
    return &entry;                                                                         \
  }
