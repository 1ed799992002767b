// Small helpers for absl::Status plumbing; this Abseil has no status macros.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Evaluates `expr` (an absl::Status); returns it from the enclosing function
// when it is not OK.
#define VM_RETURN_IF_ERROR(expr)                                \
  do {                                                          \
    if (::absl::Status vm_status_ = (expr); !vm_status_.ok()) { \
      return vm_status_;                                        \
    }                                                           \
  } while (false)

#define VM_STATUS_CONCAT_INNER_(a, b) a##b
#define VM_STATUS_CONCAT_(a, b) VM_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status when not OK,
// else moves the value into `lhs` (a declaration such as `auto x` or an
// existing variable).
#define VM_ASSIGN_OR_RETURN(lhs, rexpr) \
  VM_ASSIGN_OR_RETURN_IMPL_(VM_STATUS_CONCAT_(vm_statusor_, __LINE__), lhs, rexpr)

#define VM_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                              \
  if (!statusor.ok()) {                                 \
    return std::move(statusor).status();                \
  }                                                     \
  lhs = std::move(statusor).value()
