// Fuzzes the provider file parsers of vendormatchctl
// (services/ctl/provider_io.h) in one format, VM_FUZZ_FORMAT (kYaml, kJson,
// kJsonLines or kCsv; one binary each): the input is the file's text.
// Beyond "no crash, no undefined behaviour", the promises of provider_io.h:
//  - an error is INVALID_ARGUMENT whose message starts with the source name;
//  - each provider's origin starts with the source name, and its `fields`
//    are Provider fields (proto names), without repeats, including every
//    top-level field the provider has set (the update mask is built from
//    them, so a field set but not listed would be dropped silently);
//  - what vendormatchctl prints (ToJson, as `get --json` does) reads back:
//    each provider (valid UTF-8) printed as JSON and parsed as JSON, as JSON
//    Lines and as YAML is the same provider (the YAML rules refuse unknown
//    enum numbers, which protobuf's JSON parser keeps: those are not read as
//    YAML).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "fuzz_util.h"
#include "google/protobuf/util/field_comparator.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/ctl/format.h"
#include "services/ctl/provider_io.h"

#ifndef VM_FUZZ_FORMAT
#error "define VM_FUZZ_FORMAT as a vendormatch::ctl::Format value"
#endif

using namespace vendormatch;        // NOLINT
using namespace vendormatch::fuzz;  // NOLINT

namespace {

constexpr ctl::Format kFormat = ctl::Format::VM_FUZZ_FORMAT;
constexpr absl::string_view kSource = "input-file";

// Whether `message` holds an enum number its enum does not define.
bool HasUnknownEnum(const google::protobuf::Message& message) {
  const google::protobuf::Reflection& reflection = *message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection.ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    const int n = field->is_repeated() ? reflection.FieldSize(message, field) : 1;
    for (int i = 0; i < n; ++i) {
      if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_ENUM) {
        const int value = field->is_repeated() ? reflection.GetRepeatedEnumValue(message, field, i)
                                               : reflection.GetEnumValue(message, field);
        if (field->enum_type()->FindValueByNumber(value) == nullptr) return true;
      } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
        const auto& sub = field->is_repeated() ? reflection.GetRepeatedMessage(message, field, i)
                                               : reflection.GetMessage(message, field);
        if (HasUnknownEnum(sub)) return true;
      }
    }
  }
  return false;
}

bool SameProvider(const v1::Provider& a, const v1::Provider& b, std::string* difference) {
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  google::protobuf::util::MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  // Unset and default compare equal: proto3 keeps -0.0 as set, and protobuf's
  // JSON parser reads "-0" as 0.
  differencer.set_message_field_comparison(google::protobuf::util::MessageDifferencer::EQUIVALENT);
  differencer.ReportDifferencesToString(difference);
  return differencer.Compare(a, b);
}

// The provider as vendormatchctl prints it reads back as itself.
void CheckReadsBack(const v1::Provider& provider, absl::string_view context) {
  if (!WireValid(provider)) return;
  const std::string json = ctl::ToJson(provider, /*pretty=*/false);
  if (absl::StartsWith(json, "{\"error\"")) return;  // e.g. a timestamp out of range
  std::vector<ctl::Format> formats = {ctl::Format::kJson, ctl::Format::kJsonLines};
  if (!HasUnknownEnum(provider)) formats.push_back(ctl::Format::kYaml);
  for (const ctl::Format format : formats) {
    const std::string what =
        absl::StrCat("printed as JSON and read as format ", static_cast<int>(format), "\n", context,
                     "\nJSON: ", json);
    absl::StatusOr<std::vector<v1::Provider>> back = ctl::ParseProvidersText(json, format, "json");
    Check(back.ok(), "a printed provider does not read back",
          absl::StrCat(what, "\n", back.status().ToString()));
    Check(back->size() == 1, "a printed provider reads back as another number of providers", what);
    std::string difference;
    Check(SameProvider(provider, (*back)[0], &difference),
          "a printed provider reads back different", absl::StrCat(what, "\n", difference));
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  QuietProtobuf();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = AsText(data, size);
  absl::StatusOr<std::vector<ctl::ParsedProvider>> parsed =
      ctl::ParseProvidersTextDetailed(text, kFormat, kSource);
  if (Verbose()) {
    std::fprintf(stderr, "%s\n",
                 parsed.ok() ? absl::StrCat(parsed->size(), " providers").c_str()
                             : parsed.status().ToString().c_str());
  }
  if (!parsed.ok()) {
    Check(parsed.status().code() == absl::StatusCode::kInvalidArgument,
          "error is not INVALID_ARGUMENT", parsed.status().ToString());
    Check(absl::StartsWith(parsed.status().message(), kSource),
          "error message does not start with the source name", parsed.status().ToString());
    return 0;
  }
  const google::protobuf::Descriptor& descriptor = *v1::Provider::descriptor();
  for (const ctl::ParsedProvider& p : *parsed) {
    const std::string context = absl::StrCat(p.origin, ": ", p.provider.ShortDebugString(),
                                             "\nfields: ", absl::StrJoin(p.fields, ", "));
    Check(absl::StartsWith(p.origin, kSource), "origin does not start with the source name",
          context);
    for (size_t i = 0; i < p.fields.size(); ++i) {
      Check(descriptor.FindFieldByName(p.fields[i]) != nullptr, "fields names a non-field",
            context);
      Check(std::find(p.fields.begin(), p.fields.begin() + i, p.fields[i]) == p.fields.begin() + i,
            "fields repeats a field", context);
    }
    std::vector<const google::protobuf::FieldDescriptor*> set;
    p.provider.GetReflection()->ListFields(p.provider, &set);
    for (const google::protobuf::FieldDescriptor* field : set) {
      Check(std::find(p.fields.begin(), p.fields.end(), field->name()) != p.fields.end(),
            absl::StrCat("provider has ", field->name(), " set but fields does not list it"),
            context);
    }
  }
  for (size_t i = 0; i < parsed->size() && i < 3; ++i) {
    CheckReadsBack((*parsed)[i].provider, (*parsed)[i].origin);
  }
  return 0;
}
