// Reading providers from files an admin writes: YAML, JSON, JSON Lines and
// CSV. Used by vendormatchctl (create, update, import) and by tests of the
// client and the server.
//
// Contract, common to every format:
//  - The result is the providers in file order. Nothing is validated beyond
//    the shape of the data (field names, types, enum names, dates, numbers):
//    the server's validation (countries, catalogue codes, ...) is not run
//    here, so that its error messages stay the one source of truth.
//  - Errors are absl::Status INVALID_ARGUMENT (NOT_FOUND or PERMISSION_DENIED
//    for a file that cannot be read) whose message starts with the source
//    name and a location, for example
//      "providers.csv row 7, column delivery_centers: expected 6
//       '|'-separated parts, found 4"
//      "providers.yaml line 12, column 7: delivery_centers[0].headcount:
//       expected an integer, got \"many\""
//  - Pure functions apart from reading the file; thread-safe; no global
//    state. Nothing is owned by the caller beyond the returned values.
//
// YAML and JSON: the document is one provider object, a list of provider
// objects, or an object whose `providers` key holds that list (other keys
// there must be `nextPageToken`/`next_page_token`, so that the output of
// `vendormatchctl list --json` reads back). YAML may hold several documents
// separated by `---`. Field names are the proto's, in snake_case or
// lowerCamelCase; enums use the proto enum names (STATUS_ACTIVE,
// SERVICE_MODEL_KPO, ...); dates are {year, month, day} objects. As an
// extension a provider object may carry `id: acme`, read as
// `name: providers/acme`. YAML scalars are converted by the type of the proto
// field they land in, so `no`, `on`, `0800` or `1e3` stay strings in string
// fields, and yes/no/on/off/true/false are booleans in bool fields.
//
// JSON objects are first read by protobuf's JSON parser (fast; its rules:
// unknown enum numbers are kept, a key given twice keeps the last value);
// when it rejects one, the document is read with the YAML rules above, which
// either accept it or report the error with its line and column.
//
// JSON Lines: one provider object per non-blank line.
//
// CSV (RFC 4180): see services/ctl/README.md for the columns. A header row
// names the columns, in any order, each at most once; every later record is
// one provider. Rows are numbered as in a spreadsheet: the header is row 1.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch::ctl {

enum class Format {
  kAuto,       // By file extension; for text, sniffed (JSON, JSON Lines, else YAML).
  kYaml,       // .yaml, .yml
  kJson,       // .json
  kJsonLines,  // .jsonl, .ndjson
  kCsv,        // .csv (never sniffed)
};

// One provider read from a file, with what the file said about it.
struct ParsedProvider {
  vendormatch::v1::Provider provider;
  // Top-level Provider fields (proto snake_case names) the source set, in
  // source order, without duplicates. For CSV: the fields the header's
  // columns map to (rating -> quality, min_headcount -> minimum_engagement,
  // id -> name, ...). An `id` key counts as `name`.
  std::vector<std::string> fields;
  // Where it came from, for messages: "providers.csv row 7",
  // "providers.yaml line 12", "providers.json providers[3]".
  std::string origin;
};

// Parses "yaml", "yml", "json", "jsonl", "ndjson", "csv" (case-insensitive)
// or "auto". INVALID_ARGUMENT otherwise.
absl::StatusOr<Format> ParseFormatName(absl::string_view name);

// The format of a file by its extension; kAuto when the extension is unknown.
Format FormatFromPath(absl::string_view path);

// Reads and parses a file. With kAuto the extension decides, else the content
// is sniffed as by ParseProvidersText. Error messages name `path`.
absl::StatusOr<std::vector<vendormatch::v1::Provider>> ParseProvidersFile(
    absl::string_view path, Format format = Format::kAuto);

// Parses `text`. kAuto sniffs: JSON when it starts with '{' or '[' (JSON
// Lines when that fails and every line is an object), otherwise YAML; CSV is
// never guessed. `source` names the text in error messages.
absl::StatusOr<std::vector<vendormatch::v1::Provider>> ParseProvidersText(
    absl::string_view text, Format format = Format::kAuto, absl::string_view source = "input");

// As above, keeping the fields present and the origin of each provider.
absl::StatusOr<std::vector<ParsedProvider>> ParseProvidersFileDetailed(
    absl::string_view path, Format format = Format::kAuto);
absl::StatusOr<std::vector<ParsedProvider>> ParseProvidersTextDetailed(
    absl::string_view text, Format format = Format::kAuto, absl::string_view source = "input");

// One message of any type (a Requirement, a Profile, ...) from YAML or JSON,
// read by the rules of provider files above: proto or lowerCamel field
// names, enum value names or numbers, scalars typed by their field, dates as
// {year, month, day}; no `id` extension. The text holds one document whose
// top level is the message (an empty document is an error). kAuto sniffs
// JSON or YAML; kJsonLines and kCsv are refused. `message` is cleared first.
// `fields` (when not null) receives the top-level fields the text set, proto
// names, in source order. Errors: INVALID_ARGUMENT
// "<source> line L, column C: <path>: <problem>".
absl::Status ParseMessageText(absl::string_view text, Format format, absl::string_view source,
                              google::protobuf::Message& message,
                              std::vector<std::string>* fields = nullptr);
// As above from a file (NOT_FOUND or PERMISSION_DENIED when it cannot be
// read); with kAuto the extension decides, else the content is sniffed.
absl::Status ParseMessageFile(absl::string_view path, Format format,
                              google::protobuf::Message& message,
                              std::vector<std::string>* fields = nullptr);

// "acme" -> "providers/acme"; "providers/acme" unchanged. Empty stays empty.
std::string ProviderName(absl::string_view name_or_id);

}  // namespace vendormatch::ctl
