// Opaque page tokens (AIP-158): what a List call needs to resume, bound to
// the query it came from so a token cannot be replayed with another filter.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace vendormatch {

struct PageCursor {
  std::string query_hash;  // StableHash of everything that shapes the result
  std::string last_key;    // sort key of the last row returned
  std::string last_id;     // id of the last row returned (tie breaker)
};

// Encodes to URL-safe base64 text.
std::string EncodePageToken(const PageCursor& cursor);

// Decodes `token` and checks it was issued for `query_hash`. Errors:
// INVALID_ARGUMENT on field "page_token" when malformed or issued for a
// different query (filter, order_by, ... changed).
absl::StatusOr<PageCursor> DecodePageToken(absl::string_view token, absl::string_view query_hash);

}  // namespace vendormatch
