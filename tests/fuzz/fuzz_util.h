// Shared by the fuzz targets: input decoding and the checks that turn a
// broken promise into a crash libFuzzer reports.
#pragma once

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/text_format.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"
#include "services/common/field_violations.h"

namespace vendormatch::fuzz {

// Quiets protobuf's log (text-format parse errors, invalid UTF-8 notices):
// the fuzzers feed it junk on purpose.
inline void QuietProtobuf() { google::protobuf::SetLogHandler(nullptr); }

// Aborts, so libFuzzer saves the input, when `ok` is false.
inline void Check(bool ok, absl::string_view what, absl::string_view detail = "") {
  if (ok) return;
  std::fprintf(stderr, "\n*** fuzz check failed: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// True when VM_FUZZ_VERBOSE is set: the targets then print what they made
// of each input (for looking at one input: `VM_FUZZ_VERBOSE=1 <target> FILE`).
inline bool Verbose() {
  static const bool verbose = std::getenv("VM_FUZZ_VERBOSE") != nullptr;
  return verbose;
}

inline absl::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF), which every string field of a proto3 message on the wire is.
inline bool IsValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += n;
  }
  return true;
}

// `message` from protobuf text format; false when the text does not parse.
inline bool ParseTextProto(absl::string_view text, google::protobuf::Message& message) {
  google::protobuf::TextFormat::Parser parser;
  parser.AllowPartialMessage(true);
  return parser.ParseFromString(std::string(text), &message);
}

// True when every string in `message` is valid UTF-8, i.e. the message could
// have arrived over gRPC (proto3 parsing refuses anything else).
inline bool WireValid(const google::protobuf::Message& message) {
  std::unique_ptr<google::protobuf::Message> copy(message.New());
  return copy->ParseFromString(message.SerializeAsString());
}

// The message's bytes, deterministic (maps in key order), for comparing.
inline std::string Bytes(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return out;
}

// A status a server sends back must survive the trip: its message and every
// field violation in its BadRequest valid UTF-8 (clients in other languages
// refuse anything else).
inline void CheckStatusSendable(const absl::Status& status, absl::string_view context) {
  Check(IsValidUtf8(status.message()), "status message is not valid UTF-8",
        absl::StrCat(context, ": ", status.ToString()));
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  if (!payload) return;
  google::rpc::BadRequest bad_request;
  Check(bad_request.ParseFromString(std::string(*payload)),
        "BadRequest payload does not parse (invalid UTF-8?)",
        absl::StrCat(context, ": ", status.ToString()));
}

// A validator's rejection: INVALID_ARGUMENT and, for input that could come
// over the wire (`wire`: valid UTF-8; the violations travel as a serialised
// BadRequest), sendable with at least one violation, each on a field starting
// with `field_prefix`.
inline void CheckRejection(const absl::Status& status, bool wire, absl::string_view field_prefix,
                           absl::string_view context) {
  const std::string error = absl::StrCat(context, "\n", status.ToString());
  Check(status.code() == absl::StatusCode::kInvalidArgument, "rejection is not INVALID_ARGUMENT",
        error);
  if (!wire) return;
  CheckStatusSendable(status, error);
  const std::vector<FieldViolation> violations = ViolationsOf(status);
  Check(!violations.empty(), "rejection without field violations", error);
  for (const FieldViolation& v : violations) {
    Check(absl::StartsWith(v.field, field_prefix),
          absl::StrCat("violation not on a ", field_prefix, "… field"), error);
  }
}

}  // namespace vendormatch::fuzz
