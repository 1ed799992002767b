#include "services/domain/code_kinds.h"

#include <algorithm>

#include "services/domain/catalog.h"
#include "services/domain/reference_data.h"

namespace vendormatch {

const CodeKindInfo& InfoOf(sdk::CodeKind kind) {
  static const CodeKindInfo kService = {
      "service", "expected a catalogue code such as CUSTOMER_SUPPORT (see ListCatalogEntries)",
      [](absl::string_view code) { return FindCatalogService(code) != nullptr; }};
  static const CodeKindInfo kLanguage = {
      "language", "expected a BCP 47 tag such as en or es-MX",
      [](absl::string_view code) { return IsValidLanguageTag(code); }};
  static const CodeKindInfo kIndustry = {
      "industry", "expected an industry code such as BANKING",
      [](absl::string_view code) { return FindIndustry(code).has_value(); }};
  static const CodeKindInfo kCertification = {
      "certification", "expected a certification code such as ISO27001",
      [](absl::string_view code) { return FindCertification(code).has_value(); }};
  static const CodeKindInfo kClassification = {
      "classification", "expected a supplier-diversity classification such as WOMEN_OWNED",
      [](absl::string_view code) { return FindClassification(code).has_value(); }};
  switch (kind) {
    case sdk::CodeKind::kCatalogService:
      return kService;
    case sdk::CodeKind::kLanguageTag:
      return kLanguage;
    case sdk::CodeKind::kIndustryCode:
      return kIndustry;
    case sdk::CodeKind::kCertificationCode:
      return kCertification;
    case sdk::CodeKind::kClassificationCode:
      break;
  }
  return kClassification;
}

std::vector<const google::protobuf::FieldDescriptor*> ExtraStringFields(
    const google::protobuf::Descriptor& item) {
  std::vector<const google::protobuf::FieldDescriptor*> out;
  for (int i = 0; i < item.field_count(); ++i) {
    const auto* f = item.field(i);
    if (f->type() == google::protobuf::FieldDescriptor::TYPE_STRING && !f->is_repeated() &&
        f->name() != "code") {
      out.push_back(f);
    }
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->number() < b->number(); });
  return out;
}

}  // namespace vendormatch
