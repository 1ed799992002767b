#include "services/domain/names.h"

#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace vendormatch {
namespace {

// Strips the enum's prefix: STATUS_ACTIVE -> ACTIVE.
std::string ShortName(const std::string& full, absl::string_view prefix) {
  absl::string_view name(full);
  absl::ConsumePrefix(&name, prefix);
  return std::string(name);
}

}  // namespace

std::string StatusName(v1::Provider::Status status) {
  return ShortName(v1::Provider::Status_Name(status), "STATUS_");
}
std::string ServiceModelName(v1::ServiceModel model) {
  return ShortName(v1::ServiceModel_Name(model), "SERVICE_MODEL_");
}
std::string DeliveryModelName(v1::DeliveryModel model) {
  return ShortName(v1::DeliveryModel_Name(model), "DELIVERY_MODEL_");
}
std::string ActionName(v1::AuditEvent::Action action) {
  return ShortName(v1::AuditEvent::Action_Name(action), "ACTION_");
}

std::string RoleName(v1::Role role) {
  switch (role) {
    case v1::ROLE_ADMIN:
      return "admin";
    case v1::ROLE_PROCUREMENT:
      return "procurement";
    case v1::ROLE_READER:
      return "reader";
    default:
      return "";
  }
}

std::optional<v1::Role> RoleFromName(absl::string_view name) {
  for (v1::Role r : {v1::ROLE_ADMIN, v1::ROLE_PROCUREMENT, v1::ROLE_READER}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string ProviderId(const v1::Provider& provider) {
  absl::string_view name(provider.name());
  absl::ConsumePrefix(&name, "providers/");
  return std::string(name);
}

}  // namespace vendormatch
