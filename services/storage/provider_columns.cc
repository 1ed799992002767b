#include "services/storage/provider_columns.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "services/domain/names.h"
#include "vendormatch/provider.h"

namespace vendormatch {
namespace {

std::vector<std::string> SortedUnique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// A list field's codes as its column holds them.
std::vector<std::string> Codes(const google::protobuf::RepeatedPtrField<std::string>& codes,
                               sdk::CodeKind kind) {
  std::vector<std::string> out;
  for (const std::string& code : codes) {
    if (kind != sdk::CodeKind::kLanguageTag) {
      out.push_back(code);
      continue;
    }
    // "es-MX" is found by both "es-mx" and its primary language "es".
    const std::string lower = absl::AsciiStrToLower(code);
    out.push_back(lower.substr(0, lower.find('-')));
    out.push_back(lower);
  }
  return out;
}

template <typename Items>
std::vector<std::string> DatedCodes(const Items& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(item.code());
  return out;
}

}  // namespace

std::vector<ArrayColumn> ArrayColumnsOf(const v1::Provider& p) {
  std::vector<std::string> models, countries, delivery;
  for (int m : p.service_models()) {
    models.push_back(ServiceModelName(static_cast<v1::ServiceModel>(m)));
  }
  for (const auto& c : p.delivery_centers()) countries.push_back(c.country_code());
  for (int d : p.declared_delivery_models()) {
    delivery.push_back(DeliveryModelName(static_cast<v1::DeliveryModel>(d)));
  }
  std::vector<ArrayColumn> out = {
      {"service_models", models}, {"delivery_countries", countries}, {"delivery_models", delivery}};
#define VM_CODE_LIST(name, filter, index, kind) \
  out.push_back({#name, Codes(p.name(), sdk::CodeKind::kind)});
#define VM_DATED_LIST(name, filter, index, kind) out.push_back({#name, DatedCodes(p.name())});
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  for (ArrayColumn& column : out) column.values = SortedUnique(std::move(column.values));
  return out;
}

const std::vector<std::string>& ArrayColumnNames() {
  static const auto* names = [] {
    auto* out = new std::vector<std::string>;
    for (ArrayColumn& c : ArrayColumnsOf(v1::Provider())) out->push_back(std::move(c.name));
    return out;
  }();
  return *names;
}

const FilterColumn* FindFilterColumn(absl::string_view field) {
  static const auto* columns = new std::vector<FilterColumn>{
      {"status", "status", false},
      {"country", "headquarters_country", false},
      {"display_name", "display_name", false},
      {"service_model", "service_models", true},
      {"delivery_country", "delivery_countries", true},
      {"delivery_model", "delivery_models", true},
#define VM_CODE_LIST(name, filter, index, kind) {filter, #name, true},
#define VM_DATED_LIST(name, filter, index, kind) {filter, #name, true},
#include "vendormatch/provider_fields.inc"
#undef VM_CODE_LIST
#undef VM_DATED_LIST
  };
  for (const FilterColumn& c : *columns) {
    if (c.field == field) return &c;
  }
  return nullptr;
}

}  // namespace vendormatch
