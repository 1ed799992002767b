#include "services/matching/constraints.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/domain/reference_data.h"

namespace vendormatch {
namespace {

using sdk::ChangeKind;

constexpr int kMaxPriority = 100;

std::string Canonical(const std::string& code, bool language) {
  if (!language) return absl::AsciiStrToUpper(code);
  std::string tag = absl::AsciiStrToLower(code);
  std::replace(tag.begin(), tag.end(), '_', '-');
  return tag;
}

// Whether `list` holds `code`, compared as the requirement validator
// canonicalises: upper case for certifications, lower case with '-' for
// language tags.
bool Lists(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& code,
           bool language) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& entry) { return Canonical(entry, language) == code; });
}

bool Remove(google::protobuf::RepeatedPtrField<std::string>& list, const std::string& code,
            bool language) {
  const int before = list.size();
  list.erase(
      std::remove_if(list.begin(), list.end(),
                     [&](const std::string& entry) { return Canonical(entry, language) == code; }),
      list.end());
  return list.size() != before;
}

const char* ModelWord(sdk::DeliveryModel model) {
  switch (model) {
    case sdk::DeliveryModel::kOnshore:
      return "onshore";
    case sdk::DeliveryModel::kNearshore:
      return "nearshore";
    case sdk::DeliveryModel::kOffshore:
      return "offshore";
    default:
      return "unspecified";
  }
}

std::string Day(sdk::DayNumber day) { return absl::FormatCivilTime(sdk::CivilDayOf(day)); }

std::string OneDecimal(double value) { return absl::StrFormat("%.1f", value); }

}  // namespace

const std::vector<std::string>& ConstraintNames() {
  static const auto* names = new std::vector<std::string>{"services",
                                                          "service_model",
                                                          "delivery_models",
                                                          "rate_ceiling",
                                                          "headcount",
                                                          "certifications",
                                                          "certifications_valid_through_end",
                                                          "languages",
                                                          "industry",
                                                          "min_rating",
                                                          "min_overlap_hours",
                                                          "diversity_classifications"};
  return *names;
}

void CheckConstraintPreferences(const v1::Requirement& r, FieldViolations& out) {
  std::set<std::string> seen;
  const auto& names = ConstraintNames();
  for (int i = 0; i < r.constraint_preferences_size(); ++i) {
    const v1::ConstraintPreference& p = r.constraint_preferences(i);
    const std::string field = absl::StrCat("requirement.constraint_preferences[", i, "]");
    const std::string& name = p.constraint();
    const size_t colon = name.find(':');
    const std::string base = name.substr(0, colon);
    if (std::find(names.begin(), names.end(), base) == names.end()) {
      out.Add(field + ".constraint",
              absl::StrCat("unknown constraint \"", name, "\" (one of: services, service_model, ",
                           "delivery_models, rate_ceiling, headcount, certifications[:CODE], ",
                           "certifications_valid_through_end, languages[:TAG], industry, ",
                           "min_rating, min_overlap_hours, diversity_classifications)"));
    } else if (colon != std::string::npos) {
      const bool language = base == "languages";
      const std::string code = Canonical(name.substr(colon + 1), language);
      if (base != "certifications" && !language) {
        out.Add(field + ".constraint", absl::StrCat("\"", base, "\" takes no \":CODE\""));
      } else if (!Lists(language ? r.languages() : r.certifications(), code, language)) {
        out.Add(field + ".constraint",
                absl::StrCat("the requirement lists no ", base, " entry \"", code, "\""));
      }
    }
    if (!seen.insert(name).second) {
      out.Add(field + ".constraint", absl::StrCat("\"", name, "\" is listed twice"));
    }
    if (p.priority() < -kMaxPriority || p.priority() > kMaxPriority) {
      out.Add(field + ".priority",
              absl::StrCat("must be within ", -kMaxPriority, " and ", kMaxPriority));
    }
  }
}

Preference PreferenceOf(const v1::Requirement& r, const std::string& constraint) {
  const std::string base = constraint.substr(0, constraint.find(':'));
  std::optional<Preference> general;
  for (const v1::ConstraintPreference& p : r.constraint_preferences()) {
    const size_t colon = p.constraint().find(':');
    if (colon != std::string::npos && constraint.find(':') != std::string::npos) {
      const bool language = base == "languages";
      if (p.constraint().substr(0, colon) == base &&
          Canonical(p.constraint().substr(colon + 1), language) ==
              constraint.substr(constraint.find(':') + 1)) {
        return Preference{p.firm(), p.priority()};
      }
    }
    if (p.constraint() == base) general = Preference{p.firm(), p.priority()};
  }
  return general.value_or(Preference{});
}

