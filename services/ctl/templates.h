// Commented YAML files an admin starts from (`vendormatchctl template`).
// Pure; thread-safe.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch::ctl {

// The template of `kind`, "provider" or "requirement"; INVALID_ARGUMENT
// naming the kinds otherwise.
absl::StatusOr<std::string> TemplateFor(absl::string_view kind);

}  // namespace vendormatch::ctl
