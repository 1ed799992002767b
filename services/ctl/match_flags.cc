#include "services/ctl/match_flags.h"

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/util/field_mask_util.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "services/common/status_macros.h"
#include "services/domain/reference_data.h"

namespace vendormatch::ctl {
namespace {

using vendormatch::v1::Requirement;
using vendormatch::v1::WorkCharacteristics;

absl::Status FlagError(absl::string_view flag, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, problem));
}

// The last value of a scalar flag, stripped; an error when it is empty.
absl::StatusOr<std::string> LastValue(absl::string_view flag,
                                      const std::vector<std::string>& values) {
  const absl::string_view value = absl::StripAsciiWhitespace(values.back());
  if (value.empty()) return FlagError(flag, " needs a value");
  return std::string(value);
}

// Every item of a list flag: each value split at commas, stripped, empty
// items dropped. An error when nothing is left.
absl::StatusOr<std::vector<std::string>> ListValues(absl::string_view flag,
                                                    const std::vector<std::string>& values) {
  std::vector<std::string> items;
  for (const std::string& value : values) {
    for (absl::string_view item : absl::StrSplit(value, ',')) {
      item = absl::StripAsciiWhitespace(item);
      if (!item.empty()) items.emplace_back(item);
    }
  }
  if (items.empty()) return FlagError(flag, " needs a value");
  return items;
}

absl::StatusOr<double> ParseNumber(absl::string_view flag, absl::string_view text) {
  double value;
  if (!absl::SimpleAtod(text, &value) || !std::isfinite(value)) {
    return FlagError(flag, absl::StrCat(" needs a number, got \"", text, "\""));
  }
  return value;
}

absl::StatusOr<int32_t> ParseNonNegativeInt(absl::string_view flag, absl::string_view text) {
  int32_t value;
  if (!absl::SimpleAtoi(text, &value) || value < 0) {
    return FlagError(flag, absl::StrCat(" needs a non-negative integer, got \"", text, "\""));
  }
  return value;
}

