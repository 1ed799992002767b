// The registry's rules on a provider record, shared by its source files:
// stamping revisions, the lifecycle, etags, which fields a client set or
// changed, request ids and the List order. Pure apart from the clock and
// the random ids; thread-safe.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/common/field_violations.h"
#include "services/storage/storage.h"
#include "vendormatch/v1/provider.pb.h"

namespace vendormatch {

inline constexpr size_t kMaxReasonLength = 1000;

// Fields the server owns; clients' values for them are ignored.
const std::set<std::string>& OutputOnlyFields();

// Now, to the microsecond (what PostgreSQL keeps, so a stored record reads
// back equal).
google::protobuf::Timestamp NowTimestamp();

// "p-" and 12 random hex digits.
std::string RandomProviderId();

// Sets name, revision, etag and update_time (and create_time at revision 1).
void StampRevision(v1::Provider& p, const std::string& id, int64_t revision,
                   const google::protobuf::Timestamp& now);

// Top-level fields a client set (output-only ones excluded).
std::vector<std::string> PopulatedFields(const v1::Provider& p);

// Writable top-level fields whose values differ between two records.
std::vector<std::string> ChangedFields(const v1::Provider& before, const v1::Provider& after);

// NOT_FOUND naming "providers/{id}".
absl::Status ProviderNotFound(absl::string_view id);

// ABORTED unless `client_etag` is empty or matches the current record's.
absl::Status CheckEtag(const std::string& client_etag, const v1::Provider& current);

// "active", "suspended", ...
std::string StatusWord(v1::Provider::Status s);

// The lifecycle: pending -> active <-> suspended; all but offboarded -> offboarded.
bool IsAllowedTransition(v1::Provider::Status from, v1::Provider::Status to);

// Normalises and validates a client's provider; violations get `prefix`.
void CheckProvider(v1::Provider& p, absl::string_view prefix, FieldViolations& out);

// A violation on "request_id" when it is too long.
void CheckRequestId(const std::string& request_id, FieldViolations& out);

struct ParsedOrder {
  ProviderOrder order = ProviderOrder::kId;
  bool descending = false;
  std::string canonical;  // what the page token binds to
};

// "name", "display_name", "create_time" or "update_time", optionally with
// "asc" or "desc". Errors: INVALID_ARGUMENT naming "order_by".
absl::StatusOr<ParsedOrder> ParseOrderBy(absl::string_view order_by);

}  // namespace vendormatch
