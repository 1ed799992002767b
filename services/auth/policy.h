// Which roles may call which RPC: one table for every method the server
// serves. Health checking and reflection are not in it (they are open, or
// reflection is off, by configuration).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "vendormatch/v1/key_service.pb.h"

namespace vendormatch::auth {

// A set of roles, one bit per v1::Role.
using RoleSet = uint32_t;

constexpr RoleSet RoleBit(v1::Role role) { return RoleSet{1} << static_cast<int>(role); }

inline constexpr RoleSet kAdminOnly = RoleBit(v1::ROLE_ADMIN);
inline constexpr RoleSet kMatching = kAdminOnly | RoleBit(v1::ROLE_PROCUREMENT);
inline constexpr RoleSet kAnyRole = kMatching | RoleBit(v1::ROLE_READER);

struct MethodRule {
  const char* method;  // "/vendormatch.v1.RegistryService/CreateProvider"
  RoleSet allowed;
};

// The whole table. Pure; the same every call.
const std::vector<MethodRule>& MethodPolicy();

// Whether `role` may call `method`; false for a method not in the table.
// Pure.
bool Allowed(absl::string_view method, v1::Role role);

}  // namespace vendormatch::auth