// "YYYY-MM-DD", a real calendar date.
absl::StatusOr<google::type::Date> ParseDateFlag(absl::string_view flag, absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0, month = 0, day = 0;
  const bool shaped = parts.size() == 3 && parts[0].size() == 4 && parts[1].size() == 2 &&
                      parts[2].size() == 2 && absl::SimpleAtoi(parts[0], &year) &&
                      absl::SimpleAtoi(parts[1], &month) && absl::SimpleAtoi(parts[2], &day) &&
                      year > 0 && month > 0 && day > 0;
  const absl::CivilDay civil(year, month, day);
  if (!shaped || civil.year() != year || civil.month() != month || civil.day() != day) {
    return FlagError(flag, absl::StrCat(" needs a date YYYY-MM-DD, got \"", text, "\""));
  }
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// ---------------------------------------------------------------------------
// Requirement flags.

using ApplyFn = absl::Status (*)(absl::string_view flag, const std::vector<std::string>& values,
                                 Requirement& r);

struct RequirementFlag {
  InputFlag flag;
  const char* field;  // The Requirement field it sets.
  ApplyFn apply;
};

template <typename Add>
absl::Status ApplyList(absl::string_view flag, const std::vector<std::string>& values, Add add) {
  VM_ASSIGN_OR_RETURN(const std::vector<std::string> items, ListValues(flag, values));
  for (const std::string& item : items) add(item);
  return absl::OkStatus();
}

const std::vector<RequirementFlag>& RequirementFlagTable() {
  static const auto* const kTable = new std::vector<RequirementFlag>{
      {{"service", "CODE", "catalogue code of a needed service (repeatable, or A,B)"},
       "services",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         return ApplyList(flag, values, [&](const std::string& item) { r.add_services(item); });
       }},
      {{"client-country", "CC", "the client's country, ISO 3166-1 alpha-2"},
       "client_country",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(*r.mutable_client_country(), LastValue(flag, values));
         return absl::OkStatus();
       }},
      {{"client-tz", "ZONE", "the client's business-hours time zone, e.g. America/New_York"},
       "client_time_zone",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(*r.mutable_client_time_zone(), LastValue(flag, values));
         return absl::OkStatus();
       }},
      {{"model", "BPO|KPO", "preferred service model (default: any)"},
       "preferred_service_model",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(const int model,
                             ParseEnumFlag(flag, *v1::ServiceModel_descriptor(), text));
         r.set_preferred_service_model(static_cast<v1::ServiceModel>(model));
         return absl::OkStatus();
       }},
      {{"delivery", "M,M", "acceptable delivery models: onshore, nearshore, offshore"},
       "delivery_models",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::vector<std::string> items, ListValues(flag, values));
         for (const std::string& item : items) {
           VM_ASSIGN_OR_RETURN(const int model,
                               ParseEnumFlag(flag, *v1::DeliveryModel_descriptor(), item));
           r.add_delivery_models(static_cast<v1::DeliveryModel>(model));
         }
         return absl::OkStatus();
       }},
      {{"max-rate", "CUR:AMOUNT", "highest hourly rate, e.g. USD:25.00"},
       "rate_ceiling",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(*r.mutable_rate_ceiling(), ParseMoneyFlag(flag, values.back()));
         return absl::OkStatus();
       }},
      {{"headcount", "N", "full-time staff needed"},
       "headcount",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(const int32_t headcount, ParseNonNegativeInt(flag, text));
         r.set_headcount(headcount);
         return absl::OkStatus();
       }},
      {{"start", "YYYY-MM-DD", "start date (default: today)"},
       "start_date",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(*r.mutable_start_date(), ParseDateFlag(flag, text));
         return absl::OkStatus();
       }},
      {{"end", "YYYY-MM-DD", "last day of the engagement (certificates are judged up to it)"},
       "end_date",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(*r.mutable_end_date(), ParseDateFlag(flag, text));
         return absl::OkStatus();
       }},
      {{"months", "N", "length of the engagement in months (instead of --end)"},
       "duration_months",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(const int32_t months, ParseNonNegativeInt(flag, text));
         r.set_duration_months(months);
         return absl::OkStatus();
       }},
      {{"cert", "CODE", "required certification, valid on the start date (repeatable)"},
       "certifications",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         return ApplyList(flag, values,
                          [&](const std::string& item) { r.add_certifications(item); });
       }},
      {{"language", "TAG", "required BCP 47 language, e.g. en or es-MX (repeatable)"},
       "languages",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         return ApplyList(flag, values, [&](const std::string& item) { r.add_languages(item); });
       }},
      {{"industry", "CODE", "industry the provider should have served, e.g. LEGAL"},
       "industry",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(*r.mutable_industry(), LastValue(flag, values));
         return absl::OkStatus();
       }},
      {{"diversity", "CODE",
        "supplier-diversity classification, e.g. WOMEN_OWNED, valid through the engagement; "
        "any one listed suffices (repeatable)"},
       "diversity_classifications",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         return ApplyList(flag, values,
                          [&](const std::string& item) { r.add_diversity_classifications(item); });
       }},
      {{"min-rating", "X", "lowest acceptable rating, 0 to 5"},
       "min_rating",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(const double rating, ParseNumber(flag, text));
         r.set_min_rating(rating);
         return absl::OkStatus();
       }},
      {{"min-overlap", "H", "least overlap of business hours, hours per working day"},
       "min_overlap_hours",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(const double hours, ParseNumber(flag, text));
         r.set_min_overlap_hours(hours);
         return absl::OkStatus();
       }},
      {{"collaboration", "LEVEL", "collaboration the work needs: low, medium or high"},
       "collaboration",
       [](absl::string_view flag, const std::vector<std::string>& values, Requirement& r) {
         VM_ASSIGN_OR_RETURN(const std::string text, LastValue(flag, values));
         VM_ASSIGN_OR_RETURN(const int level, ParseEnumFlag(flag, *v1::Level_descriptor(), text));
         r.set_collaboration(static_cast<v1::Level>(level));
         return absl::OkStatus();
       }},
  };
  return *kTable;
}

// ---------------------------------------------------------------------------
// Work flags.

struct WorkLevelFlag {
  InputFlag flag;
  void (WorkCharacteristics::*set)(v1::Level);
};

