// Internal to vm_provider_io: an RFC 4180 CSV reader and the flat provider
// column set of services/ctl/README.md.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/ctl/provider_io.h"

namespace vendormatch::ctl::internal {

// One CSV record.
struct CsvRecord {
  int row = 0;   // 1-based ordinal of the record in the file, blank ones included.
  int line = 0;  // 1-based line the record starts on.
  std::vector<std::string> fields;
};

// Splits `text` into records: fields separated by ',', records by LF or
// CRLF; a field in double quotes may hold commas, line breaks and doubled
// quotes (""). A UTF-8 byte order mark is skipped. Blank lines are counted as
// rows but not returned. A quote inside an unquoted field is kept as is.
// Errors: INVALID_ARGUMENT "<source> line L: ..." for an unterminated quoted
// field or text after a closing quote.
absl::StatusOr<std::vector<CsvRecord>> ReadCsv(absl::string_view text, absl::string_view source);

// Reads providers from CSV text: the first record is the header.
absl::StatusOr<std::vector<ParsedProvider>> ParseCsvProviders(absl::string_view text,
                                                              absl::string_view source);

// The documented column names, in documentation order.
const std::vector<std::string>& CsvColumnNames();

}  // namespace vendormatch::ctl::internal
