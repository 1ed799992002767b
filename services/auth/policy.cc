#include "services/auth/policy.h"

#include "absl/container/flat_hash_map.h"

namespace vendormatch::auth {

const std::vector<MethodRule>& MethodPolicy() {
  static const auto* const kRules = new std::vector<MethodRule>{
      // The registry: admins maintain it; every role reads it, its audit
      // trail and the catalogue.
      {"/vendormatch.v1.RegistryService/CreateProvider", kAdminOnly},
      {"/vendormatch.v1.RegistryService/GetProvider", kAnyRole},
      {"/vendormatch.v1.RegistryService/ListProviders", kAnyRole},
      {"/vendormatch.v1.RegistryService/UpdateProvider", kAdminOnly},
      {"/vendormatch.v1.RegistryService/DeleteProvider", kAdminOnly},
      {"/vendormatch.v1.RegistryService/ActivateProvider", kAdminOnly},
      {"/vendormatch.v1.RegistryService/SuspendProvider", kAdminOnly},
      {"/vendormatch.v1.RegistryService/ImportProviders", kAdminOnly},
      {"/vendormatch.v1.RegistryService/ListAuditEvents", kAnyRole},
      {"/vendormatch.v1.RegistryService/ListCatalogEntries", kAnyRole},
      // Matching and the advisor: procurement and admins. Reading the
      // plugins and profiles: everyone; changing profiles: admins.
      {"/vendormatch.v1.MatchingService/MatchProviders", kMatching},
      {"/vendormatch.v1.MatchingService/CompareProfiles", kMatching},
      {"/vendormatch.v1.MatchingService/RecommendServiceModel", kMatching},
      {"/vendormatch.v1.MatchingService/ListPlugins", kAnyRole},
      {"/vendormatch.v1.MatchingService/ListProfiles", kAnyRole},
      {"/vendormatch.v1.MatchingService/GetProfile", kAnyRole},
      {"/vendormatch.v1.MatchingService/CreateProfile", kAdminOnly},
      {"/vendormatch.v1.MatchingService/UpdateProfile", kAdminOnly},
      // Keys: admins only.
      {"/vendormatch.v1.KeyService/CreateApiKey", kAdminOnly},
      {"/vendormatch.v1.KeyService/ListApiKeys", kAdminOnly},
      {"/vendormatch.v1.KeyService/RevokeApiKey", kAdminOnly},
  };
  return *kRules;
}

bool Allowed(absl::string_view method, v1::Role role) {
  static const auto* const kByMethod = [] {
    auto* map = new absl::flat_hash_map<std::string, RoleSet>;
    for (const MethodRule& rule : MethodPolicy()) (*map)[rule.method] = rule.allowed;
    return map;
  }();
  auto it = kByMethod->find(method);
  return it != kByMethod->end() && (it->second & RoleBit(role)) != 0;
}

}  // namespace vendormatch::auth
