#include "services/domain/page_token.h"

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_violations.h"

namespace vendormatch {

std::string EncodePageToken(const PageCursor& cursor) {
  nlohmann::json json = {{"q", cursor.query_hash}, {"k", cursor.last_key}, {"i", cursor.last_id}};
  return absl::WebSafeBase64Escape(json.dump());
}

absl::StatusOr<PageCursor> DecodePageToken(absl::string_view token, absl::string_view query_hash) {
  std::string text;
  if (!absl::WebSafeBase64Unescape(token, &text)) {
    return InvalidField("page_token", "malformed page token");
  }
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json["q"].is_string() || !json["k"].is_string() ||
      !json["i"].is_string()) {
    return InvalidField("page_token", "malformed page token");
  }
  PageCursor cursor{json["q"], json["k"], json["i"]};
  if (cursor.query_hash != query_hash) {
    return InvalidField("page_token",
                        "page token was issued for a different query; keep filter, order_by and "
                        "the other List fields unchanged between pages");
  }
  return cursor;
}

std::string EncodePositionToken(absl::string_view query_hash, int64_t position) {
  return EncodePageToken({std::string(query_hash), "", absl::StrCat(position)});
}

absl::StatusOr<int64_t> DecodePositionToken(absl::string_view token, absl::string_view query_hash,
                                            int64_t when_empty) {
  if (token.empty()) return when_empty;
  auto cursor = DecodePageToken(token, query_hash);
  if (!cursor.ok()) return cursor.status();
  int64_t position = 0;
  if (!absl::SimpleAtoi(cursor->last_id, &position) || position < 0) {
    return InvalidField("page_token", "malformed page token");
  }
  return position;
}

}  // namespace vendormatch
