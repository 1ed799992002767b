// Short, stable text names of the enums ("ACTIVE", "BPO", "ONSHORE",
// "CREATE", "admin"), as tables, filters, policies and audit rows spell
// them, and the id part of a provider's resource name. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "vendormatch/v1/audit.pb.h"
#include "vendormatch/v1/key_service.pb.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

std::string StatusName(v1::Provider::Status status);
std::string ServiceModelName(v1::ServiceModel model);
std::string DeliveryModelName(v1::DeliveryModel model);
std::string ActionName(v1::AuditEvent::Action action);

// "admin", "procurement", "reader"; "" for ROLE_UNSPECIFIED.
std::string RoleName(v1::Role role);
// The inverse of RoleName; nullopt for anything else.
std::optional<v1::Role> RoleFromName(absl::string_view name);

// The id part of "providers/{id}" (no validation).
std::string ProviderId(const v1::Provider& provider);

}  // namespace vendormatch