const std::vector<WorkLevelFlag>& WorkLevelFlags() {
  static const auto* const kTable = new std::vector<WorkLevelFlag>{
      {{"routine", "LEVEL", "how routine and rule-based the work is: low, medium, high"},
       &WorkCharacteristics::set_routine},
      {{"volume", "LEVEL", "how many transactions or cases"}, &WorkCharacteristics::set_volume},
      {{"complexity", "LEVEL", "how complex the problems are"},
       &WorkCharacteristics::set_complexity},
      {{"expertise", "LEVEL", "domain expertise or qualification needed"},
       &WorkCharacteristics::set_expertise},
      {{"collaboration", "LEVEL", "coordination with the client's teams"},
       &WorkCharacteristics::set_collaboration},
      {{"sensitivity", "LEVEL", "how sensitive the data and IP are"},
       &WorkCharacteristics::set_data_sensitivity},
  };
  return *kTable;
}

constexpr InputFlag kDriverFlag = {"driver", "DRIVER", "what drives it: cost, insight, balanced"};
constexpr InputFlag kCoreFlag = {"core", "", "the work is core to the business (strategy, R&D)"};
constexpr InputFlag kMetricsFlag = {"structured-metrics", "",
                                    "success is measured by structured metrics (AHT, SLAs)"};

}  // namespace

absl::StatusOr<v1::Money> ParseMoneyFlag(absl::string_view flag, absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  const std::vector<absl::string_view> parts = absl::StrSplit(trimmed, ':');
  if (parts.size() != 2) {
    return FlagError(flag, absl::StrCat(" needs CUR:AMOUNT such as USD:25.00, got \"", text, "\""));
  }
  const std::string code = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(parts[0]));
  const absl::string_view amount = absl::StripAsciiWhitespace(parts[1]);
  const auto currency = FindCurrency(code);
  if (!currency) {
    return FlagError(flag, absl::StrCat(": unknown ISO 4217 currency \"", parts[0], "\""));
  }
  const size_t dot = amount.find('.');
  const absl::string_view whole = amount.substr(0, dot);
  const absl::string_view fraction =
      dot == amount.npos ? absl::string_view() : amount.substr(dot + 1);
  auto all_digits = [](absl::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (dot != amount.npos && fraction.empty())) {
    return FlagError(flag, absl::StrCat(" needs a non-negative decimal amount such as ", code,
                                        ":25.00, got \"", text, "\""));
  }
  const int digits = currency->minor_digits;
  if (fraction.size() > static_cast<size_t>(digits)) {
    return FlagError(
        flag, absl::StrCat(": ", code, " has ", digits == 0 ? "no" : absl::StrCat(digits),
                           " decimal place", digits == 1 ? "" : "s", ", got \"", amount, "\""));
  }
  uint64_t units = 0;
  uint64_t frac = 0;
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string padded(fraction);
  padded.resize(digits, '0');
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  if (!absl::SimpleAtoi(whole, &units) || (!padded.empty() && !absl::SimpleAtoi(padded, &frac)) ||
      units > (kMax - frac) / scale) {
    return FlagError(flag, absl::StrCat(": amount too large, got \"", amount, "\""));
  }
  v1::Money money;
  money.set_currency_code(code);
  money.set_minor_units(static_cast<int64_t>(units * scale + frac));
  return money;
}

absl::StatusOr<int> ParseEnumFlag(absl::string_view flag,
                                  const google::protobuf::EnumDescriptor& type,
                                  absl::string_view text) {
  const std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  absl::string_view prefix = type.value(0)->name();
  const bool has_prefix = absl::ConsumeSuffix(&prefix, "UNSPECIFIED");
  std::vector<std::string> accepted;
  for (int i = 0; i < type.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor& value = *type.value(i);
    if (value.number() == 0) continue;
    absl::string_view short_name = value.name();
    if (has_prefix) absl::ConsumePrefix(&short_name, prefix);
    if (upper == value.name() || upper == short_name) return value.number();
    accepted.push_back(absl::AsciiStrToLower(short_name));
  }
  return FlagError(flag, absl::StrCat(" must be one of ", absl::StrJoin(accepted, ", "), "; got \"",
                                      text, "\""));
}

