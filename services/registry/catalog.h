// The service catalogue: every service a provider can offer and a client can
// ask for, each belonging to BPO or KPO. Compiled in; immutable; thread-safe.
#pragma once

#include <span>

#include "absl/strings/string_view.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

struct CatalogService {
  absl::string_view code;  // Stable upper-snake code, e.g. "CUSTOMER_SUPPORT".
  absl::string_view display_name;
  vendormatch::v1::ServiceModel service_model;
  absl::string_view description;
};

// Every catalogue entry, sorted by code.
std::span<const CatalogService> CatalogServices();

// The entry with `code`, or nullptr when unknown. Exact, case-sensitive.
const CatalogService* FindCatalogService(absl::string_view code);

}  // namespace vendormatch