std::string ConstraintOf(const NamedChange& c) {
  switch (c.change.kind) {
    case ChangeKind::kRaiseRateCeiling:
      return "rate_ceiling";
    case ChangeKind::kAcceptDeliveryModel:
      return "delivery_models";
    case ChangeKind::kSetHeadcount:
      return "headcount";
    case ChangeKind::kDropCertification:
      return absl::StrCat("certifications:", c.symbol);
    case ChangeKind::kCertificationsOnStartDay:
      return "certifications_valid_through_end";
    case ChangeKind::kDropLanguage:
      return absl::StrCat("languages:", c.symbol);
    case ChangeKind::kLowerMinRating:
      return "min_rating";
    case ChangeKind::kLowerMinOverlap:
      return "min_overlap_hours";
    case ChangeKind::kAcceptAnyService:
      return "services";
    case ChangeKind::kAcceptAnyServiceModel:
      return "service_model";
    case ChangeKind::kDropIndustry:
      return "industry";
    case ChangeKind::kAcceptClassification:
    case ChangeKind::kDropDiversity:
      return "diversity_classifications";
    default:
      return "";
  }
}

// Drops the numeric constraint `kind` loosens; false when there is none.
bool Drop(ChangeKind kind, v1::Requirement& r) {
  switch (kind) {
    case ChangeKind::kRaiseRateCeiling:
      if (!r.has_rate_ceiling()) return false;
      r.clear_rate_ceiling();
      return true;
    case ChangeKind::kSetHeadcount:
      if (r.headcount() == 0) return false;
      r.set_headcount(0);
      return true;
    case ChangeKind::kLowerMinRating:
      if (r.min_rating() == 0) return false;
      r.set_min_rating(0);
      return true;
    case ChangeKind::kLowerMinOverlap:
      if (r.min_overlap_hours() == 0) return false;
      r.set_min_overlap_hours(0);
      return true;
    default:
      return false;
  }
}

namespace {

// The buyer-side changes to the requirement's lists of codes (certifications,
// languages, diversity classifications); false for any other change or when
// it changes nothing.
bool ApplyToLists(const NamedChange& c, v1::Requirement& r) {
  switch (c.change.kind) {
    case ChangeKind::kDropCertification:
      return Remove(*r.mutable_certifications(), Canonical(c.symbol, false), false);
    case ChangeKind::kDropLanguage:
      return Remove(*r.mutable_languages(), Canonical(c.symbol, true), true);
    case ChangeKind::kAcceptClassification:
      if (r.diversity_classifications().empty() ||
          Lists(r.diversity_classifications(), Canonical(c.symbol, false), false)) {
        return false;
      }
      r.add_diversity_classifications(Canonical(c.symbol, false));
      return true;
    case ChangeKind::kDropDiversity:
      if (r.diversity_classifications().empty()) return false;
      r.clear_diversity_classifications();
      return true;
    default:
      return false;
  }
}

// The buyer-side changes that loosen a number or drop a single constraint.
bool ApplyToScalars(const NamedChange& c, v1::Requirement& r) {
  const sdk::Change& ch = c.change;
  switch (ch.kind) {
    case ChangeKind::kRaiseRateCeiling:
      if (!r.has_rate_ceiling() || r.rate_ceiling().minor_units() >= ch.amount) return false;
      r.mutable_rate_ceiling()->set_minor_units(ch.amount);
      return true;
    case ChangeKind::kSetHeadcount:
      if (r.headcount() == ch.amount || ch.amount < 0) return false;
      r.set_headcount(static_cast<int32_t>(ch.amount));
      return true;
    case ChangeKind::kCertificationsOnStartDay:
      if (!r.certifications_valid_through_end()) return false;
      r.set_certifications_valid_through_end(false);
      return true;
    case ChangeKind::kLowerMinRating:
      if (!(ch.number < r.min_rating())) return false;
      r.set_min_rating(std::max(ch.number, 0.0));
      return true;
    case ChangeKind::kLowerMinOverlap:
      if (!(ch.number < r.min_overlap_hours())) return false;
      r.set_min_overlap_hours(std::max(ch.number, 0.0));
      return true;
    case ChangeKind::kDropIndustry:
      if (r.industry().empty()) return false;
      r.clear_industry();
      return true;
    default:
      return ApplyToLists(c, r);
  }
}

}  // namespace

bool ApplyToRequirement(const NamedChange& c, v1::Requirement& r) {
  const sdk::Change& ch = c.change;
  if (c.drop) return Drop(ch.kind, r);
  switch (ch.kind) {
    case ChangeKind::kAcceptDeliveryModel: {
      const int model = static_cast<int>(ch.delivery_model);
      if (r.delivery_models().empty() || model == 0 ||
          std::find(r.delivery_models().begin(), r.delivery_models().end(), model) !=
              r.delivery_models().end()) {
        return false;
      }
      r.add_delivery_models(static_cast<v1::DeliveryModel>(model));
      return true;
    }
    case ChangeKind::kAcceptAnyService:
      if (r.service_match() == v1::SERVICE_MATCH_ANY || r.services_size() < 2) return false;
      r.set_service_match(v1::SERVICE_MATCH_ANY);
      return true;
    case ChangeKind::kAcceptAnyServiceModel:
      if (r.preferred_service_model() == v1::SERVICE_MODEL_UNSPECIFIED && !r.has_work()) {
        return false;
      }
      r.set_preferred_service_model(v1::SERVICE_MODEL_UNSPECIFIED);
      r.clear_work();
      return true;
    default:
      return ApplyToScalars(c, r);
  }
}

