// Opaque page tokens (AIP-158): what a List call needs to resume, bound to
// the query it came from so a token cannot be replayed with another filter.
#pragma once

#include <cstdint>
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

// Tokens that carry one position (an offset into a list, or the id of the
// last row returned) for lists paged by position rather than by sort key.
std::string EncodePositionToken(absl::string_view query_hash, int64_t position);

// The position in `token`, or `when_empty` when the token is empty. Errors
// as DecodePageToken, and INVALID_ARGUMENT on "page_token" when the position
// is not a non-negative integer.
absl::StatusOr<int64_t> DecodePositionToken(absl::string_view token, absl::string_view query_hash,
                                            int64_t when_empty);

}  // namespace vendormatch
