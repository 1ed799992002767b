// How the codes of each kind of list field (vendormatch/provider_fields.inc)
// are named, explained and checked against the reference data. Pure;
// thread-safe.
#pragma once

#include "absl/strings/string_view.h"
#include "vendormatch/provider.h"

namespace vendormatch {

struct CodeKindInfo {
  absl::string_view what;  // "service", "certification", ...
  absl::string_view hint;  // "expected a catalogue code such as CUSTOMER_SUPPORT ..."
  // Whether `code` (canonical: upper case; language tags any case) is known.
  bool (*known)(absl::string_view code);
};

const CodeKindInfo& InfoOf(sdk::CodeKind kind);

}  // namespace vendormatch
