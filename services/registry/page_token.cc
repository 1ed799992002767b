#include "services/registry/page_token.h"

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
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

}  // namespace vendormatch