std::string FormatAmount(const std::string& currency, int64_t minor_units) {
  const std::optional<Currency> c = FindCurrency(currency);
  const int digits = c ? c->minor_digits : 2;
  int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string out = absl::StrCat(currency, " ", minor_units / scale);
  if (digits > 0) {
    absl::StrAppend(&out, ".", absl::StrFormat("%0*d", digits, std::llabs(minor_units % scale)));
  }
  return out;
}

namespace {

// The words for provider-side change `c`.
std::string DescribeProviderChange(const NamedChange& c) {
  const sdk::Change& ch = c.change;
  switch (ch.kind) {
    case ChangeKind::kOfferRate:
      return absl::StrCat("a rate at or below ", FormatAmount(c.currency, ch.amount), "/h",
                          c.symbol.empty() ? "" : absl::StrCat(" for ", c.symbol));
    case ChangeKind::kAddSeats:
      return absl::StrCat(ch.amount, " more seats in accepted delivery centres");
    case ChangeKind::kHoldCertification:
    case ChangeKind::kHoldClassification:
      return ch.day == sdk::kNoDay
                 ? absl::StrCat("hold ", c.symbol)
                 : absl::StrCat("hold ", c.symbol, " valid through ", Day(ch.day));
    case ChangeKind::kSpeakLanguage:
      return absl::StrCat("staff speaking ", c.symbol);
    case ChangeKind::kOfferService:
      return absl::StrCat("offer ", c.symbol);
    case ChangeKind::kOfferServiceModel:
      return absl::StrCat("offer ", ch.service_model == sdk::ServiceModel::kKpo ? "KPO" : "BPO");
    case ChangeKind::kServeIndustry:
      return absl::StrCat("experience in ", c.symbol);
    case ChangeKind::kLowerMinimumHeadcount:
      return absl::StrCat("accept a headcount of ", ch.amount, " (its minimum engagement)");
    default:
      return "";
  }
}

}  // namespace

std::string DescribeChange(const NamedChange& c, const v1::Requirement& r) {
  const sdk::Change& ch = c.change;
  if (!ch.buyer_side()) return DescribeProviderChange(c);
  if (c.drop) {
    switch (ch.kind) {
      case ChangeKind::kRaiseRateCeiling:
        return "drop the rate ceiling";
      case ChangeKind::kSetHeadcount:
        return "drop the headcount";
      case ChangeKind::kLowerMinRating:
        return "drop the minimum rating";
      default:
        return "drop the minimum overlap";
    }
  }
  switch (ch.kind) {
    case ChangeKind::kRaiseRateCeiling:
      return absl::StrCat(
          "raise the rate ceiling to ",
          FormatAmount(r.rate_ceiling().currency_code().empty()
                           ? c.currency
                           : absl::AsciiStrToUpper(r.rate_ceiling().currency_code()),
                       ch.amount),
          "/h");
    case ChangeKind::kAcceptDeliveryModel:
      return absl::StrCat("also accept ", ModelWord(ch.delivery_model), " delivery");
    case ChangeKind::kSetHeadcount:
      return absl::StrCat(ch.amount < r.headcount() ? "lower" : "raise", " the headcount to ",
                          ch.amount);
    case ChangeKind::kDropCertification:
      return absl::StrCat("drop the ", c.symbol, " requirement");
    case ChangeKind::kCertificationsOnStartDay:
      return "accept certifications valid on the start date only";
    case ChangeKind::kDropLanguage:
      return absl::StrCat("drop the language ", c.symbol);
    case ChangeKind::kLowerMinRating:
      return absl::StrCat("lower the minimum rating to ", OneDecimal(ch.number));
    case ChangeKind::kLowerMinOverlap:
      return absl::StrCat("lower the minimum overlap to ", OneDecimal(ch.number), " h");
    case ChangeKind::kAcceptAnyService:
      return "accept providers offering any one of the services";
    case ChangeKind::kAcceptAnyServiceModel:
      return "accept either service model";
    case ChangeKind::kDropIndustry:
      return absl::StrCat("drop the industry requirement (", r.industry(), ")");
    case ChangeKind::kAcceptClassification:
      return absl::StrCat("also accept ", c.symbol, " as a diversity classification");
    case ChangeKind::kDropDiversity:
      return absl::StrCat("drop the supplier-diversity requirement (",
                          absl::StrJoin(r.diversity_classifications(), ", "), ")");
    default:
      return "";
  }
}

}  // namespace vendormatch
