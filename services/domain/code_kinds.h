// How the codes of each kind of list field (vendormatch/provider_fields.inc)
// are named, explained and checked against the reference data. Pure;
// thread-safe.
#pragma once

#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "vendormatch/provider.h"

namespace vendormatch {

struct CodeKindInfo {
  absl::string_view what;  // "service", "certification", ...
  absl::string_view hint;  // "expected a catalogue code such as CUSTOMER_SUPPORT ..."
  // Whether `code` (canonical: upper case; language tags any case) is known.
  bool (*known)(absl::string_view code);
};

const CodeKindInfo& InfoOf(sdk::CodeKind kind);

// The string fields of a dated list's item message other than `code` (a
// certification's issuer; a classification's certifying body and number),
// in field-number order: what CSV, validation and the ctl's tables handle
// generically.
std::vector<const google::protobuf::FieldDescriptor*> ExtraStringFields(
    const google::protobuf::Descriptor& item);

}  // namespace vendormatch