absl::StatusOr<std::map<std::string, double>> ParseWeightFlags(
    absl::string_view flag, const std::vector<std::string>& items) {
  std::map<std::string, double> weights;
  for (const std::string& item : items) {
    const size_t eq = item.find('=');
    const absl::string_view plugin =
        absl::StripAsciiWhitespace(absl::string_view(item).substr(0, eq));
    if (eq == std::string::npos || plugin.empty()) {
      return FlagError(flag,
                       absl::StrCat(" needs PLUGIN=WEIGHT such as rate=30, got \"", item, "\""));
    }
    const absl::string_view text =
        absl::StripAsciiWhitespace(absl::string_view(item).substr(eq + 1));
    double weight;
    if (!absl::SimpleAtod(text, &weight) || !std::isfinite(weight) || weight < 0) {
      return FlagError(flag, absl::StrCat(": the weight of ", plugin,
                                          " must be a non-negative number, got \"", text, "\""));
    }
    if (!weights.emplace(std::string(plugin), weight).second) {
      return FlagError(flag, absl::StrCat(": ", plugin, " given twice"));
    }
  }
  return weights;
}

std::string ProfileName(absl::string_view name_or_id) {
  if (name_or_id.empty() || absl::StartsWith(name_or_id, "profiles/")) {
    return std::string(name_or_id);
  }
  return absl::StrCat("profiles/", name_or_id);
}

const std::vector<InputFlag>& RequirementFlags() {
  static const auto* const kFlags = [] {
    auto* flags = new std::vector<InputFlag>;
    for (const RequirementFlag& entry : RequirementFlagTable()) flags->push_back(entry.flag);
    return flags;
  }();
  return *kFlags;
}

absl::StatusOr<RequirementOverlay> ParseRequirementFlags(const FlagValues& given) {
  RequirementOverlay overlay;
  for (const RequirementFlag& entry : RequirementFlagTable()) {
    const auto it = given.find(entry.flag.name);
    if (it == given.end() || it->second.empty()) continue;
    VM_RETURN_IF_ERROR(entry.apply(entry.flag.name, it->second, overlay.values));
    overlay.fields.push_back(entry.field);
  }
  return overlay;
}

void ApplyRequirementOverlay(const RequirementOverlay& overlay, Requirement& requirement) {
  if (overlay.empty()) return;
  google::protobuf::FieldMask mask;
  for (const std::string& field : overlay.fields) mask.add_paths(field);
  google::protobuf::util::FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(overlay.values, mask, options,
                                                        &requirement);
}

const std::vector<InputFlag>& WorkFlags() {
  static const auto* const kFlags = [] {
    auto* flags = new std::vector<InputFlag>;
    for (const WorkLevelFlag& entry : WorkLevelFlags()) flags->push_back(entry.flag);
    flags->push_back(kDriverFlag);
    flags->push_back(kCoreFlag);
    flags->push_back(kMetricsFlag);
    return flags;
  }();
  return *kFlags;
}

absl::StatusOr<WorkCharacteristics> ParseWorkFlags(const FlagValues& given) {
  WorkCharacteristics work;
  auto last = [&](const char* name) -> const std::string* {
    const auto it = given.find(name);
    return it == given.end() || it->second.empty() ? nullptr : &it->second.back();
  };
  for (const WorkLevelFlag& entry : WorkLevelFlags()) {
    if (const std::string* text = last(entry.flag.name)) {
      VM_ASSIGN_OR_RETURN(const int level,
                          ParseEnumFlag(entry.flag.name, *v1::Level_descriptor(), *text));
      (work.*entry.set)(static_cast<v1::Level>(level));
    }
  }
  if (const std::string* text = last(kDriverFlag.name)) {
    VM_ASSIGN_OR_RETURN(const int driver,
                        ParseEnumFlag(kDriverFlag.name, *v1::Driver_descriptor(), *text));
    work.set_driver(static_cast<v1::Driver>(driver));
  }
  if (const std::string* text = last(kCoreFlag.name)) work.set_core_to_business(*text == "true");
  if (const std::string* text = last(kMetricsFlag.name)) {
    work.set_structured_metrics(*text == "true");
  }
  return work;
}

}  // namespace vendormatch::ctl
