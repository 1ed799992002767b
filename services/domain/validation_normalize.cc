// NormalizeProvider: trimming and canonical forms, before validation.
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "services/domain/code_kinds.h"
#include "services/domain/reference_data.h"
#include "services/domain/validation.h"

namespace vendormatch {
namespace {

using ::google::protobuf::RepeatedPtrField;
using ::vendormatch::v1::DeliveryCenter;
using ::vendormatch::v1::Provider;
using ::vendormatch::v1::Rate;

void Trim(std::string* s) { absl::StripAsciiWhitespace(s); }

void TrimUpper(std::string* s) {
  absl::StripAsciiWhitespace(s);
  absl::AsciiStrToUpper(s);
}

void TrimUpperAll(RepeatedPtrField<std::string>* list) {
  for (std::string& s : *list) TrimUpper(&s);
}

void NormalizeDeliveryCenter(DeliveryCenter& c) {
  TrimUpper(c.mutable_country_code());
  Trim(c.mutable_city());
  Trim(c.mutable_time_zone());
}

void NormalizeQualification(std::string* s) {
  Trim(s);
  if (auto known = FindQualification(*s)) *s = std::string(known->code);
}

// Upper-cases the code and trims the item's other strings.
template <typename Item>
void NormalizeDatedItem(Item& item) {
  TrimUpper(item.mutable_code());
  for (const auto* f : ExtraStringFields(*Item::descriptor())) {
    std::string value = item.GetReflection()->GetString(item, f);
    Trim(&value);
    item.GetReflection()->SetString(&item, f, std::move(value));
  }
}

}  // namespace

void NormalizeProvider(Provider& provider) {
  Trim(provider.mutable_display_name());
  Trim(provider.mutable_legal_name());
  Trim(provider.mutable_description());
  TrimUpper(provider.mutable_headquarters_country());
  TrimUpperAll(provider.mutable_services());
  TrimUpperAll(provider.mutable_industries());
  for (DeliveryCenter& c : *provider.mutable_delivery_centers()) NormalizeDeliveryCenter(c);
  for (std::string& tag : *provider.mutable_languages()) {
    Trim(&tag);
    tag = CanonicalizeLanguageTag(tag);
  }
#define VM_CODE_LIST(name, filter, index, kind)
#define VM_DATED_LIST(name, filter, index, kind) \
  for (auto& item : *provider.mutable_##name()) NormalizeDatedItem(item);
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  for (Rate& rate : *provider.mutable_rate_card()) {
    TrimUpper(rate.mutable_service());
    if (rate.has_hourly_rate()) TrimUpper(rate.mutable_hourly_rate()->mutable_currency_code());
  }
  if (provider.has_minimum_engagement() && provider.minimum_engagement().has_monthly_value()) {
    TrimUpper(
        provider.mutable_minimum_engagement()->mutable_monthly_value()->mutable_currency_code());
  }
  if (provider.has_talent()) {
    for (std::string& q : *provider.mutable_talent()->mutable_qualifications()) {
      NormalizeQualification(&q);
    }
  }
}

}  // namespace vendormatch
