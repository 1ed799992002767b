// What was built: the project's version and the git revision it was built
// from (at configure time; "unknown" outside a git checkout). Thread-safe.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace vendormatch {

// "0.1.0".
absl::string_view BuildVersion();
// The short commit hash, with "-dirty" when the tree had changes.
absl::string_view BuildRevision();
// "<program> 0.1.0 (revision 1a2b3c4)", for --version.
std::string VersionLine(absl::string_view program);

}  // namespace vendormatch
