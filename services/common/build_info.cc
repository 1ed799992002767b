#include "services/common/build_info.h"

#include "absl/strings/str_cat.h"

namespace vendormatch {

absl::string_view BuildVersion() { return VM_BUILD_VERSION; }

absl::string_view BuildRevision() { return VM_BUILD_REVISION; }

std::string VersionLine(absl::string_view program) {
  return absl::StrCat(program, " ", BuildVersion(), " (revision ", BuildRevision(), ")");
}

}  // namespace vendormatch
