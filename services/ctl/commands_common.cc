// What the command files share (commands_internal.h): reporting errors,
// reading input files, paging hints and update-mask paths.
#include <istream>
#include <iterator>
#include <ostream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/field_violations.h"
#include "services/common/grpc_status.h"
#include "services/ctl/commands_internal.h"

namespace vendormatch::ctl::commands_internal {
namespace {

// " (providers.csv row 5)" for a violation of "providers[3]..." when
// `origins` knows provider 3 + offset; "" otherwise.
std::string OriginHint(absl::string_view field, const std::vector<std::string>* origins,
                       size_t offset) {
  if (origins == nullptr || !absl::ConsumePrefix(&field, "providers[")) return "";
  const size_t end = field.find(']');
  size_t index;
  if (end == field.npos || !absl::SimpleAtoi(field.substr(0, end), &index)) return "";
  if (index + offset >= origins->size()) return "";
  return absl::StrCat(" (", (*origins)[index + offset], ")");
}

}  // namespace

// ---------------------------------------------------------------------------
// Errors.

int ReportRpcError(const CommandContext& ctx, const grpc::Status& status,
                   const std::vector<std::string>* origins, size_t offset) {
  const grpc::StatusCode code = status.error_code();
  const bool transport =
      code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED;
  if (transport && (!ctx.channel_ready || !ctx.channel_ready())) {
    *ctx.err << "vendormatchctl: cannot reach the vendormatch server at " << ctx.server
             << " (is it running? set --server or VENDORMATCH_SERVER): " << status.error_message()
             << "\n";
    return kExitUnreachable;
  }
  const absl::Status converted = FromGrpcStatus(status);
  *ctx.err << "vendormatchctl: " << absl::StatusCodeToString(converted.code()) << ": "
           << converted.message() << "\n";
  if (code == grpc::StatusCode::UNAUTHENTICATED && ctx.api_key.empty()) {
    *ctx.err << "  (no API key given: set VENDORMATCH_API_KEY or --api-key-file)\n";
  }
  for (const FieldViolation& violation : ViolationsOf(converted)) {
    *ctx.err << "  " << violation.field << ": " << violation.description
             << OriginHint(violation.field, origins, offset) << "\n";
  }
  return kExitFailure;
}

// A local failure (bad file, bad combination of inputs).
int Fail(const CommandContext& ctx, const absl::Status& status) {
  *ctx.err << "vendormatchctl: " << status.message() << "\n";
  return kExitFailure;
}

// ---------------------------------------------------------------------------
// Input files.

absl::StatusOr<std::vector<ParsedProvider>> ReadProviders(const CommandContext& ctx,
                                                          const std::string& file, Format format) {
  if (file != "-") return ParseProvidersFileDetailed(file, format);
  if (ctx.in == nullptr) return absl::InvalidArgumentError("standard input is not available");
  const std::string text{std::istreambuf_iterator<char>(*ctx.in), std::istreambuf_iterator<char>()};
  return ParseProvidersTextDetailed(text, format, "<stdin>");
}

// The single provider of `file`, or an error naming how many it holds.
absl::StatusOr<ParsedProvider> ReadOneProvider(const CommandContext& ctx, const std::string& file,
                                               Format format, absl::string_view command) {
  absl::StatusOr<std::vector<ParsedProvider>> parsed = ReadProviders(ctx, file, format);
  if (!parsed.ok()) return parsed.status();
  if (parsed->size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, " holds ", parsed->size(), " providers; ", command,
                     " takes exactly one (use `vendormatchctl import` for many)"));
  }
  return std::move(parsed->front());
}

// One message from a YAML or JSON file ("-" for standard input).
absl::Status ReadMessage(const CommandContext& ctx, const std::string& file, Format format,
                         google::protobuf::Message& message, std::vector<std::string>* fields) {
  if (file != "-") return ParseMessageFile(file, format, message, fields);
  if (ctx.in == nullptr) return absl::InvalidArgumentError("standard input is not available");
  const std::string text{std::istreambuf_iterator<char>(*ctx.in), std::istreambuf_iterator<char>()};
  return ParseMessageText(text, format, "<stdin>", message, fields);
}

// The requirement of a file, with the flags applied over it.
absl::StatusOr<v1::Requirement> ReadRequirement(const CommandContext& ctx,
                                                const RequirementInput& input) {
  v1::Requirement requirement;
  if (!input.file.empty()) {
    const absl::Status status = ReadMessage(ctx, input.file, input.format, requirement, nullptr);
    if (!status.ok()) return status;
  }
  ApplyRequirementOverlay(input.flags, requirement);
  return requirement;
}

// ---------------------------------------------------------------------------
// Output and update masks.

void PrintPageHint(const CommandContext& ctx, const std::string& next_page_token) {
  if (next_page_token.empty()) return;
  *ctx.out << "\nMore results: repeat with --page-token=" << next_page_token
           << " (or use --all).\n";
}

// snake_case for each path segment given as a proto or lowerCamel name of a
// field of `descriptor` (or of the messages it leads to).
std::string NormalizeMaskPath(const google::protobuf::Descriptor* descriptor,
                              absl::string_view path) {
  std::vector<std::string> segments;
  for (absl::string_view segment : absl::StrSplit(path, '.')) {
    const google::protobuf::FieldDescriptor* field = nullptr;
    if (descriptor != nullptr) {
      field = descriptor->FindFieldByName(std::string(segment));
      for (int i = 0; field == nullptr && i < descriptor->field_count(); ++i) {
        if (descriptor->field(i)->json_name() == segment) field = descriptor->field(i);
      }
    }
    segments.push_back(field != nullptr ? field->name() : std::string(segment));
    descriptor = field != nullptr ? field->message_type() : nullptr;
  }
  return absl::StrJoin(segments, ".");
}

}  // namespace vendormatch::ctl::commands_internal
